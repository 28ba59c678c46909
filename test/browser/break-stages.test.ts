// The parts the core fetches, served from another host (a CDN, set with `assetsUrl`) while the
// core itself is pinned with Subresource Integrity. The browser checks the integrity of a file
// from another origin only when it is fetched with CORS, so the parts must be fetched that way
// even when the core's own tag (same origin) needed no crossorigin attribute.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, DIST, POLL, banner, button, dialog, reopenButton, settled, useHarness } from './harness';

const h = useHarness();
const sri = (code: Buffer | string) => 'sha256-' + createHash('sha256').update(code).digest('base64');

describe('the parts served from another host with assetsUrl, SRI on the core', () => {
  for (const attribute of ['', ' crossorigin="anonymous"']) {
    it(`the interface and the dialog load from there and show (core tag${attribute || ' without crossorigin'})`, async () => {
      const s = await h.session();
      // "localhost" is the other host; it answers as a CDN does, with CORS allowed for everyone.
      const cdn = h.server.origin.replace('127.0.0.1', 'localhost') + '/';
      const served: string[] = [];
      await s.context.route(`${cdn}**`, async (route) => {
        const path = new URL(route.request().url()).pathname;
        served.push(path);
        await route.fulfill({ body: readFileSync(join(DIST, '..', path.slice(1))), contentType: 'text/javascript', headers: { 'Access-Control-Allow-Origin': '*' } });
      });
      const page = await s.open({
        config: { ...CONFIG, assetsUrl: cdn },
        noLibrary: true,
        head: `<script src="/consentgate.js" integrity="${sri(readFileSync(DIST))}"${attribute}></script>`,
      });
      await banner(page).waitFor();
      await button(banner(page), 'Preferences').click();
      await dialog(page).waitFor();
      expect(served.map((p) => p.replace(/\..*/, ''))).toEqual(['/consentgate-ui-en', '/consentgate-prefs']);
      expect(s.consoleErrors).toEqual([]);
      expect(s.pageErrors).toEqual([]);
    });
  }
});

describe('a part that failed to load once (offline for a moment)', () => {
  it('asked for again, it is fetched again: the reopen button then opens the preferences, and the failure was reported once', async () => {
    const s = await h.session();
    const first = await s.open();
    await banner(first).waitFor();
    await button(banner(first), 'Accept all').click();
    await first.close();

    let failures = 1;
    await s.context.route('**/consentgate-ui-en.*', (route) => (failures-- > 0 ? route.abort('internetdisconnected') : route.continue()));
    const page = await s.open();
    await settled(page);
    await reopenButton(page).click();
    await expect.poll(() => s.consoleErrors.filter((e) => e.startsWith('consentgate:')).length, POLL).toBe(1);
    expect(await dialog(page).count()).toBe(0);
    // Back online: the visitor clicks again.
    await reopenButton(page).click();
    await button(dialog(page), 'Reject all').click();
    await dialog(page).waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => window.ConsentGate.get()?.action)).toBe('reject-all');
    expect(s.consoleErrors.filter((e) => e.startsWith('consentgate:'))).toHaveLength(1);
    expect(s.pageErrors).toEqual([]);
  });
});

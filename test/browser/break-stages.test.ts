// The parts the core fetches, served from another host (a CDN, set with `assetsUrl`) while the
// core itself is pinned with Subresource Integrity. The browser checks the integrity of a file
// from another origin only when it is fetched with CORS, so the parts must be fetched that way
// even when the core's own tag (same origin) needed no crossorigin attribute.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG, DIST, banner, button, dialog, useHarness } from './harness';

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

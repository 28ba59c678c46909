// A config that passes validation but names a cookie the browser refuses to store: a `domain`
// the page is not on, or `"sameSite": "None"` (which needs Secure) on a plain-http site other
// than localhost. Every page would ask again and nothing would say why. The decision still holds
// on this page, and the console names the cause.
import { describe, expect, it } from 'vitest';
import { CONFIG, banner, button, settled, useHarness, waitForRan } from './harness';

const h = useHarness();

describe('a cookie the browser refuses to store', () => {
  it('cookie.domain of another site: one console error naming the cookie settings; the decision holds on this page', async () => {
    const s = await h.session();
    const page = await s.open({ config: { ...CONFIG, cookie: { domain: 'example.com' } } });
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    await waitForRan(page, 4);
    expect((await s.context.cookies()).filter((c) => c.name === 'consentgate')).toEqual([]);
    const ours = s.consoleErrors.filter((e) => e.startsWith('consentgate:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain('cookie');
    expect(await page.evaluate(() => window.ConsentGate.has('analytics'))).toBe(true);
  });

  it('a cookie the browser stores: no console error (control)', async () => {
    const s = await h.session();
    const page = await s.open();
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    await waitForRan(page, 4);
    await settled(page);
    expect(s.consoleErrors).toEqual([]);
  });
});

// Two consentgate configs on one origin, each with its own cookie (a shop under /shop with its own
// categories and `cookie.name`, the main site with the default): a decision on one is not a
// decision on the other, in the tabs already open as on the next page. The visitor saw the other
// banner's purposes, not these.
import { describe, expect, it } from 'vitest';
import { CONFIG, POLL, banner, button, pageHtml, settled, useHarness } from './harness';

const h = useHarness();

describe('two configs with their own cookie on one origin', () => {
  it('"Accept all" under one cookie name leaves the open tab of the other undecided', async () => {
    const s = await h.session();
    const shop = h.server.page(pageHtml({ config: { ...CONFIG, cookie: { name: 'shop_consent' } } }));
    const main = h.server.page(pageHtml());
    const a = await s.open(main);
    await banner(a).waitFor();
    const b = await s.open(shop);
    await banner(b).waitFor();
    await button(banner(b), 'Accept all').click();
    await banner(b).waitFor({ state: 'hidden' });
    // Give a message from the other tab every chance to arrive.
    await a.waitForTimeout(500);
    await settled(a);
    expect(await a.evaluate(() => window.ConsentGate.get())).toBeNull();
    expect(await banner(a).isVisible()).toBe(true);
    expect((await s.context.cookies()).map((c) => c.name).filter((n) => /consent/.test(n))).toEqual(['shop_consent']);
  });

  it('the same cookie name: the open tab follows (control)', async () => {
    const s = await h.session();
    const url = h.server.page(pageHtml());
    const a = await s.open(url);
    await banner(a).waitFor();
    const b = await s.open(url);
    await banner(b).waitFor();
    await button(banner(b), 'Accept all').click();
    await expect.poll(() => a.evaluate(() => window.ConsentGate.get()?.action), POLL).toBe('accept-all');
  });
});

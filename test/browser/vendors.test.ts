// The vendors' consent signals in Chromium: Microsoft UET and Clarity, the Meta Pixel and Matomo.
// Each vendor's usual snippet comes after the drop-in in <head>, as a site pastes it, and loads a
// local stand-in of the vendor's tag (test/browser/fixtures/vendors/) that records, in order,
// exactly what the tag receives.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONFIG, POLL, banner, button, dialog, settled, switchFor, useHarness } from './harness';

const h = useHarness();

const VENDORS = ['meta', 'uet', 'clarity', 'matomo'] as const;
type Vendor = (typeof VENDORS)[number];
type Log = Record<Vendor, unknown[][]>;

/** The snippets each vendor documents, with their tag's URL pointing at the local stand-in. */
const SNIPPETS = {
  meta: `<script>
!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?
n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!f._fbq)f._fbq=n;
n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,
document,'script','/fixtures/vendors/fbevents.js');
fbq('init', '1234567890');
fbq('track', 'PageView');
</script>`,
  uet: `<script>(function(w,d,t,r,u){var f,n,i;w[u]=w[u]||[],f=function(){var o={ti:"12345678", enableAutoSpaTracking: true};o.q=w[u],w[u]=new UET(o),w[u].push("pageLoad")},n=d.createElement(t),n.src=r,n.async=1,n.onload=n.onreadystatechange=function(){var s=this.readyState;s&&s!=="loaded"&&s!=="complete"||(f(),n.onload=n.onreadystatechange=null)},i=d.getElementsByTagName(t)[0],i.parentNode.insertBefore(n,i)})(window,document,"script","/fixtures/vendors/bat.js","uetq");</script>`,
  clarity: `<script type="text/javascript">
(function(c,l,a,r,i,t,y){
  c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};
  t=l.createElement(r);t.async=1;t.src="/fixtures/vendors/clarity.js?id="+i;
  y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);
})(window, document, "clarity", "script", "abcdefghij");
</script>`,
  matomo: `<script>
  var _paq = window._paq = window._paq || [];
  _paq.push(['trackPageView']);
  _paq.push(['enableLinkTracking']);
  (function() {
    var u="/fixtures/vendors/";
    _paq.push(['setTrackerUrl', u+'matomo.php']);
    _paq.push(['setSiteId', '1']);
    var d=document, g=d.createElement('script'), s=d.getElementsByTagName('script')[0];
    g.async=true; g.src=u+'matomo.js'; s.parentNode.insertBefore(g,s);
  })();
</script>`,
};
const HEAD = Object.values(SNIPPETS).join('\n');
const VENDOR_CONFIG = { ...CONFIG, microsoftConsentMode: true, metaPixel: true, matomo: true };

/** What each stand-in recorded, per vendor, in order (without the vendor name). */
const vendorLog = async (page: Page): Promise<Log> => {
  const all = await page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __vendor?: unknown[][] }).__vendor ?? [])) as unknown[][]);
  return Object.fromEntries(VENDORS.map((v) => [v, all.filter((e) => e[0] === v).map((e) => e.slice(1))])) as Log;
};

/** The tag's own first hit, which each stand-in records once the tag has read its queue. */
const FIRST_HIT: Record<Vendor, unknown[]> = { meta: ['track', 'PageView'], uet: ['pageLoad'], clarity: ['start'], matomo: ['trackPageView'] };
const SNIPPET_QUEUE = {
  meta: [
    ['init', '1234567890'],
    ['track', 'PageView'],
  ],
  uet: [['pageLoad']],
  clarity: [['start']],
  matomo: [['trackPageView'], ['enableLinkTracking'], ['setTrackerUrl', '/fixtures/vendors/matomo.php'], ['setSiteId', '1']],
};

/** Open the page and wait until every vendor's tag has loaded and read its queue. */
async function openWithTags(open: () => Promise<Page>): Promise<{ page: Page; log: Log }> {
  const page = await open();
  await expect
    .poll(async () => {
      const log = await vendorLog(page);
      return VENDORS.filter((v) => log[v].some((e) => JSON.stringify(e) === JSON.stringify(FIRST_HIT[v])));
    }, POLL)
    .toEqual([...VENDORS]);
  return { page, log: await vendorLog(page) };
}

/** Run `act`, then return what each vendor received since; checked to be exactly one command each. */
async function oneEach(page: Page, act: () => Promise<unknown>): Promise<Record<Vendor, unknown[]>> {
  const before = await vendorLog(page);
  await act();
  await expect
    .poll(async () => {
      const now = await vendorLog(page);
      return VENDORS.filter((v) => now[v].length > before[v].length);
    }, POLL)
    .toEqual([...VENDORS]);
  await settled(page);
  const now = await vendorLog(page);
  const added = Object.fromEntries(VENDORS.map((v) => [v, now[v].slice(before[v].length)])) as Log;
  for (const v of VENDORS) expect(added[v], `${v} got exactly one update`).toHaveLength(1);
  return Object.fromEntries(VENDORS.map((v) => [v, added[v][0]])) as Record<Vendor, unknown[]>;
}

/** The one command each vendor receives for a state: Meta's verb, UET's ad_storage, Clarity's two, Matomo's verb. */
const update = (ads: boolean, analytics: boolean): Record<Vendor, unknown[]> => {
  const state = (on: boolean) => (on ? 'granted' : 'denied');
  return {
    meta: ['consent', ads ? 'grant' : 'revoke'],
    uet: ['consent', 'update', { ad_storage: state(ads) }],
    clarity: ['consentv2', { ad_Storage: state(ads), analytics_Storage: state(analytics) }],
    matomo: [analytics ? 'setConsentGiven' : 'forgetConsentGiven'],
  };
};

const DENIED = { meta: ['consent', 'revoke'], uet: ['consent', 'default', { ad_storage: 'denied' }], clarity: ['consentv2', { ad_Storage: 'denied', analytics_Storage: 'denied' }], matomo: ['requireConsent'] };

describe('vendor consent signals in Chromium', () => {
  it('a first visit: the refused default reaches each tag before its own commands, and the Meta base code still loads its script', async () => {
    const s = await h.session();
    const { page, log } = await openWithTags(() => s.open({ config: VENDOR_CONFIG, head: HEAD }));
    await banner(page).waitFor();
    for (const v of VENDORS) expect(log[v], v).toEqual([DENIED[v], ...SNIPPET_QUEUE[v]]);
    // Meta's base code ran in full (consentgate did not define fbq): it fetched its script once.
    expect(h.server.paths().filter((p) => p === '/fixtures/vendors/fbevents.js')).toHaveLength(1);
    expect(await page.evaluate(() => typeof (window as unknown as { fbq?: unknown }).fbq)).toBe('function');
    expect(s.offOrigin).toEqual([]);
  });

  it('each kind of decision sends exactly one update to each vendor, with the values of that decision', async () => {
    const s = await h.session();
    const { page } = await openWithTags(() => s.open({ config: VENDOR_CONFIG, head: HEAD }));
    const settings = async (): Promise<void> => {
      await page.locator('#footer-settings').click();
      await dialog(page).waitFor();
    };

    // Reject all on the first layer.
    expect(await oneEach(page, () => button(banner(page), 'Reject all').click())).toEqual(update(false, false));
    // Custom: analytics only, from the dialog.
    expect(
      await oneEach(page, async () => {
        await settings();
        await switchFor(dialog(page), 'Analytics').click();
        await button(dialog(page), 'Save choices').click();
      }),
    ).toEqual(update(false, true));
    // Accept all.
    expect(await oneEach(page, async () => (await settings(), button(dialog(page), 'Accept all').click()))).toEqual(update(true, true));
    // Withdrawal: marketing switched off again.
    expect(
      await oneEach(page, async () => {
        await settings();
        await switchFor(dialog(page), 'Marketing').click();
        await button(dialog(page), 'Save choices').click();
      }),
    ).toEqual(update(false, true));
    // Custom: marketing only (Matomo is told to forget its consent, the ad signals are granted).
    expect(
      await oneEach(page, async () => {
        await settings();
        await switchFor(dialog(page), 'Analytics').click();
        await switchFor(dialog(page), 'Marketing').click();
        await button(dialog(page), 'Save choices').click();
      }),
    ).toEqual(update(true, false));
    // Reset: no decision any more, so every vendor is refused again.
    expect(await oneEach(page, () => page.evaluate(() => (window as unknown as { ConsentGate: { reset(): void } }).ConsentGate.reset()))).toEqual(
      update(false, false),
    );
    await banner(page).waitFor();
  });

  it('a returning visitor: the stored decision reaches each tag before its first hit', async () => {
    const s = await h.session();
    const first = await s.open({ config: VENDOR_CONFIG });
    await button(banner(first), 'Preferences').click();
    await switchFor(dialog(first), 'Analytics').click();
    await button(dialog(first), 'Save choices').click();
    await first.close();

    let { log } = await openWithTags(() => s.open({ config: VENDOR_CONFIG, head: HEAD }));
    const analyticsOnly = update(false, true);
    expect(log).toEqual({
      meta: [analyticsOnly.meta, ...SNIPPET_QUEUE.meta],
      uet: [DENIED.uet, analyticsOnly.uet, ...SNIPPET_QUEUE.uet],
      clarity: [analyticsOnly.clarity, ...SNIPPET_QUEUE.clarity],
      matomo: [DENIED.matomo, analyticsOnly.matomo, ...SNIPPET_QUEUE.matomo],
    });

    // After "Accept all", the next page starts granted everywhere.
    const page = await s.open({ config: VENDOR_CONFIG });
    await page.locator('#footer-settings').click();
    await button(dialog(page), 'Accept all').click();
    await page.close();
    ({ log } = await openWithTags(() => s.open({ config: VENDOR_CONFIG, head: HEAD })));
    const all = update(true, true);
    expect(log).toEqual({
      meta: [all.meta, ...SNIPPET_QUEUE.meta],
      uet: [DENIED.uet, all.uet, ...SNIPPET_QUEUE.uet],
      clarity: [all.clarity, ...SNIPPET_QUEUE.clarity],
      matomo: [DENIED.matomo, all.matomo, ...SNIPPET_QUEUE.matomo],
    });
  });

  it('init() called after the page parsed gated snippets: a stored grant reaches each vendor ahead of the snippet it releases', async () => {
    const s = await h.session();
    const first = await s.open({ config: VENDOR_CONFIG });
    await button(banner(first), 'Accept all').click();
    await first.close();
    // The snippets gated by category, then a late init() (as a bundle at the end of <body> would do).
    const gated = (category: string, snippet: string) => snippet.replace('<script>', `<script type="text/plain" data-category="${category}">`).replace('<script type="text/javascript">', `<script type="text/plain" data-category="${category}">`);
    const body = `${gated('marketing', SNIPPETS.meta)}${gated('marketing', SNIPPETS.uet)}${gated('analytics', SNIPPETS.clarity)}${gated('analytics', SNIPPETS.matomo)}
<script>ConsentGate.init(${JSON.stringify(VENDOR_CONFIG)})</script>`;
    const { log } = await openWithTags(() => s.open({ config: null, body }));
    const all = update(true, true);
    // Each vendor hears the stored grant before the gate releases its snippet, so the grant is
    // queued ahead of the snippet's own first hit, as on a page where init() comes first.
    expect(log.meta).toEqual([all.meta, ...SNIPPET_QUEUE.meta]);
    expect(log.uet).toEqual([DENIED.uet, all.uet, ...SNIPPET_QUEUE.uet]);
    expect(log.clarity).toEqual([all.clarity, ...SNIPPET_QUEUE.clarity]);
    expect(log.matomo).toEqual([DENIED.matomo, all.matomo, ...SNIPPET_QUEUE.matomo]);
  });

  it('a decision from another tab sends exactly one update to each vendor in this tab', async () => {
    const s = await h.session();
    const { page: one } = await openWithTags(() => s.open({ config: VENDOR_CONFIG, head: HEAD }));
    const { page: two } = await openWithTags(() => s.open({ config: VENDOR_CONFIG, head: HEAD }));
    expect(await oneEach(one, () => button(banner(two), 'Accept all').click())).toEqual(update(true, true));
    expect(
      await oneEach(two, async () => {
        await one.locator('#footer-settings').click();
        await button(dialog(one), 'Reject all').click();
      }),
    ).toEqual(update(false, false));
    expect(await oneEach(two, () => one.evaluate(() => (window as unknown as { ConsentGate: { reset(): void } }).ConsentGate.reset()))).toEqual(update(false, false));
  });

  it('Matomo with cookiesOnly: the cookie consent family, so Matomo measures without cookies before consent', async () => {
    const s = await h.session();
    const config = { ...CONFIG, matomo: { cookiesOnly: true } };
    const { page, log } = await openWithTags(() => s.open({ config, head: HEAD }));
    expect(log.matomo).toEqual([['requireCookieConsent'], ...SNIPPET_QUEUE.matomo]);
    const before = (await vendorLog(page)).matomo.length;
    await button(banner(page), 'Accept all').click();
    await page.locator('#footer-settings').click();
    await button(dialog(page), 'Reject all').click();
    await expect.poll(async () => (await vendorLog(page)).matomo.slice(before), POLL).toEqual([['setCookieConsentGiven'], ['forgetCookieConsentGiven']]);
    // Only the vendors that are switched on get signals.
    expect(log.meta).toEqual(SNIPPET_QUEUE.meta);
    expect(log.uet).toEqual(SNIPPET_QUEUE.uet);
    expect(log.clarity).toEqual(SNIPPET_QUEUE.clarity);
  });
});

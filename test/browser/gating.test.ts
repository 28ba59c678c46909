// Nothing gated before a decision (ePrivacy Directive art. 5(3)), the accept, reject and custom
// flows, order behind a slow external script, no other origin, Consent Mode before the tags.
import { describe, expect, it } from 'vitest';
import {
  CONFIG,
  POLL,
  GATED_URLS,
  banner,
  button,
  consentCommands,
  cookieNames,
  dataLayer,
  dialog,
  events,
  ran,
  settled,
  storageKeys,
  switchFor,
  useHarness,
  waitForRan,
  type Session,
} from './harness';
import type { Page } from 'playwright-core';

const h = useHarness();
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const ALL_SIGNALS = [
  'ad_personalization',
  'ad_storage',
  'ad_user_data',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];

// What a Google Tag Manager snippet does first, placed after consentgate in <head> as the README says.
const GTM_SNIPPET = `<script>window.dataLayer = window.dataLayer || []; dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });</script>`;

const gatedRequests = () => h.server.paths().filter((p) => GATED_URLS.some((g) => p.startsWith(g)));

async function openFresh(): Promise<{ s: Session; page: Page }> {
  const s = await h.session();
  const page = await s.open();
  await banner(page).waitFor();
  return { s, page };
}

const record = (page: Page) =>
  page.evaluate(() => (window as unknown as { ConsentGate: { get(): unknown } }).ConsentGate.get()) as Promise<{
    id: string;
    action: string;
    categories: Record<string, boolean>;
    gpc: boolean;
    revision: number;
    timestamp: string;
    expires: string;
  } | null>;

describe('before a decision', () => {
  it('runs nothing gated, writes no cookie or storage, requests no gated URL, and leaves the page usable', async () => {
    const before = gatedRequests().length;
    const { s, page } = await openFresh();
    await settled(page);

    expect(await ran(page)).toEqual([]);
    expect(await cookieNames(s.context)).toEqual([]);
    expect(await storageKeys(page)).toEqual([]);
    expect(gatedRequests().length).toBe(before);
    expect(await page.locator('#pixel').getAttribute('src')).toBeNull();
    expect(await page.locator('#video').getAttribute('src')).toBeNull();
    expect(s.offOrigin).toEqual([]);

    // No cookie wall: the page behind works while the banner is up.
    await page.locator('#name').fill('Ada');
    expect(await page.locator('#name').inputValue()).toBe('Ada');
    await page.locator('#page-button').click();
    expect(await page.locator('#count').textContent()).toBe('1');
    const overflow = await page.evaluate(() => [getComputedStyle(document.body).overflow, getComputedStyle(document.documentElement).overflow]);
    expect(overflow).not.toContain('hidden');

    // Still nothing after using the page.
    expect(await ran(page)).toEqual([]);
    expect(await cookieNames(s.context)).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it('sets Consent Mode defaults (all denied but security) before any tag command in dataLayer', async () => {
    const s = await h.session();
    const page = await s.open({ head: GTM_SNIPPET });
    await banner(page).waitFor();
    const layer = await dataLayer(page);
    const defaultAt = layer.findIndex((e) => Array.isArray(e) && e[0] === 'consent' && e[1] === 'default');
    const gtmAt = layer.findIndex((e) => (e as { event?: string }).event === 'gtm.js');
    expect(defaultAt).toBeGreaterThanOrEqual(0);
    expect(gtmAt).toBeGreaterThan(defaultAt);
    const commands = await consentCommands(page);
    expect(commands[0]?.[0]).toBe('default');
    const defaults = commands[0]?.[1] ?? {};
    expect(Object.keys(defaults).filter((k) => ALL_SIGNALS.includes(k)).sort()).toEqual(ALL_SIGNALS);
    for (const signal of ALL_SIGNALS) expect(defaults[signal], signal).toBe(signal === 'security_storage' ? 'granted' : 'denied');
    expect(commands.filter(([kind]) => kind === 'update')).toEqual([]);
  });
});

describe('accept all', () => {
  it('runs every category in document order, loads the gated URLs and stores one first-party cookie', async () => {
    const { s, page } = await openFresh();
    await button(banner(page), 'Accept all').click();
    await banner(page).waitFor({ state: 'hidden' });
    const order = await waitForRan(page, 4);
    expect(order).toEqual(['preferences', 'analytics', 'analytics-ext', 'marketing']);
    await page.waitForFunction(() => document.querySelector('#video')?.getAttribute('src'));
    expect(await page.locator('#pixel').getAttribute('src')).toBe('/img/marketing-pixel.svg');
    expect(await page.locator('#video').getAttribute('src')).toBe('/frame/marketing-video.html');

    const names = await cookieNames(s.context);
    expect(names).toEqual(expect.arrayContaining(['consentgate', '_ga', '_ga_TEST', '_fbp', 'fx_pref']));

    // The consent cookie: first-party, Path=/, SameSite=Lax, not Secure on http, expiring with the decision.
    const cookie = (await s.context.cookies()).find((c) => c.name === 'consentgate');
    expect(cookie).toMatchObject({ path: '/', sameSite: 'Lax', secure: false, domain: '127.0.0.1' });
    const days = ((cookie?.expires ?? 0) - Date.now() / 1000) / 86_400;
    expect(days).toBeGreaterThan(181);
    expect(days).toBeLessThan(183);
    expect(Buffer.byteLength(`${cookie?.name}=${cookie?.value}`)).toBeLessThanOrEqual(300);

    const rec = await record(page);
    expect(rec?.id).toMatch(UUID_V4);
    expect(rec?.action).toBe('accept-all');
    expect(rec?.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: true });
    const consent = (await events(page)).filter((e) => e.type === 'consent');
    expect(consent).toHaveLength(1);
    expect(consent[0]?.detail.id).toBe(rec?.id);

    // Exactly one Consent Mode update for the decision, with every signal.
    const updates = (await consentCommands(page)).filter(([kind]) => kind === 'update');
    expect(updates).toHaveLength(1);
    const update = updates[0]?.[1] ?? {};
    for (const signal of ALL_SIGNALS) expect(update[signal], signal).toBe('granted');
    expect(s.offOrigin).toEqual([]);
  });

  it('applies a stored decision on the next page load without showing the banner', async () => {
    const { s, page } = await openFresh();
    await button(banner(page), 'Accept all').click();
    await waitForRan(page, 4);
    const first = await record(page);
    const next = await s.open({ head: GTM_SNIPPET });
    await waitForRan(next, 4);
    await settled(next);
    expect(await banner(next).isVisible()).toBe(false);
    expect(await ran(next)).toEqual(['preferences', 'analytics', 'analytics-ext', 'marketing']);
    expect((await record(next))?.id).toBe(first?.id);
    // On load the stored choice reaches Consent Mode right after the defaults.
    const commands = await consentCommands(next);
    expect(commands.map(([kind]) => kind).slice(0, 2)).toEqual(['default', 'update']);
    // ...and before the tag manager starts (Google Consent Mode: defaults before any tag).
    const layer = await dataLayer(next);
    const updateAt = layer.findIndex((e) => Array.isArray(e) && e[0] === 'consent' && e[1] === 'update');
    expect(layer.findIndex((e) => (e as { event?: string }).event === 'gtm.js')).toBeGreaterThan(updateAt);
  });
});

describe('reject all', () => {
  it('runs only the refusal fallbacks, sets no gated cookie and keeps the page working', async () => {
    const before = gatedRequests().length;
    const { s, page } = await openFresh();
    await button(banner(page), 'Reject all').click();
    await banner(page).waitFor({ state: 'hidden' });
    expect(await waitForRan(page, 1)).toEqual(['no-marketing']);
    await settled(page);
    expect(await ran(page)).toEqual(['no-marketing']);
    expect(await cookieNames(s.context)).toEqual(['consentgate']);
    expect(await storageKeys(page)).toEqual([]);
    expect(gatedRequests().length).toBe(before);
    const rec = await record(page);
    expect(rec?.action).toBe('reject-all');
    expect(rec?.categories).toEqual({ necessary: true, preferences: false, analytics: false, marketing: false });
    const update = (await consentCommands(page)).filter(([kind]) => kind === 'update').at(-1)?.[1] ?? {};
    for (const signal of ALL_SIGNALS) expect(update[signal], signal).toBe(signal === 'security_storage' ? 'granted' : 'denied');
    await page.locator('#page-button').click();
    expect(await page.locator('#count').textContent()).toBe('1');
  });
});

describe('custom choice', () => {
  it('starts with every optional switch off and saves exactly what was switched on', async () => {
    const { s, page } = await openFresh();
    await button(banner(page), 'Preferences').click();
    const prefs = dialog(page);
    await prefs.waitFor();
    for (const label of ['Preferences', 'Analytics', 'Marketing']) {
      expect(await switchFor(prefs, label).getAttribute('aria-checked'), label).toBe('false');
    }
    const necessary = switchFor(prefs, 'Necessary');
    expect(await necessary.getAttribute('aria-checked')).toBe('true');
    expect((await necessary.isDisabled()) || (await necessary.getAttribute('aria-disabled')) === 'true').toBe(true);

    await switchFor(prefs, 'Analytics').click();
    expect(await switchFor(prefs, 'Analytics').getAttribute('aria-checked')).toBe('true');
    expect(await ran(page)).toEqual([]); // flipping a switch is not a decision
    await button(prefs, 'Save choices').click();

    expect(await waitForRan(page, 3)).toEqual(['analytics', 'analytics-ext', 'no-marketing']);
    const rec = await record(page);
    expect(rec?.action).toBe('custom');
    expect(rec?.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
    const names = await cookieNames(s.context);
    expect(names).toEqual(expect.arrayContaining(['consentgate', '_ga', '_ga_TEST']));
    expect(names).not.toContain('_fbp');
    expect(names).not.toContain('fx_pref');
    const update = (await consentCommands(page)).filter(([kind]) => kind === 'update').at(-1)?.[1] ?? {};
    expect(update).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
  });
});

const run = (name: string) => `(window.__ran=window.__ran||[]).push('${name}')`;
const ORDER_BODY = `
<main><h1>Order</h1></main>
<script type="text/plain" data-category="analytics">${run('a1')}</script>
<script type="text/plain" data-category="analytics" src="/js/slow.js?delay=700"></script>
<script type="text/plain" data-category="analytics">${run('a3')}</script>
<script type="text/plain" data-category="analytics" src="/js/fast.js"></script>
<script type="text/plain" data-category="analytics" src="/js/broken.js?status=500"></script>
<script type="text/plain" data-category="analytics">${run('after-broken')}</script>
<script type="text/plain" data-category="marketing">${run('m')}</script>
<script type="text/plain" data-category="analytics marketing">${run('both')}</script>
<script type="text/plain" data-category="analytics" data-type="module" id="mod" class="tag-a" data-extra="x">${run('module:')}; window.__ran.push(typeof import.meta)</script>`;

describe('order behind a slow external script', () => {
  it('keeps document order after Accept all, and a failing script does not stop the rest', async () => {
    const s = await h.session();
    const page = await s.open({ body: ORDER_BODY });
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    const order = await waitForRan(page, 9);
    expect(order).toEqual(['a1', 'slow', 'a3', 'fast', 'after-broken', 'm', 'both', 'module:', 'object']);
    // The re-created script keeps its attributes; data-type becomes its type.
    const mod = await page.locator('#mod').evaluate((el) => [(el as HTMLScriptElement).type, el.className, (el as HTMLElement).dataset.extra]);
    expect(mod).toEqual(['module', 'tag-a', 'x']);
  });

  it('keeps the same order for a custom choice and on the next page load', async () => {
    const s = await h.session();
    const page = await s.open({ body: ORDER_BODY });
    await banner(page).waitFor();
    await button(banner(page), 'Preferences').click();
    await switchFor(dialog(page), 'Analytics').click();
    await button(dialog(page), 'Save choices').click();
    const expected = ['a1', 'slow', 'a3', 'fast', 'after-broken', 'module:', 'object'];
    expect(await waitForRan(page, expected.length)).toEqual(expected);
    const again = await s.open({ body: ORDER_BODY });
    expect(await waitForRan(again, expected.length)).toEqual(expected);
  });

  it('runs each element at most once per page load', async () => {
    const s = await h.session();
    const page = await s.open({ body: ORDER_BODY });
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    await waitForRan(page, 9);
    await page.evaluate(() => {
      const cg = (window as unknown as { ConsentGate: { rejectAll(): void; acceptAll(): void } }).ConsentGate;
      cg.rejectAll();
      cg.acceptAll();
    });
    await settled(page);
    expect(await ran(page)).toEqual(['a1', 'slow', 'a3', 'fast', 'after-broken', 'm', 'both', 'module:', 'object']);
  });
});

describe('network', () => {
  it('requests nothing from another origin, before or after a decision', async () => {
    const { s, page } = await openFresh();
    await button(banner(page), 'Preferences').click();
    await dialog(page).waitFor();
    await button(dialog(page), 'Accept all').click();
    await waitForRan(page, 4);
    await page.reload();
    await waitForRan(page, 4);
    expect(s.offOrigin).toEqual([]);
  });

  it('posts a consent receipt to the same-origin logEndpoint after a decision, never before', async () => {
    const s = await h.session();
    const page = await s.open({ config: { ...CONFIG, logEndpoint: '/consent' } });
    await banner(page).waitFor();
    const posts = () => h.server.log.filter((r) => r.method === 'POST' && r.path === '/consent');
    const before = posts().length;
    await settled(page);
    expect(posts().length).toBe(before);
    await button(banner(page), 'Reject all').click();
    const rec = await record(page);
    await expect.poll(() => posts().length, POLL).toBe(before + 1);
    expect(posts().at(-1)?.body).toContain(rec?.id);
    expect(s.offOrigin).toEqual([]);
  });
});

// Global Privacy Control (navigator.globalPrivacyControl and the Sec-GPC header) keeps
// marketing off (W3C GPC draft).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CONFIG, banner, button, consentCommands, cookieNames, dialog, ran, settled, switchFor, useHarness, waitForRan } from './harness';

const h = useHarness();

/** A context that sends GPC the way a GPC browser does: the JS property and the request header. */
async function gpcSession() {
  const s = await h.session({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
  await s.context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
  });
  return s;
}

const record = (page: Page) =>
  page.evaluate(() => (window as unknown as { ConsentGate: { get(): { gpc: boolean; categories: Record<string, boolean>; action: string } | null } }).ConsentGate.get());

const GPC_NOTICE = /Global Privacy Control/i;

describe('Global Privacy Control', () => {
  it('"Accept all" leaves marketing off, says so, and records gpc: true', async () => {
    const s = await gpcSession();
    const page = await s.open();
    expect(h.server.log.at(-1)?.headers['sec-gpc']).toBe('1');
    expect(await page.evaluate(() => (navigator as unknown as { globalPrivacyControl?: boolean }).globalPrivacyControl)).toBe(true);
    await banner(page).waitFor();
    expect(await banner(page).textContent()).toMatch(GPC_NOTICE);

    await button(banner(page), 'Accept all').click();
    expect(await waitForRan(page, 4)).toEqual(['preferences', 'analytics', 'analytics-ext', 'no-marketing']);
    await settled(page);
    expect(await ran(page)).not.toContain('marketing');
    expect(await cookieNames(s.context)).not.toContain('_fbp');
    expect(await page.locator('#pixel').getAttribute('src')).toBeNull();
    const rec = await record(page);
    expect(rec?.gpc).toBe(true);
    expect(rec?.categories).toEqual({ necessary: true, preferences: true, analytics: true, marketing: false });
    const update = (await consentCommands(page)).filter(([kind]) => kind === 'update').at(-1)?.[1] ?? {};
    expect(update).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
  });

  it('the preferences show marketing off with the notice, and switching it on there is honoured', async () => {
    const s = await gpcSession();
    const page = await s.open();
    await banner(page).waitFor();
    await button(banner(page), 'Preferences').click();
    const prefs = dialog(page);
    await prefs.waitFor();
    expect(await prefs.textContent()).toMatch(GPC_NOTICE);
    expect(await switchFor(prefs, 'Marketing').getAttribute('aria-checked')).toBe('false');
    await switchFor(prefs, 'Marketing').click();
    await button(prefs, 'Save choices').click();
    expect(await waitForRan(page, 1)).toEqual(['marketing']);
    const rec = await record(page);
    expect(rec?.categories.marketing).toBe(true);
    expect(rec?.gpc).toBe(true);
  });

  it('without GPC, "Accept all" grants marketing and shows no GPC notice (control)', async () => {
    const s = await h.session();
    const page = await s.open();
    await banner(page).waitFor();
    expect(await banner(page).textContent()).not.toMatch(GPC_NOTICE);
    await button(banner(page), 'Accept all').click();
    expect(await waitForRan(page, 4)).toContain('marketing');
    expect((await record(page))?.gpc).toBe(false);
  });

  it('with respectGPC: false the signal is not applied', async () => {
    const s = await gpcSession();
    const page = await s.open({ config: { ...CONFIG, respectGPC: false } });
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    expect(await waitForRan(page, 4)).toContain('marketing');
  });
});

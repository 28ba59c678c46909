// Withdrawal from the footer trigger deletes the category's cookies and fires `change`
// (GDPR art. 7(3): as easy to withdraw as to give).
import { describe, expect, it } from 'vitest';
import { CONFIG, POLL, banner, button, consentCommands, cookieNames, dialog, events, ran, reopenButton, settled, switchFor, useHarness, waitForRan } from './harness';

const h = useHarness();

async function accepted() {
  const s = await h.session();
  const page = await s.open();
  await banner(page).waitFor();
  await button(banner(page), 'Accept all').click();
  await waitForRan(page, 4);
  // A cookie of the family that arrived from elsewhere (e.g. set by a server) is erased too.
  await s.context.addCookies([{ name: '_ga_SERVER', value: 'GS1.1.2', url: h.server.origin }]);
  expect(await cookieNames(s.context)).toEqual(['_fbp', '_ga', '_ga_SERVER', '_ga_TEST', 'consentgate', 'fx_pref']);
  return { s, page };
}

const record = (page: import('playwright-core').Page) =>
  page.evaluate(() => (window as unknown as { ConsentGate: { get(): { id: string; categories: Record<string, boolean> } | null } }).ConsentGate.get());

describe('withdrawal', () => {
  it('from the footer trigger: switching analytics off deletes its cookies at once and fires change', async () => {
    const { s, page } = await accepted();
    const before = await record(page);
    await page.locator('#footer-settings').click();
    const prefs = dialog(page);
    await prefs.waitFor();
    // The dialog shows the current decision: everything on, and its id.
    for (const label of ['Preferences', 'Analytics', 'Marketing']) {
      expect(await switchFor(prefs, label).getAttribute('aria-checked'), label).toBe('true');
    }
    expect(await prefs.textContent()).toContain(before?.id);

    await switchFor(prefs, 'Analytics').click();
    expect(await switchFor(prefs, 'Analytics').getAttribute('aria-checked')).toBe('false');
    await button(prefs, 'Save choices').click();

    await expect.poll(() => cookieNames(s.context), POLL).toEqual(['_fbp', 'consentgate', 'fx_pref']);
    const change = (await events(page)).filter((e) => e.type === 'change');
    expect(change).toHaveLength(1);
    expect(change[0]?.detail).toMatchObject({ granted: [], revoked: ['analytics'] });
    expect(change[0]?.detail.record.categories).toEqual({ necessary: true, preferences: true, analytics: false, marketing: true });
    // The id is kept across changes.
    expect((await record(page))?.id).toBe(before?.id);
    const update = (await consentCommands(page)).filter(([kind]) => kind === 'update').at(-1)?.[1] ?? {};
    expect(update).toMatchObject({ analytics_storage: 'denied', ad_storage: 'granted' });
    // A status message says it was saved.
    await page.locator('#consentgate').getByRole('status').filter({ hasText: /\S/ }).first().waitFor({ state: 'attached' });

    // From the next page load on, analytics code does not run.
    const next = await s.open();
    await waitForRan(next, 2);
    await settled(next);
    expect(await ran(next)).toEqual(['preferences', 'marketing']);
    expect(await cookieNames(s.context)).toEqual(['_fbp', 'consentgate', 'fx_pref']);
  });

  it('is as easy as consent: the reopen button and "Reject all" remove every gated cookie', async () => {
    const { s, page } = await accepted();
    await reopenButton(page).click();
    await dialog(page).waitFor();
    await button(dialog(page), 'Reject all').click();
    await expect.poll(() => cookieNames(s.context), POLL).toEqual(['consentgate']);
    const change = (await events(page)).filter((e) => e.type === 'change').at(-1);
    expect([...(change?.detail.revoked ?? [])].sort()).toEqual(['analytics', 'marketing', 'preferences']);
    expect(change?.detail.granted).toEqual([]);
    const update = (await consentCommands(page)).filter(([kind]) => kind === 'update').at(-1)?.[1] ?? {};
    expect(update).toMatchObject({ analytics_storage: 'denied', ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied' });
  });

  it('a refused category\'s __Secure- and __Host- cookies are erased too (the browser takes their erasing only with Secure)', async () => {
    const s = await h.session();
    // Set by the site's own script before consentgate ran (loopback http takes Secure, as in development).
    const plain = await s.open({ config: null });
    await plain.evaluate(() => {
      document.cookie = '__Secure-an_id=1; path=/; secure';
      document.cookie = '__Host-an_session=1; path=/; secure';
    });
    expect(await cookieNames(s.context)).toEqual(['__Host-an_session', '__Secure-an_id']);
    const analytics = { ...CONFIG.categories.analytics, cookies: [{ name: '__Secure-an_id' }, { match: '^__Host-an_' }] };
    // No decision yet: every category but the required one is refused, and its cookies go at start.
    const page = await s.open({ config: { ...CONFIG, categories: { ...CONFIG.categories, analytics } } });
    await banner(page).waitFor();
    expect(await cookieNames(s.context)).toEqual([]);
  });

  it('fires no change when the same choice is saved again', async () => {
    const { page } = await accepted();
    await page.locator('#footer-settings').click();
    await dialog(page).waitFor();
    await button(dialog(page), 'Accept all').click();
    await dialog(page).waitFor({ state: 'hidden' });
    await settled(page);
    expect((await events(page)).filter((e) => e.type === 'change')).toEqual([]);
  });
});

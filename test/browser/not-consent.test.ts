// Escape, scrolling, clicking page links and waiting are not consent (GDPR recital 32;
// EDPB 05/2020 para 86).
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { banner, button, cookieNames, dialog, events, pageHtml, ran, settled, switchFor, useHarness } from './harness';

const h = useHarness();
const GRANTED_MARKS = ['preferences', 'analytics', 'analytics-ext', 'marketing', 'other-analytics'];

/** Nothing was granted: no gated code ran, no gated cookie, no decision that grants anything. */
async function expectNothingGranted(page: Page, context: BrowserContext) {
  await settled(page);
  const marks = await ran(page);
  expect(marks.filter((m) => GRANTED_MARKS.includes(m))).toEqual([]);
  const names = await cookieNames(context);
  expect(names.filter((n) => n !== 'consentgate')).toEqual([]);
  const record = await page.evaluate(() => (window as unknown as { ConsentGate: { get(): { categories: Record<string, boolean> } | null } }).ConsentGate.get());
  if (record) {
    // Closing may be recorded as a refusal, never as a grant.
    expect(Object.entries(record.categories).filter(([k, v]) => v && k !== 'necessary')).toEqual([]);
  }
  expect((await events(page)).filter((e) => e.type === 'consent' && Object.entries(e.detail.categories).some(([k, v]) => v && k !== 'necessary'))).toEqual([]);
}

async function fresh() {
  const s = await h.session();
  const page = await s.open();
  await banner(page).waitFor();
  return { s, page };
}

describe('not consent', () => {
  it('Escape on the page or in the banner', async () => {
    const { s, page } = await fresh();
    await page.keyboard.press('Escape');
    await button(banner(page), 'Accept all').focus();
    await page.keyboard.press('Escape');
    await expectNothingGranted(page, s.context);
    expect(await cookieNames(s.context)).toEqual([]);
  });

  it('scrolling to the end of the page', async () => {
    const { s, page } = await fresh();
    await page.mouse.move(640, 200);
    await page.mouse.wheel(0, 5000);
    await page.keyboard.press('End');
    await page.waitForFunction(() => scrollY > 0);
    await expectNothingGranted(page, s.context);
    expect(await banner(page).isVisible()).toBe(true);
    expect(await cookieNames(s.context)).toEqual([]);
  });

  it('clicking page links, on the page and to another page', async () => {
    const { s, page } = await fresh();
    await page.locator('#anchor-link').click();
    await expectNothingGranted(page, s.context);
    expect(await banner(page).isVisible()).toBe(true);
    await Promise.all([page.waitForURL(/other\.html$/), page.locator('#page-link').click()]);
    await banner(page).waitFor();
    await expectNothingGranted(page, s.context);
    expect(await cookieNames(s.context)).toEqual([]);
  });

  it('waiting (five minutes on a fake clock)', async () => {
    const s = await h.session();
    const page = await s.context.newPage();
    await page.clock.install();
    await page.goto(h.server.page(pageHtml()));
    await banner(page).waitFor();
    await page.clock.runFor('05:00');
    await expectNothingGranted(page, s.context);
    expect(await banner(page).isVisible()).toBe(true);
    expect(await cookieNames(s.context)).toEqual([]);
  });

  it('Escape in the preferences dialog discards switched-on categories', async () => {
    const { s, page } = await fresh();
    await button(banner(page), 'Preferences').click();
    const prefs = dialog(page);
    await prefs.waitFor();
    await switchFor(prefs, 'Analytics').click();
    await switchFor(prefs, 'Marketing').click();
    expect(await switchFor(prefs, 'Analytics').getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Escape');
    await prefs.waitFor({ state: 'hidden' });
    await expectNothingGranted(page, s.context);
    // Reopened, the dialog shows the stored state again: nothing on.
    await button(banner(page), 'Preferences').click();
    await prefs.waitFor();
    expect(await switchFor(prefs, 'Analytics').getAttribute('aria-checked')).toBe('false');
    expect(await switchFor(prefs, 'Marketing').getAttribute('aria-checked')).toBe('false');
  });

  it('"Close" in the preferences dialog changes nothing', async () => {
    const { s, page } = await fresh();
    await button(banner(page), 'Preferences').click();
    const prefs = dialog(page);
    await prefs.waitFor();
    await switchFor(prefs, 'Analytics').click();
    await button(prefs, 'Close').click();
    await prefs.waitFor({ state: 'hidden' });
    await expectNothingGranted(page, s.context);
  });
});

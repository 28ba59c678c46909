// Keyboard-only flows; focus moves into the dialog, is trapped and returns to the opener
// (WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7, 2.4.11; WAI-ARIA APG dialog pattern).
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { banner, dialog, deepFocus, focusInside, ran, settled, switchFor, useHarness, waitForRan } from './harness';

const h = useHarness();

/** Press Tab (or Shift+Tab) until the focused element's name is `name`; fails after `max` presses. */
async function tabTo(page: Page, name: string, { max = 40, back = false } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focus = await deepFocus(page);
    if (focus.name === name || focus.name.startsWith(name)) return;
  }
  throw new Error(`"${name}" not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

const record = (page: Page) =>
  page.evaluate(() => (window as unknown as { ConsentGate: { get(): { action: string; categories: Record<string, boolean> } | null } }).ConsentGate.get());

/** The focused element shows a focus indicator (outline or box-shadow). */
const focusIndicator = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return false;
    const cs = getComputedStyle(el);
    return (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
  });

/**
 * Tab through the page until every id in `ids` had focus (at most 40 presses); report which of
 * them the banner covered (the hit test at the focused element's centre lands on #consentgate).
 */
async function obscuredWhileTabbing(page: Page, ids: string[]): Promise<{ reached: string[]; obscured: string[] }> {
  const reached: string[] = [];
  const obscured: string[] = [];
  for (let i = 0; i < 40 && reached.length < ids.length; i++) {
    await page.keyboard.press('Tab');
    const state = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el?.id) return null;
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return { id: el.id, covered: hit?.id === 'consentgate' };
    });
    if (!state || !ids.includes(state.id) || reached.includes(state.id)) continue;
    reached.push(state.id);
    if (state.covered) obscured.push(state.id);
  }
  return { reached, obscured };
}

async function fresh() {
  const s = await h.session();
  const page = await s.open();
  await banner(page).waitFor();
  await settled(page);
  return { s, page };
}

async function focusables(scope: Locator): Promise<number> {
  return scope.evaluate(
    (root) =>
      Array.from(root.querySelectorAll('button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])')).filter(
        (el) => !(el as HTMLButtonElement).disabled && (el as HTMLElement).offsetParent !== null,
      ).length,
  );
}

describe('keyboard only', () => {
  it('Tab reaches "Reject all" with a visible focus indicator, Enter decides', async () => {
    const { page } = await fresh();
    await tabTo(page, 'Reject all');
    expect(await focusIndicator(page)).toBe(true);
    await page.keyboard.press('Enter');
    await banner(page).waitFor({ state: 'hidden' });
    expect((await record(page))?.action).toBe('reject-all');
    // Focus is not dropped on <body> when the banner goes (WCAG 2.4.3).
    expect((await deepFocus(page)).tag).not.toBe('body');
    // Gated scripts run after the next frame (the gate paces them): wait for the refusal's fallback.
    expect(await waitForRan(page, 1)).toEqual(['no-marketing']);
  });

  // The key press that decides and the move of focus to "Cookie settings" happen in one task:
  // in between, focus never rests on <body> (WCAG 2.4.3), where a screen reader would announce
  // the document and a quick Tab would start over. Checked inside the same task as the press.
  it('a decision by keyboard moves focus to "Cookie settings" in the same task, from the banner and from the dialog', async () => {
    const focusAfterActivating = (page: Page) =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        // What Enter on a focused button does: its click, synchronously.
        (el as HTMLElement).click();
        el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.tagName === 'BODY' ? 'body' : (el?.textContent ?? '').trim();
      });
    const first = await fresh();
    await tabTo(first.page, 'Reject all');
    expect(await focusAfterActivating(first.page)).toBe('Cookie settings');

    const second = await fresh();
    await tabTo(second.page, 'Preferences');
    await second.page.keyboard.press('Enter');
    await dialog(second.page).waitFor();
    await tabTo(second.page, 'Save choices');
    expect(await focusAfterActivating(second.page)).toBe('Cookie settings');
  });

  it('Tab reaches "Accept all", Space decides', async () => {
    const { page } = await fresh();
    await tabTo(page, 'Accept all');
    await page.keyboard.press('Space');
    expect(await waitForRan(page, 4)).toEqual(['preferences', 'analytics', 'analytics-ext', 'marketing']);
  });

  it('custom choice: Enter on Preferences moves focus into the dialog, Space flips a switch, Enter saves', async () => {
    const { page } = await fresh();
    await tabTo(page, 'Preferences');
    await page.keyboard.press('Enter');
    const prefs = dialog(page);
    await prefs.waitFor();
    expect(await focusInside(prefs)).toBe(true);
    // Walk to the analytics switch by keyboard and flip it.
    const analytics = switchFor(prefs, 'Analytics');
    for (let i = 0; i < 40 && !(await analytics.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
    expect(await analytics.evaluate((el) => el.matches(':focus'))).toBe(true);
    await page.keyboard.press('Space');
    expect(await analytics.getAttribute('aria-checked')).toBe('true');
    expect(await focusIndicator(page)).toBe(true);
    await tabTo(page, 'Save choices');
    await page.keyboard.press('Enter');
    expect(await waitForRan(page, 3)).toEqual(['analytics', 'analytics-ext', 'no-marketing']);
    expect((await record(page))?.categories).toEqual({ necessary: true, preferences: false, analytics: true, marketing: false });
  });

  it('withdrawal by keyboard: Tab to "Cookie settings", Enter, then "Reject all"', async () => {
    const { s, page } = await fresh();
    await tabTo(page, 'Accept all');
    await page.keyboard.press('Enter');
    await waitForRan(page, 4);
    // Focus is on the library's small "Cookie settings" button, or it is reachable with Tab
    // (the page's own footer trigger has the same name; it is in the light DOM).
    const onReopen = async () => {
      const f = await deepFocus(page);
      return f.name === 'Cookie settings' && f.inShadow;
    };
    for (let i = 0; i < 40 && !(await onReopen()); i++) await page.keyboard.press('Tab');
    expect(await onReopen()).toBe(true);
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    await tabTo(page, 'Reject all');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor({ state: 'hidden' });
    expect(Object.entries((await record(page))?.categories ?? {}).filter(([, v]) => v)).toEqual([['necessary', true]]);
    expect((await s.context.cookies()).map((c) => c.name)).toEqual(['consentgate']);
  });
});

describe('focus in the preferences dialog', () => {
  it('is trapped: Tab and Shift+Tab cycle inside', async () => {
    const { page } = await fresh();
    await tabTo(page, 'Preferences');
    await page.keyboard.press('Enter');
    const prefs = dialog(page);
    await prefs.waitFor();
    const n = await focusables(prefs);
    expect(n).toBeGreaterThanOrEqual(5);
    for (let i = 0; i < n + 2; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside(prefs), `Tab #${i + 1}`).toBe(true);
    }
    for (let i = 0; i < n + 2; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInside(prefs), `Shift+Tab #${i + 1}`).toBe(true);
    }
  });

  it('makes the page behind unreachable while open', async () => {
    const { page } = await fresh();
    await tabTo(page, 'Preferences');
    await page.keyboard.press('Enter');
    await dialog(page).waitFor();
    const reachable = await page.evaluate(() => {
      const target = document.getElementById('page-button')!;
      target.scrollIntoView({ block: 'center' });
      const r = target.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return { hitIsButton: hit === target, inert: !!target.closest('[inert]') };
    });
    expect(reachable.hitIsButton && !reachable.inert).toBe(false);
  });

  it('Escape closes it and returns focus to the page trigger that opened it', async () => {
    const { page } = await fresh();
    await page.locator('#footer-settings').focus();
    await page.keyboard.press('Enter');
    const prefs = dialog(page);
    await prefs.waitFor();
    expect(await focusInside(prefs)).toBe(true);
    await page.keyboard.press('Escape');
    await prefs.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('footer-settings');
  });

  it('"Close" returns focus to the banner\'s Preferences button', async () => {
    const { page } = await fresh();
    await tabTo(page, 'Preferences');
    await page.keyboard.press('Enter');
    const prefs = dialog(page);
    await prefs.waitFor();
    await tabTo(page, 'Close');
    await page.keyboard.press('Enter');
    await prefs.waitFor({ state: 'hidden' });
    const focus = await deepFocus(page);
    expect(focus.inShadow).toBe(true);
    expect(focus.name).toBe('Preferences');
  });
});

describe('the first layer', () => {
  it('does not trap focus: Tab and Shift+Tab lead back to the page', async () => {
    const { page } = await fresh();
    await tabTo(page, 'Reject all');
    let left = false;
    for (let i = 0; i < 8 && !left; i++) {
      await page.keyboard.press('Tab');
      left = !(await deepFocus(page)).inShadow;
    }
    expect(left).toBe(true);
    await tabTo(page, 'Reject all', { back: true });
    left = false;
    for (let i = 0; i < 8 && !left; i++) {
      await page.keyboard.press('Shift+Tab');
      left = !(await deepFocus(page)).inShadow;
    }
    expect(left).toBe(true);
  });

  it('does not hide a page element that receives focus mid-page (WCAG 2.4.11, scroll-padding)', async () => {
    const filler = '<p>Filler paragraph so the focused element has to be scrolled into view.</p>'.repeat(25);
    const s = await h.session();
    const page = await s.open({
      body: `<main>${filler}<p><a id="mid-1" href="#top">First link</a></p>${filler}<p><button type="button" id="mid-2">A button</button></p>${filler}</main>`,
    });
    await banner(page).waitFor();
    await settled(page);
    expect(await obscuredWhileTabbing(page, ['mid-1', 'mid-2'])).toEqual({ reached: ['mid-1', 'mid-2'], obscured: [] });
  });

  // At the end of the page scroll-padding alone cannot lift the last element above the bar:
  // the library makes room under the page while the bar is up.
  it('does not hide the last element of the page that receives focus (WCAG 2.4.11)', async () => {
    const s = await h.session();
    const page = await s.open();
    await banner(page).waitFor();
    await settled(page);
    expect(await obscuredWhileTabbing(page, ['footer-settings'])).toEqual({ reached: ['footer-settings'], obscured: [] });
  });
});

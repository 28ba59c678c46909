// Markup injected into the page (a comment, a CMS field) can name an image "cookie": the
// document's named properties then hide document.cookie behind the element (DOM clobbering,
// HTML § named properties of Document). The cookie cannot be read or written then; a withdrawal
// must still reach everything that follows the decision: no uncaught error, Consent Mode and the
// `change` event hear it, and the gate holds the refused category back.
import { describe, expect, it } from 'vitest';
import { GATED, banner, button, consentCommands, dialog, events, ran, reopenButton, settled, useHarness, waitForRan } from './harness';

const h = useHarness();

describe('an injected <img name="cookie"> hides document.cookie', () => {
  it('a withdrawal still updates Consent Mode and fires change, without an uncaught error', async () => {
    const s = await h.session();
    const page = await s.open({ body: `<p>A visitor's comment: <img name="cookie" alt="" src="/img/comment.svg"></p>${GATED}` });
    expect(await page.evaluate(() => typeof document.cookie)).toBe('object');
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    await waitForRan(page, 4);
    await reopenButton(page).click();
    await button(dialog(page), 'Reject all').click();
    await dialog(page).waitFor({ state: 'hidden' });
    expect(s.pageErrors).toEqual([]);
    expect(await page.evaluate(() => window.ConsentGate.has('analytics'))).toBe(false);
    const updates = (await consentCommands(page)).filter(([kind]) => kind === 'update');
    expect(updates.at(-1)?.[1].analytics_storage).toBe('denied');
    expect((await events(page)).filter((e) => e.type === 'change').at(-1)?.detail.revoked).toEqual(['preferences', 'analytics', 'marketing']);
    // Nothing refused runs after it; the refusal fallback does (the gate runs it after the next frame).
    expect(await waitForRan(page, 5)).toEqual(['preferences', 'analytics', 'analytics-ext', 'marketing', 'no-marketing']);
  });
});

// The same kind of markup can hide document.createElement or document.documentElement, which the
// core uses to draw its host and reopen button once the body arrives (and Preact uses to draw
// everything). A returning visitor on such a page has no way to open the preferences.
// Skipped: see FAILING.md.
describe.skip('an injected <img name="createElement"> or <img name="documentElement"> (open: the core and Preact would need the DOM methods captured at start; not a small change)', () => {
  for (const name of ['createElement', 'documentElement'])
    it(`${name}: the reopen button still opens the preferences and "Reject all" withdraws`, async () => {
      const s = await h.session();
      const first = await s.open();
      await banner(first).waitFor();
      await button(banner(first), 'Accept all').click();
      await waitForRan(first, 4);
      const page = await s.open({ body: `<p>A visitor's comment: <img name="${name}" alt=""></p>${GATED}` });
      await settled(page);
      await reopenButton(page).click();
      await button(dialog(page), 'Reject all').click();
      await dialog(page).waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => window.ConsentGate.has('analytics'))).toBe(false);
      expect(s.pageErrors).toEqual([]);
    });
});

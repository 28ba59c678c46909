// WCAG 2.2 SC 2.4.11 Focus Not Obscured (Minimum): a page element that receives keyboard focus
// is never entirely hidden by our fixed boxes. The banner takes care of it (keyboard.test.ts);
// the reopen button, shown on every page after a decision, sits fixed at the bottom left, where
// many footers put their first link.
import { describe, expect, it } from 'vitest';
import { banner, button, pageHtml, reopenButton, settled, useHarness } from './harness';

const h = useHarness();

describe('the reopen button and a focused page element', () => {
  it('Tab to the footer links in the bottom corners: neither is entirely behind "Cookie settings", which stays in view', async () => {
    const s = await h.session({ viewport: { width: 390, height: 700 } });
    const body = `<main id="main" tabindex="-1">${'<p>Text of the page, long enough to scroll.</p>'.repeat(40)}</main>
<footer style="padding:12px 16px;display:flex;justify-content:space-between"><a href="/imprint">Imprint</a><a href="/contact">Contact</a></footer>`;
    const url = h.server.page(pageHtml({ body }));
    const first = await s.open(url);
    await banner(first).waitFor();
    await button(banner(first), 'Reject all').click();

    const page = await s.open(url);
    await settled(page);
    await reopenButton(page).waitFor();
    for (const name of ['Imprint', 'Contact']) {
      const link = page.getByRole('link', { name });
      for (let i = 0; i < 5 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
      expect(await link.evaluate((el) => el === document.activeElement), name).toBe(true);
      // Some part of the focused link is drawn: a point of it hits the link, not the reopen button.
      const visible = await link.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const points: Array<[number, number]> = [];
        for (let x = r.left + 1; x < r.right; x += 4) for (let y = r.top + 1; y < r.bottom; y += 2) points.push([x, y]);
        return points.some(([x, y]) => el.contains(document.elementFromPoint(x, y)));
      });
      expect(visible, name).toBe(true);
      // The button stepped aside, it did not go: still shown, inside the viewport.
      expect(await reopenButton(page).isVisible(), name).toBe(true);
      const box = (await reopenButton(page).boundingBox())!;
      expect(box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 700, name).toBe(true);
    }
    // A large element it only partly covers (the page's <main>, focused as a skip link does) does not move it.
    const before = (await reopenButton(page).boundingBox())!;
    await page.locator('main').focus();
    expect((await reopenButton(page).boundingBox())!.x).toBe(before.x);
  });
});

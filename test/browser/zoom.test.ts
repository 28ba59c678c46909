// 400% zoom and phones held sideways: at every size down to 320×256 CSS px the first layer and
// the dialog reflow (WCAG 2.2 1.4.10): every text can be scrolled into view, every control is
// reached with Tab, and the focused control is never hidden, not by the sticky buttons and not by
// the banner over the page (2.4.11 focus not obscured). 1280×1024 at 400% is 320×256 CSS px with
// four device pixels to each: that is how the browser lays it out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { ROOT, TEXT, banner, button, dialog, settled, useHarness, type Lang } from './harness';

const h = useHarness();

/** The first site's config (the README's screenshots): another text length, other line breaks. */
const SITE = JSON.parse(readFileSync(join(ROOT, 'docs/screenshots/config.json'), 'utf8'));

const SIZES = [
  { width: 320, height: 256, deviceScaleFactor: 4, what: '1280×1024 at 400%' },
  { width: 740, height: 360, deviceScaleFactor: 2, what: 'a phone held sideways' },
  { width: 568, height: 320, deviceScaleFactor: 2, what: 'a small phone held sideways' },
  { width: 320, height: 480, deviceScaleFactor: 2, what: 'a small phone' },
  { width: 1024, height: 256, deviceScaleFactor: 1, what: 'a short wide window' },
  { width: 1280, height: 1024, deviceScaleFactor: 1, what: '1280×1024 at 100%' },
];

interface Spot {
  name: string;
  page: boolean;
  inViewport: boolean;
  covered: string | null;
}

/** The deepest focused element: its name, whether it lies inside the viewport, and what covers it (null: nothing). */
const focused = (page: Page): Promise<Spot | null> =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    // A frame's own document has the focus inside it; the browser does not scroll an empty frame into view.
    if (!el || el === document.body || el.tagName == 'IFRAME') return null;
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    const root = el.getRootNode() as Document | ShadowRoot;
    // A link that wraps has one box per line: each line's centre must show the link, not what covers it.
    let covering: Element | null = null;
    for (const line of Array.from(el.getClientRects())) {
      const hit = root.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
      if (!hit || !(hit === el || el.contains(hit))) covering = hit ?? document.documentElement;
    }
    return {
      name: (el.getAttribute('aria-label') ?? el.textContent ?? el.id ?? '').trim().slice(0, 40) || el.tagName,
      page: root === document,
      // Our controls lie wholly inside the viewport; for the page's own (an iframe taller than what is
      // left of the window, say) the browser scrolls what it can, so its centre must be in view.
      inViewport:
        root === document
          ? y >= 0 && y <= innerHeight && x >= 0 && x <= innerWidth
          : r.top >= -0.5 && r.left >= -0.5 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5,
      covered: covering ? `${covering.tagName.toLowerCase()}.${covering.className || covering.id}` : null,
    };
  });

/** Tab `presses` times and describe every control that took focus on the way. */
async function tabThrough(page: Page, presses: number): Promise<Spot[]> {
  const seen: Spot[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const spot = await focused(page);
    if (spot) seen.push(spot);
  }
  return seen;
}

/** Every heading and paragraph of `scope`, scrolled into view inside it, is fully inside the viewport and not covered. */
const unreadable = (scope: Locator) =>
  scope.evaluate(async (root) => {
    const out: string[] = [];
    for (const el of Array.from(root.querySelectorAll('h2, h3, p:not([role=status])'))) {
      // Not rendered (inside a closed <details>): nothing to read until it is opened.
      if (!el.checkVisibility()) continue;
      // Long paragraphs are read a part at a time: their first line must come clear of anything sticky.
      el.scrollIntoView({ block: 'start' });
      await new Promise((ok) => requestAnimationFrame(ok));
      const r = el.getBoundingClientRect();
      const lineY = Math.min(r.top + 8, r.bottom - 1);
      const hit = (el.getRootNode() as ShadowRoot).elementFromPoint(r.left + 4, lineY);
      if (r.top < -0.5 || lineY > innerHeight || !hit || !(hit === el || el.contains(hit)))
        out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').slice(0, 30)}" (top ${Math.round(r.top)}, hit ${hit?.tagName.toLowerCase()}.${hit?.className})`);
    }
    return out;
  });

async function open(size: (typeof SIZES)[number], lang: Lang, config?: unknown): Promise<Page> {
  const s = await h.session({ viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.deviceScaleFactor });
  const page = await s.open({ lang, ...(config ? { config } : {}) });
  await banner(page, lang).waitFor();
  await settled(page);
  return page;
}

describe('reflow and focus not obscured at high zoom and on small screens', () => {
  for (const size of SIZES) {
    for (const lang of ['en', 'nl'] as const) {
      const label = `${size.width}×${size.height}, ${size.what} (${lang})`;

      for (const [site, config] of [['', undefined], [', the first site', SITE]] as const)
      it(`first layer: heading in view, every text readable, every control reached by Tab and never covered at ${label}${site}`, async () => {
        const page = await open(size, lang, config);
        const first = banner(page, lang);
        const box = (await first.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(-0.5);
        expect(box.y + box.height).toBeLessThanOrEqual(size.height + 0.5);
        // The heading is the first thing a visitor sees of it.
        const heading = first.getByRole('heading', { name: TEXT[lang].banner });
        const top = await heading.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const hit = (el.getRootNode() as ShadowRoot).elementFromPoint(r.left + 4, r.top + r.height / 2);
          return !!hit && (hit === el || el.contains(hit));
        });
        expect(top, 'heading visible and uncovered on arrival').toBe(true);

        // Tab through the whole page and the banner: the privacy link and all three buttons among them.
        const seen = await tabThrough(page, 14);
        const ours = seen.filter((s) => !s.page).map((s) => s.name);
        for (const name of ['Privacy statement', TEXT[lang].accept, TEXT[lang].reject, TEXT[lang].preferences].slice(lang == 'en' ? 0 : 1))
          expect(ours, `${name} reached`).toContain(name);
        const hidden = seen.filter((s) => !s.inViewport || s.covered);
        expect(hidden, 'focused and hidden').toEqual([]);
        expect(await unreadable(first)).toEqual([]);
      });

      it(`dialog: every text readable, every control reached by Tab and never covered at ${label}`, async () => {
        const page = await open(size, lang);
        await button(banner(page, lang), TEXT[lang].preferences).click();
        const prefs = dialog(page, lang);
        await prefs.waitFor();
        await settled(page);
        // Focus starts on the title; Tab goes round every control (the focus trap brings it back).
        const controls = await prefs.getByRole('button').or(prefs.getByRole('switch')).or(prefs.getByRole('link')).count();
        const seen = await tabThrough(page, controls + 6);
        expect(seen.every((s) => !s.page)).toBe(true);
        for (const name of [TEXT[lang].close, TEXT[lang].accept, TEXT[lang].reject, TEXT[lang].save]) expect(seen.map((s) => s.name)).toContain(name);
        expect(seen.filter((s) => !s.inViewport || s.covered), 'focused and hidden').toEqual([]);
        expect(await unreadable(prefs)).toEqual([]);
      });
    }
  }
});

// Equal prominence of Accept and Reject (EDPB cookie banner taskforce), no layout shift, first
// layer ≤ 40% of 390×844, nothing clipped and no sideways scroll at 320 px (WCAG 1.4.10).
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { CONFIG, TEXT, banner, button, dialog, layoutShift, reopenButton, settled, useHarness, type Lang } from './harness';

const h = useHarness();

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
  { width: 320, height: 640 },
];
const LANGS: Lang[] = ['en', 'nl'];

const STYLE_PROPS = [
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'line-height',
  'letter-spacing',
  'text-transform',
  'text-decoration-line',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border-top-width',
  'border-right-width',
  'border-bottom-width',
  'border-left-width',
  'border-top-style',
  'border-top-color',
  'border-bottom-color',
  'border-top-left-radius',
  'border-top-right-radius',
  'border-bottom-left-radius',
  'border-bottom-right-radius',
  'background-color',
  'background-image',
  'color',
  'box-shadow',
  'opacity',
];

/** Element, attributes, computed styles, box and text contrast of one button. */
const describeButton = (loc: Locator) =>
  loc.evaluate((el, props) => {
    const parse = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const [r = 0, g = 0, b = 0, a = 1] = (m[1] ?? '').split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    // The background the text sits on: this element's, blended over its ancestors' (through shadow roots).
    const layers: number[][] = [];
    for (let node: Element | null = el; node; ) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if ((bg[3] ?? 0) > 0) layers.push(bg);
      if ((bg[3] ?? 0) >= 1) break;
      node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
    }
    let base = [255, 255, 255];
    for (const [r = 0, g = 0, b = 0, a = 1] of layers.reverse()) base = [r * a + base[0]! * (1 - a), g * a + base[1]! * (1 - a), b * a + base[2]! * (1 - a)];
    const [fr = 0, fg = 0, fb = 0, fa = 1] = parse(getComputedStyle(el).color);
    const fore = [fr * fa + base[0]! * (1 - fa), fg * fa + base[1]! * (1 - fa), fb * fa + base[2]! * (1 - fa)];
    const lum = (c: number[]) => {
      const [r, g, b] = c.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const [l1, l2] = [lum(fore), lum(base)].sort((a, b) => b - a);
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type'),
      style: Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)])),
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
      contrast: (l1! + 0.05) / (l2! + 0.05),
      viewport: { width: innerWidth, height: innerHeight },
    };
  }, STYLE_PROPS);

async function openBanner(viewport: { width: number; height: number }, lang: Lang, config?: unknown): Promise<Page> {
  const s = await h.session({ viewport });
  const page = await s.open({ lang, ...(config ? { config } : {}) });
  await banner(page, lang).waitFor();
  await settled(page);
  return page;
}

describe('equal prominence of Accept all and Reject all', () => {
  for (const viewport of VIEWPORTS) {
    for (const lang of LANGS) {
      it(`same element, styles and size, both readable and on screen at ${viewport.width}×${viewport.height} (${lang})`, async () => {
        const page = await openBanner(viewport, lang);
        const first = banner(page, lang);
        const accept = await describeButton(button(first, TEXT[lang].accept));
        const reject = await describeButton(button(first, TEXT[lang].reject));
        expect(reject.tag).toBe(accept.tag);
        expect(reject.type).toBe(accept.type);
        expect(reject.style).toEqual(accept.style);
        expect(Math.abs(reject.box.width - accept.box.width)).toBeLessThanOrEqual(1);
        expect(Math.abs(reject.box.height - accept.box.height)).toBeLessThanOrEqual(1);
        for (const b of [accept, reject]) {
          expect(b.contrast).toBeGreaterThanOrEqual(4.5);
          expect(b.box.height).toBeGreaterThanOrEqual(24);
          expect(b.box.width).toBeGreaterThanOrEqual(24);
          // Never off to the side; from 390×844 up both are visible without scrolling the page or the
          // banner (EDPB cookie banner taskforce: Reject on the first layer). At 320×640 the banner may scroll inside (checked under "reflow").
          expect(b.box.x).toBeGreaterThanOrEqual(0);
          expect(b.box.x + b.box.width).toBeLessThanOrEqual(viewport.width + 0.5);
          if (viewport.width >= 390) {
            expect(b.box.y).toBeGreaterThanOrEqual(0);
            expect(b.box.y + b.box.height).toBeLessThanOrEqual(viewport.height + 0.5);
          }
        }
        // The third choice is on the same layer.
        expect(await button(first, TEXT[lang].preferences).isVisible()).toBe(true);
      });
    }
  }

  it('keeps the same order of Accept and Reject at every viewport', { timeout: 60_000 }, async () => {
    const orders: string[] = [];
    for (const viewport of VIEWPORTS) {
      const page = await openBanner(viewport, 'en');
      const first = banner(page);
      const a = await button(first, 'Accept all').boundingBox();
      const r = await button(first, 'Reject all').boundingBox();
      // Reading order: top to bottom, then left to right.
      const acceptFirst = a!.y + a!.height <= r!.y || (Math.abs(a!.y - r!.y) < 1 && a!.x < r!.x);
      orders.push(acceptFirst ? 'accept,reject' : 'reject,accept');
    }
    expect(new Set(orders).size).toBe(1);
  });

  it('is equal in the dark theme too', async () => {
    const page = await openBanner({ width: 390, height: 844 }, 'en', { ...CONFIG, theme: 'dark' });
    const first = banner(page);
    const accept = await describeButton(button(first, 'Accept all'));
    const reject = await describeButton(button(first, 'Reject all'));
    expect(reject.style).toEqual(accept.style);
    expect(reject.contrast).toBeGreaterThanOrEqual(4.5);
  });
});

describe('size and reflow', () => {
  for (const lang of LANGS) {
    it(`the first layer covers at most 40% of a 390×844 viewport (${lang})`, async () => {
      const page = await openBanner({ width: 390, height: 844 }, lang);
      const box = (await banner(page, lang).boundingBox())!;
      const visibleW = Math.min(box.x + box.width, 390) - Math.max(box.x, 0);
      const visibleH = Math.min(box.y + box.height, 844) - Math.max(box.y, 0);
      expect(visibleW).toBeGreaterThan(0);
      expect(visibleH).toBeGreaterThan(0);
      expect((visibleW * visibleH) / (390 * 844)).toBeLessThanOrEqual(0.4);
      // The page behind still scrolls.
      await page.mouse.move(195, 100);
      await page.mouse.wheel(0, 600);
      await page.waitForFunction(() => scrollY > 0);
    });

    for (const view of ['banner', 'preferences'] as const) {
      it(`no sideways scroll and nothing clipped at 320×640: ${view} (${lang})`, async () => {
        const page = await openBanner({ width: 320, height: 640 }, lang);
        let scope = banner(page, lang);
        if (view === 'preferences') {
          await button(scope, TEXT[lang].preferences).click();
          scope = dialog(page, lang);
          await scope.waitFor();
          await settled(page);
        }
        const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth]);
        expect(Math.max(...widths)).toBeLessThanOrEqual(320);
        const problems = await scope.evaluate((root) => {
          const out: string[] = [];
          for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            const cs = getComputedStyle(el);
            if (cs.visibility === 'hidden') continue;
            const label = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
            if (r.left < -0.5 || r.right > innerWidth + 0.5) out.push(`${label} sticks out sideways (${r.left}..${r.right})`);
            const clips = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
            if (clips && el.scrollWidth > el.clientWidth + 1) out.push(`${label} clips its content (${el.scrollWidth} > ${el.clientWidth})`);
          }
          return out;
        });
        expect(problems).toEqual([]);
        // Every control can be reached: scrolled into view inside the banner/dialog if needed, it fits the viewport.
        const controls = scope.getByRole('button').or(scope.getByRole('switch'));
        const count = await controls.count();
        expect(count).toBeGreaterThanOrEqual(3);
        for (let i = 0; i < count; i++) {
          const control = controls.nth(i);
          await control.scrollIntoViewIfNeeded();
          const box = (await control.boundingBox())!;
          expect(box.x).toBeGreaterThanOrEqual(-0.5);
          expect(box.x + box.width).toBeLessThanOrEqual(320.5);
          expect(box.y).toBeGreaterThanOrEqual(-0.5);
          expect(box.y + box.height).toBeLessThanOrEqual(640.5);
        }
      });
    }
  }
});

describe('layout shift', () => {
  it('adds up to 0 through banner, decision, reopen button and dialog', async () => {
    const page = await openBanner({ width: 1280, height: 800 }, 'en');
    await button(banner(page), 'Accept all').click();
    await banner(page).waitFor({ state: 'hidden' });
    const reopen = reopenButton(page);
    await reopen.waitFor();
    await reopen.click();
    await dialog(page).waitFor();
    await button(dialog(page), 'Close').click();
    await dialog(page).waitFor({ state: 'hidden' });
    await settled(page);
    const shift = await layoutShift(page);
    expect(shift).toEqual({ sum: 0, count: 0 });
  });

  it('adds up to 0 on a phone while the banner shows', async () => {
    const page = await openBanner({ width: 390, height: 844 }, 'nl');
    await settled(page);
    expect(await layoutShift(page)).toEqual({ sum: 0, count: 0 });
  });
});

describe('non-text contrast (WCAG 1.4.11)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`the keyboard focus indicator stands out ≥ 3:1 from what surrounds it (${scheme})`, async () => {
      const s = await h.session({ colorScheme: scheme });
      const page = await s.open();
      await banner(page).waitFor();
      const seen: Array<{ name: string; ratio: number }> = [];
      for (let i = 0; i < 40 && seen.length < 4; i++) {
        await page.keyboard.press('Tab');
        const ring = await page.evaluate(() => {
          let el: Element | null = document.activeElement;
          if (!el?.shadowRoot) return null;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          if (!el) return null;
          const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
          const cs = getComputedStyle(el);
          const colour = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0 ? cs.outlineColor : (cs.boxShadow.match(/rgba?\([^)]*\)/)?.[0] ?? '');
          // What the ring is drawn over: the nearest opaque background outside the element.
          let bg = [255, 255, 255];
          for (let node: Element | null = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host ?? null); node; ) {
            const c = parse(getComputedStyle(node).backgroundColor);
            if (c.length >= 3 && (c[3] ?? 1) >= 1) {
              bg = c.slice(0, 3);
              break;
            }
            node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null);
          }
          const lum = (c: number[]) => {
            const [r, g, b] = c.slice(0, 3).map((v) => {
              const x = v / 255;
              return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
          };
          const fg = parse(colour);
          if (fg.length < 3) return { name: (el.textContent ?? '').trim(), ratio: 0 };
          const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
          return { name: (el.textContent ?? '').trim(), ratio: (hi! + 0.05) / (lo! + 0.05) };
        });
        if (ring && !seen.some((x) => x.name === ring.name)) seen.push(ring);
      }
      expect(seen.length).toBeGreaterThanOrEqual(3);
      for (const ring of seen) expect(ring.ratio, ring.name).toBeGreaterThanOrEqual(3);
    });
  }
});

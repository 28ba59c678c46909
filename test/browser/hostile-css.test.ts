// Page CSS on <html> and <body> (and careless global rules) must not move, hide or restyle
// the first layer, the preferences dialog or the reopen button. Every page here is far taller
// than the window, so a banner drawn at the bottom of the document instead of the viewport is
// out of sight, and every check is made without scrolling the page.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { PAGE_BODY, banner, button, dialog, reopenButton, settled, useHarness } from './harness';

const h = useHarness();

const TALL_BODY = `${PAGE_BODY}<div style="height:4000px">Tall content</div>`;

/** Rules sites ship, on purpose or not. `pageHidden`: the page's own content is not visible with this rule. */
const HOSTILE: Array<{ css: string; pageHidden?: boolean }> = [
  { css: 'body{transform:translateZ(0)}' },
  { css: 'html{transform:scale(1)}' },
  { css: 'body{filter:grayscale(1)}' },
  { css: 'html{filter:grayscale(1)}' },
  { css: 'body{perspective:100px}' },
  { css: 'body{contain:paint}' },
  { css: 'body{will-change:transform}' },
  { css: 'body{backdrop-filter:blur(1px)}' },
  { css: 'body{clip-path:inset(0 0 100% 0)}', pageHidden: true },
  { css: 'html,body{height:100%;overflow:hidden}' },
  { css: 'html{overflow:hidden}body{height:100%;overflow:auto}' },
  { css: 'body{display:none}', pageHidden: true },
  { css: 'body{visibility:hidden}', pageHidden: true },
  { css: 'html{visibility:hidden}', pageHidden: true },
  { css: 'body{opacity:0}', pageHidden: true },
  { css: 'html{opacity:0}', pageHidden: true },
  { css: 'body{content-visibility:hidden}', pageHidden: true },
  { css: 'body{pointer-events:none}' },
  { css: 'html{font:40px/3 serif;color:red;letter-spacing:4px;text-transform:uppercase;word-spacing:9px;text-align:right}' },
  { css: 'div,section,button{all:unset!important}' },
  { css: '#consentgate,[popover]{display:none!important;position:absolute!important;top:-9999px!important}' },
  { css: '.cover{position:fixed;z-index:2147483647;left:0;right:0;bottom:0;height:70vh;background:#c00}', pageHidden: true },
];
const COVER = '<div class="cover"></div>';

/** Where the element is and what is drawn at its centre, without scrolling anything. */
const place = (loc: Locator) =>
  loc.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    // Hit testing goes into our (open) shadow root: the document only sees the host.
    const root = el.getRootNode() as ShadowRoot | Document;
    const hit = root.elementFromPoint(x, y);
    return {
      inViewport: r.width > 0 && r.height > 0 && r.top >= -0.5 && r.left >= -0.5 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5,
      onTop: !!hit && (hit === el || el.contains(hit)),
      box: { top: r.top, bottom: r.bottom, height: r.height },
      viewport: innerHeight,
    };
  });

const STYLE = ['font-size', 'font-family', 'line-height', 'color', 'background-color', 'letter-spacing', 'text-transform', 'padding-top', 'border-top-width', 'writing-mode'];
const looks = (loc: Locator) => loc.evaluate((el, props) => props.map((p) => getComputedStyle(el).getPropertyValue(p)), STYLE);

/** The banner as drawn on screen (hit testing ignores opacity and filters; pixels do not). */
const pixels = async (page: Page, loc: Locator): Promise<Buffer> => {
  const r = (await loc.boundingBox())!;
  return page.screenshot({ clip: { x: r.x, y: r.y + 2, width: r.width, height: r.height - 2 } });
};

async function open(css: string, extra = ''): Promise<Page> {
  const s = await h.session();
  const page = await s.open({ head: css ? `<style>${css}</style>` : '', body: TALL_BODY + extra });
  await banner(page).waitFor({ state: 'attached' });
  await settled(page);
  return page;
}

async function expectShownAndClickable(page: Page, scope: Locator, names: string[]): Promise<void> {
  for (const name of names) {
    const spot = await place(button(scope, name));
    expect(spot, name).toMatchObject({ inViewport: true, onTop: true });
  }
}

describe('page CSS cannot move, hide or restyle the interface', () => {
  let reference: { accept: string[]; banner: { top: number; bottom: number; height: number }; pixels: Buffer } | undefined;
  const baseline = async () => {
    if (reference) return reference;
    const page = await open('');
    const first = banner(page);
    reference = { accept: await looks(button(first, 'Accept all')), banner: (await place(first)).box, pixels: await pixels(page, first) };
    await page.close();
    return reference;
  };

  for (const { css, pageHidden } of HOSTILE) {
    it(`with ${css}`, async () => {
      const ref = await baseline();
      const page = await open(css, css.includes('.cover') ? COVER : '');
      const first = banner(page);
      // The first layer: where it always is (the bottom of the viewport), looking as it always does.
      const at = await place(first);
      expect(at.inViewport).toBe(true);
      expect(at.box).toEqual(ref.banner);
      expect(await looks(button(first, 'Accept all'))).toEqual(ref.accept);
      const got = await pixels(page, first);
      expect(got.equals(ref.pixels), 'drawn exactly as on a plain page').toBe(true);
      await expectShownAndClickable(page, first, ['Accept all', 'Reject all', 'Preferences']);
      expect(await page.evaluate(() => scrollY)).toBe(0);
      if (!pageHidden) {
        // Still a non-modal first layer: the page behind takes clicks.
        expect(await page.evaluate(() => document.elementFromPoint(innerWidth / 2, 10)?.closest('#consentgate'))).toBeNull();
      }

      // The dialog: in view, on top of everything, and modal (the page behind does not take clicks).
      await button(first, 'Preferences').click();
      const prefs = dialog(page);
      await prefs.waitFor();
      expect((await place(prefs)).inViewport).toBe(true);
      await expectShownAndClickable(page, prefs, ['Close', 'Accept all', 'Reject all', 'Save choices']);
      expect(await page.evaluate(() => document.elementFromPoint(5, 5)?.id)).toBe('consentgate');

      // The reopen button after a decision: in view and clickable, and it opens the dialog again.
      await button(prefs, 'Reject all').click();
      await prefs.waitFor({ state: 'hidden' });
      const reopen = reopenButton(page);
      await reopen.waitFor();
      const spot = await place(reopen);
      expect(spot).toMatchObject({ inViewport: true, onTop: true });
      await reopen.click();
      await prefs.waitFor();
      expect(await page.evaluate(() => scrollY)).toBe(0);
    });
  }

  it('the page stays usable behind the first layer in the top layer', async () => {
    const page = await open('body{transform:translateZ(0)}');
    await banner(page).waitFor();
    await page.getByRole('button', { name: 'Count', exact: true }).click();
    expect(await page.locator('#count').textContent()).toBe('1');
    await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
    expect(await banner(page).isVisible()).toBe(true);
  });

  it("a returning visitor's reopen button, on a page that never fetched the interface, is above a page cover", async () => {
    const s = await h.session();
    const first = await s.open({ body: TALL_BODY });
    await button(banner(first), 'Reject all').click();
    await banner(first).waitFor({ state: 'hidden' });
    await first.close();
    // The next page view: only the core runs, and its host enters the top layer as it is made.
    const page = await s.open({ head: '<style>html{transform:scale(1)}.cover{position:fixed;z-index:2147483647;left:0;right:0;bottom:0;height:70vh;background:#c00}</style>', body: TALL_BODY + COVER });
    const reopen = reopenButton(page);
    await reopen.waitFor();
    await expect.poll(() => place(reopen)).toMatchObject({ inViewport: true, onTop: true });
    await reopen.click();
    await dialog(page).waitFor();
    expect(s.pageErrors).toEqual([]);
  });

  it('the host is in the top layer as soon as it is made, before the first frame; destroy() then leaves no error behind', async () => {
    const s = await h.session();
    // Runs once the parser reached <body>: the core has made its host, already an open popover
    // (one style pass with the first frame, not a second frame's style, layout and paint).
    const body = `<script>const host = document.getElementById('consentgate'); window.hadHost = !!host; window.wasOpen = !!host?.matches(':popover-open'); ConsentGate.destroy();</script>${TALL_BODY}`;
    const page = await s.open({ body });
    expect(await page.evaluate(() => (window as unknown as { hadHost: boolean }).hadHost)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { wasOpen: boolean }).wasOpen)).toBe(true);
    // Past the next frames: nothing left behind that runs later.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));
    expect(await page.locator('#consentgate').count()).toBe(0);
    expect(s.pageErrors).toEqual([]);
  });

  it('falls back to fixed boxes where the Popover API is missing', async () => {
    const s = await h.session();
    await s.context.addInitScript(() => {
      delete (HTMLElement.prototype as Partial<HTMLElement>).showPopover;
    });
    const page = await s.open({ body: TALL_BODY });
    const first = banner(page);
    await first.waitFor();
    await settled(page);
    await expectShownAndClickable(page, first, ['Accept all', 'Reject all', 'Preferences']);
    await button(first, 'Reject all').click();
    await first.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => window.ConsentGate.get()?.action)).toBe('reject-all');
    expect(s.pageErrors).toEqual([]);
  });
});

describe('a page rule for ::backdrop', () => {
  it('does not dim or cover the page behind the first layer', async () => {
    const shot = async (css: string) => {
      const s = await h.session();
      const page = await s.open({ head: css ? `<style>${css}</style>` : '', body: TALL_BODY });
      await banner(page).waitFor();
      await settled(page);
      return page.screenshot({ clip: { x: 0, y: 0, width: 1280, height: 300 } });
    };
    const plain = await shot('');
    expect((await shot('::backdrop{background:#000}')).equals(plain)).toBe(true);
  });
});

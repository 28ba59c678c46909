// The drop-in's parts fetched on demand: the synchronous core fetches the interface and one text
// pack when a view must show, embed placeholders when the page has an embed, and the receipt
// sender when there is a receipt; all from its own folder, under its CSP nonce and, when it was
// pinned with Subresource Integrity, pinned too.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import resolvePlugin from '@rollup/plugin-node-resolve';
import type { Page } from 'playwright-core';
import { rollup } from 'rollup';
import { describe, expect, it } from 'vitest';
import { CONFIG, DIST, POLL, ROOT, banner, button, deepFocus, dialog, events, focusInside, pageHtml, ran, reopenButton, settled, useHarness } from './harness';

const h = useHarness();

const manifest = JSON.parse(readFileSync(join(DIST, '..', 'manifest.json'), 'utf8')) as Record<string, [string, string]>;
/** The path of a stage file, e.g. `/consentgate-ui-en.3f9a1c2bQx.js`. */
const file = (stage: string) => '/' + manifest[stage]![0];
const STAGES = ['ui-en', 'ui-nl', 'prefs', 'embeds-en', 'embeds-nl', 'receipts'];
/** Which stage files the server was asked for, in order. */
const fetched = () => h.server.paths().flatMap((p) => STAGES.filter((s) => p === file(s)));

const sri = (code: Buffer | string) => 'sha256-' + createHash('sha256').update(code).digest('base64');

/** Open a page and give the visitor a decision, then clear the server log: the next page is a returning visit. */
async function decided(spec: Parameters<typeof pageHtml>[0] = {}) {
  const s = await h.session();
  const first = await s.open(spec);
  await button(banner(first), 'Reject all').click();
  await first.close();
  h.server.log.length = 0;
  return s;
}

describe('a first visit', () => {
  it('fetches the interface with the English texts in one file, and the banner shows', async () => {
    const s = await h.session();
    h.server.log.length = 0;
    const page = await s.open();
    await banner(page).waitFor();
    expect(fetched()).toEqual(['ui-en']);
    expect((await events(page)).filter((e) => e.type === 'show')).toEqual([{ type: 'show', detail: { view: 'banner' } }]);
    expect(s.consoleErrors).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it('fetches the interface with the Dutch texts, and not the English ones, on a <html lang="nl"> page', async () => {
    const s = await h.session();
    h.server.log.length = 0;
    const page = await s.open({ lang: 'nl' });
    await banner(page, 'nl').waitFor();
    expect(fetched()).toEqual(['ui-nl']);
  });

  it('starts the fetch from <head>, before the parser reaches the body', async () => {
    const s = await h.session();
    const page = await s.open({ body: '<script src="/js/late.js?delay=700"></script><p>content</p>' });
    await banner(page).waitFor();
    // The interface was requested while the parser still waited for a slow script in the body.
    const timing = await page.evaluate((ui) => {
      const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(ui))!;
      return { ui: entry.startTime, parsed: performance.getEntriesByType('navigation')[0]!.toJSON().domInteractive as number };
    }, file('ui-en'));
    expect(timing.ui).toBeLessThan(timing.parsed);
  });
});

describe('the preferences dialog, fetched when it first opens', () => {
  it('a first visit fetches no dialog file; a click on Preferences before it arrived opens the dialog when it does, with focus inside', async () => {
    const s = await h.session();
    // The dialog's file is slow to arrive: the click comes before it.
    await s.context.route(`**${file('prefs')}`, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    h.server.log.length = 0;
    const page = await s.open();
    await banner(page).waitFor();
    await settled(page);
    await page.waitForTimeout(300);
    expect(fetched()).toEqual(['ui-en']);
    await button(banner(page), 'Preferences').click();
    // While it is on its way, the banner stays as it was.
    expect(await button(banner(page), 'Accept all').isVisible()).toBe(true);
    await dialog(page).waitFor();
    expect(fetched()).toEqual(['ui-en', 'prefs']);
    await expect.poll(() => focusInside(dialog(page)), POLL).toBe(true);
    // On the dialog's title, as when the dialog's code was there from the start.
    expect(await deepFocus(page)).toMatchObject({ tag: 'h2', name: 'Cookie preferences' });
    // Styled by the rules that came with it: switches are 44px targets, the dialog at most 640px wide.
    expect((await dialog(page).getByRole('switch').first().boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect((await dialog(page).boundingBox())!.width).toBeLessThanOrEqual(640);
    await button(dialog(page), 'Close').click();
    await expect.poll(() => dialog(page).count(), POLL).toBe(0);
    // Opened again: from the file already there, no second request.
    await button(banner(page), 'Preferences').click();
    await dialog(page).waitFor();
    expect(fetched()).toEqual(['ui-en', 'prefs']);
    expect(s.consoleErrors).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });

  it('the dialog file blocked: one console error naming it, no uncaught error, the banner stays usable', async () => {
    const s = await h.session();
    await s.context.route(`**${file('prefs')}`, (route) => route.abort('blockedbyclient'));
    const page = await s.open();
    await banner(page).waitFor();
    await button(banner(page), 'Preferences').click();
    const ours = () => s.consoleErrors.filter((e) => e.startsWith('consentgate:'));
    await expect.poll(() => ours().length, POLL).toBe(1);
    expect(ours()[0]).toMatch(/^consentgate: could not load http:\/\/127\.0\.0\.1:\d+\/consentgate-prefs\./);
    expect(ours()[0]).toContain(file('prefs'));
    expect(await dialog(page).count()).toBe(0);
    // The view that could not open closes again: the banner is what shows.
    await expect.poll(async () => (await events(page)).filter((e) => e.type === 'show' || e.type === 'hide').at(-1), POLL).toEqual({ type: 'show', detail: { view: 'banner' } });
    await expect.poll(() => button(banner(page), 'Accept all').isVisible(), POLL).toBe(true);
    // Asking again neither throws nor reports again; nothing gated ran.
    await button(banner(page), 'Preferences').click();
    await page.evaluate(() => window.ConsentGate.showPreferences());
    await page.waitForTimeout(200);
    expect(ours()).toHaveLength(1);
    expect(await ran(page)).toEqual([]);
    // The banner still decides.
    await button(banner(page), 'Reject all').click();
    await expect.poll(() => banner(page).count(), POLL).toBe(0);
    expect(await page.evaluate(() => window.ConsentGate.get()?.action)).toBe('reject-all');
    expect(s.pageErrors).toEqual([]);
  });

  it("what the interface's file lends the dialog's stays off window.ConsentGate's members, and lends again when another language's file runs", async () => {
    // A returning visit: nothing is fetched until the preferences open.
    const s = await decided();
    const page = await s.open();
    await settled(page);
    const members = () => page.evaluate(() => Object.keys(window.ConsentGate).sort());
    const before = await members();
    expect(fetched()).toEqual([]);
    await reopenButton(page).click();
    await dialog(page).waitFor();
    expect(fetched()).toEqual(['ui-en', 'prefs']);
    expect(await members()).toEqual(before);
    // Started again in Dutch: the Dutch interface file runs after the English one, and the dialog opens.
    h.server.log.length = 0;
    await page.evaluate((config) => {
      window.ConsentGate.destroy();
      window.ConsentGate.init({ ...config, language: 'nl' });
      window.ConsentGate.showPreferences();
    }, CONFIG);
    await dialog(page, 'nl').waitFor();
    expect(fetched()).toEqual(['ui-nl']);
    expect(await members()).toEqual(before);
    expect(s.consoleErrors).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});

describe('a returning visitor', () => {
  it('fetches nothing until the preferences open; the reopen button then fetches the interface and opens them', async () => {
    const s = await decided();
    const page = await s.open();
    await settled(page);
    await reopenButton(page).waitFor();
    await page.waitForTimeout(300);
    expect(fetched()).toEqual([]);
    await reopenButton(page).click();
    await dialog(page).waitFor();
    expect(fetched()).toEqual(['ui-en', 'prefs']);
    expect(await banner(page).count()).toBe(0);
  });

  it('a data-consentgate trigger and showPreferences() open them the same way', async () => {
    const s = await decided();
    const page = await s.open();
    await settled(page);
    await page.locator('#footer-settings').click();
    await dialog(page).waitFor();
    await button(dialog(page), 'Close').click();
    await expect.poll(() => dialog(page).count(), POLL).toBe(0);
    const other = await s.open();
    await settled(other);
    await other.evaluate(() => window.ConsentGate.showPreferences());
    await dialog(other).waitFor();
  });

  it('a page with an embed placeholder fetches the embeds with the texts, not the interface; the preferences then fetch it', async () => {
    const s = await decided();
    const page = await s.open({
      body: '<iframe data-category="marketing" data-src="/frame/video.html" data-provider="VideoHost" width="300" height="150" title="Video"></iframe>',
    });
    await page.getByRole('region', { name: 'Content from VideoHost' }).waitFor();
    expect(fetched()).toEqual(['embeds-en']);
    await reopenButton(page).click();
    await dialog(page).waitFor();
    await button(dialog(page), 'Close').waitFor();
    expect(fetched()).toEqual(['embeds-en', 'ui-en', 'prefs']);
  });

  it('on a Dutch page the embeds come with the Dutch texts', async () => {
    const s = await decided();
    const page = await s.open({
      lang: 'nl',
      body: '<iframe data-category="marketing" data-src="/frame/video.html" data-provider="VideoHost" width="300" height="150" title="Video"></iframe>',
    });
    await page.getByRole('region', { name: 'Inhoud van VideoHost' }).waitFor();
    expect(fetched()).toEqual(['embeds-nl']);
  });
});

describe('a part that fails to load', () => {
  for (const [what, stage, lang] of [
    ['the interface with the English texts', 'ui-en', 'en'],
    ['the interface with the Dutch texts', 'ui-nl', 'nl'],
  ] as const) {
    it(`${what} blocked: fails closed, one console error naming it, no uncaught error, the API works`, async () => {
      const s = await h.session();
      await s.context.route(`**${file(stage)}`, (route) => route.abort('blockedbyclient'));
      const page = await s.open({ lang });
      // Ours, beside the browser's own network error for the blocked request.
      const ours = () => s.consoleErrors.filter((e) => e.startsWith('consentgate:'));
      await expect.poll(() => ours().length, POLL).toBe(1);
      expect(ours()[0]).toMatch(/^consentgate: could not load http:\/\/127\.0\.0\.1:\d+\/consentgate-/);
      expect(ours()[0]).toContain(file(stage));
      await settled(page);
      expect(await ran(page)).toEqual([]);
      expect(await banner(page, lang).count()).toBe(0);
      // Nothing was shown, so nothing is said to be shown or hidden.
      expect((await events(page)).filter((e) => e.type === 'show' || e.type === 'hide')).toEqual([]);
      // Asking again neither throws nor reports again.
      await page.evaluate(() => window.ConsentGate.showPreferences());
      await page.waitForTimeout(200);
      expect(ours()).toHaveLength(1);
      // The API still decides, and gated code runs only then.
      await page.evaluate(() => window.ConsentGate.acceptAll());
      expect(await page.evaluate(() => window.ConsentGate.has('analytics'))).toBe(true);
      await expect.poll(() => ran(page), POLL).toContain('analytics');
      expect(s.pageErrors).toEqual([]);
    });
  }
});

describe('a strict Content-Security-Policy with a nonce, and Subresource Integrity on the core', () => {
  const NONCE = 'c2VjcmV0LW5vbmNl';
  const CSP = `default-src 'self'; script-src 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self'; object-src 'none'; base-uri 'none'`;
  const core = () => readFileSync(DIST);
  const spec = (integrity: string) => ({
    noLibrary: true,
    head: `<script src="/consentgate.js" nonce="${NONCE}" integrity="${integrity}" crossorigin="anonymous"></script>`,
    body: '<p>page</p>',
    headers: { 'Content-Security-Policy': CSP },
  });

  it('the fetched parts carry the nonce and their own integrity, and load', async () => {
    const s = await h.session();
    const page = await s.open(spec(sri(core())));
    await banner(page).waitFor();
    await button(banner(page), 'Preferences').click();
    await dialog(page).waitFor();
    const scripts = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLScriptElement>('script[src*="consentgate-"]')].map((el) => ({ src: new URL(el.src).pathname, nonce: el.nonce, integrity: el.integrity, crossOrigin: el.crossOrigin })),
    );
    expect(scripts.map((x) => x.src)).toEqual([file('ui-en'), file('prefs')]);
    for (const x of scripts) {
      const stage = STAGES.find((name) => file(name) === x.src)!;
      expect(x).toEqual({ src: x.src, nonce: NONCE, integrity: manifest[stage]![1], crossOrigin: 'anonymous' });
      // The hash the core knows is the hash of the file served.
      expect(x.integrity).toBe(sri(readFileSync(join(DIST, '..', manifest[stage]![0]))));
    }
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  });

  it('a part whose content does not match its hash is refused and reported, and the page fails closed', async () => {
    const s = await h.session();
    await s.context.route(`**${file('ui-en')}`, async (route) => {
      // One byte more than the build made.
      const body = readFileSync(join(DIST, '..', manifest['ui-en']![0]), 'utf8') + ';';
      await route.fulfill({ body, contentType: 'text/javascript', headers: { 'Access-Control-Allow-Origin': '*' } });
    });
    const page = await s.open(spec(sri(core())));
    await expect.poll(() => s.consoleErrors.filter((e) => e.startsWith('consentgate:')).length, POLL).toBe(1);
    expect(s.consoleErrors.find((e) => e.startsWith('consentgate:'))).toContain(file('ui-en'));
    await settled(page);
    expect(await banner(page).count()).toBe(0);
    expect(await page.evaluate(() => window.ConsentGate.get())).toBeNull();
    expect(s.pageErrors).toEqual([]);
  });
});

describe('receipts', () => {
  it('a receipt is not lost when the visitor leaves at once: the next page view sends it', async () => {
    const config = { ...CONFIG, logEndpoint: '/consent' };
    const s = await h.session();
    // The receipt sender is slow to arrive on the first page, which the visitor leaves at once.
    let first = true;
    await s.context.route(`**${file('receipts')}`, async (route) => {
      if (!first) return route.continue();
      first = false;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.abort().catch(() => {});
    });
    const page = await s.open({ config });
    await button(banner(page), 'Accept all').click();
    const id = await page.evaluate(() => window.ConsentGate.get()!.id);
    const outbox = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('consentgate-outbox')));
    // Stored at the decision, before the sender arrived.
    expect(await outbox()).toHaveLength(1);
    await page.goto(h.server.page(pageHtml({ config, body: '<p>next page</p>' })));
    await expect.poll(() => h.server.log.filter((r) => r.method === 'POST' && r.path === '/consent').length, POLL).toBe(1);
    const receipt = JSON.parse(h.server.log.find((r) => r.method === 'POST' && r.path === '/consent')!.body!);
    expect(receipt).toMatchObject({ id, action: 'accept-all', url: expect.stringMatching(/^\/p\/\d+$/), language: 'en' });
    expect(receipt.textHash).toMatch(/^[0-9a-f]{64}$/);
    // Sent once: the outbox is empty now, and a third page sends nothing.
    await expect.poll(outbox, POLL).toEqual([]);
    const third = await s.open({ config });
    await settled(third);
    await third.waitForTimeout(300);
    expect(h.server.log.filter((r) => r.method === 'POST' && r.path === '/consent')).toHaveLength(1);
  });
});

describe('the ESM build in a bundled page', () => {
  it('a bundler splits off the interface: the banner shows and a chunk is requested', async () => {
    const out = mkdtempSync(join(tmpdir(), 'consentgate-esm-'));
    try {
      const entry = join(out, 'entry.js');
      writeFileSync(entry, `import { createConsentGate } from ${JSON.stringify(join(ROOT, 'dist', 'consentgate.mjs'))};\nwindow.ConsentGate = createConsentGate(${JSON.stringify(CONFIG)});\n`);
      const bundle = await rollup({ input: entry, plugins: [resolvePlugin({ browser: true, rootDir: ROOT, modulePaths: [join(ROOT, 'node_modules')] })] });
      const { output } = await bundle.write({ dir: join(out, 'dist'), format: 'es', entryFileNames: 'app.js' });
      await bundle.close();
      const chunks = output.filter((o) => o.type === 'chunk' && !o.isEntry).map((o) => o.fileName);
      expect(chunks.length).toBeGreaterThanOrEqual(2);
      const s = await h.session();
      const requested: string[] = [];
      await s.context.route('**/esm/**', async (route) => {
        const name = new URL(route.request().url()).pathname.slice('/esm/'.length);
        requested.push(name);
        await route.fulfill({ body: readFileSync(join(out, 'dist', name)), contentType: 'text/javascript' });
      });
      const page: Page = await s.open({ config: null, noLibrary: true, head: '<script type="module" src="/esm/app.js"></script>' });
      await banner(page).waitFor();
      // The entry, and chunks the bundler split off for what the banner needs.
      expect(requested[0]).toBe('app.js');
      expect(requested.slice(1).length).toBeGreaterThanOrEqual(1);
      expect(requested.slice(1).every((name) => chunks.includes(name))).toBe(true);
      expect(s.pageErrors).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

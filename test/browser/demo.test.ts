// The demo site (`npm start`), started with startDemo() on a free port beside its consent
// log service (when packages/log-service/server.mjs is present), driven in Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemo, type Demo } from '../../demo/serve.mjs';
import { DIST, POLL, TEXT, banner, button, cookieNames, cspViolations, dialog, settled, useHarness } from './harness';

const h = useHarness();
let demo: Demo;
let origin: string;
let dbDir: string;

beforeAll(async () => {
  dbDir = mkdtempSync(join(tmpdir(), 'consentgate-demo-'));
  demo = await startDemo({ port: 0, host: '127.0.0.1', distFile: DIST, log: { port: 0, dbPath: join(dbDir, 'consent.sqlite') } });
  origin = `http://127.0.0.1:${demo.port}`;
});
afterAll(async () => {
  await demo?.close();
  if (dbDir) rmSync(dbDir, { recursive: true, force: true });
});

const PAGES = ['/', '/pricing', '/contact', '/privacy', '/nl/', '/nl/pricing', '/nl/contact', '/nl/privacy'];
const GA = (names: string[]) => names.filter((n) => n === '_ga' || n.startsWith('_ga_'));

async function visit(path: string, options = {}): Promise<{ page: Page; s: Awaited<ReturnType<typeof h.session>> }> {
  const s = await h.session(options, origin);
  const page = await s.context.newPage();
  await page.goto(origin + path);
  return { page, s };
}

describe('the demo site', () => {
  it('serves every page, en and nl, with the config block, the script in <head> and a footer trigger; no sideways scroll at 320 px', { timeout: 90_000 }, async () => {
    const s = await h.session({ viewport: { width: 320, height: 640 } }, origin);
    const page = await s.context.newPage();
    for (const path of PAGES) {
      const response = await page.goto(origin + path);
      expect(response?.status(), path).toBe(200);
      expect(response?.headers()['content-security-policy'], path).toContain("script-src 'self'");
      const lang = path.startsWith('/nl/') ? 'nl' : 'en';
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      const head = await page.evaluate(() => ({
        config: !!document.querySelector('head > script#consentgate-config[type="application/json"]'),
        script: !!document.querySelector('head > script[src="/consentgate.js"]'),
        inline: Array.from(document.scripts).filter((s) => !s.src && s.type !== 'application/json' && s.type !== 'text/plain').length,
      }));
      expect(head, path).toEqual({ config: true, script: true, inline: 0 });
      await banner(page, lang).waitFor();
      expect(await page.locator('footer [data-consentgate="preferences"]').textContent()).toBe(TEXT[lang].settings);
      expect(await cspViolations(page), path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    expect(s.offOrigin).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
    expect(await cookieNames(s.context)).toEqual([]);
  });

  it('gzips text when asked and serves the built script', async () => {
    const response = await fetch(`${origin}/consentgate.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect((await response.text()).length).toBeGreaterThan(1000);
    expect((await fetch(`${origin}/../package.json`)).status).toBe(404);
    expect((await fetch(`${origin}/serve.mjs`)).status).toBe(404);
  });

  it('accept: the stand-in analytics runs and sets its cookies; withdrawal from the footer deletes them', async () => {
    const { page, s } = await visit('/');
    await banner(page).waitFor();
    expect(await page.locator('#analytics-status').textContent()).toMatch(/^Not running/);
    await button(banner(page), 'Accept all').click();
    await page.locator('#analytics-status').filter({ hasText: /Running: 1 page view/ }).waitFor();
    await page.locator('#marketing-status').filter({ hasText: /Loaded/ }).waitFor();
    await page.waitForFunction(() => document.querySelector('.video iframe')?.getAttribute('src') === '/assets/video.html');
    expect(await cookieNames(s.context)).toEqual(expect.arrayContaining(['_fbp', '_ga', '_ga_DEMO', 'consentgate', 'iv_lang']));
    await page.locator('#panel-events').filter({ hasText: 'consentgate:consent' }).waitFor();

    // The count goes on on the next page.
    await page.goto(origin + '/pricing');
    await page.locator('#analytics-status').filter({ hasText: /Running: 2 page views/ }).waitFor();

    await page.locator('footer').getByRole('button', { name: 'Cookie settings' }).click();
    const prefs = dialog(page);
    await prefs.waitFor();
    await prefs.getByRole('switch', { name: /analytics|statistic/i }).click();
    await button(prefs, 'Save choices').click();
    await expect.poll(async () => GA(await cookieNames(s.context)), POLL).toEqual([]);
    expect(await cookieNames(s.context)).toEqual(expect.arrayContaining(['_fbp', 'consentgate']));
    await page.locator('#analytics-status').filter({ hasText: /Consent withdrawn/ }).waitFor();
    await page.locator('#panel-events').filter({ hasText: 'consentgate:change' }).waitFor();

    await page.reload();
    await settled(page);
    expect(await page.locator('#analytics-status').textContent()).toMatch(/^Not running/);
    expect(GA(await cookieNames(s.context))).toEqual([]);
    expect(s.offOrigin).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });

  it('after "Accept all" every cookie the site sets is declared in its config (GDPR art. 13: the visitor is told of every cookie)', async () => {
    const { page, s } = await visit('/');
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    await page.locator('#analytics-status').filter({ hasText: /Running/ }).waitFor();
    await page.locator('#marketing-status').filter({ hasText: /Loaded/ }).waitFor();
    const declared = await page.evaluate(() => {
      const config = JSON.parse(document.getElementById('consentgate-config')!.textContent!) as {
        categories: Record<string, { cookies?: Array<{ name?: string; match?: string }> }>;
      };
      return Object.values(config.categories).flatMap((c) => c.cookies ?? []);
    });
    const isDeclared = (name: string) => declared.some((d) => d.name === name || (d.match !== undefined && new RegExp(d.match).test(name)));
    const names = await cookieNames(s.context);
    expect(names.length).toBeGreaterThanOrEqual(5);
    expect(names.filter((n) => !isDeclared(n))).toEqual([]);
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
  });

  it('the privacy page names every vendor and data point the banner config declares (GDPR art. 13)', async () => {
    for (const [path, words] of [
      ['/privacy', ['device', 'IP address', 'browser', 'operating system', 'pages', 'click', 'log-in', 'host name']],
      ['/nl/privacy', ['apparaat', 'IP-adres', 'browser', 'besturingssysteem', "pagina's", 'klik', 'inlog', 'hostnaam']],
    ] as const) {
      const { page } = await visit(path);
      const text = (await page.locator('main').textContent()) ?? '';
      const vendors = await page.evaluate(() => {
        const config = JSON.parse(document.getElementById('consentgate-config')!.textContent!) as {
          categories: Record<string, { vendors?: Array<{ name: string }> }>;
        };
        return Object.values(config.categories).flatMap((c) => (c.vendors ?? []).map((v) => v.name));
      });
      for (const vendor of vendors.filter((v) => v !== 'Google Analytics')) expect(text, `${path}: ${vendor}`).toContain(vendor);
      for (const word of words) expect(text, `${path}: ${word}`).toContain(word);
    }
  });

  it('the privacy page names the categories as the preferences dialog does', async () => {
    for (const [path, lang] of [['/privacy', 'en'], ['/nl/privacy', 'nl']] as const) {
      const { page } = await visit(path);
      await button(banner(page, lang), TEXT[lang].preferences).click();
      const prefs = dialog(page, lang);
      await prefs.waitFor();
      const shown = await prefs.getByRole('heading', { level: 3 }).allTextContents();
      expect(shown.length, path).toBeGreaterThanOrEqual(4);
      // The list of what each category collects, one item per category, each led by its name.
      const named = await page.locator('main li > strong').allTextContents();
      expect(named, path).toEqual(shown);
    }
  });

  it('Dutch at /nl/: the banner speaks Dutch and Reject leaves the stand-ins off', async () => {
    const { page, s } = await visit('/nl/');
    const first = banner(page, 'nl');
    await first.waitFor();
    await button(first, TEXT.nl.reject).click();
    await first.waitFor({ state: 'hidden' });
    await settled(page);
    expect(await page.locator('#analytics-status').textContent()).toMatch(/^Draait niet/);
    expect(await cookieNames(s.context)).toEqual(['consentgate']);
  });

  it('the contact form works while the banner is up', async () => {
    const { page } = await visit('/contact');
    await banner(page).waitFor();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('E-mail').fill('ada@example.com');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('#form-status').filter({ hasText: 'Thank you, Ada Lovelace' }).waitFor();
  });

  it('stores a consent receipt through the same-origin /consent proxy', async ({ skip }) => {
    if (!demo.logPort) skip('packages/log-service/server.mjs is not present');
    const { page } = await visit('/');
    await banner(page).waitFor();
    await button(banner(page), 'Reject all').click();
    const id = await page.evaluate(() => (window as unknown as { ConsentGate: { get(): { id: string } } }).ConsentGate.get().id);
    await expect
      .poll(async () => (await fetch(`${origin}/consent/${id}`)).status, POLL)
      .toBe(200);
  });
});

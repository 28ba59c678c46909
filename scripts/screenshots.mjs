// Makes the README's screenshots from the built dist/consentgate.js in headless
// Chromium, and checks on the way what only a real browser can show (size of the
// first layer on a phone, equal buttons, reflow at 320 px, keyboard use).
//
//   npm run build && node scripts/screenshots.mjs
//
// Serves the repository on 127.0.0.1 (node:http, nothing else); the pages are
// docs/screenshots/page.html filled with en.html or nl.html and config.json.
// Nothing is loaded from other hosts. Exits with 1 when a check fails.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = join(repo, 'docs', 'screenshots');
const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.html': 'text/html; charset=utf-8', '.json': 'application/json', '.css': 'text/css' };

/** /en or /nl: the sample page in that language; `?layout=box` swaps the layout. */
const samplePage = async (lang, layout) => {
  const [shell, body, config] = await Promise.all(['page.html', `${lang}.html`, 'config.json'].map((f) => readFile(join(out, f), 'utf8')));
  const json = JSON.stringify({ ...JSON.parse(config), ...(layout ? { layout } : {}) }, null, 2).replace(/</g, '\\u003c');
  return shell.replace('{{lang}}', lang).replace('{{config}}', json).replace('{{body}}', body);
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  try {
    const lang = url.pathname.slice(1);
    if (lang === 'en' || lang === 'nl') {
      res.writeHead(200, { 'content-type': types['.html'] }).end(await samplePage(lang, url.searchParams.get('layout')));
      return;
    }
    const file = normalize(join(repo, decodeURIComponent(url.pathname)));
    if (!file.startsWith(repo) || file.split(sep).includes('node_modules')) throw new Error('outside');
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: CHROMIUM_ARGS,
});

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

/** A fresh context (no cookie, so the banner shows) on one of the sample pages. */
const open = async ({ lang = 'en', width = 1280, height = 800, scheme = 'light', layout } = {}) => {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, locale: lang === 'nl' ? 'nl-NL' : 'en-GB', reducedMotion: 'reduce' });
  // Only this server: a request anywhere else fails the run.
  await context.route(/^(?!http:\/\/127\.0\.0\.1:)/, (route) => {
    failures.push(`request to another host: ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  await page.goto(`${origin}/${lang}${layout ? `?layout=${layout}` : ''}`);
  await page.getByRole('region', { name: lang === 'nl' ? 'Cookietoestemming' : 'Cookie consent' }).waitFor();
  return { context, page };
};

const shot = async (page, name) => {
  await page.screenshot({ path: join(out, name) });
  console.log(`     wrote docs/screenshots/${name}`);
};

const openDialog = async (page, lang = 'en') => {
  await page.getByRole('button', { name: lang === 'nl' ? 'Voorkeuren' : 'Preferences' }).click();
  const dialog = page.getByRole('dialog', { name: lang === 'nl' ? 'Cookievoorkeuren' : 'Cookie preferences' });
  await dialog.waitFor();
  // Show one category's details and one switch turned on, as a visitor might.
  await dialog.locator('.cat').nth(2).locator('summary').click();
  await dialog.getByRole('switch', { name: lang === 'nl' ? 'Statistieken' : 'Analytics' }).click();
  return dialog;
};

try {
  for (const scheme of ['light', 'dark']) {
    const { context, page } = await open({ scheme });
    await shot(page, `banner-${scheme}.png`);
    await openDialog(page);
    await shot(page, `dialog-${scheme}.png`);
    await context.close();
  }

  {
    const { context, page } = await open({ lang: 'nl' });
    await shot(page, 'banner-nl.png');
    await openDialog(page, 'nl');
    await shot(page, 'dialog-nl.png');
    await context.close();
  }

  {
    const { context, page } = await open({ layout: 'box' });
    await shot(page, 'banner-box.png');
    // After a choice: only the small reopen button is left.
    await page.getByRole('button', { name: 'Reject all' }).click();
    await page.locator('#consentgate').getByRole('button', { name: 'Cookie settings' }).waitFor();
    await shot(page, 'reopen.png');
    await context.close();
  }

  // Phone: the first layer covers at most 40% of a 390×844 screen, all three buttons in view.
  {
    const { context, page } = await open({ width: 390, height: 844 });
    await shot(page, 'mobile.png');
    const banner = await page.getByRole('region', { name: 'Cookie consent' }).boundingBox();
    check(banner.height / 844 <= 0.4, `first layer at 390×844 covers ${((banner.height / 844) * 100).toFixed(1)}% (≤ 40%)`);
    for (const name of ['Accept all', 'Reject all', 'Preferences']) {
      const box = await page.getByRole('button', { name }).boundingBox();
      check(box.y >= banner.y && box.y + box.height <= 844, `"${name}" is visible without scrolling at 390×844`);
    }
    await openDialog(page);
    await shot(page, 'mobile-dialog.png');
    await context.close();
  }

  // Accept and Reject look the same (EDPB taskforce, types D and E), on a wide and a narrow screen.
  for (const width of [1280, 390]) {
    const { context, page } = await open({ width, height: 800 });
    const look = (name) =>
      page.getByRole('button', { name }).evaluate((el) => {
        const s = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return { tag: el.tagName, font: s.font, color: s.color, background: s.backgroundColor, border: s.border, padding: s.padding, radius: s.borderRadius, width: Math.round(r.width), height: Math.round(r.height) };
      });
    const [accept, reject] = [await look('Accept all'), await look('Reject all')];
    check(JSON.stringify(accept) === JSON.stringify(reject), `Accept all and Reject all look the same at ${width} px: ${JSON.stringify(accept)}`);
    // Targets of at least 24×24 (WCAG 2.5.8).
    const small = await page.locator('#consentgate button').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.width && (r.width < 24 || r.height < 24)).length);
    check(small === 0, `every button is at least 24×24 at ${width} px`);
    await context.close();
  }

  // Reflow at 320 px: no sideways scrolling, with the banner and with the dialog.
  {
    const { context, page } = await open({ width: 320, height: 640 });
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > 320);
    check(!(await sideways()), 'no horizontal scroll at 320 px with the banner');
    await openDialog(page);
    check(!(await sideways()), 'no horizontal scroll at 320 px with the dialog');
    const dialogFits = await page.getByRole('dialog').evaluate((d) => d.getBoundingClientRect().right <= 320);
    check(dialogFits, 'the dialog fits in 320 px');
    await context.close();
  }

  // Keyboard only: Space flips a switch, Tab stays inside, Escape closes and focus returns.
  {
    const { context, page } = await open();
    const opener = page.getByRole('button', { name: 'Preferences' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Cookie preferences' });
    await dialog.waitFor();
    const marketing = dialog.getByRole('switch', { name: 'Marketing' });
    await marketing.focus();
    await page.keyboard.press('Space');
    check((await marketing.getAttribute('aria-checked')) === 'true', 'Space turns a switch on');
    await page.keyboard.press('Enter');
    check((await marketing.getAttribute('aria-checked')) === 'false', 'Enter turns it off again');
    let inside = true;
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press(i % 3 ? 'Tab' : 'Shift+Tab');
      inside &&= await dialog.evaluate((d) => d.contains(d.getRootNode().activeElement));
    }
    check(inside, 'Tab and Shift+Tab stay inside the dialog');
    check(await page.locator('main').evaluate((m) => !!m.closest('[inert]')), 'the page behind the dialog is inert');
    await page.keyboard.press('Escape');
    check((await dialog.count()) === 0, 'Escape closes the dialog');
    check(await opener.evaluate((b) => b.getRootNode().activeElement === b), 'focus is back on "Preferences"');
    check((await context.cookies()).length === 0, 'closing wrote no cookie');
    // A page link stays reachable by Tab from the banner (no focus trap on the first layer).
    let reachedPage = false;
    for (let i = 0; i < 12 && !reachedPage; i++) {
      await page.keyboard.press('Tab');
      reachedPage = await page.evaluate(() => document.activeElement?.tagName === 'A' || document.activeElement?.tagName === 'BUTTON');
    }
    check(reachedPage, 'Tab leaves the first layer for the page');
    await context.close();
  }

  // axe-core (served from node_modules, nothing remote) in each state: banner, dialog, after a choice.
  {
    const axe = join(repo, 'node_modules', 'axe-core', 'axe.min.js');
    const scan = async (page, state) => {
      await page.addScriptTag({ path: axe });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document.getElementById('consentgate'), {
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        });
        return result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help}`);
      });
      check(violations.length === 0, `axe: no violations with ${state}${violations.length ? ' — ' + violations.join('; ') : ''}`);
    };
    for (const scheme of ['light', 'dark']) {
      const { context, page } = await open({ scheme });
      await scan(page, `the banner (${scheme})`);
      await openDialog(page);
      await scan(page, `the dialog (${scheme})`);
      await page.getByRole('button', { name: 'Save choices' }).click();
      await page.locator('#consentgate').getByRole('button', { name: 'Cookie settings' }).waitFor();
      await scan(page, `the reopen button (${scheme})`);
      await context.close();
    }
  }

  // The first layer does not hide the focused page element (WCAG 2.4.11; scroll-padding).
  {
    const { context, page } = await open({ width: 390, height: 844 });
    const padding = await page.evaluate(() => getComputedStyle(document.documentElement).scrollPaddingBottom);
    const height = Math.round((await page.getByRole('region', { name: 'Cookie consent' }).boundingBox()).height);
    check(Math.abs(parseFloat(padding) - height) <= 1, `scroll-padding-bottom ${padding} follows the banner height ${height}px`);
    // The last control of the page (the footer's trigger) is not left under the banner.
    let covered = null;
    for (let i = 0; i < 20 && covered === null; i++) {
      await page.keyboard.press('Tab');
      covered = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el?.matches('footer [data-consentgate]')) return null;
        const r = el.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id === 'consentgate';
      });
    }
    check(covered === false, 'the footer trigger at the end of the page is scrolled clear of the banner when focused');
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

if (failures.length) {
  console.error(`\n${failures.length} check(s) failed`);
  process.exit(1);
}

// The browser test harness: one headless system Chromium per test file, one fixture
// server per file on a free 127.0.0.1 port, and a new browser context per test.
// Tests load the BUILT dist/consentgate.js (run `npm run build` first; `npm test` does).
//
// Fixture server routes (every request is recorded in `server.log`):
//   /consentgate.js              dist/consentgate.js
//   /consentgate-<part>.<hash>.js  the files it fetches from dist/ (interface, texts, ...)
//   /dist/<name>.mjs             the ESM build and its chunks
//   /p/<n>                       a page registered with server.page(html, headers); <!--pause--> in
//                                  it splits the response in two, 300 ms apart
//   /js/<name>.js                a script that appends <name> to window.__ran
//                                  ?delay=<ms> answers late; ?status=500 fails
//   /img/<name>.svg              a 1×1 image        /frame/<name>.html   a tiny page
//   /fixtures/<file>             test/browser/fixtures/<file>
import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { fileFor, sendBody, sendFile } from '../../demo/serve.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = resolve(here, '../..');
// CONSENTGATE_DIST points the suite at another build (e.g. a deliberately broken one, to see tests fail).
export const DIST = process.env.CONSENTGATE_DIST ?? join(ROOT, 'dist', 'consentgate.js');
export const FIXTURES = join(here, 'fixtures');
export const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export const LAUNCH = {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [
    ...CHROMIUM_ARGS,
    // No network beyond this machine: every host name but 127.0.0.1 fails to resolve.
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  ],
};

// ---------------------------------------------------------------------------
// Fixture server

export interface LoggedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body of a POST (consent receipts). */
  body?: string;
}

export interface FixtureServer {
  origin: string;
  /** Every request, in arrival order. */
  log: LoggedRequest[];
  /** Register a page; returns its absolute URL. */
  page(html: string, headers?: Record<string, string>): string;
  /** Paths requested so far (with query), for "was this URL fetched?" checks. */
  paths(): string[];
  close(): Promise<void>;
}

const PIXEL = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';
const ranScript = (name: string) => `(window.__ran=window.__ran||[]).push(${JSON.stringify(name)});\n`;

export async function startFixtureServer(): Promise<FixtureServer> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>();
  const log: LoggedRequest[] = [];
  let next = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const entry: LoggedRequest = { method: req.method ?? 'GET', path: path + url.search, headers: req.headers };
    log.push(entry);
    const delay = Number(url.searchParams.get('delay') ?? 0);
    const status = Number(url.searchParams.get('status') ?? 200);
    const answer = () => {
      if (path === '/consentgate.js') {
        if (!existsSync(DIST)) return sendBody(req, res, 404, 'dist/consentgate.js missing: run npm run build', 'text/plain');
        return sendFile(req, res, DIST);
      }
      // The files the core fetches from its own folder (interface, text packs, embeds, receipts).
      if (/^\/consentgate-[\w-]+\.[\da-zA-Z]+\.js$/.test(path)) return sendFile(req, res, join(dirname(DIST), path.slice(1)));
      // The ESM build and its chunks, for pages that import it the way a bundler's output would.
      if (/^\/dist\/[\w.-]+\.mjs$/.test(path)) return sendFile(req, res, join(dirname(DIST), path.slice('/dist/'.length)));
      let m = /^\/p\/(\d+)$/.exec(path);
      if (m) {
        const entry = pages.get(m[1] ?? '');
        if (!entry) return sendBody(req, res, 404, 'no such page', 'text/plain');
        // A page with <!--pause--> is sent in two parts, 300 ms apart: the parser stops where the
        // first part ends (inside an element, say) and goes on when the rest arrives.
        const [first, rest] = entry.html.split('<!--pause-->');
        if (rest !== undefined) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...entry.headers });
          res.write(first);
          return void setTimeout(() => res.end(rest), 300);
        }
        return sendBody(req, res, 200, entry.html, 'text/html; charset=utf-8', entry.headers);
      }
      m = /^\/js\/([\w.-]+)\.js$/.exec(path);
      if (m) return sendBody(req, res, status, status === 200 ? ranScript(m[1] ?? '') : 'fail', 'text/javascript');
      m = /^\/img\/([\w.-]+)\.svg$/.exec(path);
      if (m) return sendBody(req, res, status, PIXEL, 'image/svg+xml');
      m = /^\/frame\/([\w.-]+)\.html$/.exec(path);
      if (m) return sendBody(req, res, status, `<!doctype html><title>${m[1]}</title><p>${m[1]}</p>`, 'text/html');
      if (path === '/consent' && req.method === 'POST') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          entry.body = Buffer.concat(chunks).toString('utf8');
          sendBody(req, res, 201, '{}', 'application/json');
        });
        return;
      }
      if (path.startsWith('/fixtures/')) {
        const file = fileFor(FIXTURES, path.slice('/fixtures'.length));
        if (file) return sendFile(req, res, file);
      }
      if (path === '/favicon.ico') return sendBody(req, res, 204, '', 'image/x-icon');
      return sendBody(req, res, 404, 'not found', 'text/plain');
    };
    if (delay > 0) setTimeout(answer, delay);
    else answer();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    log,
    page(html, headers = {}) {
      const id = String(++next);
      pages.set(id, { html, headers });
      return `${origin}/p/${id}`;
    },
    paths: () => log.map((r) => r.path),
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------------------
// Pages

/** A config that exercises every part of the first layer and the dialog. */
export const CONFIG = {
  controller: 'Example Telecom B.V.',
  privacyPolicyUrl: '/fixtures/privacy.html',
  googleConsentMode: true,
  categories: {
    necessary: { required: true, label: { en: 'Necessary', nl: 'Noodzakelijk' }, data: ['login', 'host'] },
    preferences: {
      label: { en: 'Preferences', nl: 'Voorkeuren' },
      cookies: [{ name: 'fx_pref', provider: 'Example', purpose: 'Language', expires: '1 year' }],
    },
    analytics: {
      label: { en: 'Analytics', nl: 'Statistieken' },
      data: ['device', 'ip', 'browser', 'os', 'pages', 'clicks'],
      cookies: [
        { name: '_ga', provider: 'Google', purpose: 'Tells visitors apart', expires: '2 years' },
        { match: '^_ga_.+$', provider: 'Google', purpose: 'Keeps session state', expires: '2 years' },
      ],
      vendors: [{ name: 'Google Analytics', url: 'https://policies.google.com/privacy' }],
    },
    marketing: {
      label: { en: 'Marketing', nl: 'Marketing' },
      data: ['ip', 'device', 'pages'],
      cookies: [{ name: '_fbp', provider: 'Meta', purpose: 'Advert measurement', expires: '3 months' }],
      vendors: [{ name: 'Meta Platforms', url: 'https://www.facebook.com/privacy/policy/' }],
    },
  },
};

/** Everything a gated category leaves behind when it runs. */
export const GATED_URLS = ['/js/analytics-ext.js', '/img/marketing-pixel.svg', '/frame/marketing-video.html'];
export const GATED_COOKIES = ['fx_pref', '_ga', '_ga_TEST', '_fbp'];

const run = (name: string, extra = '') => `(window.__ran=window.__ran||[]).push('${name}');${extra}`;

/** The gated elements: inline and src scripts, an img and an iframe, and a refusal fallback. */
export const GATED = `
<script type="text/plain" data-category="preferences">${run('preferences', "document.cookie='fx_pref=nl; path=/'; localStorage.setItem('fx_pref','nl');")}</script>
<script type="text/plain" data-category="analytics">${run('analytics', "document.cookie='_ga=GA1.1.1.1; path=/'; document.cookie='_ga_TEST=GS1.1.1; path=/'; localStorage.setItem('fx_analytics','1'); sessionStorage.setItem('fx_analytics','1');")}</script>
<script type="text/plain" data-category="analytics" src="/js/analytics-ext.js"></script>
<script type="text/plain" data-category="marketing">${run('marketing', "document.cookie='_fbp=fb.1.1.1; path=/';")}</script>
<img data-category="marketing" data-src="/img/marketing-pixel.svg" alt="" width="1" height="1" id="pixel">
<iframe data-category="marketing" data-src="/frame/marketing-video.html" title="Product video" id="video"></iframe>
<script type="text/plain" data-category="!marketing">${run('no-marketing')}</script>`;

/** A plain page around the gated elements: links, a form field, a button, long content, a settings trigger. */
export const PAGE_BODY = `
<header><nav aria-label="Main"><a id="anchor-link" href="#far">Jump down</a> <a id="page-link" href="/fixtures/other.html">Other page</a></nav></header>
<main id="main">
  <h1>Fixture page</h1>
  <p><label for="name">Your name</label> <input id="name" name="name"></p>
  <p><button type="button" id="page-button">Count</button> <output id="count">0</output></p>
  ${'<p>Filler paragraph so the page scrolls and a banner could push it around.</p>'.repeat(40)}
  <p id="far">The end of the page.</p>
</main>
${GATED}
<footer><button type="button" id="footer-settings" data-consentgate="preferences">Cookie settings</button></footer>
<script src="/fixtures/page.js"></script>`;

export interface PageSpec {
  /** The config object; `null` leaves the config block out. @default CONFIG */
  config?: unknown;
  /** Raw text of the config block (wins over `config`), e.g. invalid JSON. */
  configText?: string;
  /** @default PAGE_BODY */
  body?: string;
  /** Extra markup in <head> after the consentgate script. */
  head?: string;
  /** @default 'en' */
  lang?: string;
  /** Response headers, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
  /** Nonce attribute for the consentgate script tag. */
  nonce?: string;
  /** Leave out the consentgate script (a page where the library failed to load). */
  noLibrary?: boolean;
}

export function pageHtml(spec: PageSpec = {}): string {
  const config = spec.config === undefined ? CONFIG : spec.config;
  const text = spec.configText ?? (config === null ? null : JSON.stringify(config));
  const nonce = spec.nonce ? ` nonce="${spec.nonce}"` : '';
  return `<!doctype html>
<html lang="${spec.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>consentgate fixture</title>
${text === null ? '' : `<script type="application/json" id="consentgate-config">${text.replace(/</g, '\\u003c')}</script>`}
${spec.noLibrary ? '' : `<script src="/consentgate.js"${nonce}></script>`}
${spec.head ?? ''}
</head>
<body>
${spec.body ?? PAGE_BODY}
</body>
</html>`;
}

// ---------------------------------------------------------------------------
// Contexts

/** Installed before any page script: records consentgate:* events, CSP violations and layout shifts. */
function recorder() {
  const w = window as unknown as Record<string, unknown>;
  const events: Array<{ type: string; detail: unknown }> = [];
  const csp: string[] = [];
  w.__cgEvents = events;
  w.__csp = csp;
  w.__shift = { sum: 0, count: 0 };
  for (const type of ['consent', 'change', 'show', 'hide']) {
    addEventListener(`consentgate:${type}`, (event) => {
      events.push({ type, detail: JSON.parse(JSON.stringify((event as CustomEvent).detail ?? null)) });
    });
  }
  document.addEventListener('securitypolicyviolation', (e) => csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  try {
    new PerformanceObserver((list) => {
      const shift = w.__shift as { sum: number; count: number };
      for (const entry of list.getEntries()) {
        shift.sum += (entry as unknown as { value: number }).value;
        shift.count += 1;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch {
    // older engines: no layout-shift entries
  }
}

export interface Session {
  context: BrowserContext;
  /** URLs the pages tried to load from any other origin (none can resolve). */
  offOrigin: string[];
  /** console.error texts and uncaught page errors, per context. */
  consoleErrors: string[];
  pageErrors: string[];
  /** Open a fixture page (or a URL) in a new tab and wait for its load event. */
  open(spec?: PageSpec | string): Promise<Page>;
}

export interface Harness {
  browser: Browser;
  server: FixtureServer;
  /** A new context (closed after the test) with recording installed; `origin` is the site's own (default: the fixture server). */
  session(options?: BrowserContextOptions, origin?: string): Promise<Session>;
}

/**
 * Call once at the top of a test file: launches Chromium and the fixture server before
 * the file's tests and closes both after; contexts are closed after each test.
 */
export function useHarness(): Harness {
  const contexts: BrowserContext[] = [];
  const h = {} as Harness;
  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error('dist/consentgate.js is missing: run `npm run build` before the browser tests');
    h.server = await startFixtureServer();
    h.browser = await chromium.launch(LAUNCH);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await h.browser?.close();
    await h.server?.close();
  });
  h.session = async (options = {}, siteOrigin?: string) => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', ...options });
    contexts.push(context);
    // Generous for a busy CI machine; a wait that fails still fails well inside the test timeout.
    context.setDefaultTimeout(10_000);
    const offOrigin: string[] = [];
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    const origin = siteOrigin ?? h.server.origin;
    // Recorded here; the launch flags make sure nothing leaves the machine.
    context.on('request', (request) => {
      const url = new URL(request.url());
      if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && url.origin !== origin) {
        offOrigin.push(request.url());
      }
    });
    await context.addInitScript(recorder);
    context.on('page', (page) => {
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => pageErrors.push(e.message));
    });
    return {
      context,
      offOrigin,
      consoleErrors,
      pageErrors,
      async open(spec = {}) {
        const page = await context.newPage();
        await page.goto(typeof spec === 'string' ? spec : h.server.page(pageHtml(spec), spec.headers));
        return page;
      },
    };
  };
  return h;
}

// ---------------------------------------------------------------------------
// Reading the page

/** For expect.poll: the default 1 s is short on a busy machine. */
export const POLL = { timeout: 10_000, interval: 100 };

export const TEXT = {
  en: {
    banner: 'Cookie consent',
    accept: 'Accept all',
    reject: 'Reject all',
    preferences: 'Preferences',
    dialog: 'Cookie preferences',
    save: 'Save choices',
    close: 'Close',
    settings: 'Cookie settings',
  },
  nl: {
    banner: 'Cookietoestemming',
    accept: 'Alles accepteren',
    reject: 'Alles weigeren',
    preferences: 'Voorkeuren',
    dialog: 'Cookievoorkeuren',
    save: 'Keuze opslaan',
    close: 'Sluiten',
    settings: 'Cookie-instellingen',
  },
} as const;
export type Lang = keyof typeof TEXT;

/** The first layer: a region (or non-modal dialog) named "Cookie consent". */
export function banner(page: Page, lang: Lang = 'en'): Locator {
  const name = TEXT[lang].banner;
  return page.getByRole('region', { name, exact: true }).or(page.getByRole('dialog', { name, exact: true }));
}

/** The preferences dialog, named "Cookie preferences". */
export function dialog(page: Page, lang: Lang = 'en'): Locator {
  return page.getByRole('dialog', { name: TEXT[lang].dialog, exact: true });
}

export function button(scope: Page | Locator, name: string): Locator {
  return scope.getByRole('button', { name, exact: true });
}

/** The small "Cookie settings" button the library shows after a decision (not the page's own footer trigger). */
export function reopenButton(page: Page, lang: Lang = 'en'): Locator {
  return page.locator('#consentgate').getByRole('button', { name: TEXT[lang].settings, exact: true });
}

export function switchFor(scope: Locator, label: string): Locator {
  return scope.getByRole('switch', { name: label });
}

/** The names pushed to window.__ran by gated code that ran, in order. */
export const ran = (page: Page): Promise<string[]> =>
  page.evaluate(() => ((window as unknown as { __ran?: string[] }).__ran ?? []).slice());

export interface RecordedEvent {
  type: string;
  detail: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from the page
}
export const events = (page: Page): Promise<RecordedEvent[]> =>
  page.evaluate(() => (window as unknown as { __cgEvents: RecordedEvent[] }).__cgEvents.slice());

export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.slice());

export const layoutShift = (page: Page): Promise<{ sum: number; count: number }> =>
  page.evaluate(() => ({ ...(window as unknown as { __shift: { sum: number; count: number } }).__shift }));

export async function cookieNames(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map((c) => c.name).sort();
}

/** localStorage and sessionStorage keys, prefixed `local:` / `session:`. */
export const storageKeys = (page: Page): Promise<string[]> =>
  page.evaluate(() => [
    ...Object.keys(localStorage).map((k) => `local:${k}`),
    ...Object.keys(sessionStorage).map((k) => `session:${k}`),
  ]);

/** window.dataLayer with gtag's `arguments` objects turned into arrays. */
export const dataLayer = (page: Page): Promise<unknown[]> =>
  page.evaluate(() =>
    ((window as unknown as { dataLayer?: unknown[] }).dataLayer ?? []).map((item) =>
      item && typeof item === 'object' && !Array.isArray(item) && typeof (item as { length?: unknown }).length === 'number'
        ? JSON.parse(JSON.stringify(Array.from(item as ArrayLike<unknown>)))
        : JSON.parse(JSON.stringify(item)),
    ),
  );

/** The gtag('consent', …) commands in dataLayer: [kind, values]. */
export async function consentCommands(page: Page): Promise<Array<[string, Record<string, string>]>> {
  return (await dataLayer(page))
    .filter((e): e is unknown[] => Array.isArray(e) && e[0] === 'consent')
    .map((e) => [String(e[1]), e[2] as Record<string, string>]);
}

/** Wait until the library has started (window.ConsentGate exists) and one frame has painted. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => 'ConsentGate' in window);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

/** Wait until window.__ran has at least `count` entries. */
export async function waitForRan(page: Page, count: number): Promise<string[]> {
  await page.waitForFunction((n) => ((window as unknown as { __ran?: string[] }).__ran ?? []).length >= n, count);
  return ran(page);
}

/** The element that has focus, looking through shadow roots: a short description. */
export const deepFocus = (page: Page): Promise<{ tag: string; name: string; inShadow: boolean; id: string }> =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    let inShadow = false;
    while (el?.shadowRoot?.activeElement) {
      el = el.shadowRoot.activeElement;
      inShadow = true;
    }
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      name: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(),
      inShadow,
      id: el?.id ?? '',
    };
  });

/** True when the deepest focused element is inside the element the locator points to. */
export const focusInside = (scope: Locator): Promise<boolean> =>
  scope.evaluate((root) => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return !!el && root.contains(el);
  });

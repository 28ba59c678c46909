// @ts-check
// consentgate-scan: what a regulator's crawler sees on a site, in three passes, each in a
// fresh Chromium profile: no decision ("before-consent"), after "Reject all" on the first
// layer ("after-reject"), after "Accept all" ("after-accept"). The findings, their ids and
// the JSON shape are the public contract of the command (see README.md).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { getDomain } from 'tldts';
import { loadOcd, suggestCategory } from './ocd.mjs';

/** @typedef {'before-consent' | 'after-reject' | 'after-accept'} Pass */
/** @typedef {'error' | 'warning'} Level */
/**
 * @typedef {object} Finding
 * @property {string} id        one of FINDING_IDS
 * @property {Level} level
 * @property {string} page      absolute URL of the page it was first seen on
 * @property {string} message
 * @property {{ name: string, domain: string }} [cookie]
 * @property {{ kind: 'local' | 'session', key: string }} [storage]
 * @property {{ url: string, site: string }} [request]
 * @property {object} [suggestion]  for undeclared cookies: a declaration to paste into the config
 */
/**
 * @typedef {object} CookieRow
 * @property {string} name
 * @property {string} domain
 * @property {string} path
 * @property {string} expires    ISO 8601, or "session"
 * @property {Pass} firstSeen
 * @property {string} page       the page it was first seen on
 * @property {boolean} thirdParty  its domain belongs to another site than the scanned one
 * @property {string | null} declared  the config category that declares it
 * @property {import('./ocd.mjs').KnownCookie | null} known  what the Open Cookie Database says
 * @property {boolean} [seenAfterAccept]  internal: present during the accept pass
 */
/**
 * @typedef {object} Check
 * @property {string} id
 * @property {'pass' | 'fail' | 'not-checked'} status
 * @property {string} detail
 */

export const PASSES = /** @type {const} */ (['before-consent', 'after-reject', 'after-accept']);

/**
 * The finding ids and their levels. What they rest on:
 * - cookies, storage and requests to other sites before a decision or after a refusal: ePrivacy
 *   Directive art. 5(3) (storing or reading on the device needs prior consent unless strictly
 *   necessary) and GDPR art. 6(1)(a);
 * - Reject on the first layer, equal prominence, nothing pre-ticked: GDPR art. 4(11) and 7, CJEU
 *   C-673/17 (Planet49), the EDPB cookie banner taskforce report (January 2023), the Dutch AP's
 *   cookie guidance;
 * - the consent's lifetime: the CNIL's and the Dutch AP's guidance to ask again within 13 months.
 */
export const FINDING_LEVELS = /** @type {const} */ ({
  'no-banner': 'error',
  'reject-not-on-first-layer': 'error',
  'unequal-prominence': 'error',
  'preticked-category': 'error',
  'cookie-before-consent': 'error',
  'storage-before-consent': 'error',
  'request-before-consent': 'error',
  'cookie-after-reject': 'error',
  'request-after-reject': 'error',
  'undeclared-cookie': 'warning',
  'consent-lifetime': 'error',
});

/**
 * Button and link names, English and Dutch, matched against the accessible name (whole name,
 * case-insensitive). consentgate's own are "Accept all" / "Reject all" / "Preferences"
 * ("Alles accepteren" / "Alles weigeren" / "Voorkeuren").
 */
export const NAMES = {
  accept:
    /^\s*(accept(eer)?( all| alle)?( cookies)?|allow( all)?( cookies)?|agree|i agree|agree and close|ok(ay)?|got it|alles accepteren|alle cookies accepteren|accepteren|alles toestaan|alle cookies toestaan|toestaan|akkoord|ik ga akkoord|ja, ik ga akkoord)\s*[.!]?\s*$/i,
  reject:
    /^\s*(reject( all)?( cookies)?|decline( all)?( cookies)?|deny( all)?|refuse( all)?|disagree|only (necessary|essential|required)( cookies)?|(necessary|essential|required) (cookies )?only|use (necessary|essential) cookies only|continue without (accepting|cookies)|alles weigeren|alle cookies weigeren|weigeren|weiger( alles| alle cookies)?|alles afwijzen|afwijzen|niet akkoord|alleen (noodzakelijke|functionele|essentiële|noodzakelijk)( cookies)?)\s*[.!]?\s*$/i,
  preferences:
    /^\s*(preferences|cookie preferences|settings|cookie settings|customi[sz]e|manage( cookies| preferences| options| settings)?|more options|show purposes|voorkeuren|cookievoorkeuren|instellingen|cookie-?instellingen|cookie instellingen|aanpassen|meer opties|beheren|voorkeuren beheren|instellingen beheren|zelf instellen)\s*$/i,
  reopen:
    /(cookie|privacy|consent)[- ]?(settings|preferences|choices|instellingen|voorkeuren|keuze)|(manage|change|update) (cookies|consent|cookie settings)|cookies? beheren|toestemming (beheren|wijzigen)|cookie-?instellingen/i,
};

/** Thrown when the scan cannot run at all (exit code 2). */
export class ScanError extends Error {
  constructor(/** @type {string} */ message) {
    super(message);
    this.name = 'ScanError';
  }
}

/** The browser the scan drives: CHROMIUM_PATH, else the first system Chromium found. */
export function chromiumPath(env = process.env) {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];
  return candidates.find((p) => existsSync(p)) ?? null;
}

export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The site (registrable domain) of a host name; an IP address or a single-label host is its own site. */
export function siteOf(/** @type {string} */ host) {
  const bare = host.replace(/^\./, '').replace(/^\[|\]$/g, '');
  return getDomain(bare) ?? bare;
}

/** Thirteen calendar months after `from`: the longest a consent may be kept (Dutch AP, CNIL). */
export function thirteenMonthsAfter(/** @type {Date} */ from) {
  const d = new Date(from.getTime());
  d.setUTCMonth(d.getUTCMonth() + 13);
  return d;
}

/**
 * The consentgate config's declarations: which category declares a cookie or storage key, which
 * categories are required, the consent cookie's name.
 * @param {any} config
 */
export function declarations(config) {
  /** @type {Array<{ category: string, test(name: string): boolean }>} */
  const rules = [];
  /** @type {Set<string>} */
  const required = new Set();
  /** @type {Set<string>} */
  const requiredSites = new Set();
  const categories = config && typeof config === 'object' && config.categories && typeof config.categories === 'object' ? config.categories : {};
  for (const key of Object.keys(categories)) {
    const category = categories[key] ?? {};
    if (category.required === true || (key === 'necessary' && category.required !== false)) required.add(key);
    for (const cookie of Array.isArray(category.cookies) ? category.cookies : []) {
      if (!cookie || typeof cookie !== 'object') continue;
      /** @type {RegExp | null} */
      let pattern = null;
      if (typeof cookie.match === 'string') {
        try {
          pattern = new RegExp(cookie.match);
        } catch {
          pattern = null; // the library refuses such a config; here it just declares nothing
        }
      }
      const name = typeof cookie.name === 'string' ? cookie.name : null;
      rules.push({ category: key, test: (n) => n === name || (pattern !== null && pattern.test(n)) });
    }
    if (required.has(key)) {
      for (const vendor of Array.isArray(category.vendors) ? category.vendors : []) {
        try {
          requiredSites.add(siteOf(new URL(vendor.url).hostname));
        } catch {
          // a vendor without a usable URL declares no site
        }
      }
    }
  }
  const cookieName = config?.cookie && typeof config.cookie.name === 'string' ? config.cookie.name : 'consentgate';
  const firstRequired = [...required][0] ?? 'necessary';
  return {
    required,
    requiredSites,
    cookieName,
    /** @returns {string | null} */
    categoryOf(/** @type {string} */ name) {
      if (name === cookieName) return firstRequired; // the library's own cookie is strictly necessary
      return rules.find((r) => r.test(name))?.category ?? null;
    },
  };
}

/**
 * @typedef {object} ScanOptions
 * @property {number} [pages]           most pages to visit per pass (default 10)
 * @property {any} [config]             the consentgate config (else read from the page's #consentgate-config block)
 * @property {'en' | 'nl'} [lang]       the browser's language (default en)
 * @property {(line: string) => void} [progress]  called with one line per page and pass
 * @property {import('playwright-core').Browser} [browser]  an open browser to use (else one is launched)
 * @property {number} [bannerTimeout]   ms to wait for the first layer to appear (default 10,000)
 * @property {number} [pageTimeout]     ms for a page to load (default 30,000)
 */

/**
 * Scan a site.
 * @param {string} startUrl  an http(s) URL
 * @param {ScanOptions} [options]
 * @throws {ScanError} when the URL is not http(s), no browser is found, or the start page cannot be loaded
 */
export async function scan(startUrl, options = {}) {
  /** @type {URL} */
  let start;
  try {
    start = new URL(startUrl);
  } catch {
    throw new ScanError(`not a URL: ${JSON.stringify(startUrl)}`);
  }
  if (start.protocol !== 'http:' && start.protocol !== 'https:') throw new ScanError(`only http and https URLs can be scanned, got ${start.protocol}`);
  start.hash = '';
  const maxPages = options.pages ?? 10;
  if (!Number.isInteger(maxPages) || maxPages < 1) throw new ScanError(`--pages must be a whole number ≥ 1, got ${maxPages}`);
  const lang = options.lang ?? 'en';
  const bannerTimeout = options.bannerTimeout ?? 10_000;
  const pageTimeout = options.pageTimeout ?? 30_000;
  const progress = options.progress ?? (() => {});
  const site = siteOf(start.hostname);
  const ocd = loadOcd();
  const startedAt = Date.now();

  let browser = options.browser;
  const ownBrowser = !browser;
  if (!browser) {
    const executablePath = chromiumPath();
    if (!executablePath) throw new ScanError('no Chromium found: install one or set CHROMIUM_PATH');
    try {
      browser = await chromium.launch({ executablePath, headless: true, args: LAUNCH_ARGS });
    } catch (error) {
      throw new ScanError(`cannot start Chromium at ${executablePath}: ${firstLine(error)}`);
    }
  }
  const contextOptions = {
    viewport: { width: 1280, height: 800 },
    locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
    extraHTTPHeaders: { 'Accept-Language': lang === 'nl' ? 'nl-NL,nl;q=0.9,en;q=0.5' : 'en-GB,en;q=0.9' },
  };

  /** @type {Finding[]} */
  const findings = [];
  /** @type {Check[]} */
  const checks = [];
  /** @type {Map<string, CookieRow>} */
  const cookies = new Map();
  /** @type {Map<string, { kind: 'local' | 'session', key: string, firstSeen: Pass, page: string, declared: string | null }>} */
  const storage = new Map();
  /** @type {Map<string, { site: string, url: string, firstSeen: Pass, page: string, count: number }>} */
  const requests = new Map();
  /** @type {Record<Pass, { ran: boolean, reason?: string }>} */
  const passes = { 'before-consent': { ran: false }, 'after-reject': { ran: false }, 'after-accept': { ran: false } };
  /** @type {any} */
  let config = options.config ?? null;
  /** @type {'file' | 'page' | null} */
  let configSource = options.config ? 'file' : null;
  let usesConsentgate = false;
  /** @type {string | null} */
  let screenshot = null;
  /** @type {string[]} */
  let pages = [start.href];

  /** @param {string} id @param {string} page @param {string} message @param {Partial<Finding>} [extra] */
  const find = (id, page, message, extra = {}) =>
    findings.push({ id, level: FINDING_LEVELS[/** @type {keyof typeof FINDING_LEVELS} */ (id)], page, message, ...extra });

  try {
    // ---- pass 1: no decision; also the crawl that fixes the page list for the other passes
    {
      const session = await openSession(browser, contextOptions, 'before-consent', requests, site);
      try {
        const { page } = session;
        const first = await load(page, start.href, pageTimeout, session);
        if (!first.ok) throw new ScanError(`cannot load ${start.href}: ${first.reason}`);
        const fromPage = await page
          .evaluate(() => document.getElementById('consentgate-config')?.textContent ?? null)
          .catch(() => null);
        if (!config && fromPage !== null) {
          try {
            config = JSON.parse(fromPage);
            configSource = 'page';
          } catch (error) {
            checks.push({ id: 'config', status: 'fail', detail: `the page's #consentgate-config block is not valid JSON (${firstLine(error)}); declarations could not be compared` });
          }
        }
        const sitemap = await readSitemap(browser, start);
        /** @type {string[]} */
        const queue = [];
        /** @type {Set<string>} */
        const seen = new Set([start.href]);
        const enqueue = (/** @type {string[]} */ urls) => {
          for (const href of urls) {
            const url = normalise(href, start);
            if (url && !seen.has(url)) {
              seen.add(url);
              queue.push(url);
            }
          }
        };
        pages = [];
        /** @param {string} url */
        const visited = async (url) => {
          pages.push(url);
          await record(session, page, url, 'before-consent');
          progress(line('before-consent', pages.length, maxPages, url, session));
          enqueue(await links(page));
        };
        await visited(start.href);
        enqueue(sitemap);
        while (queue.length > 0 && pages.length < maxPages) {
          const url = /** @type {string} */ (queue.shift());
          const result = await load(page, url, pageTimeout, session);
          if (!result.ok) {
            progress(`  skipped ${url}: ${result.reason}`);
            continue;
          }
          await visited(url);
        }
        passes['before-consent'].ran = true;
      } finally {
        await session.context.close();
      }
    }
    const decl = declarations(config);

    // ---- the first layer, in its own profile so that opening the preferences decides nothing
    const layer = await checkFirstLayer(browser, contextOptions, start.href, { bannerTimeout, pageTimeout, site });
    usesConsentgate = layer.usesConsentgate;
    screenshot = layer.screenshot;
    checks.push(...layer.checks);
    for (const f of layer.findings) find(f.id, start.href, f.message);

    // ---- passes 2 and 3: decide on the start page, then visit the same pages
    for (const pass of /** @type {const} */ (['after-reject', 'after-accept'])) {
      const button = pass === 'after-reject' ? 'reject' : 'accept';
      if (!layer.found[button]) {
        passes[pass].reason = layer.banner
          ? `no "${button === 'reject' ? 'Reject all' : 'Accept all'}" button on the first layer`
          : 'no banner found';
        continue;
      }
      const session = await openSession(browser, contextOptions, pass, requests, site);
      try {
        const { page } = session;
        session.counting = false; // what loads before the click is what pass 1 saw
        const loaded = await load(page, start.href, pageTimeout, session);
        if (!loaded.ok) throw new ScanError(`cannot load ${start.href}: ${loaded.reason}`);
        const target = firstLayerButton(page, button);
        try {
          await target.waitFor({ state: 'visible', timeout: bannerTimeout });
        } catch {
          passes[pass].reason = `the "${button}" button did not appear within ${bannerTimeout} ms`;
          continue;
        }
        session.counting = true;
        session.pageUrl = start.href;
        await target.click();
        // the first layer closes; then whatever the decision released has its turn
        await target.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
        await settle(session);
        let n = 0;
        for (const url of pages) {
          if (n > 0) {
            const result = await load(page, url, pageTimeout, session);
            if (!result.ok) continue;
          } else if (pass === 'after-reject') {
            checks.push(await reopenCheck(page));
          }
          n += 1;
          await record(session, page, url, pass);
          progress(line(pass, n, pages.length, url, session));
        }
        passes[pass].ran = true;
        if (pass === 'after-accept') {
          const consent = (await session.context.cookies()).find((c) => c.name === decl.cookieName && siteOf(c.domain) === site);
          checks.push(lifetimeCheck(consent, decl.cookieName, usesConsentgate || !!config?.cookie, startedAt, (message) => find('consent-lifetime', start.href, message, { cookie: { name: decl.cookieName, domain: consent?.domain ?? '' } })));
        }
      } finally {
        await session.context.close();
      }
    }
  } finally {
    if (ownBrowser) await browser.close();
  }

  // ---- compare what was seen with what the config declares
  const decl = declarations(config);
  const haveConfig = config !== null;
  const necessaryByOcd = (/** @type {string} */ name) => {
    const known = ocd.lookup(name);
    return !!known && ['Functional', 'Security', 'Necessary'].includes(known.category);
  };
  for (const row of cookies.values()) {
    row.declared = decl.categoryOf(row.name);
    row.known = ocd.lookup(row.name);
    const exempt = !row.thirdParty && (haveConfig ? row.declared !== null && decl.required.has(row.declared) : necessaryByOcd(row.name));
    const subject = { cookie: { name: row.name, domain: row.domain } };
    if (!exempt && row.firstSeen === 'before-consent') {
      find('cookie-before-consent', row.page, `Cookie ${row.name} (${row.domain}) is set before the visitor decided${describe(row)}.`, subject);
    } else if (!exempt && row.firstSeen === 'after-reject') {
      find('cookie-after-reject', row.page, `Cookie ${row.name} (${row.domain}) is set after "Reject all"${describe(row)}.`, subject);
    }
  }
  if (haveConfig) {
    for (const row of cookies.values()) {
      if (!row.seenAfterAccept || row.declared !== null) continue;
      const suggestion = suggest(row.name, row.known);
      find('undeclared-cookie', row.page, `Cookie ${row.name} (${row.domain}) is set after "Accept all" but the config declares it in no category${describe(row)}.`, {
        cookie: { name: row.name, domain: row.domain },
        suggestion,
      });
    }
  }
  for (const item of storage.values()) {
    item.declared = decl.categoryOf(item.key);
    const exempt = haveConfig ? item.declared !== null && decl.required.has(item.declared) : necessaryByOcd(item.key);
    if (!exempt && item.firstSeen === 'before-consent') {
      find('storage-before-consent', item.page, `${item.kind === 'local' ? 'localStorage' : 'sessionStorage'} key ${item.key} is written before the visitor decided.`, { storage: { kind: item.kind, key: item.key } });
    }
  }
  for (const item of requests.values()) {
    if (decl.requiredSites.has(item.site)) continue;
    const subject = { request: { url: item.url, site: item.site } };
    if (item.firstSeen === 'before-consent') find('request-before-consent', item.page, `A request goes to another site (${item.site}) before the visitor decided: ${item.url}`, subject);
    else if (item.firstSeen === 'after-reject') find('request-after-reject', item.page, `A request goes to another site (${item.site}) after "Reject all": ${item.url}`, subject);
  }

  // ---- what could not be checked, said plainly
  if (!haveConfig) {
    checks.push({
      id: 'config',
      status: 'not-checked',
      detail: usesConsentgate
        ? 'consentgate runs on the page but no #consentgate-config block was found: pass the config with --config to compare declarations'
        : 'the site does not use consentgate and no --config was given: undeclared cookies cannot be found, and cookies before consent or after "Reject all" were judged by the Open Cookie Database (Functional, Security and Necessary cookies of the site itself are not reported)',
    });
  } else if (!checks.some((c) => c.id === 'config')) {
    checks.push({ id: 'config', status: 'pass', detail: `config read from ${configSource === 'file' ? 'the --config file' : "the page's #consentgate-config block"}` });
  }
  for (const pass of PASSES) {
    if (!passes[pass].ran && passes[pass].reason) checks.push({ id: `pass-${pass}`, status: 'not-checked', detail: `the ${pass} pass did not run: ${passes[pass].reason}` });
  }

  const order = Object.keys(FINDING_LEVELS);
  findings.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const passOrder = (/** @type {Pass} */ p) => PASSES.indexOf(p);
  return {
    url: start.href,
    scannedAt: new Date(startedAt).toISOString(),
    durationMs: Date.now() - startedAt,
    pages,
    consentgate: usesConsentgate,
    config: configSource,
    passes,
    findings,
    checks,
    cookies: [...cookies.values()]
      .sort((a, b) => passOrder(a.firstSeen) - passOrder(b.firstSeen) || a.name.localeCompare(b.name))
      .map(({ seenAfterAccept, ...row }) => row), // eslint-disable-line no-unused-vars
    storage: [...storage.values()],
    requests: [...requests.values()],
    screenshot,
    openCookieDatabase: { entries: ocd.size },
  };

  // ---------------------------------------------------------------------------

  /**
   * Cookies and storage keys now present, attributed to `url` when new.
   * @param {Session} session @param {import('playwright-core').Page} page @param {string} url @param {Pass} pass
   */
  async function record(session, page, url, pass) {
    for (const c of await session.context.cookies()) {
      const key = `${c.name}|${c.domain}|${c.path}`;
      let row = cookies.get(key);
      if (!row) {
        row = {
          name: c.name,
          domain: c.domain,
          path: c.path,
          expires: c.expires > 0 ? new Date(c.expires * 1000).toISOString() : 'session',
          firstSeen: pass,
          page: url,
          thirdParty: siteOf(c.domain) !== site,
          declared: null,
          known: null,
          seenAfterAccept: false,
        };
        cookies.set(key, row);
      }
      if (pass === 'after-accept') row.seenAfterAccept = true;
    }
    /** @type {{ local: string[], session: string[] }} */
    const keys = await page
      .evaluate(() => {
        const list = (/** @type {Storage} */ s) => Array.from({ length: s.length }, (_, i) => s.key(i) ?? '');
        try {
          return { local: list(localStorage), session: list(sessionStorage) };
        } catch {
          return { local: [], session: [] };
        }
      })
      .catch(() => ({ local: [], session: [] }));
    for (const kind of /** @type {const} */ (['local', 'session'])) {
      for (const key of keys[kind]) {
        const id = `${kind}|${key}`;
        if (!storage.has(id)) storage.set(id, { kind, key, firstSeen: pass, page: url, declared: null });
      }
    }
  }

  /** @param {Pass} pass @param {number} n @param {number} of @param {string} url @param {Session} session */
  function line(pass, n, of, url, session) {
    const c = [...cookies.values()].filter((r) => r.firstSeen === pass).length;
    return `[${pass} ${n}/${of}] ${url}  (so far in this pass: ${c} new cookie${c === 1 ? '' : 's'}, ${session.otherSiteRequests} request${session.otherSiteRequests === 1 ? '' : 's'} to other sites)`;
  }
}

/**
 * @typedef {object} Session
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Page} page
 * @property {boolean} counting   requests are recorded only while true
 * @property {string} [pageUrl]
 * @property {number} inflight
 * @property {number} lastActivity
 * @property {number} otherSiteRequests
 */

/**
 * A fresh profile whose requests to other sites are recorded under `pass`.
 * @param {import('playwright-core').Browser} browser @param {object} contextOptions @param {Pass} pass
 * @param {Map<string, { site: string, url: string, firstSeen: Pass, page: string, count: number }>} requests
 * @param {string} site
 */
async function openSession(browser, contextOptions, pass, requests, site) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  /** @type {any} */
  const session = { context, page, counting: true, pageUrl: '', inflight: 0, lastActivity: Date.now(), otherSiteRequests: 0 };
  context.on('request', (request) => {
    session.inflight += 1;
    session.lastActivity = Date.now();
    if (!session.counting) return;
    let url;
    try {
      url = new URL(request.url());
    } catch {
      return;
    }
    if (!/^(https?|wss?):$/.test(url.protocol)) return;
    const other = siteOf(url.hostname);
    if (other === site) return;
    session.otherSiteRequests += 1;
    const existing = requests.get(other);
    if (existing) existing.count += 1;
    else requests.set(other, { site: other, url: request.url(), firstSeen: pass, page: session.pageUrl, count: 1 });
  });
  const done = () => {
    session.inflight = Math.max(0, session.inflight - 1);
    session.lastActivity = Date.now();
  };
  context.on('requestfinished', done);
  context.on('requestfailed', done);
  return /** @type {Session} */ (session);
}

/**
 * Load a page and wait until the network has been quiet for half a second (at most 5 s).
 * @param {import('playwright-core').Page} page @param {string} url @param {number} timeout @param {Session} session
 * @returns {Promise<{ ok: true } | { ok: false, reason: string }>}
 */
async function load(page, url, timeout, session) {
  session.pageUrl = url;
  try {
    const response = await page.goto(url, { waitUntil: 'load', timeout });
    if (!response) return { ok: false, reason: 'no response' };
    if (response.status() >= 400) return { ok: false, reason: `HTTP ${response.status()}` };
    const type = response.headers()['content-type'] ?? '';
    if (type && !/html/i.test(type)) return { ok: false, reason: `not a page (${type})` };
  } catch (error) {
    return { ok: false, reason: firstLine(error) };
  }
  await settle(session);
  return { ok: true };
}

/** Wait until no request has started or ended for 500 ms, at most 5 s. */
async function settle(/** @type {Session} */ session) {
  const until = Date.now() + 5000;
  session.lastActivity = Math.max(session.lastActivity, Date.now());
  while (Date.now() < until) {
    if (session.inflight === 0 && Date.now() - session.lastActivity >= 500) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** Same-origin links of the page, as absolute URLs. */
async function links(/** @type {import('playwright-core').Page} */ page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('a[href]'), (a) => /** @type {HTMLAnchorElement} */ (a).href)).catch(() => []);
}

const NOT_A_PAGE = /\.(pdf|zip|gz|png|jpe?g|gif|svg|webp|avif|ico|mp[34]|webm|mov|docx?|xlsx?|pptx?|odt|css|js|mjs|json|xml|txt|csv|woff2?|ttf)$/i;

/** A crawlable URL on the start page's origin, without its fragment; null otherwise. */
function normalise(/** @type {string} */ href, /** @type {URL} */ start) {
  let url;
  try {
    url = new URL(href, start);
  } catch {
    return null;
  }
  if (url.origin !== start.origin || NOT_A_PAGE.test(url.pathname)) return null;
  url.hash = '';
  return url.href;
}

/** Page URLs listed in /sitemap.xml (and the sitemaps a sitemap index lists, one level deep). */
async function readSitemap(/** @type {import('playwright-core').Browser} */ browser, /** @type {URL} */ start) {
  const context = await browser.newContext();
  try {
    const get = async (/** @type {string} */ url) => {
      try {
        const response = await context.request.get(url, { timeout: 10_000, failOnStatusCode: false });
        if (!response.ok()) return [];
        const xml = await response.text();
        return [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
      } catch {
        return [];
      }
    };
    const top = await get(new URL('/sitemap.xml', start).href);
    /** @type {string[]} */
    const urls = [];
    for (const loc of top) {
      if (/\.xml(\?|$)/i.test(loc) && loc.startsWith(start.origin)) urls.push(...(await get(loc)).slice(0, 1000));
      else urls.push(loc);
    }
    return urls;
  } finally {
    await context.close();
  }
}

/**
 * The first layer's Accept, Reject or Preferences control, by role and name: a button or a link.
 * @param {import('playwright-core').Page} page @param {'accept' | 'reject' | 'preferences'} which
 */
function firstLayerButton(page, which) {
  const name = NAMES[which];
  return page.getByRole('button', { name }).or(page.getByRole('link', { name })).filter({ visible: true }).first();
}

/**
 * Banner, Reject on the first layer, equal prominence, pre-ticked categories, a screenshot.
 * @param {import('playwright-core').Browser} browser @param {object} contextOptions @param {string} url
 * @param {{ bannerTimeout: number, pageTimeout: number, site: string }} o
 */
async function checkFirstLayer(browser, contextOptions, url, o) {
  /** @type {Array<{ id: string, message: string }>} */
  const findings = [];
  /** @type {Check[]} */
  const checks = [];
  const found = { accept: false, reject: false };
  const context = await browser.newContext(contextOptions);
  try {
    const page = await context.newPage();
    const session = /** @type {Session} */ ({ context, page, counting: false, inflight: 0, lastActivity: Date.now(), otherSiteRequests: 0 });
    const loaded = await load(page, url, o.pageTimeout, session);
    if (!loaded.ok) throw new ScanError(`cannot load ${url}: ${loaded.reason}`);
    const accept = firstLayerButton(page, 'accept');
    const reject = firstLayerButton(page, 'reject');
    try {
      await accept.or(reject).first().waitFor({ state: 'visible', timeout: o.bannerTimeout });
    } catch {
      // no banner: reported below
    }
    const usesConsentgate = await page.evaluate(() => 'ConsentGate' in window || !!document.getElementById('consentgate')).catch(() => false);
    found.accept = (await accept.count()) > 0;
    found.reject = (await reject.count()) > 0;
    const screenshot = `data:image/jpeg;base64,${(await page.screenshot({ type: 'jpeg', quality: 80 })).toString('base64')}`;
    const banner = found.accept || found.reject;
    if (!banner) {
      findings.push({ id: 'no-banner', message: `No consent banner found within ${o.bannerTimeout / 1000} s: no visible button or link named like "Accept all" or "Reject all" (English or Dutch).` });
      checks.push({ id: 'banner', status: 'fail', detail: 'no banner found; the reject and accept passes, prominence, pre-ticked categories and the reopen control could not be checked' });
      return { findings, checks, found, banner, usesConsentgate, screenshot };
    }
    checks.push({ id: 'banner', status: 'pass', detail: `banner found (${usesConsentgate ? 'consentgate' : 'not consentgate: found by its buttons\u2019 names'})` });
    if (!found.reject) {
      findings.push({ id: 'reject-not-on-first-layer', message: 'The first layer has an "Accept all" button but no "Reject all" (or "Only necessary") button beside it: refusing must be as easy as accepting.' });
    }
    if (!found.accept) checks.push({ id: 'accept', status: 'not-checked', detail: 'no "Accept all" button on the first layer: the accept pass did not run' });

    if (found.accept && found.reject) {
      const [a, r] = await Promise.all([accept, reject].map((l) => l.evaluate(lookOf)));
      const accName = (await accept.textContent())?.trim() || 'Accept';
      const rejName = (await reject.textContent())?.trim() || 'Reject';
      const diff = prominenceDiff(/** @type {Look} */ (a), /** @type {Look} */ (r));
      if (diff.length > 0) {
        findings.push({ id: 'unequal-prominence', message: `"${accName}" and "${rejName}" differ in ${diff.join('; ')}.` });
      }
      checks.push({ id: 'prominence', status: diff.length ? 'fail' : 'pass', detail: diff.length ? diff.join('; ') : 'same element, size, font and colours' });
    } else {
      checks.push({ id: 'prominence', status: 'not-checked', detail: 'needs both an Accept and a Reject button on the first layer' });
    }

    // Pre-ticked categories: switches and checkboxes that are on, can be switched off, and were not on the page before.
    const ticked = () =>
      page
        .getByRole('switch', { checked: true, disabled: false })
        .or(page.getByRole('checkbox', { checked: true, disabled: false }))
        .filter({ visible: true });
    const before = await ticked().count();
    // A page may have its own "Cookie settings" link as well (a footer, say), which the banner can
    // cover: as a person would, the first one that can really be clicked is used (a trial click
    // checks that nothing covers it), in document order.
    const name = NAMES.preferences;
    const prefs = page.getByRole('button', { name }).or(page.getByRole('link', { name })).filter({ visible: true });
    let opened = false;
    const count = await prefs.count();
    for (let i = 0; i < count && !opened; i++) {
      const candidate = prefs.nth(i);
      opened = await candidate
        .click({ trial: true, timeout: 2_000 })
        .then(() => candidate.click({ timeout: 5_000 }))
        .then(() => true, () => false);
    }
    if (!opened) {
      checks.push({ id: 'preticked', status: 'not-checked', detail: 'no "Preferences" (or "Settings") button on the first layer that could be clicked' });
    } else {
      const controls = page.getByRole('switch').or(page.getByRole('checkbox')).filter({ visible: true });
      try {
        await controls.first().waitFor({ state: 'visible', timeout: o.bannerTimeout });
      } catch {
        // no category controls appeared
      }
      const total = await controls.count();
      const on = ticked();
      const count = await on.count();
      if (total === 0) {
        checks.push({ id: 'preticked', status: 'not-checked', detail: 'the preferences opened no switches or checkboxes' });
      } else if (count > before) {
        const names = [];
        for (let i = 0; i < count; i++) names.push(nameFromSnapshot(await on.nth(i).ariaSnapshot().catch(() => '')));
        const list = names.filter(Boolean).join(', ') || `${count - before}`;
        findings.push({ id: 'preticked-category', message: `In the preferences, categories are switched on before the visitor chose: ${list}.` });
        checks.push({ id: 'preticked', status: 'fail', detail: `switched on by default: ${list}` });
      } else {
        checks.push({ id: 'preticked', status: 'pass', detail: `${total} category control${total === 1 ? '' : 's'}, none on except required ones` });
      }
    }
    return { findings, checks, found, banner, usesConsentgate, screenshot };
  } finally {
    await context.close();
  }
}

/** @typedef {{ tag: string, role: string, width: number, height: number, fontSize: string, fontWeight: string, fontFamily: string, fontStyle: string, color: string, background: string, border: string, decoration: string, opacity: string }} Look */

/** Runs in the page: what an element looks like. */
function lookOf(/** @type {Element} */ el) {
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const border = parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== 'none' ? `${s.borderTopWidth} ${s.borderTopStyle} ${s.borderTopColor}` : 'none';
  return {
    tag: el.tagName.toLowerCase(),
    role: el.getAttribute('role') ?? '',
    width: r.width,
    height: r.height,
    fontSize: s.fontSize,
    fontWeight: s.fontWeight,
    fontFamily: s.fontFamily,
    fontStyle: s.fontStyle,
    color: s.color,
    background: s.backgroundColor + (s.backgroundImage !== 'none' ? ` ${s.backgroundImage}` : ''),
    border,
    decoration: s.textDecorationLine,
    opacity: s.opacity,
  };
}

/**
 * How two buttons differ in element, size, font and colours; empty when equal. Sizes may differ a
 * little (the labels differ in length): height by more than 10 % or width by more than 25 % counts.
 * @param {Look} a @param {Look} b
 */
export function prominenceDiff(a, b) {
  const diff = [];
  if (a.tag !== b.tag || a.role !== b.role) diff.push(`element (${a.tag}${a.role ? `[role=${a.role}]` : ''} vs ${b.tag}${b.role ? `[role=${b.role}]` : ''})`);
  const ratio = (/** @type {number} */ x, /** @type {number} */ y) => Math.min(x, y) / Math.max(x, y, 0.01);
  if (ratio(a.height, b.height) < 0.9 || ratio(a.width, b.width) < 0.75) {
    diff.push(`size (${Math.round(a.width)}×${Math.round(a.height)} vs ${Math.round(b.width)}×${Math.round(b.height)} px)`);
  }
  for (const [key, label] of /** @type {const} */ ([
    ['fontSize', 'font size'],
    ['fontWeight', 'font weight'],
    ['fontFamily', 'font family'],
    ['fontStyle', 'font style'],
    ['color', 'text colour'],
    ['background', 'background'],
    ['border', 'border'],
    ['decoration', 'text decoration'],
    ['opacity', 'opacity'],
  ])) {
    if (a[key] !== b[key]) diff.push(`${label} (${a[key]} vs ${b[key]})`);
  }
  return diff;
}

/** The accessible name in one line of an ARIA snapshot: `- switch "Analytics" [checked]`. */
function nameFromSnapshot(/** @type {string} */ snapshot) {
  return /"((?:[^"\\]|\\.)*)"/.exec(snapshot)?.[1] ?? '';
}

/** After "Reject all": can the visitor come back to the choice? */
async function reopenCheck(/** @type {import('playwright-core').Page} */ page) {
  const name = NAMES.reopen;
  const control = page
    .getByRole('button', { name })
    .or(page.getByRole('link', { name }))
    .or(page.locator('[data-consentgate="preferences"], [data-consentgate="banner"], [data-consentgate="reset"]'))
    .filter({ visible: true });
  const count = await control.count().catch(() => 0);
  return count > 0
    ? { id: 'reopen', status: /** @type {const} */ ('pass'), detail: `a control to change the choice is visible after "Reject all": ${(await control.first().textContent())?.trim() ?? ''}` }
    : { id: 'reopen', status: /** @type {const} */ ('fail'), detail: 'after "Reject all" no visible button or link named like "Cookie settings" lets the visitor change the choice (withdrawing must be as easy as giving consent)' };
}

/**
 * The consent cookie must not outlive 13 months.
 * @param {import('playwright-core').Cookie | undefined} cookie @param {string} name @param {boolean} known
 * @param {number} startedAt @param {(message: string) => void} fail
 * @returns {Check}
 */
function lifetimeCheck(cookie, name, known, startedAt, fail) {
  if (!known) return { id: 'consent-lifetime', status: 'not-checked', detail: 'the site does not use consentgate: its consent cookie is not known (pass a config with cookie.name)' };
  if (!cookie) return { id: 'consent-lifetime', status: 'not-checked', detail: `no consent cookie named ${name} after "Accept all"` };
  if (cookie.expires <= 0) return { id: 'consent-lifetime', status: 'pass', detail: `${name} ends with the browser session` };
  const limit = thirteenMonthsAfter(new Date(startedAt));
  const expires = new Date(cookie.expires * 1000);
  const days = Math.round((expires.getTime() - startedAt) / 86_400_000);
  if (expires > limit) {
    fail(`The consent cookie ${name} lasts ${days} days (until ${expires.toISOString().slice(0, 10)}): a consent should be asked again within 13 months.`);
    return { id: 'consent-lifetime', status: 'fail', detail: `${days} days` };
  }
  return { id: 'consent-lifetime', status: 'pass', detail: `${name} lasts ${days} days` };
}

/** A declaration for the config, from the Open Cookie Database entry when there is one. */
function suggest(/** @type {string} */ name, /** @type {import('./ocd.mjs').KnownCookie | null} */ known) {
  const wildcard = known?.entry.endsWith('*');
  const declaration = wildcard
    ? { match: `^${escapeRegExp(known?.entry.slice(0, -1) ?? name)}`, provider: known?.platform ?? '', purpose: known?.description ?? '', expires: known?.retention ?? '' }
    : { name, provider: known?.platform ?? '', purpose: known?.description ?? '', expires: known?.retention ?? '' };
  return { category: known ? suggestCategory(known.category) : null, cookie: declaration };
}

const escapeRegExp = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** ", known as … (Open Cookie Database)" or "". */
function describe(/** @type {CookieRow} */ row) {
  const k = row.known;
  return k ? `; the Open Cookie Database knows it as ${k.platform} (${k.category}): ${k.description.replace(/[.\s]+$/, '')}` : '';
}

function firstLine(/** @type {unknown} */ error) {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((l) => l.trim() && !/^=+/.test(l.trim())) ?? text).trim();
}

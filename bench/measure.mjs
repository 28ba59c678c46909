// One page load, measured. Every load gets a fresh browser context (no cache, and no
// cookies unless a returning visit carries them over), the CPU throttle and network
// conditions of its scenario through the DevTools protocol, and bench/probe.js injected
// before any page script. Nothing is polled from outside the page except the network.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPTIONS } from './options.mjs';

const PROBE = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'probe.js'), 'utf8');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const debug = OPTIONS.debug ? (...a) => console.error(new Date().toISOString().slice(11, 23), ...a) : () => {};

/**
 * Bytes of the responses whose URL path starts with one of `prefixes`: what a library cost
 * in this page view, whatever it fetched and whenever.
 * @param {{ path: string, body: number, headers: number }[]} files
 * @param {string[]} prefixes
 */
export function bytesOf(files, prefixes) {
  const mine = files.filter((f) => prefixes.some((p) => f.path.startsWith(p)));
  return {
    gzip: mine.reduce((s, f) => s + f.body, 0),
    transfer: mine.reduce((s, f) => s + f.body + f.headers, 0),
    paths: mine.map((f) => f.path),
  };
}

/** Counts requests in flight and collects each response's sizes (encoded body and headers). */
function watchTraffic(page, errors) {
  let inflight = 0;
  let lastAt = Date.now();
  const sizes = [];
  page.on('request', () => {
    inflight++;
    lastAt = Date.now();
  });
  page.on('requestfinished', (request) => {
    inflight--;
    lastAt = Date.now();
    sizes.push(
      Promise.all([request.sizes(), request.response()]).then(
        ([s, response]) => ({
          path: new URL(request.url()).pathname,
          type: request.resourceType(),
          status: response?.status() ?? null,
          body: s.responseBodySize,
          headers: s.responseHeadersSize,
        }),
        () => null,
      ),
    );
  });
  page.on('requestfailed', (request) => {
    inflight--;
    lastAt = Date.now();
    errors.push(`request failed: ${request.url()}`);
  });
  return {
    /** Waits until no request has been in flight for `quietMs` (at most `maxMs`). */
    async quiet(quietMs = 200, maxMs = 10_000) {
      const since = Date.now();
      while ((inflight > 0 || Date.now() - lastAt < quietMs) && Date.now() - since < maxMs) await sleep(25);
    },
    async files() {
      return (await Promise.all(sizes)).filter(Boolean);
    },
  };
}

/**
 * A new context and page with the scenario's conditions.
 * @param {import('playwright-core').Browser} browser
 * @param {{ throttle: number, network?: { rttMs: number, mbit: number }, storageState?: any, passive?: boolean }} setup
 */
async function openPage(browser, { throttle, network, storageState, passive }) {
  const context = await browser.newContext({ viewport: OPTIONS.viewport, locale: 'en-US', deviceScaleFactor: 1, storageState });
  const errors = [];
  if (passive) await context.addInitScript({ content: "window.__benchMode = 'returning';" });
  await context.addInitScript({ content: PROBE });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  if (network) {
    const bytesPerSecond = (network.mbit * 1e6) / 8;
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: network.rttMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
  await cdp.send('Performance.enable');
  const traffic = watchTraffic(page, errors);
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  const metrics = async () => {
    const { metrics: list } = await cdp.send('Performance.getMetrics');
    const value = (name) => list.find((m) => m.name === name)?.value ?? null;
    return {
      scriptMs: value('ScriptDuration') * 1000,
      taskMs: value('TaskDuration') * 1000,
      compileMs: value('V8CompileDuration') * 1000,
      layoutMs: value('LayoutDuration') * 1000,
      styleMs: value('RecalcStyleDuration') * 1000,
      threadMs: value('ThreadTime') * 1000,
    };
  };
  return { context, page, cdp, traffic, errors, metrics };
}

const pageUrl = (origin, library, n = 0) => {
  const query = new URLSearchParams({ ...(n ? { n: String(n) } : {}), ...(library.variant ? { v: library.variant } : {}) }).toString();
  return `${origin}/pages/${library.page ?? library.id}.html${query ? `?${query}` : ''}`;
};

const navigationTimes = (page) =>
  page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      domContentLoadedMs: nav?.domContentLoadedEventEnd ?? null,
      loadMs: nav?.loadEventEnd ?? null,
      gatedCount: window.__gatedCount || 0,
      gatedRanAtMs: window.__gatedRanAt ?? null,
    };
  });

/** The library's bytes and the page's total, from the collected responses. */
function byteFields(files, library) {
  const lib = bytesOf(files, library.prefixes ?? []);
  return {
    files,
    libGzip: lib.gzip,
    libTransfer: lib.transfer,
    libFiles: lib.paths.length,
    libPaths: lib.paths,
    bytesTotal: files.reduce((s, f) => s + f.body + f.headers, 0),
  };
}

/**
 * A first visit (no decision stored): time to a visible "Accept all", then, as the scenario
 * asks, the heap, a click on Accept and the time until the banner is gone and the gated
 * elements ran, or only the CPU time.
 * @param {import('./scenarios.mjs').Scenario} scenario
 */
export async function firstVisit(browser, origin, library, scenario) {
  const { context, page, traffic, errors, metrics, cdp } = await openPage(browser, { throttle: scenario.throttle, network: scenario.network });
  try {
    const n = scenario.gatedCount ?? 0;
    debug(library.id, scenario.id, 'goto');
    await page.goto(pageUrl(origin, library, n), { waitUntil: 'load', timeout: 60_000 });
    const visible = await page.evaluate((t) => window.__bench.whenVisible(t), 15_000);
    debug(library.id, 'visible', visible);
    if (!visible) return { ok: false, noBanner: true, error: 'no visible "Accept all" button within 15 s of load', errors };

    // Settle: no request for 200 ms (files fetched on demand included), and the Accept button
    // keeps its box for three frames.
    await traffic.quiet();
    const box = await page.evaluate((t) => window.__bench.whenStable(t), 5_000);
    const startup = {
      ...(await navigationTimes(page)),
      ...(await page.evaluate(() => ({ visibleMs: window.__bench.visibleAt, layoutShift: window.__bench.layoutShift }))),
    };
    const gatedBeforeClick = startup.gatedCount;
    const m = await metrics();
    if (scenario.cpuOnly) {
      // Unthrottled: the CPU time the main thread used until the banner settled. (Under the
      // throttle ThreadTime counts the throttle's own pauses, so it is taken only here.)
      return { ok: gatedBeforeClick === 0, errors, cpuMs: m.threadMs, cpuScriptMs: m.scriptMs, error: gatedBeforeClick ? 'a gated script ran before any decision' : undefined };
    }
    const base = {
      errors,
      stable: box.stable,
      visibleMs: startup.visibleMs,
      domContentLoadedMs: startup.domContentLoadedMs,
      loadMs: startup.loadMs,
      scriptMs: m.scriptMs,
      taskMs: m.taskMs,
      compileMs: m.compileMs,
      layoutMs: m.layoutMs,
      styleMs: m.styleMs,
      layoutShift: startup.layoutShift,
      gatedBeforeClick,
    };
    if (!scenario.click) {
      return {
        ok: gatedBeforeClick === 0,
        ...base,
        ...byteFields(await traffic.files(), library),
        error: gatedBeforeClick ? 'a gated script ran before any decision' : undefined,
      };
    }
    if (scenario.heap) {
      await cdp.send('HeapProfiler.collectGarbage');
      base.heapUsed = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    }

    if (library.clickDelayMs) await page.waitForTimeout(library.clickDelayMs);
    await page.mouse.click(box.x, box.y);
    const expected = n + 1;
    const done = await page.evaluate(([count, t]) => window.__bench.whenDone(count, t), [expected, 20_000]);
    debug(library.id, 'done', done.ok);
    await traffic.quiet(); // anything the click made the library fetch counts too
    const result = {
      ok: done.ok && done.clickHitAccept && gatedBeforeClick === 0,
      ...base,
      ...byteFields(await traffic.files(), library),
      layoutShift: done.layoutShiftBeforeClick ?? startup.layoutShift,
      layoutShiftAfter: done.layoutShift,
      shifts: done.shifts,
      clickHitAccept: done.clickHitAccept,
      inputDelayMs: done.inputDelay,
      hiddenMs: done.hiddenAt !== null ? done.hiddenAt - done.clickAt : null,
      gatedMs: done.gatedRanAt !== null ? done.gatedRanAt - done.clickAt : null,
      gatedCount: done.gatedCount,
    };
    result.clickMs = result.hiddenMs !== null && result.gatedMs !== null ? Math.max(result.hiddenMs, result.gatedMs) : null;
    if (n) result.releaseMs = done.gatedLastAt !== null ? done.gatedLastAt - done.clickAt : null;
    if (!done.ok) result.error = `after the click: banner ${done.hiddenAt === null ? 'still shown' : 'gone'}, ${done.gatedCount}/${expected} gated scripts ran`;
    else if (!done.clickHitAccept) result.error = 'the click did not land on the Accept button';
    else if (gatedBeforeClick) result.error = 'a gated script ran before any decision';
    return result;
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e).split('\n')[0], errors };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * The page view on which the visitor decides: a first visit (CPU throttled as the others), a click on the
 * library's own "Accept all", and what the decision left behind (cookies and localStorage,
 * as Playwright's storage state) for the next page view.
 */
export async function decide(browser, origin, library) {
  const { context, page, errors, traffic } = await openPage(browser, { throttle: OPTIONS.throttle });
  try {
    await page.goto(pageUrl(origin, library), { waitUntil: 'load', timeout: 60_000 });
    if (!(await page.evaluate((t) => window.__bench.whenVisible(t), 15_000))) return { error: 'no visible "Accept all" button', errors };
    await traffic.quiet();
    const box = await page.evaluate((t) => window.__bench.whenStable(t), 5_000);
    // A person reads before clicking; tarteaucitron.js ignores a click that comes within a few
    // frames of its banner appearing (seen on this bench: 3 of 4 decisions lost without the pause).
    await page.waitForTimeout(500);
    await page.mouse.click(box.x, box.y);
    const done = await page.evaluate(([count, t]) => window.__bench.whenDone(count, t), [1, 20_000]);
    if (!done.ok || !done.clickHitAccept) {
      const what = !done.clickHitAccept ? 'the click missed the Accept button' : done.hiddenAt === null ? 'the banner stayed after the click' : 'the gated script did not run after the click';
      return { error: what, errors };
    }
    // Whatever the library writes after its click handler (a storage write in a later task).
    await page.waitForTimeout(300);
    const state = await context.storageState();
    const stored = state.cookies.length + state.origins.reduce((s, o) => s + o.localStorage.length, 0);
    if (!stored) return { error: 'the decision left no cookie and nothing in localStorage', errors };
    return {
      storageState: state,
      stored: [...state.cookies.map((c) => `cookie ${c.name}`), ...state.origins.flatMap((o) => o.localStorage.map((i) => `localStorage ${i.name}`))],
    };
  } catch (e) {
    return { error: String(e?.message ?? e).split('\n')[0], errors };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * The next page view after a decision, in a new context that carries only the decision's
 * cookies and localStorage over (no HTTP cache). Measured at the same point for every
 * library: after `load`, once the gated script has run (the decision was applied), the
 * network has been quiet for 200 ms and two more frames have been drawn.
 */
export async function returningVisit(browser, origin, library, scenario, decision) {
  const { context, page, traffic, errors, metrics } = await openPage(browser, { throttle: scenario.throttle, storageState: decision.storageState, passive: true });
  try {
    await page.goto(pageUrl(origin, library), { waitUntil: 'load', timeout: 60_000 });
    const gated = await page.evaluate((t) => window.__bench.whenGated(1, t), 10_000);
    await traffic.quiet();
    await page.evaluate(() => window.__bench.afterFrames(2));
    const m = await metrics();
    const bannerShown = await page.evaluate(() => window.__bench.acceptShown());
    const times = await navigationTimes(page);
    const error = !gated
      ? 'the gated script did not run within 10 s of load: the stored decision was not applied'
      : bannerShown
        ? 'the banner showed again although a decision was stored'
        : times.gatedCount > 1
          ? `the gated script ran ${times.gatedCount} times`
          : undefined;
    if (scenario.cpuOnly) return { ok: !error, error, errors, cpuMs: m.threadMs, cpuScriptMs: m.scriptMs, bannerShown };
    return {
      ok: !error,
      error,
      errors,
      bannerShown,
      scriptMs: m.scriptMs,
      taskMs: m.taskMs,
      compileMs: m.compileMs,
      domContentLoadedMs: times.domContentLoadedMs,
      loadMs: times.loadMs,
      gatedRanAtMs: times.gatedRanAtMs,
      gatedCount: times.gatedCount,
      ...byteFields(await traffic.files(), library),
    };
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e).split('\n')[0], errors };
  } finally {
    await context.close().catch(() => {});
  }
}

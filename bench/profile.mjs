// node bench/profile.mjs [runs]: where consentgate's time goes on a page view.
//
// 1. Trace (DevTools timeline) of bench/pages/consentgate.html with the built,
//    minified drop-in (dist/: the core and the stage files it fetches): main-thread
//    CPU self time per kind of work.
// 2. CPU profile (Profiler domain, 50 µs sampling) of the same page with an
//    unminified drop-in (bench/variant.mjs: the whole split build without terser,
//    with source maps): self time per source file and function, in the core and
//    in every stage file alike.
// Prints Markdown on stdout; bench/PROFILE.md is written from it by hand.
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = join(BENCH_DIR, '..');
const RUNS = Number(process.argv[2] ?? 5) || 5;
// Unthrottled by default: Chromium's throttle pauses the main thread inside whatever it runs, and
// those pauses count as thread time, so CPU self times are only clean at 1× (PROFILE_THROTTLE=4 to compare).
const THROTTLE = Number(process.env.PROFILE_THROTTLE ?? 1) || 1;
const PROBE = readFileSync(join(BENCH_DIR, 'probe.js'), 'utf8');

if (!existsSync(join(PROJECT_DIR, 'dist', 'consentgate.js'))) {
  console.error('dist/consentgate.js is missing: run npm run build first');
  process.exit(1);
}

// ------------------------------------------------------------ builds
// PROFILE_PATCHES=patches.json profiles a variant (see variant.mjs) instead of src/ as it is.
// PROFILE_MODE=startup (default: navigation -> Accept visible) | click (click Accept -> banner
//   gone, gated script run) | release (the page with 1,000 gated scripts: click Accept -> the
//   last one has run) | returning (a decision stored on an earlier page view, then the next page
//   view in a new context with its cookies and localStorage: navigation -> the gated script has
//   run, the network is quiet and two more frames are drawn; the page view most visitors make).
const MODES = ['startup', 'click', 'release', 'returning'];
const MODE = process.env.PROFILE_MODE ?? 'startup';
if (!MODES.includes(MODE)) {
  console.error(`PROFILE_MODE=${MODE}: not one of ${MODES.join(', ')}`);
  process.exit(2);
}
// PROFILE_PAGE=floor (or a peer's page id) profiles another bench page for comparison.
const PAGE = (process.env.PROFILE_PAGE ?? 'consentgate').replace(/[^\w-]/g, '');
const PATCHES = process.env.PROFILE_PATCHES ? JSON.parse(readFileSync(process.env.PROFILE_PATCHES, 'utf8')) : null;
/** The whole drop-in (core, stage files, manifest) built into a new folder; served at /dist/. */
function build(patches) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-profile-'));
  const patchFile = join(dir, 'patches.json');
  writeFileSync(patchFile, JSON.stringify(patches));
  const out = join(dir, 'drop-in');
  execFileSync(process.execPath, [join(BENCH_DIR, 'variant.mjs'), out, patchFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

// ------------------------------------------------------------ one page load
// storageState: the decision a returning visit carries over (PROFILE_MODE=returning).
async function load(browser, origin, fn, storageState) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', storageState });
  try {
    // The probe stays passive on a returning visit: it looks for no banner to wait on.
    if (MODE === 'returning') await context.addInitScript({ content: "window.__benchMode = 'returning';" });
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    // start/stop wrap what is measured: the load up to the visible banner, the click on Accept,
    // or the whole returning page view.
    return await fn(page, cdp, async (start, stop) => {
      if (MODE === 'startup' || MODE === 'returning') await start();
      await page.goto(`${origin}/pages/${PAGE}.html${MODE === 'release' ? '?n=1000' : ''}`, { waitUntil: 'load' });
      if (MODE === 'returning') {
        // Measured where bench/measure.mjs measures a returning visit.
        if (!(await page.evaluate((t) => window.__bench.whenGated(1, t), 10_000))) throw new Error('the gated script did not run: the stored decision was not applied');
        await page.waitForTimeout(200);
        await page.evaluate(() => window.__bench.afterFrames(2));
        if (await page.evaluate(() => window.__bench.acceptShown())) throw new Error('the banner showed again although a decision was stored');
        const files = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/dist/')));
        return { ...(await stop()), visibleAt: null, files };
      }
      if (!(await page.evaluate((t) => window.__bench.whenVisible(t), 15_000))) throw new Error('no Accept button');
      const box = await page.evaluate((t) => window.__bench.whenStable(t), 5_000);
      if (MODE !== 'startup') {
        await start();
        await page.mouse.click(box.x, box.y);
        const done = await page.evaluate((n) => window.__bench.whenDone(n, 20_000), MODE === 'release' ? 1001 : 1);
        if (!done.ok) throw new Error(`after the click: ${JSON.stringify(done)}`);
      }
      const result = await stop();
      return { ...result, visibleAt: await page.evaluate(() => window.__bench.visibleAt) };
    });
  } finally {
    await context.close();
  }
}

// ------------------------------------------------------------ trace analysis
const GROUPS = [
  [/^ParseHTML$/, 'HTML parsing'],
  [/compile|Compile|parseOnBackground|V8\.Parse/i, 'script compile'],
  [/^(EvaluateScript|v8\.run|FunctionCall|v8\.callFunction|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|V8\.Execute|v8\.evaluateModule)$/, 'script run'],
  [/GC|Heap/i, 'garbage collection'],
  [/^(UpdateLayoutTree|RecalcStyle|ParseAuthorStyleSheet|ScheduleStyleRecalculation)$/, 'style'],
  [/^Layout$/, 'layout'],
  [/^(Paint|PrePaint|Layerize|UpdateLayer|CompositeLayers|Commit|PaintImage|RasterTask|UpdateLayerTree)$/, 'paint and composite'],
];
const groupOf = (name) => GROUPS.find(([re]) => re.test(name))?.[1] ?? 'other';

function selfTimes(trace, visibleAt) {
  const events = trace.traceEvents;
  let nav;
  let start;
  let end;
  if (MODE === 'startup' || MODE === 'returning') {
    nav = events.filter((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').includes('/pages/')).pop();
    if (!nav) throw new Error('no navigationStart in the trace');
    start = nav.ts;
    // Returning: the whole page view, to the end of the trace (stopped once it was settled).
    end = MODE === 'returning' ? Infinity : start + visibleAt * 1000;
    if (MODE === 'returning') visibleAt = (Math.max(...events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.ts >= start).map((e) => e.ts + (e.dur ?? 0))) - start) / 1000;
  } else {
    // From the dispatch of the click to the end of the trace (stopped once the work was done).
    nav = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
    if (!nav) throw new Error('no click in the trace');
    start = nav.ts;
    end = Infinity;
    visibleAt = (Math.max(...events.filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X').map((e) => e.ts + (e.dur ?? 0))) - start) / 1000;
  }
  const main = events
    .filter((e) => e.pid === nav.pid && e.tid === nav.tid && e.ph === 'X' && e.ts >= start && e.ts < end && e.dur > 0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const cost = (e) => e.tdur ?? e.dur;
  const self = new Map();
  const stack = [];
  for (const e of main) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    // CPU time (tdur) where the trace has it: the throttle's pauses and other processes do not count.
    if (parent) self.set(parent, (self.get(parent) ?? cost(parent)) - cost(e));
    if (!self.has(e)) self.set(e, cost(e));
    stack.push(e);
  }
  const byName = new Map();
  for (const [e, t] of self) byName.set(e.name, (byName.get(e.name) ?? 0) + Math.max(0, t) / 1000);
  const tasks = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const busy = tasks.reduce((s, e) => s + e.dur, 0) / 1000;
  const cpu = tasks.reduce((s, e) => s + cost(e), 0) / 1000;
  return { byName, busy, cpu, windowMs: visibleAt };
}

// ------------------------------------------------------------ CPU profile analysis
// Self time per source file and function through the source maps of the unminified drop-in in
// `dir` (served at /dist/): the core and each stage file alike; and per file as served.
const tm = await import('@jridgewell/trace-mapping');
const tracers = new Map();
const tracerFor = (dir, name) => {
  if (!tracers.has(`${dir}/${name}`)) {
    // The core's map is named for its file; a stage file's for its stage (the file's name carries its hash).
    const map = [join(dir, `${name}.map`), join(dir, `${name.replace(/\.\w+\.js$/, '.js')}.map`)].find((file) => existsSync(file));
    tracers.set(`${dir}/${name}`, map ? new tm.TraceMap(JSON.parse(readFileSync(map, 'utf8'))) : null);
  }
  return tracers.get(`${dir}/${name}`);
};
function profileTables(profile, dir) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  // Where a frame's code is: source file (through the map) and line, and the file as served.
  const place = (f) => {
    const path = f.url.startsWith('http') ? new URL(f.url).pathname : '';
    if (/^\/dist\/[\w.-]+\.js$/.test(path)) {
      const served = path.slice('/dist/'.length);
      const tracer = tracerFor(dir, served);
      const pos = tracer ? tm.originalPositionFor(tracer, { line: f.lineNumber + 1, column: f.columnNumber }) : null;
      const file = pos?.source ? relative(PROJECT_DIR, resolve(dir, pos.source)) : served;
      return { file, served, line: `${file}:${pos?.line ?? f.lineNumber + 1}` };
    }
    const file = path || f.url;
    return file ? { file, served: file, line: file } : null;
  };
  const byFile = new Map();
  const byFunction = new Map();
  const byServed = new Map();
  for (const [id, ms] of self) {
    const { callFrame: f } = nodes.get(id);
    // Waiting is not work: the returning view's quiet period would top every table.
    if (f.functionName === '(idle)') continue;
    let at = place(f);
    let name = f.functionName || '(anonymous)';
    // V8's own entries: (program), (garbage collector), (root).
    const v8 = /^\((program|garbage collector|root)\)$/.test(name);
    if (!at && !v8) {
      // A built-in (attachShadow, querySelectorAll, …) counts for the script that called it.
      let up = parent.get(id);
      while (up !== undefined && !place(nodes.get(up).callFrame)) up = parent.get(up);
      const caller = up === undefined ? null : nodes.get(up).callFrame;
      at = caller ? place(caller) : null;
      if (caller) name = `${name} ← ${caller.functionName || '(anonymous)'}`;
    }
    // Left: V8's entries, and code with no URL (the probe, Playwright's evaluations).
    const other = v8 ? name : '(page and probe scripts)';
    at ??= { file: other, served: other, line: '' };
    byFile.set(at.file, (byFile.get(at.file) ?? 0) + ms);
    const where = `${name} ${at.line}`.trim();
    byFunction.set(where, (byFunction.get(where) ?? 0) + ms);
    byServed.set(at.served, (byServed.get(at.served) ?? 0) + ms);
  }
  return { byFile, byFunction, byServed };
}

// ------------------------------------------------------------ main
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const addRuns = (maps) => {
  const keys = new Set(maps.flatMap((m) => [...m.keys()]));
  return [...keys].map((k) => [k, median(maps.map((m) => m.get(k) ?? 0))]).sort((a, b) => b[1] - a[1]);
};

const unminified = build({ ...(PATCHES ?? {}), minify: false, sourcemap: true });
const minified = PATCHES ? build(PATCHES) : null;
const gatedElement = (id) => (id === 'consentgate' || id === 'floor' || id === 'vanilla-cookieconsent'
  ? '<script type="text/plain" data-category="analytics">window.__gatedCount=(window.__gatedCount||0)+1;window.__gatedLastAt=performance.now()</script>'
  : null);
// Each build's folder is served whole at /dist/, so the core fetches that build's own stage files.
const minServer = await startServer(PROJECT_DIR, { gatedElement, dirs: minified ? { '/dist/': minified } : {} });
const devServer = await startServer(PROJECT_DIR, { gatedElement, dirs: { '/dist/': unminified } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });

// Returning: the decision (a click on the page's own "Accept all", as bench/measure.mjs makes it),
// taken once on each server (localStorage is per origin) and carried into every measured page view.
const decisions = new Map();
if (MODE === 'returning') {
  const { decide } = await import('./measure.mjs');
  for (const server of [minServer, devServer]) {
    process.stderr.write(`\rdeciding on ${server.origin} `);
    const decision = await decide(browser, server.origin, { id: PAGE });
    if (decision.error) {
      console.error(`\nthe decision could not be made on ${PAGE}: ${decision.error} ${(decision.errors ?? []).join('; ')}`);
      await browser.close();
      process.exit(1);
    }
    decisions.set(server.origin, decision.storageState);
  }
}

const traces = [];
const profiles = [];
try {
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`\rrun ${i + 1}/${RUNS}: trace   `);
    traces.push(
      await load(browser, minServer.origin, async (page, _cdp, go) => {
        let trace = null;
        const { visibleAt } = await go(
          () =>
            browser.startTracing(page, {
              categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'v8.execute', 'disabled-by-default-v8.compile', 'loading'],
            }),
          async () => {
            trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
            return {};
          },
        );
        return selfTimes(trace, visibleAt);
      }, decisions.get(minServer.origin)),
    );
    process.stderr.write(`\rrun ${i + 1}/${RUNS}: profile `);
    profiles.push(
      await load(browser, devServer.origin, async (_page, cdp, go) => {
        let profile = null;
        const { visibleAt, files } = await go(
          async () => {
            await cdp.send('Profiler.enable');
            await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
            await cdp.send('Profiler.start');
          },
          async () => {
            ({ profile } = await cdp.send('Profiler.stop'));
            return {};
          },
        );
        return { visibleAt, files, ...profileTables(profile, unminified) };
      }, decisions.get(devServer.origin)),
    );
  }
} finally {
  process.stderr.write('\r\x1b[2K');
  await browser.close();
  await minServer.close();
  await devServer.close();
}

const f1 = (v) => v.toFixed(1);
const out = [];
out.push(`Page bench/pages/${PAGE}.html, ${MODE}; ${RUNS} runs of each, CPU throttled ${THROTTLE}×; medians.${PATCHES ? ` Variant: ${process.env.PROFILE_PATCHES}.` : ''}`, '');
const span = {
  startup: 'navigation start → Accept visible',
  click: 'click on Accept → banner gone and gated script run',
  release: 'click on Accept → 1,000 gated scripts run',
  returning: 'returning visitor, navigation start → gated script run, network quiet, two more frames',
}[MODE];
out.push(`## Trace (minified build): main thread, ${span}`, '');
out.push(
  `Window ${f1(median(traces.map((t) => t.windowMs)))} ms; main-thread tasks ${f1(median(traces.map((t) => t.busy)))} ms wall, ${f1(median(traces.map((t) => t.cpu)))} ms CPU.`,
  'Self times below are CPU time (trace `tdur`): other processes on the machine do not stretch them.',
  '',
);
const groups = addRuns(
  traces.map((t) => {
    const g = new Map();
    for (const [name, ms] of t.byName) g.set(groupOf(name), (g.get(groupOf(name)) ?? 0) + ms);
    return g;
  }),
);
out.push('| kind of work | self CPU ms |', '|---|---:|', ...groups.map(([k, v]) => `| ${k} | ${f1(v)} |`), '');
out.push('| trace event | self CPU ms |', '|---|---:|', ...addRuns(traces.map((t) => t.byName)).slice(0, 20).map(([k, v]) => `| ${k} | ${f1(v)} |`), '');
out.push(`## CPU profile (unminified build, 50 µs samples), ${MODE === 'startup' ? 'navigation → banner settled' : span}`, '');
if (MODE === 'startup') out.push(`Accept visible at ${f1(median(profiles.map((p) => p.visibleAt)))} ms (the profiler slows the page down).`, '');
if (MODE === 'returning') out.push(`Files loaded from /dist/: ${[...new Set(profiles.flatMap((p) => p.files))].join(', ') || 'none'}.`, '');
out.push('| file as served | self ms |', '|---|---:|', ...addRuns(profiles.map((p) => p.byServed)).slice(0, 15).map(([k, v]) => `| ${k} | ${f1(v)} |`), '');
out.push('| source file | self ms |', '|---|---:|', ...addRuns(profiles.map((p) => p.byFile)).slice(0, 25).map(([k, v]) => `| ${k} | ${f1(v)} |`), '');
out.push('| function | self ms |', '|---|---:|', ...addRuns(profiles.map((p) => p.byFunction)).slice(0, 30).map(([k, v]) => `| ${k} | ${f1(v)} |`), '');
process.stdout.write(`${out.join('\n')}\n`);

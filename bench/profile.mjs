// node bench/profile.mjs [runs]: where consentgate's start-up time goes.
//
// 1. Trace (DevTools timeline) of bench/pages/consentgate.html with the built,
//    minified dist/consentgate.js: main-thread CPU self time per kind of work,
//    from navigation start to the first frame showing "Accept all".
// 2. CPU profile (Profiler domain, 50 µs sampling) of the same page with an
//    unminified build (bench/variant.mjs: rollup.config.mjs's drop-in entry
//    without terser, with a source map): self time per source file and function.
// Prints Markdown on stdout; bench/PROFILE.md is written from it by hand.
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = join(BENCH_DIR, '..');
const RUNS = Number(process.argv[2] ?? 5) || 5;
// Unthrottled by default: Chromium's throttle pauses the main thread inside whatever it runs, and
// those pauses count as thread time, so CPU self times are only clean at 1× (PROFILE_THROTTLE=4 to compare).
const THROTTLE = Number(process.env.PROFILE_THROTTLE ?? 1) || 1;
const PROBE = readFileSync(join(BENCH_DIR, 'probe.js'), 'utf8');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!existsSync(join(PROJECT_DIR, 'dist', 'consentgate.js'))) {
  console.error('dist/consentgate.js is missing: run npm run build first');
  process.exit(1);
}

// ------------------------------------------------------------ builds
// PROFILE_PATCHES=patches.json profiles a variant (see variant.mjs) instead of src/ as it is.
// PROFILE_MODE=startup (default) | click (click Accept -> banner gone, gated script run)
//   | release (the page with 1,000 gated scripts: click Accept -> the last one has run).
const MODE = ['click', 'release'].includes(process.env.PROFILE_MODE) ? process.env.PROFILE_MODE : 'startup';
// PROFILE_PAGE=floor (or a peer's page id) profiles another bench page for comparison.
const PAGE = (process.env.PROFILE_PAGE ?? 'consentgate').replace(/[^\w-]/g, '');
const PATCHES = process.env.PROFILE_PATCHES ? JSON.parse(readFileSync(process.env.PROFILE_PATCHES, 'utf8')) : null;
function build(patches) {
  const dir = mkdtempSync(join(tmpdir(), 'cg-profile-'));
  const patchFile = join(dir, 'patches.json');
  writeFileSync(patchFile, JSON.stringify(patches));
  const file = join(dir, 'consentgate.js');
  execFileSync(process.execPath, [join(BENCH_DIR, 'variant.mjs'), file, patchFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  return file;
}

// ------------------------------------------------------------ one page load
async function load(browser, origin, fn) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    // start/stop wrap what is measured: the load up to the visible banner, or the click on Accept.
    return await fn(page, cdp, async (start, stop) => {
      if (MODE === 'startup') await start();
      await page.goto(`${origin}/pages/${PAGE}.html${MODE === 'release' ? '?n=1000' : ''}`, { waitUntil: 'load' });
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
  if (MODE === 'startup') {
    nav = events.filter((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').includes('/pages/')).pop();
    if (!nav) throw new Error('no navigationStart in the trace');
    start = nav.ts;
    end = start + visibleAt * 1000;
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
async function profileTables(profile, mapFile) {
  let originalPositionFor = null;
  let tracer = null;
  try {
    const tm = await import('@jridgewell/trace-mapping');
    tracer = new tm.TraceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
    originalPositionFor = tm.originalPositionFor;
  } catch {
    // without the mapper, functions are named by bundle line
  }
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const byFile = new Map();
  const byFunction = new Map();
  for (const [id, ms] of self) {
    const { callFrame: f } = nodes.get(id);
    let file;
    let where;
    if (f.url.endsWith('/dist/consentgate.js')) {
      const pos = tracer ? originalPositionFor(tracer, { line: f.lineNumber + 1, column: f.columnNumber }) : null;
      file = pos?.source ? relative(PROJECT_DIR, join(dirname(mapFile), pos.source)).replace(/^(\.\.\/)+/, '') : 'consentgate.js';
      where = `${f.functionName || '(anonymous)'} ${file}:${pos?.line ?? f.lineNumber + 1}`;
    } else if (f.url === '' || f.url.startsWith('http')) {
      file = f.url ? new URL(f.url).pathname : f.functionName.startsWith('(') ? f.functionName : '(page and probe scripts)';
      where = `${f.functionName || '(anonymous)'} ${file}`;
    } else {
      file = f.url;
      where = `${f.functionName} ${f.url}`;
    }
    byFile.set(file, (byFile.get(file) ?? 0) + ms);
    byFunction.set(where, (byFunction.get(where) ?? 0) + ms);
  }
  return { byFile, byFunction };
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
const minServer = await startServer(PROJECT_DIR, { gatedElement, overrides: minified ? { '/dist/consentgate.js': minified } : {} });
const devServer = await startServer(PROJECT_DIR, { gatedElement, overrides: { '/dist/consentgate.js': unminified } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ARGS });

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
      }),
    );
    process.stderr.write(`\rrun ${i + 1}/${RUNS}: profile `);
    profiles.push(
      await load(browser, devServer.origin, async (_page, cdp, go) => {
        let profile = null;
        const { visibleAt } = await go(
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
        return { visibleAt, ...(await profileTables(profile, `${unminified}.map`)) };
      }),
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
const span = MODE === 'startup' ? 'navigation start → Accept visible' : MODE === 'click' ? 'click on Accept → banner gone and gated script run' : 'click on Accept → 1,000 gated scripts run';
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
out.push('| source file | self ms |', '|---|---:|', ...addRuns(profiles.map((p) => p.byFile)).slice(0, 25).map(([k, v]) => `| ${k} | ${f1(v)} |`), '');
out.push('| function | self ms |', '|---|---:|', ...addRuns(profiles.map((p) => p.byFunction)).slice(0, 30).map(([k, v]) => `| ${k} | ${f1(v)} |`), '');
process.stdout.write(`${out.join('\n')}\n`);

// npm run bench: consentgate side by side with its peers and a no-library floor.
//
// Every run: a fresh browser context, the CPU throttled 4x through the DevTools
// protocol, one page load; the libraries take turns (round robin, a different
// one first each iteration). Figures are medians with min-max over the runs.
//   BENCH_RUNS=9 (default)  BENCH_ONLY=consentgate,floor  BENCH_THROTTLE=4  BENCH_RELEASE=0 (skip the 1,000-element runs)
// Writes bench/results.json and bench/RESULTS.md; prints the table on stdout.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { LIBRARIES, PEERS } from './libraries.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = join(BENCH_DIR, '..');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 9) || 9);
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 4) || 4;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
// BENCH_VARIANTS=name=/path/to/build.js,...: extra rows, the consentgate page with another build
// (to measure a proposed change side by side before it lands in src/).
const VARIANTS = (process.env.BENCH_VARIANTS ?? '')
  .split(',')
  .filter(Boolean)
  .map((pair) => {
    const [name, file] = pair.split('=');
    return { name: name.replace(/[^\w-]/g, ''), file };
  });
const RELEASE_N = 1000;
const VIEWPORT = { width: 1280, height: 800 };
const PROBE = readFileSync(join(BENCH_DIR, 'probe.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------- progress

const progress = (() => {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    line(text) {
      if (tty) process.stderr.write(`\r\x1b[2K${text}`);
      else if (Date.now() - last > 5000) {
        process.stderr.write(`${text}\n`);
        last = Date.now();
      }
    },
    done() {
      if (tty) process.stderr.write('\r\x1b[2K');
    },
  };
})();

// ---------------------------------------------------------------- one page load

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const debug = process.env.BENCH_DEBUG ? (...a) => console.error(new Date().toISOString().slice(11, 23), ...a) : () => {};

/**
 * Loads one library's page in a fresh context and measures it.
 * mode 'startup': bytes, time to Accept, script/task time, heap, layout shift, click -> done.
 * mode 'release': the page with 1,000 gated elements; click Accept -> the last one has run.
 */
async function measure(browser, origin, library, mode) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US', deviceScaleFactor: 1 });
  const errors = [];
  try {
    await context.addInitScript({ content: PROBE });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: mode === 'cpu' ? 1 : THROTTLE });
    await cdp.send('Performance.enable');

    let inflight = 0;
    let lastNetworkAt = Date.now();
    const sizes = [];
    page.on('request', () => {
      inflight++;
      lastNetworkAt = Date.now();
    });
    page.on('requestfinished', (request) => {
      inflight--;
      lastNetworkAt = Date.now();
      sizes.push(
        request.sizes().then(
          (s) => ({ url: new URL(request.url()).pathname, type: request.resourceType(), body: s.responseBodySize, headers: s.responseHeadersSize }),
          () => null,
        ),
      );
    });
    page.on('requestfailed', (request) => {
      inflight--;
      lastNetworkAt = Date.now();
      errors.push(`request failed: ${request.url()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });

    const n = mode === 'release' ? RELEASE_N : 0;
    debug(library.id, mode, 'goto');
    const query = new URLSearchParams({ ...(n ? { n: String(n) } : {}), ...(library.variant ? { v: library.variant } : {}) }).toString();
    await page.goto(`${origin}/pages/${library.page ?? library.id}.html${query ? `?${query}` : ''}`, { waitUntil: 'load', timeout: 60_000 });
    debug(library.id, 'loaded');
    const visible = await page.evaluate((t) => window.__bench.whenVisible(t), 15_000);
    debug(library.id, 'visible', visible);
    if (!visible) return { ok: false, noBanner: true, error: 'no visible "Accept all" button within 15 s of load', errors };

    // Settle: no request for 200 ms, and the Accept button keeps its box for three frames.
    const quietSince = Date.now();
    while ((inflight > 0 || Date.now() - lastNetworkAt < 200) && Date.now() - quietSince < 10_000) await sleep(25);
    debug(library.id, 'quiet');
    const box = await page.evaluate((t) => window.__bench.whenStable(t), 5_000);
    debug(library.id, 'stable', box);

    const startup = await page.evaluate(() => ({
      visibleAt: window.__bench.visibleAt,
      layoutShift: window.__bench.layoutShift,
      gatedBeforeClick: window.__gatedCount || 0,
      domContentLoaded: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
      load: performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? null,
    }));
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
    if (mode === 'cpu') {
      // Unthrottled pass: only the CPU time the main thread used until the banner settled.
      // (Under the throttle ThreadTime counts the throttle's own pauses, so it is taken here.)
      return { ok: startup.gatedBeforeClick === 0, errors, cpuMs: metric('ThreadTime') * 1000, cpuScriptMs: metric('ScriptDuration') * 1000 };
    }
    let heapUsed = null;
    if (mode === 'startup') {
      await cdp.send('HeapProfiler.collectGarbage');
      heapUsed = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    }

    debug(library.id, 'metrics');
    await page.mouse.click(box.x, box.y);
    debug(library.id, 'clicked');
    const expected = (mode === 'release' ? RELEASE_N : 0) + 1;
    const done = await page.evaluate(([count, t]) => window.__bench.whenDone(count, t), [expected, 20_000]);
    debug(library.id, 'done', done);
    const files = (await Promise.all(sizes)).filter(Boolean);
    debug(library.id, 'sizes');

    const result = {
      ok: done.ok && done.clickHitAccept && startup.gatedBeforeClick === 0,
      errors,
      stable: box.stable,
      visibleMs: startup.visibleAt,
      domContentLoadedMs: startup.domContentLoaded,
      loadMs: startup.load,
      scriptMs: metric('ScriptDuration') * 1000,
      taskMs: metric('TaskDuration') * 1000,
      compileMs: metric('V8CompileDuration') * 1000,
      layoutMs: metric('LayoutDuration') * 1000,
      styleMs: metric('RecalcStyleDuration') * 1000,
      heapUsed,
      layoutShift: done.layoutShiftBeforeClick ?? startup.layoutShift,
      layoutShiftAfter: done.layoutShift,
      shifts: done.shifts,
      gatedBeforeClick: startup.gatedBeforeClick,
      clickHitAccept: done.clickHitAccept,
      inputDelayMs: done.inputDelay,
      hiddenMs: done.hiddenAt !== null ? done.hiddenAt - done.clickAt : null,
      gatedMs: done.gatedRanAt !== null ? done.gatedRanAt - done.clickAt : null,
      gatedCount: done.gatedCount,
      files,
      bytesBody: files.reduce((s, f) => s + f.body, 0),
      bytesTotal: files.reduce((s, f) => s + f.body + f.headers, 0),
      bytesLibrary: files.filter((f) => f.type !== 'document').reduce((s, f) => s + f.body, 0),
    };
    result.clickMs = result.hiddenMs !== null && result.gatedMs !== null ? Math.max(result.hiddenMs, result.gatedMs) : null;
    if (mode === 'release') result.releaseMs = done.gatedLastAt !== null ? done.gatedLastAt - done.clickAt : null;
    if (!done.ok) result.error = `after the click: banner ${done.hiddenAt === null ? 'still shown' : 'gone'}, ${done.gatedCount}/${expected} gated scripts ran`;
    else if (!done.clickHitAccept) result.error = 'the click did not land on the Accept button';
    else if (startup.gatedBeforeClick) result.error = 'a gated script ran before any decision';
    return result;
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e).split('\n')[0], errors };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---------------------------------------------------------------- statistics and table

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stat = (runs, key) => {
  const xs = runs.filter((r) => r.ok && typeof r[key] === 'number' && Number.isFinite(r[key])).map((r) => r[key]);
  return xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length } : null;
};

const COLUMNS = [
  { key: 'bytesLibrary', title: 'JS+CSS gzip', unit: 'kB', scale: 1 / 1000, digits: 1, single: true },
  { key: 'bytesTotal', title: 'all transferred', unit: 'kB', scale: 1 / 1000, digits: 1, single: true },
  { key: 'visibleMs', title: 'Accept visible', unit: 'ms', digits: 0 },
  { key: 'scriptMs', title: 'script', unit: 'ms', digits: 0 },
  { key: 'taskMs', title: 'tasks', unit: 'ms', digits: 0 },
  { key: 'cpuMs', title: 'main-thread CPU at 1×', unit: 'ms', digits: 0, from: 'cpu' },
  { key: 'heapUsed', title: 'JS heap', unit: 'MB', scale: 1 / 1e6, digits: 2 },
  { key: 'layoutShift', title: 'layout shift', unit: '', digits: 3 },
  { key: 'hiddenMs', title: 'click → banner gone', unit: 'ms', digits: 0 },
  { key: 'clickMs', title: 'click → gone + run', unit: 'ms', digits: 0 },
  { key: 'releaseMs', title: `release ${RELEASE_N.toLocaleString('en')}`, unit: 'ms', digits: 0, from: 'release' },
];

const num = (v, c) => (v * (c.scale ?? 1)).toFixed(c.digits);
const cell = (s, c) => {
  if (!s) return null;
  if (c.single || s.min === s.max) return num(s.median, c);
  return `${num(s.median, c)} (${num(s.min, c)}–${num(s.max, c)})`;
};

function summarise(entry) {
  const summary = {};
  for (const c of COLUMNS) summary[c.key] = stat(entry[c.from ?? 'startup'], c.key);
  return summary;
}

function tables(entries) {
  const cg = entries.find((e) => e.id === 'consentgate');
  const head = `| library | ${COLUMNS.map((c) => `${c.title}${c.unit ? ` (${c.unit})` : ''}`).join(' | ')} |`;
  const rule = `|---|${COLUMNS.map(() => '---:').join('|')}|`;
  const rows = entries.map((e) => {
    const cells = COLUMNS.map((c) => {
      if (e.status) return '';
      if (c.from === 'release' && e.noGatedElements) return 'n/a';
      if (c.from && !e[c.from].length) return 'not run';
      return cell(e.summary[c.key], c) ?? 'failed';
    });
    if (e.status) cells[0] = e.status;
    return `| ${e.label} | ${cells.join(' | ')} |`;
  });
  const ratioRows = entries
    .filter((e) => e.id !== 'consentgate' && !e.status)
    .map((e) => {
      const cells = COLUMNS.map((c) => {
        const mine = cg?.summary?.[c.key]?.median;
        const theirs = e.summary[c.key]?.median;
        if (c.from === 'release' && e.noGatedElements) return 'n/a';
        if (mine == null || theirs == null) return '–';
        if (mine === 0) return theirs === 0 ? 'equal' : '∞';
        return `${(theirs / mine).toFixed(2)}×`;
      });
      return `| ${e.label} | ${cells.join(' | ')} |`;
    });
  return {
    main: [head, rule, ...rows].join('\n'),
    ratios: ratioRows.length && cg?.summary ? [head.replace('| library |', '| library ÷ consentgate |'), rule, ...ratioRows].join('\n') : null,
  };
}

// ---------------------------------------------------------------- goals of issue 7

function goals(entries) {
  const by = Object.fromEntries(entries.map((e) => [e.id, e]));
  const cg = by.consentgate;
  const med = (id, key) => by[id]?.summary?.[key]?.median ?? null;
  if (!cg || cg.status || !cg.summary) return [{ goal: 'all goals', holds: null, detail: `consentgate ${cg?.status ?? 'missing'}` }];
  const peers = PEERS.filter((id) => by[id] && med(id, 'visibleMs') != null);
  const list = [];
  const add = (goal, holds, detail) => list.push({ goal, holds, detail });
  const f = (v, d = 0) => (v == null ? '–' : v.toFixed(d));

  const bytes = med('consentgate', 'bytesLibrary');
  const vanillaBytes = med('vanilla-cookieconsent', 'bytesLibrary');
  add('bytes ≤ 0.75× vanilla-cookieconsent JS + CSS', bytes != null && vanillaBytes != null ? bytes <= 0.75 * vanillaBytes : null,
    `${bytes} B vs 0.75 × ${vanillaBytes} B = ${vanillaBytes == null ? '–' : Math.floor(0.75 * vanillaBytes)} B`);

  const vis = med('consentgate', 'visibleMs');
  const floorVis = med('floor', 'visibleMs');
  add('time to banner ≤ 1.3× the floor', vis != null && floorVis != null ? vis <= 1.3 * floorVis : null,
    `${f(vis)} ms vs 1.3 × ${f(floorVis)} ms = ${floorVis == null ? '–' : f(1.3 * floorVis)} ms (${vis != null && floorVis ? (vis / floorVis).toFixed(2) : '–'}× the floor)`);
  const fastestPeerVis = Math.min(...peers.map((id) => med(id, 'visibleMs')));
  add('time to banner below every peer', vis != null && peers.length ? vis < fastestPeerVis : null,
    `${f(vis)} ms vs ${peers.map((id) => `${id} ${f(med(id, 'visibleMs'))}`).join(', ')}`);

  const script = med('consentgate', 'scriptMs');
  const peerScripts = peers.map((id) => [id, med(id, 'scriptMs')]).filter(([, v]) => v != null);
  const lowest = peerScripts.reduce((a, b) => (b[1] < a[1] ? b : a), ['–', Infinity]);
  const cpu = med('consentgate', 'cpuMs');
  const peerCpu = peers.map((id) => [id, med(id, 'cpuMs')]).filter(([, v]) => v != null);
  const lowestCpu = peerCpu.reduce((a, b) => (b[1] < a[1] ? b : a), ['–', Infinity]);
  add('script time below every peer', script != null && peerScripts.length ? script < lowest[1] : null,
    `${f(script)} ms vs lowest peer ${lowest[0]} ${f(lowest[1])} ms` +
      (cpu != null && peerCpu.length ? `; main-thread CPU at 1×: ${f(cpu)} ms vs lowest peer ${lowestCpu[0]} ${f(lowestCpu[1])} ms` : ''));
  const floorScript = med('floor', 'scriptMs');
  add('script time ≤ 20 ms at 4× (aim)', script != null ? script <= 20 : null,
    `${f(script)} ms; the floor page alone (no library: probe, harness and one inline handler) shows ${f(floorScript)} ms on this machine`);

  // The goal is the banner gone. The gated script is reported beside it: consentgate runs it
  // after that frame on purpose (COMPLIANCE #52), so the click paints before any tag runs.
  const gone = med('consentgate', 'hiddenMs');
  const click = med('consentgate', 'clickMs');
  add('click → banner gone ≤ 50 ms at 4×', gone != null ? gone <= 50 : null,
    `${f(gone)} ms (median; ${f(cg.summary.hiddenMs?.min)}–${f(cg.summary.hiddenMs?.max)}); floor ${f(med('floor', 'hiddenMs'))} ms. ` +
      `Gone and the gated script run: ${f(click)} ms (floor ${f(med('floor', 'clickMs'))} ms); consentgate runs released scripts after the frame that hides the banner, by design`);

  const shiftRuns = (id) => (by[id]?.startup ?? []).filter((r) => r.ok);
  const shifted = (id) => shiftRuns(id).filter((r) => r.layoutShift > 0);
  const cls = cg.summary.layoutShift;
  const floorShifted = shifted('floor');
  add('layout shift 0', cls ? cls.max === 0 : null,
    cls
      ? cls.max === 0
        ? `0 in all ${shiftRuns('consentgate').length} runs`
        : `non-zero in ${shifted('consentgate').length} of ${shiftRuns('consentgate').length} runs (max ${cls.max.toFixed(4)}; moved: ${[...new Set(shifted('consentgate').flatMap((r) => (r.shifts ?? []).flatMap((x) => x.nodes)))].join(', ')}); the floor page: ${floorShifted.length} of ${shiftRuns('floor').length} runs`
      : '–');

  const rel = med('consentgate', 'releaseMs');
  add(`releasing ${RELEASE_N.toLocaleString('en')} gated elements ≤ 100 ms at 4×`, rel != null ? rel <= 100 : null,
    `${f(rel)} ms (median; ${f(cg.summary.releaseMs?.min)}–${f(cg.summary.releaseMs?.max)}); the floor's ten-line loop over the same ${RELEASE_N.toLocaleString('en')} inline scripts takes ${f(med('floor', 'releaseMs'))} ms`);
  return list;
}

// ---------------------------------------------------------------- receipts service (issue 6)

async function serviceBench() {
  const script = join(PROJECT_DIR, 'packages', 'log-service', 'bench.mjs');
  if (!existsSync(script)) return null;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, '--json'], { cwd: PROJECT_DIR, env: { ...process.env, BENCH_JSON: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      let json = null;
      try {
        json = JSON.parse(out);
      } catch {
        const line = out.trim().split('\n').reverse().find((l) => l.trim().startsWith('{'));
        try {
          json = line ? JSON.parse(line) : null;
        } catch {
          json = null;
        }
      }
      resolve({ exitCode: code, result: json, output: json ? undefined : out.trim(), stderr: code ? err.trim().slice(-2000) : undefined });
    });
  });
}

function serviceText(service) {
  if (!service) return null;
  if (service.result) {
    const rows = [];
    const walk = (obj, path) => {
      for (const [k, v] of Object.entries(obj)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, [...path, k]);
        else rows.push(`| ${[...path, k].join('.')} | ${Array.isArray(v) ? JSON.stringify(v) : v} |`);
      }
    };
    walk(service.result, []);
    return ['| receipts service | value |', '|---|---:|', ...rows].join('\n');
  }
  return `receipts service bench (exit ${service.exitCode}):\n\n\`\`\`\n${service.output || service.stderr || '(no output)'}\n\`\`\``;
}

// ---------------------------------------------------------------- main

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(join(PROJECT_DIR, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function consentgateState() {
  const file = join(PROJECT_DIR, 'dist', 'consentgate.js');
  if (!existsSync(file)) return { status: 'not built yet (no dist/consentgate.js)' };
  let commit = '?';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_DIR, encoding: 'utf8' }).trim();
  } catch {}
  const version = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')).version;
  return { version: `${version} @ ${commit}` };
}

async function main() {
  const started = new Date();
  const loadBefore = os.loadavg();
  const consentgate = LIBRARIES.find((l) => l.id === 'consentgate');
  const variants = VARIANTS.map((v) => ({ ...consentgate, id: `consentgate~${v.name}`, name: `consentgate~${v.name}`, page: 'consentgate', variant: v.name, files: [`/variants/${v.name}.js`] }));
  const selected = [...LIBRARIES.filter((l) => !ONLY || ONLY.has(l.id)), ...variants];
  const entries = selected.map((l) => {
    const base = { ...l, label: l.name, startup: [], release: [], cpu: [] };
    if (l.id === 'consentgate') {
      const s = consentgateState();
      base.status = s.status;
      base.version = s.version;
    } else if (l.package) base.version = versionOf(l.package);
    if (base.version && l.package) base.label = `${l.name} ${base.version}`;
    return base;
  });
  const runnable = entries.filter((e) => !e.status);
  const releasable = process.env.BENCH_RELEASE === '0' ? [] : runnable.filter((e) => e.gatedElement);

  const server = await startServer(PROJECT_DIR, {
    gatedElement: (id) => LIBRARIES.find((l) => l.id === id)?.gatedElement ?? null,
    overrides: Object.fromEntries(VARIANTS.map((v) => [`/variants/${v.name}.js`, v.file])),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  browser.on('disconnected', () => debug('browser disconnected'));
  const CPU_RUNS = process.env.BENCH_CPU === '0' ? 0 : Math.min(RUNS, Number(process.env.BENCH_CPU_RUNS ?? 5) || 5);
  const total = RUNS * (runnable.length + releasable.length) + CPU_RUNS * runnable.length;
  let step = 0;
  try {
    for (let i = 0; i < RUNS; i++) {
      // Round robin, starting one further each iteration, so no library always goes first.
      const rotate = (list) => list.map((_, k) => list[(k + i) % list.length]);
      for (const e of rotate(runnable)) {
        progress.line(`[${++step}/${total}] run ${i + 1}/${RUNS} · ${e.id} · start-up and click`);
        if (e.status) continue;
        const result = await measure(browser, server.origin, e, 'startup');
        e.startup.push(result);
        // A build without a banner (e.g. consentgate before its UI lands): say so once, do not wait 15 s per run.
        if (result.noBanner && !e.startup.some((r) => r.ok)) e.status = `no visible "Accept all" button (${result.errors[0] ?? 'no error on the page'})`;
      }
      for (const e of rotate(releasable)) {
        progress.line(`[${++step}/${total}] run ${i + 1}/${RUNS} · ${e.id} · release ${RELEASE_N}`);
        if (e.status) continue;
        e.release.push(await measure(browser, server.origin, e, 'release'));
      }
      if (i >= CPU_RUNS) continue;
      for (const e of rotate(runnable)) {
        progress.line(`[${++step}/${total}] run ${i + 1}/${CPU_RUNS} · ${e.id} · CPU time, unthrottled`);
        if (e.status) continue;
        e.cpu.push(await measure(browser, server.origin, e, 'cpu'));
      }
    }
  } finally {
    progress.done();
    await browser.close().catch(() => {});
  }
  const chromiumVersion = browser.version();
  await server.close();

  progress.line('receipts service bench…');
  const service = await serviceBench();
  progress.done();

  for (const e of entries) {
    e.summary = e.status ? null : summarise(e);
    e.failures = [...e.startup, ...e.release, ...e.cpu].filter((r) => !r.ok).map((r) => r.error);
  }
  const goalList = goals(entries);
  const { main: table, ratios } = tables(entries);

  const cpus = os.cpus();
  const machine = {
    cpu: cpus[0]?.model?.trim() ?? '?',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 1e9),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion,
    playwright: versionOf('playwright-core'),
    loadAverageBefore: loadBefore.map((v) => +v.toFixed(2)),
    loadAverageAfter: os.loadavg().map((v) => +v.toFixed(2)),
    shared: true,
  };
  const settings = { runs: RUNS, cpuRuns: CPU_RUNS, cpuThrottle: THROTTLE, viewport: VIEWPORT, gzipLevel: 9, release: RELEASE_N, server: '127.0.0.1, node:http' };
  const date = started.toISOString();

  const failureLines = entries.filter((e) => e.failures?.length).map((e) => `- ${e.label}: ${e.failures.length} failed run(s): ${[...new Set(e.failures)].join('; ')}`);
  const goalLines = goalList.map((g) => `- ${g.holds === true ? '✅ holds' : g.holds === false ? '❌ does not hold' : '– not measured'}: ${g.goal} — ${g.detail}`);
  const svc = serviceText(service);

  const md = [
    `Measured ${date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu}, ${machine.cores} cores, ${machine.os}; Node ${machine.node}, Chromium ${machine.chromium} headless, playwright-core ${machine.playwright}.`,
    `CPU throttled ${THROTTLE}× (DevTools protocol), ${RUNS} runs per library, fresh browser context per run, libraries alternated; median (min–max).`,
    `**Shared machine**: other engineers ran tests at the same time (load average ${machine.loadAverageBefore.join(' / ')} before, ${machine.loadAverageAfter.join(' / ')} after), so absolute times carry noise; the ratios from the same run are the figure to read.`,
    '',
    table,
    '',
    ratios ? `Ratio to consentgate (medians; above 1 means consentgate is smaller or faster):\n\n${ratios}\n` : '',
    'Columns: *JS+CSS gzip* — bytes of every response but the page itself (gzip bodies); *all transferred* — every response, bodies plus headers, page included;',
    '*Accept visible* — navigation start to the first frame that shows a visible "Accept all" button (document or open shadow root);',
    '*script*, *tasks* — main-thread ScriptDuration and TaskDuration (wall time, so 4× throttled) from `Performance.getMetrics`, navigation until the banner has settled;',
    `*main-thread CPU at 1×* — ThreadTime from \`Performance.getMetrics\` in ${CPU_RUNS} extra runs without throttle: CPU time the main thread used until the banner settled; other processes do not stretch it, so it is the steadiest column on a shared machine (under the throttle Chromium's pauses count as thread time, so it is not taken there);`,
    '*JS heap* — used heap after a forced GC; *layout shift* — sum of layout-shift entries before the click;',
    `*click → banner gone* — the click's event time to the first frame without the Accept button; *click → gone + run* — to the later of that frame and the gated script having run (consentgate runs released scripts only after the frame that hides the banner, so the click paints first: COMPLIANCE #52); *release ${RELEASE_N.toLocaleString('en')}* — same page with ${RELEASE_N.toLocaleString('en')} extra gated scripts, click to the last one run (n/a: the library has no markup for gating page elements).`,
    '',
    '**Setups** (bench/pages/): the same page content for all; three categories (necessary, analytics, marketing) where the library has categories; buttons labelled "Accept all" / "Reject all" through each library\'s own texts; one gated script in the library\'s own markup that counts itself.',
    '- consentgate: `#consentgate-config` JSON block + `<script src>` in `<head>`, `<script type="text/plain" data-category="analytics">`.',
    '- vanilla-cookieconsent: UMD + CSS, `CookieConsent.run()` at the end of `<body>`, bar layout, `hideFromBots: false`, `<script type="text/plain" data-category="analytics">`.',
    '- klaro: `klaroConfig` + `klaro.js` (CSS inside) with `defer`, three services with one purpose each, `<script type="text/plain" data-type="text/javascript" data-name>`.',
    '- tarteaucitron.js: `tarteaucitron.min.js` + English texts, `useExternalJs: true` (the 197 kB services catalogue is not loaded; our two services are defined inline), bottom banner, category grouping; the gated script is a service `js()` callback, its only gating mechanism for own code. Its banner appears only after the `load` event, by design.',
    '- cookieconsent (Osano): opt-in type, bottom banner, one yes/no choice (no categories); the gated script runs from `onStatusChange`, as its docs show. Its banner fades out over about a second, which the *click → gone* column counts.',
    '- floor: a static banner in the HTML with two buttons and a ten-line inline click handler (no library) that hides it and turns `text/plain` scripts into real ones.',
    '',
    '**Goals of issue 7**',
    '',
    ...goalLines,
    failureLines.length ? `\n**Failed runs**\n\n${failureLines.join('\n')}` : '',
    svc ? `\n**Receipts service** (packages/log-service/bench.mjs)\n\n${svc}` : '',
    '',
  ].join('\n');

  const results = {
    date,
    machine,
    settings,
    libraries: entries.map((e) => ({
      id: e.id,
      name: e.name,
      version: e.version ?? null,
      status: e.status ?? 'measured',
      files: e.files.map((path) => ({ path, ...server.sizeOf(path) })),
      noGatedElements: e.noGatedElements ?? null,
      summary: e.summary,
      failures: e.failures ?? [],
      startup: e.startup.map(({ files, ...r }) => ({ ...r, files })),
      release: e.release.map(({ files, ...r }) => r),
      cpu: e.cpu,
    })),
    goals: goalList,
    service,
  };
  writeFileSync(join(BENCH_DIR, ONLY || VARIANTS.length ? 'results.partial.json' : 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (!ONLY && !VARIANTS.length) writeFileSync(join(BENCH_DIR, 'RESULTS.md'), `# Bench results\n\n${md}`);
  process.stdout.write(`\n${md}\n`);
}

main().catch((e) => {
  progress.done();
  console.error(e);
  process.exit(1);
});

// npm run bench: consentgate side by side with its peers and a no-library floor.
//
// Each library is measured in every scenario of bench/scenarios.mjs (first visit, first
// visit under simulated latency, returning visitor, and their variants), one page view per
// fresh browser context; the libraries take turns (round robin, a different one first each
// time) and the scenarios interleave, so background load falls on all of them alike.
// Settings: bench/options.mjs. One page view: bench/measure.mjs. Goals: bench/goals.mjs.
// Tables and text: bench/report.mjs.
// Writes bench/results.json and bench/RESULTS.md (results.partial.json only, for a run of
// some libraries or with variants); `--write-readme` also rewrites the README's section.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { LIBRARIES } from './libraries.mjs';
import { OPTIONS, PARTIAL, CHROMIUM_ARGS } from './options.mjs';
import { SCENARIOS } from './scenarios.mjs';
import { firstVisit, decide, returningVisit, debug } from './measure.mjs';
import { summarise } from './stats.mjs';
import { goals } from './goals.mjs';
import { resultsMarkdown, readmeSection, writeReadme } from './report.mjs';
import { serviceBench, serviceText } from './service.mjs';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_DIR = join(BENCH_DIR, '..');

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

function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(join(PROJECT_DIR, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

function consentgateState() {
  if (!existsSync(join(PROJECT_DIR, 'dist', 'consentgate.js'))) return { status: 'not built yet (no dist/consentgate.js)' };
  let commit = '?';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_DIR, encoding: 'utf8' }).trim();
  } catch {}
  const version = JSON.parse(readFileSync(join(PROJECT_DIR, 'package.json'), 'utf8')).version;
  return { version: `${version} @ ${commit}` };
}

/** The rows: the selected libraries, then one consentgate row per variant build. */
function entriesToMeasure() {
  const consentgate = LIBRARIES.find((l) => l.id === 'consentgate');
  const variants = OPTIONS.variants.map((v) => ({
    ...consentgate,
    id: `consentgate~${v.name}`,
    name: `consentgate~${v.name}`,
    page: 'consentgate',
    variant: v.name,
    files: [`/variants/${v.name}/consentgate.js`],
    prefixes: [`/variants/${v.name}/`],
  }));
  return [...LIBRARIES.filter((l) => !OPTIONS.only || OPTIONS.only.has(l.id)), ...variants].map((l) => {
    const entry = { ...l, label: l.name, runs: Object.fromEntries(SCENARIOS.map((s) => [s.id, []])), skipped: {} };
    if (l.id === 'consentgate') Object.assign(entry, consentgateState());
    else if (l.package) entry.version = versionOf(l.package);
    if (entry.version && l.package) entry.label = `${l.name} ${entry.version}`;
    for (const s of SCENARIOS) {
      if (!s.applies(l)) entry.skipped[s.id] = 'n/a';
      else if (s.skipped) entry.skipped[s.id] = `not run (${s.skipped})`;
    }
    return entry;
  });
}

async function main() {
  const started = new Date();
  const loadBefore = os.loadavg();
  const entries = entriesToMeasure();
  const server = await startServer(PROJECT_DIR, {
    gatedElement: (id) => LIBRARIES.find((l) => l.id === id)?.gatedElement ?? null,
    overrides: Object.fromEntries(OPTIONS.variants.filter((v) => !v.isDir).map((v) => [`/variants/${v.name}/consentgate.js`, v.path])),
    dirs: Object.fromEntries(OPTIONS.variants.filter((v) => v.isDir).map((v) => [`/variants/${v.name}/`, v.path])),
  });
  const browser = await chromium.launch({ executablePath: OPTIONS.chromium, headless: true, args: CHROMIUM_ARGS });
  browser.on('disconnected', () => debug('browser disconnected'));

  const runnable = () => entries.filter((e) => !e.status);
  const plan = SCENARIOS.filter((s) => s.runs > 0);
  const total = plan.reduce((n, s) => n + s.runs * runnable().filter((e) => s.applies(e)).length, 0) + runnable().length;
  let step = 0;
  try {
    // The decision page view, once per library: its cookies and localStorage seed every returning visit.
    if (plan.some((s) => s.visit === 'returning')) {
      for (const e of runnable()) {
        progress.line(`[${++step}/${total}] ${e.id} · deciding (click "Accept all") for the returning visits`);
        e.decision = await decide(browser, server.origin, e);
        if (e.decision.error) for (const s of plan.filter((x) => x.visit === 'returning')) e.skipped[s.id] = 'could not decide';
      }
    }
    for (let i = 0; i < OPTIONS.runs; i++) {
      // Round robin, starting one further each iteration, so no library always goes first.
      const rotate = (list) => list.map((_, k) => list[(k + i) % list.length]);
      for (const s of plan) {
        if (i >= s.runs) continue;
        for (const e of rotate(runnable().filter((x) => s.applies(x)))) {
          progress.line(`[${++step}/${total}] run ${i + 1}/${s.runs} · ${e.id} · ${s.title}`);
          if (e.status || e.skipped[s.id]) continue;
          const result =
            s.visit === 'returning' ? await returningVisit(browser, server.origin, e, s, e.decision) : await firstVisit(browser, server.origin, e, s);
          e.runs[s.id].push(result);
          // A build without a banner (e.g. consentgate before its UI lands): say so once, do not wait 15 s per run.
          if (s.id === 'first' && result.noBanner && !e.runs.first.some((r) => r.ok)) {
            e.status = `no visible "Accept all" button (${result.errors[0] ?? 'no error on the page'})`;
          }
        }
      }
    }
  } finally {
    progress.done();
    await browser.close().catch(() => {});
  }
  const chromiumVersion = browser.version();
  await server.close();

  let service = null;
  if (OPTIONS.service && !PARTIAL) {
    progress.line('receipts service bench…');
    service = await serviceBench(PROJECT_DIR);
    progress.done();
  }

  for (const e of entries) {
    e.summary = e.status ? null : summarise(e.runs);
    e.failures = Object.values(e.runs)
      .flat()
      .filter((r) => !r.ok)
      .map((r) => r.error);
  }
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
  const settings = {
    runs: OPTIONS.runs,
    cpuRuns: OPTIONS.cpuRuns,
    cpuThrottle: OPTIONS.throttle,
    viewport: OPTIONS.viewport,
    gzipLevel: 9,
    release: OPTIONS.release ? OPTIONS.releaseCount : null,
    latency: OPTIONS.latency,
    server: '127.0.0.1, node:http',
  };
  const durationS = (Date.now() - started.getTime()) / 1000;
  const run = { entries, goals: goals(entries), machine, settings, date: started.toISOString(), durationS };
  const md = resultsMarkdown(run, serviceText(service));

  const results = {
    date: run.date,
    durationS: Math.round(durationS),
    machine,
    settings,
    libraries: entries.map((e) => ({
      id: e.id,
      name: e.name,
      version: e.version ?? null,
      status: e.status ?? 'measured',
      files: e.files.map((path) => ({ path, ...server.sizeOf(path) })),
      prefixes: e.prefixes,
      noGatedElements: e.noGatedElements ?? null,
      decision: e.decision ? { stored: e.decision.stored ?? null, error: e.decision.error ?? null } : null,
      summary: e.summary,
      failures: e.failures,
      // Every run's figures; the list of responses only for each scenario's first run (the rest repeat it).
      runs: Object.fromEntries(Object.entries(e.runs).map(([id, runs]) => [id, runs.map(({ files, ...r }, k) => (k === 0 ? { ...r, files } : r))])),
    })),
    goals: run.goals,
    service,
  };
  writeFileSync(join(BENCH_DIR, PARTIAL ? 'results.partial.json' : 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (!PARTIAL) writeFileSync(join(BENCH_DIR, 'RESULTS.md'), md);
  if (OPTIONS.writeReadme) {
    if (PARTIAL) console.error('--write-readme: not with BENCH_ONLY or BENCH_VARIANTS (the README shows full runs only)');
    else writeReadme(join(PROJECT_DIR, 'README.md'), readmeSection(run));
  }
  process.stdout.write(`\n${md}\n`);
  console.error(`bench: ${Math.round(durationS)} s`);
}

main().catch((e) => {
  progress.done();
  console.error(e);
  process.exit(1);
});

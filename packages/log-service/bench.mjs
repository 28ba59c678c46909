// @ts-check
// Load figures for the consent log: sustained receipts per second and p50/p99 latency,
// SQLite and PostgreSQL, on loopback. The service runs in this process; the load comes
// from a second process (this file again, with --load) holding a fixed number of
// requests in flight for a fixed time. Each request is a distinct valid receipt.
//
//   node packages/log-service/bench.mjs [--duration 5] [--concurrency 32] [--json]
//
// PostgreSQL: a throwaway cluster (temp-postgres.mjs, fsync on), or the database
// in CONSENTGATE_BENCH_DATABASE_URL. Never DATABASE_URL: a bench must not write into
// the production log by accident.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startLogServer } from './server.mjs';
import { postgresAvailable, startTempPostgres } from './temp-postgres.mjs';

/**
 * @typedef {Object} StoreFigures
 * @property {'sqlite' | 'postgres'} store
 * @property {number} concurrency      requests in flight
 * @property {number} seconds          measured time, after a warm-up
 * @property {number} receipts         receipts acknowledged (202) in that time
 * @property {number} stored           rows in the log afterwards, warm-up included
 * @property {number} acknowledged     202s in total, warm-up included (equals stored)
 * @property {number} errors           anything but 202
 * @property {number} receiptsPerSecond
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} maxMs
 * @property {number} receiverCpuMsPerReceipt  CPU time of the service process per acknowledged receipt
 */

/** @typedef {{ store: 'sqlite' | 'postgres', skipped: string }} SkippedStore */

/** What to stop and remove if the bench is interrupted. */
const cleanups = new Set(/** @type {Array<() => Promise<void>>} */ ([]));

/**
 * Measure both stores.
 * @param {{ durationMs?: number, warmupMs?: number, concurrency?: number, print?: boolean }} [options]
 * @returns {Promise<{ sqlite: StoreFigures | SkippedStore, postgres: StoreFigures | SkippedStore, machine: { cpus: number, loadAverage1m: number, node: string } }>}
 */
export async function runLogBench({ durationMs = 5000, warmupMs = 1000, concurrency = 32, print = true } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'consentgate-bench-'));
  const removeDir = async () => rmSync(dir, { recursive: true, force: true });
  cleanups.add(removeDir);
  try {
    const sqlite = await measure('sqlite', { dbPath: join(dir, 'bench.sqlite') }, { durationMs, warmupMs, concurrency });
    /** @type {StoreFigures | SkippedStore} */
    let postgres;
    const given = process.env.CONSENTGATE_BENCH_DATABASE_URL;
    if (given) {
      postgres = await measure('postgres', { databaseUrl: given }, { durationMs, warmupMs, concurrency });
    } else if (postgresAvailable()) {
      const cluster = await startTempPostgres({ durable: true });
      cleanups.add(cluster.stop);
      try {
        postgres = await measure('postgres', { databaseUrl: cluster.url }, { durationMs, warmupMs, concurrency });
      } finally {
        cleanups.delete(cluster.stop);
        await cluster.stop();
      }
    } else {
      postgres = { store: 'postgres', skipped: 'PostgreSQL binaries not installed' };
    }
    // Other work on the machine shows up in these figures; say how busy it was.
    const machine = { cpus: cpus().length, loadAverage1m: round(loadavg()[0] ?? 0, 2), node: process.version };
    const figures = { sqlite, postgres, machine };
    if (print) console.log(`${formatTable({ sqlite, postgres })}\n(${machine.cpus} CPUs, load average ${machine.loadAverage1m}, Node ${machine.node})`);
    return figures;
  } finally {
    cleanups.delete(removeDir);
    await removeDir();
  }
}

/**
 * @param {'sqlite' | 'postgres'} store
 * @param {{ dbPath?: string, databaseUrl?: string }} target
 * @param {{ durationMs: number, warmupMs: number, concurrency: number }} load
 * @returns {Promise<StoreFigures>}
 */
async function measure(store, target, { durationMs, warmupMs, concurrency }) {
  // No rate limit or per-client cap: the load comes from one address, and the figures are the store's.
  const server = await startLogServer({ port: 0, ...target, rateLimit: false, maxConnectionsPerClient: 4096, onError: () => {} });
  try {
    const cpuBefore = process.cpuUsage();
    const result = await runLoadProcess(server.url, { durationMs, warmupMs, concurrency });
    // The receiver's own CPU per receipt: a figure that other work on the machine does
    // not inflate much, unlike throughput and latency (the database's CPU is not in it).
    const cpu = process.cpuUsage(cpuBefore);
    const stored = await countRows(target);
    return {
      store,
      concurrency,
      seconds: round(result.measuredMs / 1000, 2),
      receipts: result.measured,
      stored,
      acknowledged: result.acknowledged,
      errors: result.errors,
      receiptsPerSecond: Math.round(result.measured / (result.measuredMs / 1000)),
      p50Ms: round(result.p50Ms, 2),
      p99Ms: round(result.p99Ms, 2),
      maxMs: round(result.maxMs, 2),
      receiverCpuMsPerReceipt: round((cpu.user + cpu.system) / 1000 / Math.max(1, result.acknowledged), 3),
    };
  } finally {
    await server.close();
  }
}

/** Rows in the log, read through a separate connection. */
async function countRows(/** @type {{ dbPath?: string, databaseUrl?: string }} */ target) {
  if (target.databaseUrl) {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT count(*) AS n FROM consent_log');
      return Number(rows[0].n);
    } finally {
      await client.end();
    }
  }
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(/** @type {string} */ (target.dbPath), { readonly: true });
  try {
    return Number(/** @type {{ n: number }} */ (db.prepare('SELECT count(*) AS n FROM consent_log').get()).n);
  } finally {
    db.close();
  }
}

/**
 * @typedef {Object} LoadResult
 * @property {number} measured      202s inside the measured window
 * @property {number} measuredMs
 * @property {number} acknowledged  202s in total
 * @property {number} errors
 * @property {number} p50Ms
 * @property {number} p99Ms
 * @property {number} maxMs
 */

/** Run the load generator as a child process and read its JSON report. */
function runLoadProcess(/** @type {string} */ url, /** @type {{ durationMs: number, warmupMs: number, concurrency: number }} */ load) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(import.meta.url), '--load', url, String(load.durationMs), String(load.warmupMs), String(load.concurrency)],
      // The IPC channel lets the child notice when this process is gone (see --load below).
      { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
    );
    let out = '';
    child.stdout?.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load process exited with ${code}`));
      try {
        resolve(/** @type {LoadResult} */ (JSON.parse(out)));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The load generator: `concurrency` loops, each posting one receipt after another. */
async function generateLoad(/** @type {string} */ url, /** @type {number} */ durationMs, /** @type {number} */ warmupMs, /** @type {number} */ concurrency) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL('/consent', url);
  const actions = ['accept-all', 'reject-all', 'custom'];
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + durationMs;
  /** @type {number[]} */
  const latencies = [];
  let acknowledged = 0;
  let errors = 0;
  let n = 0;

  const post = (/** @type {string} */ body) =>
    new Promise((resolve) => {
      const req = http.request(
        target,
        { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });

  const worker = async () => {
    while (performance.now() < stopAt) {
      const body = JSON.stringify({
        id: randomUUID(),
        timestamp: new Date().toISOString(),
        revision: 1,
        categories: { necessary: true, preferences: n % 2 === 0, analytics: n % 3 === 0, marketing: false },
        action: actions[n++ % 3],
        gpc: false,
        language: 'nl',
        url: '/prijzen',
        textHash: 'c0ffee'.padEnd(64, '0'),
      });
      const sentAt = performance.now();
      const status = await post(body);
      const doneAt = performance.now();
      if (status === 202) acknowledged++;
      else errors++;
      if (sentAt >= measureFrom && doneAt <= stopAt && status === 202) latencies.push(doneAt - sentAt);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  /** @type {LoadResult} */
  const result = {
    measured: latencies.length,
    measuredMs: durationMs,
    acknowledged,
    errors,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: latencies.at(-1) ?? 0,
  };
  return result;
}

function round(/** @type {number} */ value, /** @type {number} */ digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A small fixed-width table of the figures. */
export function formatTable(/** @type {Record<string, StoreFigures | SkippedStore>} */ figures) {
  const header = ['store', 'in flight', 'receipts/s', 'p50 ms', 'p99 ms', 'max ms', 'CPU ms/receipt', 'errors', 'stored = 202s'];
  const lines = [header];
  for (const f of Object.values(figures)) {
    if ('skipped' in f) lines.push([f.store, `skipped: ${f.skipped}`, '', '', '', '', '', '', '']);
    else
      lines.push([
        f.store,
        String(f.concurrency),
        String(f.receiptsPerSecond),
        f.p50Ms.toFixed(2),
        f.p99Ms.toFixed(2),
        f.maxMs.toFixed(2),
        f.receiverCpuMsPerReceipt.toFixed(3),
        String(f.errors),
        f.stored === f.acknowledged ? 'yes' : `NO (${f.stored} rows, ${f.acknowledged} acks)`,
      ]);
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  return lines.map((l) => l.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

// Entry points: `node packages/log-service/bench.mjs` measures; `--load` is the second process.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--load') {
    const orphaned = () => process.exit(1); // the measuring process died: stop firing
    process.on('disconnect', orphaned);
    const [url, duration, warmup, concurrency] = args.slice(1);
    const result = await generateLoad(String(url), Number(duration), Number(warmup), Number(concurrency));
    process.off('disconnect', orphaned);
    process.stdout.write(JSON.stringify(result), () => process.disconnect?.());
  } else {
    // Stopped from outside (a timeout, Ctrl-C): do not leave a PostgreSQL cluster running.
    for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
      process.once(signal, () => {
        Promise.allSettled([...cleanups].map((stop) => stop())).finally(() => process.exit(130));
      });
    }
    const option = (/** @type {string} */ name, /** @type {number} */ fallback) => {
      const i = args.indexOf(name);
      return i >= 0 ? Number(args[i + 1]) : fallback;
    };
    const figures = await runLogBench({
      durationMs: option('--duration', 5) * 1000,
      concurrency: option('--concurrency', 32),
      print: !args.includes('--json'),
    });
    if (args.includes('--json')) console.log(JSON.stringify(figures, null, 2));
    else console.log(`\n${JSON.stringify(figures)}`);
  }
}

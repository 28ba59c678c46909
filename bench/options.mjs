// What a bench run is asked to do: environment variables and command-line flags,
// read once, in one place.
//   BENCH_RUNS=9 (default)         page loads per library and scenario
//   BENCH_CPU_RUNS=5               unthrottled runs for the CPU-time columns (BENCH_CPU=0: none)
//   BENCH_THROTTLE=4               CPU slow-down through the DevTools protocol
//   BENCH_RELEASE=0                skip the 1,000-element runs
//   BENCH_LATENCY=0                skip the first visit under simulated latency
//   BENCH_RTT=40 BENCH_MBIT=10     the simulated round trip (ms) and bandwidth (Mbit/s, down and up)
//   BENCH_SERVICE=0                skip the receipts service bench
//   BENCH_ONLY=consentgate,floor   only these libraries (writes results.partial.json)
//   BENCH_SCENARIOS=returning,latency  only these scenarios (ids in scenarios.mjs; partial too)
//   BENCH_VARIANTS=name=/path/to/consentgate.js-or-its-folder,...
//                                  extra rows: the consentgate page with another build, served
//                                  from its own folder at /variants/name/ (a split build brings
//                                  its whole folder), to measure a change before it lands in src/
//   --write-readme                 also regenerate the README's benchmark section (full runs only)
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM_PATH } from '../scripts/chromium.mjs';

const env = process.env;
const positive = (value, fallback) => {
  const n = Number(value ?? fallback);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

const runs = Math.round(positive(env.BENCH_RUNS, 9));

/** @typedef {{ name: string, path: string, isDir: boolean }} Variant */

/** @returns {Variant[]} */
function variants() {
  return (env.BENCH_VARIANTS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).replace(/[^\w-]/g, '');
      const path = resolve(pair.slice(at + 1));
      if (at < 1 || !name) throw new Error(`BENCH_VARIANTS: "${pair}" is not name=/path/to/build`);
      if (!existsSync(path)) throw new Error(`BENCH_VARIANTS: ${name}: no such file or folder: ${path}`);
      return { name, path, isDir: statSync(path).isDirectory() };
    });
}

export const OPTIONS = Object.freeze({
  runs,
  cpuRuns: env.BENCH_CPU === '0' ? 0 : Math.min(runs, Math.round(positive(env.BENCH_CPU_RUNS, 5))),
  throttle: positive(env.BENCH_THROTTLE, 4),
  release: env.BENCH_RELEASE !== '0',
  releaseCount: 1000,
  latency: env.BENCH_LATENCY === '0' ? null : { rttMs: positive(env.BENCH_RTT, 40), mbit: positive(env.BENCH_MBIT, 10) },
  service: env.BENCH_SERVICE !== '0',
  only: env.BENCH_ONLY ? new Set(env.BENCH_ONLY.split(',')) : null,
  scenarios: env.BENCH_SCENARIOS ? new Set(env.BENCH_SCENARIOS.split(',')) : null,
  variants: variants(),
  writeReadme: process.argv.includes('--write-readme'),
  debug: Boolean(env.BENCH_DEBUG),
  chromium: CHROMIUM_PATH,
  viewport: { width: 1280, height: 800 },
});

/** A run that leaves libraries or settings out is partial: it does not overwrite the published results. */
export const PARTIAL = Boolean(OPTIONS.only || OPTIONS.scenarios || OPTIONS.variants.length);

export { CHROMIUM_ARGS } from '../scripts/chromium.mjs';

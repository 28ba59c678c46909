// The page views a run measures. Each scenario is one kind of page load, repeated
// `runs` times per library, libraries taking turns (see run.mjs):
//   first      first visit: no decision stored; banner, click on "Accept all", layout shift, heap
//   release    first visit with 1,000 extra gated elements: click -> the last one has run
//   cpu        first visit without CPU throttle: main-thread CPU time until the banner settled
//   latency    first visit under simulated latency (DevTools protocol), so a file fetched on
//              demand cannot hide behind a 127.0.0.1 round trip: banner visible, bytes
//   returning  the next page view after a decision, in a new context with the cookies and
//              localStorage the decision left: script time, bytes, and that no banner shows
//   returningCpu  the same without CPU throttle: main-thread CPU time
import { OPTIONS } from './options.mjs';

/**
 * @typedef {{
 *   id: string, title: string, runs: number, throttle: number,
 *   visit: 'first' | 'returning', click?: boolean, heap?: boolean, gatedCount?: number,
 *   network?: { rttMs: number, mbit: number }, cpuOnly?: boolean,
 *   applies: (library: any) => boolean, skipped?: string,
 * }} Scenario
 */

const all = () => true;

/** @type {Scenario[]} */
export const SCENARIOS = [
  { id: 'first', title: 'first visit', runs: OPTIONS.runs, throttle: OPTIONS.throttle, visit: 'first', click: true, heap: true, applies: all },
  {
    id: 'release',
    title: `first visit, ${OPTIONS.releaseCount.toLocaleString('en')} gated elements`,
    runs: OPTIONS.release ? OPTIONS.runs : 0,
    throttle: OPTIONS.throttle,
    visit: 'first',
    click: true,
    gatedCount: OPTIONS.releaseCount,
    applies: (library) => Boolean(library.gatedElement),
    skipped: OPTIONS.release ? undefined : 'BENCH_RELEASE=0',
  },
  { id: 'cpu', title: 'first visit, CPU time at 1×', runs: OPTIONS.cpuRuns, throttle: 1, visit: 'first', cpuOnly: true, applies: all, skipped: OPTIONS.cpuRuns ? undefined : 'BENCH_CPU=0' },
  {
    id: 'latency',
    title: OPTIONS.latency ? `first visit, ${OPTIONS.latency.rttMs} ms round trip, ${OPTIONS.latency.mbit} Mbit/s` : 'first visit under latency',
    runs: OPTIONS.latency ? OPTIONS.runs : 0,
    throttle: OPTIONS.throttle,
    visit: 'first',
    network: OPTIONS.latency ?? undefined,
    applies: all,
    skipped: OPTIONS.latency ? undefined : 'BENCH_LATENCY=0',
  },
  { id: 'returning', title: 'returning visitor', runs: OPTIONS.runs, throttle: OPTIONS.throttle, visit: 'returning', applies: all },
  {
    id: 'returningCpu',
    title: 'returning visitor, CPU time at 1×',
    runs: OPTIONS.cpuRuns,
    throttle: 1,
    visit: 'returning',
    cpuOnly: true,
    applies: all,
    skipped: OPTIONS.cpuRuns ? undefined : 'BENCH_CPU=0',
  },
];

// BENCH_SCENARIOS: the others are not run.
if (OPTIONS.scenarios) {
  const unknown = [...OPTIONS.scenarios].filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length) throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (known: ${SCENARIOS.map((s) => s.id).join(', ')})`);
  for (const s of SCENARIOS) {
    if (OPTIONS.scenarios.has(s.id)) continue;
    s.runs = 0;
    s.skipped ??= 'BENCH_SCENARIOS';
  }
}

// The project's speed and size goals, each checked against the medians of the same run.
// A goal that could not be measured (a scenario skipped, a library failed) says so and
// counts as neither holding nor failing.
import { PEERS } from './libraries.mjs';
import { OPTIONS } from './options.mjs';

/** Byte budgets, in bytes of gzip as served (level 9): 6 KiB for the core (aim 5 KiB) and 14.5 KiB for a first visit, the same figures as the size tests in test/unit/dist.test.ts; the "below Orejime and vanilla-cookieconsent" goal is checked apart. */
export const BUDGETS = { coreGzip: 6_144, coreAim: 5_120, firstVisitGzip: 14_848 };

const f = (v, d = 0) => (v == null ? '–' : v.toLocaleString('en', { minimumFractionDigits: d, maximumFractionDigits: d }));
const B = (v) => (v == null ? '–' : `${f(v)} B`);
const ratio = (a, b) => (a != null && b ? `${(a / b).toFixed(2)}×` : '–');

/**
 * @param {any[]} entries  libraries with `summary[scenario][key]` and `runs[scenario]`
 * @returns {{ goal: string, holds: boolean | null, detail: string }[]}
 */
export function goals(entries) {
  const by = Object.fromEntries(entries.map((e) => [e.id, e]));
  const cg = by.consentgate;
  if (!cg || cg.status || !cg.summary) return [{ goal: 'all goals', holds: null, detail: `consentgate ${cg?.status ?? 'not measured'}` }];
  const med = (id, scenario, key) => by[id]?.summary?.[scenario]?.[key]?.median ?? null;
  const peers = PEERS.filter((id) => by[id] && !by[id].status);
  const list = [];
  const add = (goal, holds, detail) => list.push({ goal, holds, detail });
  /** [id, value] of the peer with the lowest median, or null. */
  const bestPeer = (scenario, key) =>
    peers
      .map((id) => [id, med(id, scenario, key)])
      .filter(([, v]) => v != null)
      .reduce((a, b) => (a === null || b[1] < a[1] ? b : a), null);

  // The part of a CPU time the floor page (no library) does not spend too.
  const floorCpu = med('floor', 'returningCpu', 'cpuMs');
  const aboveFloor = (mine, peer) =>
    floorCpu != null && mine != null && peer ? `; above the floor's ${f(floorCpu)} ms: ${f(mine - floorCpu)} ms vs ${f(peer[1] - floorCpu)} ms` : '';

  // Returning visitor: the page view most visitors get.
  const script = med('consentgate', 'returning', 'scriptMs');
  const best = bestPeer('returning', 'scriptMs');
  const cpu = med('consentgate', 'returningCpu', 'cpuMs');
  const bestCpu = bestPeer('returningCpu', 'cpuMs');
  add(
    'returning visitor: main-thread script ≤ 0.75× the best peer (CPU 4×)',
    script != null && best ? script <= 0.75 * best[1] : null,
    `${f(script)} ms vs 0.75 × ${best ? `${best[0]} ${f(best[1])}` : '–'} ms = ${best ? f(0.75 * best[1]) : '–'} ms (${ratio(script, best?.[1])} the best peer); ` +
      `floor ${f(med('floor', 'returning', 'scriptMs'))} ms. Main-thread CPU at 1×: ${f(cpu)} ms vs ${bestCpu ? `${bestCpu[0]} ${f(bestCpu[1])}` : '–'} ms (${ratio(cpu, bestCpu?.[1])})` +
      aboveFloor(cpu, bestCpu),
  );

  // Time to banner, on 127.0.0.1 and under simulated latency.
  for (const [scenario, where] of [
    ['first', 'on 127.0.0.1'],
    ['latency', OPTIONS.latency ? `at ${OPTIONS.latency.rttMs} ms round trip, ${OPTIONS.latency.mbit} Mbit/s` : 'under latency'],
  ]) {
    const vis = med('consentgate', scenario, 'visibleMs');
    const visPeers = peers.map((id) => [id, med(id, scenario, 'visibleMs')]).filter(([, v]) => v != null);
    const fastest = visPeers.reduce((a, b) => (a === null || b[1] < a[1] ? b : a), null);
    add(
      `first visit ${where}: banner visible before every peer`,
      vis != null && fastest ? vis < fastest[1] : null,
      `${f(vis)} ms vs ${visPeers.map(([id, v]) => `${id} ${f(v)}`).join(', ') || '–'}`,
    );
    const floor = med('floor', scenario, 'visibleMs');
    add(
      `first visit ${where}: banner visible ≤ 1.3× the static floor`,
      vis != null && floor != null ? vis <= 1.3 * floor : null,
      `${f(vis)} ms vs 1.3 × ${f(floor)} ms = ${floor == null ? '–' : f(1.3 * floor)} ms (${ratio(vis, floor)} the floor)`,
    );
  }

  // The click. The gated script is reported beside it: consentgate runs released scripts after
  // the frame that hides the banner, by design, so the click paints before any tag runs.
  const gone = cg.summary.first?.hiddenMs;
  add(
    'click → banner gone ≤ 50 ms (CPU 4×)',
    gone ? gone.median <= 50 : null,
    gone
      ? `${f(gone.median)} ms (median; ${f(gone.min)}–${f(gone.max)}); floor ${f(med('floor', 'first', 'hiddenMs'))} ms. ` +
          `Gone and the gated script run: ${f(med('consentgate', 'first', 'clickMs'))} ms (floor ${f(med('floor', 'first', 'clickMs'))} ms)`
      : 'not run',
  );

  // Layout shift, in every first-visit run that measured it.
  const shiftRuns = (id) => ['first', 'latency'].flatMap((s) => by[id]?.runs?.[s] ?? []).filter((r) => r.ok && typeof r.layoutShift === 'number');
  const shifted = (id) => shiftRuns(id).filter((r) => r.layoutShift > 0);
  const mine = shiftRuns('consentgate');
  add(
    'layout shift 0 (first visit, with and without latency)',
    mine.length ? shifted('consentgate').length === 0 : null,
    !mine.length
      ? '–'
      : shifted('consentgate').length === 0
        ? `0 in all ${mine.length} runs`
        : `non-zero in ${shifted('consentgate').length} of ${mine.length} runs (max ${Math.max(...mine.map((r) => r.layoutShift)).toFixed(4)}; moved: ${[
            ...new Set(shifted('consentgate').flatMap((r) => (r.shifts ?? []).flatMap((x) => x.nodes))),
          ].join(', ')}); the floor page: ${shifted('floor').length} of ${shiftRuns('floor').length} runs`,
  );

  // Bytes. The core is the one <script src> the page has; everything else consentgate's
  // first visit loads came from its folder on demand.
  const firstRun = (cg.runs.first ?? []).find((r) => r.ok && r.files);
  const corePath = cg.files[0];
  const libFiles = firstRun ? firstRun.files.filter((x) => (cg.prefixes ?? []).some((p) => x.path.startsWith(p))) : [];
  const core = libFiles.find((x) => x.path === corePath)?.body ?? null;
  add(
    `synchronous core ≤ ${f(BUDGETS.coreGzip / 1024)} KiB gzip (aim ${f(BUDGETS.coreAim / 1024)} KiB)`,
    core != null ? core <= BUDGETS.coreGzip : null,
    `${corePath}: ${B(core)} (budget ${B(BUDGETS.coreGzip)}, aim ${B(BUDGETS.coreAim)})`,
  );
  const total = med('consentgate', 'first', 'libGzip');
  const compare = ['orejime', 'vanilla-cookieconsent'].map((id) => [id, med(id, 'first', 'libGzip')]);
  add(
    `everything a first visit loads ≤ ${f(BUDGETS.firstVisitGzip / 1024, 1)} KiB gzip, and below Orejime and vanilla-cookieconsent`,
    total != null && compare.every(([, v]) => v != null) ? total <= BUDGETS.firstVisitGzip && compare.every(([, v]) => total < v) : null,
    `${B(total)} in ${libFiles.length} file(s): ${libFiles.map((x) => `${x.path.split('/').pop()} ${B(x.body)}`).join(', ') || '–'}; ` +
      `${compare.map(([id, v]) => `${id} ${B(v)}`).join(', ')}`,
  );
  const returning = (cg.runs.returning ?? []).filter((r) => r.ok && r.libPaths);
  const extra = [...new Set(returning.flatMap((r) => r.libPaths.filter((p) => p !== corePath)))];
  add(
    'a returning visit loads only the core',
    returning.length ? extra.length === 0 && returning.every((r) => r.libPaths.includes(corePath)) : null,
    returning.length
      ? extra.length
        ? `also loaded: ${extra.join(', ')} (${B(med('consentgate', 'returning', 'libGzip'))} in all)`
        : `${corePath} only, ${B(med('consentgate', 'returning', 'libGzip'))}, in all ${returning.length} runs`
      : '–',
  );

  // Kept from the goals the bench was first built for.
  const rel = cg.summary.release?.releaseMs;
  add(
    `releasing ${OPTIONS.releaseCount.toLocaleString('en')} gated elements ≤ 100 ms (CPU 4×; an earlier goal)`,
    rel ? rel.median <= 100 : null,
    rel
      ? `${f(rel.median)} ms (median; ${f(rel.min)}–${f(rel.max)}); the floor's ten-line loop over the same elements takes ${f(med('floor', 'release', 'releaseMs'))} ms`
      : 'not run',
  );
  return list;
}

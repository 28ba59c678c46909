// From a run's entries to Markdown: the three tables (first visit, first visit under
// latency, returning visitor), the ratios, the goals, and the text that explains them.
// bench/RESULTS.md gets all of it; the README's benchmark section (between
// `<!-- bench -->` and `<!-- /bench -->`) gets the tables and goals.
import { readFileSync, writeFileSync } from 'node:fs';
import { OPTIONS } from './options.mjs';
import { PEERS } from './libraries.mjs';

const N = OPTIONS.releaseCount.toLocaleString('en');
const latencyTitle = OPTIONS.latency ? `${OPTIONS.latency.rttMs} ms RTT` : 'latency';

/**
 * A column: a median (min–max) of `key` in `scenario`, or a computed `value(entry, entries)`.
 * `single`: one figure (the same in every run, e.g. bytes).
 */
const col = (scenario, key, title, unit, opts = {}) => ({ scenario, key, title, unit, digits: 0, ...opts });
const kB = { scale: 1 / 1000, digits: 1, single: true };

const FIRST = [
  col('first', 'libGzip', 'library gzip', 'kB', kB),
  col('first', 'libTransfer', 'library transfer', 'kB', kB),
  col('first', 'bytesTotal', 'all transferred', 'kB', kB),
  col('first', 'visibleMs', 'Accept visible', 'ms'),
  col('first', 'scriptMs', 'script', 'ms'),
  col('first', 'taskMs', 'tasks', 'ms'),
  col('cpu', 'cpuMs', 'main-thread CPU at 1×', 'ms'),
  col('first', 'heapUsed', 'JS heap', 'MB', { scale: 1 / 1e6, digits: 2 }),
  col('first', 'layoutShift', 'layout shift', '', { digits: 3 }),
  col('first', 'hiddenMs', 'click → banner gone', 'ms'),
  col('first', 'clickMs', 'click → gone + run', 'ms'),
  col('release', 'releaseMs', `release ${N}`, 'ms'),
];

const floorRatio = (scenario) => ({
  title: '÷ floor',
  value: (e, by) => {
    const mine = e.summary?.[scenario]?.visibleMs?.median;
    const floor = by.floor?.summary?.[scenario]?.visibleMs?.median;
    return mine != null && floor ? `${(mine / floor).toFixed(2)}×` : '–';
  },
});

const LATENCY = [
  col('first', 'visibleMs', 'Accept visible, 127.0.0.1', 'ms'),
  floorRatio('first'),
  col('latency', 'visibleMs', `Accept visible, ${latencyTitle}`, 'ms'),
  floorRatio('latency'),
  col('latency', 'loadMs', `load event, ${latencyTitle}`, 'ms'),
  col('latency', 'libFiles', 'library files', '', { single: true }),
  col('latency', 'libGzip', 'library gzip', 'kB', kB),
  col('latency', 'layoutShift', 'layout shift', '', { digits: 3 }),
];

const RETURNING = [
  col('returning', 'scriptMs', 'script', 'ms'),
  col('returning', 'taskMs', 'tasks', 'ms'),
  col('returningCpu', 'cpuMs', 'main-thread CPU at 1×', 'ms'),
  col('returning', 'libFiles', 'library files', '', { single: true }),
  col('returning', 'libGzip', 'library gzip', 'kB', kB),
  col('returning', 'libTransfer', 'library transfer', 'kB', kB),
  col('returning', 'gatedRanAtMs', 'gated script ran', 'ms'),
  {
    title: 'banner shown',
    value: (e) => {
      const runs = [...(e.runs.returning ?? []), ...(e.runs.returningCpu ?? [])].filter((r) => typeof r.bannerShown === 'boolean');
      if (!runs.length) return '–';
      const shown = runs.filter((r) => r.bannerShown).length;
      return shown ? `**yes**, ${shown} of ${runs.length} runs` : `no (${runs.length} runs)`;
    },
  },
];

/** The columns of the ratio table: the figures the goals read, from all three tables. */
const RATIOS = [
  col('first', 'libGzip', 'first visit: library gzip', ''),
  col('first', 'visibleMs', 'first visit: Accept visible', ''),
  col('latency', 'visibleMs', `Accept visible, ${latencyTitle}`, ''),
  col('first', 'scriptMs', 'first visit: script', ''),
  col('cpu', 'cpuMs', 'first visit: CPU at 1×', ''),
  col('first', 'hiddenMs', 'click → banner gone', ''),
  col('returning', 'scriptMs', 'returning: script', ''),
  col('returningCpu', 'cpuMs', 'returning: CPU at 1×', ''),
  col('returning', 'libGzip', 'returning: library gzip', ''),
];

const num = (v, c) => (v * (c.scale ?? 1)).toFixed(c.digits);
const heading = (c) => `${c.title}${c.unit ? ` (${c.unit})` : ''}`;

function cellOf(e, c, by) {
  if (c.value) return c.value(e, by);
  const runs = e.runs[c.scenario] ?? [];
  if (!runs.length) return e.skipped?.[c.scenario] ?? 'not run';
  const s = e.summary?.[c.scenario]?.[c.key];
  if (!s) return 'failed';
  if (c.single || s.min === s.max) return num(s.median, c);
  return `${num(s.median, c)} (${num(s.min, c)}–${num(s.max, c)})`;
}

function table(entries, columns, firstHeading = 'library') {
  const by = Object.fromEntries(entries.map((e) => [e.id, e]));
  const head = `| ${firstHeading} | ${columns.map(heading).join(' | ')} |`;
  const rule = `|---|${columns.map(() => '---:').join('|')}|`;
  const rows = entries.map((e) => {
    const cells = e.status ? columns.map((_, i) => (i ? '' : e.status)) : columns.map((c) => cellOf(e, c, by));
    return `| ${e.label} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

function ratioTable(entries) {
  const cg = entries.find((e) => e.id === 'consentgate');
  if (!cg?.summary) return null;
  const rows = entries
    .filter((e) => e.id !== 'consentgate' && !e.status)
    .map((e) => {
      const cells = RATIOS.map((c) => {
        const mine = cg.summary[c.scenario]?.[c.key]?.median;
        const theirs = e.summary?.[c.scenario]?.[c.key]?.median;
        if (e.skipped?.[c.scenario]) return e.skipped[c.scenario];
        if (mine == null || theirs == null) return '–';
        if (mine === 0) return theirs === 0 ? 'equal' : '∞';
        return `${(theirs / mine).toFixed(2)}×`;
      });
      return `| ${e.label} | ${cells.join(' | ')} |`;
    });
  return [`| library ÷ consentgate | ${RATIOS.map((c) => c.title).join(' | ')} |`, `|---|${RATIOS.map(() => '---:').join('|')}|`, ...rows].join('\n');
}

const goalLine = (g) => `- ${g.holds === true ? '✅ holds' : g.holds === false ? '❌ does not hold' : '– not measured'}: ${g.goal} — ${g.detail}`;

/** The parts both RESULTS.md and the README show. */
function core({ entries, goals, machine, settings, date, durationS }) {
  const latency = settings.latency;
  const ratios = ratioTable(entries);
  return [
    `Measured ${date.slice(0, 16).replace('T', ' ')} UTC on ${machine.cpu}, ${machine.cores} cores, ${machine.os}; Node ${machine.node}, Chromium ${machine.chromium} headless, playwright-core ${machine.playwright}; the run took ${Math.round(durationS / 60)} min.`,
    `CPU throttled ${settings.cpuThrottle}× (DevTools protocol) unless a column says 1×; ${settings.runs} runs per library and scenario (${settings.cpuRuns} for the 1× columns), a fresh browser context per page view, libraries taking turns; median (min–max).`,
    `**Shared machine**: other work ran at the same time (load average ${machine.loadAverageBefore.join(' / ')} before, ${machine.loadAverageAfter.join(' / ')} after), so absolute times carry noise; compare libraries within this run, and read the CPU-at-1× columns as the steadiest.`,
    '',
    '**First visit** (no decision stored; served from 127.0.0.1):',
    '',
    table(entries, FIRST),
    '',
    latency
      ? `**First visit under simulated latency** (${latency.rttMs} ms round trip, ${latency.mbit} Mbit/s down and up, through \`Network.emulateNetworkConditions\`; CPU ${settings.cpuThrottle}×), beside the same figure on 127.0.0.1:`
      : '**First visit under simulated latency**: not run (BENCH_LATENCY=0).',
    '',
    table(entries, LATENCY),
    '',
    '**Returning visitor** (decided on an earlier page view by clicking the library\'s own "Accept all"; the next page view in a new browser context with the cookies and localStorage that click left, and an empty HTTP cache):',
    '',
    table(entries, RETURNING),
    '',
    ratios ? `Ratio to consentgate (medians; above 1 means consentgate is smaller or faster):\n\n${ratios}\n` : '',
    '**Goals**, checked against the medians above:',
    '',
    ...goals.map(goalLine),
  ].join('\n');
}

const SETUPS = [
  '**Setups** (bench/pages/): the same page content for all; three categories (necessary, analytics, marketing) where the library has categories; buttons labelled "Accept all" / "Reject all" through each library\'s own texts; one gated script in the library\'s own markup that counts itself.',
  '- consentgate: `#consentgate-config` JSON block + `<script src="/dist/consentgate.js">` in `<head>`; the whole `dist/` folder is served at `/dist/`, so files the drop-in fetches from its own folder load as on a site and count as its bytes; `<script type="text/plain" data-category="analytics">`.',
  '- vanilla-cookieconsent: UMD + CSS, `CookieConsent.run()` at the end of `<body>`, bar layout, `hideFromBots: false`, `<script type="text/plain" data-category="analytics">`.',
  '- klaro: `klaroConfig` + `klaro.js` (CSS inside) with `defer`, three services with one purpose each, `<script type="text/plain" data-type="text/javascript" data-name>`.',
  '- tarteaucitron.js: `tarteaucitron.min.js` + English texts, `useExternalJs: true` (the 197 kB services catalogue is not loaded; our two services are defined inline), bottom banner, category grouping; the gated script is a service `js()` callback, its only gating mechanism for own code. Its banner appears only after the `load` event, by design.',
  '- cookieconsent (Osano): opt-in type, bottom banner, one yes/no choice (no categories); the gated script runs from `onStatusChange` (and `onInitialise` on a returning visit), as its docs show. Its banner fades out over about a second, which the *click → gone* column counts.',
  '- Orejime: `window.orejimeConfig` + `orejime-standard-en.js` (with `defer`: it starts on `DOMContentLoaded` either way) + `orejime-standard.css`, three purposes (necessary mandatory), banner texts overridden through `translations`; gated markup is `<template data-purpose="analytics"><script>…</script></template>`, as its README describes.',
  '- floor: a static banner in the HTML with two buttons and a short inline script (no library) that hides it, turns `text/plain` scripts into real ones on accept and keeps the choice in a cookie, so its returning page view applies the choice without a banner.',
];

function explanations(settings) {
  const cpu = settings.cpuRuns;
  return [
    'Columns: *library gzip* — the bodies (gzip, as served at level 9) of every response whose file comes from the library\'s folder (`/dist/` for consentgate: the drop-in and anything it fetched, at start-up or on demand, in that page view); *library transfer* — the same with response headers; *all transferred* — every response, bodies plus headers, page included; *library files* — how many such responses;',
    '*Accept visible* — navigation start to the first frame that shows a visible "Accept all" button (document or open shadow root); *load event* — navigation start to the end of `load`;',
    '*script*, *tasks* — main-thread ScriptDuration and TaskDuration (wall time, so throttled) from `Performance.getMetrics`; on a first visit until the banner has settled (no request for 200 ms, the button\'s box unchanged for three frames), on a returning visit until after `load`, the gated script having run, no request for 200 ms and two more frames;',
    `*main-thread CPU at 1×* — ThreadTime from \`Performance.getMetrics\` at the same point, in ${cpu} extra runs without throttle: other processes do not stretch it, so it is the steadiest column on a shared machine (under the throttle Chromium's pauses count as thread time, so it is not taken there);`,
    '*JS heap* — used heap after a forced GC; *layout shift* — sum of layout-shift entries before the click;',
    `*click → banner gone* — the click's event time to the first frame without the Accept button; *click → gone + run* — to the later of that frame and the gated script having run (consentgate runs released scripts only after the frame that hides the banner, so the click paints first); *release ${N}* — same page with ${N} extra gated scripts, click to the last one run (n/a: the library has no markup for gating page elements);`,
    '*gated script ran* — navigation start to the moment the page\'s one gated script ran on the returning visit (the stored decision applied); *banner shown* — whether a visible "Accept all" button was on the returning page when it was measured (the run fails if so).',
  ].join('\n');
}

/** RESULTS.md: everything, with the setups, the stored decisions and failures. */
export function resultsMarkdown(run, serviceText) {
  const { entries, settings } = run;
  const decisions = entries
    .filter((e) => e.decision)
    .map((e) => `- ${e.label}: ${e.decision.error ? `could not decide (${e.decision.error})` : e.decision.stored.join(', ')}`);
  const failures = entries
    .filter((e) => e.failures?.length)
    .map((e) => `- ${e.label}: ${e.failures.length} failed run(s): ${[...new Set(e.failures)].join('; ')}`);
  return [
    '# Bench results',
    '',
    core(run),
    '',
    explanations(settings),
    '',
    ...SETUPS,
    '',
    decisions.length ? `**What the decision stored** (carried over to the returning page view):\n\n${decisions.join('\n')}\n` : '',
    failures.length ? `**Failed runs**\n\n${failures.join('\n')}\n` : '',
    serviceText ? `**Receipts service** (packages/log-service/bench.mjs)\n\n${serviceText}\n` : '',
  ].join('\n');
}

/** The README's benchmark section, between its markers. */
export function readmeSection(run) {
  const peers = run.entries.filter((e) => PEERS.includes(e.id)).map((e) => e.label);
  return [
    wrap(
      `\`npm run bench\` builds consentgate and measures it side by side with ${peers.slice(0, -1).join(', ')} and ${peers.at(-1)}, and a static HTML banner with no library (the floor), each on the same page with an equivalent setup, served gzip from 127.0.0.1 to headless Chromium: a first visit, the same under simulated latency, and a returning visitor's next page view. It writes \`bench/results.json\` and \`bench/RESULTS.md\` (which explains every column and setup) and, with \`npm run bench -- --write-readme\`, this section; \`BENCH_RUNS\`, \`BENCH_ONLY\`, \`BENCH_SCENARIOS\` and the others in \`bench/options.mjs\` narrow a run. \`node bench/profile.mjs\` shows where start-up time goes and \`node bench/sizes.mjs\` where the bytes go. The latest run:`,
    ),
    '',
    core(run),
    '',
    'Columns and setups: `bench/RESULTS.md`.',
  ].join('\n');
}

/** Wraps prose at 110 characters, as the rest of the README is, never inside a `code span`. */
function wrap(text, width = 110) {
  const lines = [];
  let line = '';
  const KEEP = '\u0000';
  const words = text.replace(/`[^`]*`/g, (span) => span.replaceAll(' ', KEEP)).split(' ').map((w) => w.replaceAll(KEEP, ' '));
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join('\n');
}

export const README_START = '<!-- bench -->';
export const README_END = '<!-- /bench -->';

/** Replaces the text between the README's bench markers; throws when they are missing. */
export function writeReadme(file, section) {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`${file}: no ${README_START} … ${README_END} markers around the benchmark section`);
  writeFileSync(file, `${text.slice(0, start + README_START.length)}\n${section}\n${text.slice(end)}`);
}

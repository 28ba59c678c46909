// Medians with min–max over the runs of one library in one scenario.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** median, min, max and count of `key` over the successful runs, or null when none has it. */
export const stat = (runs, key) => {
  const xs = runs.filter((r) => r.ok && typeof r[key] === 'number' && Number.isFinite(r[key])).map((r) => r[key]);
  return xs.length ? { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length } : null;
};

/** Every numeric field of a scenario's runs, summarised: { [scenarioId]: { [key]: stat } }. */
export function summarise(runsByScenario) {
  const summary = {};
  for (const [id, runs] of Object.entries(runsByScenario)) {
    const keys = new Set(runs.flatMap((r) => Object.keys(r).filter((k) => typeof r[k] === 'number')));
    summary[id] = Object.fromEntries([...keys].map((k) => [k, stat(runs, k)]));
  }
  return summary;
}

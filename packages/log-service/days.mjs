// @ts-check
// Calendar days (UTC, YYYY-MM-DD) and the per-day stats both stores return.

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Decisions and first-layer displays on one UTC day (server clock). A consent id counts
 * once per day, with its last decision of that day.
 * @typedef {Object} DayStats
 * @property {string} day       YYYY-MM-DD
 * @property {number} shown     times the first layer was shown
 * @property {number} accept
 * @property {number} reject
 * @property {number} custom
 * @property {number} noChoice  shown − decided, never below 0
 */

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(/** @type {string} */ value) {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The day after a YYYY-MM-DD day, as YYYY-MM-DD. */
export function nextDay(/** @type {string} */ day) {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Fold counts per day and action, and displays per day, into DayStats, days ascending.
 * @param {Array<{ day: string, action: string, n: number | string }>} decisions
 * @param {Array<{ day: string, n: number | string }>} shown
 * @returns {DayStats[]}
 */
export function toDayStats(decisions, shown) {
  /** @type {Map<string, DayStats>} */
  const days = new Map();
  const at = (/** @type {string} */ day) => {
    let entry = days.get(day);
    if (!entry) days.set(day, (entry = { day, shown: 0, accept: 0, reject: 0, custom: 0, noChoice: 0 }));
    return entry;
  };
  for (const row of shown) at(row.day).shown += Number(row.n);
  for (const row of decisions) {
    const day = at(row.day);
    const n = Number(row.n);
    if (row.action === 'accept-all') day.accept += n;
    else if (row.action === 'reject-all') day.reject += n;
    else if (row.action === 'custom') day.custom += n;
  }
  for (const day of days.values()) day.noChoice = Math.max(0, day.shown - day.accept - day.reject - day.custom);
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

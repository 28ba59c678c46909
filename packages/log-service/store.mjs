// @ts-check
// The one small interface the HTTP layer talks to. Two implementations:
// SQLite (embedded default, one machine) and PostgreSQL (many receivers, one database).

/**
 * One stored receipt as GET /consent/:id returns it.
 * @typedef {Object} StoredReceipt
 * @property {string} timestamp    the browser's decision time, as sent
 * @property {string} receivedAt   the server's time of storage, ISO 8601 UTC
 * @property {number} revision
 * @property {Record<string, boolean>} categories
 * @property {'accept-all' | 'reject-all' | 'custom'} action
 * @property {boolean} gpc
 * @property {string} language
 * @property {string} url
 * @property {string} textHash
 */

/**
 * Decisions received on one UTC day.
 * @typedef {{ day: string, accept: number, reject: number, custom: number }} DayStats
 */

/**
 * @typedef {Object} ConsentStore
 * @property {'sqlite' | 'postgres'} kind
 * @property {(receipt: import('consentgate-contract').Receipt, receivedAt: Date) => Promise<void>} insert
 *   resolves only once the row is committed
 * @property {(id: string) => Promise<StoredReceipt[]>} history  oldest first
 * @property {(id: string) => Promise<number>} erase  rows removed
 * @property {(range: { from?: string, to?: string }) => Promise<DayStats[]>} stats  days as YYYY-MM-DD, inclusive
 * @property {(cutoff: Date) => Promise<number>} purge  removes rows received before cutoff
 * @property {() => Promise<void>} maintain  periodic upkeep (partitions ahead of time)
 * @property {() => Promise<void>} ping
 * @property {() => Promise<void>} close
 */

/**
 * Open the store the options name: PostgreSQL when databaseUrl is set, else SQLite at dbPath.
 * Migrations are applied before this resolves.
 * @param {{ dbPath?: string, databaseUrl?: string }} options
 * @returns {Promise<ConsentStore>}
 */
export async function openStore({ dbPath, databaseUrl }) {
  if (databaseUrl) {
    const { openPostgresStore } = await import('./postgres-store.mjs');
    return openPostgresStore(databaseUrl);
  }
  const { openSqliteStore } = await import('./sqlite-store.mjs');
  return openSqliteStore(dbPath ?? 'data/consent.sqlite');
}

/** Count rows per day and action into DayStats, days ascending. */
export function toDayStats(/** @type {Array<{ day: string, action: string, n: number | string }>} */ rows) {
  /** @type {Map<string, DayStats>} */
  const days = new Map();
  for (const row of rows) {
    let day = days.get(row.day);
    if (!day) days.set(row.day, (day = { day: row.day, accept: 0, reject: 0, custom: 0 }));
    const n = Number(row.n);
    if (row.action === 'accept-all') day.accept += n;
    else if (row.action === 'reject-all') day.reject += n;
    else if (row.action === 'custom') day.custom += n;
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

/** The day after a YYYY-MM-DD day, as YYYY-MM-DD. */
export function nextDay(/** @type {string} */ day) {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

// @ts-check
// The one small interface the HTTP layer talks to. Two implementations:
// SQLite (embedded default, one machine) and PostgreSQL (many receivers, one database).
// This file only opens them; they share helpers through days.mjs and chain.mjs, never
// through this file, so there is no import circle.

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
 * What became of a receipt: stored; refused because this consent id already has a receipt
 * at least as new (a receipt may not rewrite a newer decision); or the same receipt again
 * (a retry), kept once.
 * @typedef {'stored' | 'stale' | 'duplicate'} InsertOutcome
 */

/** @typedef {import('./days.mjs').DayStats} DayStats */
/** @typedef {import('./chain.mjs').LogRow} LogRow */
/** @typedef {import('./chain.mjs').VerifyResult} VerifyResult */

/**
 * @typedef {Object} ConsentStore
 * @property {'sqlite' | 'postgres'} kind
 * @property {(receipt: import('consentgate-contract').Receipt, receivedAt: Date) => Promise<InsertOutcome>} insert
 *   resolves only once the row is committed
 * @property {(id: string) => Promise<StoredReceipt[]>} history  oldest first; erased receipts are gone
 * @property {(id: string, erasedAt: Date) => Promise<number>} erase  receipts turned into tombstones
 * @property {(range: { from?: string, to?: string }) => Promise<DayStats[]>} stats  days as YYYY-MM-DD, inclusive
 * @property {(day: string, revision: number, language: string) => void} countShown
 *   adds one display; counts are written within a second (a crash may lose that second's counts)
 * @property {(hash: string, body: string) => Promise<'created' | 'exists'>} putText  hash already checked
 * @property {(hash: string) => Promise<string | null>} getText
 * @property {() => Promise<VerifyResult>} verify  reads every row in one snapshot
 * @property {(range: { from: string, to: string }) => AsyncIterable<LogRow[]>} exportRows
 *   rows received on those days (inclusive), in (received_at, seq) order, in batches
 * @property {(cutoff: Date) => Promise<number>} purge  removes rows received before cutoff
 * @property {() => Promise<void>} maintain  periodic upkeep (partitions ahead of time)
 * @property {() => Promise<void>} ping
 * @property {() => Promise<void>} close
 */

/**
 * Open the store the options name: PostgreSQL when databaseUrl is set, else SQLite at dbPath.
 * Migrations are applied, and rows from before the hash chain sealed, before this resolves.
 * @param {{ dbPath?: string, databaseUrl?: string, chainKey?: string }} options
 * @returns {Promise<ConsentStore>}
 */
export async function openStore({ dbPath, databaseUrl, chainKey }) {
  if (databaseUrl) {
    const { openPostgresStore } = await import('./postgres-store.mjs');
    return openPostgresStore(databaseUrl, { chainKey });
  }
  const { openSqliteStore } = await import('./sqlite-store.mjs');
  return openSqliteStore(dbPath ?? 'data/consent.sqlite', { chainKey });
}

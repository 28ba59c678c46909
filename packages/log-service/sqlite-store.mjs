// @ts-check
// The embedded store: one SQLite file through better-sqlite3 (synchronous, in-process).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { listMigrations } from './migrations.mjs';
import { nextDay, toDayStats } from './store.mjs';

const PURGE_CHUNK = 5000;

/**
 * Open (and create on first start) the SQLite log at path.
 * @param {string} path
 * @returns {import('./store.mjs').ConsentStore}
 */
export function openSqliteStore(path) {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  // WAL: readers never block the writer, and a commit is one append to the WAL.
  db.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL survives a crash of this process but may lose
  // the last commits on power loss or an OS crash. A 202 promises the proof is stored,
  // so every commit is fsynced; group commit (below) spreads that cost over a batch.
  db.pragma('synchronous = FULL');
  // Several receivers may share one file; wait for the write lock instead of failing.
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insertRow = db.prepare(
    `INSERT INTO consent_log (consent_id, received_at, decided_at, revision, action, categories, gpc, language, url, text_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBatch = db.transaction((/** @type {unknown[][]} */ rows) => {
    for (const row of rows) insertRow.run(...row);
  });
  const selectHistory = db.prepare(
    `SELECT decided_at, received_at, revision, action, categories, gpc, language, url, text_hash
     FROM consent_log WHERE consent_id = ? ORDER BY seq`,
  );
  const deleteById = db.prepare('DELETE FROM consent_log WHERE consent_id = ?');
  const selectStats = db.prepare(
    `SELECT substr(received_at, 1, 10) AS day, action, count(*) AS n FROM consent_log
     WHERE received_at >= ? AND received_at < ? GROUP BY day, action`,
  );
  const purgeChunk = db.prepare(
    `DELETE FROM consent_log WHERE seq IN (SELECT seq FROM consent_log WHERE received_at < ? LIMIT ${PURGE_CHUNK})`,
  );
  const selectOne = db.prepare('SELECT 1');

  // Group commit: receipts that arrive in the same turn of the event loop share one
  // transaction and one fsync; each caller's promise settles after that commit.
  /** @type {Array<{ row: unknown[], resolve: () => void, reject: (e: unknown) => void }>} */
  let queue = [];
  let scheduled = false;
  function flush() {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      insertBatch(batch.map((item) => item.row));
      for (const item of batch) item.resolve();
    } catch {
      // One refused row must not sink the rest: fall back to one commit each.
      for (const item of batch) {
        try {
          insertRow.run(...item.row);
          item.resolve();
        } catch (error) {
          item.reject(error);
        }
      }
    }
  }

  return {
    kind: 'sqlite',
    insert(receipt, receivedAt) {
      return new Promise((resolveInsert, rejectInsert) => {
        queue.push({
          row: [
            receipt.id,
            receivedAt.toISOString(),
            receipt.timestamp,
            receipt.revision,
            receipt.action,
            JSON.stringify(receipt.categories),
            receipt.gpc ? 1 : 0,
            receipt.language,
            receipt.url,
            receipt.textHash,
          ],
          resolve: resolveInsert,
          reject: rejectInsert,
        });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
    async history(id) {
      return selectHistory.all(id).map((/** @type {any} */ r) => ({
        timestamp: r.decided_at,
        receivedAt: r.received_at,
        revision: r.revision,
        categories: JSON.parse(r.categories),
        action: r.action,
        gpc: r.gpc === 1,
        language: r.language,
        url: r.url,
        textHash: r.text_hash,
      }));
    },
    async erase(id) {
      return deleteById.run(id).changes;
    },
    async stats({ from, to }) {
      const lower = from ?? '0000-01-01';
      const upper = to ? nextDay(to) : '9999-12-31';
      return toDayStats(/** @type {any[]} */ (selectStats.all(lower, upper)));
    },
    async purge(cutoff) {
      let total = 0;
      for (;;) {
        const { changes } = purgeChunk.run(cutoff.toISOString());
        total += changes;
        if (changes < PURGE_CHUNK) return total;
        // Let requests in between chunks: a large first purge must not stall the service.
        await new Promise((r) => setImmediate(r));
      }
    },
    async maintain() {},
    async ping() {
      selectOne.get();
    },
    async close() {
      flush();
      db.close();
    },
  };
}

/** @param {import('better-sqlite3').Database} db */
function migrate(db) {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applyPending = db.transaction(() => {
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all());
    for (const migration of listMigrations('sqlite')) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  // IMMEDIATE takes the write lock first, so two receivers starting together do not race.
  applyPending.immediate();
}

// @ts-check
// The embedded store: one SQLite file through better-sqlite3 (synchronous, in-process).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { chainBatch, chainHasher, chainVerifier, toLogRow } from './chain.mjs';
import { nextDay, toDayStats } from './days.mjs';
import { listMigrations } from './migrations.mjs';

const PURGE_CHUNK = 5000;
const READ_BATCH = 1000;
const COLUMNS = `seq, received_at, consent_id, decided_at, revision, action, categories, gpc, language, url, text_hash,
  content_hash, prev_hash, prev_received_at, chain_hash, erased_at, erasure_hash`;

/**
 * Open (and create on first start) the SQLite log at path.
 * @param {string} path
 * @param {{ chainKey?: string }} [options]
 * @returns {import('./store.mjs').ConsentStore}
 */
export function openSqliteStore(path, { chainKey } = {}) {
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
  const hasher = chainHasher(chainKey);

  const readHead = db.prepare('SELECT head_seq AS seq, head_hash AS hash, head_received_at AS receivedAt FROM consent_chain WHERE id = 1');
  const writeHead = db.prepare('UPDATE consent_chain SET head_seq = ?, head_hash = ?, head_received_at = ? WHERE id = 1');
  const maxSeq = db.prepare('SELECT coalesce(max(seq), 0) AS n FROM consent_log').pluck();
  const latestOf = db.prepare(
    'SELECT decided_at AS decidedAt, content_hash AS contentHash FROM consent_log WHERE consent_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const insertRow = db.prepare(
    `INSERT INTO consent_log (seq, received_at, consent_id, decided_at, revision, action, categories, gpc, language, url, text_hash,
       content_hash, prev_hash, prev_received_at, chain_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  /** Chain and store one batch: one transaction, one fsync. Outcomes in batch order. */
  const writeBatch = db.transaction((/** @type {Array<{ receipt: import('consentgate-contract').Receipt, receivedAt: Date }>} */ batch) => {
    const head = /** @type {import('./chain.mjs').Head} */ (readHead.get());
    /** @type {Map<string, { decidedAt: string, contentHash: string | null }>} */
    const latest = new Map();
    for (const { receipt } of batch) {
      if (latest.has(receipt.id)) continue;
      const row = /** @type {{ decidedAt: string, contentHash: string | null } | undefined} */ (latestOf.get(receipt.id));
      if (row) latest.set(receipt.id, row);
    }
    // max(seq), not head + 1: a row written past the service must not collide.
    let seq = Math.max(head.seq, /** @type {number} */ (maxSeq.get()));
    const result = chainBatch(hasher, head, batch, latest, () => ++seq);
    for (const r of result.rows) {
      insertRow.run(r.seq, r.receivedAt, r.consentId, r.decidedAt, r.revision, r.action, r.categories, r.gpc ? 1 : 0, r.language, r.url, r.textHash,
        r.contentHash, r.prevHash, r.prevReceivedAt, r.chainHash);
    }
    if (result.rows.length > 0) writeHead.run(result.head.seq, result.head.hash, result.head.receivedAt);
    return result.outcomes;
  });
  sealLegacyRows(db, hasher);

  const selectHistory = db.prepare(
    `SELECT decided_at, received_at, revision, action, categories, gpc, language, url, text_hash
     FROM consent_log WHERE consent_id = ? ORDER BY seq`,
  );
  const selectToErase = db.prepare('SELECT seq, chain_hash AS chainHash FROM consent_log WHERE consent_id = ?');
  const tombstone = db.prepare(
    `UPDATE consent_log SET consent_id = NULL, decided_at = NULL, revision = NULL, action = NULL, categories = NULL, gpc = NULL,
       language = NULL, url = NULL, text_hash = NULL, erased_at = ?, erasure_hash = ? WHERE seq = ?`,
  );
  const erase = db.transaction((/** @type {string} */ id, /** @type {string} */ erasedAt) => {
    const rows = /** @type {Array<{ seq: number, chainHash: string | null }>} */ (selectToErase.all(id));
    for (const row of rows) tombstone.run(erasedAt, row.chainHash === null ? null : hasher.erasure(row.chainHash, erasedAt), row.seq);
    return rows.length;
  });
  // A consent id counts once per day, with its last decision that day.
  const selectStats = db.prepare(
    `SELECT day, action, count(*) AS n FROM (
       SELECT substr(received_at, 1, 10) AS day, action,
              row_number() OVER (PARTITION BY substr(received_at, 1, 10), consent_id ORDER BY seq DESC) AS nth
       FROM consent_log WHERE received_at >= ? AND received_at < ? AND erased_at IS NULL)
     WHERE nth = 1 GROUP BY day, action`,
  );
  const selectShown = db.prepare('SELECT day, sum(shown) AS n FROM consent_shown WHERE day >= ? AND day < ? GROUP BY day');
  const addShown = db.prepare(
    `INSERT INTO consent_shown (day, revision, language, shown) VALUES (?, ?, ?, ?)
     ON CONFLICT (day, revision, language) DO UPDATE SET shown = shown + excluded.shown`,
  );
  const lastBefore = db.prepare('SELECT max(seq) FROM consent_log WHERE received_at < ?').pluck();
  const purgeChunk = db.prepare(
    `DELETE FROM consent_log WHERE seq IN (SELECT seq FROM consent_log WHERE received_at < ? LIMIT ${PURGE_CHUNK})`,
  );
  const setPurgedBefore = db.prepare('UPDATE consent_chain SET purged_before = max(purged_before, ?) WHERE id = 1');
  const purgeStep = db.transaction((/** @type {string} */ cutoff) => {
    // The cutoff is recorded with the deletion: verify then knows these gaps are retention.
    setPurgedBefore.run(cutoff);
    return purgeChunk.run(cutoff).changes;
  });
  const insertText = db.prepare('INSERT INTO consent_text (hash, body, stored_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING');
  const selectText = db.prepare('SELECT body FROM consent_text WHERE hash = ?').pluck();
  const readChain = db.prepare(
    `SELECT head_seq AS headSeq, head_hash AS headHash, head_received_at AS headReceivedAt, purged_before AS purgedBefore
     FROM consent_chain WHERE id = 1`,
  );
  const chainPage = db.prepare(`SELECT ${COLUMNS} FROM consent_log WHERE seq > ? ORDER BY seq LIMIT ${READ_BATCH}`);
  const exportPage = db.prepare(
    `SELECT ${COLUMNS} FROM consent_log WHERE received_at < ? AND (received_at > ? OR (received_at = ? AND seq > ?))
     ORDER BY received_at, seq LIMIT ${READ_BATCH}`,
  );
  const selectOne = db.prepare('SELECT 1');

  // Group commit: receipts that arrive in the same turn of the event loop share one
  // transaction and one fsync; each caller's promise settles after that commit.
  /** @type {Array<{ item: { receipt: import('consentgate-contract').Receipt, receivedAt: Date }, resolve: (o: import('./store.mjs').InsertOutcome) => void, reject: (e: unknown) => void }>} */
  let queue = [];
  let scheduled = false;
  function flush() {
    scheduled = false;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    try {
      // IMMEDIATE: take the write lock before reading the head, so two receivers on one file chain in turn.
      const outcomes = writeBatch.immediate(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => entry.resolve(/** @type {import('./store.mjs').InsertOutcome} */ (outcomes[i])));
    } catch {
      // One refused row must not sink the rest: fall back to one commit each.
      for (const entry of batch) {
        try {
          entry.resolve(/** @type {import('./store.mjs').InsertOutcome} */ (writeBatch.immediate([entry.item])[0]));
        } catch (error) {
          entry.reject(error);
        }
      }
    }
  }

  /** @type {Map<string, number>} */
  let shownCounts = new Map();
  function flushShown() {
    if (shownCounts.size === 0) return;
    const counts = shownCounts;
    shownCounts = new Map();
    db.transaction(() => {
      for (const [key, n] of counts) {
        const [day, revision, language] = JSON.parse(key);
        addShown.run(day, revision, language, n);
      }
    })();
  }
  const shownTimer = setInterval(() => {
    try {
      flushShown();
    } catch {
      // Counts are best effort; a locked file retries next second with the counts lost.
    }
  }, 1000);
  shownTimer.unref();

  return {
    kind: 'sqlite',
    insert(receipt, receivedAt) {
      return new Promise((resolveInsert, rejectInsert) => {
        queue.push({ item: { receipt, receivedAt }, resolve: resolveInsert, reject: rejectInsert });
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
    async erase(id, erasedAt) {
      return erase.immediate(id, erasedAt.toISOString());
    },
    async stats({ from, to }) {
      const lower = from ?? '0000-01-01';
      const upper = to ? nextDay(to) : '9999-12-31';
      flushShown();
      return toDayStats(/** @type {any[]} */ (selectStats.all(lower, upper)), /** @type {any[]} */ (selectShown.all(lower, upper)));
    },
    countShown(day, revision, language) {
      const key = JSON.stringify([day, revision, language]);
      shownCounts.set(key, (shownCounts.get(key) ?? 0) + 1);
    },
    async putText(hash, body) {
      return insertText.run(hash, body, new Date().toISOString()).changes === 1 ? 'created' : 'exists';
    },
    async getText(hash) {
      return /** @type {string | undefined} */ (selectText.get(hash)) ?? null;
    },
    async verify() {
      // One read transaction: the head and every row from the same snapshot.
      return db.transaction(() => {
        const verifier = chainVerifier(hasher, /** @type {any} */ (readChain.get()));
        let after = 0;
        for (;;) {
          const page = chainPage.all(after).map(toLogRow);
          for (const row of page) verifier.check(row);
          if (page.length < READ_BATCH) break;
          after = /** @type {import('./chain.mjs').LogRow} */ (page.at(-1)).seq;
        }
        return verifier.finish();
      })();
    },
    async *exportRows({ from, to }) {
      const upper = `${nextDay(to)}T00:00:00.000Z`;
      // Keyset pages on (received_at, seq): the first starts at midnight of `from`.
      let at = `${from}T00:00:00.000Z`;
      let seq = -1;
      for (;;) {
        const page = exportPage.all(upper, at, at, seq).map(toLogRow);
        if (page.length > 0) yield page;
        if (page.length < READ_BATCH) return;
        const last = /** @type {import('./chain.mjs').LogRow} */ (page.at(-1));
        at = last.receivedAt;
        seq = last.seq;
      }
    },
    async purge(cutoff) {
      const iso = cutoff.toISOString();
      if (lastBefore.get(iso) === null) {
        setPurgedBefore.run(iso);
        return 0;
      }
      let total = 0;
      for (;;) {
        const changes = purgeStep.immediate(iso);
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
      clearInterval(shownTimer);
      flush();
      flushShown();
      db.close();
    },
  };
}

/**
 * Seal the rows that predate the hash chain (migration 003) into it, in seq order, once.
 * @param {import('better-sqlite3').Database} db
 * @param {ReturnType<typeof chainHasher>} hasher
 */
function sealLegacyRows(db, hasher) {
  db.transaction(() => {
    const { legacy } = /** @type {{ legacy: number }} */ (db.prepare('SELECT legacy_seq AS legacy FROM consent_chain WHERE id = 1').get());
    if (legacy === 0) return;
    let head = /** @type {import('./chain.mjs').Head} */ (
      db.prepare('SELECT head_seq AS seq, head_hash AS hash, head_received_at AS receivedAt FROM consent_chain WHERE id = 1').get()
    );
    const seal = db.prepare('UPDATE consent_log SET content_hash = ?, prev_hash = ?, prev_received_at = ?, chain_hash = ? WHERE seq = ?');
    // all(), not iterate(): better-sqlite3 allows no writes while a read is open on the connection.
    for (const raw of db.prepare(`SELECT ${COLUMNS} FROM consent_log WHERE seq <= ? AND chain_hash IS NULL ORDER BY seq`).all(legacy)) {
      const row = toLogRow(raw);
      const contentHash = hasher.content(row);
      const chainHash = hasher.link(head.hash, head.receivedAt, row.seq, row.receivedAt, contentHash);
      seal.run(contentHash, head.hash, head.receivedAt, chainHash, row.seq);
      head = { seq: row.seq, hash: chainHash, receivedAt: row.receivedAt };
    }
    db.prepare('UPDATE consent_chain SET head_seq = ?, head_hash = ?, head_received_at = ?, legacy_seq = 0 WHERE id = 1').run(head.seq, head.hash, head.receivedAt);
  }).immediate();
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

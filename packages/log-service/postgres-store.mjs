// @ts-check
// The store for many receivers: PostgreSQL through a pg connection pool, one table
// partitioned by month (see migrations/postgres/001_consent_log.sql).
import pg from 'pg';
import { chainBatch, chainHasher, chainVerifier, toLogRow } from './chain.mjs';
import { nextDay, toDayStats } from './days.mjs';
import { listMigrations } from './migrations.mjs';

// Keys for pg_advisory_xact_lock: receivers that start or purge together take turns.
const MIGRATION_LOCK = 7_264_001;
const PARTITION_LOCK = 7_264_002;
const MONTHS_AHEAD = 2;
const PARTITION_NAME = /^consent_log_p(\d{4})(\d{2})$/;
const READ_BATCH = 1000;
const COLUMNS = `seq, received_at, consent_id, decided_at, revision, action, categories::text AS categories, gpc, language, url, text_hash,
  content_hash, prev_hash, prev_received_at, chain_hash, erased_at, erasure_hash`;

// One statement for a whole batch: arrays in, rows out, and the chain's head moved on.
const INSERT_BATCH = `WITH inserted AS (
  INSERT INTO consent_log (seq, received_at, consent_id, decided_at, revision, action, categories, gpc, language, url,
    text_hash, content_hash, prev_hash, prev_received_at, chain_hash)
  SELECT s, r, c::uuid, d, v, a, k::json, g, l, u, t, ch, ph, pr, h
  FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::bool[], $9::text[],
              $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[])
    AS x(s, r, c, d, v, a, k, g, l, u, t, ch, ph, pr, h)
  RETURNING 1)
UPDATE consent_chain SET head_seq = $16, head_hash = $17, head_received_at = $18 WHERE id = 1`;

/**
 * Run `work` in one transaction on one pooled connection, after taking the advisory lock
 * `lock` (none when null); ROLLBACK on any error. The one place the store begins and ends
 * transactions.
 * @template T
 * @param {pg.Pool} pool
 * @param {number | null} lock
 * @param {(client: pg.PoolClient) => Promise<T>} work
 * @param {string} [begin]  e.g. "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
 * @returns {Promise<T>}
 */
export async function inTransaction(pool, lock, work, begin = 'BEGIN') {
  const client = await pool.connect();
  try {
    await client.query(begin);
    if (lock !== null) await client.query('SELECT pg_advisory_xact_lock($1)', [lock]);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Connect, apply migrations, create this month's partitions and seal rows older than the chain.
 * @param {string} connectionString
 * @param {{ chainKey?: string }} [options]
 * @returns {Promise<import('./store.mjs').ConsentStore>}
 */
export async function openPostgresStore(connectionString, { chainKey } = {}) {
  const pool = new pg.Pool({ connectionString, max: 10, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection is dropped and replaced by the pool;
  // without a listener the error would end the process.
  pool.on('error', () => {});
  const hasher = chainHasher(chainKey);
  try {
    await migrate(pool);
    await ensurePartitions(pool, new Date());
    await sealLegacyRows(pool, hasher);
  } catch (error) {
    await pool.end();
    throw error;
  }

  /**
   * Chain and store one batch in one transaction; the consent_chain row lock makes
   * receivers sharing the database take turns.
   * @param {Array<{ receipt: import('consentgate-contract').Receipt, receivedAt: Date }>} batch
   */
  const writeBatch = (batch) =>
    inTransaction(pool, null, async (client) => {
      // The head row lock first, in its own statement: once it is granted, the next statement's
      // snapshot sees every batch committed before (READ COMMITTED takes one per statement).
      const { rows: heads } = await client.query(
        'SELECT head_seq AS seq, head_hash AS hash, head_received_at AS "receivedAt" FROM consent_chain WHERE id = 1 FOR UPDATE',
      );
      // Then one round trip: each id's newest receipt, and seq values for the batch.
      const ids = [...new Set(batch.map((b) => b.receipt.id))];
      const { rows: read } = await client.query(
        `SELECT (SELECT coalesce(json_agg(json_build_object('id', n.id, 'decidedAt', n.decided_at, 'contentHash', n.content_hash)), '[]')
                   FROM (SELECT DISTINCT ON (consent_id) consent_id::text AS id, decided_at, content_hash FROM consent_log
                         WHERE consent_id = ANY($1::uuid[]) ORDER BY consent_id, seq DESC) AS n) AS newest,
                ARRAY(SELECT nextval(pg_get_serial_sequence('consent_log', 'seq')) FROM generate_series(1, $2)) AS seqs`,
        [ids, batch.length],
      );
      const head = { seq: Number(heads[0].seq), hash: heads[0].hash, receivedAt: heads[0].receivedAt };
      const newest = /** @type {Array<{ id: string, decidedAt: string, contentHash: string | null }>} */ (read[0].newest);
      const seqs = /** @type {string[]} */ (read[0].seqs).map((seq) => ({ seq }));
      const latest = new Map(newest.map((r) => [r.id, { decidedAt: r.decidedAt, contentHash: r.contentHash }]));
      let i = 0;
      const result = chainBatch(hasher, head, batch, latest, () => Number(seqs[i++].seq));
      if (result.rows.length > 0) {
        const column = (/** @type {(r: import('./chain.mjs').LogRow) => unknown} */ pick) => result.rows.map(pick);
        // One statement: the rows, and the head moved to the last of them.
        await client.query(INSERT_BATCH, [
          column((r) => r.seq),
          column((r) => r.receivedAt),
          column((r) => r.consentId),
          column((r) => r.decidedAt),
          column((r) => r.revision),
          column((r) => r.action),
          column((r) => r.categories),
          column((r) => r.gpc),
          column((r) => r.language),
          column((r) => r.url),
          column((r) => r.textHash),
          column((r) => r.contentHash),
          column((r) => r.prevHash),
          column((r) => r.prevReceivedAt),
          column((r) => r.chainHash),
          result.head.seq,
          result.head.hash,
          result.head.receivedAt,
        ]);
      }
      return result.outcomes;
    });

  /** Write a batch; when the month rolled over before upkeep made its partition, make it and retry. */
  async function writeWithPartition(/** @type {Parameters<typeof writeBatch>[0]} */ batch) {
    try {
      return await writeBatch(batch);
    } catch (error) {
      if (/** @type {any} */ (error)?.code !== '23514' || !/no partition/.test(String(/** @type {any} */ (error)?.message))) throw error;
      await ensurePartitions(pool, new Date());
      return writeBatch(batch);
    }
  }

  // Group commit: receipts that arrive while a batch commits go together in the next one.
  /** @type {Array<{ item: Parameters<typeof writeBatch>[0][number], resolve: (o: import('./store.mjs').InsertOutcome) => void, reject: (e: unknown) => void }>} */
  let queue = [];
  /** @type {Promise<void> | null} */
  let flushing = null;
  async function flushAll() {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const outcomes = await writeWithPartition(batch.map((entry) => entry.item));
        batch.forEach((entry, i) => entry.resolve(/** @type {import('./store.mjs').InsertOutcome} */ (outcomes[i])));
      } catch {
        // One refused row must not sink the rest: one transaction each.
        for (const entry of batch) {
          try {
            entry.resolve(/** @type {import('./store.mjs').InsertOutcome} */ ((await writeWithPartition([entry.item]))[0]));
          } catch (error) {
            entry.reject(error);
          }
        }
      }
    }
    flushing = null;
  }

  /** @type {Map<string, number>} */
  let shownCounts = new Map();
  async function flushShown() {
    if (shownCounts.size === 0) return;
    const counts = [...shownCounts].map(([key, n]) => [...JSON.parse(key), n]);
    shownCounts = new Map();
    await pool.query(
      `INSERT INTO consent_shown (day, revision, language, shown)
       SELECT * FROM unnest($1::date[], $2::int[], $3::text[], $4::bigint[])
       ON CONFLICT (day, revision, language) DO UPDATE SET shown = consent_shown.shown + excluded.shown`,
      [counts.map((c) => c[0]), counts.map((c) => c[1]), counts.map((c) => c[2]), counts.map((c) => c[3])],
    );
  }
  const shownTimer = setInterval(() => flushShown().catch(() => {}), 1000);
  shownTimer.unref();

  return {
    kind: 'postgres',
    insert(receipt, receivedAt) {
      return new Promise((resolve, reject) => {
        queue.push({ item: { receipt, receivedAt }, resolve, reject });
        flushing ??= flushAll();
      });
    },
    async history(id) {
      const { rows } = await pool.query({
        name: 'consentgate-history',
        text: `SELECT decided_at, received_at, revision, action, categories, gpc, language, url, text_hash
               FROM consent_log WHERE consent_id = $1 ORDER BY seq`,
        values: [id],
      });
      return rows.map((r) => ({
        timestamp: r.decided_at,
        receivedAt: r.received_at.toISOString(),
        revision: r.revision,
        categories: r.categories,
        action: r.action,
        gpc: r.gpc,
        language: r.language,
        url: r.url,
        textHash: r.text_hash,
      }));
    },
    erase(id, erasedAt) {
      return inTransaction(pool, null, async (client) => {
        const { rows } = await client.query('SELECT seq, received_at, chain_hash FROM consent_log WHERE consent_id = $1 FOR UPDATE', [id]);
        const at = erasedAt.toISOString();
        for (const row of rows) {
          await client.query(
            `UPDATE consent_log SET consent_id = NULL, decided_at = NULL, revision = NULL, action = NULL, categories = NULL, gpc = NULL,
               language = NULL, url = NULL, text_hash = NULL, erased_at = $1, erasure_hash = $2 WHERE seq = $3 AND received_at = $4`,
            [at, row.chain_hash === null ? null : hasher.erasure(row.chain_hash, at), row.seq, row.received_at],
          );
        }
        return rows.length;
      });
    },
    async stats({ from, to }) {
      const lower = from ?? '1970-01-01';
      const upper = to ? nextDay(to) : '9999-12-31';
      await flushShown();
      // A consent id counts once per day, with its last decision that day.
      const { rows: decisions } = await pool.query(
        `SELECT day, action, count(*) AS n FROM (
           SELECT DISTINCT ON (day, consent_id) to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, consent_id, action
           FROM consent_log WHERE received_at >= $1 AND received_at < $2 AND erased_at IS NULL
           ORDER BY day, consent_id, seq DESC) AS last GROUP BY day, action`,
        [`${lower}T00:00:00Z`, `${upper}T00:00:00Z`],
      );
      const { rows: shown } = await pool.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(shown) AS n FROM consent_shown WHERE day >= $1 AND day < $2 GROUP BY day`,
        [lower, upper],
      );
      return toDayStats(decisions, shown);
    },
    countShown(day, revision, language) {
      const key = JSON.stringify([day, revision, language]);
      shownCounts.set(key, (shownCounts.get(key) ?? 0) + 1);
    },
    async putText(hash, body) {
      const result = await pool.query('INSERT INTO consent_text (hash, body, stored_at) VALUES ($1, $2, now()) ON CONFLICT (hash) DO NOTHING', [
        hash,
        body,
      ]);
      return result.rowCount === 1 ? 'created' : 'exists';
    },
    async getText(hash) {
      const { rows } = await pool.query('SELECT body FROM consent_text WHERE hash = $1', [hash]);
      return rows[0]?.body ?? null;
    },
    verify() {
      // One snapshot for the head and every row.
      return inTransaction(
        pool,
        null,
        async (client) => {
          const { rows: chain } = await client.query(
            `SELECT head_seq AS "headSeq", head_hash AS "headHash", head_received_at AS "headReceivedAt", purged_before AS "purgedBefore"
             FROM consent_chain WHERE id = 1`,
          );
          const verifier = chainVerifier(hasher, { ...chain[0], headSeq: Number(chain[0].headSeq) });
          let after = 0;
          for (;;) {
            const { rows } = await client.query(`SELECT ${COLUMNS} FROM consent_log WHERE seq > $1 ORDER BY seq LIMIT ${READ_BATCH}`, [after]);
            for (const row of rows) verifier.check(toLogRow(row));
            if (rows.length < READ_BATCH) break;
            after = Number(rows.at(-1).seq);
          }
          return verifier.finish();
        },
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      );
    },
    async *exportRows({ from, to }) {
      const upper = `${nextDay(to)}T00:00:00.000Z`;
      let at = `${from}T00:00:00.000Z`;
      let seq = -1;
      for (;;) {
        const { rows } = await pool.query(
          `SELECT ${COLUMNS} FROM consent_log WHERE received_at >= $1 AND received_at < $2 AND (received_at, seq) > ($3::timestamptz, $4::bigint)
           ORDER BY received_at, seq LIMIT ${READ_BATCH}`,
          [`${from}T00:00:00.000Z`, upper, at, seq],
        );
        const page = rows.map(toLogRow);
        if (page.length > 0) yield page;
        if (page.length < READ_BATCH) return;
        const last = /** @type {import('./chain.mjs').LogRow} */ (page.at(-1));
        at = last.receivedAt;
        seq = last.seq;
      }
    },
    purge(cutoff) {
      return inTransaction(pool, PARTITION_LOCK, async (client) => {
        // The cutoff is recorded with the deletion: verify then knows these gaps are retention.
        await client.query('UPDATE consent_chain SET purged_before = greatest(purged_before, $1) WHERE id = 1', [cutoff.toISOString()]);
        let removed = 0;
        // Whole months before the cutoff go at once: DROP is O(1), DELETE is O(rows).
        for (const { name, end } of await listPartitions(client)) {
          if (end > cutoff) continue;
          const { rows } = await client.query(`SELECT count(*) AS n FROM ${name}`);
          removed += Number(rows[0].n);
          await client.query(`DROP TABLE IF EXISTS ${name}`);
        }
        const result = await client.query('DELETE FROM consent_log WHERE received_at < $1', [cutoff]);
        return removed + (result.rowCount ?? 0);
      });
    },
    async maintain() {
      await ensurePartitions(pool, new Date());
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      clearInterval(shownTimer);
      await flushing;
      await flushShown().catch(() => {});
      await pool.end();
    },
  };
}

/** Seal the rows that predate the hash chain (migration 003) into it, in seq order, once. */
async function sealLegacyRows(/** @type {pg.Pool} */ pool, /** @type {ReturnType<typeof chainHasher>} */ hasher) {
  await inTransaction(pool, null, async (client) => {
    const { rows } = await client.query(
      'SELECT legacy_seq, head_seq, head_hash, head_received_at FROM consent_chain WHERE id = 1 FOR UPDATE',
    );
    const legacy = Number(rows[0].legacy_seq);
    if (legacy === 0) return;
    let head = { seq: Number(rows[0].head_seq), hash: rows[0].head_hash, receivedAt: rows[0].head_received_at };
    const { rows: old } = await client.query(`SELECT ${COLUMNS} FROM consent_log WHERE seq <= $1 AND chain_hash IS NULL ORDER BY seq`, [legacy]);
    for (const raw of old) {
      const row = toLogRow(raw);
      const contentHash = hasher.content(row);
      const chainHash = hasher.link(head.hash, head.receivedAt, row.seq, row.receivedAt, contentHash);
      await client.query('UPDATE consent_log SET content_hash = $1, prev_hash = $2, prev_received_at = $3, chain_hash = $4 WHERE seq = $5', [
        contentHash,
        head.hash,
        head.receivedAt,
        chainHash,
        row.seq,
      ]);
      head = { seq: row.seq, hash: chainHash, receivedAt: row.receivedAt };
    }
    await client.query('UPDATE consent_chain SET head_seq = $1, head_hash = $2, head_received_at = $3, legacy_seq = 0 WHERE id = 1', [
      head.seq,
      head.hash,
      head.receivedAt,
    ]);
  });
}

/** @param {pg.Pool} pool */
async function migrate(pool) {
  await inTransaction(pool, MIGRATION_LOCK, async (client) => {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)',
    );
    const { rows } = await client.query('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of listMigrations('postgres')) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
    }
  });
}

/** The partition holding a month: consent_log_pYYYYMM. */
export function partitionName(/** @type {number} */ year, /** @type {number} */ month) {
  return `consent_log_p${year}${String(month).padStart(2, '0')}`;
}

/** Create the partitions of the month of `date` and the next MONTHS_AHEAD months. */
async function ensurePartitions(/** @type {pg.Pool} */ pool, /** @type {Date} */ date) {
  await inTransaction(pool, PARTITION_LOCK, async (client) => {
    for (let ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
      const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + ahead, 1));
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      const name = partitionName(start.getUTCFullYear(), start.getUTCMonth() + 1);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF consent_log FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
      );
    }
  });
}

/** The monthly partitions and the instant each one ends. */
async function listPartitions(/** @type {pg.PoolClient} */ client) {
  const { rows } = await client.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'consent_log'::regclass`,
  );
  return rows.flatMap(({ name }) => {
    const match = PARTITION_NAME.exec(name);
    if (!match) return [];
    return [{ name, end: new Date(Date.UTC(Number(match[1]), Number(match[2]), 1)) }];
  });
}

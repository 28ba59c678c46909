// @ts-check
// The store for many receivers: PostgreSQL through a pg connection pool, one table
// partitioned by month (see migrations/postgres/001_consent_log.sql).
import pg from 'pg';
import { listMigrations } from './migrations.mjs';
import { nextDay, toDayStats } from './store.mjs';

// Keys for pg_advisory_xact_lock: receivers that start or purge together take turns.
const MIGRATION_LOCK = 7_264_001;
const PARTITION_LOCK = 7_264_002;
const MONTHS_AHEAD = 2;
const PARTITION_NAME = /^consent_log_p(\d{4})(\d{2})$/;

const INSERT = `INSERT INTO consent_log (consent_id, received_at, decided_at, revision, action, categories, gpc, language, url, text_hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;

/**
 * Connect, apply migrations and create this month's partitions.
 * @param {string} connectionString
 * @returns {Promise<import('./store.mjs').ConsentStore>}
 */
export async function openPostgresStore(connectionString) {
  const pool = new pg.Pool({ connectionString, max: 10, idleTimeoutMillis: 30_000 });
  // An idle client that loses its connection is dropped and replaced by the pool;
  // without a listener the error would end the process.
  pool.on('error', () => {});
  try {
    await migrate(pool);
    await ensurePartitions(pool, new Date());
  } catch (error) {
    await pool.end();
    throw error;
  }

  return {
    kind: 'postgres',
    async insert(receipt, receivedAt) {
      const query = {
        name: 'consentgate-insert',
        text: INSERT,
        values: [
          receipt.id,
          receivedAt,
          receipt.timestamp,
          receipt.revision,
          receipt.action,
          JSON.stringify(receipt.categories),
          receipt.gpc,
          receipt.language,
          receipt.url,
          receipt.textHash,
        ],
      };
      try {
        await pool.query(query); // autocommit: resolves after COMMIT
      } catch (error) {
        // The month rolled over before the scheduled upkeep made its partition.
        if (/** @type {any} */ (error)?.code !== '23514' || !/no partition/.test(String(/** @type {any} */ (error)?.message))) throw error;
        await ensurePartitions(pool, receivedAt);
        await pool.query(query);
      }
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
    async erase(id) {
      const result = await pool.query('DELETE FROM consent_log WHERE consent_id = $1', [id]);
      return result.rowCount ?? 0;
    },
    async stats({ from, to }) {
      const { rows } = await pool.query(
        `SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, action, count(*) AS n
         FROM consent_log WHERE received_at >= $1 AND received_at < $2 GROUP BY 1, 2`,
        [`${from ?? '1970-01-01'}T00:00:00Z`, `${to ? nextDay(to) : '9999-12-31'}T00:00:00Z`],
      );
      return toDayStats(rows);
    },
    async purge(cutoff) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
        let removed = 0;
        // Whole months before the cutoff go at once: DROP is O(1), DELETE is O(rows).
        for (const { name, end } of await listPartitions(client)) {
          if (end > cutoff) continue;
          const { rows } = await client.query(`SELECT count(*) AS n FROM ${name}`);
          removed += Number(rows[0].n);
          await client.query(`DROP TABLE IF EXISTS ${name}`);
        }
        const result = await client.query('DELETE FROM consent_log WHERE received_at < $1', [cutoff]);
        await client.query('COMMIT');
        return removed + (result.rowCount ?? 0);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async maintain() {
      await ensurePartitions(pool, new Date());
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      await pool.end();
    },
  };
}

/** @param {pg.Pool} pool */
async function migrate(pool) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)',
    );
    const { rows } = await client.query('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    for (const migration of listMigrations('postgres')) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [
        migration.version,
        migration.name,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The partition holding a month: consent_log_pYYYYMM. */
export function partitionName(/** @type {number} */ year, /** @type {number} */ month) {
  return `consent_log_p${year}${String(month).padStart(2, '0')}`;
}

/** Create the partitions of the month of `date` and the next MONTHS_AHEAD months. */
async function ensurePartitions(/** @type {pg.Pool} */ pool, /** @type {Date} */ date) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
    for (let ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
      const start = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + ahead, 1));
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      const name = partitionName(start.getUTCFullYear(), start.getUTCMonth() + 1);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF consent_log FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
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

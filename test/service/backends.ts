// The two stores the shared suite runs against, each with a side door for the tests:
// its own connection to look at the rows, plant old rows and refuse inserts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { postgresAvailable, startTempPostgres } from '../../packages/log-service/temp-postgres.mjs';

export type Kind = 'sqlite' | 'postgres';

/** One row of consent_log as the database holds it. */
export type Row = Record<string, unknown>;

/** A fresh, empty database of one kind. */
export interface TestDb {
  /** Options for startLogServer. */
  options: { dbPath?: string; databaseUrl?: string };
  /** Environment for packages/log-service/cli.mjs. */
  env: Record<string, string>;
  /** Every row of consent_log, oldest first, through a separate connection. */
  rows(): Promise<Row[]>;
  /** Column names of a table. */
  columns(table: string): Promise<string[]>;
  /** The schema_migrations table. */
  migrations(): Promise<Array<{ version: number; name: string }>>;
  /** Insert a row directly, received at the given instant (for retention and stats). */
  plant(id: string, action: string, receivedAt: Date): Promise<void>;
  /** From now on, inserts of receipts with this url fail inside the database. */
  refuseUrl(url: string): Promise<void>;
  /** Run a statement in this store's own SQL dialect. */
  exec(sql: string): Promise<void>;
  /** Monthly partitions of consent_log (PostgreSQL; always empty for SQLite). */
  partitions(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Backend {
  kind: Kind;
  fresh(): Promise<TestDb>;
  stop(): Promise<void>;
}

/** Whether the PostgreSQL half can run; in CI it must. */
export function postgresStatus(): { run: boolean; reason?: string } {
  if (postgresAvailable()) return { run: true };
  const reason = 'PostgreSQL 15 binaries (initdb, pg_ctl) are not installed in /usr/lib/postgresql/15/bin';
  if (process.env.CI) throw new Error(`${reason}; CI must test both stores`);
  return { run: false, reason };
}

export async function sqliteBackend(): Promise<Backend> {
  const root = mkdtempSync(join(tmpdir(), 'consentgate-sqlite-'));
  let n = 0;
  return {
    kind: 'sqlite',
    async fresh() {
      const dbPath = join(root, `db${++n}`, 'consent.sqlite'); // the directory does not exist yet
      let side: Database.Database | undefined;
      const open = () => (side ??= new Database(dbPath));
      return {
        options: { dbPath },
        env: { CONSENTGATE_DB: dbPath },
        async rows() {
          return open().prepare('SELECT * FROM consent_log ORDER BY seq').all() as Row[];
        },
        async columns(table) {
          return (open().prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
        },
        async migrations() {
          return open().prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as Array<{
            version: number;
            name: string;
          }>;
        },
        async plant(id, action, receivedAt) {
          open()
            .prepare(
              `INSERT INTO consent_log (consent_id, received_at, decided_at, revision, action, categories, gpc, language, url, text_hash)
               VALUES (?, ?, ?, 1, ?, '{"necessary":true}', 0, 'en', '/', ?)`,
            )
            .run(id, receivedAt.toISOString(), receivedAt.toISOString(), action, 'f'.repeat(64));
        },
        async refuseUrl(url) {
          open().exec(
            `CREATE TRIGGER refuse_test BEFORE INSERT ON consent_log WHEN NEW.url = '${url}'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
          );
        },
        async exec(sql) {
          open().exec(sql);
        },
        async partitions() {
          return [];
        },
        async close() {
          side?.close();
        },
      };
    },
    async stop() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export async function postgresBackend(): Promise<Backend> {
  const cluster = await startTempPostgres({ durable: false });
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  let n = 0;
  return {
    kind: 'postgres',
    async fresh() {
      // A schema per test, reached through search_path: as isolated as a database for
      // these tables, and created in milliseconds where CREATE DATABASE takes a second.
      const name = `t${++n}`;
      await admin.query(`CREATE SCHEMA ${name}`);
      const databaseUrl = `${cluster.url}?options=${encodeURIComponent(`-c search_path=${name}`)}`;
      let side: pg.Client | undefined;
      const open = async () => {
        if (!side) {
          side = new pg.Client({ connectionString: databaseUrl });
          await side.connect();
        }
        return side;
      };
      const query = async (text: string, values: unknown[] = []) => (await (await open()).query(text, values)).rows as Row[];
      return {
        options: { databaseUrl },
        env: { DATABASE_URL: databaseUrl },
        rows: () => query('SELECT * FROM consent_log ORDER BY seq'),
        async columns(table) {
          const rows = await query('SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position', [
            table,
          ]);
          return rows.map((r) => String(r.column_name));
        },
        async migrations() {
          return (await query('SELECT version, name FROM schema_migrations ORDER BY version')) as Array<{ version: number; name: string }>;
        },
        async plant(id, action, receivedAt) {
          const start = new Date(Date.UTC(receivedAt.getUTCFullYear(), receivedAt.getUTCMonth(), 1));
          const end = new Date(Date.UTC(receivedAt.getUTCFullYear(), receivedAt.getUTCMonth() + 1, 1));
          const partition = `consent_log_p${start.getUTCFullYear()}${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
          await query(
            `CREATE TABLE IF NOT EXISTS ${partition} PARTITION OF consent_log FOR VALUES FROM ('${start.toISOString()}') TO ('${end.toISOString()}')`,
          );
          await query(
            `INSERT INTO consent_log (consent_id, received_at, decided_at, revision, action, categories, gpc, language, url, text_hash)
             VALUES ($1, $2, $3, 1, $4, '{"necessary":true}', false, 'en', '/', $5)`,
            [id, receivedAt, receivedAt.toISOString(), action, 'f'.repeat(64)],
          );
        },
        async refuseUrl(url) {
          await query(`CREATE FUNCTION refuse_test() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.url = '${url}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
          await query('CREATE TRIGGER refuse_test BEFORE INSERT ON consent_log FOR EACH ROW EXECUTE FUNCTION refuse_test()');
        },
        async exec(sql) {
          await query(sql);
        },
        async partitions() {
          const rows = await query(
            `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'consent_log'::regclass ORDER BY 1`,
          );
          return rows.map((r) => String(r.name));
        },
        async close() {
          await side?.end();
        },
      };
    },
    async stop() {
      await admin.end();
      await cluster.stop();
    },
  };
}

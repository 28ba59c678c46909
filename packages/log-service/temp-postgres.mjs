// @ts-check
// A throwaway PostgreSQL cluster for the service tests and the bench: initdb into a
// temporary directory, listen on 127.0.0.1 on a free port, trust auth, removed on stop.
// Uses Debian's PostgreSQL 15 binaries; as root it runs them as the `postgres` user,
// because initdb and postgres refuse to run as root.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian puts the server binaries; PG_BIN overrides. */
export const POSTGRES_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

/** True when initdb and pg_ctl are installed. */
export function postgresAvailable() {
  return existsSync(join(POSTGRES_BIN, 'initdb')) && existsSync(join(POSTGRES_BIN, 'pg_ctl'));
}

/**
 * A port that was free a moment ago.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Start a cluster. Resolves to its connection string and a stop function.
 * With `durable: false` (the tests) the cluster skips fsync: its data need not outlive the
 * machine, and CREATE DATABASE per test drops from about a second to milliseconds. A COMMIT
 * is still a commit to every other session. The bench keeps the defaults.
 * @param {{ durable?: boolean }} [options]
 * @returns {Promise<{ url: string, dir: string, stop: () => Promise<void> }>}
 */
export async function startTempPostgres({ durable = true } = {}) {
  if (!postgresAvailable()) throw new Error(`PostgreSQL binaries not found in ${POSTGRES_BIN}`);
  const asRoot = process.getuid?.() === 0;
  // The postgres user must reach the directory: a root-only TMPDIR would not do.
  const dir = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'consentgate-pg-'));
  const data = join(dir, 'data');
  const pgUser = asRoot ? 'postgres' : undefined;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  /** Run a PostgreSQL binary, as the postgres user when we are root. */
  const pgExec = (/** @type {string} */ bin, /** @type {string[]} */ args) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, bin), ...args]) : run(join(POSTGRES_BIN, bin), args);

  const port = await freePort();
  try {
    await pgExec('initdb', ['-D', data, '-A', 'trust', '-U', 'consentgate', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const settings = [
      `-c listen_addresses=127.0.0.1`,
      `-p ${port}`,
      `-c unix_socket_directories=${dir}`,
      `-c max_connections=60`,
      `-c log_min_messages=warning`,
      ...(durable ? [] : ['-c fsync=off', '-c full_page_writes=off', '-c synchronous_commit=off']),
    ].join(' ');
    await pgExec('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', '-t', '30', 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  return {
    url: `postgres://consentgate@127.0.0.1:${port}/postgres`,
    dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pgExec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

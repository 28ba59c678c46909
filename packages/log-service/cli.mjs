#!/usr/bin/env node
// @ts-check
// `npm run log-server`: the consent log service configured from the environment.
//   CONSENTGATE_LOG_PORT        default 8081 (0 picks a free port)
//   CONSENTGATE_LOG_HOST        default 127.0.0.1
//   CONSENTGATE_DB              SQLite file, default ./data/consent.sqlite
//   DATABASE_URL                PostgreSQL instead of SQLite
//   CONSENTGATE_ADMIN_TOKEN     enables DELETE /consent/:id and GET /stats
//   CONSENTGATE_RETENTION_DAYS  default 1095
//   CONSENTGATE_CORS_ORIGINS    comma-separated origins allowed to post from another origin
//   CONSENTGATE_ACCESS_LOG      "0" silences the access log
import { startLogServer } from './server.mjs';

const env = process.env;

/** A whole number from the environment, or the fallback when unset. */
function integer(/** @type {string} */ name, /** @type {number} */ fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    console.error(`consentgate log: ${name} must be a whole number, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return Number(raw);
}

/** @type {import('./server.mjs').LogServer} */
let server;
try {
  server = await startLogServer({
    port: integer('CONSENTGATE_LOG_PORT', 8081),
    host: env.CONSENTGATE_LOG_HOST || '127.0.0.1',
    dbPath: env.CONSENTGATE_DB || './data/consent.sqlite',
    databaseUrl: env.DATABASE_URL || undefined,
    adminToken: env.CONSENTGATE_ADMIN_TOKEN || undefined,
    retentionDays: integer('CONSENTGATE_RETENTION_DAYS', 1095),
    corsOrigins: (env.CONSENTGATE_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    // Method, route template, status and time only: no address, no user agent, no id.
    accessLog:
      env.CONSENTGATE_ACCESS_LOG === '0'
        ? undefined
        : ({ method, route, status, ms }) => process.stdout.write(`${new Date().toISOString()} ${method} ${route} ${status} ${ms}ms\n`),
  });
} catch (error) {
  console.error(`consentgate log: cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

console.log(`consentgate log listening on ${server.url} (${server.store})`);

let stopping = false;
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // a second signal: stop waiting
    stopping = true;
    console.log(`consentgate log: ${signal}, draining in-flight requests`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error('consentgate log: error while closing:', error);
        process.exit(1);
      },
    );
  });
}

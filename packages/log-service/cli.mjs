#!/usr/bin/env node
// @ts-check
// `consentgate-log` (`npm run log-server`): the consent log service configured from the environment.
// `consentgate-log verify`: check the hash chain of the stored receipts and exit 0 (intact) or 1.
//   CONSENTGATE_LOG_PORT        default 8081 (0 picks a free port)
//   CONSENTGATE_LOG_HOST        default 127.0.0.1
//   CONSENTGATE_DB              SQLite file, default ./data/consent.sqlite
//   DATABASE_URL                PostgreSQL instead of SQLite
//   CONSENTGATE_ADMIN_TOKEN     enables DELETE /consent/:id, /stats, /export and /verify
//   CONSENTGATE_CHAIN_KEY       key of the hash chain; keep it outside the database
//   CONSENTGATE_RETENTION_DAYS  default 1095
//   CONSENTGATE_CORS_ORIGINS    comma-separated origins allowed to post from another origin
//   CONSENTGATE_ACCESS_LOG      "0" silences the access log
//   CONSENTGATE_COOKIE_NAME, _COOKIE_DAYS, _COOKIE_DOMAIN, _COOKIE_PATH, _COOKIE_SAMESITE
//                               the site's consent cookie as its config sets it (defaults consentgate, 182, host-only, /, Lax)
//   CONSENTGATE_RENEW_COOKIE    "0": never re-issue the consent cookie
//   CONSENTGATE_RATE_PER_SECOND, CONSENTGATE_RATE_BURST  per client, default 5 and 60; a rate of 0 turns the limit off
//   CONSENTGATE_MAX_CONNECTIONS_PER_CLIENT  default 32
//   CONSENTGATE_CLIENT_ADDRESS_HEADER       behind a proxy, e.g. x-forwarded-for (its last entry is the client)
import { startLogServer } from './server.mjs';
import { openStore } from './store.mjs';

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

const store = { dbPath: env.CONSENTGATE_DB || './data/consent.sqlite', databaseUrl: env.DATABASE_URL || undefined, chainKey: env.CONSENTGATE_CHAIN_KEY || undefined };

if (process.argv[2] === 'verify') {
  const log = await openStore(store);
  try {
    const result = await log.verify();
    console.log(JSON.stringify(result, null, 2));
    console.log(result.ok ? `intact: ${result.checked} rows, head ${result.head}` : `NOT intact: ${result.problemCount} problems in ${result.checked} rows`);
    process.exitCode = result.ok ? 0 : 1;
  } finally {
    await log.close();
  }
} else if (process.argv[2] !== undefined) {
  console.error(`consentgate log: unknown command ${JSON.stringify(process.argv[2])}; use no command to serve, or "verify"`);
  process.exit(2);
} else {
  await serve();
}

async function serve() {
  const perSecond = integer('CONSENTGATE_RATE_PER_SECOND', 5);
  /** @type {import('./server.mjs').LogServer} */
  let server;
  try {
    server = await startLogServer({
      ...store,
      port: integer('CONSENTGATE_LOG_PORT', 8081),
      host: env.CONSENTGATE_LOG_HOST || '127.0.0.1',
      adminToken: env.CONSENTGATE_ADMIN_TOKEN || undefined,
      retentionDays: integer('CONSENTGATE_RETENTION_DAYS', 1095),
      corsOrigins: (env.CONSENTGATE_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      consentCookie:
        env.CONSENTGATE_RENEW_COOKIE === '0'
          ? false
          : {
              name: env.CONSENTGATE_COOKIE_NAME || undefined,
              expiresAfterDays: integer('CONSENTGATE_COOKIE_DAYS', 182),
              domain: env.CONSENTGATE_COOKIE_DOMAIN || undefined,
              path: env.CONSENTGATE_COOKIE_PATH || undefined,
              sameSite: /** @type {'Lax' | 'Strict' | 'None' | undefined} */ (env.CONSENTGATE_COOKIE_SAMESITE || undefined),
            },
      rateLimit: perSecond === 0 ? false : { perSecond, burst: integer('CONSENTGATE_RATE_BURST', 60) },
      maxConnectionsPerClient: integer('CONSENTGATE_MAX_CONNECTIONS_PER_CLIENT', 32),
      clientAddressHeader: env.CONSENTGATE_CLIENT_ADDRESS_HEADER || undefined,
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
}

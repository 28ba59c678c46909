// @ts-check
// The consent log service (issue 6): receives consent receipts and keeps them as
// proof of consent (GDPR art. 7(1)). Node's http module, no framework.
//
// It never reads the client's address or user agent: nothing below touches
// req.socket.remoteAddress, X-Forwarded-For or User-Agent, and the access log
// records only method, route template, status and duration.
import http from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { validateReceipt, isUuidV4 } from 'consentgate-contract';
import { openStore } from './store.mjs';

const MAX_BODY_BYTES = 4096;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * @typedef {Object} AccessLogEntry
 * @property {string} method
 * @property {string} route   the route template, e.g. /consent/:id (never the id itself)
 * @property {number} status
 * @property {number} ms
 */

/**
 * @typedef {Object} LogServerOptions
 * @property {number} [port]            0 picks a free port. (default 8081)
 * @property {string} [host]            (default "127.0.0.1")
 * @property {string} [dbPath]          SQLite file, created on first start. (default "data/consent.sqlite")
 * @property {string} [databaseUrl]     PostgreSQL connection string; wins over dbPath when set
 * @property {string} [adminToken]      Bearer token for DELETE /consent/:id and GET /stats; unset disables both
 * @property {number} [retentionDays]   rows received longer ago are purged. (default 1095)
 * @property {string[]} [corsOrigins]   origins (e.g. "https://www.example.nl") allowed to call from another origin
 * @property {number} [purgeIntervalMs] how often the retention purge runs. (default 3600000)
 * @property {number} [drainTimeoutMs]  close() waits this long for in-flight requests. (default 10000)
 * @property {(entry: AccessLogEntry) => void} [accessLog]  called once per response
 * @property {(error: unknown) => void} [onError]  background failures (purge, upkeep). (default console.error)
 */

/**
 * @typedef {Object} LogServer
 * @property {number} port
 * @property {string} url       e.g. http://127.0.0.1:8081
 * @property {'sqlite' | 'postgres'} store
 * @property {() => Promise<number>} purge  run the retention purge now; resolves to the rows removed
 * @property {() => Promise<void>} close    stop accepting, drain in-flight requests, close the store
 */

/**
 * Open the store (applying migrations), purge expired rows, and listen.
 * @param {LogServerOptions} [options]
 * @returns {Promise<LogServer>}
 */
export async function startLogServer(options = {}) {
  const {
    port = 8081,
    host = '127.0.0.1',
    dbPath,
    databaseUrl,
    adminToken,
    retentionDays = 1095,
    corsOrigins = [],
    purgeIntervalMs = 3_600_000,
    drainTimeoutMs = 10_000,
    accessLog,
    onError = (error) => console.error('consentgate log:', error),
  } = options;
  if (!Number.isSafeInteger(retentionDays) || retentionDays < 1) throw new TypeError('retentionDays: must be a positive integer');
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) throw new TypeError('port: must be an integer from 0 to 65535');
  if (adminToken !== undefined && (typeof adminToken !== 'string' || adminToken.length < 16)) {
    throw new TypeError('adminToken: must be a string of at least 16 characters');
  }
  const allowedOrigins = new Set(corsOrigins.map(checkOrigin));
  const adminDigest = adminToken ? sha256(adminToken) : null;

  const store = await openStore({ dbPath, databaseUrl });
  const purge = () => store.purge(new Date(Date.now() - retentionDays * DAY_MS));
  try {
    await purge();
  } catch (error) {
    await store.close();
    throw error;
  }

  let closing = false;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      onError(error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  // A slow or stalled body must not hold a connection for long.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function handle(req, res) {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const idMatch = /^\/consent\/([^/]+)$/.exec(path);
    const route = path === '/consent' || path === '/stats' || path === '/health' ? path : idMatch ? '/consent/:id' : 'other';
    if (accessLog) {
      res.on('finish', () => accessLog({ method, route, status: res.statusCode, ms: Math.round(performance.now() - started) }));
    }
    if (closing) res.setHeader('Connection', 'close');
    // A request that began before close() may leave a keep-alive socket idle afterwards:
    // end it then, so close() does not wait for the client's keep-alive timeout.
    res.on('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    const crossOriginAllowed = applyCors(req, res);

    if (route === 'other') return sendJson(res, 404, { error: 'not found' });
    if (method === 'OPTIONS') return preflight(res, route, crossOriginAllowed);

    if (route === '/consent') {
      if (method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'POST, OPTIONS' });
      return receive(req, res);
    }
    if (route === '/health') {
      if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, HEAD' });
      try {
        await store.ping();
        return sendJson(res, 200, { status: 'ok', store: store.kind });
      } catch (error) {
        onError(error);
        return sendJson(res, 503, { status: 'unavailable', store: store.kind });
      }
    }
    if (route === '/stats') {
      if (method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET' });
      if (!authorized(req, res)) return;
      /** @type {{ from?: string, to?: string }} */
      const range = {};
      for (const key of /** @type {const} */ (['from', 'to'])) {
        const value = query.get(key);
        if (value === null) continue;
        if (!isDay(value)) return sendJson(res, 400, { error: `${key}: must be a date YYYY-MM-DD`, field: key });
        range[key] = value;
      }
      return withStore(res, async () => sendJson(res, 200, { days: await store.stats(range) }));
    }
    // /consent/:id
    const id = decodeSafely(idMatch?.[1] ?? '');
    if (method === 'GET' || method === 'HEAD') {
      if (!isUuidV4(id)) return sendJson(res, 400, { error: 'id: must be a UUID v4', field: 'id' });
      return withStore(res, async () => {
        const history = await store.history(id.toLowerCase());
        if (history.length === 0) return sendJson(res, 404, { error: 'no receipts for this id' });
        return sendJson(res, 200, { id: id.toLowerCase(), history });
      });
    }
    if (method === 'DELETE') {
      if (!authorized(req, res)) return;
      if (!isUuidV4(id)) return sendJson(res, 400, { error: 'id: must be a UUID v4', field: 'id' });
      return withStore(res, async () => {
        const erased = await store.erase(id.toLowerCase());
        if (erased === 0) return sendJson(res, 404, { error: 'no receipts for this id' });
        return sendJson(res, 200, { id: id.toLowerCase(), erased });
      });
    }
    return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, HEAD, DELETE, OPTIONS' });
  }

  /** POST /consent: validate, commit, then 202. */
  async function receive(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      req.resume();
      return sendJson(res, 415, { error: 'Content-Type must be application/json' });
    }
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY_BYTES) return refuseTooLarge(req, res);
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === 'aborted') return;
    if (body === 'too-large') return refuseTooLarge(req, res);
    let text;
    try {
      text = utf8.decode(body);
    } catch {
      return sendJson(res, 400, { error: 'body: not valid UTF-8', field: 'body' });
    }
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      return sendJson(res, 400, { error: 'body: not valid JSON', field: 'body' });
    }
    const result = validateReceipt(parsed);
    if (!result.ok) return sendJson(res, 400, { error: result.message, field: result.field });
    // The promise settles after COMMIT; only then is the receipt acknowledged.
    return withStore(res, async () => {
      await store.insert(result.receipt, new Date());
      sendJson(res, 202, { status: 'stored', id: result.receipt.id });
    });
  }

  /** Run a store call; a failing store answers 503 so the client may retry. */
  async function withStore(/** @type {http.ServerResponse} */ res, /** @type {() => Promise<void>} */ work) {
    try {
      await work();
    } catch (error) {
      onError(error);
      if (!res.headersSent) sendJson(res, 503, { error: 'storage unavailable, try again' }, { 'Retry-After': '5' });
    }
  }

  /** Bearer check for the admin endpoints; answers the request itself when it fails. */
  function authorized(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    if (!adminDigest) {
      sendJson(res, 403, { error: 'admin endpoints are disabled: no admin token is configured' });
      return false;
    }
    const match = /^Bearer +(\S+) *$/i.exec(String(req.headers.authorization ?? ''));
    if (!match?.[1]) {
      sendJson(res, 401, { error: 'Authorization: Bearer <token> required' }, { 'WWW-Authenticate': 'Bearer realm="consentgate"' });
      return false;
    }
    // Compare digests of equal length in constant time.
    if (!timingSafeEqual(sha256(match[1]), adminDigest)) {
      sendJson(res, 403, { error: 'token not accepted' });
      return false;
    }
    return true;
  }

  /** Mark a response readable by an allowed origin; same-origin needs nothing. */
  function applyCors(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    res.setHeader('Vary', 'Origin');
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || !allowedOrigins.has(origin)) return false;
    res.setHeader('Access-Control-Allow-Origin', origin);
    // navigator.sendBeacon always sends with credentials, so its preflight needs this.
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    return true;
  }

  /** Answer a CORS preflight: receipts and history only; admin calls are not for browsers. */
  function preflight(/** @type {http.ServerResponse} */ res, /** @type {string} */ route, /** @type {boolean} */ allowed) {
    if (!allowed) return sendJson(res, 403, { error: 'origin not allowed' });
    if (route !== '/consent' && route !== '/consent/:id') return sendJson(res, 403, { error: 'not available cross-origin' });
    res.writeHead(204, {
      'Access-Control-Allow-Methods': route === '/consent' ? 'POST' : 'GET',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '86400',
    });
    res.end();
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());

  const upkeep = setInterval(() => {
    store
      .maintain()
      .then(purge)
      .catch((error) => onError(error));
  }, purgeIntervalMs);
  upkeep.unref();

  /** @type {Promise<void> | undefined} */
  let closed;
  return {
    port: address.port,
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`,
    store: store.kind,
    purge,
    close() {
      closed ??= (async () => {
        closing = true;
        clearInterval(upkeep);
        await new Promise((resolve) => {
          // close() stops accepting and ends idle keep-alive sockets; requests in flight
          // finish (their responses carry Connection: close) before the callback runs.
          server.close(() => resolve(undefined));
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), drainTimeoutMs).unref();
        });
        await store.close();
      })();
      return closed;
    },
  };
}

/** Collect a body up to limit bytes. */
function readBody(/** @type {http.IncomingMessage} */ req, /** @type {number} */ limit) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (/** @type {Buffer | 'too-large' | 'aborted'} */ value) => {
      if (done) return;
      done = true;
      resolve(value);
    };
    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (done) return; // draining an oversized body
      size += chunk.length;
      if (size > limit) finish('too-large');
      else chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('close', () => finish('aborted'));
    req.on('error', () => finish('aborted'));
  });
}

function refuseTooLarge(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
  // Answer now, discard the rest, and do not keep the connection for another request.
  req.resume();
  sendJson(res, 413, { error: `body: larger than ${MAX_BODY_BYTES} bytes`, field: 'body' }, { Connection: 'close' });
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
function sendJson(res, status, body, headers = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

function sha256(/** @type {string} */ value) {
  return createHash('sha256').update(value).digest();
}

function decodeSafely(/** @type {string} */ value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function isDay(/** @type {string} */ value) {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** An allow-list entry must be a bare origin such as https://www.example.nl. */
function checkOrigin(/** @type {string} */ origin) {
  let parsed;
  try {
    parsed = new URL(origin);
  } catch {
    throw new TypeError(`corsOrigins: ${JSON.stringify(origin)} is not an origin such as https://www.example.nl`);
  }
  if (parsed.origin !== origin) throw new TypeError(`corsOrigins: ${JSON.stringify(origin)} is not an origin such as https://www.example.nl`);
  return origin;
}

// @ts-check
// The consent log service: receives consent receipts and keeps them as proof of consent
// (GDPR art. 7(1)), with the texts behind them, a hash chain over them, and an anonymous
// count of how often the first layer was shown. Node's http module, no framework.
//
// It stores no client address or user agent. The address is read for one thing only: a
// keyed hash of it (random key per process, never stored) names the client in the in-memory
// rate limit and connection cap. The access log records method, route template, status and
// duration.
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { stringify } from 'csv-stringify';
import { LANGUAGE, MAX_REVISION, MIN_REVISION, canonicalJson, consentCookieValue, isUuidV4, parseConsentCookie, validateReceipt } from 'consentgate-contract';
import { isDay } from './days.mjs';
import { checkOrigin, decodeSafely, readJson, sendJson, sha256 } from './http.mjs';
import { clientKeyer, connectionCounter, rateLimiter } from './limits.mjs';
import { statsPage } from './stats-page.mjs';
import { openStore } from './store.mjs';

const MAX_BODY_BYTES = 4096;
const MAX_SHOWN_BYTES = 256;
const DAY_MS = 86_400_000;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * @typedef {Object} AccessLogEntry
 * @property {string} method
 * @property {string} route   the route template, e.g. /consent/:id (never the id itself)
 * @property {number} status
 * @property {number} ms
 */

/**
 * The site's consent cookie, as its config writes it: what the service needs to re-issue it
 * from a response (Safari keeps cookies set by script for 7 days at most, cookies set by a
 * same-site response for their full lifetime).
 * @typedef {Object} ConsentCookieOptions
 * @property {string} [name]             (default "consentgate")
 * @property {number} [expiresAfterDays] the config's expiresAfterDays, 1..395. (default 182)
 * @property {string} [domain]           the config's cookie.domain; unset: host-only
 * @property {string} [path]             (default "/")
 * @property {'Lax' | 'Strict' | 'None'} [sameSite]  (default "Lax")
 */

/**
 * @typedef {Object} LogServerOptions
 * @property {number} [port]            0 picks a free port. (default 8081)
 * @property {string} [host]            (default "127.0.0.1")
 * @property {string} [dbPath]          SQLite file, created on first start. (default "data/consent.sqlite")
 * @property {string} [databaseUrl]     PostgreSQL connection string; wins over dbPath when set
 * @property {string} [adminToken]      Bearer token for DELETE /consent/:id, /stats, /export and /verify; unset disables them
 * @property {string} [chainKey]        key of the hash chain (HMAC-SHA-256); keep it outside the database. Unset: a public key
 * @property {number} [retentionDays]   rows received longer ago are purged. (default 1095)
 * @property {string[]} [corsOrigins]   origins (e.g. "https://www.example.nl") allowed to call from another origin
 * @property {number} [purgeIntervalMs] how often the retention purge runs. (default 3600000)
 * @property {number} [drainTimeoutMs]  close() waits this long for in-flight requests. (default 10000)
 * @property {ConsentCookieOptions | false} [consentCookie]  re-issue the consent cookie on receipts; false: never. (default {})
 * @property {number} [maxClockSkewMs]  a receipt dated further ahead of the server clock is refused. (default 600000: 10 minutes)
 * @property {number} [maxReceiptAgeDays] a receipt dated further back is refused. (default: the cookie's expiresAfterDays, else 182)
 * @property {{ perSecond: number, burst: number } | false} [rateLimit]  per client; false: none. (default 5 per second, bursts of 60)
 * @property {number} [maxConnections]  open connections in all. (default 4096)
 * @property {number} [maxConnectionsPerClient]  open connections per client address. (default 32)
 * @property {string} [clientAddressHeader]  behind a proxy: the header holding the client address (the last entry counts), e.g. "x-forwarded-for"
 * @property {number} [headersTimeoutMs] a connection must send complete headers within this. (default 10000)
 * @property {number} [requestTimeoutMs] and the whole request within this. (default 15000)
 * @property {number} [keepAliveTimeoutMs] an idle keep-alive connection is closed after this. (default 5000)
 * @property {number} [connectionsCheckingIntervalMs] how often the two timeouts above are checked. (default 1000)
 * @property {number} [maxTextBytes]    largest texts body for PUT /texts/:hash. (default 65536)
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
    chainKey,
    retentionDays = 1095,
    corsOrigins = [],
    purgeIntervalMs = 3_600_000,
    drainTimeoutMs = 10_000,
    consentCookie = {},
    maxClockSkewMs = 600_000,
    rateLimit = { perSecond: 5, burst: 60 },
    maxConnections = 4096,
    maxConnectionsPerClient = 32,
    clientAddressHeader,
    headersTimeoutMs = 10_000,
    requestTimeoutMs = 15_000,
    keepAliveTimeoutMs = 5_000,
    connectionsCheckingIntervalMs = 1_000,
    maxTextBytes = 65_536,
    accessLog,
    onError = (error) => console.error('consentgate log:', error),
  } = options;
  const positive = (/** @type {string} */ name, /** @type {unknown} */ value) => {
    if (!Number.isSafeInteger(value) || /** @type {number} */ (value) < 1) throw new TypeError(`${name}: must be a positive integer`);
  };
  positive('retentionDays', retentionDays);
  if (!Number.isSafeInteger(port) || port < 0 || port > 65535) throw new TypeError('port: must be an integer from 0 to 65535');
  if (adminToken !== undefined && (typeof adminToken !== 'string' || adminToken.length < 16)) {
    throw new TypeError('adminToken: must be a string of at least 16 characters');
  }
  for (const [name, value] of Object.entries({ maxClockSkewMs, maxConnections, maxConnectionsPerClient, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, connectionsCheckingIntervalMs, maxTextBytes })) {
    positive(name, value);
  }
  if (requestTimeoutMs < headersTimeoutMs) throw new TypeError('requestTimeoutMs: must be at least headersTimeoutMs');
  if (rateLimit !== false && !(rateLimit.perSecond > 0 && rateLimit.burst >= 1)) throw new TypeError('rateLimit: needs perSecond > 0 and burst >= 1, or false');
  const cookie = consentCookie === false ? null : checkCookieOptions(consentCookie);
  const { maxReceiptAgeDays = cookie?.expiresAfterDays ?? 182 } = options;
  positive('maxReceiptAgeDays', maxReceiptAgeDays);
  const allowedOrigins = new Set(corsOrigins.map(checkOrigin));
  const adminDigest = adminToken ? sha256(adminToken) : null;
  const addressHeader = clientAddressHeader?.toLowerCase();

  const store = await openStore({ dbPath, databaseUrl, chainKey });
  const purge = () => store.purge(new Date(Date.now() - retentionDays * DAY_MS));
  try {
    await purge();
  } catch (error) {
    await store.close();
    throw error;
  }

  const keyOf = clientKeyer();
  const limiter = rateLimit === false ? null : rateLimiter(rateLimit);
  const connections = connectionCounter(maxConnectionsPerClient);
  const page = statsPage();

  let closing = false;
  const server = http.createServer({ connectionsCheckingInterval: connectionsCheckingIntervalMs }, (req, res) => {
    handle(req, res).catch((error) => {
      onError(error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  // Idle and slow clients are cut off when promised: headers, whole request, keep-alive.
  server.headersTimeout = headersTimeoutMs;
  server.requestTimeout = requestTimeoutMs;
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.maxConnections = maxConnections;
  // One client may hold a few connections, not all of them.
  server.on('connection', (socket) => {
    const client = keyOf(socket.remoteAddress ?? '');
    if (!connections.open(client)) {
      socket.destroy();
      return;
    }
    socket.once('close', () => connections.close(client));
    // Node's headersTimeout only counts from a request's first byte: a connection that never
    // sends one would stay open. Close it when it has sent nothing within headersTimeoutMs.
    const silent = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, headersTimeoutMs);
    silent.unref();
    socket.once('close', () => clearTimeout(silent));
  });

  /** The client's key: from the proxy's header when configured, else the socket's address. */
  function clientOf(/** @type {http.IncomingMessage} */ req) {
    if (addressHeader) {
      const value = req.headers[addressHeader];
      const last = String(Array.isArray(value) ? value.at(-1) : (value ?? '')).split(',').at(-1)?.trim();
      if (last) return keyOf(last);
    }
    return keyOf(req.socket.remoteAddress ?? '');
  }

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function handle(req, res) {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const idMatch = /^\/consent\/([^/]+)$/.exec(path);
    const textMatch = /^\/texts\/([^/]+)$/.exec(path);
    const fixed = ['/consent', '/consent/shown', '/stats', '/stats.html', '/export', '/verify', '/health'];
    const route = fixed.includes(path) ? path : idMatch ? '/consent/:id' : textMatch ? '/texts/:hash' : 'other';
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

    const wait = limiter?.take(clientOf(req)) ?? 0;
    if (wait > 0) {
      req.resume();
      return sendJson(res, 429, { error: 'too many requests, try again later' }, { 'Retry-After': String(wait) });
    }
    if (route === 'other') return sendJson(res, 404, { error: 'not found' });
    if (method === 'OPTIONS') return preflight(res, route, crossOriginAllowed);

    if (route === '/consent') {
      if (method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'POST, OPTIONS' });
      return receive(req, res);
    }
    if (route === '/consent/shown') {
      if (method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'POST, OPTIONS' });
      return countShown(req, res);
    }
    if (route === '/texts/:hash') return texts(req, res, method, decodeSafely(textMatch?.[1] ?? ''));
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
    if (route === '/stats.html') {
      if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, HEAD' });
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Length': Buffer.byteLength(page.html),
        'Content-Security-Policy': page.csp,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'X-Frame-Options': 'DENY',
      });
      return res.end(method === 'HEAD' ? undefined : page.html);
    }
    if (route === '/stats' || route === '/export') {
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
      if (route === '/stats') return withStore(res, async () => sendJson(res, 200, { days: await store.stats(range) }));
      const format = query.get('format') ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'csv') return sendJson(res, 400, { error: 'format: must be jsonl or csv', field: 'format' });
      if (!range.from || !range.to) return sendJson(res, 400, { error: `${range.from ? 'to' : 'from'}: is required (YYYY-MM-DD)`, field: range.from ? 'to' : 'from' });
      if (range.from > range.to) return sendJson(res, 400, { error: 'to: must not be before from', field: 'to' });
      return exportRange(res, { from: range.from, to: range.to }, format);
    }
    if (route === '/verify') {
      if (method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET' });
      if (!authorized(req, res)) return;
      return withStore(res, async () => sendJson(res, 200, await store.verify()));
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
        const erased = await store.erase(id.toLowerCase(), new Date());
        if (erased === 0) return sendJson(res, 404, { error: 'no receipts for this id' });
        return sendJson(res, 200, { id: id.toLowerCase(), erased });
      });
    }
    return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, HEAD, DELETE, OPTIONS' });
  }

  /** POST /consent: validate, check the time against the server clock, commit, then 202. */
  async function receive(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    const body = await readJson(req, res, MAX_BODY_BYTES);
    if (!body) return;
    const result = validateReceipt(body.value);
    if (!result.ok) return sendJson(res, 400, { error: result.message, field: result.field });
    // The server's clock is the authority: the decision time may lag (a receipt queued and
    // sent on a later page view) but not by more than the cookie lives, and may run ahead
    // only by a small clock skew.
    const receivedAt = new Date();
    const decided = Date.parse(result.receipt.timestamp);
    if (decided > receivedAt.getTime() + maxClockSkewMs) {
      return sendJson(res, 400, { error: `timestamp: more than ${Math.round(maxClockSkewMs / 1000)} s ahead of the server clock`, field: 'timestamp' });
    }
    if (decided < receivedAt.getTime() - maxReceiptAgeDays * DAY_MS) {
      return sendJson(res, 400, { error: `timestamp: more than ${maxReceiptAgeDays} days before the server clock`, field: 'timestamp' });
    }
    // The promise settles after COMMIT; only then is the receipt acknowledged.
    return withStore(res, async () => {
      const outcome = await store.insert(result.receipt, receivedAt);
      if (outcome === 'stale') {
        return sendJson(res, 409, { error: 'timestamp: this consent id already has a receipt at least as new', field: 'timestamp' });
      }
      const renewal = cookie ? renewCookie(req, result.receipt.id, receivedAt.getTime()) : null;
      sendJson(res, 202, { status: outcome, id: result.receipt.id }, renewal ? { 'Set-Cookie': renewal } : {});
    });
  }

  /**
   * A Set-Cookie re-issuing the consent cookie this request carries, with the same value and
   * the same expiry (its own decision time + expiresAfterDays), or null. Only the cookie of
   * the decision this receipt reports, only while valid.
   * @param {http.IncomingMessage} req
   * @param {string} id
   * @param {number} now
   */
  function renewCookie(req, id, now) {
    if (!cookie) return null;
    // Read as the browser reads it (the first pair of exactly this name in format cg1); re-issued
    // as it is: a cg1 value holds only cookie-octets.
    const raw = consentCookieValue(req.headers.cookie ?? '', cookie.name);
    const parsed = parseConsentCookie(raw);
    if (!parsed || parsed.id !== id) return null;
    const expires = parsed.time + cookie.expiresAfterDays * DAY_MS;
    if (expires <= now || parsed.time > now + DAY_MS) return null;
    const secure = cookie.sameSite === 'None' || /^https:/i.test(String(req.headers.origin ?? '')) || String(req.headers['x-forwarded-proto'] ?? '') === 'https';
    return [
      `${cookie.name}=${raw}`,
      `Expires=${new Date(expires).toUTCString()}`,
      `Path=${cookie.path}`,
      ...(cookie.domain ? [`Domain=${cookie.domain}`] : []),
      `SameSite=${cookie.sameSite}`,
      ...(secure ? ['Secure'] : []),
    ].join('; ');
  }

  /** POST /consent/shown: one anonymous count; nothing about the visitor is read or kept. */
  async function countShown(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    const body = await readJson(req, res, MAX_SHOWN_BYTES);
    if (!body) return;
    const value = /** @type {Record<string, unknown>} */ (body.value);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return sendJson(res, 400, { error: 'body: must be a JSON object', field: 'body' });
    const unknown = Object.keys(value).find((key) => key !== 'revision' && key !== 'language');
    if (unknown !== undefined) return sendJson(res, 400, { error: `${unknown.slice(0, 64)}: unknown field`, field: unknown.slice(0, 64) });
    const { revision, language } = value;
    if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < MIN_REVISION || revision > MAX_REVISION) {
      return sendJson(res, 400, { error: `revision: must be an integer from ${MIN_REVISION} to ${MAX_REVISION}`, field: 'revision' });
    }
    if (typeof language !== 'string' || !LANGUAGE.test(language)) return sendJson(res, 400, { error: 'language: must be a language tag such as en or nl-NL', field: 'language' });
    store.countShown(new Date().toISOString().slice(0, 10), revision, language);
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  }

  /** PUT and GET /texts/:hash: the texts a textHash stands for, content-addressed. */
  async function texts(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res, /** @type {string} */ method, /** @type {string} */ hash) {
    if (!SHA256_HEX.test(hash)) {
      req.resume();
      return sendJson(res, 400, { error: 'hash: must be 64 lower-case hexadecimal characters (SHA-256)', field: 'hash' });
    }
    if (method === 'GET' || method === 'HEAD') {
      return withStore(res, async () => {
        const body = await store.getText(hash);
        if (body === null) return sendJson(res, 404, { error: 'no texts for this hash' });
        res.writeHead(200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
          // Content-addressed: the body for a hash never changes.
          'Cache-Control': 'public, max-age=31536000, immutable',
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(method === 'HEAD' ? undefined : body);
      });
    }
    if (method !== 'PUT') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, HEAD, PUT, OPTIONS' });
    const body = await readJson(req, res, maxTextBytes);
    if (!body) return;
    // The hash is checked over the exact bytes, and the bytes must be the canonical JSON of
    // what they hold: then one wording has one hash, and the stored text is what was hashed.
    if (sha256(body.bytes).toString('hex') !== hash) return sendJson(res, 400, { error: 'body: its SHA-256 is not the hash in the path', field: 'body' });
    if (canonicalJson(body.value) !== body.text) return sendJson(res, 400, { error: 'body: not canonical JSON (keys sorted, no white space)', field: 'body' });
    return withStore(res, async () => {
      const outcome = await store.putText(hash, body.text);
      sendJson(res, outcome === 'created' ? 201 : 200, { status: outcome === 'created' ? 'stored' : 'already stored', hash });
    });
  }

  /** GET /export: stream the receipts received in a day range, oldest first. */
  async function exportRange(/** @type {http.ServerResponse} */ res, /** @type {{ from: string, to: string }} */ range, /** @type {'jsonl' | 'csv'} */ format) {
    const rows = store.exportRows(range)[Symbol.asyncIterator]();
    /** @type {IteratorResult<import('./chain.mjs').LogRow[]>} */
    let first;
    try {
      first = await rows.next();
    } catch (error) {
      onError(error);
      return sendJson(res, 503, { error: 'storage unavailable, try again' }, { 'Retry-After': '5' });
    }
    res.writeHead(200, {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="consent-log-${range.from}-${range.to}.${format}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    /** @type {(rows: import('./chain.mjs').LogRow[]) => Promise<void>} */
    let write;
    /** @type {() => Promise<void>} */
    let end;
    if (format === 'csv') {
      const csv = stringify({ header: true, columns: EXPORT_COLUMNS });
      csv.pipe(res);
      write = async (batch) => {
        for (const row of batch) {
          if (!csv.write(exportRecord(row, 'csv'))) await new Promise((r) => csv.once('drain', r));
        }
      };
      end = () =>
        new Promise((r) => {
          res.once('finish', r).once('close', r);
          csv.end();
        });
    } else {
      write = async (batch) => {
        if (!res.write(batch.map((row) => `${JSON.stringify(exportRecord(row, 'jsonl'))}\n`).join(''))) {
          await new Promise((r) => res.once('drain', r).once('close', r));
        }
      };
      end = () => new Promise((r) => res.end(r));
    }
    try {
      for (let next = first; !next.done; next = await rows.next()) {
        if (res.destroyed) return;
        await write(next.value);
      }
      await end();
    } catch (error) {
      // Headers are out: cut the stream, so the auditor sees an incomplete download, never a short one that looks whole.
      onError(error);
      res.destroy();
    }
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

  /** Answer a CORS preflight: the routes browsers call; admin calls are not for browsers. */
  function preflight(/** @type {http.ServerResponse} */ res, /** @type {string} */ route, /** @type {boolean} */ allowed) {
    if (!allowed) return sendJson(res, 403, { error: 'origin not allowed' });
    /** @type {Record<string, string>} */
    const methods = { '/consent': 'POST', '/consent/shown': 'POST', '/consent/:id': 'GET', '/texts/:hash': 'GET, PUT' };
    if (!methods[route]) return sendJson(res, 403, { error: 'not available cross-origin' });
    res.writeHead(204, {
      'Access-Control-Allow-Methods': methods[route],
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '86400',
    });
    res.end();
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    // A deep accept queue: a flood of connections is taken in (and cut per client) instead of
    // overflowing the kernel's queue, where a dropped handshake costs the next client a 1 s retry.
    server.listen({ port, host, backlog: 2048 }, () => {
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

/** The columns of an export, in order (CSV header, JSONL keys). */
const EXPORT_COLUMNS = [
  'seq',
  'receivedAt',
  'id',
  'timestamp',
  'revision',
  'action',
  'categories',
  'gpc',
  'language',
  'url',
  'textHash',
  'erasedAt',
  'contentHash',
  'prevHash',
  'prevReceivedAt',
  'chainHash',
  'erasureHash',
];

/**
 * One exported row: every stored field, hashes included, so an auditor can check the chain
 * (chain.mjs) on the export alone. CSV gets categories as its stored JSON text.
 * @param {import('./chain.mjs').LogRow} row
 * @param {'jsonl' | 'csv'} format
 */
function exportRecord(row, format) {
  return {
    seq: row.seq,
    receivedAt: row.receivedAt,
    id: row.consentId,
    timestamp: row.decidedAt,
    revision: row.revision,
    action: row.action,
    categories: format === 'csv' || row.categories === null ? row.categories : JSON.parse(row.categories),
    gpc: row.gpc,
    language: row.language,
    url: row.url,
    textHash: row.textHash,
    erasedAt: row.erasedAt,
    contentHash: row.contentHash,
    prevHash: row.prevHash,
    prevReceivedAt: row.prevReceivedAt,
    chainHash: row.chainHash,
    erasureHash: row.erasureHash,
  };
}

/** Check and complete the consent cookie settings. */
function checkCookieOptions(/** @type {ConsentCookieOptions} */ options) {
  const { name = 'consentgate', expiresAfterDays = 182, domain = '', path = '/', sameSite = 'Lax' } = options;
  if (!/^[\w!#$%&'*+.^`|~-]+$/.test(name)) throw new TypeError('consentCookie.name: must be a valid cookie name');
  if (!Number.isInteger(expiresAfterDays) || expiresAfterDays < 1 || expiresAfterDays > 395) throw new TypeError('consentCookie.expiresAfterDays: must be an integer from 1 to 395');
  if (!/^(\.?[a-z\d-]+(\.[a-z\d-]+)*)?$/i.test(domain)) throw new TypeError('consentCookie.domain: must be a host name');
  if (!/^\/[^;\s]*$/.test(path)) throw new TypeError('consentCookie.path: must be a "/…" path without ";" or spaces');
  if (!['Lax', 'Strict', 'None'].includes(sameSite)) throw new TypeError('consentCookie.sameSite: must be Lax, Strict or None');
  return { name, expiresAfterDays, domain, path, sameSite };
}

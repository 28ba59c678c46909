// The demo site's server: node:http only, no packages.
//
//   npm start                      build, then serve on http://localhost:8080
//   PORT=3000 npm start            another port
//   HOST=0.0.0.0 npm start         listen on every interface (e.g. inside a container)
//
// It serves demo/ at / and the built dist/consentgate.js at /consentgate.js (with the files it
// fetches from the same folder), gzip when
// the browser accepts it. When the consent log service (packages/log-service/server.mjs) is present
// it is started beside the demo and /consent* and /texts/* are proxied to it, so the demo's
// `logEndpoint: "/consent"` stays same-origin. Every page is sent with a strict
// Content-Security-Policy: the demo proves that consentgate needs no 'unsafe-inline'.
import { createServer, request as httpRequest } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name; unknown extensions are sent as bytes. */
export function contentType(file) {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const compressible = (type) => /^(text\/|application\/json|image\/svg)/.test(type);

/**
 * Send a body with its type; gzip it when the request accepts gzip and the type is text.
 * `headers` are added as they are (e.g. a Content-Security-Policy).
 */
export function sendBody(req, res, status, body, type, headers = {}) {
  const buffer = typeof body === 'string' ? Buffer.from(body) : body;
  const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const out = { 'Content-Type': type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff', ...headers };
  let payload = buffer;
  if (compressible(type)) {
    out.Vary = 'Accept-Encoding';
    if (accepts && buffer.length > 256) {
      payload = gzipSync(buffer);
      out['Content-Encoding'] = 'gzip';
    }
  }
  out['Content-Length'] = String(payload.length);
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** Send a file from disk, or a 404 when it is missing. */
export function sendFile(req, res, file, headers = {}) {
  let body;
  try {
    body = readFileSync(file);
  } catch {
    sendBody(req, res, 404, 'Not found\n', TYPES['.txt']);
    return;
  }
  sendBody(req, res, 200, body, contentType(file), headers);
}

/**
 * Map a URL path to a file under `dir`, or null. `/` and `/nl/` give index.html,
 * `/pricing` gives pricing.html; nothing outside `dir` is ever reached.
 */
export function fileFor(dir, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(dir);
  const candidates = decoded.endsWith('/')
    ? [join(base, normalize(decoded), 'index.html')]
    : [join(base, normalize(decoded)), join(base, normalize(decoded) + '.html')];
  for (const file of candidates) {
    if (file !== base && !file.startsWith(base + sep)) return null;
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // try the next candidate
    }
  }
  return null;
}

// Only what the demo itself loads: the site's own origin for everything.
const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/** Forward a request to the consent log service and pipe its answer back. */
function proxy(req, res, port) {
  const upstream = httpRequest(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, host: `127.0.0.1:${port}` } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) sendBody(req, res, 502, 'Consent log service unreachable\n', TYPES['.txt']);
    else res.destroy();
  });
  req.pipe(upstream);
}

/**
 * The request handler for the demo: pages and assets from `demoDir`, the built
 * script from `distFile`, /consent* and /texts/* to the log service on `logPort` (when given).
 */
export function createDemoHandler({ demoDir = here, distFile = join(root, 'dist', 'consentgate.js'), logPort = null } = {}) {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/consent' || path.startsWith('/consent/') || path.startsWith('/consent?') || path.startsWith('/texts/')) {
      if (logPort) return proxy(req, res, logPort);
      return sendBody(req, res, 503, 'The consent log service is not running (packages/log-service/server.mjs not found)\n', TYPES['.txt']);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendBody(req, res, 405, 'Method not allowed\n', TYPES['.txt'], { Allow: 'GET, HEAD' });
    }
    if (path === '/consentgate.js') {
      if (!existsSync(distFile)) {
        return sendBody(req, res, 404, `${distFile} is missing: run npm run build\n`, TYPES['.txt']);
      }
      return sendFile(req, res, distFile);
    }
    // The parts the core fetches from its own folder: their names carry a hash of their content,
    // so they may be cached for a year.
    if (/^\/consentgate-[\w-]+\.[\da-zA-Z]+\.js$/.test(path)) {
      return sendFile(req, res, join(dirname(distFile), path.slice(1)), { 'Cache-Control': 'public, max-age=31536000, immutable' });
    }
    if (path === '/nl') {
      res.writeHead(301, { Location: '/nl/' });
      return res.end();
    }
    // Server code and its types are not part of the site.
    const file = /\.(mjs|d\.mts|ts)$/.test(path) ? null : fileFor(demoDir, path);
    if (!file) {
      const notFound = fileFor(demoDir, '/404.html');
      if (notFound) return sendBody(req, res, 404, readFileSync(notFound), TYPES['.html'], { 'Content-Security-Policy': DEMO_CSP });
      return sendBody(req, res, 404, 'Not found\n', TYPES['.txt']);
    }
    const headers = file.endsWith('.html') ? { 'Content-Security-Policy': DEMO_CSP } : {};
    return sendFile(req, res, file, headers);
  };
}

/** Start the consent log service if packages/log-service/server.mjs exists; null when absent or failing. */
async function startLogService({ port, dbPath }) {
  const module = join(root, 'packages', 'log-service', 'server.mjs');
  if (!existsSync(module)) return null;
  try {
    if (dbPath) mkdirSync(dirname(dbPath), { recursive: true });
    const { startLogServer } = await import(pathToFileURL(module).href);
    return await startLogServer({ port, dbPath });
  } catch (error) {
    console.warn(`consent log service not started: ${error instanceof Error ? error.message : error}`);
    return null;
  }
}

const listen = (server, port, host) =>
  new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok(undefined);
    });
  });

/**
 * Start the demo. `port: 0` picks a free port (tests). `log: false` skips the log service;
 * otherwise it is started on `log.port` (0 = free) with its database at `log.dbPath`.
 * Returns the URL, the port and `close()`.
 */
export async function startDemo({
  port = 8080,
  host = '127.0.0.1',
  log = { port: 8081, dbPath: join(root, 'data', 'consent.sqlite') },
  distFile,
} = {}) {
  const logService = log ? await startLogService(log) : null;
  const server = createServer(createDemoHandler({ distFile, logPort: logService?.port ?? null }));
  try {
    await listen(server, port, host);
  } catch (error) {
    await logService?.close();
    throw error;
  }
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${actualPort}/`,
    port: actualPort,
    logPort: logService?.port ?? null,
    close: async () => {
      const closed = new Promise((ok) => server.close(() => ok(undefined)));
      server.closeAllConnections?.();
      await closed;
      await logService?.close();
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const logPort = Number(process.env.CONSENTGATE_LOG_PORT ?? 8081);
  const demo = await startDemo({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    log: { port: logPort, dbPath: join(root, 'data', 'consent.sqlite') },
  });
  console.log(`consentgate demo: ${demo.url} (Dutch: ${demo.url}nl/)`);
  console.log(
    demo.logPort
      ? `consent receipts: POST ${demo.url}consent, stored by the log service on port ${demo.logPort}`
      : 'consent receipts: no log service (packages/log-service/server.mjs absent); POST /consent answers 503',
  );
  const stop = () => demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// A small static server for the bench: 127.0.0.1 only, every file gzip-compressed
// once up front (level 9) so compression costs no CPU while pages load.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { gzipSync, constants } from 'node:zlib';
import { join, extname, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Only these trees are served: the bench pages, the whole built dist/ folder (the drop-in and
// anything it fetches from its own folder) and the peers' packages.
const ROOTS = [
  ['/pages/', 'bench/pages/'],
  ['/dist/', 'dist/'],
  ['/node_modules/vanilla-cookieconsent/', 'node_modules/vanilla-cookieconsent/'],
  ['/node_modules/klaro/', 'node_modules/klaro/'],
  ['/node_modules/tarteaucitronjs/', 'node_modules/tarteaucitronjs/'],
  ['/node_modules/cookieconsent/', 'node_modules/cookieconsent/'],
  ['/node_modules/orejime/', 'node_modules/orejime/'],
];

const gzip = (buffer) => gzipSync(buffer, { level: constants.Z_BEST_COMPRESSION });

/**
 * @param {string} projectDir
 * @param {{ gatedElement: (libraryId: string) => string | null, overrides?: Record<string, string>, dirs?: Record<string, string> }} options
 *   gatedElement returns one gated element in the library's own markup, or null when the
 *   library has none; pages asked for with `?n=1000` get that many copies at `<!-- bench:gated -->`.
 *   overrides maps a URL path to another file (bench/profile.mjs serves an unminified build);
 *   dirs maps a URL prefix ending in `/` to a directory served whole (a variant build's folder).
 */
export function startServer(projectDir, { gatedElement, overrides = {}, dirs = {} }) {
  const cache = new Map();
  const roots = [...Object.entries(dirs), ...ROOTS.map(([prefix, dir]) => [prefix, join(projectDir, dir)])];

  const load = (urlPath, n, variant = '') => {
    const key = `${urlPath}?${n}&${variant}`;
    if (cache.has(key)) return cache.get(key);
    let file = overrides[urlPath];
    if (!file) {
      const root = roots.find(([prefix]) => urlPath.startsWith(prefix));
      if (!root) return null;
      const rel = normalize(urlPath.slice(root[0].length));
      if (rel.startsWith('..')) return null;
      file = join(root[1], rel);
    }
    if (!existsSync(file) || !statSync(file).isFile()) return null;
    let body = readFileSync(file);
    if (variant && urlPath.startsWith('/pages/')) {
      // ?v=name: the same page with another build of consentgate, served from its own folder
      // (see BENCH_VARIANTS in options.mjs)
      body = Buffer.from(body.toString('utf8').replace('/dist/consentgate.js', `/variants/${variant}/consentgate.js`));
    }
    if (n > 0 && urlPath.startsWith('/pages/')) {
      const element = gatedElement(urlPath.slice('/pages/'.length).replace(/\.html$/, ''));
      if (!element) return null;
      body = Buffer.from(body.toString('utf8').replace('<!-- bench:gated -->', element.repeat(n)));
    }
    const entry = { type: TYPES[extname(file)] ?? 'application/octet-stream', raw: body, gz: gzip(body) };
    cache.set(key, entry);
    return entry;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const n = Number(url.searchParams.get('n') ?? 0) || 0;
    let entry = null;
    try {
      entry = load(decodeURIComponent(url.pathname), n, (url.searchParams.get('v') ?? '').replace(/[^\w-]/g, ''));
    } catch {
      entry = null;
    }
    if (!entry) {
      // favicon and the like: answer without a body so no bytes count
      res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404, { 'cache-control': 'no-store' });
      res.end();
      return;
    }
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = acceptsGzip ? entry.gz : entry.raw;
    res.writeHead(200, {
      'content-type': entry.type,
      'content-length': body.length,
      'cache-control': 'no-store',
      vary: 'accept-encoding',
      ...(acceptsGzip ? { 'content-encoding': 'gzip' } : {}),
    });
    res.end(body);
  });

  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        origin: `http://127.0.0.1:${port}`,
        /** gzip and raw size of a served file (for the byte columns). */
        sizeOf: (urlPath) => {
          const e = load(urlPath, 0);
          return e ? { gzip: e.gz.length, raw: e.raw.length } : null;
        },
        close: () => new Promise((r) => server.close(() => r(undefined))),
      });
    });
  });
}

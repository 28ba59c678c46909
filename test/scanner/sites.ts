// Fixture sites for the scanner tests: each site is its own HTTP server on a free 127.0.0.1
// port (its own origin, its own /sitemap.xml); one "third party" server is reached as
// http://localhost:<port>, another site as far as the browser and the scanner are concerned.
// consentgate pages load the built dist/ folder, served as a folder at /consentgate/.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileFor, sendBody, sendFile } from '../../demo/serve.mjs';
import { DIST } from '../browser/harness';

export const DIST_DIR = dirname(DIST);

export interface Site {
  origin: string;
  /** Paths requested so far. */
  log: string[];
  close(): Promise<void>;
}

export interface SiteSpec {
  /** path → HTML */
  pages: Record<string, string>;
  /** Paths listed in /sitemap.xml (absent when undefined). */
  sitemap?: string[];
  /** Response headers per path, e.g. a Set-Cookie. */
  headers?: Record<string, Record<string, string>>;
}

async function listen(server: Server, host: string): Promise<number> {
  await new Promise<void>((ok) => server.listen(0, host, ok));
  return (server.address() as AddressInfo).port;
}

const closer = (server: Server) => () =>
  new Promise<void>((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });

export async function startSite(spec: SiteSpec): Promise<Site> {
  const log: string[] = [];
  let origin = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    log.push(url.pathname + url.search);
    const path = url.pathname;
    if (path.startsWith('/consentgate/')) {
      const file = fileFor(DIST_DIR, path.slice('/consentgate'.length));
      return file ? sendFile(req, res, file) : sendBody(req, res, 404, 'not in dist/', 'text/plain');
    }
    if (path === '/sitemap.xml' && spec.sitemap) {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${spec.sitemap
        .map((p) => `<url><loc>${origin}${p}</loc></url>`)
        .join('')}</urlset>`;
      return sendBody(req, res, 200, xml, 'application/xml');
    }
    const html = spec.pages[path];
    if (html !== undefined) return sendBody(req, res, 200, html, 'text/html; charset=utf-8', spec.headers?.[path] ?? {});
    return sendBody(req, res, 404, 'not found', 'text/plain');
  });
  origin = `http://127.0.0.1:${await listen(server, '127.0.0.1')}`;
  return { origin, log, close: closer(server) };
}

/** The "other site": a pixel and a script, reached as http://localhost:<port>. */
export async function startThirdParty(): Promise<Site> {
  const log: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    log.push(url.pathname + url.search);
    if (url.pathname === '/px.svg') return sendBody(req, res, 200, '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', 'image/svg+xml');
    if (url.pathname === '/t.js') return sendBody(req, res, 200, 'window.__thirdParty = true;', 'text/javascript');
    return sendBody(req, res, 404, 'not found', 'text/plain');
  });
  const port = await listen(server, '127.0.0.1');
  return { origin: `http://localhost:${port}`, log, close: closer(server) };
}

/** A config with a required category that declares a first-party session cookie. */
export const CONFIG = {
  controller: 'Fixture Telecom B.V.',
  privacyPolicyUrl: '/about',
  categories: {
    necessary: {
      required: true,
      cookies: [{ name: 'session_id', provider: 'Fixture Telecom', purpose: 'Keeps the session', expires: 'session' }],
    },
    analytics: {
      cookies: [
        { name: '_ga', provider: 'Google', purpose: 'Tells visitors apart', expires: '2 years' },
        { name: 'tracker', provider: 'Fixture Telecom', purpose: 'Counts visits', expires: 'session' },
        { name: 'fallback_track', provider: 'Fixture Telecom', purpose: 'Counts visits without consent', expires: 'session' },
      ],
    },
    marketing: { vendors: [{ name: 'Pixel Co', url: 'https://pixel.example/privacy' }] },
  },
};

/** A consentgate page: the config block and dist/consentgate.js in <head>, gated tags, a link on. */
export function consentgatePage(opts: { head?: string; body?: string; config?: unknown; library?: boolean; title?: string } = {}): string {
  const config = JSON.stringify(opts.config ?? CONFIG).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${opts.title ?? 'Fixture site'}</title>
<script type="application/json" id="consentgate-config">${config}</script>
${opts.library === false ? '' : '<script src="/consentgate/consentgate.js"></script>'}
${opts.head ?? ''}
</head>
<body>
<nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/about#team">Team</a> <a href="/brochure.pdf">Brochure</a></nav>
<main><h1>${opts.title ?? 'Fixture site'}</h1><p>Business telephony for small offices.</p>${opts.body ?? ''}</main>
<footer><button type="button" data-consentgate="preferences">Cookie settings</button></footer>
</body>
</html>`;
}

/** What a correctly gated page loads once analytics and marketing are granted. */
export const gatedTags = (thirdParty: string) => `
<script type="text/plain" data-category="analytics">document.cookie = '_ga=GA1.1.1.1; path=/; max-age=63072000';</script>
<img data-category="marketing" data-src="${thirdParty}/px.svg?gated" alt="" width="1" height="1">`;

/**
 * A hand-made banner that is not consentgate, in Dutch; its decision lives in a cookie named
 * CookieConsent (a name the Open Cookie Database knows as a functional consent cookie).
 */
export function customBannerPage(opts: { reject?: boolean; rejectStyle?: string; preticked?: boolean } = {}): string {
  const reject = opts.reject ?? true;
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Eigen banner</title>
<style>
  .cb { position: fixed; bottom: 0; left: 0; right: 0; padding: 16px; background: #f4f4f4; }
  .cb button { font: 16px/1.2 sans-serif; padding: 10px 18px; margin-right: 8px; background: #1d4ed8; color: #fff; border: 0; border-radius: 4px; width: 180px; }
</style>
</head>
<body>
<nav><a href="/">Home</a> <a href="/about">Over ons</a></nav>
<main><h1>Zakelijke telefonie</h1></main>
<div class="cb" role="region" aria-label="Cookies" id="cb">
  <p>Wij gebruiken cookies voor statistieken.</p>
  <button type="button" id="acc">Alles accepteren</button>
  ${reject ? `<button type="button" id="rej"${opts.rejectStyle ? ` style="${opts.rejectStyle}"` : ''}>Alles weigeren</button>` : ''}
  <button type="button" id="set">Instellingen</button>
</div>
<div role="dialog" aria-label="Cookievoorkeuren" id="dlg" hidden>
  <label><input type="checkbox" checked disabled> Noodzakelijk</label>
  <label><input type="checkbox" id="stats"${opts.preticked ? ' checked' : ''}> Statistieken</label>
  <button type="button" id="save">Opslaan</button>
</div>
<footer><button type="button" id="again">Cookie-instellingen</button></footer>
<script>
  var cb = document.getElementById('cb'), dlg = document.getElementById('dlg');
  if (document.cookie.indexOf('CookieConsent=') !== -1) cb.hidden = true;
  function decide(v) { document.cookie = 'CookieConsent=' + v + '; path=/; max-age=86400'; cb.hidden = true; dlg.hidden = true; }
  document.getElementById('acc').onclick = function () { decide('all'); };
  var rej = document.getElementById('rej'); if (rej) rej.onclick = function () { decide('none'); };
  document.getElementById('set').onclick = function () { dlg.hidden = false; };
  document.getElementById('save').onclick = function () { decide(document.getElementById('stats').checked ? 'stats' : 'none'); };
  document.getElementById('again').onclick = function () { cb.hidden = false; };
</script>
</body>
</html>`;
}

/** The config a custom-banner site would pass with --config. */
export const CUSTOM_CONFIG = {
  cookie: { name: 'CookieConsent' },
  categories: {
    necessary: { required: true, cookies: [{ name: 'CookieConsent', provider: 'Fixture', purpose: 'Remembers the choice', expires: '1 day' }] },
    analytics: {},
  },
};

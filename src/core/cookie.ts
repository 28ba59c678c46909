// The one first-party cookie that holds the decision (read and written with js-cookie's
// encoding, by the browser and by dist/server.mjs alike), and the erasing of a refused
// category's cookies.
import Cookies from 'js-cookie';
import type { CookieDeclaration, ResolvedConfig } from '../types';

export interface ConsentCookie {
  read(): string | undefined;
  write(value: string, expires: Date): void;
  remove(): void;
}

/**
 * The value of cookie `name` in a cookie string (`document.cookie`, or a `Cookie` request header),
 * read exactly as js-cookie's `get(name)` reads it: pairs split at "; ", the name percent-decoded,
 * the value through js-cookie's own converter (one pair of quotes dropped, %XX runs decoded), and
 * the first pair of that name that decodes wins. Unlike js-cookie, nothing is looked up through
 * Object.prototype, so a polluted prototype cannot stand in for a missing cookie.
 */
export function readCookie(cookies: string, name: string): string | undefined {
  for (const pair of cookies.split('; ')) {
    const [key, ...value] = pair.split('=');
    try {
      if (decodeURIComponent(key!) === name) return Cookies.converter.read(value.join('='), name);
    } catch {
      // Not decodable: js-cookie skips it, and so do we.
    }
  }
}

/**
 * The consent cookie. Written by hand, not with js-cookie's set(): that copies its attributes
 * with for…in, so keys set on a polluted Object.prototype would become cookie attributes (a
 * Domain or Path that loses the decision). Name and value are encoded as js-cookie encodes them
 * (for the names the config allows, that is "%" → "%25").
 */
export function consentCookie(config: ResolvedConfig['cookie']): ConsentCookie {
  const { name, path, sameSite, domain } = config;
  // RFC 6265bis: SameSite=None requires Secure; on plain http (local development) leave it off,
  // but not for a __Host- or __Secure- name, which the browser only takes with Secure (on http,
  // Chromium takes it from localhost alone).
  const secure = location.protocol === 'https:' || /^__(host|secure)-/i.test(name);
  const write = (value: string, expires: Date): void =>
    void (document.cookie = `${name.replace(/%/g, '%25')}=${Cookies.converter.write(value, name)}; path=${path}; expires=${expires.toUTCString()}; samesite=${sameSite}${secure ? '; secure' : ''}${domain ? '; domain=' + domain : ''}`);
  return {
    read: () => readCookie(document.cookie, name),
    write,
    remove: () => write('', new Date(0)),
  };
}

/**
 * Erase every cookie present whose name is declared (by `name` or `match`), for the
 * configured path and "/", host-only and on host, .host and every parent domain but the
 * top level (the places a script may have set it). Returns the names erased.
 */
export function eraseCookies(declarations: ReadonlyArray<CookieDeclaration>, path: string): string[] {
  if (!declarations.length) return [];
  const patterns = declarations.map((d) => [d.name, d.match != null && new RegExp(d.match)] as const);
  const names = Object.keys(Cookies.get()).filter((name) => patterns.some(([exact, re]) => exact === name || (re && re.test(name))));
  const host = location.hostname;
  const parts = host.split('.');
  // An IP address or localhost has no parent domains to try.
  const domains = [undefined, ...(/^[\d.]+$|:|^[^.]+$/.test(host) ? [] : parts.slice(0, -1).flatMap((_, i) => [parts.slice(i).join('.'), '.' + parts.slice(i).join('.')]))];
  for (const name of names) for (const p of new Set(['/', path])) for (const domain of domains) Cookies.remove(name, { path: p, domain });
  return names;
}

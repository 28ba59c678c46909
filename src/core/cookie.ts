// The one first-party cookie that holds the decision (read and written with js-cookie's
// encoding, by the browser and by dist/server.mjs alike), and the erasing of a refused
// category's cookies.
import Cookies from 'js-cookie';
import type { CookieDeclaration, ResolvedConfig } from '../types';

export interface ConsentCookie {
  _read(): string | undefined;
  _write(value: string, expires: Date): void;
  _remove(): void;
}

/** The pairs of a cookie string: [name as listed, name percent-decoded (undefined when that fails), value as listed]. */
const pairs = (cookies: string): Array<[string, string | undefined, string]> =>
  cookies.split('; ').map((pair) => {
    const [key, ...value] = pair.split('=');
    let name;
    try {
      name = decodeURIComponent(key!);
    } catch {
      // Not decodable: js-cookie skips it.
    }
    return [key!, name, value.join('=')];
  });

/**
 * The value of cookie `name` in a cookie string (`document.cookie`, or a `Cookie` request header),
 * read exactly as js-cookie's `get(name)` reads it: pairs split at "; ", the name percent-decoded,
 * the value through js-cookie's own converter (one pair of quotes dropped, %XX runs decoded), and
 * the first pair of that name that decodes wins. Unlike js-cookie, nothing is looked up through
 * Object.prototype, so a polluted prototype cannot stand in for a missing cookie.
 */
export function readCookie(cookies: string, name: string): string | undefined {
  for (const [, key, value] of pairs(cookies)) {
    try {
      if (key === name) return Cookies.converter.read(value, name);
    } catch {
      // Not decodable: js-cookie goes on to the next pair of that name, and so do we.
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
  // Secure on https. On plain http (local development) too where the browser takes the cookie
  // only with Secure (and on http it takes such a cookie from localhost alone): SameSite=None
  // (RFC 6265bis §5.6.7) and a __Host- or __Secure- name (§4.1.3).
  const secure = location.protocol === 'https:' || sameSite == 'None' || /^__(host|secure)-/i.test(name);
  const write = (value: string, expires: Date): void =>
    void (document.cookie = `${name.replace(/%/g, '%25')}=${Cookies.converter.write(value, name)}; path=${path}; expires=${expires.toUTCString()}; samesite=${sameSite}${secure ? '; secure' : ''}${domain ? '; domain=' + domain : ''}`);
  return {
    _read: () => readCookie(document.cookie, name),
    _write: write,
    _remove: () => write('', new Date(0)),
  };
}

/**
 * Erase every cookie present whose name is declared (by `name` or `match`), for the
 * configured path and "/", host-only and on host, .host and every parent domain but the
 * top level (the places a script may have set it). Each is erased under the name exactly as
 * the browser lists it, by hand for the reason given at consentCookie. Returns the names erased.
 */
export function eraseCookies(declarations: ReadonlyArray<CookieDeclaration>, path: string): string[] {
  const erased: string[] = [];
  if (!declarations.length) return erased;
  const patterns = declarations.map((d) => [d.name, d.match != null && new RegExp(d.match)] as const);
  const host = location.hostname;
  const parts = host.split('.');
  // An IP address or localhost has no parent domains to try.
  const domains = ['', ...(/^[\d.]+$|:|^[^.]+$/.test(host) ? [] : parts.slice(0, -1).flatMap((_, i) => [parts.slice(i).join('.'), '.' + parts.slice(i).join('.')]))];
  for (const [raw, name = raw] of pairs(document.cookie)) {
    if (!raw || !patterns.some(([exact, re]) => exact === name || (re && re.test(name)))) continue;
    erased.push(name);
    for (const p of new Set(['/', path])) for (const domain of domains) document.cookie = `${raw}=; max-age=0; path=${p}${domain && '; domain=' + domain}`;
  }
  return erased;
}

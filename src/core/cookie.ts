// The one first-party cookie that holds the decision, read and written by our own code (the
// browser and dist/server.mjs alike), and the erasing of a refused category's cookies.
//
// No encoding is needed either way: a value in format cg1 (src/core/record.ts) is built from
// "cg1", a UUID, digits, the letters a, r and c, category keys ([A-Za-z][\w-]*) and the
// separators "|", ":" and "+", all of them cookie-octets (RFC 6265 §4.1.1). So the value is
// written as it is, and a value read back that is not exactly in format cg1 (quoted, percent-
// encoded, truncated, tampered) is no decision.
import type { CookieDeclaration, ResolvedConfig } from '../types';
import { consentCookieValue } from '../../packages/contract/index.mjs';

export interface ConsentCookie {
  _read(): string | undefined;
  _write(value: string, expires: Date): void;
  _remove(): void;
}

/**
 * The consent cookie's value in a cookie string (`document.cookie`, or a `Cookie` request
 * header): the first pair whose name is exactly `name` and whose value is exactly in format
 * cg1 (packages/contract, shared with the server reader and the log service).
 */
export const readCookie: (cookies: string, name: string) => string | undefined = consentCookieValue;

/**
 * document.cookie as a string. Injected markup such as `<img name="cookie">` hides it behind the
 * element (DOM clobbering, HTML § named properties of Document): then there is no cookie to read.
 */
const jar = (): string => '' + document.cookie;

/**
 * A cookie name with the prefix `__Host-` or `__Secure-`: the browser takes such a cookie, an
 * expired one that erases it included, only with Secure (RFC 6265bis §4.1.3).
 */
const securePrefix = (name: string): boolean => /^__(host|secure)-/i.test(name);

/**
 * The consent cookie, written by hand with fixed attributes (a cookie library that copies
 * attributes with for…in would take keys set on a polluted Object.prototype as attributes: a
 * Domain or Path that loses the decision). Name and value are written as they are.
 */
export function consentCookie(config: ResolvedConfig['cookie']): ConsentCookie {
  const { name, path, sameSite, domain } = config;
  // Secure on https. On plain http (local development) too where the browser takes the cookie
  // only with Secure (and on http it takes such a cookie from localhost alone): SameSite=None
  // (RFC 6265bis §5.6.7) and a __Host- or __Secure- name (§4.1.3).
  const secure = location.protocol === 'https:' || sameSite == 'None' || securePrefix(name);
  const write = (value: string, expires: Date): void =>
    void (document.cookie = `${name}=${value}; path=${path}; expires=${expires.toUTCString()}; samesite=${sameSite}${secure ? '; secure' : ''}${domain ? '; domain=' + domain : ''}`);
  return {
    _read: () => readCookie(jar(), name),
    _write: write,
    _remove() {
      write('', new Date(0));
      // A copy left on another path of this page or another domain by an older config goes too
      // (else the next page reads it): reset() forgets the decision.
      let prefix = '';
      const paths = ['/'];
      for (const segment of location.pathname.split('/')) if (segment) paths.push((prefix += '/' + segment), prefix + '/');
      expire(name, paths, secure ? '; secure' : '');
    },
  };
}

/**
 * Erase every cookie present whose name is declared (by `name` or `match`), for the
 * configured path and "/", host-only and on the host and each of its parent domains but the
 * top level (the places a script may have set it; the browser ignores a Domain it would not
 * accept, such as the tail of an IP address, and a leading "." changes nothing, RFC 6265
 * §5.2.3). Each is erased under the name exactly as the browser lists it, by hand for the
 * reason given at consentCookie; one whose name has a `__Host-` or `__Secure-` prefix is erased with
 * Secure, without which the browser refuses the write. Returns the names erased.
 */
export function eraseCookies(declarations: ReadonlyArray<CookieDeclaration>, path: string): string[] {
  // Nothing refused is declared (say, all granted): document.cookie, a round trip to the browser process, is not read.
  if (!declarations.length) return [];
  const patterns = declarations.map((d) => [d.name, d.match != null && new RegExp(d.match)] as const);
  return jar().split('; ').flatMap((pair) => {
    const raw = pair.split('=')[0]!;
    let name = raw;
    try {
      // A name a script percent-encoded (js-cookie does) is matched as it was declared.
      name = decodeURIComponent(raw);
    } catch {}
    if (!raw || !patterns.some(([exact, re]) => exact === name || (re && re.test(name)))) return [];
    expire(raw, ['/', path], securePrefix(raw) ? '; secure' : '');
    return [name];
  });
}

/** Expire the cookie `raw` on each of `paths`, host-only and on the host and each of its parent domains but the top level. */
function expire(raw: string, paths: string[], attributes = ''): void {
  const parts = location.hostname.split('.');
  for (const p of new Set(paths)) for (const domain of ['', ...parts.slice(0, -1).map((_, i) => parts.slice(i).join('.'))]) document.cookie = `${raw}=; max-age=0; path=${p}${domain && '; domain=' + domain}${attributes}`;
}

// The one first-party cookie that holds the decision, and the erasing of a refused
// category's cookies. All writes go through one js-cookie instance with fixed attributes.
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
  for (const pair of cookies ? cookies.split('; ') : []) {
    const [key, ...value] = pair.split('=');
    try {
      if (decodeURIComponent(key!) === name) return Cookies.converter.read(value.join('='), name);
    } catch {
      // Not decodable: js-cookie skips it, and so do we.
    }
  }
}

export function consentCookie(config: ResolvedConfig['cookie']): ConsentCookie {
  const jar = Cookies.withAttributes({
    path: config.path,
    sameSite: config.sameSite,
    // RFC 6265bis: SameSite=None requires Secure; on plain http (local development) leave it off.
    secure: location.protocol === 'https:',
    ...(config.domain ? { domain: config.domain } : {}),
  });
  return {
    read: () => readCookie(document.cookie, config.name),
    write: (value, expires) => void jar.set(config.name, value, { expires }),
    remove: () => jar.remove(config.name),
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

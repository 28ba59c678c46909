// The one first-party cookie that holds the decision, and the erasing of a refused
// category's cookies. All writes go through one js-cookie instance with fixed attributes.
import Cookies from 'js-cookie';
import type { CookieDeclaration, ResolvedConfig } from '../types';

export interface ConsentCookie {
  read(): string | undefined;
  write(value: string, expires: Date): void;
  remove(): void;
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
    read: () => jar.get(config.name),
    write: (value, expires) => void jar.set(config.name, value, { expires }),
    remove: () => jar.remove(config.name),
  };
}

/** host, .host and every parent domain but the top level: the places a script may have set a cookie. */
export function domainVariants(host: string): string[] {
  // An IP address or localhost has no parent domains to try.
  if (!host.includes('.') || /^[\d.]+$|:/.test(host)) return [];
  const parts = host.split('.');
  return parts.slice(0, -1).flatMap((_, i) => {
    const d = parts.slice(i).join('.');
    return [d, `.${d}`];
  });
}


/**
 * Erase every cookie present whose name is declared (by `name` or `match`), for the
 * configured path and "/", host-only and on each domain variant. Returns the names erased.
 */
export function eraseCookies(declarations: ReadonlyArray<CookieDeclaration>, path: string): string[] {
  if (!declarations.length) return [];
  const exact = declarations.map((d) => d.name);
  const patterns = declarations.flatMap((d) => (d.match === undefined ? [] : [new RegExp(d.match)]));
  const names = Object.keys(Cookies.get()).filter((name) => exact.includes(name) || patterns.some((re) => re.test(name)));
  const paths = path === '/' ? ['/'] : ['/', path];
  const domains = [undefined, ...domainVariants(location.hostname)];
  for (const name of names) {
    for (const p of paths) for (const domain of domains) Cookies.remove(name, domain ? { path: p, domain } : { path: p });
  }
  return names;
}

// Re-issue the visitor's consent cookie from the site's own server response. WebKit's
// tracking prevention limits cookies written by script (document.cookie: a 7-day expiry
// cap since ITP 2.1, later deletion after 7 days of browser use without interaction); a
// cookie set by a same-site HTTP response keeps the expiry it was given. The browser wrote
// the cookie; this sets the same value with the same expiry from the server, so it lasts.
import { readCookie } from './core/cookie';
import { decodeRecord } from './core/record';
import type { ConsentRecord } from './types';

/** What renewConsentCookie reads from a request: Node's IncomingMessage or Express's Request. */
export interface CookieRequest {
  headers: { cookie?: string | undefined };
}

/** What renewConsentCookie writes to: Node's ServerResponse or Express's Response. */
export interface CookieResponse {
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: string | string[]): unknown;
}

export interface RenewConsentCookieOptions {
  /** Cookie name, as in the browser config's `cookie.name`. @default "consentgate" */
  name?: string;
  /** The site's current revision; a cookie for another one is not renewed. @default 1 */
  revision?: number;
  /** The browser config's expiresAfterDays, 1..395. @default 182 */
  expiresAfterDays?: number;
  /** The browser config's `cookie.domain`; empty: host-only. @default "" */
  domain?: string;
  /** The browser config's `cookie.path`. @default "/" */
  path?: string;
  /** The browser config's `cookie.sameSite`. @default "Lax" */
  sameSite?: 'Lax' | 'Strict' | 'None';
  /** Send with Secure (the browser adds it on https pages). Set false only for plain-http development. @default true */
  secure?: boolean;
  /** ms since epoch, for tests. @default Date.now() */
  now?: number;
}

/**
 * When the request carries a valid consent cookie (well formed, this revision, not expired,
 * not dated in the future), append a `Set-Cookie` to the response that re-issues it with the
 * same value and the same expiry: its own decision time + expiresAfterDays, as the browser
 * set it (RFC 6265 §4.1 attributes). Other Set-Cookie headers are kept; a response that
 * already sets this cookie is left alone. Call it before the response's headers are sent.
 * @returns the decision renewed, or null when there was nothing to renew.
 */
export function renewConsentCookie(req: CookieRequest, res: CookieResponse, options: RenewConsentCookieOptions = {}): ConsentRecord | null {
  const { name = 'consentgate', revision = 1, expiresAfterDays = 182, domain = '', path = '/', sameSite = 'Lax', secure = true, now = Date.now() } = options;
  const header = req.headers.cookie;
  if (typeof header !== 'string') return null;
  // The same reading as the browser's and readConsent's (src/core/cookie.ts): the first pair of
  // exactly this name whose value is exactly in format cg1. Re-issued as it is: cg1 holds only
  // cookie-octets, so the value holds nothing a header could misread.
  const value = readCookie(header, name);
  const record = decodeRecord(value, { revision, expiresAfterDays, now });
  if (!record) return null;
  const existing = res.getHeader('Set-Cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  if (list.some((cookie) => cookie.startsWith(`${name}=`))) return record;
  const cookie = [
    `${name}=${value}`,
    `Expires=${new Date(record.expires).toUTCString()}`,
    `Path=${path}`,
    ...(domain ? [`Domain=${domain}`] : []),
    `SameSite=${sameSite}`,
    ...(secure || sameSite === 'None' ? ['Secure'] : []),
  ].join('; ');
  res.setHeader('Set-Cookie', [...list, cookie]);
  return record;
}

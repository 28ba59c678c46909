// consentgate for Node: read the visitor's decision from a Cookie header, with exactly the
// browser's rules (the same src/core/record.ts).
import { decodeRecord } from './core/record';
import type { ConsentRecord } from './types';

export type { ConsentRecord, ConsentAction } from './types';

export interface ReadConsentOptions {
  /** Cookie name. @default "consentgate" */
  name?: string;
  /** The site's current revision; a decision for another one is void. @default 1 */
  revision?: number;
  /** 1..395, as in the browser config. @default 182 */
  expiresAfterDays?: number;
  /** ms since epoch, for tests. @default Date.now() */
  now?: number;
}

/** The valid decision in a Cookie request header, or null (no cookie, malformed, expired, other revision). */
export function readConsent(cookieHeader: string | null | undefined, options: ReadConsentOptions = {}): ConsentRecord | null {
  const { name = 'consentgate', revision = 1, expiresAfterDays = 182, now = Date.now() } = options;
  if (typeof cookieHeader !== 'string') return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
    return decodeRecord(value, { revision, expiresAfterDays, now });
  }
  return null;
}
export { renewConsentCookie, type CookieRequest, type CookieResponse, type RenewConsentCookieOptions } from './server-renew';

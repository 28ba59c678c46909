// consentgate for Node: read the visitor's decision from a Cookie header, with exactly the
// browser's rules: the same cookie reading (src/core/cookie.ts) and the same decoding and checks
// of the value (src/core/record.ts).
import { readCookie } from './core/cookie';
import { decodeRecord, own } from './core/record';
import type { CategoryConfig, ConsentRecord } from './types';

export type { ConsentRecord, ConsentAction } from './types';

export interface ReadConsentOptions {
  /** Cookie name, as in the config's `cookie.name`. @default "consentgate" */
  name?: string;
  /** The site's current revision; a decision for another one is void. @default 1 */
  revision?: number;
  /** 1..395, as in the browser config. @default 182 */
  expiresAfterDays?: number;
  /**
   * The configured categories: the config's `categories` object (its `required` flags are read,
   * `necessary` is required by default) or a list of keys (then only `necessary` is required).
   * With it, the record has exactly these categories, as in the browser: required ones true,
   * others granted only when the cookie says so, anything else in the cookie dropped.
   * Without it the cookie's own pairs are returned unchecked (not recommended).
   */
  categories?: ReadonlyArray<string> | Readonly<Record<string, Pick<CategoryConfig, 'required'>>>;
  /** ms since epoch, for tests. @default Date.now() */
  now?: number;
}

/**
 * The valid decision in a Cookie request header, or null (no cookie, malformed, expired, other
 * revision). The header is read as the browser reads `document.cookie`: pairs split at "; ", the
 * first pair whose name is exactly `name` and whose value is exactly in format cg1 (no quotes, no
 * percent-decoding) wins. Never throws.
 */
export function readConsent(cookieHeader: string | null | undefined, options: ReadConsentOptions = {}): ConsentRecord | null {
  const { name = 'consentgate', revision = 1, expiresAfterDays = 182, now = Date.now(), categories } = options;
  if (typeof cookieHeader !== 'string') return null;
  const configured = Array.isArray(categories)
    ? categories.map((key: string) => ({ key, required: key === 'necessary' }))
    : categories &&
      Object.keys(categories).map((key) => {
        const settings = own(categories, key) as { required?: unknown } | undefined;
        const required = settings && own(settings, 'required');
        return { key, required: required === undefined ? key === 'necessary' : required === true };
      });
  return decodeRecord(readCookie(cookieHeader, name), { revision, expiresAfterDays, now, categories: configured });
}
export { renewConsentCookie, type CookieRequest, type CookieResponse, type RenewConsentCookieOptions } from './server-renew';

// Types of scan.mjs (the scanner's programmatic entry point).
import type { Browser } from 'playwright-core';

export type Pass = 'before-consent' | 'after-reject' | 'after-accept';
export type Level = 'error' | 'warning';
export type FindingId =
  | 'no-banner'
  | 'reject-not-on-first-layer'
  | 'unequal-prominence'
  | 'preticked-category'
  | 'cookie-before-consent'
  | 'storage-before-consent'
  | 'request-before-consent'
  | 'cookie-after-reject'
  | 'request-after-reject'
  | 'undeclared-cookie'
  | 'consent-lifetime';

export interface KnownCookie {
  platform: string;
  category: string;
  description: string;
  retention: string;
  controller: string;
  /** The database entry's name; ends in `*` for a prefix entry. */
  entry: string;
}

export interface Finding {
  id: FindingId;
  level: Level;
  /** Absolute URL of the page it was first seen on. */
  page: string;
  message: string;
  cookie?: { name: string; domain: string };
  storage?: { kind: 'local' | 'session'; key: string };
  request?: { url: string; site: string };
  /** For undeclared cookies: a declaration to paste into the config. */
  suggestion?: { category: string | null; cookie: Record<string, string> };
}

export interface CookieRow {
  name: string;
  domain: string;
  path: string;
  /** ISO 8601, or "session". */
  expires: string;
  firstSeen: Pass;
  page: string;
  thirdParty: boolean;
  declared: string | null;
  known: KnownCookie | null;
}

export interface Check {
  id: string;
  status: 'pass' | 'fail' | 'not-checked';
  detail: string;
}

export interface ScanResult {
  url: string;
  /** ISO 8601. */
  scannedAt: string;
  durationMs: number;
  pages: string[];
  consentgate: boolean;
  config: 'file' | 'page' | null;
  passes: Record<Pass, { ran: boolean; reason?: string }>;
  findings: Finding[];
  checks: Check[];
  cookies: CookieRow[];
  storage: Array<{ kind: 'local' | 'session'; key: string; firstSeen: Pass; page: string; declared: string | null }>;
  requests: Array<{ site: string; url: string; firstSeen: Pass; page: string; count: number }>;
  /** The first layer as a data: URL (JPEG), or null. */
  screenshot: string | null;
  openCookieDatabase: { entries: number };
}

export interface ScanOptions {
  /** Most pages per pass. @default 10 */
  pages?: number;
  /** The consentgate config; else read from the page's #consentgate-config block. */
  config?: unknown;
  /** The browser's language. @default 'en' */
  lang?: 'en' | 'nl';
  /** Called with one line per page and pass. */
  progress?: (line: string) => void;
  /** An open browser to use; else the system Chromium (CHROMIUM_PATH) is launched and closed. */
  browser?: Browser;
  /** Milliseconds to wait for the first layer. @default 10000 */
  bannerTimeout?: number;
  /** Milliseconds for a page to load. @default 30000 */
  pageTimeout?: number;
}

export const PASSES: readonly Pass[];
export const FINDING_LEVELS: Readonly<Record<FindingId, Level>>;
export const NAMES: { accept: RegExp; reject: RegExp; preferences: RegExp; reopen: RegExp };
export const LAUNCH_ARGS: string[];
export class ScanError extends Error {}
export function chromiumPath(env?: Record<string, string | undefined>): string | null;
export function siteOf(host: string): string;
export function thirteenMonthsAfter(from: Date): Date;
export interface Look { tag: string; role: string; width: number; height: number; fontSize: string; fontWeight: string; fontFamily: string; fontStyle: string; color: string; background: string; border: string; decoration: string; opacity: string }
export function prominenceDiff(a: Look, b: Look): string[];
export function declarations(config: unknown): { required: Set<string>; requiredSites: Set<string>; cookieName: string; categoryOf(name: string): string | null };
/** @throws {ScanError} when the URL is not http(s), no browser is found, or the start page cannot be loaded. */
export function scan(url: string, options?: ScanOptions): Promise<ScanResult>;

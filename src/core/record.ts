// The consent record: create it, encode it into one cookie value, and decode that value
// strictly. Shared by the browser and dist/server.mjs, so both judge a cookie the same way.
//
// The cookie value's format (cg1) and its parser are in packages/contract, shared with the log service.
import { parseConsentCookie } from '../../packages/contract/index.mjs';
import type { ConsentAction, ConsentRecord } from '../types';

const DAY = 864e5;
/** `object[key]` when it is the object's own property, else undefined: nothing is read through Object.prototype. */
export const own = (object: object, key: string): unknown => (Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined);

export { MAX_COOKIE_LENGTH } from '../../packages/contract/index.mjs';

/** A random UUID v4 from crypto.getRandomValues (RFC 9562 §5.4); crypto.randomUUID needs a secure context. */
export function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 15) | 64;
  b[8] = (b[8]! & 63) | 128;
  return Array.from(b, (x, i) => (i > 3 && i < 11 && !(i & 1) ? '-' : '') + (x + 256).toString(16).slice(1)).join('');
}

/** What a cookie value holds when it is well formed, before any check against a config or the clock. */
export interface ParsedRecord {
  id: string;
  time: number;
  revision: number;
  action: ConsentAction;
  gpc: boolean;
  categories: Record<string, boolean>;
}

/** The record for a decision made at `time` (ms since epoch), valid for `expiresAfterDays`. */
export const toRecord = ({ id, time, revision, categories, action, gpc }: ParsedRecord, expiresAfterDays: number): ConsentRecord => ({
  id,
  timestamp: new Date(time).toISOString(),
  expires: new Date(time + expiresAfterDays * DAY).toISOString(),
  revision,
  categories,
  action,
  gpc,
});

export const createRecord = (
  id: string,
  categories: Record<string, boolean>,
  action: ConsentAction,
  gpc: boolean,
  revision: number,
  expiresAfterDays: number,
  time: number,
): ConsentRecord => toRecord({ id, time, revision, categories, action, gpc }, expiresAfterDays);

export const encodeRecord = (r: ConsentRecord): string =>
  ['cg1', r.id, Date.parse(r.timestamp), r.revision, r.action[0], +r.gpc, Object.keys(r.categories).map((k) => `${k}:${+r.categories[k]!}`).join('+')].join('|');

/** Parse a cookie value; null for anything not exactly in format cg1. Never throws. */
export const parseRecord: (value: unknown) => ParsedRecord | null = parseConsentCookie;

export interface Validity {
  revision: number;
  expiresAfterDays: number;
  /** ms since epoch. */
  now: number;
  /** The configured categories; others are dropped, missing ones count as refused. Omit to keep the cookie's own. */
  categories?: ReadonlyArray<{ key: string; required: boolean }>;
}

/**
 * The decision a parsed value stands for, or null when it is void: another revision, older than
 * expiresAfterDays by its own timestamp, or dated in the future (a clock or a forger ahead of us).
 */
export function validRecord(parsed: ParsedRecord | null, v: Validity): ConsentRecord | null {
  if (!parsed || parsed.revision !== v.revision || !(v.now < parsed.time + v.expiresAfterDays * DAY) || parsed.time > v.now + DAY) return null;
  const stored = parsed.categories;
  const categories = v.categories ? ({} as Record<string, boolean>) : stored;
  for (const c of v.categories ?? []) categories[c.key] = c.required || own(stored, c.key) === true;
  return toRecord({ ...parsed, categories }, v.expiresAfterDays);
}

/** Parse and check in one step: the valid decision in a cookie value, or null. */
export const decodeRecord = (value: unknown, v: Validity): ConsentRecord | null => validRecord(parseRecord(value), v);

// The consent record: create it, encode it into one cookie value, and decode that value
// strictly. Shared by the browser and dist/server.mjs, so both judge a cookie the same way.
//
// Cookie value, version 1 (fields joined by "|"):
//   cg1|<uuid v4>|<decision time, ms since epoch>|<revision>|<action a|r|c>|<gpc 0|1>|<category>:<0|1>+<category>:<0|1>…
// e.g. cg1|1b4e28ba-2fa1-41d2-883f-0016d3cca427|1764123456789|1|c|0|necessary:1+analytics:1+marketing:0
// The action's code is its first letter.
import type { ConsentAction, ConsentRecord } from '../types';

const DAY = 864e5;
const ACTIONS: Record<string, ConsentAction> = { a: 'accept-all', r: 'reject-all', c: 'custom' };
/** What the format holds: category keys of 1 to 32 characters, and at most 32 of them (config.ts enforces both). */
export const CATEGORY_KEY = '[A-Za-z][\\w-]{0,31}';
export const MAX_CATEGORIES = 32;
const CATEGORY = CATEGORY_KEY + ':[01]';
const FORMAT = new RegExp(
  `^cg1\\|([\\da-f]{8}-[\\da-f]{4}-4[\\da-f]{3}-[89ab][\\da-f]{3}-[\\da-f]{12})\\|(\\d{13})\\|(\\d{1,6})\\|([arc])\\|([01])\\|(${CATEGORY}(?:\\+${CATEGORY}){0,${MAX_CATEGORIES - 1}})$`,
);
/** `object[key]` when it is the object's own property, else undefined: nothing is read through Object.prototype. */
export const own = (object: object, key: string): unknown => (Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined);

/** Longer values are not ours: refuse them before any parsing. */
export const MAX_COOKIE_LENGTH = 1200;

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
export function parseRecord(value: unknown): ParsedRecord | null {
  const m = typeof value == 'string' && value.length <= MAX_COOKIE_LENGTH && FORMAT.exec(value);
  if (!m) return null;
  const categories: Record<string, boolean> = {};
  for (const pair of m[6]!.split('+')) {
    const [key, bit] = pair.split(':') as [string, string];
    // A repeated category means tampering.
    if (own(categories, key) !== undefined) return null;
    categories[key] = bit == '1';
  }
  return { id: m[1]!, time: +m[2]!, revision: +m[3]!, action: ACTIONS[m[4]!]!, gpc: m[5] == '1', categories };
}

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

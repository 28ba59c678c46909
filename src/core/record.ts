// The consent record: create it, encode it into one cookie value, and decode that value
// strictly. Shared by the browser and dist/server.mjs, so both judge a cookie the same way.
//
// Cookie value, version 1 (fields joined by "|"):
//   cg1|<uuid v4>|<decision time, ms since epoch>|<revision>|<action a|r|c>|<gpc 0|1>|<category>:<0|1>+<category>:<0|1>…
// e.g. cg1|1b4e28ba-2fa1-41d2-883f-0016d3cca427|1764123456789|1|c|0|necessary:1+analytics:1+marketing:0
import type { ConsentAction, ConsentRecord } from '../types';

const DAY = 86_400_000;
const ACTIONS: Record<string, ConsentAction> = { a: 'accept-all', r: 'reject-all', c: 'custom' };
const UUID_V4 = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const CATEGORY = '[A-Za-z][\\w-]{0,31}:[01]';
const FORMAT = new RegExp(`^cg1\\|(${UUID_V4})\\|(\\d{13})\\|(\\d{1,6})\\|([arc])\\|([01])\\|(${CATEGORY}(?:\\+${CATEGORY}){0,31})$`);
/** Longer values are not ours: refuse them before any parsing. */
export const MAX_COOKIE_LENGTH = 1200;

/** A random UUID v4 from crypto.getRandomValues (RFC 9562 §5.4). */
export function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function createRecord(
  id: string,
  categories: Record<string, boolean>,
  action: ConsentAction,
  gpc: boolean,
  revision: number,
  expiresAfterDays: number,
  now: number,
): ConsentRecord {
  return {
    id,
    timestamp: new Date(now).toISOString(),
    expires: new Date(now + expiresAfterDays * DAY).toISOString(),
    revision,
    categories,
    action,
    gpc,
  };
}

export function encodeRecord(record: ConsentRecord): string {
  const code = Object.keys(ACTIONS).find((k) => ACTIONS[k] === record.action);
  const cats = Object.entries(record.categories).map(([k, v]) => `${k}:${v ? 1 : 0}`);
  return ['cg1', record.id, Date.parse(record.timestamp), record.revision, code, record.gpc ? 1 : 0, cats.join('+')].join('|');
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

/** Parse a cookie value; null for anything not exactly in format cg1. Never throws. */
export function parseRecord(value: unknown): ParsedRecord | null {
  if (typeof value !== 'string' || value.length > MAX_COOKIE_LENGTH) return null;
  const m = FORMAT.exec(value);
  if (!m) return null;
  const categories: Record<string, boolean> = {};
  for (const pair of m[6]!.split('+')) {
    const [key, bit] = pair.split(':') as [string, string];
    // A repeated category, or a key that would touch Object.prototype, means tampering.
    if (Object.prototype.hasOwnProperty.call(categories, key) || key in Object.prototype) return null;
    categories[key] = bit === '1';
  }
  return { id: m[1]!, time: Number(m[2]), revision: Number(m[3]), action: ACTIONS[m[4]!]!, gpc: m[5] === '1', categories };
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
  if (!parsed || parsed.revision !== v.revision) return null;
  const expires = parsed.time + v.expiresAfterDays * DAY;
  if (!(v.now < expires) || parsed.time > v.now + DAY) return null;
  let categories = parsed.categories;
  if (v.categories) {
    categories = {};
    for (const c of v.categories) categories[c.key] = c.required || parsed.categories[c.key] === true;
  }
  return {
    id: parsed.id,
    timestamp: new Date(parsed.time).toISOString(),
    expires: new Date(expires).toISOString(),
    revision: parsed.revision,
    categories,
    action: parsed.action,
    gpc: parsed.gpc,
  };
}

/** Parse and check in one step: the valid decision in a cookie value, or null. */
export const decodeRecord = (value: unknown, v: Validity): ConsentRecord | null => validRecord(parseRecord(value), v);

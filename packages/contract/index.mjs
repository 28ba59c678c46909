// @ts-check
// The consent contract: the rules for consent ids, category keys, languages, actions,
// revisions and the nine receipt fields, written once. The browser code (config, cookie
// record, receipts), the server-side cookie reader and the consent log service all
// import this file, so a value one side produces is a value the other side accepts.
//
// Plain ESM without dependencies or side effects: the browser bundle inlines only the
// constants it uses; the log service imports it as the package consentgate-contract.

/** Pattern source (no anchors) of a UUID v4 in lower case, RFC 9562 §5.4: the consent id. */
export const UUID_V4 = '[\\da-f]{8}-[\\da-f]{4}-4[\\da-f]{3}-[89ab][\\da-f]{3}-[\\da-f]{12}';

/** Pattern source (no anchors) of a category key: a letter, then up to 31 letters, digits, `_` or `-`. */
export const CATEGORY_KEY = '[A-Za-z][\\w-]{0,31}';

/** A decision names at most this many categories (the cookie value and a receipt alike). */
export const MAX_CATEGORIES = 32;

/** Revisions run from 0 to 999999 (six digits in the cookie value). */
export const MIN_REVISION = 0;
export const MAX_REVISION = 999_999;

/** The three ways a decision is made. */
export const ACTIONS = /** @type {const} */ (['accept-all', 'reject-all', 'custom']);

/** The nine fields of a receipt, in the order the log checks them; no other field is allowed. */
export const RECEIPT_FIELDS = /** @type {const} */ (['id', 'timestamp', 'revision', 'categories', 'action', 'gpc', 'language', 'url', 'textHash']);

/** A BCP 47 language tag's shape (primary subtag and up to six subtags), e.g. `en`, `nl-NL`, `und`. */
export const LANGUAGE = /^[A-Za-z]{2,8}(-[A-Za-z\d]{1,8}){0,6}$/;

/** Longest `url` (a path) a receipt may carry. */
export const MAX_PATH = 2048;

/**
 * The consent cookie's value, version 1: fields joined by "|",
 *   cg1|<uuid v4>|<decision time, ms since epoch>|<revision>|<action a|r|c>|<gpc 0|1>|<category>:<0|1>+…
 * e.g. cg1|1b4e28ba-2fa1-41d2-883f-0016d3cca427|1764123456789|1|c|0|necessary:1+analytics:1+marketing:0
 * The action's code is its first letter; the revision's six digits are 0..999999.
 */
const COOKIE_CATEGORY = `${CATEGORY_KEY}:[01]`;
const COOKIE_FORMAT = new RegExp(
  `^cg1\\|(${UUID_V4})\\|(\\d{13})\\|(\\d{1,6})\\|([arc])\\|([01])\\|(${COOKIE_CATEGORY}(?:\\+${COOKIE_CATEGORY}){0,${MAX_CATEGORIES - 1}})$`,
);
/** @type {Record<string, 'accept-all' | 'reject-all' | 'custom'>} */
const ACTION_CODES = { a: 'accept-all', r: 'reject-all', c: 'custom' };

/** Longer cookie values are not ours: refused before any parsing. */
export const MAX_COOKIE_LENGTH = 1200;

/**
 * What a consent cookie value holds when it is well formed (format cg1), before any check
 * against a config or the clock; null for anything else. Never throws.
 * @param {unknown} value  the cookie value, already URI-decoded
 * @returns {{ id: string, time: number, revision: number, action: 'accept-all' | 'reject-all' | 'custom', gpc: boolean, categories: Record<string, boolean> } | null}
 */
export function parseConsentCookie(value) {
  const m = typeof value == 'string' && value.length <= MAX_COOKIE_LENGTH && COOKIE_FORMAT.exec(value);
  if (!m) return null;
  /** @type {Record<string, boolean>} */
  const categories = {};
  for (const pair of /** @type {string} */ (m[6]).split('+')) {
    const [key, bit] = /** @type {[string, string]} */ (pair.split(':'));
    // A repeated category means tampering. Own properties only: a name Object.prototype has
    // (constructor, toString) is an ordinary category key, and a polluted prototype changes nothing.
    if (Object.prototype.hasOwnProperty.call(categories, key)) return null;
    categories[key] = bit == '1';
  }
  return { id: /** @type {string} */ (m[1]), time: +(/** @type {string} */ (m[2])), revision: +(/** @type {string} */ (m[3])), action: /** @type {'accept-all'} */ (ACTION_CODES[/** @type {string} */ (m[4])]), gpc: m[5] == '1', categories };
}

/**
 * The consent cookie's value in a cookie string (`document.cookie`, or a `Cookie` request
 * header), as the browser, the server reader and the log service all read it: of the pairs,
 * split at "; " (RFC 6265 §5.4), whose name is exactly `name` and whose value parses as format
 * cg1, the one with the latest decision time (the first of equals); undefined when there is none.
 * Two of that name (a copy left on another path or domain by an older config) are listed longer
 * path first, then oldest first (RFC 6265 §5.4): the visitor's latest decision must win, a
 * withdrawal above all. Nothing is decoded: a cg1 value holds only cookie-octets
 * (RFC 6265 §4.1.1), so it is written as it is, and a quoted or percent-encoded value, or a
 * percent-encoded name, is not ours. Never throws.
 * @param {string} cookies
 * @param {string} name
 * @returns {string | undefined}
 */
export function consentCookieValue(cookies, name) {
  let found;
  let time = -1;
  for (const pair of cookies.split('; ')) {
    const value = pair.startsWith(name + '=') && pair.slice(name.length + 1);
    const parsed = parseConsentCookie(value);
    if (parsed && parsed.time > time) (found = /** @type {string} */ (value)), (time = parsed.time);
  }
  return found;
}

const UUID_ANY_CASE = new RegExp(`^${UUID_V4}$`, 'i');
const CATEGORY_KEY_ONLY = new RegExp(`^${CATEGORY_KEY}$`);
// RFC 3339 profile of ISO 8601: date, time, optional fraction, zone required.
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;
// location.pathname: starts with "/", percent-encoded printable ASCII ("?" and "#" are refused apart).
const PATH = /^\/[\x21-\x7e]*$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;

/**
 * A receipt as the browser sends it and the log stores it (ids and hashes in lower case).
 * @typedef {Object} Receipt
 * @property {string} id          consent id, UUID v4
 * @property {string} timestamp   ISO 8601 date-time with a zone: when the visitor decided, by the browser's clock
 * @property {number} revision    the config revision the visitor saw, 0..999999
 * @property {Record<string, boolean>} categories  every category, granted or not (1..32 keys)
 * @property {'accept-all' | 'reject-all' | 'custom'} action
 * @property {boolean} gpc        Global Privacy Control was on
 * @property {string} language    language tag of the texts shown
 * @property {string} url         page path, no query or fragment
 * @property {string} textHash    hex SHA-256 of the canonical JSON of the texts shown
 */

/** @typedef {{ ok: true, receipt: Receipt } | { ok: false, field: string, message: string }} ValidationResult */

/**
 * True for a category key: the pattern above. Names Object.prototype has (`constructor`,
 * `toString`…) are ordinary keys: every reader of a decision reads own properties only, and a
 * live `in Object.prototype` test would let a polluted prototype refuse a site's whole config.
 * @param {unknown} key
 * @returns {boolean}
 */
export function isCategoryKey(key) {
  return typeof key === 'string' && CATEGORY_KEY_ONLY.test(key);
}

/**
 * True for a UUID v4 in any letter case.
 * @param {unknown} value
 * @returns {value is string}
 */
export function isUuidV4(value) {
  return typeof value === 'string' && UUID_ANY_CASE.test(value);
}

/**
 * True for an ISO 8601 date-time with a zone whose calendar date and clock exist.
 * @param {unknown} value
 * @returns {value is string}
 */
export function isIsoTimestamp(value) {
  if (typeof value !== 'string') return false;
  const m = ISO_TIMESTAMP.exec(value);
  if (!m) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return Number.isFinite(Date.parse(value));
}

/**
 * JSON with object keys sorted at every level and no white space: the same value always
 * gives the same text, so the same texts always give the same SHA-256. Arrays keep their
 * order; `undefined` inside an array becomes `null`, as in JSON.stringify.
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value) {
  return Array.isArray(value)
    ? `[${value.map(canonicalJson)}]`
    : value && typeof value == 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => JSON.stringify(key) + ':' + canonicalJson(/** @type {Record<string, unknown>} */ (value)[key]))}}`
      : (JSON.stringify(value) ?? 'null');
}

/**
 * Check a parsed JSON body against the receipt rules. Strict: an unknown field is refused,
 * so nothing a client adds (an IP address, a user agent) can slip into the log. The first
 * problem is reported, field by field in RECEIPT_FIELDS order, as `{ field, message }`
 * with the message starting with the field's name.
 * @param {unknown} body
 * @returns {ValidationResult}
 */
export function validateReceipt(body) {
  const fail = (/** @type {string} */ field, /** @type {string} */ message) => ({ ok: /** @type {const} */ (false), field, message: `${field}: ${message}` });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return fail('body', 'must be a JSON object');
  const b = /** @type {Record<string, unknown>} */ (body);
  for (const key of Object.keys(b)) {
    if (!(/** @type {readonly string[]} */ (RECEIPT_FIELDS).includes(key))) return fail(key.slice(0, 64), 'unknown field');
  }
  const missing = (/** @type {string} */ key) => !Object.prototype.hasOwnProperty.call(b, key);
  if (missing('id')) return fail('id', 'is required');
  const id = b.id;
  if (!isUuidV4(id)) return fail('id', 'must be a UUID v4');
  if (missing('timestamp')) return fail('timestamp', 'is required');
  const timestamp = b.timestamp;
  if (!isIsoTimestamp(timestamp)) return fail('timestamp', 'must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T12:00:00.000Z');
  if (missing('revision')) return fail('revision', 'is required');
  const revision = b.revision;
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < MIN_REVISION || revision > MAX_REVISION) {
    return fail('revision', `must be an integer from ${MIN_REVISION} to ${MAX_REVISION}`);
  }
  if (missing('categories')) return fail('categories', 'is required');
  const categories = b.categories;
  if (categories === null || typeof categories !== 'object' || Array.isArray(categories)) {
    return fail('categories', 'must be an object of booleans');
  }
  const entries = Object.entries(categories);
  if (entries.length === 0 || entries.length > MAX_CATEGORIES) return fail('categories', `must have 1 to ${MAX_CATEGORIES} entries`);
  for (const [key, value] of entries) {
    if (!isCategoryKey(key)) return fail('categories', `key ${JSON.stringify(key.slice(0, 70))} is not a category key (${CATEGORY_KEY})`);
    if (typeof value !== 'boolean') return fail(`categories.${key}`, 'must be a boolean');
  }
  if (missing('action')) return fail('action', 'is required');
  const action = b.action;
  if (typeof action !== 'string' || !(/** @type {readonly string[]} */ (ACTIONS).includes(action))) {
    return fail('action', `must be one of ${ACTIONS.join(', ')}`);
  }
  if (missing('gpc')) return fail('gpc', 'is required');
  if (typeof b.gpc !== 'boolean') return fail('gpc', 'must be a boolean');
  if (missing('language')) return fail('language', 'is required');
  if (typeof b.language !== 'string' || !LANGUAGE.test(b.language)) return fail('language', 'must be a language tag such as en or nl-NL');
  if (missing('url')) return fail('url', 'is required');
  if (typeof b.url !== 'string' || b.url.length > MAX_PATH || !PATH.test(b.url)) {
    return fail('url', `must be a path starting with / (printable ASCII, at most ${MAX_PATH} characters)`);
  }
  if (b.url.includes('?') || b.url.includes('#')) return fail('url', 'must not contain a query string or fragment');
  if (missing('textHash')) return fail('textHash', 'is required');
  if (typeof b.textHash !== 'string' || !SHA256_HEX.test(b.textHash)) return fail('textHash', 'must be 64 hexadecimal characters (SHA-256)');
  return {
    ok: true,
    receipt: {
      id: id.toLowerCase(),
      timestamp,
      revision,
      categories: Object.fromEntries(entries),
      action: /** @type {Receipt['action']} */ (action),
      gpc: b.gpc,
      language: b.language,
      url: b.url,
      textHash: b.textHash.toLowerCase(),
    },
  };
}

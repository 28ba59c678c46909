// @ts-check
// The one shape a consent receipt may have (issue 6, point 1). Strict on purpose:
// unknown fields are refused, so nothing a client adds (an IP address, a user
// agent, a fingerprint) can slip into the log.

/**
 * A receipt as the browser sends it and the log stores it.
 * @typedef {Object} Receipt
 * @property {string} id          consent id, UUID v4, lower case
 * @property {string} timestamp   ISO 8601 of the decision, as the browser sent it
 * @property {number} revision    the policy revision the visitor saw
 * @property {Record<string, boolean>} categories
 * @property {'accept-all' | 'reject-all' | 'custom'} action
 * @property {boolean} gpc        Global Privacy Control was on
 * @property {string} language    language of the texts shown
 * @property {string} url         page path, no query or fragment
 * @property {string} textHash    hex SHA-256 of the texts shown
 */

/** @typedef {{ ok: true, receipt: Receipt } | { ok: false, field: string, message: string }} ValidationResult */

export const ACTIONS = /** @type {const} */ (['accept-all', 'reject-all', 'custom']);

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// RFC 3339 profile of ISO 8601: date, time, optional fraction, zone required.
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;
// BCP 47 shape only (a primary subtag and optional subtags); the value is informative.
const LANGUAGE = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,6}$/;
// location.pathname: starts with "/", percent-encoded, never holds "?" or "#".
const PATH = /^\/[\x21-\x7e]*$/;
const CATEGORY_KEY = /^[A-Za-z0-9_.-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const MAX_CATEGORIES = 32;
const MAX_PATH = 2048;
// Both stores keep the revision in a 32-bit integer column.
const MAX_REVISION = 2_147_483_647;

const FIELDS = ['id', 'timestamp', 'revision', 'categories', 'action', 'gpc', 'language', 'url', 'textHash'];

/**
 * True for a UUID v4 in any letter case.
 * @param {unknown} value
 * @returns {value is string}
 */
export function isUuidV4(value) {
  return typeof value === 'string' && UUID_V4.test(value);
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
 * Check a parsed JSON body against the receipt schema.
 * @param {unknown} body
 * @returns {ValidationResult}
 */
export function validateReceipt(body) {
  const fail = (/** @type {string} */ field, /** @type {string} */ message) => ({ ok: /** @type {const} */ (false), field, message: `${field}: ${message}` });
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return fail('body', 'must be a JSON object');
  const b = /** @type {Record<string, unknown>} */ (body);
  for (const key of Object.keys(b)) {
    if (!FIELDS.includes(key)) return fail(key.slice(0, 64), 'unknown field');
  }
  // Field by field in a fixed order, so the first problem named is predictable.
  const missing = (/** @type {string} */ key) => !Object.prototype.hasOwnProperty.call(b, key);
  if (missing('id')) return fail('id', 'is required');
  const id = b.id;
  if (!isUuidV4(id)) return fail('id', 'must be a UUID v4');
  if (missing('timestamp')) return fail('timestamp', 'is required');
  const timestamp = b.timestamp;
  if (!isIsoTimestamp(timestamp)) return fail('timestamp', 'must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T12:00:00.000Z');
  if (missing('revision')) return fail('revision', 'is required');
  if (typeof b.revision !== 'number' || !Number.isSafeInteger(b.revision) || b.revision < 1 || b.revision > MAX_REVISION) {
    return fail('revision', `must be a positive integer up to ${MAX_REVISION}`);
  }
  if (missing('categories')) return fail('categories', 'is required');
  const categories = b.categories;
  if (categories === null || typeof categories !== 'object' || Array.isArray(categories)) {
    return fail('categories', 'must be an object of booleans');
  }
  const entries = Object.entries(categories);
  if (entries.length === 0 || entries.length > MAX_CATEGORIES) return fail('categories', `must have 1 to ${MAX_CATEGORIES} entries`);
  for (const [key, value] of entries) {
    if (!CATEGORY_KEY.test(key)) return fail('categories', `key ${JSON.stringify(key.slice(0, 70))} is not a category name`);
    if (typeof value !== 'boolean') return fail(`categories.${key}`, 'must be a boolean');
  }
  if (missing('action')) return fail('action', 'is required');
  if (typeof b.action !== 'string' || !ACTIONS.includes(/** @type {any} */ (b.action))) {
    return fail('action', `must be one of ${ACTIONS.join(', ')}`);
  }
  if (missing('gpc')) return fail('gpc', 'is required');
  if (typeof b.gpc !== 'boolean') return fail('gpc', 'must be a boolean');
  if (missing('language')) return fail('language', 'is required');
  if (typeof b.language !== 'string' || !LANGUAGE.test(b.language)) return fail('language', 'must be a language tag such as en or nl-NL');
  if (missing('url')) return fail('url', 'is required');
  if (typeof b.url !== 'string' || b.url.length > MAX_PATH || !PATH.test(b.url)) {
    return fail('url', 'must be a path starting with / (printable ASCII, at most 2048 characters)');
  }
  if (b.url.includes('?') || b.url.includes('#')) return fail('url', 'must not contain a query string or fragment');
  if (missing('textHash')) return fail('textHash', 'is required');
  if (typeof b.textHash !== 'string' || !SHA256_HEX.test(b.textHash)) return fail('textHash', 'must be 64 hexadecimal characters (SHA-256)');
  return {
    ok: true,
    receipt: {
      id: id.toLowerCase(),
      timestamp,
      revision: b.revision,
      categories: Object.fromEntries(entries),
      action: /** @type {Receipt['action']} */ (b.action),
      gpc: b.gpc,
      language: b.language,
      url: b.url,
      textHash: b.textHash.toLowerCase(),
    },
  };
}

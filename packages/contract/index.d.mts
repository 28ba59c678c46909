// Emitted from the JSDoc in index.mjs (npx tsc index.mjs --allowJs --declaration --emitDeclarationOnly); do not edit by hand.
/**
 * What a consent cookie value holds when it is well formed (format cg1), before any check
 * against a config or the clock; null for anything else. Never throws.
 * @param {unknown} value  the cookie value, already URI-decoded
 * @returns {{ id: string, time: number, revision: number, action: 'accept-all' | 'reject-all' | 'custom', gpc: boolean, categories: Record<string, boolean> } | null}
 */
export function parseConsentCookie(value: unknown): {
    id: string;
    time: number;
    revision: number;
    action: "accept-all" | "reject-all" | "custom";
    gpc: boolean;
    categories: Record<string, boolean>;
} | null;
/**
 * The consent cookie's value in a cookie string (`document.cookie`, or a `Cookie` request
 * header), as the browser, the server reader and the log service all read it: the first pair,
 * split at "; " (RFC 6265 §5.4), whose name is exactly `name` and whose value parses as format
 * cg1; undefined when there is none. Nothing is decoded: a cg1 value holds only cookie-octets
 * (RFC 6265 §4.1.1), so it is written as it is, and a quoted or percent-encoded value, or a
 * percent-encoded name, is not ours. Never throws.
 * @param {string} cookies
 * @param {string} name
 * @returns {string | undefined}
 */
export function consentCookieValue(cookies: string, name: string): string | undefined;
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
export function isCategoryKey(key: unknown): boolean;
/**
 * True for a UUID v4 in any letter case.
 * @param {unknown} value
 * @returns {value is string}
 */
export function isUuidV4(value: unknown): value is string;
/**
 * True for an ISO 8601 date-time with a zone whose calendar date and clock exist.
 * @param {unknown} value
 * @returns {value is string}
 */
export function isIsoTimestamp(value: unknown): value is string;
/**
 * JSON with object keys sorted at every level and no white space: the same value always
 * gives the same text, so the same texts always give the same SHA-256. Arrays keep their
 * order; `undefined` inside an array becomes `null`, as in JSON.stringify.
 * @param {unknown} value
 * @returns {string}
 */
export function canonicalJson(value: unknown): string;
/**
 * Check a parsed JSON body against the receipt rules. Strict: an unknown field is refused,
 * so nothing a client adds (an IP address, a user agent) can slip into the log. The first
 * problem is reported, field by field in RECEIPT_FIELDS order, as `{ field, message }`
 * with the message starting with the field's name.
 * @param {unknown} body
 * @returns {ValidationResult}
 */
export function validateReceipt(body: unknown): ValidationResult;
/** Pattern source (no anchors) of a UUID v4 in lower case, RFC 9562 §5.4: the consent id. */
export const UUID_V4: "[\\da-f]{8}-[\\da-f]{4}-4[\\da-f]{3}-[89ab][\\da-f]{3}-[\\da-f]{12}";
/** Pattern source (no anchors) of a category key: a letter, then up to 31 letters, digits, `_` or `-`. */
export const CATEGORY_KEY: "[A-Za-z][\\w-]{0,31}";
/** A decision names at most this many categories (the cookie value and a receipt alike). */
export const MAX_CATEGORIES: 32;
/** Revisions run from 0 to 999999 (six digits in the cookie value). */
export const MIN_REVISION: 0;
export const MAX_REVISION: 999999;
/** The three ways a decision is made. */
export const ACTIONS: readonly ["accept-all", "reject-all", "custom"];
/** The nine fields of a receipt, in the order the log checks them; no other field is allowed. */
export const RECEIPT_FIELDS: readonly ["id", "timestamp", "revision", "categories", "action", "gpc", "language", "url", "textHash"];
/** A BCP 47 language tag's shape (primary subtag and up to six subtags), e.g. `en`, `nl-NL`, `und`. */
export const LANGUAGE: RegExp;
/** Longest `url` (a path) a receipt may carry. */
export const MAX_PATH: 2048;
/** Longer cookie values are not ours: refused before any parsing. */
export const MAX_COOKIE_LENGTH: 1200;
/**
 * A receipt as the browser sends it and the log stores it (ids and hashes in lower case).
 */
export type Receipt = {
    /**
     * consent id, UUID v4
     */
    id: string;
    /**
     * ISO 8601 date-time with a zone: when the visitor decided, by the browser's clock
     */
    timestamp: string;
    /**
     * the config revision the visitor saw, 0..999999
     */
    revision: number;
    /**
     * every category, granted or not (1..32 keys)
     */
    categories: Record<string, boolean>;
    action: "accept-all" | "reject-all" | "custom";
    /**
     * Global Privacy Control was on
     */
    gpc: boolean;
    /**
     * language tag of the texts shown
     */
    language: string;
    /**
     * page path, no query or fragment
     */
    url: string;
    /**
     * hex SHA-256 of the canonical JSON of the texts shown
     */
    textHash: string;
};
export type ValidationResult = {
    ok: true;
    receipt: Receipt;
} | {
    ok: false;
    field: string;
    message: string;
};

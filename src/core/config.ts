// Validate a config once, apply defaults and freeze it: nothing downstream checks again.
// Each object is a table of key → check, and one walker applies a table: it reports
// unknown keys, runs every check and fills in defaults. Every problem is collected with
// its path, so one error names them all. Written for size: this ships in the drop-in.
import { CATEGORY_KEY, MAX_CATEGORIES, MAX_REVISION, MIN_REVISION, isCategoryKey } from '../../packages/contract/index.mjs';
import type { ConsentModeSignal, ResolvedConfig } from '../types';
import { scriptUrl } from './url';

/** Thrown by init() for a bad config; its message lists every problem with its path. */
export class ConsentGateConfigError extends Error {
  override name = 'ConsentGateConfigError';
  /** `problems`: one entry per problem, e.g. `expiresAfterDays: must be an integer from 1 to 395`. */
  constructor(readonly problems: readonly string[]) {
    super(`invalid config:\n- ${problems.join('\n- ')}`);
  }
}

// Lists are written as one string each, which the messages quote as it is.
const split = (list: string): string[] => list.split(', ');
const SIGNAL_LIST = 'ad_storage, ad_user_data, ad_personalization, analytics_storage, functionality_storage, personalization_storage, security_storage';
export const SIGNALS = split(SIGNAL_LIST) as readonly ConsentModeSignal[];
const DATA_POINTS = 'device, ip, browser, os, pages, clicks, login, host';
const LOCALIZED = '{ en, nl }';
const URL_MESSAGE = 'a path or an http(s) URL';
const URL_OR_PATH = /^(https?:\/\/|\/)/;


/**
 * Checks the value at `path` (undefined when absent; `key` is the last part of the path)
 * and returns what the resolved config gets there, or undefined after reporting a problem.
 */
type Check = (value: any, path: string, key: string) => unknown;

let problems: string[] = [];
/** The category keys, once checked: the keys Consent Mode's `map` may use. */
let categoryKeys: string[] = [];
const fail = (path: string, message: string): undefined => void problems.push(`${path}: ${message}`);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A value that passes `ok` (else "must be " + `message`); `fallback` when absent (a fallback of null makes absence a problem). */
const is =
  (ok: (v: any) => unknown, message: string, fallback?: unknown): Check =>
  (v = fallback, path) =>
    v === undefined || ok(v) ? v : fail(path, `must be ${message}`);
const string = (re: RegExp, message = 'a string', fallback?: string | null): Check => is((v) => typeof v === 'string' && re.test(v), message, fallback);
const flag = (fallback?: boolean): Check => is((v) => v === !!v, 'true or false', fallback);
const integer = (fallback: number, max: number, min = 1): Check => is((v) => Number.isInteger(v) && v >= min && v <= max, `an integer from ${min} to ${max}`, fallback);
/** One of the listed strings; the first when absent. */
const oneOf = (list: string): Check => {
  const options = split(list);
  return is((v) => options.includes(v), `one of ${list}`, options[0]);
};
/** An array (empty when absent) whose items each pass `item`. */
const array =
  (item: Check): Check =>
  (v = [], path) =>
    Array.isArray(v) ? v.map((x, i) => item(x ?? null, `${path}[${i}]`, '')) : fail(path, 'must be an array');
/**
 * An object (all defaults when absent) with the keys of `spec`, each checked by its own
 * check; or, when `spec` is one check, any keys, all checked by it. Unknown keys are
 * reported.
 */
const object =
  (spec: Record<string, Check> | Check, message = 'an object'): Check =>
  (v = {}, path) => {
    if (!isObject(v)) return fail(path || 'config', `must be ${message}`);
    const at = (key: string): string => (path ? `${path}.${key}` : key);
    const known = Object.keys(typeof spec === 'function' ? v : spec);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (!known.includes(key)) fail(at(key), 'unknown key');
    }
    for (const key of known) out[key] = (typeof spec === 'function' ? spec : spec[key]!)(v[key], at(key), key);
    return out;
  };

const isLocalized = (v: any): boolean =>
  typeof v === 'string' || (/^(en|nl)(,(en|nl))?$/.test(`${Object.keys(v ?? 0)}`) && Object.values(v).every((s) => typeof s === 'string'));
const localized = is(isLocalized, `a string or ${LOCALIZED}`);
const nonEmpty = string(/\S/, 'a non-empty string');
const text = string(/^/);
const signals = array(oneOf(SIGNAL_LIST));
const url = string(URL_OR_PATH, URL_MESSAGE);

const cookieDeclaration = object({
  name: nonEmpty,
  match: (v, path) => {
    try {
      if (v === undefined || (typeof v === 'string' && RegExp(v))) return v;
    } catch {
      // reported below
    }
    return fail(path, 'not a valid regular expression');
  },
  provider: text,
  purpose: localized,
  expires: localized,
});
const categorySettings = object({
  required: flag(),
  label: localized,
  description: localized,
  data: array(is((v) => (typeof v === 'string' ? split(DATA_POINTS).includes(v) : isLocalized(v)), `one of ${DATA_POINTS} or ${LOCALIZED}`)),
  cookies: array((v, path, key) => {
    const cookie = cookieDeclaration(v, path, key);
    if (cookie && v.name == null && v.match == null) fail(path, 'needs "name" or "match"');
    return cookie;
  }),
  vendors: array(object({ name: string(/\S/, 'a non-empty string', null), url })),
});
const categories = object((v, path, key) => {
  if (!isCategoryKey(key)) fail(path, `key must match /^${CATEGORY_KEY}$/`);
  if (v?.label === undefined && !/^(necessary|preferences|analytics|marketing)$/.test(key)) fail(`${path}.label`, 'required (no built-in label)');
  const settings = categorySettings(v ?? null, path, key) as { required?: boolean } | undefined;
  return { ...settings, key, required: settings?.required ?? key === 'necessary' };
});
const consentMode = object(
  {
    map: (v, path, key) =>
      v === undefined
        ? { marketing: SIGNALS.slice(0, 3), analytics: SIGNALS.slice(3, 4), preferences: SIGNALS.slice(4, 6) }
        : object(Object.fromEntries(categoryKeys.map((k) => [k, signals])))(v, path, key),
    adsDataRedaction: flag(false),
    urlPassthrough: flag(false),
    regions: array(
      object({
        // ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision; "EU" is not a country code.
        region: is(
          (v) => Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string' && /^(?!EU$)[A-Z]{2}(-[A-Z\d]{1,3})?$/.test(c)),
          'ISO 3166 codes like "NL", "US-CA", not "EU"',
          null,
        ),
        granted: signals,
      }),
    ),
  },
  'a boolean or an object',
);
const config = object({
  categories: (v, path, key) => {
    const out = categories(v ?? null, path, key);
    const list = Object.values((out ?? {}) as Record<string, { key: string; required: boolean }>);
    if (out && !list.some((c) => !c.required)) fail(path, 'needs a non-required category');
    // The cookie value and a receipt hold at most this many.
    if (list.length > MAX_CATEGORIES) fail(path, `at most ${MAX_CATEGORIES} categories`);
    categoryKeys = Object.keys(out ?? {});
    return list;
  },
  revision: integer(1, MAX_REVISION, MIN_REVISION),
  expiresAfterDays: integer(182, 395),
  cookie: object({
    name: string(/^[\w!#$%&'*+.^`|~-]+$/, 'a valid cookie name', 'consentgate'),
    domain: string(/^(\.?[a-z\d-]+(\.[a-z\d-]+)*)?$/i, 'a host name', ''),
    path: string(/^\/[^;\s]*$/, 'a "/…" path without ";" or spaces', '/'),
    sameSite: oneOf('Lax, Strict, None'),
  }),
  language: oneOf('auto, en, nl'),
  texts: object({ en: object(text), nl: object(text) }),
  controller: string(/^/, undefined, ''),
  privacyPolicyUrl: is((v) => typeof v === 'string' && !scriptUrl(v), URL_MESSAGE, ''),
  layout: oneOf('bar, box'),
  theme: oneOf('auto, light, dark'),
  reopenButton: flag(true),
  respectGPC: flag(true),
  googleConsentMode: (v = false, path, key) => v !== false && consentMode(v === true ? {} : v, path, key),
  logEndpoint: (v = null, path, key) => (v === null ? v : url(v, path, key)),
});

/** Apply defaults, validate every field and freeze; throws ConsentGateConfigError listing every problem. */
export function resolveConfig(input: unknown): ResolvedConfig {
  problems = [];
  categoryKeys = [];
  const resolved = config(input ?? null, '', '');
  if (problems.length) throw new ConsentGateConfigError(problems);
  // A deep copy (a config is JSON by contract), frozen bottom-up: the caller's objects stay as they were.
  return JSON.parse(JSON.stringify(resolved), (_, v: unknown) => Object.freeze(v)) as ResolvedConfig;
}

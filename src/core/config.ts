// Validate a config once, apply defaults and freeze it: nothing downstream checks again.
// Each object is a table of key → check, and one walker applies a table: it reports
// unknown keys, runs every check and fills in defaults. Every problem is collected with
// its path, so one error names them all. Written for size: this ships in the drop-in.
import { CATEGORY_KEY, MAX_CATEGORIES, MAX_REVISION, MIN_REVISION, isCategoryKey } from '../../packages/contract/index.mjs';
import type { ConsentModeSignal, ResolvedConfig } from '../types';
import { own } from './record';
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


/** One validation: the problems found so far, and the category keys once checked (the keys Consent Mode's `map` may use). */
interface Run {
  problems: string[];
  keys: string[];
}

/**
 * Checks the value at `path` (undefined when absent; `key` is the last part of the path)
 * and returns what the resolved config gets there, or undefined after reporting a problem in `run`.
 */
type Check = (value: any, path: string, key: string, run: Run) => unknown;

const fail = (run: Run, path: string, message: string): undefined => void run.problems.push(`${path}: ${message}`);
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A value that passes `ok` (else "must be " + `message`); `fallback` when absent (a fallback of null makes absence a problem). */
const is =
  (ok: (v: any) => unknown, message: string, fallback?: unknown): Check =>
  (v = fallback, path, _, run) =>
    v === undefined || ok(v) ? v : fail(run, path, `must be ${message}`);
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
  (v = [], path, _, run) =>
    Array.isArray(v) ? v.map((x, i) => item(x ?? null, `${path}[${i}]`, '', run)) : fail(run, path, 'must be an array');
/**
 * An object (all defaults when absent) with the keys of `spec`, each checked by its own
 * check; or, when `spec` is one check, any keys, all checked by it. Unknown keys are
 * reported.
 */
const object =
  (spec: Record<string, Check> | Check, message = 'an object'): Check =>
  (v = {}, path, _, run) => {
    if (!isObject(v)) return fail(run, path || 'config', `must be ${message}`);
    const at = (key: string): string => (path ? `${path}.${key}` : key);
    const known = Object.keys(typeof spec === 'function' ? v : spec);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (!known.includes(key)) fail(run, at(key), 'unknown key');
    }
    // Own properties only: a key set on Object.prototype is no config value.
    for (const key of known) out[key] = (typeof spec === 'function' ? spec : spec[key]!)(own(v, key), at(key), key, run);
    return out;
  };

const isLocalized = (v: any): boolean =>
  typeof v === 'string' || (/^(en|nl)(,(en|nl))?$/.test(`${Object.keys(v ?? 0)}`) && Object.values(v).every((s) => typeof s === 'string'));
const localized = is(isLocalized, `a string or ${LOCALIZED}`);
const nonEmpty = string(/\S/, 'a non-empty string');
const text = string(/^/);
const signal = oneOf(SIGNAL_LIST);
const url = string(URL_OR_PATH, URL_MESSAGE);

const cookieDeclaration = object({
  name: nonEmpty,
  match: (v, path, _, run) => {
    try {
      if (v === undefined || (typeof v === 'string' && RegExp(v))) return v;
    } catch {
      // reported below
    }
    return fail(run, path, 'not a valid regular expression');
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
  cookies: array((v, path, key, run) => {
    const cookie = cookieDeclaration(v, path, key, run);
    if (cookie && own(v, 'name') == null && own(v, 'match') == null) fail(run, path, 'needs "name" or "match"');
    return cookie;
  }),
  vendors: array(object({ name: string(/\S/, 'a non-empty string', null), url })),
});
const cookieSettings = object({
  name: string(/^[\w!#$%&'*+.^`|~-]{1,64}$/, 'a valid cookie name', 'consentgate'),
  domain: string(/^(\.?[a-z\d-]+(\.[a-z\d-]+)*)?$/i, 'a host name', ''),
  path: string(/^\/[^;\s]*$/, 'a "/…" path without ";" or spaces', '/'),
  sameSite: oneOf('Lax, Strict, None'),
});
const categories = object((v, path, key, run) => {
  if (!isCategoryKey(key)) fail(run, path, `key must match /^${CATEGORY_KEY}$/`);
  if (own(v ?? {}, 'label') === undefined && !/^(necessary|preferences|analytics|marketing)$/.test(key)) fail(run, `${path}.label`, 'required (no built-in label)');
  const settings = categorySettings(v ?? null, path, key, run) as { required?: boolean } | undefined;
  return { ...settings, key, required: settings?.required ?? key === 'necessary' };
});
/** A key of a configured category; `fallback` when absent. */
const category =
  (fallback: string): Check =>
  (v = fallback, path, _key, run) =>
    run.keys.includes(v) ? v : fail(run, path, `must be one of ${run.keys.join(', ')}`);
/** An opt-in: false (the default), true (every default of `spec`), or options checked by `spec`. */
const optIn =
  (spec: Record<string, Check>): Check =>
  (v = false, path, key, run) =>
    v !== false && object(spec, 'a boolean or an object')(v === true ? {} : v, path, key, run);
/**
 * A map from configured category keys to signal names, each checked by `signal`; `fallback` when
 * absent. Checked after the categories, whatever the order of the keys in the input (see `config`).
 */
const signalMap =
  (signal: Check, fallback: Record<string, readonly string[]>): Check =>
  (v, path, key, run) =>
    v === undefined ? fallback : object(Object.fromEntries(run.keys.map((k) => [k, array(signal)])))(v, path, key, run);
// The keys are checked in the order written here (categories first), not in the input's order.
const config = object({
  categories: (v, path, key, run) => {
    const out = categories(v ?? null, path, key, run);
    const list = Object.values((out ?? {}) as Record<string, { key: string; required: boolean }>);
    if (out && !list.some((c) => !c.required)) fail(run, path, 'needs a non-required category');
    // The cookie value and a receipt hold at most this many; a decision on more would be lost on the next page.
    if (list.length > MAX_CATEGORIES) fail(run, path, `at most ${MAX_CATEGORIES} categories`);
    run.keys = Object.keys(out ?? {});
    return list;
  },
  revision: integer(1, MAX_REVISION, MIN_REVISION),
  expiresAfterDays: integer(182, 395),
  cookie: (v, path, key, run) => {
    const cookie = cookieSettings(v, path, key, run) as ResolvedConfig['cookie'] | undefined;
    // RFC 6265bis §4.1.3.2: the browser refuses a __Host- cookie with a Domain or a Path other than "/".
    if (cookie && /^__Host-/i.test(cookie.name) && (cookie.domain || cookie.path != '/')) fail(run, `${path}.name`, 'a __Host- cookie needs path "/" and no domain');
    return cookie;
  },
  language: oneOf('auto, en, nl'),
  texts: object({ en: object(text), nl: object(text) }),
  controller: string(/^/, undefined, ''),
  privacyPolicyUrl: is((v) => typeof v === 'string' && !scriptUrl(v), URL_MESSAGE, ''),
  layout: oneOf('bar, box'),
  theme: oneOf('auto, light, dark'),
  reopenButton: flag(true),
  respectGPC: flag(true),
  googleConsentMode: optIn({
    map: signalMap(signal, { marketing: SIGNALS.slice(0, 3), analytics: SIGNALS.slice(3, 4), preferences: SIGNALS.slice(4, 6) }),
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
        granted: array(signal),
      }),
    ),
  }),
  microsoftConsentMode: optIn({ map: signalMap(oneOf('ad_storage, analytics_storage'), { marketing: ['ad_storage'], analytics: ['analytics_storage'] }) }),
  metaPixel: optIn({ category: category('marketing') }),
  matomo: optIn({ category: category('analytics'), cookiesOnly: flag(false) }),
  logEndpoint: (v = null, path, key, run) => (v === null ? v : url(v, path, key, run)),
  assetsUrl: is((v) => v === '' || (typeof v == 'string' && URL_OR_PATH.test(v) && !scriptUrl(v) && v.endsWith('/')), `${URL_MESSAGE} ending in "/"`, ''),
});

/** Apply defaults, validate every field and freeze; throws ConsentGateConfigError listing every problem. */
export function resolveConfig(input: unknown): ResolvedConfig {
  const run: Run = { problems: [], keys: [] };
  const resolved = config(input ?? null, '', '', run);
  if (run.problems.length) throw new ConsentGateConfigError(run.problems);
  // A deep copy (a config is JSON by contract), frozen bottom-up: the caller's objects stay as they were.
  // Its objects have no prototype, so no reader of the config can meet a key set on Object.prototype.
  return JSON.parse(JSON.stringify(resolved), (_, v: unknown) => Object.freeze(isObject(v) ? Object.setPrototypeOf(v, null) : v)) as ResolvedConfig;
}

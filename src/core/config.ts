// Validate a config once, apply defaults and freeze it: nothing downstream checks again.
// The schema is a table of key → check, built afresh for each call (so one validation shares
// nothing with another); one walker applies a table: it reports unknown keys, runs every check
// and fills in defaults. Every problem is collected with its path, so one error names them all.
// Written for size: this ships in the drop-in.
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

const SIGNAL_LIST = 'ad_storage, ad_user_data, ad_personalization, analytics_storage, functionality_storage, personalization_storage, security_storage';
export const SIGNALS = SIGNAL_LIST.split(', ') as readonly ConsentModeSignal[];
const DATA_POINTS = 'device, ip, browser, os, pages, clicks, login, host';
const LOCALIZED = ' or { en, nl }';
const URL_MESSAGE = 'a path or an http(s) URL';
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v == 'string';
/** A string, or an object of one or both of `en` and `nl`, each a string. */
const isLocalized = (v: any): boolean => isString(v) || (/^(en|nl)(,(en|nl))?$/.test(`${Object.keys(v ?? 0)}`) && Object.values(v).every(isString));
/** A path or an http(s) URL (neither can run script: see ./url). */
const isUrl = (v: unknown): boolean => isString(v) && /^(https?:\/\/|\/)/.test(v);

/**
 * Checks the value at `path` (undefined when absent; `key` is the last part of the path) and
 * returns what the resolved config gets there, or undefined after reporting a problem.
 */
type Check = (value: any, path: string, key?: string) => any;

/** Apply defaults, validate every field and freeze; throws ConsentGateConfigError listing every problem. */
export function resolveConfig(input: unknown): ResolvedConfig {
  const problems: string[] = [];
  /** The configured category keys, once checked: what Consent Mode's `map` and a vendor's `category` may name. */
  let keys: string[] = [];
  // Paths are built as ".a.b[0]": the leading dot goes, and the whole config is called "config".
  const fail = (path: string, problem: string): undefined => void problems.push(`${path.slice(1) || 'config'}: ${problem}`);

  /**
   * A value that passes `ok`, else the problem "must be " + `what` (or `problem`, worded otherwise);
   * `fallback` when absent (a fallback of null makes absence a problem).
   */
  const is =
    (ok: (v: any) => unknown, what: string, fallback?: unknown, problem = `must be ${what}`): Check =>
    (v = fallback, path) =>
      v === undefined || ok(v) ? v : fail(path, problem);
  const string = (re: RegExp, what: string, fallback?: string | null): Check => is((v) => isString(v) && re.test(v), what, fallback);
  const flag = (fallback?: boolean): Check => is((v) => v === !!v, 'true or false', fallback);
  const integer = (fallback: number, max: number, min = 1): Check => is((v) => Number.isInteger(v) && v >= min && v <= max, `an integer from ${min} to ${max}`, fallback);
  /** One of the listed strings (", "-separated); the first when absent. */
  const oneOf = (list: string, options = list.split(', ')): Check => is((v) => options.includes(v), `one of ${list}`, options[0]);
  /** A configured category's key (the list is known once the categories are checked); `fallback` when absent. */
  const categoryKey =
    (fallback: string): Check =>
    (v = fallback, path) =>
      oneOf(keys.join(', '), keys)(v, path);
  /** An array (empty when absent) whose items each pass `item`. */
  const array =
    (item: Check): Check =>
    (v = [], path) =>
      is(Array.isArray, 'an array')(v, path)?.map((x: unknown, i: number) => item(x ?? null, `${path}[${i}]`));
  /**
   * An object (all defaults when absent) with the keys of `spec`, each checked by its own
   * check; or, when `spec` is one check, any keys, all checked by it. Unknown keys are reported.
   */
  const object =
    (spec: Record<string, Check> | Check, what = 'an object'): Check =>
    (v = {}, path) => {
      if (is(isObject, what)(v, path)) {
        const known = Object.keys(typeof spec == 'function' ? v : spec);
        for (const key of Object.keys(v)) if (!known.includes(key)) fail(`${path}.${key}`, 'unknown key');
        // Own properties only: a key set on Object.prototype is no config value.
        return Object.fromEntries(known.map((key) => [key, (typeof spec == 'function' ? spec : spec[key]!)(own(v, key), `${path}.${key}`, key)]));
      }
    };
  /** An opt-in: false (the default), true (every default of `spec`), or options checked by `spec`. */
  const optIn =
    (spec: Record<string, Check>): Check =>
    (v = false, path) =>
      v !== false && object(spec, 'a boolean or an object')(v === true ? {} : v, path);
  /** A map from configured category keys to lists of `signal`; `fallback` when absent. */
  const signalMap =
    (signal: Check, fallback: Record<string, readonly string[]>): Check =>
    (v = fallback, path) =>
      v == fallback ? v : object(Object.fromEntries(keys.map((k) => [k, array(signal)])))(v, path);

  const localized = is(isLocalized, `a string${LOCALIZED}`);
  const text = is(isString, 'a string');
  const signal = oneOf(SIGNAL_LIST);
  const url = is(isUrl, URL_MESSAGE);
  const cookieDeclaration = object({
    name: string(/\S/, 'a non-empty string'),
    match: is((v) => {
      try {
        return isString(v) && RegExp(v);
      } catch {
        // not a valid pattern
      }
    }, '', undefined, 'not a valid regular expression'),
    provider: text,
    purpose: localized,
    expires: localized,
  });
  const categorySettings = (required: boolean): Check => object({
    required: flag(required),
    label: localized,
    description: localized,
    data: array(is((v) => (isString(v) ? DATA_POINTS.split(', ').includes(v) : isLocalized(v)), `one of ${DATA_POINTS}${LOCALIZED}`)),
    cookies: array((v, path) => {
      const cookie = cookieDeclaration(v, path);
      if (cookie && own(v, 'name') == null && own(v, 'match') == null) fail(path, 'needs "name" or "match"');
      return cookie;
    }),
    vendors: array(object({ name: string(/\S/, 'a non-empty string', null), url })),
  });
  /** One category: its key, a label unless built in, its settings; `required` defaults to true for "necessary" only. */
  const category: Check = (v, path, key = '') => {
    if (!isCategoryKey(key)) fail(path, `key must match /^${CATEGORY_KEY}$/`);
    if (own(v ?? {}, 'label') === undefined && !/^(necessary|preferences|analytics|marketing)$/.test(key)) fail(`${path}.label`, 'required (no built-in label)');
    return { key, ...categorySettings(key == 'necessary')(v ?? null, path) };
  };
  const cookieSettings = object({
    name: string(/^[\w!#$%&'*+.^`|~-]{1,64}$/, 'a valid cookie name', 'consentgate'),
    domain: string(/^(\.?[a-z\d-]+(\.[a-z\d-]+)*)?$/i, 'a host name', ''),
    path: string(/^\/[^;\s]*$/, 'a "/…" path without ";" or spaces', '/'),
    sameSite: oneOf('Lax, Strict, None'),
  });

  // The keys are checked in the order written here (categories first), not in the input's order.
  const resolved = object({
    categories: (v, path) => {
      const out = object(category)(v ?? null, path);
      const list: { required: boolean }[] = Object.values(out ?? {});
      keys = Object.keys(out ?? {});
      if (out && list.every((c) => c.required)) fail(path, 'needs a non-required category');
      // The cookie value and a receipt hold at most this many; a decision on more would be lost on the next page.
      if (list[MAX_CATEGORIES]) fail(path, `at most ${MAX_CATEGORIES} categories`);
      return list;
    },
    revision: integer(1, MAX_REVISION, MIN_REVISION),
    expiresAfterDays: integer(182, 395),
    cookie: (v, path) => {
      const cookie = cookieSettings(v, path);
      // RFC 6265bis §4.1.3.2: the browser refuses a __Host- cookie with a Domain or a Path other than "/".
      if (cookie && /^__Host-/i.test(cookie.name) && (cookie.domain || cookie.path != '/')) fail(`${path}.name`, 'a __Host- cookie needs path "/" and no domain');
      return cookie;
    },
    language: oneOf('auto, en, nl'),
    texts: object({ en: object(text), nl: object(text) }),
    controller: is(isString, 'a string', ''),
    privacyPolicyUrl: is((v) => isString(v) && !scriptUrl(v), URL_MESSAGE, ''),
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
            (v) => Array.isArray(v) && v.length > 0 && v.every((c) => isString(c) && /^(?!EU$)[A-Z]{2}(-[A-Z\d]{1,3})?$/.test(c)),
            'ISO 3166 codes like "NL", "US-CA", not "EU"',
            null,
          ),
          granted: array(signal),
        }),
      ),
    }),
    microsoftConsentMode: optIn({ map: signalMap(oneOf('ad_storage, analytics_storage'), { marketing: ['ad_storage'], analytics: ['analytics_storage'] }) }),
    metaPixel: optIn({ category: categoryKey('marketing') }),
    matomo: optIn({ category: categoryKey('analytics'), cookiesOnly: flag(false) }),
    logEndpoint: is((v) => v === null || isUrl(v), URL_MESSAGE, null),
    assetsUrl: is((v) => v === '' || (isUrl(v) && !scriptUrl(v) && v.endsWith('/')), `${URL_MESSAGE} ending in "/"`, ''),
  })(input ?? null, '', '');
  if (problems.length) throw new ConsentGateConfigError(problems);
  // A deep copy (a config is JSON by contract), frozen bottom-up: the caller's objects stay as they were.
  // Its objects have no prototype, so no reader of the config can meet a key set on Object.prototype.
  return JSON.parse(JSON.stringify(resolved), (_, v: unknown) => Object.freeze(isObject(v) ? Object.setPrototypeOf(v, null) : v)) as ResolvedConfig;
}

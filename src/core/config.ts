// Validate a config once, apply defaults and freeze it: nothing downstream checks again.
// Every problem is collected with its path, so one error names them all.
import type { ConsentModeSignal, ResolvedCategory, ResolvedConfig } from '../types';

/** Thrown by init() for a bad config; its message lists every problem with its path. */
export class ConsentGateConfigError extends Error {
  /** One entry per problem, e.g. `expiresAfterDays: must be an integer from 1 to 395`. */
  readonly problems: readonly string[];
  constructor(problems: string[]) {
    super(`invalid config:\n- ${problems.join('\n- ')}`);
    this.name = 'ConsentGateConfigError';
    this.problems = problems;
  }
}

const BUILT_IN_CATEGORIES = ['necessary', 'preferences', 'analytics', 'marketing'];
const DATA_POINTS = ['device', 'ip', 'browser', 'os', 'pages', 'clicks', 'login', 'host'];
export const SIGNALS: readonly ConsentModeSignal[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];
const LOCALIZED = 'must be a string or { "en": "…", "nl": "…" }';
const URL_OR_PATH = /^(https?:\/\/|\/)/;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLocalized = (v: unknown): boolean =>
  typeof v === 'string' || (isObject(v) && Object.keys(v).length > 0 && Object.entries(v).every(([k, s]) => (k === 'en' || k === 'nl') && typeof s === 'string'));

/** Edit distance, to suggest the key a typo meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

function isRegExp(source: unknown): boolean {
  try {
    return typeof source === 'string' && !!new RegExp(source);
  } catch {
    return false;
  }
}

/** Apply defaults, validate every field and freeze; throws ConsentGateConfigError listing every problem. */
export function resolveConfig(input: unknown): ResolvedConfig {
  const problems: string[] = [];
  const fail = (path: string, message: string): void => void problems.push(`${path}: ${message}`);

  /** `value` as an object (reporting anything else), with unknown keys reported as likely typos. */
  const object = (value: unknown, path: string, keys: string[], message = 'must be an object'): Obj => {
    if (value === undefined) return {};
    if (!isObject(value)) return fail(path, message), {};
    for (const key of Object.keys(value)) {
      if (keys.includes(key)) continue;
      const near = keys.find((k) => k.toLowerCase() === key.toLowerCase() || distance(k, key) <= 2);
      fail(path ? `${path}.${key}` : key, `unknown key${near ? ` (did you mean "${near}"?)` : ''}`);
    }
    return value;
  };
  /** `value` when it passes `ok`, the default when absent, else a problem and the default. */
  const field = <T>(value: unknown, path: string, fallback: T, ok: (v: unknown) => boolean, message: string): T =>
    value === undefined ? fallback : ok(value) ? (value as T) : (fail(path, message), fallback);
  const text = (value: unknown, path: string, fallback = ''): string => field(value, path, fallback, (v) => typeof v === 'string', 'must be a string');
  const flag = (value: unknown, path: string, fallback: boolean): boolean => field(value, path, fallback, (v) => typeof v === 'boolean', 'must be true or false');
  const oneOf = <T extends string>(value: unknown, path: string, options: readonly T[]): T =>
    field(value, path, options[0]!, (v) => options.includes(v as T), `must be one of ${options.map((o) => `"${o}"`).join(', ')}`);
  const integer = (value: unknown, path: string, fallback: number, min: number, max: number): number =>
    field(value, path, fallback, (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max, `must be an integer from ${min} to ${max}`);
  const list = (value: unknown, path: string): unknown[] => field(value, path, [], Array.isArray, 'must be an array');
  const localized = (o: Obj, key: string, path: string): void => {
    if (o[key] !== undefined && !isLocalized(o[key])) fail(`${path}.${key}`, LOCALIZED);
  };
  const signals = (value: unknown, path: string): ConsentModeSignal[] =>
    field(value, path, [], (v) => Array.isArray(v) && v.every((s) => SIGNALS.includes(s)), `must be an array of ${SIGNALS.join(', ')}`);

  const category = (key: string, value: unknown): ResolvedCategory => {
    const path = `categories.${key}`;
    const c = object(value ?? null, path, ['required', 'label', 'description', 'data', 'cookies', 'vendors'], 'must be an object (use {} for the defaults)');
    if (!/^[A-Za-z][\w-]{0,31}$/.test(key) || key in Object.prototype) fail(path, 'a category key is a letter then up to 31 letters, digits, _ or -');
    localized(c, 'label', path);
    localized(c, 'description', path);
    if (c.label === undefined && !BUILT_IN_CATEGORIES.includes(key)) {
      fail(`${path}.label`, `required for a category without a built-in label (built in: ${BUILT_IN_CATEGORIES.join(', ')})`);
    }
    const data = list(c.data, `${path}.data`);
    data.forEach((d, i) => {
      if (typeof d === 'string' ? !DATA_POINTS.includes(d) : !isLocalized(d)) fail(`${path}.data[${i}]`, `one of ${DATA_POINTS.join(', ')}, or your own text as { "en": "…", "nl": "…" }`);
    });
    const cookies = list(c.cookies, `${path}.cookies`).map((cookie, i) => {
      const p = `${path}.cookies[${i}]`;
      const o = object(cookie ?? null, p, ['name', 'match', 'provider', 'purpose', 'expires']);
      if (o.name === undefined && o.match === undefined && isObject(cookie)) fail(p, 'needs "name" or "match"');
      if (o.name !== undefined && (typeof o.name !== 'string' || !o.name)) fail(`${p}.name`, 'must be a non-empty string');
      if (o.match !== undefined && !isRegExp(o.match)) fail(`${p}.match`, 'not a valid regular expression');
      text(o.provider, `${p}.provider`);
      localized(o, 'purpose', p);
      localized(o, 'expires', p);
      return Object.freeze({ ...o });
    });
    const vendors = list(c.vendors, `${path}.vendors`).map((vendor, i) => {
      const p = `${path}.vendors[${i}]`;
      const o = object(vendor ?? null, p, ['name', 'url']);
      if (typeof o.name !== 'string' || !o.name) fail(`${p}.name`, 'must be a non-empty string');
      field(o.url, `${p}.url`, '', (v) => typeof v === 'string' && URL_OR_PATH.test(v), 'must be an http(s) URL or a path');
      return Object.freeze({ ...o });
    });
    return Object.freeze({
      key,
      required: flag(c.required, `${path}.required`, key === 'necessary'),
      label: c.label,
      description: c.description,
      data: Object.freeze(data),
      cookies: Object.freeze(cookies),
      vendors: Object.freeze(vendors),
    }) as unknown as ResolvedCategory;
  };

  const consentMode = (value: unknown, keys: string[]): ResolvedConfig['googleConsentMode'] => {
    const path = 'googleConsentMode';
    if (value === undefined || value === false) return false;
    const o = object(value === true ? {} : value, path, ['map', 'adsDataRedaction', 'urlPassthrough', 'regions'], 'must be true, false or an options object');
    let map: Record<string, ConsentModeSignal[]> = {
      preferences: ['functionality_storage', 'personalization_storage'],
      analytics: ['analytics_storage'],
      marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
    };
    if (o.map !== undefined) {
      const m = object(o.map, `${path}.map`, keys, 'must be an object of category → signals');
      map = {};
      for (const key of Object.keys(m)) if (keys.includes(key)) map[key] = signals(m[key], `${path}.map.${key}`);
    }
    const regions = list(o.regions, `${path}.regions`).map((r, i) => {
      const p = `${path}.regions[${i}]`;
      const x = object(r ?? null, p, ['region', 'granted'], 'must be an object { "region": [...], "granted": [...] }');
      // ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision; "EU" is not a country code.
      const region = field<string[]>(
        x.region ?? null,
        `${p}.region`,
        [],
        (v) => Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string' && /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(c) && c !== 'EU'),
        'must list ISO 3166 codes such as "NL" or "US-CA" ("EU" is not one)',
      );
      return { region, granted: signals(x.granted, `${p}.granted`) };
    });
    return Object.freeze({
      map: Object.freeze(map),
      adsDataRedaction: flag(o.adsDataRedaction, `${path}.adsDataRedaction`, false),
      urlPassthrough: flag(o.urlPassthrough, `${path}.urlPassthrough`, false),
      regions: Object.freeze(regions),
    });
  };

  if (!isObject(input)) throw new ConsentGateConfigError(['config: must be an object with at least "categories"']);
  const c = object(input, '', [
    'categories',
    'revision',
    'expiresAfterDays',
    'cookie',
    'language',
    'texts',
    'controller',
    'privacyPolicyUrl',
    'layout',
    'theme',
    'reopenButton',
    'respectGPC',
    'googleConsentMode',
    'logEndpoint',
  ]);
  let categories: ResolvedCategory[] = [];
  if (!isObject(c.categories)) fail('categories', 'must be an object of category key → settings');
  else {
    categories = Object.entries(c.categories).map(([key, v]) => category(key, v));
    if (!categories.some((x) => !x.required)) fail('categories', 'needs at least one category that is not required');
  }
  const cookie = object(c.cookie, 'cookie', ['name', 'domain', 'path', 'sameSite']);
  const texts = object(c.texts, 'texts', ['en', 'nl'], 'must be an object { "en": {…}, "nl": {…} }');
  for (const [lang, dict] of Object.entries(texts)) {
    if (!isObject(dict)) fail(`texts.${lang}`, 'must be an object of text key → string');
    else for (const [k, s] of Object.entries(dict)) if (typeof s !== 'string') fail(`texts.${lang}.${k}`, 'must be a string');
  }
  const resolved: ResolvedConfig = {
    categories: Object.freeze(categories),
    revision: integer(c.revision, 'revision', 1, 0, 999999),
    expiresAfterDays: integer(c.expiresAfterDays, 'expiresAfterDays', 182, 1, 395),
    cookie: Object.freeze({
      name: field(cookie.name, 'cookie.name', 'consentgate', (v) => typeof v === 'string' && /^[\w!#$%&'*+.^`|~-]+$/.test(v), 'must be a valid cookie name (letters, digits, _ - . and no spaces)'),
      domain: field(cookie.domain, 'cookie.domain', '', (v) => typeof v === 'string' && /^(\.?[a-z0-9-]+(\.[a-z0-9-]+)*)?$/i.test(v), 'must be a host name such as "example.com"'),
      path: field(cookie.path, 'cookie.path', '/', (v) => typeof v === 'string' && /^\/[^;\s]*$/.test(v), 'must start with "/" and contain no ";" or spaces'),
      sameSite: oneOf(cookie.sameSite, 'cookie.sameSite', ['Lax', 'Strict', 'None'] as const),
    }),
    language: oneOf(c.language, 'language', ['auto', 'en', 'nl'] as const),
    texts: Object.freeze(Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, Object.freeze({ ...(v as Obj) })]))),
    controller: text(c.controller, 'controller'),
    privacyPolicyUrl: field(c.privacyPolicyUrl, 'privacyPolicyUrl', '', (v) => typeof v === 'string' && !/^\s*javascript:/i.test(v), 'must be a path or an http(s) URL'),
    layout: oneOf(c.layout, 'layout', ['bar', 'box'] as const),
    theme: oneOf(c.theme, 'theme', ['auto', 'light', 'dark'] as const),
    reopenButton: flag(c.reopenButton, 'reopenButton', true),
    respectGPC: flag(c.respectGPC, 'respectGPC', true),
    googleConsentMode: consentMode(c.googleConsentMode, categories.map((x) => x.key)),
    logEndpoint: field(c.logEndpoint, 'logEndpoint', null, (v) => v === null || (typeof v === 'string' && URL_OR_PATH.test(v)), 'must be null, a path or an http(s) URL'),
  };
  if (problems.length) throw new ConsentGateConfigError(problems);
  return Object.freeze(resolved);
}

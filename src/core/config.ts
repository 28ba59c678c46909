// Validate a config once, apply defaults and freeze it: nothing downstream checks again.
import type { Config, ConsentModeSignal, ResolvedCategory, ResolvedConfig } from '../types';

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
export const DATA_POINTS = ['device', 'ip', 'browser', 'os', 'pages', 'clicks', 'login', 'host'];
export const SIGNALS: readonly ConsentModeSignal[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];
const DEFAULT_SIGNAL_MAP: Record<string, ConsentModeSignal[]> = {
  preferences: ['functionality_storage', 'personalization_storage'],
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Edit distance, to suggest the key a typo meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

function checkKeys(value: Obj, allowed: string[], path: string, problems: string[]): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const near = allowed.find((k) => k.toLowerCase() === key.toLowerCase() || distance(k, key) <= 2);
    problems.push(`${path}${key}: unknown key${near ? ` (did you mean "${near}"?)` : ''}`);
  }
}

const isLocalized = (v: unknown): boolean =>
  typeof v === 'string' ||
  (isObject(v) && Object.keys(v).length > 0 && Object.entries(v).every(([k, s]) => (k === 'en' || k === 'nl') && typeof s === 'string'));

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

function oneOf<T>(value: unknown, options: readonly T[], fallback: T, path: string, problems: string[]): T {
  if (value === undefined) return fallback;
  if (options.includes(value as T)) return value as T;
  problems.push(`${path}: must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
  return fallback;
}

function text(value: unknown, fallback: string, path: string, problems: string[]): string {
  if (value === undefined) return fallback;
  if (typeof value === 'string') return value;
  problems.push(`${path}: must be a string`);
  return fallback;
}

function flag(value: unknown, fallback: boolean, path: string, problems: string[]): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  problems.push(`${path}: must be true or false`);
  return fallback;
}

function integer(value: unknown, fallback: number, min: number, max: number, path: string, problems: string[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  problems.push(`${path}: must be an integer from ${min} to ${max}`);
  return fallback;
}

function category(key: string, value: unknown, problems: string[]): ResolvedCategory {
  const path = `categories.${key}`;
  const c: Obj = isObject(value) ? value : {};
  if (!isObject(value)) problems.push(`${path}: must be an object (use {} for the defaults)`);
  if (!/^[A-Za-z][\w-]{0,31}$/.test(key)) problems.push(`${path}: a category key is a letter then up to 31 letters, digits, _ or -`);
  checkKeys(c, ['required', 'label', 'description', 'data', 'cookies', 'vendors'], `${path}.`, problems);
  for (const field of ['label', 'description'] as const) {
    if (c[field] !== undefined && !isLocalized(c[field])) problems.push(`${path}.${field}: must be a string or { "en": "…", "nl": "…" }`);
  }
  if (c.label === undefined && !BUILT_IN_CATEGORIES.includes(key)) {
    problems.push(`${path}.label: required for a category without a built-in label (built in: ${BUILT_IN_CATEGORIES.join(', ')})`);
  }
  const list = (field: string): unknown[] => {
    const v = c[field];
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    problems.push(`${path}.${field}: must be an array`);
    return [];
  };
  const data = list('data');
  data.forEach((d, i) => {
    if (typeof d === 'string' ? !DATA_POINTS.includes(d) : !isLocalized(d)) {
      problems.push(`${path}.data[${i}]: one of ${DATA_POINTS.join(', ')}, or your own text as { "en": "…", "nl": "…" }`);
    }
  });
  const cookies = list('cookies');
  cookies.forEach((cookie, i) => {
    const p = `${path}.cookies[${i}]`;
    if (!isObject(cookie)) return void problems.push(`${p}: must be an object`);
    checkKeys(cookie, ['name', 'match', 'provider', 'purpose', 'expires'], `${p}.`, problems);
    if (cookie.name === undefined && cookie.match === undefined) problems.push(`${p}: needs "name" or "match"`);
    if (cookie.name !== undefined && (typeof cookie.name !== 'string' || !cookie.name)) problems.push(`${p}.name: must be a non-empty string`);
    if (cookie.match !== undefined && (typeof cookie.match !== 'string' || !isRegExp(cookie.match))) {
      problems.push(`${p}.match: not a valid regular expression`);
    }
    if (cookie.provider !== undefined && typeof cookie.provider !== 'string') problems.push(`${p}.provider: must be a string`);
    for (const f of ['purpose', 'expires']) {
      if (cookie[f] !== undefined && !isLocalized(cookie[f])) problems.push(`${p}.${f}: must be a string or { "en": "…", "nl": "…" }`);
    }
  });
  const vendors = list('vendors');
  vendors.forEach((vendor, i) => {
    const p = `${path}.vendors[${i}]`;
    if (!isObject(vendor)) return void problems.push(`${p}: must be an object`);
    checkKeys(vendor, ['name', 'url'], `${p}.`, problems);
    if (typeof vendor.name !== 'string' || !vendor.name) problems.push(`${p}.name: must be a non-empty string`);
    if (vendor.url !== undefined && (typeof vendor.url !== 'string' || !/^(https?:\/\/|\/)/.test(vendor.url))) {
      problems.push(`${p}.url: must be an http(s) URL or a path`);
    }
  });
  return Object.freeze({
    key,
    required: flag(c.required, key === 'necessary', `${path}.required`, problems),
    label: c.label as ResolvedCategory['label'],
    description: c.description as ResolvedCategory['description'],
    data: Object.freeze(data) as ResolvedCategory['data'],
    cookies: Object.freeze(cookies.map((x) => Object.freeze({ ...(x as Obj) }))) as ResolvedCategory['cookies'],
    vendors: Object.freeze(vendors.map((x) => Object.freeze({ ...(x as Obj) }))) as unknown as ResolvedCategory['vendors'],
  });
}

function consentMode(value: unknown, categories: string[], problems: string[]): ResolvedConfig['googleConsentMode'] {
  if (value === undefined || value === false) return false;
  const path = 'googleConsentMode';
  if (value !== true && !isObject(value)) {
    problems.push(`${path}: must be true, false or an options object`);
    return false;
  }
  const o: Obj = value === true ? {} : value;
  checkKeys(o, ['map', 'adsDataRedaction', 'urlPassthrough', 'regions'], `${path}.`, problems);
  const signals = (v: unknown, p: string): ConsentModeSignal[] => {
    if (Array.isArray(v) && v.every((s) => SIGNALS.includes(s))) return v as ConsentModeSignal[];
    problems.push(`${p}: must be an array of ${SIGNALS.join(', ')}`);
    return [];
  };
  let map = DEFAULT_SIGNAL_MAP;
  if (o.map !== undefined) {
    if (!isObject(o.map)) problems.push(`${path}.map: must be an object of category → signals`);
    else {
      map = {};
      for (const [key, v] of Object.entries(o.map)) {
        if (!categories.includes(key)) problems.push(`${path}.map.${key}: not a configured category`);
        map[key] = signals(v, `${path}.map.${key}`);
      }
    }
  }
  const regions: Array<{ region: string[]; granted: ConsentModeSignal[] }> = [];
  if (o.regions !== undefined) {
    if (!Array.isArray(o.regions)) problems.push(`${path}.regions: must be an array`);
    else
      o.regions.forEach((r, i) => {
        const p = `${path}.regions[${i}]`;
        if (!isObject(r)) return void problems.push(`${p}: must be an object { "region": [...], "granted": [...] }`);
        checkKeys(r, ['region', 'granted'], `${p}.`, problems);
        // ISO 3166-1 alpha-2, optionally with an ISO 3166-2 subdivision; "EU" is not a country code.
        const ok = Array.isArray(r.region) && r.region.length > 0 && r.region.every((c) => typeof c === 'string' && /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(c) && c !== 'EU');
        if (!ok) problems.push(`${p}.region: must list ISO 3166 codes such as "NL" or "US-CA" ("EU" is not one)`);
        regions.push({ region: ok ? (r.region as string[]) : [], granted: signals(r.granted, `${p}.granted`) });
      });
  }
  return Object.freeze({
    map: Object.freeze(map),
    adsDataRedaction: flag(o.adsDataRedaction, false, `${path}.adsDataRedaction`, problems),
    urlPassthrough: flag(o.urlPassthrough, false, `${path}.urlPassthrough`, problems),
    regions: Object.freeze(regions),
  });
}

/** Apply defaults, validate every field and freeze; throws ConsentGateConfigError listing every problem. */
export function resolveConfig(input: unknown): ResolvedConfig {
  const problems: string[] = [];
  if (!isObject(input)) throw new ConsentGateConfigError(['config: must be an object with at least "categories"']);
  const c = input as Obj & Partial<Record<keyof Config, unknown>>;
  checkKeys(
    c,
    ['categories', 'revision', 'expiresAfterDays', 'cookie', 'language', 'texts', 'controller', 'privacyPolicyUrl', 'layout', 'theme', 'reopenButton', 'respectGPC', 'googleConsentMode', 'logEndpoint'],
    '',
    problems,
  );
  let categories: ResolvedCategory[] = [];
  if (!isObject(c.categories)) problems.push('categories: must be an object of category key → settings');
  else {
    categories = Object.entries(c.categories).map(([key, v]) => category(key, v, problems));
    if (!categories.some((cat) => !cat.required)) problems.push('categories: needs at least one category that is not required');
  }
  const cookie: Obj = isObject(c.cookie) ? c.cookie : {};
  if (c.cookie !== undefined && !isObject(c.cookie)) problems.push('cookie: must be an object');
  checkKeys(cookie, ['name', 'domain', 'path', 'sameSite'], 'cookie.', problems);
  const cookieName = text(cookie.name, 'consentgate', 'cookie.name', problems);
  if (!/^[\w!#$%&'*+.^`|~-]+$/.test(cookieName)) problems.push('cookie.name: must be a valid cookie name (letters, digits, _ - . and no spaces)');
  const domain = text(cookie.domain, '', 'cookie.domain', problems);
  if (domain && !/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(domain)) problems.push('cookie.domain: must be a host name such as "example.com"');
  const cookiePath = text(cookie.path, '/', 'cookie.path', problems);
  if (!cookiePath.startsWith('/') || /[;\s]/.test(cookiePath)) problems.push('cookie.path: must start with "/" and contain no ";" or spaces');

  const texts: Obj = isObject(c.texts) ? c.texts : {};
  if (c.texts !== undefined && !isObject(c.texts)) problems.push('texts: must be an object { "en": {…}, "nl": {…} }');
  for (const [lang, dict] of Object.entries(texts)) {
    if (lang !== 'en' && lang !== 'nl') problems.push(`texts.${lang}: unknown language (built in: en, nl)`);
    else if (!isObject(dict)) problems.push(`texts.${lang}: must be an object of text key → string`);
    else for (const [k, s] of Object.entries(dict)) if (typeof s !== 'string') problems.push(`texts.${lang}.${k}: must be a string`);
  }
  let logEndpoint: string | null = null;
  if (c.logEndpoint !== undefined && c.logEndpoint !== null) {
    if (typeof c.logEndpoint === 'string' && /^(https?:\/\/|\/)/.test(c.logEndpoint)) logEndpoint = c.logEndpoint;
    else problems.push('logEndpoint: must be null, a path or an http(s) URL');
  }
  const resolved: ResolvedConfig = {
    categories: Object.freeze(categories),
    revision: integer(c.revision, 1, 0, 999999, 'revision', problems),
    expiresAfterDays: integer(c.expiresAfterDays, 182, 1, 395, 'expiresAfterDays', problems),
    cookie: Object.freeze({
      name: cookieName,
      domain,
      path: cookiePath,
      sameSite: oneOf(cookie.sameSite, ['Lax', 'Strict', 'None'] as const, 'Lax', 'cookie.sameSite', problems),
    }),
    language: oneOf(c.language, ['auto', 'en', 'nl'] as const, 'auto', 'language', problems),
    texts: Object.freeze(Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, Object.freeze({ ...(v as Obj) })]))) as ResolvedConfig['texts'],
    controller: text(c.controller, '', 'controller', problems),
    privacyPolicyUrl: text(c.privacyPolicyUrl, '', 'privacyPolicyUrl', problems),
    layout: oneOf(c.layout, ['bar', 'box'] as const, 'bar', 'layout', problems),
    theme: oneOf(c.theme, ['light', 'dark', 'auto'] as const, 'auto', 'theme', problems),
    reopenButton: flag(c.reopenButton, true, 'reopenButton', problems),
    respectGPC: flag(c.respectGPC, true, 'respectGPC', problems),
    googleConsentMode: consentMode(c.googleConsentMode, categories.map((x) => x.key), problems),
    logEndpoint,
  };
  if (resolved.privacyPolicyUrl && /^\s*javascript:/i.test(resolved.privacyPolicyUrl)) problems.push('privacyPolicyUrl: must be a path or an http(s) URL');
  if (problems.length) throw new ConsentGateConfigError(problems);
  return Object.freeze(resolved);
}

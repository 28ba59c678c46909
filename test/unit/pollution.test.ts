// A polluted Object.prototype (a bug elsewhere on the page) must not become a config value, a
// decision or a cookie: every key name the config knows and every category key is set on
// Object.prototype, and nothing we resolve, decide or store may change.
import { describe, expect, it } from 'vitest';
import { allows } from '../../src/core/gate';
import { resolveConfig } from '../../src/core/config';
import { eraseCookies } from '../../src/core/cookie';
import { createCore } from '../../src/core/create';
import { decodeRecord, encodeRecord, parseRecord } from '../../src/core/record';
import type { Config } from '../../src/types';

const FULL: Config = {
  categories: {
    necessary: { required: true, label: { en: 'Necessary', nl: 'Noodzakelijk' }, description: 'd', data: ['ip', { en: 'x' }] },
    analytics: { cookies: [{ name: '_ga', match: '^_ga_', provider: 'G', purpose: 'p', expires: 'e' }], vendors: [{ name: 'G', url: '/p' }] },
    marketing: {},
    preferences: {},
  },
  revision: 3,
  expiresAfterDays: 30,
  cookie: { name: 'cg', domain: 'example.com', path: '/', sameSite: 'Strict' },
  language: 'nl',
  texts: { en: { 'banner.title': 'Hi' }, nl: {} },
  controller: 'C',
  privacyPolicyUrl: '/privacy',
  layout: 'box',
  theme: 'dark',
  reopenButton: false,
  respectGPC: false,
  googleConsentMode: { map: { analytics: ['analytics_storage'] }, adsDataRedaction: true, urlPassthrough: true, regions: [{ region: ['NL'], granted: [] }] },
  logEndpoint: '/consent',
};
const MINIMAL = { categories: { necessary: {}, analytics: {} } };

/** Every key name in a resolved config, at any depth. */
const keyNames = (value: unknown, into = new Set<string>()): Set<string> => {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!Array.isArray(value)) into.add(k);
      keyNames(v, into);
    }
  }
  return into;
};
const CONFIG_KEYS = [...keyNames(resolveConfig(FULL)), ...Object.keys(FULL), 'googleConsentMode'];
const CATEGORY_KEYS = ['necessary', 'analytics', 'marketing', 'preferences', 'stats'];

const proto = Object.prototype as unknown as Record<string, unknown>;
/** Run `body` with every key in `keys` set to `value` on Object.prototype; always cleaned up. */
function polluted<T>(keys: string[], value: unknown, body: () => T): T {
  const set = keys.filter((k) => !Object.prototype.hasOwnProperty.call(Object.prototype, k));
  try {
    // Plain assignment, as a pollution bug does it: enumerable, so for…in loops see it too.
    for (const k of set) proto[k] = value;
    return body();
  } finally {
    for (const k of set) delete proto[k];
  }
}

// Hostile values of each type a config field can have.
const HOSTILE: unknown[] = [true, false, 'javascript:alert(1)', '/evil', 7, ['x'], { en: 'x' }, null];

describe('a polluted Object.prototype', () => {
  it(`changes no config value (${CONFIG_KEYS.length} key names and every category key, ${HOSTILE.length} values)`, () => {
    expect(CONFIG_KEYS).toEqual(expect.arrayContaining(['logEndpoint', 'categories', 'name', 'domain', 'path', 'required', 'label', 'map', 'regions', 'cookies', 'match', 'url']));
    const clean = [resolveConfig(MINIMAL), resolveConfig(FULL), resolveConfig({ categories: { necessary: {}, analytics: { cookies: [{ name: '_ga' }] } }, googleConsentMode: {} })];
    for (const value of HOSTILE) {
      const dirty = polluted([...CONFIG_KEYS, ...CATEGORY_KEYS], value, () => [
        resolveConfig(MINIMAL),
        resolveConfig(FULL),
        resolveConfig({ categories: { necessary: {}, analytics: { cookies: [{ name: '_ga' }] } }, googleConsentMode: {} }),
      ]);
      expect(JSON.stringify(dirty), String(value)).toBe(JSON.stringify(clean));
    }
  });

  it('a resolved config has no prototype to read through', () => {
    const config = resolveConfig(FULL);
    for (const object of [config, config.cookie, config.categories[0], config.texts, config.googleConsentMode]) expect(Object.getPrototypeOf(object)).toBeNull();
    expect(Array.isArray(config.categories)).toBe(true);
  });

  it('a field that must be present must be the object\'s own: a cookie declaration\'s name or match, a custom category\'s label', () => {
    expect(() => polluted(['name', 'match'], 'x', () => resolveConfig({ categories: { necessary: {}, analytics: { cookies: [{ provider: 'p' }] } } }))).toThrow('categories.analytics.cookies[0]: needs "name" or "match"');
    expect(() => polluted(['label'], 'Support', () => resolveConfig({ categories: { necessary: {}, support: {} } }))).toThrow('categories.support.label: required (no built-in label)');
  });

  it('after start: "Reject all", save() and has() grant nothing the prototype says', () => {
    const gate = createCore();
    gate.init(MINIMAL);
    // jsdom's own cookie jar is JavaScript that a polluted prototype breaks (a browser's is not): record what we write.
    const writes: string[] = [];
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => '', set: (v: string) => void writes.push(v) });
    const results = polluted([...CATEGORY_KEYS, ...CONFIG_KEYS], true, () => {
      gate.rejectAll();
      const afterReject = { ...gate.get()!.categories };
      const has = gate.has('analytics') || gate.has('stats');
      const cookie = writes.at(-1);
      gate.save({ necessary: true });
      return { afterReject, has, cookie, afterSave: { ...gate.get()!.categories }, hasAfterSave: gate.has('analytics') };
    });
    delete (document as { cookie?: string }).cookie;
    gate.destroy();
    expect(results).toEqual({
      afterReject: { necessary: true, analytics: false },
      has: false,
      // Our attributes only: none comes from the prototype (js-cookie's set() would add "; domain=true", "; path=true", …).
      cookie: expect.stringMatching(/^consentgate=cg1\|[^;]*\|necessary:1\+analytics:0; path=\/; expires=[^;]+; samesite=Lax$/),
      afterSave: { necessary: true, analytics: false },
      hasAfterSave: false,
    });
  });

  it('a stored decision and the gate\'s category rules read own properties only', () => {
    const record = { id: '1b4e28ba-2fa1-41d2-883f-0016d3cca427', timestamp: new Date().toISOString(), expires: '', revision: 1, categories: { necessary: true }, action: 'custom' as const, gpc: false };
    const value = encodeRecord(record);
    const rules = { revision: 1, expiresAfterDays: 182, now: Date.now(), categories: [{ key: 'necessary', required: true }, { key: 'analytics', required: false }] };
    const [decoded, parsed, fallback, granted] = polluted(CATEGORY_KEYS, true, () => [
      decodeRecord(value, rules)?.categories,
      parseRecord(value + '+analytics:0')?.categories,
      polluted(['stats'], false, () => allows('!stats', { necessary: true })),
      allows('analytics', { necessary: true }),
    ]);
    expect(decoded).toEqual({ necessary: true, analytics: false });
    // A stored pair for a polluted name still counts (it is not taken for a repeated one).
    expect(parsed).toEqual({ necessary: true, analytics: false });
    expect(fallback).toBe(false);
    expect(granted).toBe(false);
  });

  it('erasing a refused category\'s cookies: every one is found, and erased with our attributes only', () => {
    const writes: string[] = [];
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => '_ga=GA1.1; _ga_X=GS1; other=1', set: (v: string) => void writes.push(v) });
    const erased = polluted(['_ga', '_ga_X', 'domain', 'path', 'secure', 'expires'], 'elsewhere.example', () =>
      eraseCookies([{ name: '_ga' }, { match: '^_ga_' }], '/'),
    );
    delete (document as { cookie?: string }).cookie;
    expect(erased).toEqual(['_ga', '_ga_X']);
    expect(writes).toEqual(['_ga=; max-age=0; path=/', '_ga_X=; max-age=0; path=/']);
  });

  it('a trigger name set on the prototype is no trigger', () => {
    const gate = createCore();
    gate.init(MINIMAL);
    document.body.innerHTML = '<a href="#" data-consentgate="pwn">More</a>';
    polluted(['pwn'], 'acceptAll', () => document.querySelector('a')!.click());
    const decision = gate.get();
    gate.destroy();
    expect(decision).toBeNull();
  });
});

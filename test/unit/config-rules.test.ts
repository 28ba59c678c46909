// One test per validation rule of resolveConfig: each fails if its rule is taken out.
import { describe, expect, it } from 'vitest';
import { ConsentGateConfigError, resolveConfig } from '../../src/core/config';

const categories = { necessary: {}, analytics: {} };

/** The problems resolveConfig reports for `extra` on top of a minimal valid config ([] when it accepts it). */
function problemsWith(extra: Record<string, unknown>): string[] {
  try {
    resolveConfig({ categories, ...extra });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConsentGateConfigError);
    return [...(error as ConsentGateConfigError).problems];
  }
}
const withCategory = (settings: unknown, key = 'analytics'): string[] => problemsWith({ categories: { necessary: {}, [key]: settings } });
const withCookie = (cookie: unknown): string[] => withCategory({ cookies: [cookie] });
const withRegion = (region: unknown): string[] => problemsWith({ googleConsentMode: { regions: [{ region, granted: [] }] } });

describe('resolveConfig rules', () => {
  it('checks the consent cookie name, domain and path syntax', () => {
    expect(problemsWith({ cookie: { name: 'cg_consent.v2', domain: '.example.com', path: '/shop' } })).toEqual([]);
    expect(problemsWith({ cookie: { domain: 'shop.example.co.uk' } })).toEqual([]);
    for (const name of ['my cookie', 'a;b', 'a=b', '', 'naïve', 5]) expect(problemsWith({ cookie: { name } })).toEqual(['cookie.name: must be a valid cookie name']);
    for (const domain of ['https://example.com', 'example.com;path=/', 'exa mple.com', 'example..com', 'example.com.', 5]) {
      expect(problemsWith({ cookie: { domain } })).toEqual(['cookie.domain: must be a host name']);
    }
    for (const path of ['shop', '/a;b', '/a b', '', 5]) expect(problemsWith({ cookie: { path } })).toEqual(['cookie.path: must be a "/…" path without ";" or spaces']);
  });

  it('accepts ISO 3166 region codes only, not "EU" or lower case, and needs at least one', () => {
    expect(withRegion(['NL', 'US-CA', 'ES-AN', 'GB-ENG'])).toEqual([]);
    const message = 'googleConsentMode.regions[0].region: must be ISO 3166 codes like "NL", "US-CA", not "EU"';
    for (const region of [['EU'], ['nl'], ['NLD'], ['US-CALI'], ['NL', 'EU'], [], 'NL', [1], [['NL']], undefined, null]) expect(withRegion(region)).toEqual([message]);
    expect(problemsWith({ googleConsentMode: { regions: [{ region: ['NL'], granted: ['ads'] }] } })).toEqual([
      expect.stringMatching(/^googleConsentMode\.regions\[0\]\.granted\[0\]: must be one of ad_storage, /),
    ]);
    expect(problemsWith({ googleConsentMode: { regions: ['NL'] } })).toEqual(['googleConsentMode.regions[0]: must be an object']);
  });

  it('refuses javascript: and other schemes in links and the log endpoint', () => {
    const message = 'must be a path or an http(s) URL';
    expect(withCategory({ vendors: [{ name: 'A', url: 'https://a.example/privacy' }, { name: 'B', url: '/vendors/b' }] })).toEqual([]);
    for (const url of ['javascript:alert(1)', 'ftp://x', 'data:text/html,x', 'privacy', 5]) {
      expect(withCategory({ vendors: [{ name: 'A', url }] })).toEqual([`categories.analytics.vendors[0].url: ${message}`]);
    }
    for (const privacyPolicyUrl of ['/privacy', 'https://example.com/privacy', 'privacy.html', '']) expect(problemsWith({ privacyPolicyUrl })).toEqual([]);
    for (const privacyPolicyUrl of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)', '\u0001javascript:x', 'data:text/html,x', 'VBScript:x', 5]) expect(problemsWith({ privacyPolicyUrl })).toEqual([`privacyPolicyUrl: ${message}`]);
    for (const logEndpoint of ['/consent', 'https://log.example/consent', null]) expect(problemsWith({ logEndpoint })).toEqual([]);
    for (const logEndpoint of ['javascript:alert(1)', 'consent', '', 5]) expect(problemsWith({ logEndpoint })).toEqual([`logEndpoint: ${message}`]);
  });

  it('checks category keys; names of Object.prototype are ordinary keys (everything reads own properties)', () => {
    const message = 'key must match /^[A-Za-z][\\w-]{0,31}$/';
    expect(withCategory({ label: 'x' }, 'support-chat_2')).toEqual([]);
    expect(withCategory({ label: 'x' }, 'a'.repeat(32))).toEqual([]);
    for (const key of ['1st', '-x', 'a'.repeat(33), 'two words', 'é']) expect(withCategory({ label: 'x' }, key)).toEqual([`categories.${key}: ${message}`]);
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) expect(withCategory({ label: 'x' }, key)).toEqual([]);
    const json = JSON.parse('{ "categories": { "necessary": {}, "analytics": {}, "__proto__": { "label": "x" } } }');
    expect(() => resolveConfig(json)).toThrow('categories.__proto__: key must match');
  });

  it('takes at most 32 categories, as many as the cookie value and a receipt hold', () => {
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, { label: `C${i}` }]));
    expect(resolveConfig({ categories: many(32) }).categories).toHaveLength(32);
    expect(problemsWith({ categories: many(33) })).toEqual(['categories: at most 32 categories']);
  });

  it('checks integer ranges at both ends', () => {
    expect(resolveConfig({ categories, revision: 0 }).revision).toBe(0);
    expect(resolveConfig({ categories, revision: 999999 }).revision).toBe(999999);
    for (const revision of [-1, 1000000, 2.5, '3', null]) expect(problemsWith({ revision })).toEqual(['revision: must be an integer from 0 to 999999']);
  });

  it('takes labels and other texts as a string or { en, nl } strings', () => {
    expect(withCategory({ label: 'Stats', description: { en: 'Counts', nl: 'Telt' } })).toEqual([]);
    expect(withCategory({ label: { nl: 'Statistiek' } })).toEqual([]);
    const message = 'must be a string or { en, nl }';
    for (const label of [{}, { de: 'x' }, { en: 1 }, { en: 'x', fr: 'y' }, 42, null, ['x']]) expect(withCategory({ label })).toEqual([`categories.analytics.label: ${message}`]);
    expect(withCategory({ description: { en: null } })).toEqual([`categories.analytics.description: ${message}`]);
    expect(withCookie({ name: 'a', purpose: 3, expires: { en: 'x', de: 'y' } })).toEqual([
      `categories.analytics.cookies[0].purpose: ${message}`,
      `categories.analytics.cookies[0].expires: ${message}`,
    ]);
  });

  it('takes data points from the built-in list or as own { en, nl } text', () => {
    expect(withCategory({ data: ['device', 'ip', 'browser', 'os', 'pages', 'clicks', 'login', 'host', { en: 'Shoe size', nl: 'Schoenmaat' }, 'Own text'] })).toEqual([
      expect.stringMatching(/^categories\.analytics\.data\[9\]: must be one of device, ip, browser, os, pages, clicks, login, host or \{ en, nl \}$/),
    ]);
    for (const point of [{ fr: 'x' }, 5, null, 'Device']) expect(withCategory({ data: [point] })).toHaveLength(1);
    expect(withCategory({ data: 'device' })).toEqual(['categories.analytics.data: must be an array']);
  });

  it('needs a valid name or regular expression per cookie declaration', () => {
    expect(withCookie({ name: '_fbp', provider: 'Meta', purpose: 'Ads', expires: { en: '3 months', nl: '3 maanden' } })).toEqual([]);
    expect(withCookie({ match: '^_ga(_.+)?$' })).toEqual([]);
    expect(withCookie({ match: '[' })).toEqual(['categories.analytics.cookies[0].match: not a valid regular expression']);
    expect(withCookie({ match: 5 })).toEqual(['categories.analytics.cookies[0].match: not a valid regular expression']);
    expect(withCookie({ provider: 'x' })).toEqual(['categories.analytics.cookies[0]: needs "name" or "match"']);
    expect(withCookie({ name: ' ', match: 'x' })).toEqual(['categories.analytics.cookies[0].name: must be a non-empty string']);
    expect(withCookie({ name: 'a', provider: 5 })).toEqual(['categories.analytics.cookies[0].provider: must be a string']);
    expect(withCookie('_ga')).toEqual(['categories.analytics.cookies[0]: must be an object']);
    for (const cookies of [{}, 'x', { length: 1, map: 'x' }]) expect(withCategory({ cookies })).toEqual(['categories.analytics.cookies: must be an array']);
  });

  it('needs a name per vendor', () => {
    expect(withCategory({ vendors: [{ name: 'A' }] })).toEqual([]);
    expect(withCategory({ vendors: [{ url: '/a' }, { name: '' }, { name: 7 }] })).toEqual([
      'categories.analytics.vendors[0].name: must be a non-empty string',
      'categories.analytics.vendors[1].name: must be a non-empty string',
      'categories.analytics.vendors[2].name: must be a non-empty string',
    ]);
  });

  it('checks every other field type', () => {
    expect(problemsWith({ controller: 5, language: 'de', layout: 'modal', theme: 'pink', respectGPC: 'no', reopenButton: 1, texts: 'x' })).toEqual([
      'language: must be one of auto, en, nl',
      'texts: must be an object',
      'controller: must be a string',
      'layout: must be one of bar, box',
      'theme: must be one of auto, light, dark',
      'reopenButton: must be true or false',
      'respectGPC: must be true or false',
    ]);
    expect(problemsWith({ cookie: 'x', texts: { en: 'x' } })).toEqual(['cookie: must be an object', 'texts.en: must be an object']);
    expect(withCategory({ required: 'yes' })).toEqual(['categories.analytics.required: must be true or false']);
    expect(problemsWith({ categories: [] })).toEqual(['categories: must be an object']);
    for (const googleConsentMode of ['yes', null, 1]) expect(problemsWith({ googleConsentMode })).toEqual(['googleConsentMode: must be a boolean or an object']);
    expect(problemsWith({ googleConsentMode: { adsDataRedaction: 'yes', urlPassthrough: 0, regions: {}, map: [] } })).toEqual([
      'googleConsentMode.map: must be an object',
      'googleConsentMode.adsDataRedaction: must be true or false',
      'googleConsentMode.urlPassthrough: must be true or false',
      'googleConsentMode.regions: must be an array',
    ]);
  });

  it('reports unknown keys at every level', () => {
    expect(problemsWith({ cookie: { secure: true, Domain: 'x.nl' }, googleConsentMode: { region: [] } })).toEqual([
      'cookie.secure: unknown key',
      'cookie.Domain: unknown key',
      'googleConsentMode.region: unknown key',
    ]);
    expect(withCookie({ name: 'a', expiry: '1 day' })).toEqual(['categories.analytics.cookies[0].expiry: unknown key']);
    expect(withCategory({ vendors: [{ name: 'a', link: '/x' }] })).toEqual(['categories.analytics.vendors[0].link: unknown key']);
    expect(problemsWith({ googleConsentMode: { regions: [{ region: ['NL'], granted: [], when: 1 }] } })).toEqual(['googleConsentMode.regions[0].when: unknown key']);
  });

  it('applies the defaults of required, Consent Mode and texts', () => {
    const c = resolveConfig({ categories: { necessary: { required: false }, analytics: { required: true }, marketing: {} }, googleConsentMode: true });
    expect(c.categories.map((x) => x.required)).toEqual([false, true, false]);
    expect(c.categories[2]).toEqual({ key: 'marketing', required: false, data: [], cookies: [], vendors: [] });
    expect(c.texts).toEqual({ en: {}, nl: {} });
    expect(c.googleConsentMode).toEqual({
      map: {
        preferences: ['functionality_storage', 'personalization_storage'],
        analytics: ['analytics_storage'],
        marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
      },
      adsDataRedaction: false,
      urlPassthrough: false,
      regions: [],
    });
    const own = resolveConfig({ categories, googleConsentMode: { map: { analytics: ['analytics_storage', 'ad_storage'] }, urlPassthrough: true } }).googleConsentMode;
    expect(own && own.map.analytics).toEqual(['analytics_storage', 'ad_storage']);
    expect(own && own.urlPassthrough).toBe(true);
    expect(resolveConfig({ categories, googleConsentMode: false }).googleConsentMode).toBe(false);
  });

  it('freezes the whole result and leaves the input as it was', () => {
    const input = {
      categories: {
        necessary: {},
        analytics: { label: { en: 'Stats' }, data: ['ip', { en: 'x' }], cookies: [{ name: '_ga' }], vendors: [{ name: 'G' }] },
      },
      texts: { en: { acceptAll: 'OK' } },
      googleConsentMode: { regions: [{ region: ['NL'], granted: ['analytics_storage'] }] },
    };
    const before = JSON.stringify(input);
    const c = resolveConfig(input);
    const analytics = c.categories[1]!;
    const cm = c.googleConsentMode;
    for (const part of [c, c.categories, analytics, analytics.label, analytics.data, analytics.data[1], analytics.cookies[0], analytics.vendors, c.texts, c.texts.en, cm, cm && cm.map, cm && cm.map.analytics, cm && cm.regions[0], cm && cm.regions[0]!.region]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(analytics).toMatchObject({ key: 'analytics', label: { en: 'Stats' }, data: ['ip', { en: 'x' }], cookies: [{ name: '_ga' }], vendors: [{ name: 'G' }] });
    expect(Object.isFrozen(input.categories.analytics)).toBe(false);
    expect(Object.isFrozen(input.categories.analytics.label)).toBe(false);
    expect(Object.isFrozen(input.categories.analytics.data)).toBe(false);
    expect(Object.isFrozen(input.texts.en)).toBe(false);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('checks the Consent Mode map against the categories whatever order the keys come in', () => {
    const map = { analytics: ['analytics_storage'], chat: ['ad_storage'] };
    const categories = { necessary: {}, analytics: {} };
    const problems = (input: object) => {
      try {
        resolveConfig(input);
        return [];
      } catch (error) {
        return [...(error as ConsentGateConfigError).problems];
      }
    };
    // Written both ways round: the map is checked after the categories either way.
    expect(Object.keys({ googleConsentMode: { map }, categories })[0]).toBe('googleConsentMode');
    expect(problems({ categories, googleConsentMode: { map } })).toEqual(['googleConsentMode.map.chat: unknown key']);
    expect(problems({ googleConsentMode: { map }, categories })).toEqual(['googleConsentMode.map.chat: unknown key']);
    const reversed = resolveConfig({ googleConsentMode: { map: { analytics: ['analytics_storage'] } }, categories });
    expect(reversed.googleConsentMode && reversed.googleConsentMode.map).toEqual({ necessary: [], analytics: ['analytics_storage'] });
  });

  it('keeps no state between validations: one run inside another loses none of its problems', () => {
    const outer = {
      categories: { necessary: {}, analytics: {} },
      expiresAfterDays: 999,
      // A getter read during validation that starts another validation (a site's own code could).
      get language() {
        expect(() => resolveConfig({ categories: { necessary: {}, analytics: {} }, revision: -1 })).toThrow('revision');
        return 'xx';
      },
      googleConsentMode: { map: { analytics: ['analytics_storage'] } },
    };
    expect(() => resolveConfig(outer)).toThrow(
      new RegExp('expiresAfterDays: must be an integer from 1 to 395\\n- language: must be one of auto, en, nl$'),
    );
  });
});

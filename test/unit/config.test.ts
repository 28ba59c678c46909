import { describe, expect, it } from 'vitest';
import { ConsentGateConfigError, resolveConfig } from '../../src/core/config';

const base = { categories: { necessary: {}, analytics: {}, marketing: {} } };

function problemsOf(config: unknown): string[] {
  try {
    resolveConfig(config);
  } catch (error) {
    expect(error).toBeInstanceOf(ConsentGateConfigError);
    expect((error as Error).name).toBe('ConsentGateConfigError');
    return [...(error as ConsentGateConfigError).problems];
  }
  throw new Error('expected the config to be refused');
}

describe('resolveConfig', () => {
  it('applies the documented defaults and freezes the result', () => {
    const c = resolveConfig(base);
    expect(c.revision).toBe(1);
    expect(c.expiresAfterDays).toBe(182);
    expect(c.cookie).toEqual({ name: 'consentgate', domain: '', path: '/', sameSite: 'Lax' });
    expect(c.language).toBe('auto');
    expect(c.layout).toBe('bar');
    expect(c.theme).toBe('auto');
    expect(c.reopenButton).toBe(true);
    expect(c.respectGPC).toBe(true);
    expect(c.googleConsentMode).toBe(false);
    expect(c.logEndpoint).toBeNull();
    expect(c.categories.map((x) => [x.key, x.required])).toEqual([
      ['necessary', true],
      ['analytics', false],
      ['marketing', false],
    ]);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.categories)).toBe(true);
    expect(Object.isFrozen(c.categories[0])).toBe(true);
    expect(Object.isFrozen(c.cookie)).toBe(true);
    expect(() => {
      (c as { revision: number }).revision = 2;
    }).toThrow(TypeError);
  });

  it('keeps category order and a custom category with a label', () => {
    const c = resolveConfig({ categories: { marketing: {}, support: { label: { en: 'Support chat', nl: 'Supportchat' } }, necessary: {} } });
    expect(c.categories.map((x) => x.key)).toEqual(['marketing', 'support', 'necessary']);
  });

  it('refuses a config that is not an object', () => {
    for (const bad of [null, undefined, 42, 'x', [], true]) expect(problemsOf(bad)).toEqual(['config: must be an object']);
  });

  it('lists every problem with its path, in one error', () => {
    const problems = problemsOf({
      categories: {
        necessary: {},
        analytics: {
          cookies: [{ name: '_ga', match: '^_ga(' }, { provider: 'x' }],
          data: ['device', 'shoe-size'],
          vendors: [{ url: 'ftp://x' }],
        },
        chat: {},
      },
      expiresAfterDays: 400,
      revision: 1.5,
      layout: 'modal',
      cookie: { sameSite: 'lax', path: 'x' },
      reopenButton: 'yes',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'categories.analytics.cookies[0].match: not a valid regular expression',
        'categories.analytics.cookies[1]: needs "name" or "match"',
        expect.stringMatching(/^categories\.analytics\.data\[1\]: must be one of device, ip/),
        'categories.analytics.vendors[0].name: must be a non-empty string',
        'categories.analytics.vendors[0].url: must be a path or an http(s) URL',
        expect.stringMatching(/^categories\.chat\.label: required/),
        'expiresAfterDays: must be an integer from 1 to 395',
        'revision: must be an integer from 0 to 999999',
        'layout: must be one of bar, box',
        'cookie.sameSite: must be one of Lax, Strict, None',
        'cookie.path: must be a "/…" path without ";" or spaces',
        'reopenButton: must be true or false',
      ]),
    );
    expect(problems).toHaveLength(12);
  });

  it('reports unknown keys, typos included', () => {
    expect(problemsOf({ ...base, expiresAfterDay: 30 })).toEqual(['expiresAfterDay: unknown key']);
    expect(problemsOf({ ...base, respectGpc: false })).toEqual(['respectGpc: unknown key']);
    expect(problemsOf({ ...base, colour: 'red' })).toEqual(['colour: unknown key']);
    expect(problemsOf({ categories: { necessary: {}, analytics: { cookie: [] } } })).toEqual([
      'categories.analytics.cookie: unknown key',
    ]);
  });

  it('checks expiresAfterDays at both ends of 1..395', () => {
    expect(resolveConfig({ ...base, expiresAfterDays: 1 }).expiresAfterDays).toBe(1);
    expect(resolveConfig({ ...base, expiresAfterDays: 395 }).expiresAfterDays).toBe(395);
    expect(problemsOf({ ...base, expiresAfterDays: 0 })).toEqual(['expiresAfterDays: must be an integer from 1 to 395']);
    expect(problemsOf({ ...base, expiresAfterDays: 396 })).toEqual(['expiresAfterDays: must be an integer from 1 to 395']);
    expect(problemsOf({ ...base, expiresAfterDays: '30' })).toEqual(['expiresAfterDays: must be an integer from 1 to 395']);
  });

  it('needs categories, and at least one that can be refused', () => {
    expect(problemsOf({})).toEqual(['categories: must be an object']);
    expect(problemsOf({ categories: { necessary: {} } })).toEqual(['categories: needs a non-required category']);
    expect(problemsOf({ categories: { necessary: {}, analytics: { required: true } } })).toEqual([
      'categories: needs a non-required category',
    ]);
    expect(problemsOf({ categories: { necessary: {}, analytics: 'yes' } })).toEqual(['categories.analytics: must be an object']);
    expect(problemsOf({ categories: { necessary: {}, 'two words': { label: 'x' } } })[0]).toBe('categories.two words: key must match /^[A-Za-z][\\w-]{0,31}$/');
  });

  it('validates texts per language', () => {
    expect(resolveConfig({ ...base, texts: { nl: { acceptAll: 'Ja' } } }).texts.nl).toEqual({ acceptAll: 'Ja' });
    expect(problemsOf({ ...base, texts: { de: {}, nl: { acceptAll: 1 } } })).toEqual([
      'texts.de: unknown key',
      'texts.nl.acceptAll: must be a string',
    ]);
  });

  it('validates Consent Mode options, refusing pseudo-regions such as EU', () => {
    const cm = resolveConfig({ ...base, googleConsentMode: true }).googleConsentMode;
    expect(cm && cm.map.analytics).toEqual(['analytics_storage']);
    expect(cm && cm.map.marketing).toEqual(['ad_storage', 'ad_user_data', 'ad_personalization']);
    expect(problemsOf({ ...base, googleConsentMode: { regions: [{ region: ['EU'], granted: [] }] } })).toEqual([
      'googleConsentMode.regions[0].region: must be ISO 3166 codes like "NL", "US-CA", not "EU"',
    ]);
    expect(problemsOf({ ...base, googleConsentMode: { map: { analytics: ['ads'], shop: [] } } })).toEqual([
      'googleConsentMode.map.shop: unknown key',
      'googleConsentMode.map.analytics[0]: must be one of ad_storage, ad_user_data, ad_personalization, analytics_storage, functionality_storage, personalization_storage, security_storage',
    ]);
    expect(resolveConfig({ ...base, googleConsentMode: { regions: [{ region: ['US-CA', 'NL'], granted: ['analytics_storage'] }] } })).toBeTruthy();
  });

  it('refuses a javascript: privacy policy link and a bad log endpoint', () => {
    expect(problemsOf({ ...base, privacyPolicyUrl: 'javascript:alert(1)', logEndpoint: 'data:x' })).toEqual([
      'privacyPolicyUrl: must be a path or an http(s) URL',
      'logEndpoint: must be a path or an http(s) URL',
    ]);
  });

  it('formats the message with every problem on its own line', () => {
    expect(() => resolveConfig({ ...base, theme: 'pink', expiresAfterDays: -1 })).toThrow(
      'invalid config:\n- expiresAfterDays: must be an integer from 1 to 395\n- theme: must be one of auto, light, dark',
    );
  });
});

// The server's readConsent and the browser judge the same Cookie string the same way. The browser
// side is the real core (createCore + init) reading a document.cookie that returns the string;
// its cookie reading is also checked against the rule it follows, stated pair by pair.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { readCookie } from '../../src/core/cookie';
import { createCore } from '../../src/core/create';
import { createRecord, encodeRecord, parseRecord } from '../../src/core/record';
import { readConsent } from '../../src/server';
import type { Config } from '../../src/types';
import { SEED } from './seed';

const CONFIG: Config = { revision: 2, categories: { necessary: {}, analytics: {}, marketing: {}, support: { label: 'Support', required: true } } };
const SERVER = { revision: 2, expiresAfterDays: 182, categories: CONFIG.categories };
const DAY = 864e5;
const ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';

/** The browser's answer: a headless core started on a page whose document.cookie is `header`. */
function browser(header: string) {
  Object.defineProperty(document, 'cookie', { configurable: true, get: () => header, set: () => {} });
  const gate = createCore();
  try {
    gate.init(CONFIG);
    return gate.get();
  } finally {
    gate.destroy();
    delete (document as { cookie?: string }).cookie;
  }
}

afterEach(() => {
  delete (document as { cookie?: string }).cookie;
});

// The browser writes the value as it is (format cg1 holds only cookie-octets); a library that
// percent-encodes would write this instead, which is not ours.
const written = (value: string) => value;
const encoded = (value: string) => encodeURIComponent(value);
const value = (categories: string, age = 1, revision = 2) => `cg1|${ID}|${Date.now() - age * DAY}|${revision}|c|0|${categories}`;
const VALID = value('necessary:1+analytics:1+marketing:0+support:1');

const names = fc.oneof({ weight: 3, arbitrary: fc.constant('consentgate') }, fc.constantFrom('%63onsentgate', 'consentgat%65', 'CONSENTGATE', ' consentgate', 'consentgate ', '%E0%A4%A', 'other', ''));
const values = fc.oneof(
  fc.constantFrom(
    written(VALID),
    VALID,
    `"${written(VALID)}"`,
    `"${written(VALID)}"junk`,
    `"${written(VALID)}junk`,
    `"${written(VALID)}`,
    `%E0%A4%A${written(VALID)}`,
    written(VALID) + '%E0%A4%A',
    encoded(VALID).replace('%7C', '|'),
    written(value('necessary:0+analytics:1')),
    written(value('necessary:1+analytics:1+evil:1+marketing:1')),
    written(value('analytics:1')),
    written(value('necessary:1+analytics:1', 200)),
    written(value('necessary:1+analytics:1', 1, 3)),
    encodeURIComponent(VALID),
    `${written(VALID)}=x`,
    '',
  ),
  fc.string({ maxLength: 40 }),
);
const pair = fc.oneof({ weight: 5, arbitrary: fc.tuple(names, values).map(([n, v]) => `${n}=${v}`) }, { weight: 1, arbitrary: values });
const header = fc.tuple(fc.array(pair, { minLength: 0, maxLength: 5 }), fc.oneof({ weight: 3, arbitrary: fc.constant('; ') }, fc.constantFrom(';', ' ; ', '; ; '))).map(([pairs, sep]) => pairs.join(sep));

describe('server and browser', () => {
  it('read every hostile Cookie string the same way (property)', () => {
    let decisions = 0;
    fc.assert(
      fc.property(header, (h) => {
        const inBrowser = browser(h);
        expect(readConsent(h, SERVER)).toEqual(inBrowser);
        if (inBrowser) decisions++;
      }),
      { numRuns: 600, seed: SEED },
    );
    expect(decisions).toBeGreaterThan(30);
  }, 120_000);

  it('read, of the pairs of exactly that name whose value is in format cg1, the latest decision (the first of equals), nothing decoded (property)', () => {
    fc.assert(
      fc.property(header, fc.constantFrom('consentgate', 'other', 'a b'), (h, name) => {
        const values = h
          .split('; ')
          .filter((p) => p.startsWith(name + '=') && parseRecord(p.slice(name.length + 1)) !== null)
          .map((p) => p.slice(name.length + 1));
        const latest = values.reduce<string | undefined>((best, v) => (best === undefined || parseRecord(v)!.time > parseRecord(best)!.time ? v : best), undefined);
        expect(readCookie(h, name)).toBe(latest);
      }),
      { numRuns: 2_000 },
    );
  });

  it('the cases that once disagreed: unknown categories, a refused required one, an encoded name, quotes, duplicates', () => {
    const all = { necessary: true, analytics: true, marketing: false, support: true };
    const cases: Array<[string, Record<string, boolean> | null]> = [
      [`consentgate=${written(value('necessary:1+evil:1'))}`, { necessary: true, analytics: false, marketing: false, support: true }],
      [`consentgate=${written(value('necessary:0+analytics:1'))}`, all],
      // Only what the browser writes is read: the exact name, the value as it is.
      [`%63onsentgate=${written(VALID)}`, null],
      [`consentgate=${encoded(VALID)}`, null],
      [`consentgate="${written(VALID)}"`, null],
      [`consentgate="${written(VALID)}x`, null],
      [`consentgate="${written(VALID)}"x`, null],
      // A pair of that name that is not in format cg1 is passed over, as if it were another cookie.
      [`consentgate=%E0%A4%A; consentgate=${written(VALID)}`, all],
      [`consentgate=nonsense; consentgate=${written(VALID)}`, all],
      [`consentgate="${written(VALID)}"; consentgate=${written(VALID)}`, all],
      // Of two well-formed ones (a copy on another path or domain), the later decision counts,
      // even when it is void (another revision); the first of equals.
      [`consentgate=${written(value('necessary:1+analytics:1', 1, 3))}; consentgate=${written(VALID)}`, null],
      [`consentgate=${written(value('necessary:1+analytics:1', 2))}; consentgate=${written(value('necessary:1+analytics:0', 1))}`, { ...all, analytics: false }],
      [`consentgate=${written(value('necessary:1+analytics:1', 3, 3))}; consentgate=${written(value('necessary:1+analytics:0', 2))}`, { ...all, analytics: false }],
    ];
    for (const [h, expected] of cases) {
      expect(browser(h)?.categories ?? null, h).toEqual(expected);
      expect(readConsent(h, SERVER)?.categories ?? null, h).toEqual(expected);
    }
  });

  it('takes the categories as a list of keys, or keeps the cookie\'s own without them', () => {
    const h = `consentgate=${written(value('necessary:0+analytics:1+evil:1'))}`;
    expect(readConsent(h, { revision: 2, categories: ['necessary', 'analytics', 'marketing'] })?.categories).toEqual({ necessary: true, analytics: true, marketing: false });
    expect(readConsent(h, { revision: 2 })?.categories).toEqual({ necessary: false, analytics: true, evil: true });
  });

  it('a polluted Object.prototype changes nothing on the server', () => {
    const proto = Object.prototype as unknown as Record<string, unknown>;
    const record = createRecord(ID, { necessary: true, analytics: false }, 'reject-all', false, 2, 182, Date.now() - DAY);
    const h = `consentgate=${written(encodeRecord(record))}`;
    let results: unknown[];
    try {
      proto.consentgate = VALID;
      proto.analytics = true;
      proto.required = true;
      results = [readConsent('other=1', SERVER), readConsent(h, { revision: 2, categories: { necessary: {}, analytics: {} } })?.categories];
    } finally {
      delete proto.consentgate;
      delete proto.analytics;
      delete proto.required;
    }
    expect(results).toEqual([null, { necessary: true, analytics: false }]);
  });
});

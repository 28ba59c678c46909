// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecord, decodeRecord, encodeRecord } from '../../src/core/record';
import { readConsent } from '../../src/server';
import { SEED } from './seed';

const NOW = Date.UTC(2026, 10, 26);
const record = createRecord('1b4e28ba-2fa1-41d2-883f-0016d3cca427', { necessary: true, analytics: true, marketing: false }, 'custom', true, 2, 182, NOW);
// The browser writes the value as it is: format cg1 holds only cookie-octets.
const cookieValue = encodeRecord(record);

describe('readConsent', () => {
  it('finds the cookie among others and returns the record', () => {
    expect(readConsent(`a=1; consentgate=${cookieValue}; b=2`, { revision: 2, now: NOW })).toEqual(record);
    // The browser never writes a percent-encoded or quoted value: neither is a decision.
    expect(readConsent(`consentgate=${encodeURIComponent(encodeRecord(record))}`, { revision: 2, now: NOW })).toBeNull();
    expect(readConsent(`consentgate="${encodeRecord(record)}"`, { revision: 2, now: NOW })).toBeNull();
  });

  it('uses the same validity rules as the browser', () => {
    expect(readConsent(`consentgate=${cookieValue}`, { revision: 3, now: NOW })).toBeNull();
    expect(readConsent(`consentgate=${cookieValue}`, { revision: 2, now: NOW + 182 * 86_400_000 })).toBeNull();
    expect(readConsent(`consentgate=${cookieValue}`, { revision: 2, now: NOW + 182 * 86_400_000 - 1000 })).not.toBeNull();
    expect(readConsent(`other=${cookieValue}`, { revision: 2, now: NOW })).toBeNull();
    expect(readConsent(`cg=${cookieValue}`, { name: 'cg', revision: 2, now: NOW })).toEqual(record);
  });

  it('returns null for anything malformed, never throws', () => {
    for (const h of [undefined, null, '', ';;;', 'consentgate=', 'consentgate=%E0%A4%A', 'consentgate="cg1|x"', 'consentgate']) {
      expect(readConsent(h, { revision: 2, now: NOW })).toBeNull();
    }
  });

  it('agrees with the browser decoder on fuzzed values (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const rules = { revision: 2, expiresAfterDays: 182, now: NOW };
        const fromServer = readConsent(`consentgate=${s}`, rules);
        expect(fromServer).toEqual(decodeRecord(s, rules));
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('agrees with the browser decoder on real values of any age and revision', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.integer({ min: -2, max: 400 }), fc.integer({ min: 1, max: 3 }), fc.boolean(), (ageDays, revision, gpc) => {
        const r = createRecord('1b4e28ba-2fa1-41d2-883f-0016d3cca427', { necessary: true, analytics: gpc }, 'custom', gpc, revision, 182, NOW - ageDays * 86_400_000);
        const rules = { revision: 2, expiresAfterDays: 182, now: NOW };
        const fromServer = readConsent(`x=1; consentgate=${encodeRecord(r)}`, rules);
        expect(fromServer).toEqual(decodeRecord(encodeRecord(r), rules));
        if (fromServer) valid++;
      }),
      { numRuns: 2_000, seed: SEED },
    );
    expect(valid).toBeGreaterThan(100);
  }, 120_000);
});

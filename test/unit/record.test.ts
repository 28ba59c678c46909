import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecord, decodeRecord, encodeRecord, MAX_COOKIE_LENGTH, parseRecord, uuid } from '../../src/core/record';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const categories = { necessary: true, preferences: false, analytics: true, marketing: false };
const record = createRecord('1b4e28ba-2fa1-41d2-883f-0016d3cca427', categories, 'custom', false, 3, 182, NOW);
const value = encodeRecord(record);
const rules = { revision: 3, expiresAfterDays: 182, now: NOW };

describe('uuid', () => {
  it('makes RFC 9562 version 4 ids that differ', () => {
    const ids = new Set(Array.from({ length: 500 }, uuid));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('cookie value', () => {
  it('has the documented format and stays under 300 bytes for four categories', () => {
    expect(value).toBe(`cg1|1b4e28ba-2fa1-41d2-883f-0016d3cca427|${NOW}|3|c|0|necessary:1+preferences:0+analytics:1+marketing:0`);
    expect(new TextEncoder().encode(encodeURIComponent(value)).length).toBeLessThanOrEqual(300);
  });

  it('round-trips a record', () => {
    expect(decodeRecord(value, rules)).toEqual(record);
    const gpc = createRecord(uuid(), categories, 'accept-all', true, 3, 182, NOW);
    expect(decodeRecord(encodeRecord(gpc), rules)).toEqual(gpc);
    const reject = createRecord(uuid(), categories, 'reject-all', false, 3, 182, NOW);
    expect(decodeRecord(encodeRecord(reject), rules)?.action).toBe('reject-all');
  }, 120_000);

  it('counts another revision as no decision', () => {
    expect(decodeRecord(value, { ...rules, revision: 4 })).toBeNull();
    expect(decodeRecord(value, { ...rules, revision: 2 })).toBeNull();
  });

  it('expires by its own timestamp, one second either side of the boundary', () => {
    const end = NOW + 182 * DAY;
    expect(decodeRecord(value, { ...rules, now: end - 1000 })).not.toBeNull();
    expect(decodeRecord(value, { ...rules, now: end })).toBeNull();
    expect(decodeRecord(value, { ...rules, now: end + 1000 })).toBeNull();
    // A shorter lifetime configured later voids older decisions at once.
    expect(decodeRecord(value, { ...rules, expiresAfterDays: 30, now: NOW + 31 * DAY })).toBeNull();
  });

  it('refuses a decision dated more than a day in the future', () => {
    expect(decodeRecord(value, { ...rules, now: NOW - 2 * DAY })).toBeNull();
    expect(decodeRecord(value, { ...rules, now: NOW - DAY / 2 })).not.toBeNull();
  });

  it('maps onto the configured categories: required true, missing refused, unknown dropped', () => {
    const r = decodeRecord(value, {
      ...rules,
      categories: [
        { key: 'necessary', required: true },
        { key: 'analytics', required: false },
        { key: 'support', required: false },
      ],
    });
    expect(r?.categories).toEqual({ necessary: true, analytics: true, support: false });
  });

  it('refuses malformed, truncated, oversized and other-version values', () => {
    const bad = [
      '',
      'cg1',
      value.slice(0, -1),
      value.slice(0, 60),
      value.replace('cg1', 'cg2'),
      value.replace('|c|', '|x|'),
      value.replace('|0|', '|2|'),
      value.replace('41d2', '11d2'), // not version 4
      value.replace('necessary:1', 'necessary:1+necessary:0'), // repeated
      value + '+' + 'x:1'.repeat(400),
      'a'.repeat(MAX_COOKIE_LENGTH + 1),
      value.toUpperCase(),
      ` ${value}`,
      JSON.stringify(record),
      encodeURIComponent(value),
    ];
    for (const v of bad) expect(decodeRecord(v, rules), v).toBeNull();
    for (const v of [undefined, null, 1, {}, [], Symbol('x')]) expect(parseRecord(v)).toBeNull();
  });
});

describe('decoder fuzz', () => {
  const decode = (v: string): void => {
    const r = decodeRecord(v, rules);
    if (r !== null) {
      // Whatever gets through is a full, self-consistent record.
      expect(r.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(typeof r.gpc).toBe('boolean');
      expect(Date.parse(r.expires)).toBeGreaterThan(NOW);
    }
  };

  it('never throws on random strings (10,000 cases)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (v) => decode(v)), { numRuns: 10_000 });
  }, 120_000);

  it('never throws on mutations of a valid value (10,000 cases)', () => {
    const mutated = fc
      .tuple(fc.nat(value.length), fc.nat(value.length), fc.string({ maxLength: 12 }), fc.constantFrom('insert', 'delete', 'replace'))
      .map(([at, len, s, op]) => {
        if (op === 'insert') return value.slice(0, at) + s + value.slice(at);
        if (op === 'delete') return value.slice(0, at) + value.slice(at + (len % 8));
        return value.slice(0, at) + s + value.slice(at + s.length);
      });
    let accepted = 0;
    fc.assert(
      fc.property(mutated, (v) => {
        decode(v);
        if (decodeRecord(v, rules)) accepted++;
      }),
      { numRuns: 10_000 },
    );
    // Mutations that keep the format (e.g. a changed hex digit of the id) may pass; most must not.
    expect(accepted).toBeLessThan(5_000);
  }, 120_000);

  it('round-trips any record it encodes', () => {
    const arb = fc.record({
      cats: fc.dictionary(fc.stringMatching(/^[A-Za-z][\w-]{0,10}$/).filter((k) => !(k in Object.prototype)), fc.boolean(), { minKeys: 1, maxKeys: 8 }),
      action: fc.constantFrom('accept-all' as const, 'reject-all' as const, 'custom' as const),
      gpc: fc.boolean(),
      revision: fc.nat(999_999),
    });
    fc.assert(
      fc.property(arb, ({ cats, action, gpc, revision }) => {
        const r = createRecord(uuid(), cats, action, gpc, revision, 182, NOW);
        expect(decodeRecord(encodeRecord(r), { ...rules, revision })).toEqual(r);
      }),
      { numRuns: 2_000 },
    );
  }, 120_000);
});

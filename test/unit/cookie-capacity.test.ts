// Every config the validator accepts can hold its decision: encode → cookie (as the browser
// writes it) → the browser's read and the server's read give the same record back.
// Whatever the cookie cannot hold is refused with its path.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsentGateConfigError, resolveConfig } from '../../src/core/config';
import { consentCookie } from '../../src/core/cookie';
import { createRecord, decodeRecord, encodeRecord, MAX_COOKIE_LENGTH, uuid } from '../../src/core/record';
import { readConsent } from '../../src/server';
import type { Config } from '../../src/types';
import { SEED } from './seed';

const problems = (input: unknown): string[] => {
  try {
    resolveConfig(input);
    return [];
  } catch (error) {
    if (error instanceof ConsentGateConfigError) return [...error.problems];
    throw error;
  }
};

// Category keys around the limits: 1..40 characters, so some are too long.
const key = fc.stringMatching(/^[A-Za-z][\w-]{0,39}$/);
// Cookie names of every allowed character, 1..72 long, so some are too long.
const cookieName = fc.stringMatching(/^[\w!#$%&'*+.^`|~-]{1,72}$/);
const generated = fc.record({
  categories: fc.uniqueArray(fc.tuple(key, fc.boolean()), { minLength: 1, maxLength: 40, selector: ([k]) => k }),
  revision: fc.oneof(fc.integer({ min: 0, max: 999_999 }), fc.constantFrom(-1, 1_000_000)),
  expiresAfterDays: fc.oneof(fc.integer({ min: 1, max: 395 }), fc.constantFrom(0, 396)),
  name: cookieName,
  grants: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  action: fc.constantFrom('accept-all', 'reject-all', 'custom') as fc.Arbitrary<'accept-all' | 'reject-all' | 'custom'>,
  gpc: fc.boolean(),
});

afterEach(() => {
  for (const c of document.cookie ? document.cookie.split('; ') : []) document.cookie = `${c.split('=')[0]}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
});

describe('a config the cookie cannot hold', () => {
  it('is refused with its path; every accepted one round-trips through the browser and the server (property)', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(generated, (g) => {
        const input: Config = {
          categories: Object.fromEntries(g.categories.map(([k, required]) => [k, { required, label: k }])),
          revision: g.revision,
          expiresAfterDays: g.expiresAfterDays,
          cookie: { name: g.name },
        };
        const found = problems(input);
        const expected: string[] = [];
        if (g.categories.length > 32) expected.push('categories: at most 32 categories');
        for (const [k] of g.categories) if (k.length > 32) expected.push(`categories.${k}: key must match /^[A-Za-z][\\w-]{0,31}$/`);
        if (g.categories.every(([, required]) => required)) expected.push('categories: needs a non-required category');
        if (g.revision < 0 || g.revision > 999_999) expected.push('revision: must be an integer from 0 to 999999');
        if (g.expiresAfterDays < 1 || g.expiresAfterDays > 395) expected.push('expiresAfterDays: must be an integer from 1 to 395');
        if (g.name.length > 64) expected.push('cookie.name: must be a valid cookie name');
        expect(found.sort()).toEqual(expected.sort());
        if (found.length) return void refused++;
        accepted++;

        const config = resolveConfig(input);
        const categories = Object.fromEntries(config.categories.map((c, i) => [c.key, c.required || g.grants[i]!]));
        const now = Date.now();
        const record = createRecord(uuid(), categories, g.action, g.gpc, config.revision, config.expiresAfterDays, now - 1000);
        const value = encodeRecord(record);
        expect(value.length).toBeLessThanOrEqual(MAX_COOKIE_LENGTH);
        if (config.categories.length <= 4) expect(value.length).toBeLessThanOrEqual(300);

        const jar = consentCookie(config.cookie);
        jar._write(value, new Date(record.expires));
        // RFC 6265bis §5.4: browsers refuse a name plus value over 4096 bytes (this is the only cookie).
        expect(document.cookie.length).toBeLessThanOrEqual(4096);
        const rules = { revision: config.revision, expiresAfterDays: config.expiresAfterDays, now, categories: config.categories };
        expect(decodeRecord(jar._read(), rules)).toEqual(record);
        expect(readConsent(document.cookie, { ...rules, name: config.cookie.name, categories: input.categories })).toEqual(record);
        jar._remove();
      }),
      { numRuns: 400, seed: SEED },
    );
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  }, 60_000);

  it('32 categories of 32 characters fit; the 33rd is refused', () => {
    const keys = Array.from({ length: 33 }, (_, i) => `c${String(i).padStart(2, '0')}`.padEnd(32, 'x'));
    const config = (n: number) => ({ categories: Object.fromEntries(keys.slice(0, n).map((k) => [k, { label: k }])) });
    expect(problems(config(32))).toEqual([]);
    expect(problems(config(33))).toEqual(['categories: at most 32 categories']);
  });
});

describe('the __Host- cookie prefix', () => {
  it('is accepted with path "/" and no domain, refused otherwise with its path', () => {
    const categories = { necessary: {}, analytics: {} };
    expect(problems({ categories, cookie: { name: '__Host-consentgate' } })).toEqual([]);
    expect(problems({ categories, cookie: { name: '__Secure-consentgate', domain: 'example.com' } })).toEqual([]);
    const message = 'cookie.name: a __Host- cookie needs path "/" and no domain';
    expect(problems({ categories, cookie: { name: '__Host-consentgate', path: '/shop' } })).toEqual([message]);
    expect(problems({ categories, cookie: { name: '__host-consentgate', domain: 'example.com' } })).toEqual([message]);
  });

  it('is written with Secure, which the browser requires of it (as of SameSite=None), also on http', () => {
    const writes: string[] = [];
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => '', set: (v: string) => void writes.push(v) });
    try {
      for (const name of ['__Host-consentgate', '__Secure-cg', 'consentgate']) consentCookie({ name, path: '/', domain: '', sameSite: 'Lax' })._write('x', new Date(Date.now() + 1e6));
      consentCookie({ name: 'consentgate', path: '/', domain: '', sameSite: 'None' })._write('x', new Date(Date.now() + 1e6));
    } finally {
      delete (document as { cookie?: string }).cookie;
    }
    expect(writes.map((w) => /; secure(;|$)/i.test(w))).toEqual([true, true, false, true]);
  });
});

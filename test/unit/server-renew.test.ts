// @vitest-environment node
// renewConsentCookie on a real Node http server: the consent cookie comes back from the
// server with the same value and the same expiry, so WebKit treats it as server-set.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, encodeRecord } from '../../src/core/record';
import { readConsent, renewConsentCookie, type RenewConsentCookieOptions } from '../../src/server';
import { SEED } from './seed';

const DAY = 86_400_000;
const decidedAt = Date.now() - 3 * DAY;
const record = createRecord('1b4e28ba-2fa1-41d2-883f-0016d3cca427', { necessary: true, analytics: true, marketing: false }, 'custom', false, 2, 200, decidedAt);
// As the browser writes it: as it is (format cg1 holds only cookie-octets).
const value = encodeRecord(record);

let server: http.Server;
let base: string;
/** Options for the next request's renewal, and a cookie the page handler itself sets. */
let options: RenewConsentCookieOptions = {};
let ownCookie: string | null = null;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (ownCookie) res.setHeader('Set-Cookie', ownCookie);
    const renewed = renewConsentCookie(req, res, options);
    res.end(renewed ? renewed.id : 'none');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function page(cookie: string | null, opts: RenewConsentCookieOptions = {}, own: string | null = null) {
  options = opts;
  ownCookie = own;
  const reply = await fetch(base, { headers: cookie === null ? {} : { Cookie: cookie } });
  return { body: await reply.text(), cookies: reply.headers.getSetCookie() };
}

describe('renewConsentCookie', () => {
  it('re-issues a valid consent cookie with the same value and the same expiry', async () => {
    const { body, cookies } = await page(`a=1; cg=${value}; b=2`, { name: 'cg', revision: 2, expiresAfterDays: 200 });
    expect(body).toBe(record.id);
    expect(cookies).toHaveLength(1);
    const [first, ...attributes] = cookies[0]!.split('; ');
    expect(first).toBe(`cg=${value}`);
    expect(attributes).toEqual([`Expires=${new Date(decidedAt + 200 * DAY).toUTCString()}`, 'Path=/', 'SameSite=Lax', 'Secure']);
    expect(new Date(record.expires).toUTCString()).toBe(new Date(decidedAt + 200 * DAY).toUTCString()); // what the browser set
  });

  it('takes the attributes the browser config uses, and keeps the page’s own cookies', async () => {
    const { cookies } = await page(`consentgate=${value}`, { revision: 2, expiresAfterDays: 200, domain: '.example.nl', path: '/shop', sameSite: 'Strict', secure: false }, 'session=abc; HttpOnly');
    expect(cookies).toEqual(['session=abc; HttpOnly', `consentgate=${value}; Expires=${new Date(decidedAt + 200 * DAY).toUTCString()}; Path=/shop; Domain=.example.nl; SameSite=Strict`]);
    const own = await page(`consentgate=${value}`, { revision: 2, expiresAfterDays: 200 }, 'consentgate=new-value; Path=/');
    expect(own.cookies).toEqual(['consentgate=new-value; Path=/']); // the page's own write wins
  });

  it('renews nothing that is not a valid decision: other revision, expired, future, malformed, absent', async () => {
    const future = encodeRecord(createRecord(record.id, record.categories, 'custom', false, 2, 200, Date.now() + 2 * DAY));
    for (const [cookie, opts] of [
      [`consentgate=${value}`, { revision: 3, expiresAfterDays: 200 }],
      [`consentgate=${value}`, { revision: 2, expiresAfterDays: 2 }],
      [`consentgate=${future}`, { revision: 2, expiresAfterDays: 200 }],
      ['consentgate=cg1|nonsense', { revision: 2 }],
      // Neither the browser nor readConsent reads a quoted or percent-encoded value, or a percent-encoded name.
      [`consentgate="${value}"`, { revision: 2, expiresAfterDays: 200 }],
      [`consentgate=${encodeURIComponent(value)}`, { revision: 2, expiresAfterDays: 200 }],
      [`%63onsentgate=${value}`, { revision: 2, expiresAfterDays: 200 }],
      [`consentgate=${value}%0d%0aSet-Cookie:%20x=1`, { revision: 2, expiresAfterDays: 200 }],
      [`other=${value}`, { revision: 2, expiresAfterDays: 200 }],
      [null, { revision: 2 }],
    ] as const) {
      const { body, cookies } = await page(cookie, opts);
      expect(body, String(cookie)).toBe('none');
      expect(cookies, String(cookie)).toEqual([]);
    }
  });

  it('renews the pair the browser reads: a malformed duplicate of that name before it is passed over', async () => {
    const { body, cookies } = await page(`consentgate=%E0%A4%A; consentgate="x"; consentgate=${value}`, { revision: 2, expiresAfterDays: 200 });
    expect(body).toBe(record.id);
    expect(cookies[0]!.split('; ')[0]).toBe(`consentgate=${value}`);
  });

  it('renews exactly the decision readConsent reads, for any Cookie string (property)', () => {
    const rules = { revision: 2, expiresAfterDays: 200 };
    const other = encodeRecord(createRecord('2b4e28ba-2fa1-41d2-883f-0016d3cca427', { necessary: true }, 'reject-all', true, 2, 200, decidedAt - DAY));
    const names = fc.constantFrom('consentgate', '%63onsentgate', 'CONSENTGATE', ' consentgate', 'other');
    const values = fc.oneof(fc.constantFrom(value, other, `"${value}"`, encodeURIComponent(value), `${value}%0d%0a`, `${value}=x`, '%E0%A4%A', ''), fc.string({ maxLength: 20 }));
    const header = fc.array(fc.tuple(names, values).map(([n, v]) => `${n}=${v}`), { maxLength: 4 }).map((pairs) => pairs.join('; '));
    let renewed = 0;
    fc.assert(
      fc.property(header, (h) => {
        const set: string[] = [];
        const res = { getHeader: () => undefined, setHeader: (_: string, v: string | string[]) => void set.push(...v) };
        const result = renewConsentCookie({ headers: { cookie: h } }, res, rules);
        const read = readConsent(h, rules);
        expect(result).toEqual(read);
        if (read) {
          renewed++;
          expect(set[0]!.split('; ')[0]).toBe(`consentgate=${encodeRecord(read)}`);
        } else expect(set).toEqual([]);
      }),
      { numRuns: 1_000, seed: SEED },
    );
    expect(renewed).toBeGreaterThan(20);
  });
});

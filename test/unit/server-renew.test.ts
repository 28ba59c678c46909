// @vitest-environment node
// renewConsentCookie on a real Node http server: the consent cookie comes back from the
// server with the same value and the same expiry, so WebKit treats it as server-set.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecord, encodeRecord } from '../../src/core/record';
import { renewConsentCookie, type RenewConsentCookieOptions } from '../../src/server';

const DAY = 86_400_000;
const decidedAt = Date.now() - 3 * DAY;
const record = createRecord('1b4e28ba-2fa1-41d2-883f-0016d3cca427', { necessary: true, analytics: true, marketing: false }, 'custom', false, 2, 200, decidedAt);
// As js-cookie writes it: "|", "+" and ":" stay as they are.
const value = encodeURIComponent(encodeRecord(record)).replace(/%(7C|2B|3A)/g, decodeURIComponent);

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
      [`consentgate="${value}"`, { revision: 2, expiresAfterDays: 200 }],
      [`consentgate=${value}%0d%0aSet-Cookie:%20x=1`, { revision: 2, expiresAfterDays: 200 }],
      [`other=${value}`, { revision: 2, expiresAfterDays: 200 }],
      [null, { revision: 2 }],
    ] as const) {
      const { body, cookies } = await page(cookie, opts);
      expect(body, String(cookie)).toBe('none');
      expect(cookies, String(cookie)).toEqual([]);
    }
  });
});

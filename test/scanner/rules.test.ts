// The scanner's rules without a browser: Open Cookie Database look-ups, the refresh script's
// check of a downloaded CSV, the config's declarations, prominence and the 13-month limit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OCD_FILE, loadOcd, suggestCategory } from '../../packages/scanner/ocd.mjs';
import { validate } from '../../packages/scanner/scripts/refresh-ocd.mjs';
import { declarations, prominenceDiff, siteOf, thirteenMonthsAfter } from '../../packages/scanner/scan.mjs';

describe('the Open Cookie Database', () => {
  const ocd = loadOcd();

  it('finds exact names, and wildcard entries by prefix with the longest prefix winning', () => {
    expect(ocd.size).toBe(2264);
    expect(ocd.lookup('_ga')).toMatchObject({ platform: 'Google Analytics', category: 'Analytics', entry: '_ga', retention: '2 years' });
    expect(ocd.lookup('_ga_ABC123')).toMatchObject({ platform: 'Google Analytics', entry: '_ga_*' });
    expect(ocd.lookup('_gat_gtag_UA_123')?.entry).toBe('_gat_gtag_*');
    expect(ocd.lookup('_gat_other')?.entry).toBe('_gat*');
    // a wildcard entry is a prefix, not a substring
    expect(ocd.lookup('x_ga_ABC')).toBeNull();
    expect(ocd.lookup('iv_lang')).toBeNull();
  });

  it('maps its categories onto consentgate categories as a suggestion', () => {
    expect(['Analytics', 'Marketing', 'Personalization', 'Functional', 'Security'].map(suggestCategory)).toEqual(['analytics', 'marketing', 'preferences', 'necessary', 'necessary']);
  });

  it('the refresh script accepts the shipped file and refuses a CSV without the columns or rows', () => {
    expect(validate(readFileSync(OCD_FILE, 'utf8'))).toEqual({ rows: 2264, wildcard: 260 });
    expect(() => validate('ID,Platform\n1,x\n')).toThrow(/lacks the column\(s\) "Category"/);
    const header = readFileSync(OCD_FILE, 'utf8').split('\n')[0];
    expect(() => validate(`${header}\n`)).toThrow(/only 0 rows/);
  });
});

describe('declarations read from the config', () => {
  const d = declarations({
    cookie: { name: 'cg' },
    categories: {
      necessary: { cookies: [{ name: 'sid' }], vendors: [{ name: 'CDN', url: 'https://www.cdn.example.com/privacy' }] },
      functional: { required: true, cookies: [{ match: '^lb_\\d+$' }] },
      analytics: { cookies: [{ name: '_ga', match: '^_ga_.+$' }], vendors: [{ name: 'GA', url: 'https://policies.google.com/' }] },
      broken: { cookies: [{ match: '(' }] },
    },
  });

  it('finds a name by exact name or by its regular expression; the consent cookie is necessary', () => {
    expect(['sid', 'lb_12', 'lb_x', '_ga', '_ga_X', 'cg', 'other', '('].map((n) => d.categoryOf(n))).toEqual([
      'necessary',
      'functional',
      null,
      'analytics',
      'analytics',
      'necessary',
      null,
      null,
    ]);
    expect([...d.required]).toEqual(['necessary', 'functional']);
    expect(d.cookieName).toBe('cg');
  });

  it('a required category’s vendors declare their sites; others do not', () => {
    expect([...d.requiredSites]).toEqual(['example.com']);
    expect(declarations({ categories: { necessary: { required: false } } }).required.size).toBe(0);
    expect(declarations(null).categoryOf('consentgate')).toBe('necessary');
  });
});

describe('rules on what the browser saw', () => {
  const look = {
    tag: 'button',
    role: '',
    width: 120,
    height: 40,
    fontSize: '16px',
    fontWeight: '600',
    fontFamily: 'sans-serif',
    fontStyle: 'normal',
    color: 'rgb(255, 255, 255)',
    background: 'rgb(29, 78, 216)',
    border: 'none',
    decoration: 'none',
    opacity: '1',
  };

  it('prominence: equal buttons pass, a slightly longer label passes, every other difference is named', () => {
    expect(prominenceDiff(look, { ...look })).toEqual([]);
    expect(prominenceDiff(look, { ...look, width: 100 })).toEqual([]);
    expect(prominenceDiff(look, { ...look, tag: 'a' })).toEqual(['element (button vs a)']);
    expect(prominenceDiff(look, { ...look, width: 60, height: 24 })).toEqual(['size (120×40 vs 60×24 px)']);
    expect(prominenceDiff(look, { ...look, fontWeight: '400', background: 'rgba(0, 0, 0, 0)', color: 'rgb(100, 100, 100)', decoration: 'underline', opacity: '0.6' })).toEqual([
      'font weight (600 vs 400)',
      'text colour (rgb(255, 255, 255) vs rgb(100, 100, 100))',
      'background (rgb(29, 78, 216) vs rgba(0, 0, 0, 0))',
      'text decoration (none vs underline)',
      'opacity (1 vs 0.6)',
    ]);
  });

  it('sites: subdomains share a site; an IP address or localhost is its own', () => {
    expect(siteOf('www.infravoip.com')).toBe('infravoip.com');
    expect(siteOf('.cdn.infravoip.com')).toBe('infravoip.com');
    expect(siteOf('www.example.co.uk')).toBe('example.co.uk');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
    expect(siteOf('localhost')).toBe('localhost');
  });

  it('13 calendar months, across a year end and from a month end', () => {
    expect(thirteenMonthsAfter(new Date('2026-11-30T08:00:00Z')).toISOString()).toBe('2027-12-30T08:00:00.000Z');
    expect(thirteenMonthsAfter(new Date('2026-01-31T00:00:00Z')).toISOString()).toBe('2027-03-03T00:00:00.000Z');
  });
});

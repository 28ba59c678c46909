// consentgate-scan against fixture sites served here: one clean site, one site per planted
// fault (each must produce exactly its finding id), a site without consentgate, the demo,
// and the command itself (exit codes, --json, --report).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCH_ARGS, chromiumPath, scan, type ScanOptions, type ScanResult } from '../../packages/scanner/scan.mjs';
import { startDemo } from '../../demo/serve.mjs';
import { DIST, ROOT } from '../browser/harness';
import { CUSTOM_CONFIG, consentgatePage, customBannerPage, gatedTags, startSite, startThirdParty, type Site, type SiteSpec } from './sites';

const run = promisify(execFile);
const CLI = join(ROOT, 'packages', 'scanner', 'cli.mjs');

let browser: Browser;
let thirdParty: Site;
let tmp: string;
const sites: Site[] = [];

beforeAll(async () => {
  if (!existsSync(DIST)) throw new Error('dist/consentgate.js is missing: run `npm run build` first');
  thirdParty = await startThirdParty();
  tmp = mkdtempSync(join(tmpdir(), 'consentgate-scan-'));
  browser = await chromium.launch({
    executablePath: chromiumPath() ?? '/usr/bin/chromium',
    headless: true,
    // Nothing leaves the machine: only 127.0.0.1 and localhost resolve.
    args: [...LAUNCH_ARGS, '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost'],
  });
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(sites.map((s) => s.close()));
  await thirdParty?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function site(spec: SiteSpec): Promise<Site> {
  const s = await startSite(spec);
  sites.push(s);
  return s;
}

/** A two-page consentgate site (/ and /about) with correctly gated tags, plus `extra` on /about. */
async function consentgateSite(extra: { head?: string; body?: string; config?: unknown; library?: boolean } = {}): Promise<Site> {
  const tags = gatedTags(thirdParty.origin);
  return site({
    pages: {
      '/': consentgatePage({ body: tags, config: extra.config, library: extra.library }),
      '/about': consentgatePage({ title: 'About us', body: tags + (extra.body ?? ''), head: extra.head, config: extra.config, library: extra.library }),
    },
  });
}

const scanOf = (url: string, options: ScanOptions = {}): Promise<ScanResult> =>
  scan(url, { browser, pages: 5, ...options });
const ids = (r: ScanResult) => r.findings.map((f) => f.id).sort();

describe('a clean consentgate site', () => {
  let result: ScanResult;
  let s: Site;
  beforeAll(async () => {
    const tags = gatedTags(thirdParty.origin);
    s = await site({
      pages: {
        '/': consentgatePage({ body: tags }),
        '/about': consentgatePage({ title: 'About us', body: tags }),
        '/hidden': consentgatePage({ title: 'Only in the sitemap' }),
      },
      sitemap: ['/', '/hidden'],
      // A first-party, strictly necessary cookie declared under the required category: never a finding.
      headers: { '/': { 'Set-Cookie': 'session_id=abc; Path=/; HttpOnly; SameSite=Lax' } },
    });
    result = await scanOf(`${s.origin}/`);
  }, 120_000);

  it('has no findings; crawls links breadth-first, skips fragments and files, and adds sitemap.xml pages', () => {
    expect(result.findings).toEqual([]);
    expect(result.pages).toEqual([`${s.origin}/`, `${s.origin}/about`, `${s.origin}/hidden`]);
    expect(result.consentgate).toBe(true);
    expect(result.config).toBe('page');
    expect(result.passes).toEqual({ 'before-consent': { ran: true }, 'after-reject': { ran: true }, 'after-accept': { ran: true } });
  });

  it('records each cookie once, with the pass that first saw it, its declaration and the Open Cookie Database entry', () => {
    const row = (name: string) => result.cookies.find((c) => c.name === name);
    expect(row('session_id')).toMatchObject({ firstSeen: 'before-consent', declared: 'necessary', expires: 'session', thirdParty: false });
    expect(row('consentgate')).toMatchObject({ firstSeen: 'after-reject', declared: 'necessary', path: '/' });
    expect(row('_ga')).toMatchObject({ firstSeen: 'after-accept', declared: 'analytics', known: { platform: 'Google Analytics', category: 'Analytics' } });
    expect(row('_ga')?.expires).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(result.cookies.map((c) => c.name).sort()).toEqual(['_ga', 'consentgate', 'session_id']);
  });

  it('sees the gated third-party pixel only after accept, and passes every first-layer check', () => {
    expect(result.requests).toEqual([expect.objectContaining({ site: 'localhost', firstSeen: 'after-accept' })]);
    const status = Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
    expect(status).toEqual({ banner: 'pass', prominence: 'pass', preticked: 'pass', reopen: 'pass', 'consent-lifetime': 'pass', config: 'pass' });
    expect(result.screenshot).toMatch(/^data:image\/jpeg;base64,/);
  });
});

describe('each planted fault produces exactly its finding', () => {
  const cases: Array<{ id: string; level: 'error' | 'warning'; extra: () => { head?: string; body?: string; library?: boolean }; subject: () => object }> = [
    { id: 'cookie-before-consent', level: 'error', extra: () => ({ body: `<script>document.cookie = 'tracker=1; path=/';</script>` }), subject: () => ({ cookie: { name: 'tracker', domain: '127.0.0.1' } }) },
    { id: 'storage-before-consent', level: 'error', extra: () => ({ body: `<script>localStorage.setItem('tracker_id', '1');</script>` }), subject: () => ({ storage: { kind: 'local', key: 'tracker_id' } }) },
    { id: 'request-before-consent', level: 'error', extra: () => ({ body: `<img src="${thirdParty.origin}/px.svg?ungated" alt="" width="1" height="1">` }), subject: () => ({ request: { site: 'localhost', url: `${thirdParty.origin}/px.svg?ungated` } }) },
    {
      id: 'cookie-after-reject',
      level: 'error',
      extra: () => ({ body: `<script type="text/plain" data-category="!analytics">document.cookie = 'fallback_track=1; path=/';</script>` }),
      subject: () => ({ cookie: { name: 'fallback_track', domain: '127.0.0.1' } }),
    },
    {
      id: 'request-after-reject',
      level: 'error',
      extra: () => ({ body: `<script type="text/plain" data-category="!marketing">new Image().src = ${JSON.stringify(`${thirdParty.origin}/px.svg?refused`)};</script>` }),
      subject: () => ({ request: { site: 'localhost', url: `${thirdParty.origin}/px.svg?refused` } }),
    },
    {
      id: 'undeclared-cookie',
      level: 'warning',
      extra: () => ({ body: `<script type="text/plain" data-category="analytics">document.cookie = '_hjSessionUser_42=1; path=/';</script>` }),
      subject: () => ({
        cookie: { name: '_hjSessionUser_42', domain: '127.0.0.1' },
        suggestion: { category: expect.any(String), cookie: expect.objectContaining({ match: '^_hjSessionUser_', provider: 'Hotjar' }) },
      }),
    },
    {
      id: 'consent-lifetime',
      level: 'error',
      // A page script that stretches the consent cookie to 800 days.
      extra: () => ({
        head: `<script>function stretch() { var c = document.cookie.split('; ').filter(function (x) { return x.indexOf('consentgate=') === 0; })[0]; if (c) document.cookie = c + '; path=/; max-age=' + 800 * 86400; } addEventListener('consentgate:consent', function () { setTimeout(stretch, 0); }); stretch();</script>`,
      }),
      subject: () => ({ cookie: { name: 'consentgate', domain: '127.0.0.1' } }),
    },
  ];

  for (const c of cases) {
    it(c.id, { timeout: 120_000 }, async () => {
      const s = await consentgateSite(c.extra());
      const result = await scanOf(`${s.origin}/`);
      expect(ids(result), JSON.stringify(result.findings, null, 1)).toEqual([c.id]);
      const finding = result.findings[0];
      expect(finding).toMatchObject({ level: c.level, ...c.subject() });
      // every fault but the consent cookie's lifetime (seen on the start page) is planted on /about
      expect(finding?.page).toBe(c.id === 'consent-lifetime' ? `${s.origin}/` : `${s.origin}/about`);
      expect(finding?.message.length).toBeGreaterThan(20);
    });
  }

  it('no-banner: a config block but the library is missing; the decision passes say why they did not run', { timeout: 120_000 }, async () => {
    const s = await consentgateSite({ library: false });
    const result = await scanOf(`${s.origin}/`, { bannerTimeout: 2000 });
    expect(ids(result)).toEqual(['no-banner']);
    expect(result.passes['after-reject']).toEqual({ ran: false, reason: 'no banner found' });
    expect(result.checks).toContainEqual(expect.objectContaining({ id: 'pass-after-accept', status: 'not-checked' }));
  });
});

describe('a site without consentgate, its banner found by the Dutch names of its buttons', () => {
  const customSite = (opts: Parameters<typeof customBannerPage>[0]) =>
    site({ pages: { '/': customBannerPage(opts), '/about': customBannerPage(opts) } });

  it('clean with --config; without a config it says what it could not check', { timeout: 120_000 }, async () => {
    const s = await customSite({});
    const withConfig = await scanOf(`${s.origin}/`, { config: CUSTOM_CONFIG, lang: 'nl' });
    expect(withConfig.findings).toEqual([]);
    expect(withConfig.consentgate).toBe(false);
    expect(withConfig.config).toBe('file');
    expect(withConfig.cookies).toEqual([expect.objectContaining({ name: 'CookieConsent', firstSeen: 'after-reject', declared: 'necessary' })]);
    expect(withConfig.checks.find((c) => c.id === 'reopen')?.status).toBe('pass');

    const bare = await scanOf(`${s.origin}/`, { lang: 'nl' });
    expect(bare.findings).toEqual([]);
    const plain = Object.fromEntries(bare.checks.map((c) => [c.id, c]));
    expect(plain.config).toMatchObject({ status: 'not-checked', detail: expect.stringContaining('does not use consentgate') });
    expect(plain['consent-lifetime']).toMatchObject({ status: 'not-checked' });
    expect(plain.banner?.detail).toMatch(/not consentgate/);
  });

  it('preticked-category: a category switched on in the preferences', { timeout: 120_000 }, async () => {
    const s = await customSite({ preticked: true });
    const result = await scanOf(`${s.origin}/`, { config: CUSTOM_CONFIG });
    expect(ids(result)).toEqual(['preticked-category']);
    expect(result.findings[0]?.message).toContain('Statistieken');
  });

  it('reject-not-on-first-layer: only Accept and Settings; the reject pass is reported as not run', { timeout: 120_000 }, async () => {
    const s = await customSite({ reject: false });
    const result = await scanOf(`${s.origin}/`, { config: CUSTOM_CONFIG });
    expect(ids(result)).toEqual(['reject-not-on-first-layer']);
    expect(result.passes['after-reject'].ran).toBe(false);
    expect(result.passes['after-accept'].ran).toBe(true);
  });

  it('unequal-prominence: Reject as small grey text beside a blue Accept button', { timeout: 120_000 }, async () => {
    const s = await customSite({ rejectStyle: 'background: transparent; color: #666; font-size: 12px; width: auto; padding: 2px' });
    const result = await scanOf(`${s.origin}/`, { config: CUSTOM_CONFIG });
    expect(ids(result)).toEqual(['unequal-prominence']);
    expect(result.findings[0]?.message).toMatch(/background.*text colour|text colour.*background|font size/);
  });
});

describe('the demo', () => {
  it('scans clean: 8 pages, en and nl, every check passes', { timeout: 180_000 }, async () => {
    const dbDir = mkdtempSync(join(tmpdir(), 'consentgate-scan-demo-'));
    const demo = await startDemo({ port: 0, host: '127.0.0.1', distFile: DIST, log: { port: 0, dbPath: join(dbDir, 'consent.sqlite') } });
    try {
      const result = await scanOf(`http://127.0.0.1:${demo.port}/`, { pages: 10 });
      expect(result.findings).toEqual([]);
      expect(result.pages).toHaveLength(8);
      expect(result.checks.every((c) => c.status === 'pass'), JSON.stringify(result.checks)).toBe(true);
      expect(result.cookies.filter((c) => c.firstSeen === 'after-accept').every((c) => c.declared !== null)).toBe(true);
    } finally {
      await demo.close();
      rmSync(dbDir, { recursive: true, force: true });
    }
  });
});

describe('the command', () => {
  const cli = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { timeout: 120_000, env: process.env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
  };

  it('exits 0 on a clean site and writes --json in the documented shape and a self-contained --report', { timeout: 120_000 }, async () => {
    const s = await consentgateSite();
    const json = join(tmp, 'clean.json');
    const html = join(tmp, 'clean.html');
    const r = await cli([`${s.origin}/`, '--pages', '2', '--json', json, '--report', html]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('No findings.');
    expect(r.stderr).toContain(`[before-consent 1/2] ${s.origin}/`);
    expect(r.stderr).toContain(`[after-accept 2/2] ${s.origin}/about`);
    const data = JSON.parse(readFileSync(json, 'utf8'));
    expect(data).toMatchObject({ url: `${s.origin}/`, pages: [`${s.origin}/`, `${s.origin}/about`], findings: [] });
    expect(new Date(data.scannedAt).toISOString()).toBe(data.scannedAt);
    for (const c of data.cookies) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['name', 'domain', 'path', 'expires', 'firstSeen', 'declared', 'known']));
    }
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<img src="data:image/jpeg;base64,');
    expect(page).not.toMatch(/<link|<script/);
    expect(page).toContain('After &quot;Accept all&quot;');
  });

  it('exits 1 on an error finding, with the finding in the summary table', { timeout: 120_000 }, async () => {
    const s = await consentgateSite({ body: `<script>document.cookie = 'tracker=1; path=/';</script>` });
    const r = await cli([`${s.origin}/`, '--pages', '2']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/error\s+cookie-before-consent\s+\/about\s+cookie tracker \(127\.0\.0\.1\)/);
  });

  it('exits 2 with a one-line reason when the site cannot be reached or the arguments are wrong', { timeout: 60_000 }, async () => {
    const closed = await startSite({ pages: {} });
    const url = `${closed.origin}/`;
    await closed.close();
    const unreachable = await cli([url]);
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^consentgate-scan: cannot load .*ERR_CONNECTION_REFUSED/)]);
    expect(unreachable.stdout).toBe('');

    expect((await cli([])).code).toBe(2);
    expect((await cli(['ftp://example.com/'])).stderr).toMatch(/only http and https/);
    expect((await cli([url, '--pages', 'ten'])).stderr).toMatch(/--pages must be a whole number/);
    expect((await cli([url, '--lang', 'de'])).stderr).toMatch(/--lang must be en or nl/);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{ not json');
    const badConfig = await cli([url, '--config', bad]);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain(`--config ${bad}`);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: consentgate-scan <url>/);
  });

  it('exits 2 when no browser can be started', { timeout: 60_000 }, async () => {
    const { code, stderr } = await (async () => {
      try {
        await run(process.execPath, [CLI, 'http://127.0.0.1:9/'], { env: { ...process.env, CHROMIUM_PATH: join(tmp, 'no-such-chromium') } });
        return { code: 0, stderr: '' };
      } catch (error) {
        return error as { code: number; stderr: string };
      }
    })();
    expect(code).toBe(2);
    expect(stderr).toMatch(/^consentgate-scan: cannot start Chromium/);
  });
});



// The packages a user installs: each is packed with `npm pack`, installed from its tarball
// into an empty folder (as a user would, from the npm cache that `npm ci` warmed) and run.
//  - consentgate (the library, the root package): only preact comes along;
//    `consentgate/server` imports in Node and reads a cookie; the drop-in script is there.
//  - consentgate-scan: the bin prints its help and scans a fixture site.
//  - consentgate-log-service: the bin starts on a free port with a temporary SQLite file
//    and answers HTTP.
import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../browser/harness';
import { consentgatePage, startSite } from '../scanner/sites';

const run = promisify(execFile);
let work: string;
const tarballs: Record<string, string> = {};

/** `npm pack` of the root package or a workspace; returns the tarball's path. */
async function pack(workspace?: string): Promise<string> {
  const args = ['pack', '--json', '--pack-destination', work, ...(workspace ? ['-w', workspace] : [])];
  const { stdout } = await run('npm', args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const [info] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!info) throw new Error(`npm pack ${workspace ?? '(root)'} printed nothing`);
  return join(work, info.filename);
}

/** An empty folder with the tarball installed into it. */
async function install(tarball: string, extra: string[] = []): Promise<string> {
  const dir = mkdtempSync(join(work, 'app-'));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', ...extra, tarball], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 240_000,
  });
  return dir;
}

const installed = (dir: string) => readdirSync(join(dir, 'node_modules')).filter((n) => !n.startsWith('.'));

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'server.mjs'))) throw new Error('dist/ is missing: run `npm run build` first');
  work = mkdtempSync(join(tmpdir(), 'consentgate-pack-'));
  tarballs.library = await pack();
  tarballs.scanner = await pack('consentgate-scan');
  tarballs.log = await pack('consentgate-log-service');
  // The receipt rules the log service shares with the browser code; published beside it.
  tarballs.contract = await pack('consentgate-contract');
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('consentgate (the library)', () => {
  it('installs with preact only; consentgate/server reads a cookie in Node; the drop-in script ships', async () => {
    const dir = await install(tarballs.library ?? '');
    expect(installed(dir).sort()).toEqual(['consentgate', 'preact']);
    const script = `
      import { readConsent } from 'consentgate/server';
      console.log(JSON.stringify({ type: typeof readConsent, none: readConsent('other=1'), bad: readConsent('consentgate=garbage') }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir });
    expect(JSON.parse(stdout)).toEqual({ type: 'function', none: null, bad: null });
    expect(existsSync(join(dir, 'node_modules', 'consentgate', 'dist', 'consentgate.js'))).toBe(true);
    expect(existsSync(join(dir, 'node_modules', 'consentgate', 'src'))).toBe(false);
  });
});

describe('consentgate-scan', () => {
  it('installs with its browser driver (no browser download) and scans a site', async () => {
    const dir = await install(tarballs.scanner ?? '');
    expect(installed(dir)).toEqual(expect.arrayContaining(['consentgate-scan', 'playwright-core', 'csv-parse', 'tldts']));
    expect(installed(dir)).not.toContain('preact');
    const bin = join(dir, 'node_modules', '.bin', 'consentgate-scan');
    const help = await run(bin, ['--help'], { cwd: dir });
    expect(help.stdout).toMatch(/^Usage: consentgate-scan <url>/);

    const site = await startSite({ pages: { '/': consentgatePage() } });
    try {
      const { stdout } = await run(bin, [`${site.origin}/`, '--pages', '1', '--json', join(dir, 'scan.json')], { cwd: dir, timeout: 120_000 });
      expect(stdout).toContain('No findings.');
      const result = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8'));
      expect(result.pages).toEqual([`${site.origin}/`]);
      expect(result.openCookieDatabase.entries).toBeGreaterThan(2000);
    } finally {
      await site.close();
    }
  });
});

describe('consentgate-log-service', () => {
  it('installs, starts from the environment on a free port with a temporary SQLite file, and answers', async () => {
    // Offline, better-sqlite3's install step cannot fetch its prebuilt binary, and compiling it
    // takes minutes; the install scripts are skipped and the binary the workspace built for this
    // same version and Node is copied in. A user online gets it from the normal install step.
    // consentgate-contract is not in the registry: its own tarball comes along, as a publish would.
    const dir = await install(tarballs.log ?? '', ['--ignore-scripts', tarballs.contract ?? '']);
    const version = (d: string) => JSON.parse(readFileSync(join(d, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
    expect(version(dir)).toBe(version(ROOT));
    cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'build'), join(dir, 'node_modules', 'better-sqlite3', 'build'), { recursive: true });
    expect(installed(dir)).toContain('consentgate-contract');
    expect(installed(dir)).not.toContain('preact');
    expect(installed(dir)).not.toContain('playwright-core');

    const child = spawn(join(dir, 'node_modules', '.bin', 'consentgate-log'), [], {
      cwd: dir,
      env: { ...process.env, CONSENTGATE_LOG_PORT: '0', CONSENTGATE_DB: join(dir, 'consent.sqlite'), CONSENTGATE_ACCESS_LOG: '0' },
    });
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) ok(m[1]!.replace(/\/$/, ''));
        });
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.on('exit', (code) => fail(new Error(`consentgate-log exited with ${code}: ${out}`)));
        setTimeout(() => fail(new Error(`consentgate-log did not start: ${out}`)), 30_000);
      });
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/consent/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
      expect(existsSync(join(dir, 'consent.sqlite'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

// @vitest-environment node
// The built files, as users get them. `npm test` builds before it tests.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as entry from '../../src/index';

const dist = (file: string): string => {
  const path = resolve('dist', file);
  if (!existsSync(path)) throw new Error(`dist/${file} is missing: run npm run build first`);
  return readFileSync(path, 'utf8');
};

/**
 * The drop-in's size, gzip level 9: Preact, js-cookie, core, UI, CSS, en + nl, Consent Mode,
 * receipts and embed placeholders. The goal is 12 KiB (issue 3); it is NOT met yet (see the
 * README, "Size"). Until it is, this ceiling sits just above the measured size so that any
 * growth fails the suite: lower it with every cut, never raise it without saying why.
 */
export const GOAL = 12 * 1024;
// 16,750 → 16,870: the shared rules (packages/contract) and the 32-category limit the
// cookie value always needed add 37 bytes; storing the texts behind each receipt's hash in
// the log (proof of what was shown) adds about 100. Both belong to receipts, which may leave
// this file for a stage loaded after the decision.
export const CEILING = 16_870;

describe('dist/consentgate.js', () => {
  it(`does not grow past its ${CEILING}-byte gzip ceiling`, () => {
    const size = gzipSync(dist('consentgate.js'), { level: 9 }).length;
    console.log(`dist/consentgate.js: ${size} bytes gzip (ceiling ${CEILING}, goal ${GOAL})`);
    expect(size).toBeLessThanOrEqual(CEILING);
  });

  it('is one IIFE that touches no module system and names its global', () => {
    const code = dist('consentgate.js');
    expect(code).toMatch(/^!?\(?function\s*\(/);
    expect(code).not.toMatch(/\brequire\(|\bimport\s*\(|^import |^export /m);
    expect(code).toContain('ConsentGate');
  });
});

describe('public surface', () => {
  it('the ESM entry exports exactly these names', () => {
    expect(Object.keys(entry).sort()).toEqual(['ConsentGateConfigError', 'createConsentGate', 'resolveConfig']);
  });

  it('dist/consentgate.mjs leaves preact and js-cookie as dependencies and exports the same names', () => {
    const code = dist('consentgate.mjs');
    expect(code).toMatch(/from ['"]preact['"]/);
    expect(code).toMatch(/from ['"]js-cookie['"]/);
    const exported = /export \{([^}]*)\}/.exec(code)?.[1]?.split(',').map((s) => s.trim().split(/\s+as\s+/).pop()) ?? [];
    expect(exported.sort()).toEqual(['ConsentGateConfigError', 'createConsentGate', 'resolveConfig']);
  });

  it('one bundled declaration file carries the public types', () => {
    const dts = dist('consentgate.d.ts');
    expect(dts).not.toMatch(/from ['"]\.\//);
    for (const name of ['Config', 'ConsentRecord', 'ConsentGate', 'ConsentGateEvents', 'CategoryConfig', 'createConsentGate', 'ConsentGateConfigError']) {
      expect(dts, name).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('dist/server.mjs exports readConsent and runs in Node', async () => {
    const server = await import(resolve('dist/server.mjs'));
    expect(Object.keys(server)).toEqual(['readConsent', 'renewConsentCookie']);
    expect(server.readConsent('consentgate=nonsense')).toBeNull();
    expect(dist('server.d.ts')).toMatch(/readConsent/);
  });
});

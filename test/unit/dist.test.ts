// @vitest-environment node
// The built files, as users get them. `npm test` builds before it tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as entry from '../../src/index';
import { stageFile } from '../../src/stages/file-name';

const dist = (file: string): string => {
  const path = resolve('dist', file);
  if (!existsSync(path)) throw new Error(`dist/${file} is missing: run npm run build first`);
  return readFileSync(path, 'utf8');
};

const gzip = (file: string): number => gzipSync(dist(file), { level: 9 }).length;
const manifest = (): Record<string, [string, string]> => JSON.parse(dist('manifest.json'));

/** What each part of the drop-in weighs, gzip level 9, as a site serves it. */
export const measure = () => {
  const files = manifest();
  const part = (name: string) => gzip(files[name]![0]);
  const sizes = {
    core: gzip('consentgate.js'),
    uiEn: part('ui-en'),
    uiNl: part('ui-nl'),
    prefs: part('prefs'),
    embedsEn: part('embeds-en'),
    embedsNl: part('embeds-nl'),
    receipts: part('receipts'),
  };
  // A first visit loads the core and the interface with the text pack of one language; the
  // preferences dialog comes only when a visitor opens it.
  return { ...sizes, firstVisit: sizes.core + Math.max(sizes.uiEn, sizes.uiNl) };
};

/**
 * Budgets. The goals are the synchronous core at most 6 KiB and everything a first visit loads
 * at most 14.5 KiB; they are NOT met yet (see the README, "Size"). Until they are, the ceilings
 * sit just above the measured sizes so that any growth fails the suite: lower them with every
 * cut, never raise them without saying why.
 */
export const GOALS = { core: 6 * 1024, firstVisit: 14.5 * 1024 };
// Measured after the split took in the vendor signals, the attack rules, one instance per page,
// tab sync that carries the decision and the consent log's display count, less the size cuts
// (SHA-256 SRI, `_` seam names, shared opt-in checks), plus the cookie following the later of two
// simultaneous decisions (+28): core 10,154, first visit 19,967. This round: the cookie without a
// converter, receipts built in their stage, the API as one closure per init(), the interface file
// carrying the page language's text pack, no JSX runtime, a smaller config
// validator, the preferences dialog with its style rules in a stage file of its own (first visit
// -868 B): see the README's "Size". The core's ceiling went from 9,300 to 9,310: the core's code is
// the same, but the stage files' SRI hashes it carries do not compress, and with new hashes it
// measures 9,295 to 9,304 bytes. Then the core's ceiling went from 9,310 to 9,345: it hands the
// interface three helpers it has anyway (settle, localize, safeUrl) so that the interface's file need
// not carry copies of them, and its stylesheet names the reopen button it styles, so that the
// interface's sheet is added after it instead of repeating it (core 9,304 -> 9,338; ui-nl 8,683 ->
// 8,339 with the compile hint's 21 B); the first visit fell from 17,987 to 17,677.
// Fixes found by an attack round (duplicate consent cookies, CORS for stages under SRI, a stage
// fetched again after a failure, ...) added about 160 B to the core.
// In parallel another round cut the core by 72 B: terser options for the core (inlining only plain-return functions, hoisted function
// declarations, `{}.x` for `Object.prototype.x`), the core's `_` members named first (the
// shortest names), and smaller code in the gate, the cookie eraser, the stage loader and the
// receipt queue; and added 12 B for a fix: a refused category's __Secure- or __Host- cookie is
// erased with Secure, without which the browser ignored the erasing. All merged: core 9,419, first
// visit 17,762.
// The host entering the top layer at once instead of after the first frame: core 9,411, first visit 17,754.
// The reopen button steps to the other bottom corner when a focused page element is under it
// (WCAG 2.2 SC 2.4.11): core +113 B. All merged: core 9,527, first visit 17,928 (with a limit on how often the banner goes back
// on top of a page popover, so a page script doing the same for its popover cannot loop with it).
// The gate no longer takes our own host after <body> for a sign that the parser is done with an
// element (a gated inline script was released with half its text): core 9,538, first visit 17,939.
export const CEILINGS = { core: 9_545, firstVisit: 17_945 };

describe('dist/consentgate.js and the parts it fetches', () => {
  it(`the synchronous core stays under its ${CEILINGS.core}-byte gzip ceiling (goal ${GOALS.core})`, () => {
    const { core } = measure();
    console.log(`dist/consentgate.js: ${core} bytes gzip (ceiling ${CEILINGS.core}, goal ${GOALS.core})`);
    expect(core).toBeLessThanOrEqual(CEILINGS.core);
  });

  it(`everything a first visit loads stays under its ${CEILINGS.firstVisit}-byte gzip ceiling (goal ${GOALS.firstVisit})`, () => {
    const sizes = measure();
    console.log(`first visit (core + interface + one text pack): ${sizes.firstVisit} bytes gzip`, sizes);
    expect(sizes.firstVisit).toBeLessThanOrEqual(CEILINGS.firstVisit);
  });

  it("the README's size figures are the ones measured here", () => {
    const readme = readFileSync(resolve('README.md'), 'utf8');
    const figures = [...readme.matchAll(/<!-- size:(\w+) -->\**([\d,]+)/g)].map((m) => [m[1]!, Number(m[2]!.replace(/,/g, ''))] as const);
    const sizes: Record<string, number> = measure();
    // Every part is named at least once, and every figure is what was measured.
    expect(new Set(figures.map(([name]) => name))).toEqual(new Set(Object.keys(sizes)));
    for (const [name, value] of figures) expect(value, name).toBe(sizes[name]);
  });

  it('the core is one IIFE without Preact that touches no module system and names its global', () => {
    const code = dist('consentgate.js');
    // First line: V8's compile hint, so the whole core is compiled at once while it streams in.
    expect(code).toMatch(/^\/\/# allFunctionsCalledOnLoad\n(!?\(?function\s*\(|\(\(\)=>)/);
    expect(code).not.toMatch(/\brequire\(|\bimport\s*\(|^import |^export /m);
    expect(code).toContain('ConsentGate');
    // Preact (it names the SVG namespace) and the interface's texts are in the parts fetched on demand only.
    expect(dist(manifest()['ui-en']![0])).toContain('http://www.w3.org/2000/svg');
    expect(code).not.toMatch(/www\.w3\.org\/2000\/svg|Strictly necessary|Accept all/);
  });

  it('each fetched part is a classic script named for a hash of its content, and the file that fetches it knows its SRI hash', () => {
    const core = dist('consentgate.js');
    const files = manifest();
    for (const [name, [file, integrity]] of Object.entries(manifest())) {
      const code = dist(file);
      const digest = createHash('sha256').update(code).digest('base64');
      expect(integrity).toBe('sha256-' + digest);
      // The letters and digits among the first ten characters of the hash: the name the core derives.
      expect(file, name).toBe(`consentgate-${name}.${digest.slice(0, 10).replace(/[+/]/g, '')}.js`);
      expect(file).toBe(stageFile(name, integrity));
      // The preferences dialog is fetched by the interface (each language's file), everything else by the core.
      if (name === 'prefs') {
        expect(core).not.toContain(integrity);
        for (const ui of ['ui-en', 'ui-nl']) expect(dist(files[ui]![0])).toContain(integrity);
      } else expect(core).toContain(integrity);
      expect(code).not.toMatch(/^import |^export /m);
    }
  });

  it("the interface's and the dialog's files use the core's helpers instead of carrying copies of them", () => {
    const files = manifest();
    // What each helper's code alone contains: the URL rule's schemes (safeUrl), the stage settler's
    // `instanceof Promise` (settle), the <style> fallback of adoptedStyleSheets (adopt) and the
    // `??` chain over both languages (localize). The core carries each once.
    const copies = [/vbscript/, /instanceof Promise/, /createElement\("style"\)/, /\.en\?\?\w+\.nl/];
    const core = dist('consentgate.js');
    for (const helper of copies) expect(core, String(helper)).toMatch(helper);
    for (const name of ['ui-en', 'ui-nl', 'prefs']) {
      const code = dist(files[name]![0]);
      for (const helper of copies) expect(code, `${name}: ${helper}`).not.toMatch(helper);
    }
    // What the interface lends the dialog stays off the list of window.ConsentGate's members.
    expect(dist(files['ui-en']![0])).toMatch(/Object\.defineProperty\(\w+,"\w+",\{value:/);
  });

  it("the interface's files carry V8's compile hint: their code runs as soon as they arrive", () => {
    const files = manifest();
    for (const name of ['ui-en', 'ui-nl']) expect(dist(files[name]![0]), name).toMatch(/^\/\/# allFunctionsCalledOnLoad\n/);
  });
});

describe('public surface', () => {
  it('the ESM entry exports exactly these names', () => {
    expect(Object.keys(entry).sort()).toEqual(['ConsentGateConfigError', 'createConsentGate', 'resolveConfig']);
  });

  it('dist/consentgate.mjs and dist/headless.mjs leave preact as their one dependency and export the same names', () => {
    const chunks = readdirSync(resolve('dist')).filter((f) => f.endsWith('.mjs') && f != 'server.mjs');
    const all = chunks.map(dist).join('\n');
    expect(all).toMatch(/from ['"]preact['"]/);
    expect([...all.matchAll(/from ['"]([^'".][^'"]*)['"]/g)].every((m) => /^preact(\/|$)/.test(m[1]!))).toBe(true);
    expect(all).not.toMatch(/function createElement|options\.vnode/);
    for (const file of ['consentgate.mjs', 'headless.mjs']) {
      const exported = [...dist(file).matchAll(/export \{([^}]*)\}/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim().split(/\s+as\s+/).pop()));
      expect(exported.sort(), file).toEqual(['ConsentGateConfigError', 'createConsentGate', 'resolveConfig']);
    }
  });

  it('dist/consentgate.mjs loads the interface and the text packs with import(), each in a chunk of its own', () => {
    const entry = dist('consentgate.mjs');
    expect(entry).not.toMatch(/from ['"]preact['"]/);
    const imported = (code: string) => [...code.matchAll(/import\(['"]\.\/([^'"]+)['"]\)/g)].map((m) => m[1]!);
    const chunks = readdirSync(resolve('dist')).filter((f) => f.endsWith('.mjs')).flatMap((f) => imported(dist(f)));
    for (const stage of ['mount', 'en', 'nl', 'embeds', 'receipt-sender']) expect(chunks.some((c) => new RegExp(`^consentgate-${stage}\\.[\\w-]+\\.mjs$`).test(c)), stage).toBe(true);
    // The headless entry never reaches the interface.
    const headless = [...dist('headless.mjs').matchAll(/from ['"]\.\/([^'"]+)['"]/g)].map((m) => dist(m[1]!)).join('\n') + dist('headless.mjs');
    expect(headless).not.toMatch(/consentgate-mount\./);
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

// @vitest-environment node
// The stylesheets as built into the drop-in: the custom properties a site themes with carry the
// defaults the README documents, digit for digit. `npm test` builds before it tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (file: string): string => {
  const path = resolve('dist', file);
  if (!existsSync(path)) throw new Error(`dist/${file} is missing: run npm run build first`);
  return readFileSync(path, 'utf8');
};

/** README "Styling": property → [light default, dark default or ''], spaces after commas dropped. */
const documented = (): Map<string, [string, string]> => {
  const readme = readFileSync(resolve('README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `(--cg-[\w-]+)` \| `([^`]+)` \| (?:`([^`]+)`)? *\|/gm)];
  const squeeze = (value = ''): string => value.replace(/,\s+/g, ',');
  return new Map(rows.map((m) => [m[1]!, [squeeze(m[2]), squeeze(m[3])]]));
};

/** The `--cg-*` declarations of each `:host` rule (by selector) in a built file's inlined CSS. */
const hostRules = (code: string): Map<string, Map<string, string>> => {
  const rules = new Map<string, Map<string, string>>();
  for (const [, selector, body] of code.matchAll(/(:host(?:\(\[data-theme=\w+\]\))?)\{([^}]*--cg-[^}]*)\}/g)) {
    const declarations = new Map([...body!.matchAll(/(--cg-[\w-]+):([^;]+)/g)].map((m) => [m[1]!, m[2]!]));
    rules.set(selector!, declarations);
  }
  return rules;
};

// The drop-in's files (the core and each file it fetches) and the ESM build's chunks.
const builtFiles = (): string[] => ['consentgate.js', ...Object.values(JSON.parse(read('manifest.json')) as Record<string, [string]>).map(([file]) => file), ...readdirSync(resolve('dist')).filter((f) => f.endsWith('.mjs'))];

describe('the built stylesheets carry the documented theme defaults', () => {
  it('the README documents a light default for each custom property, including --cg-z-index 2147483000', () => {
    const table = documented();
    expect(table.size).toBeGreaterThanOrEqual(12);
    expect(table.get('--cg-z-index')).toEqual(['2147483000', '']);
  });

  it('every built :host rule declares each custom property with its documented value, light and dark', () => {
    const table = documented();
    const seen = new Set<string>();
    for (const file of builtFiles()) {
      for (const [selector, declarations] of hostRules(read(file))) {
        const column = selector === ':host' ? 0 : 1;
        for (const [property, value] of declarations) {
          expect(table.has(property), `${file}: ${property} is not documented`).toBe(true);
          expect(value, `${file} ${selector} ${property}`).toBe(table.get(property)![column]);
          seen.add(`${file} ${property}`);
        }
      }
    }
    // The core's sheet (the host, the reopen button) stacks with the documented z-index. The
    // interface's sheet is added after the core's and builds on it: the interface comes as one file
    // per language (ui-en, ui-nl), and each, with the core, defines every documented property.
    const manifest = JSON.parse(read('manifest.json')) as Record<string, [string]>;
    const interfaces = Object.keys(manifest).filter((name) => /^ui-/.test(name)).map((name) => manifest[name]![0]);
    expect(interfaces.length).toBeGreaterThanOrEqual(2);
    expect(seen).toContain('consentgate.js --cg-z-index');
    for (const ui of interfaces) {
      for (const property of table.keys()) expect([`consentgate.js ${property}`, `${ui} ${property}`].some((key) => seen.has(key)), `${ui}: ${property}`).toBe(true);
    }
  });
});

describe('minifying CSS keeps long numbers as written', () => {
  it('numbers of more than six significant digits survive in custom properties, var() fallbacks, calc() and units; short ones are still minified', async () => {
    const { minifyCss } = (await import(pathToFileURL(resolve('rollup.config.mjs')).href)) as { minifyCss: (file: string, css: string) => string };
    const css = [
      ':host{--z: 2147483000 ;--max:2147483647;--ratio:1.2345678;--neg:-0.1234567;--exp:2.147483e9;--len:123456789px;--pct:12345678%;--round:1000000}',
      'a{z-index:var(--z, 2147483001);width:calc(100% - 123456789px);margin:0.50px;line-height:1.5}',
      'b{color:#1234567;--name:a-1234567}',
    ].join('\n');
    expect(minifyCss('test.css', css)).toBe(
      ':host{--z:2147483000;--max:2147483647;--ratio:1.2345678;--neg:-0.1234567;--exp:2.147483e9;--len:123456789px;--pct:12345678%;--round:1000000}' +
        'a{z-index:var(--z,2147483001);width:calc(100% - 123456789px);margin:.5px;line-height:1.5}' +
        'b{color:#1234567;--name:a-1234567}',
    );
  });
});

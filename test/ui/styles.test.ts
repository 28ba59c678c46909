// What can be read from the stylesheet itself: colour
// contrast of the default themes, target sizes, and the media features.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (name: string) => readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../src/ui', name), 'utf8');
const base = read('base.css');
/** The core's sheet, which styles the reopen button and stays when the interface's sheet is added after it. */
const reopen = read('../core/reopen.css');
/**
 * The sheets in the interface's shadow root in their order: the core's, the interface's (base.css
 * and styles.css, src/ui/sheet.ts) and the dialog's rules; and the embed placeholder's sheet.
 */
const css = reopen + base + read('styles.css') + read('dialog.css');
const embed = base + read('embed.css');

/** The --cg-* colours set by every rule whose selector is `selector`, later rules winning. */
const theme = (selector: string): Record<string, string> => {
  const bodies = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{};]+)\{([^{}]*)\}/g)].filter((m) => m[1]!.trim() === selector).map((m) => m[2]!);
  expect(bodies.length, selector).toBeGreaterThan(0);
  return Object.fromEntries(bodies.flatMap((body) => [...body.matchAll(/--cg-([\w-]+):(#[0-9a-f]{3,6})/gi)].map((m) => [m[1]!, m[2]!])));
};

const luminance = (hex: string) => {
  const full = hex.length === 4 ? '#' + [...hex.slice(1)].map((c) => c + c).join('') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('default themes', () => {
  const light = theme(':host');
  const dark = theme(':host([data-theme=dark])');

  it.each([
    ['light', light],
    ['dark', dark],
  ])('%s: text, buttons and links reach 4.5:1, borders and focus 3:1', (_, c) => {
    expect(contrast(c.fg!, c.bg!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c['button-fg']!, c['button-bg']!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.link!, c.bg!)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(c.border!, c.bg!)).toBeGreaterThanOrEqual(3);
    expect(contrast(c.focus!, c.bg!)).toBeGreaterThanOrEqual(3);
    expect(contrast(c['button-bg']!, c.bg!)).toBeGreaterThanOrEqual(3); // the switch track when on
  });

  it('auto follows the system with the same dark colours', () => {
    const media = css.indexOf('@media (prefers-color-scheme:dark){:host([data-theme=auto]){');
    expect(media).toBeGreaterThan(0);
    expect(theme(':host([data-theme=auto])')).toEqual(dark);
  });
});

describe('stylesheet', () => {
  it('gives buttons and switches at least 24px of height', () => {
    for (const m of css.matchAll(/min-height:(\d+)px/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(24);
    expect(css).toMatch(/\[role=switch\]\{[^}]*min-height:44px/);
    expect(css).toMatch(/\[aria-haspopup\]\{[^}]*min-height:32px/);
  });

  it('keeps the first layer fixed and within 40% of the viewport height', () => {
    expect(css).toMatch(/\.banner\{[^}]*position:fixed[^}]*max-height:40vh/);
  });

  it('handles reduced motion and forced colours', () => {
    expect(css).toContain('@media (prefers-reduced-motion:reduce)');
    expect(css).toContain('@media (forced-colors:active)');
  });

  it('survives the build minifier: no "+" inside calc(), no descendant selector starting with a colon', () => {
    for (const sheet of [css, embed]) {
      expect(sheet).not.toMatch(/calc\([^)]*\+/);
      expect(sheet.replace(/\/\*[\s\S]*?\*\//g, '')).not.toMatch(/[\w\])] +:(?!host)[a-z-]+[^;{}]*\{/);
    }
  });

  it('resets the page\'s rules only on the interface\'s host', () => {
    expect(css).toContain(':host(#consentgate){all:initial!important}');
    for (const sheet of [css, embed]) expect(sheet.replace(/\/\*[\s\S]*?\*\//g, '')).not.toMatch(/:host\{[^}]*all:/);
  });

  it('styles the embed placeholder in a sheet of its own, on the same base, and the interface without its rules', () => {
    expect(embed.startsWith(base)).toBe(true);
    expect(embed).toMatch(/:host\(\.consentgate-embed\)\{[^}]*display:block/);
    expect(embed).toMatch(/:host\(\.consentgate-embed\) button\{[^}]*min-height:32px/);
    expect(embed).toMatch(/@media \(forced-colors:active\)\{[^@]*:host\(\.consentgate-embed\)\{border-color:CanvasText\}/);
    expect(embed).toMatch(/a\{color:var\(--cg-link\)\}/);
    expect(embed).toMatch(/:focus-visible\{outline:3px solid var\(--cg-focus\)/);
    expect(css).not.toContain('consentgate-embed');
  });
});

// axe-core scans (wcag2a wcag2aa wcag21a wcag21aa wcag22aa) of the banner and the dialog, en and
// nl, light and dark: 0 violations (WCAG 2.2 AA).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AXE, CONFIG, TEXT, banner, button, dialog, settled, switchFor, useHarness, type Lang } from './harness';

const h = useHarness();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeSummary {
  violations: Array<{ id: string; impact: string | null; help: string; nodes: string[] }>;
  passes: number;
}

/** Run axe on the shadow host (#consentgate) and everything in its shadow root. */
async function axe(page: Page): Promise<AxeSummary> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const run = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<any> } }).axe.run; // eslint-disable-line @typescript-eslint/no-explicit-any
    const result = await run(document.getElementById('consentgate'), { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return {
      violations: result.violations.map((v: { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
      })),
      passes: result.passes.length,
    };
  }, TAGS);
}

const SCHEMES = ['light', 'dark'] as const;
const LANGS: Lang[] = ['en', 'nl'];

describe('axe-core: 0 violations', () => {
  for (const lang of LANGS) {
    for (const scheme of SCHEMES) {
      it(`banner and dialog, ${lang}, ${scheme} (theme auto)`, async () => {
        const s = await h.session({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
        const page = await s.open({ lang });
        await banner(page, lang).waitFor();
        await settled(page);
        const first = await axe(page);
        expect(first.violations).toEqual([]);
        expect(first.passes).toBeGreaterThan(0);

        await button(banner(page, lang), TEXT[lang].preferences).click();
        await dialog(page, lang).waitFor();
        await settled(page);
        const second = await axe(page);
        expect(second.violations).toEqual([]);
      });
    }
  }

  it('explicit dark theme on a phone, with the saved-status message showing', async () => {
    const s = await h.session({ viewport: { width: 390, height: 844 } });
    const page = await s.open({ config: { ...CONFIG, theme: 'dark' } });
    await banner(page).waitFor();
    expect((await axe(page)).violations).toEqual([]);
    await button(banner(page), 'Preferences').click();
    const prefs = dialog(page);
    await prefs.waitFor();
    await switchFor(prefs, 'Analytics').click();
    expect((await axe(page)).violations).toEqual([]);
    await button(prefs, 'Save choices').click();
    await settled(page);
    expect((await axe(page)).violations).toEqual([]);
  });

  it('the language of the UI is the page language and the host says so', async () => {
    for (const lang of LANGS) {
      const s = await h.session();
      const page = await s.open({ lang });
      await banner(page, lang).waitFor();
      expect(await page.locator('#consentgate').getAttribute('lang')).toBe(lang);
      const other = lang === 'en' ? TEXT.nl : TEXT.en;
      const text = (await banner(page, lang).textContent()) ?? '';
      for (const word of [other.accept, other.reject]) expect(text).not.toContain(word);
      // No placeholder or missing-text markers.
      expect(text).not.toMatch(/\{\{|\{[a-z]+\}|\bTODO\b|undefined|\[object/);
    }
  });
});

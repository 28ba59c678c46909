// Built-in texts (the text packs), the language choice, overrides, and texts().
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseLanguage, localize, resolveTexts as resolveWith } from '../../src/core/texts';
import { dataLabel } from '../../src/texts/format';
import { uiLib } from '../../src/core/ui';
import type { Language, ResolvedConfig } from '../../src/types';
import { makeConfig, packs, setup } from './helpers';

const builtInTexts = packs;
const resolveTexts = (config: ResolvedConfig, lang: Language) => resolveWith(config, lang, packs[lang]);

afterEach(() => {
  document.documentElement.removeAttribute('lang');
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const { en, nl } = builtInTexts;
// Words that are the same in both languages on purpose.
const SAME_IN_BOTH = new Set(['category.marketing', 'details']);

describe('built-in texts', () => {
  it('has the same keys in English and Dutch', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    // The texts are kept as one line per key: a missing or extra line would shift them.
    expect(Object.keys(en)).not.toContain('undefined');
    expect(en['banner.title']).toBe('Cookie consent');
    expect(nl['embed.label']).toBe('Inhoud van {provider}');
  });

  it('has no empty, untranslated or placeholder-mismatched string', () => {
    for (const key of Object.keys(en)) {
      expect(nl[key], key).toBeTruthy();
      if (!SAME_IN_BOTH.has(key)) expect(nl[key], key).not.toBe(en[key]);
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(nl[key]!), key).toEqual(placeholders(en[key]!));
      expect(nl[key]).not.toMatch(/TODO|\{\{/);
    }
  });

  it('labels every category and data point the contract names', () => {
    for (const lang of [en, nl]) {
      for (const c of ['necessary', 'preferences', 'analytics', 'marketing']) {
        expect(lang['category.' + c]).toBeTruthy();
        expect(lang['category.' + c + '.description']).toBeTruthy();
      }
      for (const d of ['device', 'ip', 'browser', 'os', 'pages', 'clicks', 'login', 'host']) expect(lang['data.' + d]).toBeTruthy();
    }
  });

  it('uses neutral words: no steering towards accepting (AP, EDPB 03/2022)', () => {
    for (const text of [...Object.values(en), ...Object.values(nl)]) expect(text).not.toMatch(/optimal|best experience|beste ervaring|optimale/i);
  });
});

describe('chooseLanguage', () => {
  it('returns the configured language as is', () => {
    document.documentElement.lang = 'nl';
    expect(chooseLanguage('en')).toBe('en');
  });

  it('auto: follows <html lang> first', () => {
    document.documentElement.lang = 'nl-NL';
    vi.stubGlobal('navigator', { languages: ['en-GB'] });
    expect(chooseLanguage('auto')).toBe('nl');
  });

  it('auto: then the browser languages in order, skipping unsupported ones', () => {
    document.documentElement.lang = 'de';
    vi.stubGlobal('navigator', { languages: ['fr-FR', 'NL-be', 'en'] });
    expect(chooseLanguage('auto')).toBe('nl');
  });

  it('auto: else English', () => {
    vi.stubGlobal('navigator', { languages: ['de-DE'] });
    expect(chooseLanguage('auto')).toBe('en');
  });

  it('auto: mounts the interface in the page language and sets lang on the host', () => {
    document.documentElement.lang = 'nl';
    const { host, view, ui } = setup({ config: { language: 'auto' } });
    expect(host.lang).toBe('nl');
    view.getByRole('region', { name: 'Cookietoestemming' });
    expect(ui._shown().language).toBe('nl');
    ui._destroy();
  });
});

describe('config values', () => {
  it('localize picks the language, then falls back to the other one', () => {
    expect(localize('plain', 'nl')).toBe('plain');
    expect(localize({ en: 'Hi', nl: 'Hoi' }, 'nl')).toBe('Hoi');
    expect(localize({ en: 'Hi' }, 'nl')).toBe('Hi');
    expect(localize(undefined, 'en')).toBe('');
  });

  it('dataLabel: built-in keys get their label, anything else is shown as given', () => {
    expect(dataLabel('ip', en, 'en', uiLib)).toBe('IP address');
    expect(dataLabel('Postcode', nl, 'nl', uiLib)).toBe('Postcode');
    expect(dataLabel({ en: 'postcode', nl: 'postcode (nl)' }, nl, 'nl', uiLib)).toBe('postcode (nl)');
  });
});

describe('overrides and texts()', () => {
  it('applies config.texts for the chosen language only', () => {
    const { view, ui } = setup({ config: { language: 'nl', texts: { en: { rejectAll: 'No thanks' }, nl: { rejectAll: 'Nee, bedankt' } } } });
    view.getByRole('button', { name: 'Nee, bedankt' });
    expect(view.queryByRole('button', { name: 'No thanks' })).toBeNull();
    expect(ui._shown().strings.rejectAll).toBe('Nee, bedankt');
    ui._destroy();
  });

  it('returns the language and exactly the strings on screen', () => {
    const { view, ui } = setup();
    const { language, strings } = ui._shown();
    expect(language).toBe('en');
    for (const key of ['acceptAll', 'rejectAll', 'preferences']) view.getByRole('button', { name: strings[key] });
    view.getByRole('region', { name: strings['banner.title'] });
    expect(Object.keys(strings)).toEqual(expect.arrayContaining(Object.keys(en)));
    ui._destroy();
  });

  it('includes the composed first-layer text exactly as on screen', () => {
    const { view, ui } = setup({ config: { controller: 'Infra VOIP', language: 'nl' } });
    const shown = ui._shown().strings['banner.shown']!;
    expect(shown).toContain('Infra VOIP gebruikt cookies');
    expect(shown).toContain('Functioneel, Statistieken en Marketing');
    const paragraph = view.getByRole('region', { name: 'Cookietoestemming' }).querySelector('p')!;
    expect(paragraph.textContent).toBe(`${shown} Privacyverklaring`);
    ui._destroy();
  });

  it('includes the category labels as shown, a site label winning over the built-in one', () => {
    const config = makeConfig();
    const categories = [...config.categories, { key: 'chat', required: false, label: { en: 'Live chat', nl: 'Chat' }, data: [], cookies: [], vendors: [] }];
    categories[2] = { ...categories[2]!, label: 'Statistics', description: { en: 'Our own counts', nl: 'Eigen tellingen' } };
    const strings = resolveTexts({ ...config, categories }, 'en');
    expect(strings['category.analytics']).toBe('Statistics');
    expect(strings['category.analytics.description']).toBe('Our own counts');
    expect(strings['category.chat']).toBe('Live chat');
    expect(strings['category.marketing']).toBe('Marketing');
    expect(resolveTexts({ ...config, categories }, 'nl')['category.chat']).toBe('Chat');
  });

  it('hands out a copy: changing it changes nothing on screen', () => {
    const { view, ui } = setup();
    ui._shown().strings.acceptAll = 'changed';
    expect(ui._shown().strings.acceptAll).toBe('Accept all');
    view.getByRole('button', { name: 'Accept all' });
    ui._destroy();
  });
});

// The language shown and the texts in it. The built-in texts come in text packs (src/texts/),
// fetched one language at a time; the core applies the site's overrides and the category
// labels once, here, and hands the result to the interface, the embed placeholders and the
// receipts. Every string is shown as text, never parsed as HTML.
import type { Language, Localized, ResolvedConfig } from '../types';

/** A flat record of the strings the visitor sees, in one language. */
export type Texts = Record<string, string>;

/** The texts a visitor was shown: what a consent receipt hashes. */
export interface ShownTexts {
  language: Language;
  strings: Texts;
}

const supported = (tag: string | undefined | null): Language | undefined => {
  const base = (tag || '').slice(0, 2).toLowerCase();
  return base == 'en' || base == 'nl' ? base : undefined;
};

/**
 * "auto" = the page's `<html lang>`, then the browser's languages in order, else English.
 * `navigator` is read only when the page does not say: a first access costs on every page view.
 */
export const chooseLanguage = (setting: ResolvedConfig['language']): Language =>
  setting != 'auto' ? setting : supported(document.documentElement.lang) || (navigator.languages || []).map(supported).find(Boolean) || 'en';

/** A config value that is one string for all languages or one per language. */
export const localize = (value: Localized | undefined, lang: Language): string =>
  typeof value == 'string' ? value : value ? (value[lang] ?? value.en ?? value.nl ?? '') : '';

/**
 * Everything the visitor is shown in one language: the text pack with the site's overrides
 * applied, plus the labels and descriptions of the configured categories as they are
 * displayed (`category.<key>` and `category.<key>.description`).
 */
export const resolveTexts = (config: ResolvedConfig, lang: Language, pack: Readonly<Texts>): Texts => {
  const texts: Texts = { ...pack, ...config.texts[lang] };
  // A category is shown with its own label, else the (overridable) built-in one, else its key;
  // the views read these two entries, never the config directly.
  for (const { key, label, description } of config.categories) {
    const k = 'category.' + key;
    texts[k] = localize(label, lang) || texts[k] || key;
    texts[k + '.description'] = localize(description, lang) || texts[k + '.description'] || '';
  }
  return texts;
};

/**
 * The reopen button's label, which the core shows on every page after a decision without
 * fetching a text pack: the built-in one (the same as the packs' `reopen`) or the site's override.
 */
export const reopenLabel = (config: ResolvedConfig, lang: Language): string =>
  config.texts[lang]?.reopen ?? (lang == 'nl' ? 'Cookie-instellingen' : 'Cookie settings');

// Built-in texts (en, nl) and the choice of language. Every string here is shown
// as text, never parsed as HTML. One flat record per language, so that
// `texts()` can hand the exact strings to a consent receipt and the keys can be
// overridden one by one through `config.texts`.
import type { Language, Localized, ResolvedCategory, ResolvedConfig } from '../types';

/** A flat record of the strings the visitor sees, in one language. */
export type Texts = Record<string, string>;

const en: Texts = {
  'banner.title': 'Cookie consent',
  'banner.purposes': '{controller} uses cookies, with your consent, for: {purposes}.',
  'banner.data': 'They collect: {data}.',
  'banner.thirdParties': 'Marketing shares data with third parties.',
  'banner.withdraw': 'You can change or withdraw your choice at any time under “Cookie settings”.',
  site: 'This site',
  privacy: 'Privacy statement',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  preferences: 'Preferences',
  gpc: 'Your browser sends Global Privacy Control: marketing stays off unless you switch it on.',
  'dialog.title': 'Cookie preferences',
  'dialog.intro': 'Choose which cookies this site may use.',
  close: 'Close',
  save: 'Save choices',
  alwaysActive: 'Always active',
  on: 'On',
  off: 'Off',
  details: 'Details',
  dataCollected: 'Data collected',
  'cookie.name': 'Name',
  'cookie.provider': 'Provider',
  'cookie.purpose': 'Purpose',
  'cookie.expires': 'Expiry',
  vendors: 'Third parties',
  decision: 'Your choice: consent ID {id}, {date}.',
  saved: 'Your choices have been saved.',
  reopen: 'Cookie settings',
  'category.necessary': 'Strictly necessary',
  'category.necessary.description':
    'Needed for the site to work, such as log-in and remembering this choice.',
  'category.preferences': 'Functional',
  'category.preferences.description': 'Remember your settings, such as language.',
  'category.analytics': 'Analytics',
  'category.analytics.description': 'Count visits and show how the site is used.',
  'category.marketing': 'Marketing',
  'category.marketing.description':
    'Show and measure ads with partners, who receive data about your visit.',
  'data.device': 'device type',
  'data.ip': 'IP address',
  'data.browser': 'browser type',
  'data.os': 'operating system',
  'data.pages': 'pages visited and items viewed',
  'data.clicks': 'click behaviour',
  'data.login': 'log-in data',
  'data.host': 'host name',
  'embed.notice': 'This content is provided by {provider}, which may set cookies and collect data about you ({category}).',
  'embed.policy': 'Privacy policy of {provider}',
  'embed.once': 'Load once',
  'embed.always': 'Always allow {category}',
  'embed.label': 'Content from {provider}',
};

const nl: Texts = {
  'banner.title': 'Cookietoestemming',
  'banner.purposes': '{controller} gebruikt cookies, met uw toestemming, voor: {purposes}.',
  'banner.data': 'Die verzamelen: {data}.',
  'banner.thirdParties': 'Marketing deelt gegevens met derde partijen.',
  'banner.withdraw': 'U kunt uw keuze altijd wijzigen of intrekken via “Cookie-instellingen”.',
  site: 'Deze site',
  privacy: 'Privacyverklaring',
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  preferences: 'Voorkeuren',
  gpc: 'Uw browser stuurt Global Privacy Control: marketing blijft uit, tenzij u het aanzet.',
  'dialog.title': 'Cookievoorkeuren',
  'dialog.intro': 'Kies welke cookies deze site mag gebruiken.',
  close: 'Sluiten',
  save: 'Keuze opslaan',
  alwaysActive: 'Altijd actief',
  on: 'Aan',
  off: 'Uit',
  details: 'Details',
  dataCollected: 'Verzamelde gegevens',
  'cookie.name': 'Naam',
  'cookie.provider': 'Aanbieder',
  'cookie.purpose': 'Doel',
  'cookie.expires': 'Bewaartermijn',
  vendors: 'Derde partijen',
  decision: 'Uw keuze: toestemmings-ID {id}, {date}.',
  saved: 'Uw keuze is opgeslagen.',
  reopen: 'Cookie-instellingen',
  'category.necessary': 'Strikt noodzakelijk',
  'category.necessary.description':
    'Nodig om de site te laten werken, zoals inloggen en het onthouden van deze keuze.',
  'category.preferences': 'Functioneel',
  'category.preferences.description': 'Onthouden uw instellingen, zoals taal.',
  'category.analytics': 'Statistieken',
  'category.analytics.description': 'Tellen bezoeken en laten zien hoe de site wordt gebruikt.',
  'category.marketing': 'Marketing',
  'category.marketing.description':
    'Tonen en meten advertenties met partners, die gegevens over uw bezoek ontvangen.',
  'data.device': 'apparaattype',
  'data.ip': 'IP-adres',
  'data.browser': 'browsertype',
  'data.os': 'besturingssysteem',
  'data.pages': "bezochte pagina's en bekeken items",
  'data.clicks': 'klikgedrag',
  'data.login': 'inloggegevens',
  'data.host': 'hostnaam',
  'embed.notice': 'Deze inhoud komt van {provider}, dat cookies kan plaatsen en gegevens over u kan verzamelen ({category}).',
  'embed.policy': 'Privacybeleid van {provider}',
  'embed.once': 'Eenmalig laden',
  'embed.always': '{category} altijd toestaan',
  'embed.label': 'Inhoud van {provider}',
};

/** The built-in texts per language (read-only; overrides go through `config.texts`). */
export const builtInTexts: Readonly<Record<Language, Readonly<Texts>>> = { en, nl };

const supported = (tag: string | undefined | null): Language | undefined => {
  const base = (tag || '').slice(0, 2).toLowerCase();
  return base === 'en' || base === 'nl' ? base : undefined;
};

/** "auto" = the page's `<html lang>`, then the browser's languages in order, else English. */
export const chooseLanguage = (setting: ResolvedConfig['language']): Language =>
  setting !== 'auto'
    ? setting
    : [document.documentElement.lang, ...(navigator.languages || [])].map(supported).find(Boolean) || 'en';

/** A config value that is one string for all languages or one per language. */
export const localize = (value: Localized | undefined, lang: Language): string =>
  typeof value === 'string' ? value : value ? (value[lang] ?? value.en ?? value.nl ?? '') : '';

/** Fills `{name}` placeholders; the result is still plain text. */
export const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);

/** A data point: a built-in key becomes its label, anything else is the site's own text. */
export const dataLabel = (item: ResolvedCategory['data'][number], texts: Texts, lang: Language): string =>
  (typeof item === 'string' && texts['data.' + item]) || localize(item, lang);

/**
 * Everything the visitor is shown in one language: the built-in texts with the
 * site's overrides applied, plus the labels and descriptions of the configured
 * categories as they are displayed (`category.<key>` and `category.<key>.description`).
 */
export const resolveTexts = (config: ResolvedConfig, lang: Language): Texts => {
  const texts: Texts = { ...builtInTexts[lang], ...config.texts[lang] };
  // A category is shown with its own label, else the (overridable) built-in one, else its key;
  // the views read these two entries, never the config directly.
  for (const { key, label, description } of config.categories) {
    const k = 'category.' + key;
    texts[k] = localize(label, lang) || texts[k] || key;
    texts[k + '.description'] = localize(description, lang) || texts[k + '.description'] || '';
  }
  return texts;
};

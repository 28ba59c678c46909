// Built-in texts (en, nl) and the choice of language. Every string here is shown
// as text, never parsed as HTML. One flat record per language, so that
// `texts()` can hand the exact strings to a consent receipt and the keys can be
// overridden one by one through `config.texts`.
import type { Language, Localized, ResolvedCategory, ResolvedConfig } from '../types';

/** A flat record of the strings the visitor sees, in one language. */
export type Texts = Record<string, string>;

const en: Texts = {
  'banner.title': 'Cookie consent',
  'banner.purposes': '{controller} asks your consent to use cookies and similar techniques for: {purposes}.',
  'banner.data': 'They collect: {data}.',
  'banner.thirdParties': 'For marketing, data is shared with third parties.',
  'banner.withdraw': 'You can change or withdraw your choice at any time under “Cookie settings”.',
  site: 'This website',
  privacy: 'Privacy statement',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  preferences: 'Preferences',
  gpc: 'Your browser sends a Global Privacy Control signal: marketing stays off unless you switch it on.',
  'dialog.title': 'Cookie preferences',
  'dialog.intro': 'Choose which kinds of cookies this website may use. Your choice applies until you change it.',
  close: 'Close',
  save: 'Save choices',
  alwaysActive: 'Always active',
  on: 'On',
  off: 'Off',
  details: 'Show details',
  dataCollected: 'Data collected',
  'cookie.name': 'Name',
  'cookie.provider': 'Provider',
  'cookie.purpose': 'Purpose',
  'cookie.expires': 'Expiry',
  vendors: 'Third parties',
  decision: 'Your current choice: consent ID {id}, given on {date}.',
  saved: 'Your cookie choices have been saved.',
  reopen: 'Cookie settings',
  'category.necessary': 'Strictly necessary',
  'category.necessary.description':
    'Needed for the website to work, for example to keep you logged in and to remember this choice. They cannot be switched off.',
  'category.preferences': 'Functional',
  'category.preferences.description': 'Remember settings you chose, such as your language.',
  'category.analytics': 'Analytics',
  'category.analytics.description': 'Count visits and show how the website is used, so that it can be improved.',
  'category.marketing': 'Marketing',
  'category.marketing.description':
    'Let advertising partners show and measure ads that match your interests. Data is shared with these third parties.',
  'data.device': 'device type',
  'data.ip': 'IP address',
  'data.browser': 'browser type',
  'data.os': 'operating system',
  'data.pages': 'pages visited and items viewed',
  'data.clicks': 'click behaviour',
  'data.login': 'log-in data',
  'data.host': 'host name',
};

const nl: Texts = {
  'banner.title': 'Cookietoestemming',
  'banner.purposes': '{controller} vraagt je toestemming om cookies en vergelijkbare technieken te gebruiken voor: {purposes}.',
  'banner.data': 'Die verzamelen: {data}.',
  'banner.thirdParties': 'Voor marketing worden gegevens gedeeld met derde partijen.',
  'banner.withdraw': 'Je kunt je keuze altijd wijzigen of intrekken via “Cookie-instellingen”.',
  site: 'Deze website',
  privacy: 'Privacyverklaring',
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  preferences: 'Voorkeuren',
  gpc: 'Je browser geeft een Global Privacy Control-signaal af: marketing blijft uit, tenzij je het zelf aanzet.',
  'dialog.title': 'Cookievoorkeuren',
  'dialog.intro': 'Kies welke soorten cookies deze website mag gebruiken. Je keuze geldt tot je die wijzigt.',
  close: 'Sluiten',
  save: 'Keuze opslaan',
  alwaysActive: 'Altijd actief',
  on: 'Aan',
  off: 'Uit',
  details: 'Details tonen',
  dataCollected: 'Verzamelde gegevens',
  'cookie.name': 'Naam',
  'cookie.provider': 'Aanbieder',
  'cookie.purpose': 'Doel',
  'cookie.expires': 'Bewaartermijn',
  vendors: 'Derde partijen',
  decision: 'Je huidige keuze: toestemmings-ID {id}, gegeven op {date}.',
  saved: 'Je cookiekeuze is opgeslagen.',
  reopen: 'Cookie-instellingen',
  'category.necessary': 'Strikt noodzakelijk',
  'category.necessary.description':
    'Nodig om de website te laten werken, bijvoorbeeld om je ingelogd te houden en deze keuze te onthouden. Deze kun je niet uitzetten.',
  'category.preferences': 'Functioneel',
  'category.preferences.description': 'Onthouden instellingen die je kiest, zoals je taal.',
  'category.analytics': 'Statistieken',
  'category.analytics.description': 'Tellen bezoeken en laten zien hoe de website wordt gebruikt, zodat die beter kan worden.',
  'category.marketing': 'Marketing',
  'category.marketing.description':
    'Laten advertentiepartners advertenties tonen en meten die passen bij je interesses. Gegevens worden met deze derde partijen gedeeld.',
  'data.device': 'apparaattype',
  'data.ip': 'IP-adres',
  'data.browser': 'browsertype',
  'data.os': 'besturingssysteem',
  'data.pages': "bezochte pagina's en bekeken items",
  'data.clicks': 'klikgedrag',
  'data.login': 'inloggegevens',
  'data.host': 'hostnaam',
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

/** The label a category is shown with: its own label, else the (overridable) built-in one, else its key. */
export const categoryLabel = (category: ResolvedCategory, texts: Texts, lang: Language): string =>
  localize(category.label, lang) || texts['category.' + category.key] || category.key;

export const categoryDescription = (category: ResolvedCategory, texts: Texts, lang: Language): string =>
  localize(category.description, lang) || texts['category.' + category.key + '.description'] || '';

/** A data point: a built-in key becomes its label, anything else is the site's own text. */
export const dataLabel = (item: ResolvedCategory['data'][number], texts: Texts, lang: Language): string =>
  (typeof item === 'string' && texts['data.' + item]) || localize(item, lang);

/**
 * Everything the visitor is shown in one language: the built-in texts with the
 * site's overrides applied, plus the labels and descriptions of the configured
 * categories as they are displayed.
 */
export const resolveTexts = (config: ResolvedConfig, lang: Language): Texts => {
  const texts: Texts = { ...builtInTexts[lang], ...config.texts[lang] };
  for (const category of config.categories) {
    texts['category.' + category.key] = categoryLabel(category, texts, lang);
    texts['category.' + category.key + '.description'] = categoryDescription(category, texts, lang);
  }
  return texts;
};

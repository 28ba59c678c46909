// Built-in texts (en, nl) and the choice of language. Every string here is shown
// as text, never parsed as HTML. One flat record per language, so that
// `texts()` can hand the exact strings to a consent receipt and the keys can be
// overridden one by one through `config.texts`.
import type { Language, Localized, ResolvedCategory, ResolvedConfig } from '../types';

/** A flat record of the strings the visitor sees, in one language. */
export type Texts = Record<string, string>;

// The keys, in the order of the lines below (the keys documented in the README, "Texts").
const keys = `banner.title banner.purposes banner.data banner.thirdParties banner.withdraw site privacy acceptAll
rejectAll preferences gpc dialog.title dialog.intro close save alwaysActive on off details
dataCollected cookie.name cookie.provider cookie.purpose cookie.expires vendors decision saved
reopen category.necessary category.necessary.description category.preferences
category.preferences.description category.analytics category.analytics.description
category.marketing category.marketing.description data.device data.ip data.browser data.os
data.pages data.clicks data.login data.host embed.notice embed.policy embed.once embed.always
embed.label`.split(/\s+/);

/** One text per line, in the order of `keys`. */
const table = (lines: string): Texts => Object.fromEntries(lines.split('\n').map((text, i) => [keys[i], text]));

const en = table(`Cookie consent
{controller} uses cookies, with your consent, for: {purposes}.
They collect: {data}.
Marketing shares data with third parties.
You can change or withdraw your choice at any time under “Cookie settings”.
This site
Privacy statement
Accept all
Reject all
Preferences
Your browser sends Global Privacy Control: marketing stays off unless you switch it on.
Cookie preferences
Choose which cookies this site may use.
Close
Save choices
Always active
On
Off
Details
Data collected
Name
Provider
Purpose
Expiry
Third parties
Your choice: consent ID {id}, {date}.
Your choices have been saved.
Cookie settings
Strictly necessary
Needed for the site to work, such as log-in and remembering this choice.
Functional
Remember your settings, such as language.
Analytics
Count visits and show how the site is used.
Marketing
Show and measure ads with partners, who receive data about your visit.
device type
IP address
browser type
operating system
pages visited and items viewed
click behaviour
log-in data
host name
This content is provided by {provider}, which may set cookies and collect data about you ({category}).
Privacy policy of {provider}
Load once
Always allow {category}
Content from {provider}`);

const nl = table(`Cookietoestemming
{controller} gebruikt cookies, met uw toestemming, voor: {purposes}.
Die verzamelen: {data}.
Marketing deelt gegevens met derde partijen.
U kunt uw keuze altijd wijzigen of intrekken via “Cookie-instellingen”.
Deze site
Privacyverklaring
Alles accepteren
Alles weigeren
Voorkeuren
Uw browser stuurt Global Privacy Control: marketing blijft uit, tenzij u het aanzet.
Cookievoorkeuren
Kies welke cookies deze site mag gebruiken.
Sluiten
Keuze opslaan
Altijd actief
Aan
Uit
Details
Verzamelde gegevens
Naam
Aanbieder
Doel
Bewaartermijn
Derde partijen
Uw keuze: toestemmings-ID {id}, {date}.
Uw keuze is opgeslagen.
Cookie-instellingen
Strikt noodzakelijk
Nodig om de site te laten werken, zoals inloggen en het onthouden van deze keuze.
Functioneel
Onthouden uw instellingen, zoals taal.
Statistieken
Tellen bezoeken en laten zien hoe de site wordt gebruikt.
Marketing
Tonen en meten advertenties met partners, die gegevens over uw bezoek ontvangen.
apparaattype
IP-adres
browsertype
besturingssysteem
bezochte pagina's en bekeken items
klikgedrag
inloggegevens
hostnaam
Deze inhoud komt van {provider}, dat cookies kan plaatsen en gegevens over u kan verzamelen ({category}).
Privacybeleid van {provider}
Eenmalig laden
{category} altijd toestaan
Inhoud van {provider}`);

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

// The public types of consentgate. Their names are fixed: sites and tests outside the project use them.

/** A text in one language for all, or per language (`{ "en": "…", "nl": "…" }`). */
export type Localized = string | { en?: string; nl?: string };

/** The languages with built-in texts. */
export type Language = 'en' | 'nl';

/** A cookie that a category sets, shown in the preferences and erased when the category is refused. */
export interface CookieDeclaration {
  /** Exact cookie name, e.g. `_fbp`. */
  name?: string;
  /** Regular expression (source text) for a family of names, e.g. `^_ga(_.+)?$`. */
  match?: string;
  /** Who sets it, e.g. `Google`. */
  provider?: string;
  /** Why it is set. */
  purpose?: Localized;
  /** How long it lives, e.g. `2 years`. */
  expires?: Localized;
}

/** A third party that receives data under a category. */
export interface Vendor {
  name: string;
  /** Link to the vendor's privacy policy. */
  url?: string;
}

/** Data point keys with built-in labels in en and nl. */
export type DataPoint = 'device' | 'ip' | 'browser' | 'os' | 'pages' | 'clicks' | 'login' | 'host';

export interface CategoryConfig {
  /** Always on, cannot be refused. @default true for the key `necessary`, else false */
  required?: boolean;
  /** Built in for necessary, preferences, analytics and marketing; other keys need one. */
  label?: Localized;
  description?: Localized;
  /** What the category collects: built-in keys, or your own text per language. */
  data?: Array<DataPoint | Localized>;
  cookies?: CookieDeclaration[];
  vendors?: Vendor[];
}

/** A Google Consent Mode v2 signal. */
export type ConsentModeSignal =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export interface ConsentModeOptions {
  /** Category → the signals it grants. @default preferences → functionality + personalization, analytics → analytics_storage, marketing → ad_* */
  map?: Record<string, ConsentModeSignal[]>;
  /** Emit `gtag('set', 'ads_data_redaction', true)`. @default false */
  adsDataRedaction?: boolean;
  /** Emit `gtag('set', 'url_passthrough', true)`. @default false */
  urlPassthrough?: boolean;
  /** Extra region-scoped defaults, ISO 3166 codes only (e.g. `NL`, `US-CA`). */
  regions?: Array<{ region: string[]; granted: ConsentModeSignal[] }>;
}

/** A Microsoft consent signal: `ad_storage` drives UET and Clarity's `ad_Storage`, `analytics_storage` Clarity's `analytics_Storage`. */
export type MicrosoftConsentSignal = 'ad_storage' | 'analytics_storage';

export interface MicrosoftConsentModeOptions {
  /** Category → the Microsoft signals it grants. @default marketing → ad_storage, analytics → analytics_storage */
  map?: Record<string, MicrosoftConsentSignal[]>;
}

export interface MetaPixelOptions {
  /** The category whose grant sends `fbq('consent', 'grant')`. @default "marketing" */
  category?: string;
}

export interface MatomoOptions {
  /** The category whose grant gives Matomo consent. @default "analytics" */
  category?: string;
  /** Ask consent for cookies only: Matomo measures without cookies before consent. @default false */
  cookiesOnly?: boolean;
}

/** The configuration a site passes to `init()` or puts in the `#consentgate-config` block. */
export interface Config {
  /** Categories in display order. */
  categories: Record<string, CategoryConfig>;
  /** Raise it and every visitor is asked again. @default 1 */
  revision?: number;
  /** 1..395; a decision older than this is void. @default 182 */
  expiresAfterDays?: number;
  cookie?: {
    /** @default "consentgate" */
    name?: string;
    /** Set only to share the choice across subdomains, e.g. `infravoip.com`. @default "" */
    domain?: string;
    /** @default "/" */
    path?: string;
    /** @default "Lax" */
    sameSite?: 'Lax' | 'Strict' | 'None';
  };
  /** "auto" = `<html lang>`, then `navigator.languages`, else en. @default "auto" */
  language?: 'auto' | Language;
  /** Overrides of any built-in text, per language. */
  texts?: Partial<Record<Language, Record<string, string>>>;
  /** Who processes the data, named on the first layer. @default "" */
  controller?: string;
  /** Link to the privacy statement, shown on the first layer. @default "" */
  privacyPolicyUrl?: string;
  /** @default "bar" */
  layout?: 'bar' | 'box';
  /** @default "auto" */
  theme?: 'light' | 'dark' | 'auto';
  /** Show a small "Cookie settings" button after a decision. @default true */
  reopenButton?: boolean;
  /** With Global Privacy Control on, "Accept all" leaves marketing off. @default true */
  respectGPC?: boolean;
  /** Emit Google Consent Mode v2 signals. @default false */
  googleConsentMode?: boolean | ConsentModeOptions;
  /** Emit Microsoft UET consent mode and Clarity `consentv2` signals. @default false */
  microsoftConsentMode?: boolean | MicrosoftConsentModeOptions;
  /** Emit Meta Pixel `fbq('consent', 'revoke' | 'grant')`. @default false */
  metaPixel?: boolean | MetaPixelOptions;
  /** Emit Matomo's require/set/forget consent commands. @default false */
  matomo?: boolean | MatomoOptions;
  /** URL that receives a consent receipt per decision. @default null */
  logEndpoint?: string | null;
  /**
   * Where the drop-in fetches its interface, text packs, embed placeholders and receipt code:
   * a path or an http(s) URL ending in `/`. @default "" (the folder `consentgate.js` was loaded from)
   */
  assetsUrl?: string;
}

/** One category after validation, with its defaults applied. */
export interface ResolvedCategory {
  key: string;
  required: boolean;
  label?: Localized;
  description?: Localized;
  data: ReadonlyArray<DataPoint | Localized>;
  cookies: ReadonlyArray<CookieDeclaration>;
  vendors: ReadonlyArray<Vendor>;
}

/** The frozen configuration the core and the UI read. */
export interface ResolvedConfig {
  categories: ReadonlyArray<ResolvedCategory>;
  revision: number;
  expiresAfterDays: number;
  cookie: { name: string; domain: string; path: string; sameSite: 'Lax' | 'Strict' | 'None' };
  language: 'auto' | Language;
  texts: Partial<Record<Language, Record<string, string>>>;
  controller: string;
  privacyPolicyUrl: string;
  layout: 'bar' | 'box';
  theme: 'light' | 'dark' | 'auto';
  reopenButton: boolean;
  respectGPC: boolean;
  googleConsentMode:
    | false
    | {
        readonly map: Readonly<Record<string, ConsentModeSignal[]>>;
        readonly adsDataRedaction: boolean;
        readonly urlPassthrough: boolean;
        readonly regions: ReadonlyArray<{ region: string[]; granted: ConsentModeSignal[] }>;
      };
  microsoftConsentMode: false | { readonly map: Readonly<Record<string, MicrosoftConsentSignal[]>> };
  metaPixel: false | { readonly category: string };
  matomo: false | { readonly category: string; readonly cookiesOnly: boolean };
  logEndpoint: string | null;
  assetsUrl: string;
}

export type ConsentAction = 'accept-all' | 'reject-all' | 'custom';

/** A visitor's decision, as stored in the cookie. */
export interface ConsentRecord {
  /** Random UUID v4, kept across changes until reset(). */
  id: string;
  /** ISO 8601, of this decision. */
  timestamp: string;
  /** ISO 8601. */
  expires: string;
  revision: number;
  /** Every configured category; required ones true. */
  categories: Record<string, boolean>;
  action: ConsentAction;
  /** Global Privacy Control was on at decision time. */
  gpc: boolean;
}

export type View = 'banner' | 'preferences';

export interface ChangeDetail {
  record: ConsentRecord;
  granted: string[];
  revoked: string[];
}

/** Event name → the detail its handlers receive. */
export interface ConsentGateEvents {
  consent: ConsentRecord;
  change: ChangeDetail;
  show: { view: View };
  hide: { view: View };
}

export type EventName = keyof ConsentGateEvents;

/** What `window.ConsentGate` and `createConsentGate()` give you. */
export interface ConsentGate {
  /** Start with a config; a second call throws until destroy(). */
  init(config: Config): void;
  /** The valid stored decision, or null. */
  get(): ConsentRecord | null;
  /** True when a valid decision grants the category. */
  has(category: string): boolean;
  /** Resolves once the category is granted (at once if it already is). */
  whenGranted(category: string): Promise<void>;
  /** Subscribe; returns the unsubscribe function. */
  on<E extends EventName>(event: E, handler: (detail: ConsentGateEvents[E]) => void): () => void;
  acceptAll(): void;
  rejectAll(): void;
  /** Grant exactly the categories set to true (required ones always). */
  save(choices: Record<string, boolean>): void;
  /** Open the banner. */
  show(): void;
  /** Open the preferences dialog. */
  showPreferences(): void;
  /** Close whatever is open; records nothing. */
  hide(): void;
  /** Forget the decision and show the banner again. */
  reset(): void;
  /** Remove the UI, listeners and observers. */
  destroy(): void;
}

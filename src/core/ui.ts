// The seam between the core and a user interface (src/ui is one, fetched on demand; a headless
// build has none). The core owns all state; the UI renders it and sends intents.
import type { ConsentRecord, Language, ResolvedConfig, View } from '../types';
import { settle, type Stages } from './stages';
import { localize } from './texts';
import { safeUrl } from './url';

/**
 * Helpers the core has anyway, handed to the interface with its context: a stage file uses
 * these instead of carrying its own copies.
 */
export const uiLib = { _settle: settle, _localize: localize, _safeUrl: safeUrl };

export type UILib = typeof uiLib;

/** What the core tells the UI to show. */
export interface UIState {
  /** The open view, or null when neither banner nor dialog is open. */
  view: View | null;
  /** The current valid decision, or null. */
  record: ConsentRecord | null;
}

/** What the core hands the UI once, when the page has a body. */
export interface UIContext {
  config: ResolvedConfig;
  /** The shadow root on `<div id="consentgate">` to render into; it holds the reopen button. */
  _root: ShadowRoot;
  /** The language shown. */
  _lang: Language;
  /** The texts in that language, with the site's overrides and the category labels applied. */
  _texts: Readonly<Record<string, string>>;
  /** The preferences dialog's stage, fetched when the dialog first opens. */
  _dialog: NonNullable<Stages['_dialog']>;
  /** The drop-in's stage loader (src/stages/scripts.ts), for the interface to fetch the dialog. */
  _load?: Stages['_load'];
  /** The core's helpers (stages, localized values, the URL rule). */
  _lib: UILib;
  /** Global Privacy Control is on and respected: "Accept all" leaves `marketing` off. */
  gpc: boolean;
  acceptAll(): void;
  rejectAll(): void;
  save(choices: Record<string, boolean>): void;
  showPreferences(): void;
  /** Close the open view without recording anything. */
  hide(): void;
}

export interface UIAdapter {
  /** Render this state; called at mount and after every change. */
  _update(state: UIState): void;
  /** The texts a visitor is shown, in the chosen language (for consent receipts). */
  _shown(): { language: Language; strings: Record<string, string> };
  /** Remove everything the UI added to the page. */
  _destroy(): void;
}

export type UIFactory = (context: UIContext) => UIAdapter;

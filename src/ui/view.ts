// What every view of the interface receives from mount.tsx, and two small helpers.
import type { Language, UIContext } from '../types';
import type { Texts } from './i18n';

/** The visitor's intents, wrapped by mount.tsx so it can announce and move focus. */
export interface Actions {
  acceptAll(): void;
  rejectAll(): void;
  /** Save the switches as they are in the dialog. */
  save(): void;
  showPreferences(): void;
  /** Close the dialog without recording anything. */
  close(): void;
  toggle(category: string): void;
}

export interface ViewProps {
  ctx: UIContext;
  t: Texts;
  lang: Language;
  act: Actions;
}

/** Links from the config become real `href`s only when they cannot run script. */
export const safeUrl = (url: string | undefined): string | undefined =>
  url && !/^\s*(javascript|data|vbscript):/i.test(url) ? url : undefined;

/**
 * "a, b, and c" (en) or "a, b en c" (nl), as Intl.ListFormat writes them, without
 * building an Intl object at start-up (that was most of the first render's script time).
 */
export const list = (items: string[], lang: Language): string =>
  items.length > 1
    ? items.slice(0, -1).join(', ') + (items.length > 2 && lang == 'en' ? ',' : '') + (lang == 'en' ? ' and ' : ' en ') + items[items.length - 1]
    : items.join('');

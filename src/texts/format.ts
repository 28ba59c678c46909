// Filling in and joining texts for display; the result is always plain text.
import type { Language, ResolvedCategory } from '../types';
import type { Texts } from '../core/texts';
import type { UILib } from '../core/ui';

/** Fills `{name}` placeholders; the result is still plain text. */
export const fill = (text: string, values: Record<string, string>): string => text.replace(/\{(\w+)\}/g, (all, name: string) => values[name] ?? all);

/**
 * A data point: a built-in key becomes its label, anything else is the site's own text, in
 * `lang` through the core's `localize` (the interface gets it as UIContext._lib).
 */
export const dataLabel = (item: ResolvedCategory['data'][number], texts: Texts, lang: Language, lib: Pick<UILib, '_localize'>): string =>
  (typeof item == 'string' && texts['data.' + item]) || lib._localize(item, lang);

/**
 * "a, b, and c" (en) or "a, b en c" (nl), as Intl.ListFormat writes them, without
 * building an Intl object at start-up (that was most of the first render's script time).
 */
export const list = (items: string[], lang: Language): string =>
  items.length > 1
    ? items.slice(0, -1).join(', ') + (items.length > 2 && lang == 'en' ? ',' : '') + (lang == 'en' ? ' and ' : ' en ') + items[items.length - 1]
    : items.join('');

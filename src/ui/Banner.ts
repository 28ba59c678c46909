// The first layer: a non-modal, named region. The page stays usable behind it
// (EDPB Guidelines 05/2020: no cookie wall), and Reject sits next to Accept with
// the same look (EDPB cookie banner taskforce, types A, D and E).
import { h } from 'preact';
import type { Language } from '../types';
import type { UIContext } from '../core/ui';
import type { Texts } from '../core/texts';
import { dataLabel, fill, list } from '../texts/format';
import { Buttons, Intro, type ViewProps } from './view';

/** The first layer's text as shown: controller, purposes, data, sharing and withdrawal. */
export const firstLayerText = ({ config: { categories, controller }, _lib: lib }: UIContext, t: Texts, lang: Language): string => {
  const purposes = categories.filter((c) => !c.required).map((c) => t['category.' + c.key]!);
  const data = [...new Set(categories.flatMap((c) => c.data.map((d) => dataLabel(d, t, lang, lib))))];
  return [
    fill(t['banner.purposes']!, { controller: controller || t.site!, purposes: list(purposes, lang) }),
    data.length && fill(t['banner.data']!, { data: list(data, lang) }),
    categories.some((c) => c.key == 'marketing') && t['banner.thirdParties'],
    t['banner.withdraw'],
  ]
    .filter(Boolean)
    .join(' ');
};

export const Banner = (props: ViewProps & { hidden: boolean }) =>
  h(
    'section',
    { class: 'banner ' + props.ctx.config.layout, 'aria-labelledby': 'cg-bt', hidden: props.hidden },
    // The text scrolls on its own, above the buttons: a control focused in it is never under them (WCAG 2.4.11).
    h('div', { class: 'text' }, h('h2', { id: 'cg-bt' }, props.t['banner.title']), Intro(props, props.t['banner.shown']!)),
    Buttons(props, 'preferences'),
  );

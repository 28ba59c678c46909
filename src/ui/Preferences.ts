// The second layer: a modal dialog per the WAI-ARIA APG dialog pattern. Focus
// handling (in, trap, back) and the inert page live in mount.tsx and dialog.ts;
// this file renders the categories with everything a visitor needs to decide
// (CJEU C-673/17 Planet49: duration and third-party access must be disclosed).
import { h } from 'preact';
import type { ConsentRecord } from '../types';
import { trapTab } from './dialog';
import { dataLabel, fill, list } from '../texts/format';
import { Buttons, Intro, type ViewProps } from './view';

interface PreferencesProps extends ViewProps {
  choices: Record<string, boolean>;
  record: ConsentRecord | null;
}

export const Preferences = (props: PreferencesProps) => {
  const { ctx, t, lang, act, choices, record } = props;
  const { _localize: localize, _safeUrl: safeUrl } = ctx._lib;
  return h(
    'div',
    { class: 'backdrop' },
    h(
      'div',
      {
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'cg-pt',
        'aria-describedby': 'cg-pd',
        onKeyDown: (e: KeyboardEvent) => (e.key == 'Escape' ? (e.stopPropagation(), act.close()) : trapTab(e)),
      },
      h('div', { class: 'top' }, h('h2', { id: 'cg-pt', tabIndex: -1 }, t['dialog.title']), h('button', { onClick: act.close }, t.close)),
      h(
        'div',
        { class: 'body' },
        Intro(props, t['dialog.intro']!, 'cg-pd'),
        record &&
          h(
            'p',
            {},
            fill(t.decision!, {
              id: record.id,
              date: new Date(record.timestamp).toLocaleString(lang == 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeStyle: 'short' }),
            }),
          ),
        ctx.config.categories.map(({ key, required, data, cookies, vendors }, i) => {
          const description = t['category.' + key + '.description'];
          const on = required || choices[key];
          return h(
            'section',
            { class: 'cat' },
            h(
              'div',
              { class: 'head' },
              h('h3', { id: 'cg-c' + i }, t['category.' + key]),
              // A switch per the ARIA switch pattern: a native button (Space and Enter work everywhere),
              // named by the heading, described by the description; the state is also written out (WCAG 1.4.1).
              h(
                'button',
                {
                  role: 'switch',
                  'aria-checked': !!on,
                  'aria-labelledby': 'cg-c' + i,
                  'aria-describedby': description ? 'cg-d' + i : undefined,
                  disabled: required,
                  onClick: () => required || act.toggle(key),
                },
                h('span', { 'aria-hidden': 'true' }),
                required ? t.alwaysActive : on ? t.on : t.off,
              ),
            ),
            description && h('p', { id: 'cg-d' + i }, description),
            data.length + cookies.length + vendors.length > 0 &&
              h(
                'details',
                {},
                h('summary', {}, t.details),
                data[0] && h('p', {}, t.dataCollected, ': ', list(data.map((d) => dataLabel(d, t, lang, ctx._lib)), lang)),
                cookies[0] &&
                  h(
                    'table',
                    {},
                    h('tr', {}, ['name', 'provider', 'purpose', 'expires'].map((k) => h('th', { scope: 'col' }, t['cookie.' + k]))),
                    cookies.map((c) =>
                      h('tr', {}, [c.name || c.match, c.provider, localize(c.purpose, lang), localize(c.expires, lang)].map((v) => h('td', {}, v))),
                    ),
                  ),
                vendors[0] && h('h4', {}, t.vendors),
                vendors[0] &&
                  h(
                    'ul',
                    {},
                    vendors.map((v) => {
                      const href = safeUrl(v.url);
                      return h('li', {}, href ? h('a', { href }, v.name) : v.name);
                    }),
                  ),
              ),
          );
        }),
      ),
      Buttons(props, 'save'),
    ),
  );
};

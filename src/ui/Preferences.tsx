// The second layer: a modal dialog per the WAI-ARIA APG dialog pattern. Focus
// handling (in, trap, back) and the inert page live in mount.tsx and dialog.ts;
// this file renders the categories with everything a visitor needs to decide
// (CJEU C-673/17 Planet49: duration and third-party access must be disclosed).
import type { ConsentRecord } from '../types';
import { trapTab } from './dialog';
import { localize } from '../core/texts';
import { safeUrl } from '../core/url';
import { dataLabel, fill, list } from '../texts/format';
import { Buttons, Intro, type ViewProps } from './view';

interface PreferencesProps extends ViewProps {
  choices: Record<string, boolean>;
  record: ConsentRecord | null;
}

export const Preferences = (props: PreferencesProps) => {
  const { ctx, t, lang, act, choices, record } = props;
  return (
    <div class="backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="cg-pt"
        aria-describedby="cg-pd"
        onKeyDown={(e) => (e.key == 'Escape' ? (e.stopPropagation(), act.close()) : trapTab(e))}
      >
        <div class="top">
          <h2 id="cg-pt" tabIndex={-1}>
            {t['dialog.title']}
          </h2>
          <button onClick={act.close}>{t.close}</button>
        </div>
        <div class="body">
          {Intro(props, t['dialog.intro']!, 'cg-pd')}
          {record && (
            <p>
              {fill(t.decision!, {
                id: record.id,
                date: new Date(record.timestamp).toLocaleString(lang == 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeStyle: 'short' }),
              })}
            </p>
          )}
          {ctx.config.categories.map(({ key, required, data, cookies, vendors }, i) => {
            const description = t['category.' + key + '.description'];
            const on = required || choices[key];
            return (
              <section class="cat">
                <div class="head">
                  <h3 id={'cg-c' + i}>{t['category.' + key]}</h3>
                  {/* A switch per the ARIA switch pattern: a native button (Space and Enter work everywhere),
                      named by the heading, described by the description; the state is also written out (WCAG 1.4.1). */}
                  <button
                    role="switch"
                    aria-checked={!!on}
                    aria-labelledby={'cg-c' + i}
                    aria-describedby={description ? 'cg-d' + i : undefined}
                    disabled={required}
                    onClick={() => required || act.toggle(key)}
                  >
                    <span aria-hidden="true" />
                    {required ? t.alwaysActive : on ? t.on : t.off}
                  </button>
                </div>
                {description && <p id={'cg-d' + i}>{description}</p>}
                {data.length + cookies.length + vendors.length > 0 && (
                  <details>
                    <summary>{t.details}</summary>
                    {data[0] && (
                      <p>
                        {t.dataCollected}: {list(data.map((d) => dataLabel(d, t, lang)), lang)}
                      </p>
                    )}
                    {cookies[0] && (
                      <table>
                        <tr>
                          {['name', 'provider', 'purpose', 'expires'].map((k) => (
                            <th scope="col">{t['cookie.' + k]}</th>
                          ))}
                        </tr>
                        {cookies.map((c) => (
                          <tr>
                            {[c.name || c.match, c.provider, localize(c.purpose, lang), localize(c.expires, lang)].map((v) => (
                              <td>{v}</td>
                            ))}
                          </tr>
                        ))}
                      </table>
                    )}
                    {vendors[0] && <h4>{t.vendors}</h4>}
                    {vendors[0] && (
                      <ul>
                        {vendors.map((v) => {
                          const href = safeUrl(v.url);
                          return <li>{href ? <a href={href}>{v.name}</a> : v.name}</li>;
                        })}
                      </ul>
                    )}
                  </details>
                )}
              </section>
            );
          })}
        </div>
        {Buttons(props, 'save')}
      </div>
    </div>
  );
};

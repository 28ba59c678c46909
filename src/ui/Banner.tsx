// The first layer: a non-modal, named region. The page stays usable behind it
// (EDPB Guidelines 05/2020: no cookie wall), and Reject sits next to Accept with
// the same look (EDPB cookie banner taskforce, types A, D and E).
import type { Language, ResolvedConfig } from '../types';
import { dataLabel, fill, type Texts } from './i18n';
import { list, safeUrl, type ViewProps } from './view';

/** The first layer's text as shown: controller, purposes, data, sharing and withdrawal. */
export const firstLayerText = (config: ResolvedConfig, t: Texts, lang: Language): string => {
  const purposes = config.categories.filter((c) => !c.required).map((c) => t['category.' + c.key]!);
  const data = [...new Set(config.categories.flatMap((c) => c.data.map((d) => dataLabel(d, t, lang))))];
  return [
    fill(t['banner.purposes']!, { controller: config.controller || t.site!, purposes: list(purposes, lang) }),
    data.length ? fill(t['banner.data']!, { data: list(data, lang) }) : '',
    config.categories.some((c) => c.key === 'marketing') ? t['banner.thirdParties'] : '',
    t['banner.withdraw'],
  ]
    .filter(Boolean)
    .join(' ');
};

export const Banner = ({ ctx, t, lang, act, hidden }: ViewProps & { hidden: boolean }) => {
  const { config } = ctx;
  const href = safeUrl(config.privacyPolicyUrl);
  return (
    <section class={'banner ' + config.layout} aria-labelledby="cg-bt" hidden={hidden}>
      <h2 id="cg-bt">{t['banner.title']}</h2>
      <p>
        {t['banner.shown']} {href && <a href={href}>{t.privacy}</a>}
      </p>
      {ctx.gpc && <p class="gpc">{t.gpc}</p>}
      <div class="actions">
        <button type="button" onClick={act.acceptAll}>
          {t.acceptAll}
        </button>
        <button type="button" onClick={act.rejectAll}>
          {t.rejectAll}
        </button>
        <button type="button" onClick={act.showPreferences}>
          {t.preferences}
        </button>
      </div>
    </section>
  );
};

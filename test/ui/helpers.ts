// A ResolvedConfig literal and a small fake core for the UI tests. The fake
// follows the core's documented semantics (src/types.ts, the UI seam): after a
// decision the view closes; hide() without a decision goes back to the banner.
import { within } from '@testing-library/preact';
import { vi } from 'vitest';
import { createHost } from '../../src/core/host';
import { chooseLanguage, reopenLabel, resolveTexts } from '../../src/core/texts';
import en from '../../src/texts/en';
import nl from '../../src/texts/nl';
import { uiLib, type UIContext } from '../../src/core/ui';
import type { ConsentAction, ConsentRecord, ResolvedCategory, ResolvedConfig, View } from '../../src/types';
import { preactUI } from '../../src/ui/mount';
import { dialog } from '../../src/ui/prefs';

/** The built-in text packs, as the drop-in fetches them. */
export const packs = { en, nl };

const category = (key: string, extra: Partial<ResolvedCategory> = {}): ResolvedCategory => ({
  key,
  required: key === 'necessary',
  data: [],
  cookies: [],
  vendors: [],
  ...extra,
});

export const makeConfig = (overrides: Partial<ResolvedConfig> = {}): ResolvedConfig => ({
  categories: [
    category('necessary', { data: ['login'] }),
    category('preferences'),
    category('analytics', {
      data: ['device', 'ip', 'browser', 'os', 'pages', 'clicks'],
      cookies: [{ name: '_ga', match: '^_ga(_.+)?$', provider: 'Google', purpose: { en: 'Tells visits apart', nl: 'Onderscheidt bezoeken' }, expires: { en: '2 years', nl: '2 jaar' } }],
    }),
    category('marketing', {
      data: ['pages', 'ip'],
      vendors: [{ name: 'LinkedIn', url: 'https://www.linkedin.com/legal/privacy-policy' }],
    }),
  ],
  revision: 1,
  expiresAfterDays: 182,
  cookie: { name: 'consentgate', domain: '', path: '/', sameSite: 'Lax' },
  language: 'en',
  texts: {},
  controller: 'Infra VOIP',
  privacyPolicyUrl: '/privacy',
  layout: 'bar',
  theme: 'auto',
  reopenButton: true,
  respectGPC: true,
  googleConsentMode: false,
  microsoftConsentMode: false,
  metaPixel: false,
  matomo: false,
  logEndpoint: null,
  assetsUrl: '',
  ...overrides,
});

export const makeRecord = (config: ResolvedConfig, choices: Record<string, boolean>, action: ConsentAction = 'custom'): ConsentRecord => ({
  id: '1b4e28ba-2fa1-4d3b-883f-0016d3cca427',
  timestamp: '2026-11-20T10:00:00.000Z',
  expires: '2027-05-21T10:00:00.000Z',
  revision: config.revision,
  categories: Object.fromEntries(config.categories.map((c) => [c.key, c.required || !!choices[c.key]])),
  action,
  gpc: false,
});

interface SetupOptions {
  config?: Partial<ResolvedConfig>;
  gpc?: boolean;
  record?: ConsentRecord | null;
  view?: View | null;
}

/**
 * Mounts the real UI with a fake core whose intents are spies, in the host the core makes
 * (with its reopen button, shown after a decision while no view is open, as the core does).
 */
export const setup = (options: SetupOptions = {}) => {
  const config = makeConfig(options.config);
  let record = options.record ?? null;
  /** What the core does when a view opens or closes, or a decision arrives. */
  const set = (view: View | null, next = record) => {
    record = next;
    const reopen = root.querySelector<HTMLElement>('[aria-haspopup]');
    if (reopen) reopen.hidden = !record || !!view;
    ui._update({ view, record });
  };
  const lang = chooseLanguage(config.language);
  // As the core does: close the open view first, then apply the new decision.
  const decide = (next: ConsentRecord) => {
    ui._update({ view: null, record });
    set(null, next);
  };
  const all = (value: boolean) => Object.fromEntries(config.categories.map((c) => [c.key, value && !(options.gpc && c.key === 'marketing')]));
  const root = createHost(config, lang, reopenLabel(config, lang), () => ctx.showPreferences(), []);
  const ctx: UIContext = {
    config,
    _root: root,
    _lang: lang,
    _texts: resolveTexts(config, lang, packs[lang]),
    // The dialog's stage, there at once (the drop-in fetches it when the dialog first opens).
    _dialog: () => dialog,
    _lib: uiLib,
    gpc: !!options.gpc,
    acceptAll: vi.fn(() => decide(makeRecord(config, all(true), 'accept-all'))),
    rejectAll: vi.fn(() => decide(makeRecord(config, all(false), 'reject-all'))),
    save: vi.fn((choices: Record<string, boolean>) => decide(makeRecord(config, choices))),
    showPreferences: vi.fn(() => set('preferences')),
    hide: vi.fn(() => set(record ? null : 'banner')),
  };
  const ui = preactUI(ctx);
  set(options.view === undefined ? (record ? null : 'banner') : options.view);
  const host = root.host as HTMLElement;
  const destroy = ui._destroy;
  // As the core does: the interface goes, then the host.
  ui._destroy = () => {
    destroy();
    host.remove();
  };
  // Queries run on the whole shadow root: what Preact renders and the core's reopen button.
  return { ctx, ui, host, root, view: within(root as unknown as HTMLElement), config, set };
};

/** Resolves after the next animation frame (the reopen button takes focus there, not in the click). */
export const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve()));

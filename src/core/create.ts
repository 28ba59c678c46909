// Composes a consentgate instance: config → store (src/core/store.ts) → sinks (cookie, gate,
// events, integrations, UI), with the emitter, tab sync and triggers. The interface and the
// texts are stages fetched when a view must show (src/core/stages.ts).
import type { ConsentAction, ConsentGate, ConsentGateEvents, ConsentRecord, EventName, ResolvedConfig } from '../types';
import { uiLib, type UIAdapter, type UIFactory } from './ui';
import { resolveConfig } from './config';
import { consentCookie, eraseCookies } from './cookie';
import { createGate } from './gate';
import { GPC_CATEGORY, gpcSignal } from './gpc';
import { createEmitter } from './emitter';
import { createHost } from './host';
import type { Integration, StateReason } from './integration';
import { listen } from './listen';
import { decodeRecord, encodeRecord, own, parseRecord, toRecord, uuid, validRecord } from './record';
import { createStore } from './store';
import { settle, type Awaitable, type StageLoader, type Stages } from './stages';
import { syncTabs, type TabSync } from './sync';
import { chooseLanguage, reopenLabel, resolveTexts, type Texts } from './texts';
import { triggers } from './triggers';

/** What the emitter carries: the public events, and the decision in effect for the integrations. */
type Events = ConsentGateEvents & { _state: [record: ConsentRecord | null, reason: StateReason] };

/** The verbs that need init() first: the started instance does them. */
type Verb = 'acceptAll' | 'rejectAll' | 'save' | 'show' | 'showPreferences' | 'hide' | 'reset';
const VERBS: Verb[] = ['acceptAll', 'rejectAll', 'save', 'show', 'showPreferences', 'hide', 'reset'];

/** What init() starts and destroy() stops. */
type Started = Pick<ConsentGate, Verb> & { _record(): ConsentRecord | null; _stop(): void };

/**
 * A consentgate instance, not started: call init(config). `stages` gives the parts fetched on
 * demand: the interface, the text packs, embed placeholders, the receipt sender (none:
 * headless); `integrations` follow the decision (Consent Mode, receipts, embeds).
 */
export function createCore(stages?: StageLoader, integrations: Integration[] = []): ConsentGate {
  // Handlers added with on() stay until destroy().
  const emitter = createEmitter<Events>();
  let live: Started | null = null;

  /** Handlers from on() first, then `consentgate:<name>` on window. */
  const emit = <E extends EventName>(event: E, detail: ConsentGateEvents[E]): void => {
    emitter._emit(event, detail as Events[E]);
    dispatchEvent(new CustomEvent('consentgate:' + event, { detail }));
  };

  /** Starts the instance: everything it sets up lives in here and is undone by its `_stop`. */
  const start = (config: ResolvedConfig): void => {
    const stop: Array<() => void> = [];
    // A stage that arrives after destroy() is ignored.
    let stopped = false;
    const lang = chooseLanguage(config.language);
    const loader = stages?.(config, lang) ?? {};
    const cookie = consentCookie(config.cookie);
    let tabs: TabSync | null = null;
    let lastId: string | null = null;
    // The shadow root on <div id="consentgate"> (once there is a body) and its reopen button.
    let root: ShadowRoot | null = null;
    // The interface and the resolved texts, once they arrived (the interface mounts when both have).
    let adapter: UIAdapter | null = null;
    let factory: UIFactory | null = null;
    let pack: Awaitable<Readonly<Texts>> | null = null;
    let texts: Texts | null = null;
    const gpcOn = (): boolean => config.respectGPC && gpcSignal();

    const render = (): void => {
      const record = store._record();
      const view = store._view();
      const reopen = root?.querySelector<HTMLElement>('[aria-haspopup]');
      if (reopen) reopen.hidden = !record || !!view;
      adapter?._update({ view, record });
    };

    /** The texts (resolved once, then kept) are there: call `then`; not at all when the pack failed to load. */
    const withTexts = (then: () => void, fail: () => void = () => {}): void => {
      if (texts) return then();
      settle(
        (pack ??= loader._texts!(lang)),
        (strings) => {
          if (stopped) return;
          texts ??= resolveTexts(config, lang, strings);
          then();
        },
        // Not there: asked for again next time.
        () => ((pack = null), fail()),
      );
    };

    /** The interface could not come (it failed to load or to render): the view it was to show never showed. */
    const uiFailed = (error?: unknown): void => {
      if (error) console.error('consentgate: the interface failed to render', error);
      factory = null;
      if (!adapter) store._drop();
    };

    const mount = (): void => {
      if (!document.body || !loader._ui) return;
      root ??= createHost(config, lang, reopenLabel(config, lang), () => api.showPreferences(), stop);
      if (adapter || !factory || !texts) return render();
      // A failing interface must not take the page down; the gate keeps working without it.
      try {
        // The API's verbs are the UI's intents.
        // With the loader's members: the interface fetches the dialog through them.
        adapter = factory({ ...(loader as Required<Stages>), ...api, config, gpc: gpcOn(), _root: root, _lang: lang, _texts: texts, _lib: uiLib });
        render();
      } catch (error) {
        return uiFailed(error);
      }
      const view = store._view();
      if (view) emit('show', { view });
    };

    /** The valid decision in the cookie now, or null. */
    const readCookie = (): ConsentRecord | null => {
      const parsed = parseRecord(cookie._read());
      if (parsed) lastId = parsed.id;
      return validRecord(parsed, { ...config, now: Date.now() });
    };

    const store = createStore({
      _render: render,
      // With an interface to fetch, `show` and `hide` wait for it to show the view (headless: at once).
      _shows(view) {
        if (adapter || !loader._ui) return true;
        if (view) {
          // Fetch the interface and the texts, side by side, then mount it. Failures to load were
          // reported by the loader.
          const ui = loader._ui();
          const failed = (): void => uiFailed();
          withTexts(() => settle(ui, (arrived) => stopped || ((factory = arrived), mount()), failed), failed);
        }
        return false;
      },
      _decided(next, reason) {
        // Erase the cookies of every category the decision (or its absence) does not grant.
        eraseCookies(
          config.categories.flatMap((c) => (c.required || next?.categories[c.key] ? [] : c.cookies)),
          config.cookie.path,
        );
        // The integrations hear the decision before the gate releases anything it allows: a tag
        // released now (a late init()) finds Consent Mode's update, and each vendor's, already queued.
        emitter._emit('_state', [next, reason]);
        gate._decide(next?.categories ?? null, reason != 'load');
      },
      _emit: emit,
    });
    const setView = store._setView;

    /** Record the decision that grants each category `grants` says yes to (and the required ones). */
    const decide = (grants: (category: string) => boolean, action: ConsentAction): void => {
      const categories: Record<string, boolean> = {};
      for (const c of config.categories) categories[c.key] = c.required || grants(c.key);
      const record = store._record();
      if (record && config.categories.every((c) => record.categories[c.key] === categories[c.key])) return setView(null);
      const next = toRecord(
        { id: (lastId ??= uuid()), time: tabs ? tabs._now() : Date.now(), revision: config.revision, categories, action, gpc: gpcSignal() },
        config.expiresAfterDays,
      );
      const value = encodeRecord(next);
      cookie._write(value, new Date(next.expires));
      // Refused by the browser (a domain this page is not on; Secure needed on plain http): every page would ask again.
      // Checked in a task of its own: reading document.cookie waits on the browser process, which the
      // click that decided must not (the banner goes in the frame after it).
      setTimeout(() => cookie._read() != value && console.error('consentgate: cookie refused; check cookie.domain, .sameSite, .name'));
      // Whatever is open closes in the same render as the decision arrives.
      store._apply(next, 'decision', true);
      tabs?._send(next);
    };

    live = {
      // Global Privacy Control asks not to share data with third parties: "Accept all" leaves marketing off.
      acceptAll: () => decide((key) => key != GPC_CATEGORY || !gpcOn(), 'accept-all'),
      rejectAll: () => decide(() => false, 'reject-all'),
      save(choices) {
        const unknown = Object.keys(choices).filter((k) => !config.categories.some((c) => c.key === k));
        if (unknown.length) throw new TypeError(`consentgate: save() got unknown categories: ${unknown.join(', ')}`);
        decide((key) => own(choices, key) === true, 'custom');
      },
      show: () => setView('banner'),
      showPreferences: () => setView('preferences'),
      // Closing the dialog before any decision goes back to the banner: closing is never consent.
      hide: () => setView(store._view() == 'preferences' && !store._record() ? 'banner' : null),
      reset() {
        cookie._remove();
        lastId = null;
        store._apply(null, 'reset');
        tabs?._send(null);
        setView('banner');
      },
      _record: store._record,
      _stop() {
        stopped = true;
        for (const undo of stop.reverse()) undo();
        adapter?._destroy();
        root?.host.remove();
      },
    };

    const blocked: Array<(element: Element) => void> = [];
    const gate = createGate((element) => blocked.forEach((handler) => handler(element)));
    stop.push(gate._stop);
    for (const integration of integrations)
      stop.push(
        integration({
          config,
          _subscribe: (handler) => emitter._on('_state', (state) => handler(...state)),
          _shown: () => adapter?._shown() ?? (texts && { language: lang, strings: { ...texts } }),
          _withTexts: withTexts,
          _stages: loader,
          _onBlocked: (handler) => void blocked.push(handler),
          _release: gate._release,
          _grant: (category) => api.save({ ...store._record()?.categories, [category]: true }),
        }),
      );
    // Apply the stored decision at once: gated elements already parsed are released now,
    // and the rest as the parser reaches them (the observer below).
    const stored = readCookie();
    store._apply(stored, 'load');
    // No valid decision: the interface is fetched at once, from <head>, while the page parses.
    if (!stored) setView('banner');
    const observer = new MutationObserver((mutations) => {
      mount();
      for (const m of mutations) gate._added(m.addedNodes);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    stop.push(() => observer.disconnect());
    listen(stop, document, 'DOMContentLoaded', () => {
      mount();
      gate._added([]);
    });
    mount();

    // Another tab decided or reset: its decision arrives here (sync.ts) and takes effect.
    tabs = syncTabs(stored, (value) => decodeRecord(value, { ...config, now: Date.now() }), readCookie, (now) => {
      // Two tabs deciding at once: the later decision wins everywhere, but the earlier one's
      // cookie may have been written last. The cookie follows the decision in effect.
      if (now && !(readCookie()?.timestamp! >= now.timestamp)) cookie._write(encodeRecord(now), new Date(now.expires));
      lastId = now?.id ?? null;
      if (now) setView(null);
      store._apply(now, 'sync');
      if (!now) setView('banner');
    }, config.cookie.name);
    stop.push(tabs._stop);
    triggers(stop, api);
  };

  const api = {
    init(input) {
      if (live) throw new Error('consentgate: init() was already called; call destroy() first');
      start(resolveConfig(input));
    },
    get: () => live?._record() ?? null,
    has: (category) => own(api.get()?.categories ?? {}, category) === true,
    whenGranted: (category) =>
      new Promise<void>((resolve) => {
        if (api.has(category)) return resolve();
        const off = emitter._on('consent', () => api.has(category) && (off(), resolve()));
      }),
    on(event, handler) {
      const off = emitter._on(event, handler);
      // A late subscriber to "consent" still learns the decision in effect, once.
      const record = api.get();
      if (event == 'consent' && record) handler(record as never);
      return off;
    },
    destroy() {
      if (!live) return;
      live._stop();
      live = null;
      emitter._clear();
    },
  } as ConsentGate;
  // One guard for every verb that needs a started instance.
  for (const verb of VERBS)
    api[verb] = (...args: never[]) => {
      if (!live) throw new Error('consentgate: call init(config) first');
      live[verb](...(args as [never]));
    };
  return api;
}

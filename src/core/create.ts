// Wires config → store → sinks (cookie, gate, events, integrations, UI). The store is the only
// place a decision changes; the UI, the triggers and the API verbs only send it intents.
// The interface and the texts are stages fetched when a view must show (src/core/stages.ts).
import type { ConsentAction, ConsentGate, ConsentGateEvents, ConsentRecord, EventName, Language, View } from '../types';
import type { UIAdapter, UIFactory } from './ui';
import { resolveConfig } from './config';
import { consentCookie, eraseCookies } from './cookie';
import { createGate } from './gate';
import { GPC_CATEGORY, gpcSignal } from './gpc';
import { createEmitter } from './emitter';
import { createHost } from './host';
import type { Integration, StateReason } from './integration';
import { listen } from './listen';
import { createRecord, encodeRecord, parseRecord, uuid, validRecord } from './record';
import { settle, type Awaitable, type StageLoader, type Stages } from './stages';
import { tabSync } from './sync';
import { chooseLanguage, reopenLabel, resolveTexts, type Texts } from './texts';
import { triggers } from './triggers';

/** What the emitter carries: the public events, and the decision in effect for the integrations. */
type Events = ConsentGateEvents & { _state: [record: ConsentRecord | null, reason: StateReason] };

/**
 * A consentgate instance, not started: call init(config). `stages` gives the parts fetched on
 * demand: the interface, the text packs, embed placeholders, the receipt sender (none:
 * headless); `integrations` follow the decision (Consent Mode, receipts, embeds).
 */
export function createCore(stages?: StageLoader, integrations: Integration[] = []): ConsentGate {
  // Everything init() sets up, undone by destroy(); handlers added with on() are dropped then too.
  let stop: Array<() => void> = [];
  const emitter = createEmitter<Events>();
  let started = false;
  let record: ConsentRecord | null = null;
  let view: View | null = null;
  let adapter: UIAdapter | null = null;
  // The instance's working parts, set by init().
  let config: ReturnType<typeof resolveConfig>;
  let cookie: ReturnType<typeof consentCookie>;
  let gate: ReturnType<typeof createGate>;
  let tellTabs = (): void => {};
  let lastId: string | null = null;
  let loader: Stages = {};
  let lang: Language;
  // The shadow root on <div id="consentgate"> (once there is a body) and its reopen button.
  let root: ShadowRoot | null = null;
  // The interface and the resolved texts, once they arrived (the interface mounts when both have).
  let factory: UIFactory | null = null;
  let pack: Awaitable<Readonly<Texts>> | null = null;
  let texts: Texts | null = null;
  // Counts starts and stops: a stage that arrives after destroy() (or for an earlier init()) is ignored.
  let run = 0;

  /** Handlers from on() first, then `consentgate:<name>` on window. */
  const emit = <E extends EventName>(event: E, detail: ConsentGateEvents[E]): void => {
    emitter._emit(event, detail as Events[E]);
    dispatchEvent(new CustomEvent(`consentgate:${event}`, { detail }));
  };

  const render = (): void => {
    const reopen = root?.querySelector<HTMLElement>('[aria-haspopup]');
    if (reopen) reopen.hidden = !record || !!view;
    adapter?._update({ view, record });
  };

  /** The texts (resolved once, then kept) are there: call `then`; not at all when the pack failed to load. */
  const withTexts = (then: () => void, fail: () => void = () => {}): void => {
    const current = run;
    if (texts) return then();
    settle(
      (pack ??= loader._texts!(lang)),
      (strings) => {
        if (current != run) return;
        texts ??= resolveTexts(config, lang, strings);
        then();
      },
      fail,
    );
  };

  /** The interface could not come (it failed to load or to render): the view it was to show never showed. */
  const uiFailed = (error?: unknown): void => {
    if (error) console.error('consentgate: the interface failed to render', error);
    factory = null;
    if (adapter || !view) return;
    view = null;
    render();
  };

  /** Fetch the interface (and the texts) for a view to show, then mount it. */
  const needUI = (): void => {
    const current = run;
    if (adapter || !loader._ui) return;
    // Both requests start now, side by side.
    const ui = loader._ui();
    // Failures to load were reported by the loader.
    const failed = (): void => uiFailed();
    withTexts(() => settle(ui, (arrived) => current == run && ((factory = arrived), mount()), failed), failed);
  };

  const mount = (): void => {
    if (!document.body || !loader._ui) return;
    root ??= createHost(config, lang, reopenLabel(config, lang), () => api.showPreferences());
    if (adapter || !factory || !texts) return render();
    // A failing interface must not take the page down; the gate keeps working without it.
    try {
      // The API's verbs are the UI's intents.
      adapter = factory({ ...api, config, gpc: gpcOn(), _root: root, _lang: lang, _texts: texts });
      render();
    } catch (error) {
      return uiFailed(error);
    }
    if (view) emit('show', { view });
  };

  /** Open a view, or close (null). `show` and `hide` fire for what the interface really shows. */
  const setView = (next: View | null): void => {
    const previous = view;
    if (next === previous) return;
    view = next;
    render();
    // With an interface to fetch, the events wait for it to show the view (headless: at once).
    if (!adapter && loader._ui) return next ? needUI() : undefined;
    if (previous) emit('hide', { view: previous });
    if (next) emit('show', { view: next });
  };

  /** The valid decision in the cookie now, or null. */
  const readCookie = (): ConsentRecord | null => {
    const parsed = parseRecord(cookie.read());
    if (parsed) lastId = parsed.id;
    return validRecord(parsed, { ...config, now: Date.now() });
  };

  /** Make `next` the decision in effect and tell every sink, the gate and the event handlers. */
  const apply = (next: ConsentRecord | null, reason: StateReason, closed: View | null = null): void => {
    const previous = record;
    record = next;
    // One render for both changes: the view a decision closed, and the new record.
    render();
    if (closed && (adapter || !loader._ui)) emit('hide', { view: closed });
    // Erase the cookies of every category the decision (or its absence) does not grant.
    eraseCookies(
      config.categories.flatMap((c) => (c.required || next?.categories[c.key] ? [] : c.cookies)),
      config.cookie.path,
    );
    gate.decide(next?.categories ?? null, reason != 'load');
    emitter._emit('_state', [next, reason]);
    if (!next) return;
    if (previous) {
      const keys = Object.keys(next.categories);
      const granted = keys.filter((k) => next.categories[k] && !previous.categories[k]);
      const revoked = keys.filter((k) => !next.categories[k] && previous.categories[k]);
      if (granted.length + revoked.length) emit('change', { record: next, granted, revoked });
    }
    emit('consent', next);
  };

  const decide = (choices: Record<string, boolean>, action: ConsentAction): void => {
    const categories: Record<string, boolean> = {};
    for (const c of config.categories) categories[c.key] = c.required || choices[c.key] === true;
    if (record && config.categories.every((c) => record!.categories[c.key] === categories[c.key])) return setView(null);
    const next = createRecord((lastId ??= uuid()), categories, action, gpcSignal(), config.revision, config.expiresAfterDays, Date.now());
    cookie.write(encodeRecord(next), new Date(next.expires));
    // Whatever is open closes in apply()'s render, so the banner is gone before any released script runs.
    const closed = view;
    view = null;
    apply(next, 'decision', closed);
    tellTabs();
  };

  /** The verbs that need init() first. */
  const guarded =
    <A extends unknown[]>(verb: (...args: A) => void) =>
    (...args: A): void => {
      if (!started) throw new Error('consentgate: call init(config) first');
      verb(...args);
    };

  const all = (value: boolean): Record<string, boolean> => Object.fromEntries(config.categories.map((c) => [c.key, value]));
  const gpcOn = (): boolean => config.respectGPC && gpcSignal();

  const api: ConsentGate = {
    init(input) {
      if (started) throw new Error('consentgate: init() was already called; call destroy() first');
      config = resolveConfig(input);
      started = true;
      run++;
      lang = chooseLanguage(config.language);
      loader = stages?.(config) ?? {};
      cookie = consentCookie(config.cookie);
      const blocked: Array<(element: Element) => void> = [];
      gate = createGate((element) => blocked.forEach((handler) => handler(element)));
      stop = [() => gate.stop()];
      stop.push(...integrations.map((integration) =>
        integration({
          config,
          subscribe: (handler) => emitter._on('_state', (state) => handler(...state)),
          texts: () => adapter?._shown() ?? (texts && { language: lang, strings: { ...texts } }),
          _withTexts: (then) => withTexts(then),
          _stages: loader,
          onBlocked: (handler) => void blocked.push(handler),
          release: (element) => gate.release(element),
          grant: (category) => api.save({ ...record?.categories, [category]: true }),
        }),
      ));
      // Apply the stored decision at once: gated elements already parsed are released now,
      // and the rest as the parser reaches them (the observer below).
      const stored = readCookie();
      apply(stored, 'load');
      // No valid decision: the interface is fetched at once, from <head>, while the page parses.
      if (!stored) setView('banner');
      const observer = new MutationObserver((mutations) => {
        mount();
        for (const m of mutations) gate.added(m.addedNodes);
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
      stop.push(() => observer.disconnect());
      listen(stop, document, 'DOMContentLoaded', () => {
        mount();
        gate.added([]);
      });
      mount();

      // Another tab decided: read the shared cookie again.
      tellTabs = tabSync(stop, () => {
        const now = readCookie();
        if (now?.timestamp === record?.timestamp && now?.id === record?.id) return;
        if (now) setView(null);
        apply(now, 'sync');
        if (!now) setView('banner');
      });
      triggers(stop, api);
    },
    get: () => record,
    has: (category) => record?.categories[category] === true,
    whenGranted: (category) =>
      new Promise<void>((resolve) => {
        if (api.has(category)) return resolve();
        const off = emitter._on('consent', () => api.has(category) && (off(), resolve()));
      }),
    on(event, handler) {
      const off = emitter._on(event, handler);
      // A late subscriber to "consent" still learns the decision in effect, once.
      if (event == 'consent' && record) handler(record as never);
      return off;
    },
    acceptAll: guarded(() => {
      const choices = all(true);
      // Global Privacy Control asks not to share data with third parties: "Accept all" leaves marketing off.
      if (gpcOn()) choices[GPC_CATEGORY] = false;
      decide(choices, 'accept-all');
    }),
    rejectAll: guarded(() => decide({}, 'reject-all')),
    save: guarded((choices: Record<string, boolean>) => {
      const unknown = Object.keys(choices).filter((k) => !config.categories.some((c) => c.key === k));
      if (unknown.length) throw new TypeError(`consentgate: save() got unknown categories: ${unknown.join(', ')}`);
      decide(choices, 'custom');
    }),
    show: guarded(() => setView('banner')),
    showPreferences: guarded(() => setView('preferences')),
    // Closing the dialog before any decision goes back to the banner: closing is never consent.
    hide: guarded(() => setView(view == 'preferences' && !record ? 'banner' : null)),
    reset: guarded(() => {
      cookie.remove();
      lastId = null;
      apply(null, 'reset');
      tellTabs();
      setView('banner');
    }),
    destroy() {
      if (!started) return;
      for (const undo of stop.reverse()) undo();
      adapter?._destroy();
      root?.host.remove();
      adapter = root = factory = texts = pack = null;
      tellTabs = () => {};
      record = view = null;
      run++;
      started = false;
      stop = [];
      emitter._clear();
    },
  };
  return api;
}

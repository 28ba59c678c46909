// Wires config → store → sinks (cookie, gate, events, integrations, UI). The store is the only
// place a decision changes; the UI, the triggers and the API verbs only send it intents.
import type { ConsentAction, ConsentGate, ConsentGateEvents, ConsentRecord, EventName, UIAdapter, UIFactory, View } from '../types';
import { resolveConfig } from './config';
import { consentCookie, eraseCookies } from './cookie';
import { createGate } from './gate';
import { GPC_CATEGORY, gpcSignal } from './gpc';
import type { Integration, StateReason } from './integration';
import { createRecord, decodeRecord, encodeRecord, parseRecord, uuid, validRecord } from './record';
import { syncTabs, type TabSync } from './sync';

/** data-consentgate="…" → the API verb a click on it runs. */
const TRIGGERS: Record<string, unknown> = { preferences: 'showPreferences', banner: 'show', 'accept-all': 'acceptAll', 'reject-all': 'rejectAll', reset: 'reset' };

/** Add a listener and keep the function that removes it. */
const listen = (stop: Array<() => void>, target: EventTarget, type: string, listener: (event: Event) => void): void => {
  target.addEventListener(type, listener);
  stop.push(() => target.removeEventListener(type, listener));
};

/**
 * A consentgate instance, not started: call init(config). `ui` renders the banner and dialog
 * (none: headless); `integrations` follow the decision (Consent Mode, receipts, embeds).
 */
export function createCore(ui?: UIFactory, integrations: Integration[] = []): ConsentGate {
  // Everything init() sets up, undone by destroy(); handlers added with on() are dropped then too.
  let stop: Array<() => void> = [];
  let handlers = new Map<string, Set<(detail: never) => void>>();
  let started = false;
  let record: ConsentRecord | null = null;
  let view: View | null = null;
  let adapter: UIAdapter | null = null;
  let sinks: Array<(record: ConsentRecord | null, reason: StateReason) => void> = [];
  let waiters: Array<() => void> = [];
  // The instance's working parts, set by init().
  let config: ReturnType<typeof resolveConfig>;
  let cookie: ReturnType<typeof consentCookie>;
  let gate: ReturnType<typeof createGate>;
  let tabs: TabSync | null = null;
  let lastId: string | null = null;

  /** Handlers from on() first, each on its own (one that throws is reported apart and stops nothing), then `consentgate:<name>` on window. */
  const emit = <E extends EventName>(event: E, detail: ConsentGateEvents[E]): void => {
    for (const handler of [...(handlers.get(event) ?? [])]) {
      try {
        handler(detail as never);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    dispatchEvent(new CustomEvent(`consentgate:${event}`, { detail }));
  };

  const render = (): void => adapter?.update({ view, record });

  const setView = (next: View | null): void => {
    const previous = view;
    if (next === previous) return;
    view = next;
    render();
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
    if (closed) emit('hide', { view: closed });
    // Erase the cookies of every category the decision (or its absence) does not grant.
    eraseCookies(
      config.categories.flatMap((c) => (c.required || next?.categories[c.key] ? [] : c.cookies)),
      config.cookie.path,
    );
    gate.decide(next?.categories ?? null, reason != 'load');
    for (const sink of sinks) sink(next, reason);
    if (!next) return;
    if (previous) {
      const keys = Object.keys(next.categories);
      const granted = keys.filter((k) => next.categories[k] && !previous.categories[k]);
      const revoked = keys.filter((k) => !next.categories[k] && previous.categories[k]);
      if (granted.length + revoked.length) emit('change', { record: next, granted, revoked });
    }
    emit('consent', next);
    const ready = waiters;
    waiters = [];
    for (const check of ready) check();
  };

  const decide = (choices: Record<string, boolean>, action: ConsentAction): void => {
    const categories: Record<string, boolean> = {};
    for (const c of config.categories) categories[c.key] = c.required || choices[c.key] === true;
    if (record && config.categories.every((c) => record!.categories[c.key] === categories[c.key])) return setView(null);
    const next = createRecord((lastId ??= uuid()), categories, action, gpcSignal(), config.revision, config.expiresAfterDays, tabs ? tabs.now() : Date.now());
    cookie.write(encodeRecord(next), new Date(next.expires));
    // Whatever is open closes in apply()'s render, so the banner is gone before any released script runs.
    const closed = view;
    view = null;
    apply(next, 'decision', closed);
    tabs?.send(next);
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
      cookie = consentCookie(config.cookie);
      const blocked: Array<(element: Element) => void> = [];
      gate = createGate((element) => blocked.forEach((handler) => handler(element)));
      sinks = [];
      stop = [() => gate.stop()];
      stop.push(...integrations.map((integration) =>
        integration({
          config,
          subscribe(handler) {
            sinks.push(handler);
            return () => void (sinks = sinks.filter((s) => s !== handler));
          },
          texts: () => adapter?.texts() ?? null,
          onBlocked: (handler) => void blocked.push(handler),
          release: (element) => gate.release(element),
          grant: (category) => api.save({ ...record?.categories, [category]: true }),
        }),
      ));
      // Apply the stored decision at once: gated elements already parsed are released now,
      // and the rest as the parser reaches them (the observer below).
      const stored = readCookie();
      if (!stored) view = 'banner';
      apply(stored, 'load');

      const mount = (): void => {
        if (adapter || !ui || !document.body) return;
        // A failing interface must not take the page down; the gate keeps working without it.
        try {
          // The API's verbs are the UI's intents.
          adapter = ui({ ...api, config, gpc: gpcOn() });
          render();
        } catch (error) {
          return console.error('consentgate: the interface failed to render', error);
        }
        if (view) emit('show', { view });
      };
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

      // Another tab decided or reset: its decision arrives here (sync.ts) and takes effect.
      tabs = syncTabs(stored, (value) => decodeRecord(value, { ...config, now: Date.now() }), readCookie, (now) => {
        lastId = now?.id ?? null;
        if (now) setView(null);
        apply(now, 'sync');
        if (!now) setView('banner');
      });
      stop.push(tabs.stop);
      // One delegated listener for every data-consentgate="…" element, present or added later.
      listen(stop, document, 'click', (event) => {
        const target = event.target instanceof Element && event.target.closest('[data-consentgate]');
        const verb = target && TRIGGERS[target.getAttribute('data-consentgate')!];
        if (typeof verb != 'string') return;
        // A trigger is often a link (<a href="#">): do not follow it.
        event.preventDefault();
        (api[verb as 'show'] as () => void)();
      });
    },
    get: () => record,
    has: (category) => record?.categories[category] === true,
    whenGranted: (category) =>
      new Promise<void>((resolve) => {
        const check = (): void => void (api.has(category) ? resolve() : waiters.push(check));
        check();
      }),
    on(event, handler) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set.add(handler));
      // A late subscriber to "consent" still learns the decision in effect, once.
      if (event == 'consent' && record) handler(record as never);
      return () => void set.delete(handler);
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
      tabs?.send(null);
      setView('banner');
    }),
    destroy() {
      if (!started) return;
      for (const undo of stop.reverse()) undo();
      adapter?.destroy();
      adapter = tabs = null;
      record = view = null;
      started = false;
      stop = [];
      handlers = new Map();
      sinks = [];
      waiters = [];
    },
  };
  return api;
}

// Wires config → store → sinks (cookie, gate, events, integrations, UI). The store is the only
// place a decision changes; the UI, the triggers and the API verbs only send it intents.
import type { ConsentAction, ConsentGate, ConsentRecord, UIAdapter, UIFactory, View } from '../types';
import { resolveConfig } from './config';
import { consentCookie, eraseCookies } from './cookie';
import { createEmitter } from './events';
import { createGate } from './gate';
import { GPC_CATEGORY, gpcSignal } from './gpc';
import type { Integration, StateReason } from './integration';
import { createRecord, encodeRecord, parseRecord, uuid, validRecord } from './record';
import { listenForTriggers } from './triggers';

const CHANNEL = 'consentgate';

const same = (a: Record<string, boolean>, b: Record<string, boolean>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

/**
 * A consentgate instance, not started: call init(config). `ui` renders the banner and dialog
 * (none: headless); `integrations` follow the decision (Consent Mode, receipts).
 */
export function createCore(ui?: UIFactory, integrations: Integration[] = []): ConsentGate {
  const emitter = createEmitter();
  // Everything init() sets up, undone by destroy().
  let stop: Array<() => void> = [];
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
  let channel: BroadcastChannel | null = null;
  let lastId: string | null = null;

  const render = (): void => adapter?.update({ view, record });

  const setView = (next: View | null): void => {
    if (next === view) return;
    const previous = view;
    view = next;
    render();
    if (previous) emitter.emit('hide', { view: previous });
    if (next) emitter.emit('show', { view: next });
  };

  /** The valid decision in the cookie now, or null. */
  const readCookie = (): ConsentRecord | null => {
    const parsed = parseRecord(cookie.read());
    if (parsed) lastId = parsed.id;
    return validRecord(parsed, { revision: config.revision, expiresAfterDays: config.expiresAfterDays, now: Date.now(), categories: config.categories });
  };

  /** Erase the cookies of every category the decision (or its absence) does not grant. */
  const eraseRefused = (): void => {
    // One pass over document.cookie for all refused categories: this runs at every start-up.
    const refused = config.categories.filter((c) => !c.required && record?.categories[c.key] !== true);
    eraseCookies(refused.flatMap((c) => c.cookies), config.cookie.path);
  };

  /** Make `next` the decision in effect and tell every sink, the gate and the event handlers. */
  const apply = (next: ConsentRecord | null, reason: StateReason): void => {
    const previous = record;
    record = next;
    render();
    eraseRefused();
    gate.decide(next?.categories ?? null);
    for (const sink of sinks) sink(next, reason);
    if (!next) return;
    if (previous) {
      const keys = Object.keys(next.categories);
      const granted = keys.filter((k) => next.categories[k] && !previous.categories[k]);
      const revoked = keys.filter((k) => !next.categories[k] && previous.categories[k]);
      if (granted.length || revoked.length) emitter.emit('change', { record: next, granted, revoked });
    }
    emitter.emit('consent', next);
    const ready = waiters;
    waiters = [];
    for (const check of ready) check();
  };

  const decide = (choices: Record<string, boolean>, action: ConsentAction): void => {
    assertStarted();
    const categories: Record<string, boolean> = {};
    for (const c of config.categories) categories[c.key] = c.required || choices[c.key] === true;
    // Closing whatever is open comes first, so the banner is gone before any released script runs.
    setView(null);
    if (record && same(record.categories, categories)) return;
    const next = createRecord(lastId ?? uuid(), categories, action, gpcSignal(), config.revision, config.expiresAfterDays, Date.now());
    lastId = next.id;
    cookie.write(encodeRecord(next), new Date(next.expires));
    apply(next, 'decision');
    channel?.postMessage('decision');
  };

  const assertStarted = (): void => {
    if (!started) throw new Error('consentgate: call init(config) first');
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
      stop = [];
      for (const integration of integrations) {
        stop.push(
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
        );
      }
      // Apply the stored decision at once: gated elements already parsed are released now,
      // and the rest as the parser reaches them (the observer below).
      const stored = readCookie();
      if (!stored) view = 'banner';
      apply(stored, 'load');

      const mount = (): void => {
        if (adapter || !ui || !document.body) return;
        // A failing interface must not take the page down; the gate keeps working without it.
        try {
          adapter = ui({
          config,
          gpc: gpcOn(),
          acceptAll: api.acceptAll,
          rejectAll: api.rejectAll,
          save: api.save,
          showPreferences: api.showPreferences,
            hide: api.hide,
          });
          render();
        } catch (error) {
          console.error('consentgate: the interface failed to render', error);
          return;
        }
        if (view) emitter.emit('show', { view });
      };
      const observer = new MutationObserver((mutations) => {
        mount();
        for (const m of mutations) gate.added(m.addedNodes);
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
      const onReady = (): void => {
        mount();
        gate.added([]);
      };
      document.addEventListener('DOMContentLoaded', onReady);
      mount();

      // Another tab decided: the cookie is shared, so read it again. BroadcastChannel tells us
      // at once; where it is missing, a tab that comes back into view checks the cookie.
      const sync = (): void => {
        const now = readCookie();
        if (now?.timestamp === record?.timestamp && now?.id === record?.id) return;
        if (now) setView(null);
        apply(now, 'sync');
        if (!now) setView('banner');
      };
      const onVisible = (): void => void (document.visibilityState === 'visible' && sync());
      try {
        channel = new BroadcastChannel(CHANNEL);
        channel.onmessage = sync;
      } catch {
        // Missing, or refused (an opaque origin such as a sandboxed frame): visibilitychange still syncs.
      }
      document.addEventListener('visibilitychange', onVisible);
      stop.push(
        () => observer.disconnect(),
        () => document.removeEventListener('DOMContentLoaded', onReady),
        () => document.removeEventListener('visibilitychange', onVisible),
        () => channel?.close(),
        listenForTriggers((action) => {
          if (action === 'preferences') api.showPreferences();
          else if (action === 'banner') api.show();
          else if (action === 'accept-all') api.acceptAll();
          else if (action === 'reject-all') api.rejectAll();
          else api.reset();
        }),
      );
    },
    get: () => record,
    has: (category) => record?.categories[category] === true,
    whenGranted(category) {
      return new Promise<void>((resolve) => {
        const check = (): void => (api.has(category) ? resolve() : void waiters.push(check));
        check();
      });
    },
    on(event, handler) {
      const off = emitter.on(event, handler);
      // A late subscriber to "consent" still learns the decision in effect, once.
      if (event === 'consent' && record) handler(record as never);
      return off;
    },
    acceptAll() {
      assertStarted();
      const choices = all(true);
      // Global Privacy Control asks not to share data with third parties: "Accept all" leaves marketing off.
      if (gpcOn() && GPC_CATEGORY in choices) choices[GPC_CATEGORY] = false;
      decide(choices, 'accept-all');
    },
    rejectAll() {
      assertStarted();
      decide(all(false), 'reject-all');
    },
    save(choices) {
      assertStarted();
      const unknown = Object.keys(choices).filter((k) => !config.categories.some((c) => c.key === k));
      if (unknown.length) throw new TypeError(`consentgate: save() got unknown categories: ${unknown.join(', ')}`);
      decide(choices, 'custom');
    },
    show() {
      assertStarted();
      setView('banner');
    },
    showPreferences() {
      assertStarted();
      setView('preferences');
    },
    hide() {
      assertStarted();
      // Closing the dialog before any decision goes back to the banner: closing is never consent.
      setView(view === 'preferences' && !record ? 'banner' : null);
    },
    reset() {
      assertStarted();
      cookie.remove();
      lastId = null;
      apply(null, 'reset');
      channel?.postMessage('decision');
      setView('banner');
    },
    destroy() {
      if (!started) return;
      for (const undo of stop.reverse()) undo();
      adapter?.destroy();
      adapter = null;
      channel = null;
      started = false;
      record = null;
      view = null;
      sinks = [];
      waiters = [];
      emitter.clear();
    },
  };
  return api;
}

// The store: the decision in effect and the open view, the only place either changes. The UI,
// the triggers and the API verbs send it intents through the core; each change goes out to the
// sinks in a fixed order: one render, the decision's effects (cookies, integrations, then the gate), then
// the `change` and `consent` events.
import type { ConsentGateEvents, ConsentRecord, EventName, View } from '../types';
import type { StateReason } from './integration';

export interface StoreSinks {
  /** Draw the state (the reopen button, the interface). */
  _render(): void;
  /**
   * Views are shown now: true. False while the interface is still on its way (`show` and `hide`
   * wait for it); then, with a `view` to show, the interface is fetched.
   */
  _shows(view: View | null): boolean;
  /** The decision in effect changed: erase refused cookies, tell the gate and the integrations. */
  _decided(record: ConsentRecord | null, reason: StateReason): void;
  _emit<E extends EventName>(event: E, detail: ConsentGateEvents[E]): void;
}

export interface Store {
  _record(): ConsentRecord | null;
  _view(): View | null;
  /** Make `next` the decision in effect; with `close`, the open view closes in the same render. */
  _apply(next: ConsentRecord | null, reason: StateReason, close?: boolean): void;
  /** Open a view, or close (null). */
  _setView(next: View | null): void;
  /** The view never showed (its interface could not come): drop it, no events. */
  _drop(): void;
}

export const createStore = (sinks: StoreSinks): Store => {
  let record: ConsentRecord | null = null;
  let view: View | null = null;
  return {
    _record: () => record,
    _view: () => view,
    _setView(next) {
      const previous = view;
      if (next === previous) return;
      view = next;
      sinks._render();
      if (!sinks._shows(next)) return;
      if (previous) sinks._emit('hide', { view: previous });
      if (next) sinks._emit('show', { view: next });
    },
    _apply(next, reason, close) {
      const previous = record;
      const closed = close ? view : null;
      if (close) view = null;
      record = next;
      // One render for both changes: the view a decision closed, and the new record; so the
      // banner is gone before any released script runs.
      sinks._render();
      if (closed && sinks._shows(null)) sinks._emit('hide', { view: closed });
      sinks._decided(next, reason);
      if (!next) return;
      if (previous) {
        const keys = Object.keys(next.categories);
        const granted = keys.filter((k) => next.categories[k] && !previous.categories[k]);
        const revoked = keys.filter((k) => !next.categories[k] && previous.categories[k]);
        if (granted.length + revoked.length) sinks._emit('change', { record: next, granted, revoked });
      }
      sinks._emit('consent', next);
    },
    _drop() {
      if (!view) return;
      view = null;
      sinks._render();
    },
  };
};

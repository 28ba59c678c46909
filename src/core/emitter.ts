// One emitter, shaped like mitt: the API's event handlers, the integrations' subscriptions to
// the decision in effect, and whenGranted()'s waiters all listen here, in the order they came.
// It is a private EventTarget (DOM Standard, "dispatch"): a handler that throws is reported as an
// uncaught error of its own (the window's error event) and stops neither the other handlers nor
// the decision that emitted. The target is a detached Text node rather than a bare EventTarget:
// a node belongs to the window's document, so its handlers' errors are reported to that window
// in every DOM implementation (jsdom swallows those of a bare EventTarget).

export type Handler<T> = (detail: T) => void;

export interface Emitter<Events> {
  /** Listen; returns the function that stops listening. */
  _on<K extends keyof Events & string>(type: K, handler: Handler<Events[K]>): () => void;
  _emit<K extends keyof Events & string>(type: K, detail: Events[K]): void;
  /** Drop every handler. */
  _clear(): void;
}

export const createEmitter = <Events>(): Emitter<Events> => {
  let target: EventTarget = new Text();
  return {
    _on(type, handler) {
      const listener = (event: Event): void => handler((event as CustomEvent).detail);
      target.addEventListener(type, listener);
      return () => target.removeEventListener(type, listener);
    },
    _emit: (type, detail) => target.dispatchEvent(new CustomEvent(type, { detail })),
    _clear() {
      target = new Text();
    },
  };
};

// One emitter, shaped like mitt: the API's event handlers, the integrations' subscriptions to
// the decision in effect, and whenGranted()'s waiters all listen here, in the order they came.
// A handler that throws is reported as an uncaught error of its own (queueMicrotask) and stops
// neither the other handlers nor the decision that emitted.

export type Handler<T> = (detail: T) => void;

export interface Emitter<Events> {
  /** Listen; returns the function that stops listening. */
  _on<K extends keyof Events>(type: K, handler: Handler<Events[K]>): () => void;
  _emit<K extends keyof Events>(type: K, detail: Events[K]): void;
  /** Drop every handler. */
  _clear(): void;
}

export const createEmitter = <Events>(): Emitter<Events> => {
  let all = new Map<keyof Events, Set<Handler<never>>>();
  return {
    _on(type, handler) {
      const set = all.get(type) ?? new Set();
      all.set(type, set.add(handler as Handler<never>));
      return () => void set.delete(handler as Handler<never>);
    },
    _emit(type, detail) {
      for (const handler of [...(all.get(type) ?? [])]) {
        try {
          (handler as Handler<typeof detail>)(detail);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    },
    _clear() {
      all = new Map();
    },
  };
};

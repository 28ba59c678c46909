// A typed emitter whose every event is mirrored on window as a CustomEvent `consentgate:<name>`.
import type { ConsentGateEvents, EventName } from '../types';

type Handler<E extends EventName> = (detail: ConsentGateEvents[E]) => void;

export interface Emitter {
  on<E extends EventName>(event: E, handler: Handler<E>): () => void;
  emit<E extends EventName>(event: E, detail: ConsentGateEvents[E]): void;
  clear(): void;
}

export function createEmitter(): Emitter {
  const handlers = new Map<EventName, Set<Handler<never>>>();
  return {
    on(event, handler) {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler as Handler<never>);
      return () => void set.delete(handler as Handler<never>);
    },
    emit(event, detail) {
      for (const handler of [...(handlers.get(event) ?? [])]) {
        // One failing handler must not stop the others, nor the decision that is under way:
        // report it as an uncaught error of its own, outside our call stack.
        try {
          (handler as Handler<typeof event>)(detail);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
      dispatchEvent(new CustomEvent(`consentgate:${event}`, { detail }));
    },
    clear: () => handlers.clear(),
  };
}

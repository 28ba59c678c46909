// One consentgate per page. A theme and a plugin both add the drop-in, an optimiser runs it
// twice, or a bundled copy meets the drop-in: the first instance started runs the page, and
// every later copy only warns. Two would mean two banners, and every decision announced, sent
// to Consent Mode and logged twice.
import type { ConsentGate } from './types';

/** Shared by every copy in this window, whichever file it came from (Symbol.for is realm-wide). */
const KEY = Symbol.for('consentgate');
type Holder = { [KEY]?: ConsentGate };

/** The instance that runs this page, if one was started. */
export const running = (): ConsentGate | undefined => (window as Holder)[KEY];

export const warnTwice = (): void => console.warn('consentgate: loaded twice; only the first copy runs');

/**
 * Makes `gate` take part in the one-per-page rule: its init() claims the page, and when another
 * instance already runs, init() warns and from then on `gate` hands every call to that one.
 * destroy() gives the page up again.
 */
export function onePerPage(gate: ConsentGate): ConsentGate {
  const { init, destroy } = gate;
  gate.init = (config) => {
    const other = running();
    if (other && other != gate) {
      warnTwice();
      return void Object.assign(gate, other);
    }
    init(config);
    (window as Holder)[KEY] = gate;
  };
  gate.destroy = () => {
    destroy();
    if (running() == gate) delete (window as Holder)[KEY];
  };
  return gate;
}

// The seam through which add-ons (Consent Mode, receipts) follow the store without
// reaching into it. Each integration is started by init() and stopped by destroy().
import type { ConsentRecord, ResolvedConfig } from '../types';
import type { Stages } from './stages';
import type { ShownTexts } from './texts';

/** Why the decision in effect changed. */
export type StateReason =
  | 'load' // init() found a valid stored decision (or none)
  | 'decision' // the visitor (or the API) decided in this tab
  | 'sync' // another tab decided
  | 'reset'; // reset() forgot the decision

export interface IntegrationContext {
  config: ResolvedConfig;
  /** Called once at init with reason 'load' (record may be null), then on every change. */
  _subscribe(handler: (record: ConsentRecord | null, reason: StateReason) => void): () => void;
  /** The texts the visitor is shown (a copy), once they were fetched; null when none were. */
  _shown(): ShownTexts | null;
  /** Fetch the text pack if it is not there yet, then call `then` (not at all when it fails to load). */
  _withTexts(then: () => void): void;
  /** The parts fetched on demand that this instance may load (none when headless). */
  _stages: Stages;
  /** Hear of each gated iframe or img that is held back, each time the gate looks at it. */
  _onBlocked(handler: (element: Element) => void): void;
  /** Release one gated element now, recording nothing (a visitor's "load once"). */
  _release(element: Element): void;
  /** Grant one more category on top of the decision in effect (a visitor's explicit choice). */
  _grant(category: string): void;
}

/** Returns a function that undoes whatever it set up. */
export type Integration = (context: IntegrationContext) => () => void;

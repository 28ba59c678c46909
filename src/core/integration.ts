// The seam through which add-ons (Consent Mode, receipts) follow the store without
// reaching into it. Each integration is started by init() and stopped by destroy().
import type { ConsentRecord, Language, ResolvedConfig } from '../types';

/** Why the decision in effect changed. */
export type StateReason =
  | 'load' // init() found a valid stored decision (or none)
  | 'decision' // the visitor (or the API) decided in this tab
  | 'sync' // another tab decided
  | 'reset'; // reset() forgot the decision

export interface IntegrationContext {
  config: ResolvedConfig;
  /** Called once at init with reason 'load' (record may be null), then on every change. */
  subscribe(handler: (record: ConsentRecord | null, reason: StateReason) => void): () => void;
  /** The texts the visitor is shown, once a UI is mounted; null when headless or not yet mounted. */
  texts(): { language: Language; strings: Record<string, string> } | null;
  /** Hear of each gated iframe or img that is held back, each time the gate looks at it. */
  onBlocked(handler: (element: Element) => void): void;
  /** Release one gated element now, recording nothing (a visitor's "load once"). */
  release(element: Element): void;
  /** Grant one more category on top of the decision in effect (a visitor's explicit choice). */
  grant(category: string): void;
}

/** Returns a function that undoes whatever it set up. */
export type Integration = (context: IntegrationContext) => () => void;

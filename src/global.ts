// The <script src> drop-in: the small synchronous core. Defines window.ConsentGate and starts
// from the #consentgate-config block; the interface, texts, embed placeholders and receipt
// sender are fetched from the same folder when a page needs them (src/stages/scripts.ts).
import { createCore } from './core/create';
import { consentMode } from './integrations/consent-mode';
import { vendorSignals } from './integrations/vendors';
import { embedsOnDemand } from './integrations/embeds-on-demand';
import { receipts } from './integrations/receipt';
import { register, scriptStages } from './stages/scripts';
import { onePerPage, running, warnTwice } from './single';
import type { ConsentGate } from './types';

declare global {
  interface Window {
    ConsentGate: ConsentGate;
  }
}

// Included twice (a theme and a plugin), run twice by an optimiser, or beside a bundled copy:
// the instance already there stays the only one, and this copy only warns.
const first = window.ConsentGate || running();
let gate = first;
if (!gate) {
  // Read now: document.currentScript is only set while this file runs.
  gate = onePerPage(createCore(scriptStages(document.currentScript as HTMLScriptElement | null), [consentMode, vendorSignals, receipts, embedsOnDemand]));
  // Not enumerable: the public members stay exactly those of the contract.
  Object.defineProperty(gate, '_stage', { value: register });
}
window.ConsentGate = gate;
const block = document.getElementById('consentgate-config');
if (first) warnTwice();
else if (block) {
  // Fail closed: with a bad config nothing renders and nothing gated runs, and the page goes on.
  try {
    gate.init(JSON.parse(block.textContent ?? ''));
  } catch (error) {
    console.error('consentgate: ' + ((error as Error)?.message ?? error));
  }
}

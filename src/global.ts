// The <script src> drop-in: defines window.ConsentGate and starts from the #consentgate-config block.
import { createConsentGate } from './create';
import { running, warnTwice } from './single';
import type { ConsentGate } from './types';

declare global {
  interface Window {
    ConsentGate: ConsentGate;
  }
}

// Included twice (a theme and a plugin), run twice by an optimiser, or beside a bundled copy:
// the instance already there stays the only one, and this copy only warns.
const first = window.ConsentGate || running();
const gate = (window.ConsentGate = first || createConsentGate());
const block = document.getElementById('consentgate-config');
if (first) warnTwice();
else if (block) {
  // Fail closed: with a bad config nothing renders and nothing gated runs, and the page goes on.
  try {
    gate.init(JSON.parse(block.textContent ?? ''));
  } catch (error) {
    console.error(`consentgate: ${error instanceof Error ? error.message : String(error)}`);
  }
}

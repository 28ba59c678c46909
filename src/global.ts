// The <script src> drop-in: defines window.ConsentGate and starts from the #consentgate-config block.
import { createConsentGate } from './create';
import type { ConsentGate } from './types';

declare global {
  interface Window {
    ConsentGate: ConsentGate;
  }
}

const gate = (window.ConsentGate = createConsentGate());
const block = document.getElementById('consentgate-config');
if (block) {
  // Fail closed: with a bad config nothing renders and nothing gated runs, and the page goes on.
  try {
    gate.init(JSON.parse(block.textContent ?? ''));
  } catch (error) {
    console.error(`consentgate: ${error instanceof Error ? error.message : String(error)}`);
  }
}

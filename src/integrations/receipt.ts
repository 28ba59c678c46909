// Consent receipts: proof of consent (GDPR art. 7(1)). With `logEndpoint` set, each decision
// made in this tab is put in the outbox at once (src/integrations/outbox.ts), as the raw facts
// only: the record, the page's path, and the exact texts the visitor was shown (or, when none
// were, the language). The receipt sender (fetched then, or on the next page view) builds the
// receipt from them, hashes the texts and sends it to the consent log, so the log proves which
// wording was on screen. The receipt rules themselves (packages/contract) stay out of the core.
//
// Nothing here may slow down or break a decision: the handler only copies the facts into
// storage, and every failure is swallowed (e.g. no crypto.subtle on a plain-http page: no
// receipt, no error).
import type { Integration } from '../core/integration';
import { settle } from '../core/stages';
import { OUTBOX, type Pending } from './outbox';

/** Queues a receipt after every decision made in this tab, and sends what the outbox holds. */
export const receipts: Integration = ({ config, _subscribe: subscribe, _shown: texts, _stages }) => {
  const endpoint = config.logEndpoint;
  const load = _stages._receipts;
  if (!endpoint || !load) return () => {};
  let active = true;
  // This page's entries, kept in memory too in case storage refused them.
  const pending: Pending = [];
  const flush = (): void => settle(load(), (send) => active && send(endpoint, pending), () => {});
  try {
    // Receipts a page view could not send (the visitor left at once) go out now.
    if (Object.keys(localStorage).some((key) => key.startsWith(OUTBOX))) flush();
  } catch {
    // No storage (sandbox, privacy settings): nothing was left to send.
  }
  const off = subscribe((record, reason) => {
    // 'load' and 'sync' repeat a decision already logged; 'reset' is not a decision.
    // Web Crypto's digest exists only on secure pages (https, localhost): elsewhere no receipt can be
    // hashed. (`crypto` itself is there on every page: the decision's id came from it.)
    if (!active || reason != 'decision' || !record || !crypto.subtle) return;
    try {
      // Read the texts now, synchronously: what was on screen when the visitor chose. Copied
      // as JSON now: a handler that changes the record later must not change the proof.
      const shown = texts();
      const entry: Pending[number] = [
        // Unique, and in order of time.
        `${OUTBOX}:${record.timestamp}:${Math.random()}`,
        JSON.stringify({
          receipt: { ...record, language: shown?.language ?? (config.language != 'auto' ? config.language : document.documentElement.lang), url: location.pathname },
          shown: shown ?? {},
        }),
      ];
      pending.push(entry);
      try {
        localStorage.setItem(...entry);
      } finally {
        // Storage refused (private mode, quota): the entry is still sent from memory.
        flush();
      }
    } catch {
      // A receipt is never worth an exception in the visitor's click handler.
    }
  });
  return () => {
    active = false;
    off();
  };
};

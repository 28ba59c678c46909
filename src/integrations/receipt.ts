// Consent receipts: proof of consent (GDPR art. 7(1)). With `logEndpoint` set, each decision
// made in this tab becomes a receipt in the outbox at once, together with the exact texts the
// visitor was shown; the receipt sender (fetched then, or on the next page view) hashes the
// texts and sends it to the consent log, so the log proves which wording was on screen.
//
// Nothing here may slow down or break a decision: the handler only copies the record into
// storage, and every failure is swallowed (e.g. no crypto.subtle on a plain-http page: no
// receipt, no error).
import { LANGUAGE } from '../../packages/contract/index.mjs';
import type { Integration } from '../core/integration';
import type { ConsentRecord } from '../types';
import { settle } from '../core/stages';
import { readOutbox, writeOutbox, type OutboxEntry } from './outbox';

/**
 * A receipt's fields but textHash, copied from the record (a handler that changes the record
 * later must not change the proof): the record's six, the language of the texts shown and the
 * page's path.
 */
export const receiptFields = ({ id, timestamp, revision, categories, action, gpc }: ConsentRecord, language: string, url: string) => ({
  id,
  timestamp,
  revision,
  categories: { ...categories },
  action,
  gpc,
  language,
  url,
});

/** Queues a receipt after every decision made in this tab, and sends what the outbox holds. */
export const receipts: Integration = ({ config, _subscribe: subscribe, _shown: texts, _stages }) => {
  const endpoint = config.logEndpoint;
  const load = _stages._receipts;
  if (!endpoint || !load) return () => {};
  let active = true;
  const pending: OutboxEntry[] = [];
  const flush = (): void => settle(load(), (send) => active && send(endpoint, pending), () => {});
  // Receipts a page view could not send (the visitor left at once) go out now.
  if (readOutbox().length) flush();
  const off = subscribe((record, reason) => {
    // 'load' and 'sync' repeat a decision already logged; 'reset' is not a decision.
    // Web Crypto exists only on secure pages (https, localhost): elsewhere no receipt can be hashed.
    if (!active || reason != 'decision' || !record || !globalThis.crypto?.subtle) return;
    try {
      // Read the texts now, synchronously: what was on screen when the visitor chose.
      const shown = texts();
      const entry: OutboxEntry = { receipt: receiptFields(record, shown?.language ?? fallbackLanguage(config.language), location.pathname), shown: shown ?? {} };
      pending.push(entry);
      writeOutbox([...readOutbox(), entry]);
      flush();
    } catch {
      // A receipt is never worth an exception in the visitor's click handler.
    }
  });
  return () => {
    active = false;
    off();
  };
};

/** The language when no texts were shown: the fixed config value, else `<html lang>`. */
const fallbackLanguage = (configured: string): string => {
  const lang = document.documentElement.lang;
  return configured != 'auto' ? configured : LANGUAGE.test(lang) ? lang : 'und';
};

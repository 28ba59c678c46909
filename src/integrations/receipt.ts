// Consent receipts: proof of consent (GDPR art. 7(1)). With `logEndpoint` set, each
// decision made in this tab is sent to the consent log, together with a SHA-256 of the
// exact texts the visitor was shown, so the log proves which wording was on screen.
//
// Nothing here may slow down or break a decision: the handler returns at once, the
// hashing and the send run afterwards, and every failure is swallowed (e.g. no
// crypto.subtle on a plain-http page: no receipt, no error).
//
// The body has nine fields, and the log service refuses any other: id, timestamp, revision,
// categories, action, gpc (as in the record), language (of the texts shown), url
// (`location.pathname`: never the query string or fragment, which may carry personal data)
// and textHash (hex SHA-256 of the canonical JSON of the texts shown; of `{}` when headless).
// No IP address, no user agent.
import type { Integration } from '../core/integration';

/** Sends a receipt to `config.logEndpoint` after every decision made in this tab. */
export const receipts: Integration = ({ config, subscribe, texts }) => {
  const endpoint = config.logEndpoint;
  if (!endpoint) return () => {};
  let active = true;
  const off = subscribe((record, reason) => {
    // 'load' and 'sync' repeat a decision already logged; 'reset' is not a decision.
    if (!active || reason != 'decision' || !record) return;
    try {
      // Read the texts now, synchronously: what was on screen when the visitor chose.
      const shown = texts();
      const { id, timestamp, revision, categories, action, gpc } = record;
      // A copy: a handler that changes the record later must not change the proof.
      const receipt = { id, timestamp, revision, categories: { ...categories }, action, gpc, language: shown?.language ?? fallbackLanguage(config.language), url: location.pathname };
      crypto.subtle
        .digest('SHA-256', new TextEncoder().encode(canonicalJson(shown ?? {})))
        .then((digest) => {
          const body = JSON.stringify({ ...receipt, textHash: Array.from(new Uint8Array(digest), (b) => (b + 256).toString(16).slice(1)).join('') });
          // sendBeacon survives the page closing right after the click. A JSON blob makes a
          // cross-origin beacon CORS-preflighted, which the log's allow-list answers. When the
          // beacon is missing, throws (bad URL) or is refused, fetch with keepalive.
          try {
            if (navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }))) return;
          } catch {}
          return fetch(endpoint, { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' }, body });
        })
        .catch(() => {});
    } catch {
      // A receipt is never worth an exception in the visitor's click handler.
    }
  });
  return () => {
    active = false;
    off();
  };
};

/** JSON with object keys sorted at every level: the same texts always give the same hash. */
export const canonicalJson = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonicalJson)}]`
    : value && typeof value == 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => JSON.stringify(key) + ':' + canonicalJson((value as Record<string, unknown>)[key]))}}`
      : (JSON.stringify(value) ?? 'null');

/** The language when no UI reports one (headless): the fixed config value, else `<html lang>`. */
const fallbackLanguage = (configured: string): string => {
  const lang = document.documentElement.lang;
  return configured != 'auto' ? configured : /^[A-Za-z]{2,8}(-[A-Za-z\d]{1,8}){0,6}$/.test(lang) ? lang : 'und';
};

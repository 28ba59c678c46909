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
import { LANGUAGE, canonicalJson } from '../../packages/contract/index.mjs';
import type { Integration } from '../core/integration';
import type { ConsentRecord } from '../types';

export { canonicalJson };

/** A receipt's fields but textHash, copied from the record (a handler that changes the record later must not change the proof). */
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

/** Hex SHA-256 (Web Crypto) of a text, e.g. the canonical JSON of the texts shown. */
export const sha256Hex = (text: string): Promise<string> =>
  crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then((digest) => Array.from(new Uint8Array(digest), (b) => (b + 256).toString(16).slice(1)).join(''));

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * After a receipt: make sure the log holds the texts behind its hash. `HEAD <log>/texts/<hash>`
 * (a sibling of the receipt endpoint) first; only a 404 is followed by `PUT` with the canonical
 * JSON. So each wording is uploaded once, by the first browser that shows it, and nothing is
 * kept in this browser. Without cookies; any failure is dropped (the next decision tries again).
 */
const uploadTexts = (endpoint: string, hash: string, body: string): void => {
  try {
    const url = new URL('texts/' + hash, new URL(endpoint, location.href));
    fetch(url, { method: 'HEAD', credentials: 'omit' })
      .then((reply): unknown => reply.status == 404 && fetch(url, { method: 'PUT', headers: JSON_HEADERS, body, credentials: 'omit' }))
      .catch(() => {});
  } catch {}
};

/** Sends a receipt to `config.logEndpoint` after every decision made in this tab. */
export const receipts: Integration = ({ config, subscribe, texts: shownTexts }) => {
  const endpoint = config.logEndpoint;
  if (!endpoint) return () => {};
  let active = true;
  const off = subscribe((record, reason) => {
    // 'load' and 'sync' repeat a decision already logged; 'reset' is not a decision.
    if (!active || reason != 'decision' || !record) return;
    try {
      // Read the texts now, synchronously: what was on screen when the visitor chose.
      const shown = shownTexts();
      const receipt = receiptFields(record, shown?.language ?? fallbackLanguage(config.language), location.pathname);
      const texts = canonicalJson(shown ?? {});
      sha256Hex(texts)
        .then((textHash) => {
          const body = JSON.stringify({ ...receipt, textHash });
          // After the receipt, off the decision's path: the texts that hash stands for.
          setTimeout(() => uploadTexts(endpoint, textHash, texts));
          // sendBeacon survives the page closing right after the click. A JSON blob makes a
          // cross-origin beacon CORS-preflighted, which the log's allow-list answers. When the
          // beacon is missing, throws (bad URL) or is refused, fetch with keepalive.
          try {
            if (navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }))) return;
          } catch {}
          return fetch(endpoint, { method: 'POST', keepalive: true, headers: JSON_HEADERS, body });
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

/** The language when no UI reports one (headless): the fixed config value, else `<html lang>`. */
const fallbackLanguage = (configured: string): string => {
  const lang = document.documentElement.lang;
  return configured != 'auto' ? configured : LANGUAGE.test(lang) ? lang : 'und';
};

/**
 * Count one display of the first layer (the banner) for the consent rate: `POST <logEndpoint>/shown`
 * with `{ revision, language }` only, no cookie (credentials omitted), no id. Fire and forget;
 * never throws. For the UI to call when it shows the banner; nothing calls it yet.
 */
export const reportShown = (endpoint: string | null, revision: number, language: string): void => {
  if (!endpoint) return;
  try {
    fetch(new URL(endpoint, location.href).href.replace(/\/?$/, '/shown'), {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ revision, language }),
      credentials: 'omit',
      keepalive: true,
    }).catch(() => {});
  } catch {}
};

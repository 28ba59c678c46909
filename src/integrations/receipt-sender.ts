// The receipt sender, fetched when there is a receipt to send: it hashes the texts each receipt
// was shown with and sends it to the consent log, then takes it out of the outbox.
//
// The body has nine fields, and the log service refuses any other: id, timestamp, revision,
// categories, action, gpc (as in the record), language (of the texts shown), url
// (`location.pathname` at decision time: never the query string or fragment, which may carry
// personal data) and textHash (hex SHA-256 of the canonical JSON of the texts shown; of `{}` when
// none were). No IP address, no user agent. Every failure is swallowed: a receipt that could not
// be handed over stays in the outbox for the next page view.
import { canonicalJson } from '../../packages/contract/index.mjs';
import { readOutbox, receiptKey, writeOutbox, type SendReceipts } from './outbox';

export { canonicalJson };

/**
 * After a receipt: make sure the log holds the texts behind its hash. `HEAD <log>/texts/<hash>`
 * (a sibling of the receipt endpoint) first; only a 404 is followed by `PUT` with the canonical
 * JSON. So each wording is uploaded once, by the first browser that shows it, and nothing more is
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

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** Hex SHA-256 (Web Crypto) of a text, e.g. the canonical JSON of the texts shown. */
export const sha256Hex = (text: string): Promise<string> =>
  crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then((digest) => Array.from(new Uint8Array(digest), (b) => (b + 256).toString(16).slice(1)).join(''));

// Receipts on their way: a second flush meanwhile must not send them again.
const sending = new Set<string>();

export const sendReceipts: SendReceipts = (endpoint, pending) => {
  for (const entry of [...readOutbox(), ...pending]) {
    const key = receiptKey(entry);
    if (sending.has(key)) continue;
    sending.add(key);
    const sent = (): void => {
      writeOutbox(readOutbox().filter((e) => receiptKey(e) != key));
      const i = pending.findIndex((e) => receiptKey(e) == key);
      if (i >= 0) pending.splice(i, 1);
    };
    const texts = canonicalJson(entry.shown);
    sha256Hex(texts)
      .then((textHash) => {
        const body = JSON.stringify({ ...entry.receipt, textHash });
        // Once the receipt is handed over, off its path: the texts that hash stands for.
        const done = (): void => {
          sent();
          setTimeout(() => uploadTexts(endpoint, textHash, texts));
        };
        // sendBeacon survives the page closing right after the click. A JSON blob makes a
        // cross-origin beacon CORS-preflighted, which the log's allow-list answers. When the
        // beacon is missing, throws (bad URL) or is refused, fetch with keepalive.
        try {
          if (navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }))) return done();
        } catch {}
        // Any answer means the log has seen it (one it refuses would be refused again).
        return fetch(endpoint, { method: 'POST', keepalive: true, headers: JSON_HEADERS, body }).then(done);
      })
      .catch(() => {})
      .finally(() => sending.delete(key));
  }
};

// The receipt sender, fetched when there is a receipt to send: it hashes the texts each receipt
// was shown with and sends it to the consent log, then takes it out of the outbox.
//
// The body has nine fields, and the log service refuses any other: id, timestamp, revision,
// categories, action, gpc (as in the record), language (of the texts shown), url
// (`location.pathname` at decision time: never the query string or fragment, which may carry
// personal data) and textHash (hex SHA-256 of the canonical JSON of the texts shown; of `{}` when
// none were). No IP address, no user agent. Every failure is swallowed: a receipt that could not
// be handed over stays in the outbox for the next page view.
import { readOutbox, receiptKey, writeOutbox, type SendReceipts } from './outbox';

/** JSON with object keys sorted at every level: the same texts always give the same hash. */
export const canonicalJson = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonicalJson)}]`
    : value && typeof value == 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((key) => JSON.stringify(key) + ':' + canonicalJson((value as Record<string, unknown>)[key]))}}`
      : (JSON.stringify(value) ?? 'null');

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
    crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(canonicalJson(entry.shown)))
      .then((digest) => {
        const body = JSON.stringify({ ...entry.receipt, textHash: Array.from(new Uint8Array(digest), (b) => (b + 256).toString(16).slice(1)).join('') });
        // sendBeacon survives the page closing right after the click. A JSON blob makes a
        // cross-origin beacon CORS-preflighted, which the log's allow-list answers. When the
        // beacon is missing, throws (bad URL) or is refused, fetch with keepalive.
        try {
          if (navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }))) return sent();
        } catch {}
        // Any answer means the log has seen it (one it refuses would be refused again).
        return fetch(endpoint, { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' }, body }).then(sent);
      })
      .catch(() => {})
      .finally(() => sending.delete(key));
  }
};

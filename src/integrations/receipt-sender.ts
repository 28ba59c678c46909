// The receipt sender, fetched when there is a receipt to send: it builds each receipt from the
// facts the core put in the outbox, hashes the texts it was shown with, sends it to the consent
// log, then takes it out of the outbox.
//
// The body has nine fields, and the log service refuses any other: id, timestamp, revision,
// categories, action, gpc (as in the record), language (of the texts shown; `und` when it is not
// a language tag), url (`location.pathname` at decision time: never the query string or fragment,
// which may carry personal data) and textHash (hex SHA-256 of the canonical JSON of the texts
// shown; of `{}` when none were). No IP address, no user agent. Every failure is swallowed: a
// receipt that could not be handed over stays in the outbox for the next page view.
import { LANGUAGE, canonicalJson } from '../../packages/contract/index.mjs';
import { OUTBOX, type OutboxEntry, type SendReceipts } from './outbox';

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

/**
 * The receipt the log accepts, built from an outbox entry and the hash of its texts: the nine
 * fields, nothing else (the record's `expires` stays behind). A language that is not a language
 * tag (an odd `<html lang>` on a page without texts shown) is sent as `und`.
 */
export const receiptBody = ({ receipt: { id, timestamp, revision, categories, action, gpc, language, url } }: Pick<OutboxEntry, 'receipt'>, textHash: string) => ({
  id,
  timestamp,
  revision,
  categories,
  action,
  gpc,
  language: LANGUAGE.test(language) ? language : 'und',
  url,
  textHash,
});

/** More than this many unsent receipts: the oldest go (the log is unreachable anyway). */
const LIMIT = 50;
/** A claim older than this (ms) is void: the tab that made it was closed before it could send. */
const CLAIM_MS = 10_000;
/** This page's name in claims. */
const TAB = Math.random().toString(36).slice(2);

/** `localStorage` calls that may throw (no storage) and then do nothing. */
const storage = <T>(call: (store: Storage) => T): T | undefined => {
  try {
    return call(localStorage);
  } catch {}
};

/** The key an entry is stored under. */
export const outboxKey = (entry: OutboxEntry): string => `${OUTBOX}:${entry.receipt.timestamp}:${Math.random()}`;

/** The entries in storage, as [key, JSON]; the older form (one array) is moved to keys of their own first. */
export const readOutbox = (): Array<[string, string]> => {
  storage((store) => {
    const old = store.getItem(OUTBOX);
    if (old === null) return;
    let list: unknown;
    try {
      list = JSON.parse(old);
    } catch {}
    if (Array.isArray(list)) for (const entry of list) if (entry?.receipt?.id) store.setItem(outboxKey(entry), JSON.stringify(entry));
    // Only once every entry has its own key (a full storage throws before this).
    store.removeItem(OUTBOX);
  });
  return storage((store) => Object.keys(store).flatMap((key): Array<[string, string]> => (key.startsWith(OUTBOX + ':') ? [[key, store.getItem(key)!]] : []))) ?? [];
};

// Receipts on their way from this page: a second flush meanwhile must not send them again.
const sending = new Set<string>();

export const sendReceipts: SendReceipts = (endpoint, pending) => {
  const inStorage = readOutbox();
  /** Out of this page's memory: it is sent, or it is another tab's to send (and stays in storage). */
  const forget = (key: string): void => {
    const i = pending.findIndex(([k]) => k == key);
    if (i >= 0) pending.splice(i, 1);
  };
  const drop = (key: string): void => {
    storage((store) => store.removeItem(key));
    forget(key);
  };
  const entries: Array<[string, OutboxEntry]> = [];
  // The stored copy first: it carries the claim.
  for (const [key, json] of new Map([...pending, ...inStorage])) {
    let entry: OutboxEntry | undefined;
    try {
      entry = JSON.parse(json);
    } catch {}
    if (entry?.receipt?.id) entries.push([key, entry]);
    // Not an entry (storage changed by something else): it can never be sent.
    else drop(key);
  }
  entries.sort(([, a], [, b]) => (a.receipt.timestamp < b.receipt.timestamp ? -1 : 1));
  for (const [key] of entries.splice(0, entries.length - LIMIT)) drop(key);
  const stored = new Set(inStorage.map(([key]) => key));

  for (const [key, entry] of entries) {
    if (sending.has(key)) continue;
    /** Another tab is sending it now (its claim is in storage, so it is not lost if that tab closes). */
    const taken = (claim = entry.claim): boolean => !!claim && claim[0] != TAB && Date.now() - claim[1] < CLAIM_MS;
    if (taken()) {
      forget(key);
      continue;
    }
    sending.add(key);
    // Claim it, so that a tab flushing the same outbox at the same moment leaves it to this one.
    if (stored.has(key)) storage((store) => store.setItem(key, JSON.stringify({ ...entry, claim: [TAB, Date.now()] })));
    const texts = canonicalJson(entry.shown);
    sha256Hex(texts)
      .then((textHash) => {
        if (stored.has(key)) {
          // Look again: gone means another tab sent it; a later claim by another tab wins.
          const now = storage((store) => store.getItem(key));
          let claim;
          try {
            claim = JSON.parse(now!).claim;
          } catch {}
          if (now === null || taken(claim)) return forget(key);
        }
        const body = JSON.stringify(receiptBody(entry, textHash));
        // Once the receipt is handed over, off its path: the texts that hash stands for.
        const done = (): void => {
          drop(key);
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

// @ts-check
// Limits per client, kept in memory only. A client is known by a keyed hash of its address
// (HMAC-SHA-256 under a random key made at start and never stored or logged), so neither
// memory nor logs hold an address, and the keys mean nothing after a restart. Tables have
// a fixed size: when full, the least recently seen client is forgotten.
import { createHmac, randomBytes } from 'node:crypto';

/** A function from an address to an opaque client key. */
export function clientKeyer() {
  const key = randomBytes(32);
  return (/** @type {string} */ address) => createHmac('sha256', key).update(address).digest('base64url').slice(0, 22);
}

/**
 * A token bucket per client: `burst` requests at once, refilled at `perSecond`.
 * @param {{ perSecond: number, burst: number, maxClients?: number, now?: () => number }} options
 */
export function rateLimiter({ perSecond, burst, maxClients = 10_000, now = () => performance.now() }) {
  /** @type {Map<string, { tokens: number, at: number }>} */
  const buckets = new Map();
  return {
    /**
     * Take one token for this client: 0 when the request may go ahead, else the whole
     * seconds until a token is back (for Retry-After).
     * @param {string} client
     */
    take(client) {
      const t = now();
      let bucket = buckets.get(client);
      if (bucket) {
        buckets.delete(client); // re-inserted below: the Map's order is least recently seen first
        bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
        bucket.at = t;
      } else {
        if (buckets.size >= maxClients) buckets.delete(/** @type {string} */ (buckets.keys().next().value));
        bucket = { tokens: burst, at: t };
      }
      buckets.set(client, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    },
    get size() {
      return buckets.size;
    },
  };
}

/**
 * Open connections per client; `open` refuses one past `max`.
 * @param {number} max
 */
export function connectionCounter(max) {
  /** @type {Map<string, number>} */
  const open = new Map();
  return {
    /** Count a new connection; false (and nothing counted) when the client already has `max`. */
    open(/** @type {string} */ client) {
      const n = open.get(client) ?? 0;
      if (n >= max) return false;
      open.set(client, n + 1);
      return true;
    },
    close(/** @type {string} */ client) {
      const n = (open.get(client) ?? 1) - 1;
      if (n <= 0) open.delete(client);
      else open.set(client, n);
    },
  };
}

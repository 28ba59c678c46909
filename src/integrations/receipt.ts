// Consent receipts: proof of consent (GDPR art. 7(1)). With `logEndpoint` set, each
// decision made in this tab is sent to the consent log, together with a SHA-256 of the
// exact texts the visitor was shown, so the log proves which wording was on screen.
//
// Nothing here may slow down or break a decision: the handler returns at once, the
// hashing and the send run afterwards, and every failure is swallowed.
import type { Integration, IntegrationContext } from '../core/integration';
import type { ConsentAction, ConsentRecord } from '../types';

/** The body of one receipt; the log service refuses any other field. */
export interface ConsentReceipt {
  id: string;
  timestamp: string;
  revision: number;
  categories: Record<string, boolean>;
  action: ConsentAction;
  gpc: boolean;
  language: string;
  /** `location.pathname`: never the query string or fragment (they may carry personal data). */
  url: string;
  /** Hex SHA-256 of the canonical JSON of the texts shown (`{}` when headless). */
  textHash: string;
}

/** Sends a receipt to `config.logEndpoint` after every decision made in this tab. */
export const receipts: Integration = (context) => {
  const endpoint = context.config.logEndpoint;
  if (!endpoint) return () => {};
  let active = true;
  const off = context.subscribe((record, reason) => {
    // 'load' and 'sync' repeat a decision already logged; 'reset' is not a decision.
    if (!active || reason !== 'decision' || !record) return;
    try {
      // Read the texts now, synchronously: what was on screen when the visitor chose.
      const shown = context.texts();
      const path = location.pathname;
      buildReceipt(record, shown, fallbackLanguage(context), path)
        .then((receipt) => send(endpoint, receipt))
        .catch(() => {}); // e.g. no crypto.subtle on a plain-http page: no receipt, no error
    } catch {
      // A receipt is never worth an exception in the visitor's click handler.
    }
  });
  return () => {
    active = false;
    off();
  };
};

type ShownTexts = ReturnType<IntegrationContext['texts']>;

/** The receipt for one decision. */
export async function buildReceipt(record: ConsentRecord, shown: ShownTexts, language: string, url: string): Promise<ConsentReceipt> {
  return {
    id: record.id,
    timestamp: record.timestamp,
    revision: record.revision,
    categories: { ...record.categories },
    action: record.action,
    gpc: record.gpc,
    language: shown?.language ?? language,
    url,
    textHash: await sha256Hex(canonicalJson(shown ?? {})),
  };
}

/**
 * JSON with object keys sorted at every level, so the same texts always give the
 * same hash whatever order they were defined in.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Hex SHA-256 through Web Crypto (available on https pages and localhost). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The language when no UI reports one (headless): the fixed config value, else `<html lang>`. */
function fallbackLanguage(context: IntegrationContext): string {
  if (context.config.language !== 'auto') return context.config.language;
  const lang = document.documentElement.lang;
  return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,6}$/.test(lang) ? lang : 'und';
}

/**
 * sendBeacon survives the page being closed right after the click. A JSON blob makes a
 * cross-origin beacon CORS-preflighted, which the log's allow-list answers; same-origin
 * (the default) needs nothing. When the beacon is refused or missing, fetch with keepalive.
 */
function send(endpoint: string, receipt: ConsentReceipt): void {
  const body = JSON.stringify(receipt);
  try {
    if (typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(endpoint, new Blob([body], { type: 'application/json' }))) {
      return;
    }
  } catch {
    // An invalid URL or a refused beacon: try fetch.
  }
  try {
    fetch(endpoint, {
      method: 'POST',
      keepalive: true,
      headers: { 'Content-Type': 'application/json' },
      body,
    }).catch(() => {});
  } catch {
    // No fetch, or it threw synchronously: the receipt is lost, the page is not.
  }
}

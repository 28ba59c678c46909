// Consent receipts waiting to be sent. A receipt is put here, in localStorage, at the moment
// of the decision, and taken out only once it has been handed to the browser to send: a
// visitor who leaves the page before the receipt code arrived (or before it finished hashing)
// does not lose the proof of consent (GDPR art. 7(1)); the next page view sends it.
// The stored shape uses plain names: it must read the same across versions of the library.
import type { ConsentAction } from '../types';
import type { ShownTexts } from '../core/texts';

/** The nine fields the consent log accepts, less `textHash`, which the sender computes. */
export interface Receipt {
  id: string;
  timestamp: string;
  revision: number;
  categories: Record<string, boolean>;
  action: ConsentAction;
  gpc: boolean;
  language: string;
  url: string;
}

export interface OutboxEntry {
  receipt: Receipt;
  /** The texts shown when the visitor decided, or `{}` when none were. */
  shown: ShownTexts | Record<string, never>;
}

/** Sends every receipt in the outbox (and `pending`, kept in memory in case storage failed) to `endpoint`. */
export type SendReceipts = (endpoint: string, pending: OutboxEntry[]) => void;

const KEY = 'consentgate-outbox';
/** More than this many unsent receipts: the oldest go (the log is unreachable anyway). */
const LIMIT = 50;

/** The receipts waiting; none when storage is unavailable or holds something else. */
export const readOutbox = (): OutboxEntry[] => {
  try {
    const entries = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(entries) ? entries.filter((e) => e?.receipt?.id) : [];
  } catch {
    return [];
  }
};

export const writeOutbox = (entries: OutboxEntry[]): void => {
  try {
    if (entries.length) localStorage.setItem(KEY, JSON.stringify(entries.slice(-LIMIT)));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage refused (private mode, quota, sandbox): the entry is still sent from memory.
  }
};

/** One receipt's identity: all it holds. */
export const receiptKey = (entry: OutboxEntry): string => JSON.stringify(entry);

// Consent receipts waiting to be sent. Each decision's facts are put here, in localStorage under
// a key of their own, at the moment of the decision, and taken out only once the receipt has been
// handed to the browser to send: a visitor who leaves the page before the receipt code arrived
// (or before it finished hashing) does not lose the proof of consent (GDPR art. 7(1)); the next
// page view sends it. One key per entry: two tabs adding or removing entries at the same moment
// cannot overwrite each other's. The stored shape uses plain names: it must read the same across
// versions of the library (an array under the key `consentgate-outbox` itself is the older form).
import type { ConsentAction } from '../types';
import type { ShownTexts } from '../core/texts';

/** The prefix of every outbox key: `consentgate-outbox:<decision time, ISO 8601>:<random>`. */
export const OUTBOX = 'consentgate-outbox';

/** The facts of one decision, as the core stores them; the sender builds the receipt from them. */
export interface OutboxEntry {
  /** The record (extra fields, such as `expires`, are ignored), the language of the texts shown and the page's path. */
  receipt: {
    id: string;
    timestamp: string;
    revision: number;
    categories: Record<string, boolean>;
    action: ConsentAction;
    gpc: boolean;
    language: string;
    url: string;
  };
  /** The texts shown when the visitor decided, or `{}` when none were. */
  shown: ShownTexts | Record<string, never>;
  /** Which tab is sending it, and since when (ms since epoch): another tab leaves it alone meanwhile. */
  claim?: [tab: string, time: number];
}

/** This page's entries, [storage key, entry as JSON], in memory as well as in storage. */
export type Pending = Array<[key: string, json: string]>;

/** Sends every receipt in the outbox (and `pending`, kept in memory in case storage failed) to `endpoint`. */
export type SendReceipts = (endpoint: string, pending: Pending) => void;

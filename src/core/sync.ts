// Every open tab of the site holds the same decision. A tab that decides (or resets) sends the
// decision itself to the others over BroadcastChannel: the encoded record, or null for a reset,
// with its time. A bare "read the cookie again" could arrive before the new cookie is visible
// to the other tab, which then kept the old decision, a withdrawal included. The receiver
// decodes the value with the cookie's own strict decode; the latest decision by time wins, so a
// message that loses a race between tabs changes nothing. Where BroadcastChannel is missing, a
// tab that comes back into view reads the cookie, under the same rule.
import type { ConsentRecord } from '../types';
import { encodeRecord } from './record';

export interface TabSync {
  /**
   * The time for a decision made here now, ms since epoch: the clock, but always later than
   * every decision this tab has made or seen, so a decision that follows another wins over it
   * everywhere, even within one millisecond.
   */
  _now(): number;
  /** Tell the other tabs about a decision made here (null: reset at `time`). */
  _send(record: ConsentRecord | null, time?: number): void;
  _stop(): void;
}

const timeOf = (record: ConsentRecord): number => Date.parse(record.timestamp);

/**
 * `stored`: the decision in effect at start. `decode`: the strict cookie decode (null when the
 * value is not a valid decision under this config). `readCookie`: the valid decision in the
 * cookie now. `adopt`: make a decision from another tab the one in effect here. `name`: the
 * cookie's name, which names the channel: a config with a cookie of its own on the same origin
 * (another part of the site, other purposes) is another decision.
 */
export function syncTabs(
  stored: ConsentRecord | null,
  decode: (value: string) => ConsentRecord | null,
  readCookie: () => ConsentRecord | null,
  adopt: (record: ConsentRecord | null) => void,
  name: string,
): TabSync {
  // The decision (or reset: null) in effect here, encoded, and its time.
  let latest = stored ? timeOf(stored) : 0;
  let current: string | null = stored && encodeRecord(stored);
  let channel: BroadcastChannel | null = null;

  /** Later by time; two tabs deciding in the same millisecond both keep the greater value. */
  const newer = (value: string | null, time: number): boolean => time > latest || (time == latest && (value ?? '') > (current ?? ''));

  /** A decision from elsewhere (null: none, at `time`) takes effect when it is later; "none" only where there is one. */
  const offer = (record: ConsentRecord | null, time: number): void => {
    const value = record && encodeRecord(record);
    if ((value ?? current) !== null && newer(value, time)) {
      latest = time;
      current = value;
      adopt(record);
    }
  };

  const onMessage = ({ data }: MessageEvent): void => {
    if (!Array.isArray(data)) return;
    const [value, time] = data as unknown[];
    // A reset elsewhere.
    if (value === null) return void (typeof time == 'number' && offer(null, time));
    const record = typeof value == 'string' ? decode(value) : null;
    // Not a valid decision under this config (another revision, say): the cookie decides.
    record ? offer(record, timeOf(record)) : check();
  };

  /** The cookie as it is now: a newer decision is taken; no valid decision means withdrawn elsewhere. */
  const check = (): void => {
    const record = readCookie();
    offer(record, record ? timeOf(record) : api._now());
  };
  const onVisible = (): void => void (document.visibilityState == 'visible' && check());

  try {
    channel = new BroadcastChannel(name);
    channel.onmessage = onMessage;
  } catch {
    // Missing, or refused (an opaque origin such as a sandboxed frame): visibilitychange still syncs.
  }
  document.addEventListener('visibilitychange', onVisible);

  const api: TabSync = {
    _now: () => Math.max(Date.now(), latest + 1),
    _send(record, time = api._now()) {
      latest = record ? timeOf(record) : time;
      current = record && encodeRecord(record);
      channel?.postMessage([current, latest]);
    },
    _stop() {
      channel?.close();
      channel = null;
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
  return api;
}

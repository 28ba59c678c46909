// Tabs agree on one decision: the message carries the decision itself, decoded as strictly as
// the cookie, and the latest decision by time wins.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRecord, encodeRecord } from '../../src/core/record';
import type { ConsentRecord } from '../../src/types';
import { config, start } from './helpers';

const ID = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const record = (categories: Record<string, boolean>, at: number): ConsentRecord =>
  createRecord(ID, { necessary: true, preferences: false, analytics: false, marketing: false, ...categories }, 'custom', false, 1, 182, at);

/** What another tab sends. */
const post = (data: unknown): void => {
  const channel = new BroadcastChannel('consentgate');
  channel.postMessage(data);
  channel.close();
};
const tick = (): Promise<void> => new Promise((ok) => setTimeout(ok, 30));

afterEach(() => {
  vi.useRealTimers();
});

describe('tab sync', () => {
  it('takes the decision from the message even while the cookie still holds the old one', async () => {
    const gate = start();
    gate.acceptAll();
    const withdrawn = record({}, Date.now() + 5);
    // The cookie here is not touched: only the message says analytics is withdrawn.
    post([encodeRecord(withdrawn), Date.parse(withdrawn.timestamp)]);
    await vi.waitFor(() => expect(gate.has('analytics')).toBe(false));
    expect(gate.get()).toEqual(withdrawn);
  });

  it('ignores a decision older than the one in effect (a message that lost a race)', async () => {
    const gate = start();
    gate.acceptAll();
    const older = record({}, Date.parse(gate.get()!.timestamp) - 1000);
    post([encodeRecord(older), Date.parse(older.timestamp)]);
    await tick();
    expect(gate.has('analytics')).toBe(true);
  });

  it('decodes the message as strictly as the cookie: a malformed value is no decision, the cookie decides', async () => {
    const gate = start();
    gate.acceptAll();
    const good = encodeRecord(record({}, Date.now() + 5));
    for (const bad of [good + '|', good.replace('|1|c|', '|2|c|'), 'cg1|nonsense', 42, { analytics: true }, [good.replace('necessary:1', 'necessary:1+necessary:0'), 0]]) {
      post(Array.isArray(bad) ? bad : [bad, Date.now() + 5]);
    }
    await tick();
    // The cookie still holds "accept all": nothing changed.
    expect(gate.has('analytics')).toBe(true);
    expect(gate.get()!.action).toBe('accept-all');
  });

  it('a reset elsewhere clears the decision unless a later one was made here', async () => {
    const gate = start();
    gate.acceptAll();
    post([null, Date.parse(gate.get()!.timestamp) - 1]);
    await tick();
    expect(gate.get()).not.toBeNull();
    post([null, Date.parse(gate.get()!.timestamp) + 1]);
    await vi.waitFor(() => expect(gate.get()).toBeNull());
  });

  it('decisions made within one millisecond still reach the other tab in order', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 5, 1));
    const a = start();
    const b = start();
    a.save({ analytics: true });
    a.save({ analytics: false });
    a.save({ analytics: true, marketing: true });
    a.save({ marketing: false });
    const times = [a.get()!.timestamp];
    expect(Date.parse(times[0]!)).toBe(Date.UTC(2026, 5, 1) + 3);
    await vi.waitFor(() => expect(b.get()).toEqual(a.get()));
    expect(b.has('analytics')).toBe(false);
  });

  it('a decision made after one from another tab is later than it, whatever the clock says', async () => {
    const a = start({ ...config });
    const ahead = record({ analytics: true }, Date.now() + 60_000);
    post([encodeRecord(ahead), Date.parse(ahead.timestamp)]);
    await vi.waitFor(() => expect(a.has('analytics')).toBe(true));
    a.rejectAll();
    expect(Date.parse(a.get()!.timestamp)).toBeGreaterThan(Date.parse(ahead.timestamp));
  });
});

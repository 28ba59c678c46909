// Every decision made in one tab reaches every other open tab of the site, however fast they
// come, withdrawals most of all; reset() too. Where BroadcastChannel is missing, a tab that comes
// back into view catches up from the cookie. Two tabs deciding at once end on the same decision:
// the later one.
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { POLL, banner, pageHtml, settled, useHarness } from './harness';

const h = useHarness();

type Step = ['acceptAll' | 'rejectAll' | 'reset'] | ['save', Record<string, boolean>];

/** Accept, withdraw, custom, reset: every kind of change, withdrawals after every grant. */
const STEPS: Step[] = [
  ['acceptAll'],
  ['rejectAll'],
  ['save', { analytics: true }],
  ['save', { analytics: false, marketing: true }],
  ['acceptAll'],
  ['save', { analytics: false }],
  ['reset'],
  ['save', { preferences: true, analytics: true }],
  ['rejectAll'],
  ['acceptAll'],
  ['save', { analytics: false, marketing: false, preferences: false }],
];

const run = (page: Page, [verb, arg]: Step) =>
  page.evaluate(([v, a]) => (window.ConsentGate[v as 'save'] as (x?: unknown) => void)(a), [verb, arg] as const);

const state = (page: Page) => page.evaluate(() => ({ record: window.ConsentGate.get(), analytics: window.ConsentGate.has('analytics') }));

/**
 * Tab A sees the shared cookie 150 ms late, as a tab in another process can: a message that only
 * said "read the cookie again" would find the old decision there.
 */
function laggingCookie(): void {
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  const real = (): string => cookie.get!.call(document);
  const seen: Array<[number, string]> = [[-Infinity, real()]];
  setInterval(() => {
    const value = real();
    if (seen[seen.length - 1]![1] !== value) seen.push([performance.now(), value]);
  }, 2);
  Object.defineProperty(document, 'cookie', {
    configurable: true,
    get: () => seen.filter(([time]) => time <= performance.now() - 150).pop()![1],
    set: (value: string) => cookie.set!.call(document, value),
  });
}

async function twoTabs(context: BrowserContext, url: string, lag = false): Promise<[Page, Page]> {
  const a = await context.newPage();
  if (lag) await a.addInitScript(laggingCookie);
  await a.goto(url);
  const b = await context.newPage();
  await b.goto(url);
  await settled(a);
  await settled(b);
  return [a, b];
}

describe('one decision across open tabs', () => {
  for (const pause of [0, 20, 300]) {
    it(`every decision made in tab B reaches tab A, ${pause} ms apart`, { timeout: 60_000 }, async () => {
      const s = await h.session();
      const url = h.server.page(pageHtml());
      const [a, b] = await twoTabs(s.context, url, true);
      for (const step of STEPS) {
        await run(b, step);
        const expected = await state(b);
        if (pause) {
          // Each decision, and a withdrawal above all, arrives before the next one is made.
          await expect.poll(() => state(a), POLL).toEqual(expected);
          await b.waitForTimeout(pause);
        }
      }
      const last = await state(b);
      await expect.poll(() => state(a), POLL).toEqual(last);
      expect(last.analytics).toBe(false);
      // The tab that followed shows what it follows: the banner is closed after a decision.
      expect(await banner(a).isVisible()).toBe(false);
      expect(s.pageErrors).toEqual([]);
    });
  }

  it('a withdrawal right after a grant is never lost (repeated)', { timeout: 60_000 }, async () => {
    const s = await h.session();
    const url = h.server.page(pageHtml());
    const [a, b] = await twoTabs(s.context, url, true);
    for (let i = 0; i < 15; i++) {
      await b.evaluate(() => {
        window.ConsentGate.save({ analytics: true });
        window.ConsentGate.save({ analytics: false });
      });
      await expect.poll(() => a.evaluate(() => window.ConsentGate.get()?.categories.analytics), POLL).toBe(false);
      // And the grant that follows it arrives as well.
      await b.evaluate(() => window.ConsentGate.save({ analytics: true }));
      await expect.poll(() => a.evaluate(() => window.ConsentGate.has('analytics')), POLL).toBe(true);
    }
  });

  it('reset() in one tab clears the decision in the other and shows its banner again', async () => {
    const s = await h.session();
    const url = h.server.page(pageHtml());
    const [a, b] = await twoTabs(s.context, url, true);
    await b.evaluate(() => window.ConsentGate.acceptAll());
    await expect.poll(() => a.evaluate(() => window.ConsentGate.has('analytics')), POLL).toBe(true);
    await b.evaluate(() => window.ConsentGate.reset());
    await expect.poll(() => a.evaluate(() => window.ConsentGate.get()), POLL).toBeNull();
    await banner(a).waitFor();
  });

  it('two tabs deciding at the same moment both end on the later decision', { timeout: 60_000 }, async () => {
    const s = await h.session();
    const url = h.server.page(pageHtml());
    const [a, b] = await twoTabs(s.context, url);
    for (let i = 0; i < 8; i++) {
      await Promise.all([a.evaluate(() => window.ConsentGate.acceptAll()), b.evaluate(() => window.ConsentGate.rejectAll())]);
      await expect.poll(async () => JSON.stringify((await state(a)).record) === JSON.stringify((await state(b)).record), POLL).toBe(true);
      const [ra, rb] = [(await state(a)).record!, (await state(b)).record!];
      expect(ra).toEqual(rb);
      // The later of the two by decision time, which is also what the cookie holds.
      const cookie = (await s.context.cookies()).find((c) => c.name === 'consentgate')!;
      expect(decodeURIComponent(cookie.value)).toContain(`|${Date.parse(ra.timestamp)}|`);
    }
  });
});

describe('without BroadcastChannel', () => {
  it('a tab coming back into view takes the other tab’s decisions, withdrawals and reset included', async () => {
    const s = await h.session();
    await s.context.addInitScript(() => {
      delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
    });
    const url = h.server.page(pageHtml());
    const [a, b] = await twoTabs(s.context, url);
    const comeBack = () => a.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    for (const step of [['acceptAll'], ['save', { analytics: false }], ['reset'], ['rejectAll']] as Step[]) {
      await run(b, step);
      await comeBack();
      expect(await state(a)).toEqual(await state(b));
    }
    // A decision here is not undone by an older cookie.
    await a.evaluate(() => window.ConsentGate.save({ marketing: true }));
    await comeBack();
    expect(await a.evaluate(() => window.ConsentGate.has('marketing'))).toBe(true);
  });
});

// Expiry with a fake clock, a new revision, a corrupt cookie, a bad config: each counts as no
// decision, and a bad config fails closed.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CONFIG, banner, button, consentCommands, dialog, pageHtml, ran, settled, useHarness, waitForRan } from './harness';

const h = useHarness();
const DAY = 86_400_000;

const record = (page: Page) =>
  page.evaluate(() => (window as unknown as { ConsentGate: { get(): { revision: number; timestamp: string } | null } }).ConsentGate.get());

/** The page asks again: banner up, nothing gated ran, no decision, Consent Mode not granted. */
async function expectAskedAgain(page: Page) {
  await banner(page).waitFor();
  await settled(page);
  expect(await ran(page)).toEqual([]);
  expect(await record(page)).toBeNull();
  const granted = (await consentCommands(page)).filter(([, values]) => Object.entries(values).some(([k, v]) => v === 'granted' && k !== 'security_storage'));
  expect(granted).toEqual([]);
}

describe('expiry (fake clock)', () => {
  for (const choice of ['Accept all', 'Reject all'] as const) {
    it(`a decision ("${choice}") holds for 181 days and is void after 183 (expiresAfterDays 182)`, { timeout: 60_000 }, async () => {
      const s = await h.session();
      const start = Date.now();
      await s.context.clock.install({ time: start });
      const page = await s.open();
      await banner(page).waitFor();
      await button(banner(page), choice).click();
      await banner(page).waitFor({ state: 'hidden' });
      await page.close();

      await s.context.clock.setSystemTime(start + 181 * DAY);
      const later = await s.open();
      await settled(later);
      expect(await banner(later).isVisible()).toBe(false);
      expect(await record(later)).not.toBeNull();
      if (choice === 'Accept all') expect(await waitForRan(later, 4)).toEqual(['preferences', 'analytics', 'analytics-ext', 'marketing']);
      await later.close();

      // The cookie is still in the jar (its Max-Age runs on real time): the record's own timestamp voids it.
      await s.context.clock.setSystemTime(start + 183 * DAY);
      const expired = await s.open();
      expect((await s.context.cookies()).some((c) => c.name === 'consentgate')).toBe(true);
      await expectAskedAgain(expired);
    });
  }
});

describe('revision', () => {
  it('a raised revision asks again and runs nothing until the new choice', async () => {
    const s = await h.session();
    const page = await s.open({ config: { ...CONFIG, revision: 1 } });
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    await waitForRan(page, 4);

    const same = await s.open({ config: { ...CONFIG, revision: 1 } });
    await waitForRan(same, 4);
    expect(await banner(same).isVisible()).toBe(false);

    const raised = await s.open({ config: { ...CONFIG, revision: 2 } });
    await expectAskedAgain(raised);
    await button(banner(raised), 'Accept all').click();
    await waitForRan(raised, 4);
    expect((await record(raised))?.revision).toBe(2);
  });
});

describe('corrupt cookie', () => {
  it('any value that does not parse counts as no decision, without an error', { timeout: 90_000 }, async () => {
    const s = await h.session();
    const page = await s.open();
    await banner(page).waitFor();
    await button(banner(page), 'Accept all').click();
    await waitForRan(page, 4);
    const good = (await s.context.cookies()).find((c) => c.name === 'consentgate')?.value ?? '';
    expect(good.length).toBeGreaterThan(10);
    const flipped = good.slice(0, 8) + (good[8] === 'A' ? 'B' : 'A') + good.slice(9);
    const values = [
      'garbage',
      '%E0%A4%A',
      '{"categories":{"analytics":true}}',
      good.slice(0, Math.floor(good.length / 2)),
      flipped,
      good + good,
      'x'.repeat(3000),
      '',
    ];
    for (const value of values) {
      await s.context.addCookies([{ name: 'consentgate', value, url: h.server.origin }]);
      const next = await s.open();
      await expectAskedAgain(next);
      await next.close();
    }
    expect(s.pageErrors).toEqual([]);
  });
});

describe('bad config', () => {
  const BAD: Array<[string, string, RegExp?]> = [
    ['invalid JSON', '{ "categories": '],
    ['not an object', '[1, 2]'],
    ['a regex that does not compile', JSON.stringify({ categories: { necessary: {}, analytics: { cookies: [{ match: '([' }] } } }), /categories\.analytics\.cookies\[0\]\.match/],
    ['an unknown key', JSON.stringify({ ...CONFIG, categorys: {} }), /categorys/],
    ['expiresAfterDays out of range', JSON.stringify({ ...CONFIG, expiresAfterDays: 999 }), /expiresAfterDays/],
    ['no optional category', JSON.stringify({ categories: { necessary: {} } })],
  ];
  for (const [what, configText, path] of BAD) {
    it(`${what}: console.error "consentgate: …", nothing renders, nothing gated runs, nothing thrown`, async () => {
      const s = await h.session();
      const page = await s.open({ configText });
      await settled(page);
      const errors = s.consoleErrors.filter((e) => e.startsWith('consentgate:'));
      expect(errors).toHaveLength(1);
      if (path) expect(errors[0]).toMatch(path);
      expect(s.pageErrors).toEqual([]);
      expect(await banner(page).count()).toBe(0);
      // The triggers do nothing either; the page keeps working.
      await page.locator('#footer-settings').click();
      await page.locator('#page-button').click();
      expect(await page.locator('#count').textContent()).toBe('1');
      await settled(page);
      expect(await dialog(page).count()).toBe(0);
      expect(await ran(page)).toEqual([]);
      expect((await s.context.cookies()).map((c) => c.name)).toEqual([]);
    });
  }

  it('init() with a bad config throws ConsentGateConfigError listing the paths', async () => {
    const s = await h.session();
    const page = await s.open({ config: null });
    await settled(page);
    const error = await page.evaluate(() => {
      try {
        (window as unknown as { ConsentGate: { init(c: unknown): void } }).ConsentGate.init({ categories: { necessary: {}, analytics: { cookies: [{ match: '(' }] } }, layout: 'sideways' });
        return null;
      } catch (e) {
        return { name: (e as Error).name, message: (e as Error).message };
      }
    });
    expect(error?.name).toBe('ConsentGateConfigError');
    expect(error?.message).toMatch(/categories\.analytics\.cookies\[0\]\.match/);
    expect(error?.message).toMatch(/layout/);
    expect(await banner(page).count()).toBe(0);
  });
});

describe('fails closed', () => {
  it('without the script (blocked or failed to load) nothing gated runs and the page works', async () => {
    const s = await h.session();
    const page = await s.context.newPage();
    await page.goto(h.server.page(pageHtml({ noLibrary: true })));
    await page.locator('#page-button').click();
    expect(await page.locator('#count').textContent()).toBe('1');
    expect(await ran(page)).toEqual([]);
    expect(await s.context.cookies()).toEqual([]);
  });
});

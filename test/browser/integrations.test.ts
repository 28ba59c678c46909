// In a real browser: Consent Mode for every kind of decision, the server-side
// reader agreeing with a cookie Chromium wrote, and a demo decision found in the consent log
// under the id the preferences dialog shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../demo/serve.mjs';
import { readConsent } from '../../src/server';
import { CONFIG, DIST, POLL, banner, button, dataLayer, dialog, settled, switchFor, useHarness } from './harness';

const h = useHarness();
const SIGNALS = ['ad_personalization', 'ad_storage', 'ad_user_data', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage'];
const denied = Object.fromEntries(SIGNALS.map((s) => [s, s === 'security_storage' ? 'granted' : 'denied']));
// A Google tag configured after consentgate, as a site would have it.
const GTAG_CONFIG = `<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-TEST');</script>`;

type Entry = unknown[] | { event?: string; consentgate?: Record<string, boolean>; consentgate_action?: string };
const isCommand = (e: Entry, ...head: string[]): e is unknown[] => Array.isArray(e) && head.every((h, i) => e[i] === h);

/** The entries since `from`, checked to be exactly one update (all seven keys) followed by one consentgate_update. */
async function oneUpdateSince(page: Page, from: number): Promise<{ update: Record<string, string>; event: Entry }> {
  await expect.poll(async () => (await dataLayer(page)).length, POLL).toBeGreaterThanOrEqual(from + 2);
  const added = ((await dataLayer(page)) as Entry[]).slice(from);
  expect(added).toHaveLength(2);
  const [update, event] = added as [unknown[], Entry];
  expect(isCommand(update, 'consent', 'update')).toBe(true);
  expect(Object.keys(update[2] as object).sort()).toEqual(SIGNALS);
  expect((event as { event?: string }).event).toBe('consentgate_update');
  return { update: update[2] as Record<string, string>, event };
}

describe('Google Consent Mode v2 in Chromium', () => {
  it('default, then reject, custom and withdrawal: one update with all seven keys each, then the dataLayer event', async () => {
    const s = await h.session();
    const page = await s.open({ head: GTAG_CONFIG });
    await banner(page).waitFor();
    const layer = (await dataLayer(page)) as Entry[];
    // The default comes before the Google tag's own commands, and there is no update without a decision.
    const defaultAt = layer.findIndex((e) => isCommand(e, 'consent', 'default'));
    expect(defaultAt).toBe(0);
    expect((layer[0] as unknown[])[2]).toEqual({ ...denied, wait_for_update: 500 });
    expect(layer.findIndex((e) => isCommand(e, 'config'))).toBeGreaterThan(defaultAt);
    expect(layer.some((e) => isCommand(e, 'consent', 'update'))).toBe(false);

    let from = layer.length;
    await button(banner(page), 'Reject all').click();
    let { update, event } = await oneUpdateSince(page, from);
    expect(update).toEqual(denied);
    expect(event).toEqual({ event: 'consentgate_update', consentgate: { necessary: true, preferences: false, analytics: false, marketing: false }, consentgate_action: 'reject-all' });

    // Custom: analytics only, through the dialog.
    from = (await dataLayer(page)).length;
    await page.locator('#footer-settings').click();
    const d = dialog(page);
    await switchFor(d, 'Analytics').click();
    await button(d, 'Save choices').click();
    ({ update, event } = await oneUpdateSince(page, from));
    expect(update).toEqual({ ...denied, analytics_storage: 'granted' });
    expect((event as { consentgate_action?: string }).consentgate_action).toBe('custom');

    // Accept all, then withdraw everything from the footer trigger: the ad signals go back to denied.
    from = (await dataLayer(page)).length;
    await page.locator('#footer-settings').click();
    await button(dialog(page), 'Accept all').click();
    ({ update } = await oneUpdateSince(page, from));
    expect(update).toEqual(Object.fromEntries(SIGNALS.map((s) => [s, 'granted'])));
    from = (await dataLayer(page)).length;
    await page.locator('#footer-settings').click();
    await button(dialog(page), 'Reject all').click();
    ({ update } = await oneUpdateSince(page, from));
    expect(update).toEqual(denied);

    // Saving the same choice again sends nothing.
    from = (await dataLayer(page)).length;
    await page.locator('#footer-settings').click();
    await button(dialog(page), 'Reject all').click();
    await settled(page);
    expect((await dataLayer(page)).length).toBe(from);
    expect(s.offOrigin).toEqual([]);
  });

  it('init() called after the page parsed a gated Google tag: the tag, released by the stored grant, finds the update already queued', async () => {
    const s = await h.session();
    const first = await s.open();
    await button(banner(first), 'Accept all').click();
    await first.close();
    // The gated tag records the dataLayer as it finds it when it runs; init() comes after it (a bundle at the end of <body>).
    const tag = `<script type="text/plain" data-category="analytics">window.__seenByTag = Array.from(window.dataLayer || [], (e) => (e.length === undefined ? e : Array.from(e)));</script>`;
    const page = await s.open({ config: null, body: `${tag}<script>ConsentGate.init(${JSON.stringify(CONFIG)})</script>` });
    const seen = (await page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __seenByTag?: unknown }).__seenByTag ?? null)))) as Entry[] | null;
    expect(seen).not.toBeNull();
    const commands = seen!.filter((e): e is unknown[] => isCommand(e, 'consent')).map((e) => [e[1], e[2]]);
    expect(commands).toEqual([
      ['default', { ...denied, wait_for_update: 500 }],
      ['update', Object.fromEntries(SIGNALS.map((signal) => [signal, 'granted']))],
    ]);
    expect(seen!.at(-1)).toMatchObject({ event: 'consentgate_update', consentgate_action: 'accept-all' });
  });
});

describe('the server-side reader', () => {
  it('reads the cookie Chromium stored exactly as the page sees the decision, and refuses it when tampered', async () => {
    const s = await h.session();
    const page = await s.open();
    await button(banner(page), 'Preferences').click();
    await switchFor(dialog(page), 'Marketing').click();
    await button(dialog(page), 'Save choices').click();
    const inPage = await page.evaluate(() => (window as unknown as { ConsentGate: { get(): unknown } }).ConsentGate.get());
    const cookie = (await s.context.cookies()).find((c) => c.name === 'consentgate');
    expect(cookie).toBeDefined();
    // What a server receives: the Cookie request header, other cookies beside it.
    const header = `session=abc; consentgate=${cookie!.value}; theme=dark`;
    expect(readConsent(header)).toEqual(inPage);
    expect(readConsent(header, { revision: 2 })).toBeNull();
    expect(readConsent(header.replace(':1', ':2'))).toBeNull();
  });
});

describe('the demo and its consent log', () => {
  let demo: Demo;
  let origin: string;
  let dbDir: string;
  beforeAll(async () => {
    dbDir = mkdtempSync(join(tmpdir(), 'consentgate-log-'));
    demo = await startDemo({ port: 0, host: '127.0.0.1', distFile: DIST, log: { port: 0, dbPath: join(dbDir, 'consent.sqlite') } });
    origin = `http://127.0.0.1:${demo.port}`;
  });
  afterAll(async () => {
    await demo?.close();
    if (dbDir) rmSync(dbDir, { recursive: true, force: true });
  });

  it('each decision appears in GET /consent/:id under the id the preferences dialog shows', async () => {
    const s = await h.session({}, origin);
    const page = await s.context.newPage();
    await page.goto(origin + '/');
    await button(banner(page), 'Reject all').click();
    await page.locator('footer [data-consentgate="preferences"]').first().click();
    const d = dialog(page);
    await switchFor(d, 'Analytics').click();
    await button(d, 'Save choices').click();
    // Open the dialog again: it shows the decision's id, which the visitor can cite.
    await page.locator('footer [data-consentgate="preferences"]').first().click();
    const shown = (await dialog(page).textContent()) ?? '';
    const id = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/.exec(shown)?.[0];
    expect(id).toBeDefined();
    await expect
      .poll(async () => ((await (await fetch(`${origin}/consent/${id}`)).json()) as { history?: unknown[] }).history?.length ?? 0, POLL)
      .toBe(2);
    const log = (await (await fetch(`${origin}/consent/${id}`)).json()) as {
      id: string;
      history: Array<{ action: string; categories: Record<string, boolean>; url: string; textHash: string; language: string }>;
    };
    expect(log.id).toBe(id);
    const { history } = log;
    expect(history.map((r) => r.action)).toEqual(['reject-all', 'custom']);
    expect(history[1]).toMatchObject({ url: '/', language: 'en', categories: { necessary: true, preferences: false, analytics: true, marketing: false } });
    expect(history[1]!.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(history)).not.toMatch(/127\.0\.0\.1|HeadlessChrome|Mozilla/);
    expect(s.offOrigin).toEqual([]);
  });
});

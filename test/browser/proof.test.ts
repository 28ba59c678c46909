// The consent log seen from a real browser: after a decision the log holds the receipt and,
// by its hash, the very texts the banner showed; the stats page draws the consent rate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLogServer, type AccessLogEntry, type LogServer } from '../../packages/log-service/server.mjs';
import { CONFIG, POLL, TEXT, banner, button, useHarness } from './harness';

const h = useHarness();
const TOKEN = 'browser-test-token-0123456789';
let log: LogServer;
const access: AccessLogEntry[] = [];
const puts = () => access.filter((e) => e.method === 'PUT' && e.route === '/texts/:hash').length;
const heads = () => access.filter((e) => e.method === 'HEAD' && e.route === '/texts/:hash').length;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'consentgate-proof-'));
  // Another origin than the fixture pages: the receipt and the texts go through CORS, as on a
  // site whose log runs elsewhere.
  log = await startLogServer({
    port: 0,
    dbPath: join(dir, 'log.sqlite'),
    adminToken: TOKEN,
    corsOrigins: [h.server.origin],
    accessLog: (entry) => access.push(entry),
    onError: () => {},
  });
});
afterAll(async () => {
  await log?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const reply = await fetch(log.url + path, { headers });
  return { status: reply.status, text: await reply.text() };
};

describe('proof of consent in the browser', () => {
  it('the log holds the receipt and, by its hash, the texts the banner showed', async () => {
    const s = await h.session({}, h.server.origin);
    const page = await s.open({ config: { ...CONFIG, logEndpoint: `${log.url}/consent` } });
    const shownTitle = await banner(page).getByRole('heading').first().textContent();
    expect(shownTitle).toBe(TEXT.en.banner);
    await button(banner(page), TEXT.en.accept).click();
    const id = await page.evaluate(() => (window as unknown as { ConsentGate: { get(): { id: string } | null } }).ConsentGate.get()?.id);
    expect(id).toBeTruthy();

    let receipt: { textHash: string; language: string; action: string } | undefined;
    await expect
      .poll(async () => {
        const reply = await get(`/consent/${id}`);
        receipt = reply.status === 200 ? JSON.parse(reply.text).history[0] : undefined;
        return receipt?.action;
      }, POLL)
      .toBe('accept-all');
    let texts: { language: string; strings: Record<string, string> } | undefined;
    await expect
      .poll(async () => {
        const reply = await get(`/texts/${receipt!.textHash}`);
        texts = reply.status === 200 ? JSON.parse(reply.text) : undefined;
        return reply.status;
      }, POLL)
      .toBe(200);
    expect(texts!.language).toBe(receipt!.language);
    const strings = Object.values(texts!.strings);
    // What the visitor saw is in the stored texts: the banner's title and its buttons.
    for (const label of [shownTitle!, TEXT.en.accept, TEXT.en.reject, TEXT.en.preferences]) expect(strings).toContain(label);
    // Stored once: a second decision with the same wording asks the log and uploads nothing.
    expect(puts()).toBe(1);
    await page.evaluate(() => (window as unknown as { ConsentGate: { rejectAll(): void } }).ConsentGate.rejectAll());
    await expect.poll(() => heads(), POLL).toBe(2);
    expect(puts()).toBe(1);
    expect(await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('consentgate')))).toEqual([]);
  });

  it('the stats page asks for the token and draws the consent rate per day', async () => {
    const today = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < 4; i++) {
      await fetch(`${log.url}/consent/shown`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ revision: 1, language: 'en' }) });
    }
    const s = await h.session({}, new URL(log.url).origin);
    const page = await s.context.newPage();
    await page.goto(`${log.url}/stats.html`);
    await page.getByLabel('Admin token').fill('wrong-token-wrong-token');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/token not accepted/);

    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByLabel('From').fill(today);
    await page.getByRole('button', { name: 'Show' }).click();
    const table = page.getByRole('table', { name: /Per day/ });
    await table.waitFor();
    const row = table.getByRole('row', { name: new RegExp(today) });
    const cells = await row.getByRole('cell').allTextContents();
    // Shown 5: the 4 posted above and the first test's banner, which the interface counted itself.
    // That visitor accepted, then rejected: one id counts once a day, with its last decision:
    // 1 reject, 4 without a choice, consent rate 0 %.
    expect(cells).toEqual(['5', '0', '0', '1', '4', '0 %']);
    const chart = page.getByRole('img', { name: /Decisions per day.*consent rate 0 %/ });
    await expect.poll(() => chart.count(), POLL).toBe(1);
    expect(s.pageErrors).toEqual([]);
    // The page's CSP let its own script and style run (the one console error is the refused token's 403).
    expect(s.consoleErrors.filter((e) => !/status of 403/.test(e))).toEqual([]);
  });
});

// What the consent log can prove, and what keeps it honest: the texts behind every hash,
// tamper evidence (verify), export for an auditor, the server clock as the authority, limits
// per client, the consent rate, and the Set-Cookie renewal that outlives Safari's cap.
// Every test runs against SQLite and a real PostgreSQL 15.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLogServer, type LogServer, type LogServerOptions } from '../../packages/log-service/server.mjs';
import { createRecord, encodeRecord } from '../../src/core/record';
import { canonicalJson } from '../../packages/contract/index.mjs';
import { sha256Hex } from '../../src/integrations/receipt-sender';
import { postgresBackend, postgresStatus, sqliteBackend, type Backend, type TestDb } from './backends';
import { postReceipt, receipt, request } from './client';

const TOKEN = 'test-admin-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const DAY_MS = 86_400_000;
const CLI = fileURLToPath(new URL('../../packages/log-service/cli.mjs', import.meta.url));
const postgres = postgresStatus();

/** The texts as the banner reports them (UI texts() shape). */
const SHOWN = { language: 'nl', strings: { title: 'Cookietoestemming', accept: 'Alles accepteren', reject: 'Alles weigeren', body: 'Wij gebruiken “cookies”.' } };

const putText = (url: string, hash: string, body: string) =>
  request(url, `/texts/${hash}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body });

/** `consentgate-log <args>` with this environment; resolves to exit code and output. */
function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.each([
  { kind: 'sqlite', make: sqliteBackend, run: true },
  { kind: 'postgres', make: postgresBackend, run: postgres.run },
])('proof of consent on $kind', ({ kind, make, run }) => {
  if (!run) {
    it.skip(`PostgreSQL store (${postgres.reason ?? ''})`, () => {});
    return;
  }
  let backend: Backend;
  const toClose: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => {
    await backend?.stop();
  });
  afterEach(async () => {
    for (const item of toClose.splice(0).reverse()) await item.close();
  });

  async function fresh(extra: LogServerOptions = {}): Promise<{ db: TestDb; server: LogServer; url: string }> {
    const db = await backend.fresh();
    toClose.push(db);
    // No rate limit and a high connection cap unless a test sets them: the tests come from one address.
    const server = await startLogServer({ port: 0, adminToken: TOKEN, rateLimit: false, maxConnectionsPerClient: 4096, onError: (e) => console.error(e), ...db.options, ...extra });
    toClose.push(server);
    return { db, server, url: server.url };
  }

  /** A later decision time for the same id: n seconds after the first. */
  const later = (timestamp: string, seconds: number) => new Date(Date.parse(timestamp) + seconds * 1000).toISOString();
  const verify = async (url: string) => (await request(url, '/verify', { headers: AUTH })).json;

  describe('texts behind a hash', () => {
    it('stores the texts a receipt names and returns them, byte for byte, by that hash', async () => {
      const { url } = await fresh();
      const body = canonicalJson(SHOWN);
      const hash = await sha256Hex(body);
      expect(hash).toBe(createHash('sha256').update(body).digest('hex'));
      const sent = receipt({ textHash: hash, language: 'nl' });
      expect((await postReceipt(url, sent)).status).toBe(202);

      expect((await request(url, `/texts/${hash}`)).status).toBe(404);
      const first = await putText(url, hash, body);
      expect(first.status).toBe(201);
      expect((await putText(url, hash, body)).status).toBe(200); // idempotent
      const stored = (await request(url, `/consent/${sent.id}`)).json.history[0];
      const back = await request(url, `/texts/${stored.textHash}`);
      expect(back.status).toBe(200);
      expect(back.headers['content-type']).toMatch(/^application\/json/);
      expect(back.text).toBe(body);
      expect(JSON.parse(back.text)).toEqual(SHOWN);
    });

    it('refuses a body whose SHA-256 is not the hash, a body that is not canonical JSON, a bad hash and an oversized body', async () => {
      const { url } = await fresh({ maxTextBytes: 1024 });
      const body = canonicalJson(SHOWN);
      const hash = createHash('sha256').update(body).digest('hex');
      const other = createHash('sha256').update('x').digest('hex');
      const wrong = await putText(url, other, body);
      expect(wrong.status).toBe(400);
      expect(wrong.json.field).toBe('body');
      // The same value, pretty-printed: a different hash for the same wording is refused.
      const pretty = JSON.stringify(SHOWN, null, 2);
      const notCanonical = await putText(url, createHash('sha256').update(pretty).digest('hex'), pretty);
      expect(notCanonical.status).toBe(400);
      expect(notCanonical.json.error).toMatch(/canonical/);
      expect((await putText(url, hash.toUpperCase(), body)).status).toBe(400);
      expect((await putText(url, 'abc', body)).status).toBe(400);
      const big = canonicalJson({ strings: { a: 'x'.repeat(2000) } });
      expect((await putText(url, createHash('sha256').update(big).digest('hex'), big)).status).toBe(413);
      expect((await request(url, `/texts/${hash}`)).status).toBe(404);
    });
  });

  describe('tamper evidence', () => {
    it('verifies an untouched log, and one with receipts erased through DELETE and purged by retention', async () => {
      const { url } = await fresh();
      expect(await verify(url)).toMatchObject({ ok: true, checked: 0, problems: [] });
      const bodies = Array.from({ length: 12 }, () => receipt());
      for (const body of bodies) expect((await postReceipt(url, body)).status).toBe(202);
      expect((await postReceipt(url, { ...bodies[0]!, action: 'reject-all', timestamp: later(bodies[0]!.timestamp, 5) })).status).toBe(202);
      expect(await verify(url)).toMatchObject({ ok: true, checked: 13, problems: [] });
      expect((await request(url, `/consent/${bodies[0]!.id}`, { method: 'DELETE', headers: AUTH })).status).toBe(200);
      expect((await request(url, `/consent/${bodies[5]!.id}`, { method: 'DELETE', headers: AUTH })).status).toBe(200);
      const result = await verify(url);
      expect(result).toMatchObject({ ok: true, checked: 13, problems: [] });
      expect(result.head).toMatch(/^[0-9a-f]{64}$/);
      // Retention removes the oldest rows: not a problem either. Two receipts received 2000 days ago (the server's clock set back):
      const old = await fresh();
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        vi.setSystemTime(Date.now() - 2000 * DAY_MS);
        for (let i = 0; i < 2; i++) expect((await postReceipt(old.url, receipt({ timestamp: new Date().toISOString() }))).status).toBe(202);
      } finally {
        vi.useRealTimers();
      }
      for (let i = 0; i < 3; i++) expect((await postReceipt(old.url, receipt())).status).toBe(202);
      expect(await verify(old.url)).toMatchObject({ ok: true, checked: 5 });
      expect(await old.server.purge()).toBe(2);
      expect(await verify(old.url)).toMatchObject({ ok: true, checked: 3, problems: [] });
      // A purge of everything leaves an empty, intact log.
      await old.db.exec(`DELETE FROM consent_log WHERE seq > 0`);
      expect((await verify(old.url)).ok).toBe(false);
    });

    it('detects an edited row, a removed row, a removed newest row and a tombstone made outside DELETE', async () => {
      const { db, url } = await fresh();
      const bodies = Array.from({ length: 6 }, () => receipt({ action: 'reject-all' }));
      for (const body of bodies) expect((await postReceipt(url, body)).status).toBe(202);
      const seqs = (await db.rows()).map((r) => Number(r.seq));
      const problemsAt = async () => ((await verify(url)).problems as Array<{ seq: number | null; problem: string }>).map((p) => [p.seq, p.problem]);

      await db.exec(`UPDATE consent_log SET action = 'accept-all' WHERE seq = ${seqs[1]}`);
      expect(await problemsAt()).toEqual([[seqs[1], 'content changed']]);
      await db.exec(`UPDATE consent_log SET action = 'reject-all' WHERE seq = ${seqs[1]}`);
      expect((await verify(url)).ok).toBe(true);

      const original = (await db.rows())[2]!.received_at;
      const moved = new Date(Date.now() - DAY_MS).toISOString();
      await db.exec(`UPDATE consent_log SET received_at = '${moved}' WHERE seq = ${seqs[2]}`);
      expect(await problemsAt()).toEqual([[seqs[2], 'time or hashes changed']]);
      await db.exec(`UPDATE consent_log SET received_at = '${original instanceof Date ? original.toISOString() : original}' WHERE seq = ${seqs[2]}`);
      expect((await verify(url)).ok).toBe(true);

      await db.exec(`DELETE FROM consent_log WHERE seq = ${seqs[3]}`);
      expect(await problemsAt()).toEqual([[seqs[4], expect.stringMatching(/row before this one is missing/)]]);

      const other = await fresh();
      for (const body of bodies) expect((await postReceipt(other.url, body)).status).toBe(202);
      const otherSeqs = (await other.db.rows()).map((r) => Number(r.seq));
      await other.db.exec(`DELETE FROM consent_log WHERE seq = ${otherSeqs.at(-1)}`);
      const tail = await verify(other.url);
      expect(tail.ok).toBe(false);
      expect(tail.problems).toEqual([{ seq: null, problem: expect.stringMatching(/newest rows are missing/) }]);

      const third = await fresh();
      for (const body of bodies.slice(0, 2)) expect((await postReceipt(third.url, body)).status).toBe(202);
      const thirdSeqs = (await third.db.rows()).map((r) => Number(r.seq));
      const at = new Date().toISOString();
      await third.db.exec(
        `UPDATE consent_log SET consent_id = NULL, decided_at = NULL, revision = NULL, action = NULL, categories = NULL, gpc = NULL,
           language = NULL, url = NULL, text_hash = NULL, erased_at = '${at}', erasure_hash = '${'0'.repeat(64)}' WHERE seq = ${thirdSeqs[0]}`,
      );
      expect((await verify(third.url)).problems).toEqual([{ seq: thirdSeqs[0], problem: 'erased other than through DELETE' }]);
    });

    it('seals receipts stored before the hash chain into it on the first start', async () => {
      const db = await backend.fresh();
      toClose.push(db);
      if (db.options.dbPath) mkdirSync(dirname(db.options.dbPath), { recursive: true });
      // The schema as it was before the chain: migrations 1 and 2, and rows written then.
      const dir = fileURLToPath(new URL(`../../packages/log-service/migrations/${kind}/`, import.meta.url));
      await db.exec(
        kind === 'sqlite'
          ? 'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT'
          : 'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)',
      );
      for (const [version, name] of [
        [1, 'consent_log'],
        [2, 'revision_zero'],
      ] as const) {
        await db.exec(readFileSync(`${dir}00${version}_${name}.sql`, 'utf8'));
        await db.exec(`INSERT INTO schema_migrations VALUES (${version}, '${name}', '${new Date().toISOString()}')`);
      }
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      for (const id of ids) await db.plant(id, 'accept-all', new Date(Date.now() - DAY_MS));
      const server = await startLogServer({ port: 0, adminToken: TOKEN, rateLimit: false, onError: () => {}, ...db.options });
      toClose.push(server);
      expect(await verify(server.url)).toMatchObject({ ok: true, checked: 3 });
      expect((await postReceipt(server.url, receipt())).status).toBe(202);
      expect(await verify(server.url)).toMatchObject({ ok: true, checked: 4 });
      expect((await request(server.url, `/consent/${ids[0]}`)).json.history).toHaveLength(1);
      // Sealed once: a row written past the service later is not sealed by the next start.
      await db.plant(randomUUID(), 'custom', new Date());
      await server.close();
      const again = await startLogServer({ port: 0, adminToken: TOKEN, rateLimit: false, onError: () => {}, ...db.options });
      toClose.push(again);
      expect((await verify(again.url)).problems).toEqual([{ seq: expect.any(Number), problem: 'not sealed: the row was written outside the service' }]);
    });

    it('the command line verifies too: exit 0 and the head when intact, 1 and the problems when not', async () => {
      const { db, url, server } = await fresh();
      for (let i = 0; i < 3; i++) expect((await postReceipt(url, receipt())).status).toBe(202);
      const head = (await verify(url)).head;
      await server.close();
      const good = await runCli(['verify'], db.env);
      expect(good.output).toContain(head);
      expect(good.code).toBe(0);
      await db.exec(`UPDATE consent_log SET url = '/elsewhere' WHERE seq = (SELECT min(seq) FROM consent_log)`);
      const bad = await runCli(['verify'], db.env);
      expect(bad.output).toMatch(/content changed/);
      expect(bad.code).toBe(1);
    }, 60_000);
  });

  describe('export', () => {
    it('streams a day range as JSONL and CSV that equal what was stored', async () => {
      const { db, url } = await fresh();
      const bodies = Array.from({ length: 25 }, (_, i) => receipt({ categories: { necessary: true, analytics: i % 2 === 0 }, url: `/p/${i}` }));
      for (const body of bodies) expect((await postReceipt(url, body)).status).toBe(202);
      expect((await request(url, `/consent/${bodies[3]!.id}`, { method: 'DELETE', headers: AUTH })).status).toBe(200);
      await db.plant(randomUUID(), 'custom', new Date(Date.now() - 10 * DAY_MS));
      const today = new Date().toISOString().slice(0, 10);

      const jsonl = await request(url, `/export?from=${today}&to=${today}&format=jsonl`, { headers: AUTH });
      expect(jsonl.status).toBe(200);
      expect(jsonl.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const exported = jsonl.text.trimEnd().split('\n').map((line) => JSON.parse(line));
      const stored = (await db.rows()).filter((r) => new Date(String(r.received_at instanceof Date ? r.received_at.toISOString() : r.received_at)).toISOString().startsWith(today));
      expect(exported).toHaveLength(25);
      expect(exported.map((r) => r.seq)).toEqual(stored.map((r) => Number(r.seq)));
      for (const [i, row] of exported.entries()) {
        const body = bodies[i]!;
        if (i === 3) {
          expect(row).toMatchObject({ id: null, action: null, categories: null });
          expect(row.erasedAt).toMatch(/^\d{4}-/);
          continue;
        }
        expect(row).toMatchObject({ id: body.id, timestamp: body.timestamp, action: body.action, categories: body.categories, url: body.url, textHash: body.textHash });
        expect(row.chainHash).toBe(stored[i]!.chain_hash);
      }

      const csv = await request(url, `/export?from=${today}&to=${today}&format=csv`, { headers: AUTH });
      expect(csv.status).toBe(200);
      const lines = csv.text.trimEnd().split('\n');
      expect(lines[0]).toBe('seq,receivedAt,id,timestamp,revision,action,categories,gpc,language,url,textHash,erasedAt,contentHash,prevHash,prevReceivedAt,chainHash,erasureHash');
      expect(lines).toHaveLength(26);
      expect(lines[1]).toContain(`${bodies[0]!.id},${bodies[0]!.timestamp}`);
      expect(lines[1]).toContain('"{""necessary"":true,""analytics"":true}"'); // the JSON text, quoted as CSV needs

      const earlier = new Date(Date.now() - 10 * DAY_MS).toISOString().slice(0, 10);
      const old = await request(url, `/export?from=${earlier}&to=${earlier}`, { headers: AUTH });
      expect(old.text.trimEnd().split('\n')).toHaveLength(1);
      expect((await request(url, `/export?from=${today}&to=${today}`)).status).toBe(401);
      expect((await request(url, `/export?from=${today}`, { headers: AUTH })).json.field).toBe('to');
      expect((await request(url, `/export?from=${today}&to=${earlier}`, { headers: AUTH })).json.field).toBe('to');
      expect((await request(url, `/export?from=${today}&to=${today}&format=xml`, { headers: AUTH })).json.field).toBe('format');
    });

    it('pages through more rows than one batch without losing or repeating any', async () => {
      const { url } = await fresh();
      const ids = new Set<string>();
      for (let start = 0; start < 1150; start += 50) {
        const batch = Array.from({ length: 50 }, () => receipt());
        for (const b of batch) ids.add(b.id);
        const replies = await Promise.all(batch.map((b) => postReceipt(url, b)));
        expect(replies.every((r) => r.status === 202)).toBe(true);
      }
      const today = new Date().toISOString().slice(0, 10);
      const reply = await request(url, `/export?from=${today}&to=${today}`, { headers: AUTH });
      const rows = reply.text.trimEnd().split('\n').map((line) => JSON.parse(line));
      expect(rows).toHaveLength(1150);
      expect(new Set(rows.map((r) => r.id))).toEqual(ids);
    }, 60_000);
  });

  describe('the server clock is the authority', () => {
    it('refuses back-dated and future receipts, and accepts late ones within the cookie lifetime', async () => {
      const { db, url } = await fresh({ consentCookie: { expiresAfterDays: 30 } });
      const at = (ms: number) => new Date(Date.now() + ms).toISOString();
      const backDated = await postReceipt(url, receipt({ timestamp: '2020-01-01T00:00:00.000Z' }));
      expect(backDated.status).toBe(400);
      expect(backDated.json).toMatchObject({ field: 'timestamp', error: expect.stringMatching(/30 days before/) });
      expect((await postReceipt(url, receipt({ timestamp: at(-31 * DAY_MS) }))).status).toBe(400);
      const future = await postReceipt(url, receipt({ timestamp: at(60 * 60_000) }));
      expect(future.status).toBe(400);
      expect(future.json.error).toMatch(/ahead of the server clock/);
      // A late receipt (queued, sent on a later page view) and a slightly fast clock are fine.
      expect((await postReceipt(url, receipt({ timestamp: at(-29 * DAY_MS) }))).status).toBe(202);
      expect((await postReceipt(url, receipt({ timestamp: at(60_000) }))).status).toBe(202);
      expect(await db.rows()).toHaveLength(2);
    });

    it('never lets an older receipt rewrite a newer one for the same id; a retry is stored once', async () => {
      const { db, url } = await fresh();
      const first = receipt({ action: 'reject-all', timestamp: new Date(Date.now() - 60_000).toISOString() });
      expect((await postReceipt(url, first)).status).toBe(202);
      const retry = await postReceipt(url, first);
      expect(retry.status).toBe(202);
      expect(retry.json.status).toBe('duplicate');
      const forged = await postReceipt(url, { ...first, action: 'accept-all', timestamp: new Date(Date.parse(first.timestamp) - 1000).toISOString() });
      expect(forged.status).toBe(409);
      expect(forged.json.field).toBe('timestamp');
      const sameTime = await postReceipt(url, { ...first, action: 'accept-all' });
      expect(sameTime.status).toBe(409);
      expect((await postReceipt(url, { ...first, action: 'custom', timestamp: later(first.timestamp, 1) })).status).toBe(202);
      const history = (await request(url, `/consent/${first.id}`)).json.history;
      expect(history.map((h: { action: string }) => h.action)).toEqual(['reject-all', 'custom']);
      expect(await db.rows()).toHaveLength(2);
    });
  });

  describe('limits per client', () => {
    it('answers a burst from one client with 429 and Retry-After while another client’s receipts land', async () => {
      const { db, url } = await fresh({ rateLimit: { perSecond: 2, burst: 10 } });
      const burst = await Promise.all(Array.from({ length: 40 }, () => postReceipt(url, receipt(), {}, '127.0.0.1')));
      const limited = burst.filter((r) => r.status === 429);
      expect(burst.filter((r) => r.status === 202).length).toBeLessThanOrEqual(11);
      expect(limited.length).toBeGreaterThanOrEqual(29);
      for (const reply of limited) expect(Number(reply.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const others = await Promise.all(Array.from({ length: 5 }, () => postReceipt(url, receipt(), {}, '127.0.0.2')));
      expect(others.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
      expect((await db.rows()).length).toBe(40 - limited.length + 5);
      // Behind a proxy the configured header names the client; the socket's address does not.
      const proxied = await fresh({ rateLimit: { perSecond: 1, burst: 2 }, clientAddressHeader: 'x-forwarded-for' });
      const from = (address: string) => postReceipt(proxied.url, receipt(), { 'X-Forwarded-For': `198.51.100.1, ${address}` });
      expect([(await from('192.0.2.1')).status, (await from('192.0.2.1')).status, (await from('192.0.2.1')).status]).toEqual([202, 202, 429]);
      expect((await from('192.0.2.2')).status).toBe(202);
    });

    it('1,100 idle connections from one client do not stop another, and idle and slow clients are cut off on time', async () => {
      const { url } = await fresh({ headersTimeoutMs: 4000, requestTimeoutMs: 4000, maxConnectionsPerClient: 32 });
      const port = Number(new URL(url).port);
      const sockets: net.Socket[] = [];
      /** How long each connection lived, from connect to close (-1: refused before connecting). */
      const lived: number[] = [];
      const open = (target = port, write?: (socket: net.Socket) => void) =>
        new Promise<void>((resolve) => {
          const socket = net.connect({ host: '127.0.0.1', port: target, localAddress: '127.0.0.2' });
          sockets.push(socket);
          let connectedAt = 0;
          socket.on('error', () => {});
          socket.once('connect', () => {
            connectedAt = Date.now();
            write?.(socket);
            resolve();
          });
          socket.once('close', () => {
            lived.push(connectedAt ? Date.now() - connectedAt : -1);
            resolve();
          });
        });
      try {
        await Promise.all(Array.from({ length: 1100 }, () => open()));
        const started = Date.now();
        const reply = await request(url, '/health', { localAddress: '127.0.0.1' });
        expect(reply.status).toBe(200);
        // Served without waiting for the idle connections to time out.
        expect(Date.now() - started).toBeLessThan(3000);
        // Past the 32 the server keeps per client, connections are closed at once; the 32
        // when they have sent nothing for 4 s.
        await expect.poll(() => lived.length, { timeout: 10_000, interval: 100 }).toBe(1100);
        expect(lived.filter((ms) => ms >= 3900).length).toBeLessThanOrEqual(32);
        expect(Math.max(...lived)).toBeLessThan(7000);

        // A slow client: headers one byte at a time never complete; Node's headersTimeout,
        // checked every second here, ends it.
        const strict = await fresh({ headersTimeoutMs: 1000, requestTimeoutMs: 1000 });
        lived.length = 0;
        const drip = setInterval(() => sockets.at(-1)?.write('x'), 200);
        await open(Number(new URL(strict.url).port), (socket) => socket.write('POST /consent HTTP/1.1\r\nHost: x\r\nX-Slow: '));
        await expect.poll(() => lived.length, { timeout: 5000 }).toBe(1);
        clearInterval(drip);
        expect(lived[0]).toBeLessThan(3500);
      } finally {
        for (const socket of sockets) socket.destroy();
      }
    }, 30_000);
  });

  describe('consent rate', () => {
    it('counts the first layer anonymously and reports shown, accept, reject, custom and noChoice per day', async () => {
      const { db, url } = await fresh();
      const shown = (body: unknown, headers: Record<string, string> = {}) =>
        request(url, '/consent/shown', { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
      for (let i = 0; i < 5; i++) expect((await shown({ revision: 3, language: 'nl' }, { Cookie: 'consentgate=x' })).status).toBe(204);
      expect((await shown({ revision: 3, language: 'en' })).status).toBe(204);
      for (const [body, field] of [
        [{ revision: -1, language: 'nl' }, 'revision'],
        [{ revision: 3, language: 'n l' }, 'language'],
        [{ revision: 3, language: 'nl', id: randomUUID() }, 'id'],
        [[1], 'body'],
      ] as const) {
        const reply = await shown(body);
        expect(reply.status).toBe(400);
        expect(reply.json.field).toBe(field);
      }
      const first = receipt({ action: 'accept-all' });
      for (const body of [first, { ...first, action: 'reject-all' as const, timestamp: later(first.timestamp, 1) }, receipt({ action: 'custom' })]) {
        expect((await postReceipt(url, body)).status).toBe(202);
      }
      const today = new Date().toISOString().slice(0, 10);
      const stats = await request(url, `/stats?from=${today}`, { headers: AUTH });
      // One id decided twice today counts once, with its last decision.
      expect(stats.json.days).toEqual([{ day: today, shown: 6, accept: 0, reject: 1, custom: 1, noChoice: 4 }]);
      // Nothing about the visitor is kept: the counter table has day, revision, language and a number.
      expect(await db.columns('consent_shown')).toEqual(['day', 'revision', 'language', 'shown']);
    });

    it('serves a stats page that loads nothing from other hosts', async () => {
      const { url } = await fresh();
      const page = await request(url, '/stats.html');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(page.headers['content-security-policy']).toMatch(/connect-src 'self'/);
      expect(page.text).toMatch(/<label>Admin token <input name="token" type="password"/);
      expect(page.text).not.toMatch(/\b(src|href)="?https?:/);
    });
  });

  describe('Safari: the consent cookie re-issued by the server', () => {
    it('answers a receipt that arrives with its consent cookie with Set-Cookie: same value, same expiry', async () => {
      const { url } = await fresh({ consentCookie: { name: 'cg', expiresAfterDays: 200, path: '/', sameSite: 'Lax' } });
      const time = Date.now() - 5000;
      const record = createRecord(randomUUID(), { necessary: true, analytics: false }, 'custom', false, 1, 200, time);
      const value = encodeRecord(record);
      const body = receipt({ id: record.id, timestamp: record.timestamp, categories: record.categories, action: 'custom' });
      const reply = await postReceipt(url, body, { Cookie: `other=1; cg=${value}`, Origin: 'https://www.example.nl' });
      expect(reply.status).toBe(202);
      const setCookie = reply.headers['set-cookie'];
      expect(setCookie).toHaveLength(1);
      const parts = setCookie![0]!.split('; ');
      expect(parts[0]).toBe(`cg=${value}`);
      expect(parts).toContain(`Expires=${new Date(time + 200 * DAY_MS).toUTCString()}`);
      expect(new Date(record.expires).toUTCString()).toBe(new Date(time + 200 * DAY_MS).toUTCString()); // the browser's own expiry
      expect(parts).toEqual(expect.arrayContaining(['Path=/', 'SameSite=Lax', 'Secure']));

      // Another decision's cookie, a malformed one, or none: nothing is set.
      const other = receipt();
      for (const cookie of [`cg=${value}`, 'cg=cg1|junk', '']) {
        const again = await postReceipt(url, other, cookie ? { Cookie: cookie } : {});
        expect(again.headers['set-cookie'], cookie).toBeUndefined();
      }
      const off = await fresh({ consentCookie: false });
      expect((await postReceipt(off.url, body, { Cookie: `consentgate=${value}` })).headers['set-cookie']).toBeUndefined();
    });
  });

  if (kind === 'sqlite') {
    it('keeps the limits configurable and refuses nonsense', async () => {
      const db = await backend.fresh();
      toClose.push(db);
      await expect(startLogServer({ port: 0, ...db.options, rateLimit: { perSecond: 0, burst: 1 } })).rejects.toThrow(/rateLimit/);
      await expect(startLogServer({ port: 0, ...db.options, headersTimeoutMs: 2000, requestTimeoutMs: 1000 })).rejects.toThrow(/requestTimeoutMs/);
      await expect(startLogServer({ port: 0, ...db.options, consentCookie: { expiresAfterDays: 400 } })).rejects.toThrow(/expiresAfterDays/);
    });
  }
});

// One suite, two stores: every behaviour of the consent log service is
// checked against SQLite and against a real PostgreSQL 15 started for the run.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLogServer, type AccessLogEntry, type LogServer, type LogServerOptions } from '../../packages/log-service/server.mjs';
import { postgresBackend, postgresStatus, sqliteBackend, type Backend, type TestDb } from './backends';
import { killLeftovers, postReceipt, receipt, request, spawnService, type Reply } from './client';

const TOKEN = 'test-admin-token-0123456789';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const DAY_MS = 86_400_000;
// Child processes, hundreds of requests: room for a slow or busy machine.
const HEAVY_TIMEOUT = 90_000;
// Every schema version, in order: a second start must apply none of them again.
const MIGRATIONS = [
  { version: 1, name: 'consent_log' },
  { version: 2, name: 'revision_zero' },
  { version: 3, name: 'chain' },
  { version: 4, name: 'texts_and_shown' },
];
const FIELDS = ['id', 'timestamp', 'revision', 'categories', 'action', 'gpc', 'language', 'url', 'textHash'] as const;

const postgres = postgresStatus();
if (!postgres.run) console.warn(`consentgate: the PostgreSQL half of the log service suite is skipped: ${postgres.reason}`);

describe.each([
  { kind: 'sqlite', make: sqliteBackend, run: true },
  { kind: 'postgres', make: postgresBackend, run: postgres.run },
])('consent log on $kind', ({ kind, make, run }) => {
  if (!run) {
    it.skip(`PostgreSQL store (${postgres.reason ?? ''})`, () => {});
    return;
  }

  let backend: Backend;
  const toClose: Array<{ close(): Promise<void> }> = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    backend = await make();
  });
  afterAll(async () => {
    await backend?.stop();
  });
  afterEach(async () => {
    killLeftovers();
    // Servers first, then the side connections, newest first.
    for (const item of toClose.splice(0).reverse()) await item.close();
    errors.length = 0;
  });

  async function freshDb(): Promise<TestDb> {
    const db = await backend.fresh();
    toClose.push(db);
    return db;
  }

  async function start(db: TestDb, extra: LogServerOptions = {}): Promise<LogServer> {
    // No rate limit unless a test sets one: these tests send many requests from one address.
    const server = await startLogServer({ port: 0, adminToken: TOKEN, rateLimit: false, maxConnectionsPerClient: 4096, onError: (e) => errors.push(e), ...db.options, ...extra });
    toClose.push(server);
    return server;
  }

  async function fresh(extra: LogServerOptions = {}) {
    const db = await freshDb();
    const server = await start(db, extra);
    return { db, server, url: server.url };
  }

  describe('POST /consent', () => {
    it('answers 202 once the row is committed: another connection already reads it', async () => {
      const { db, url } = await fresh();
      const body = receipt({ action: 'accept-all', gpc: true, language: 'nl', url: '/nl/prijzen' });
      const reply = await postReceipt(url, body);
      expect(reply.status).toBe(202);
      expect(reply.json).toEqual({ status: 'stored', id: body.id });
      const rows = await db.rows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ consent_id: body.id, decided_at: body.timestamp, revision: 1, action: 'accept-all' });
      expect(rows[0]?.text_hash).toBe(body.textHash);
    });

    it('never answers 202 for a row the database refused: 503, and the batch around it is kept', async () => {
      const { db, url } = await fresh();
      await db.refuseUrl('/refused');
      const good = Array.from({ length: 6 }, () => receipt({ url: '/ok' }));
      const bad = receipt({ url: '/refused' });
      const replies = await Promise.all([...good.slice(0, 3), bad, ...good.slice(3)].map((b) => postReceipt(url, b)));
      expect(replies.map((r) => r.status)).toEqual([202, 202, 202, 503, 202, 202, 202]);
      expect(replies[3]?.headers['retry-after']).toBe('5');
      const rows = await db.rows();
      expect(rows.map((r) => r.consent_id).sort()).toEqual(good.map((g) => g.id).sort());
      expect(errors.length).toBeGreaterThan(0);
    });

    it('accepts upper-case ids and hashes and stores them in lower case', async () => {
      const { db, url } = await fresh();
      const body = receipt({ textHash: 'AB'.repeat(32) });
      const reply = await postReceipt(url, { ...body, id: body.id.toUpperCase() });
      expect(reply.status).toBe(202);
      expect((await db.rows())[0]).toMatchObject({ consent_id: body.id, text_hash: 'ab'.repeat(32) });
    });

    it('answers 400 with a message naming the field', async () => {
      const { db, url } = await fresh();
      const base = receipt();
      const { textHash: _omit, ...withoutHash } = base;
      const cases: Array<[string, unknown, string]> = [
        ['id not a UUID', { ...base, id: 'not-a-uuid' }, 'id'],
        ['id a UUID v1', { ...base, id: '6ba7b810-9dad-11d1-80b4-00c04fd430c8' }, 'id'],
        ['id a number', { ...base, id: 42 }, 'id'],
        ['timestamp without zone', { ...base, timestamp: '2026-01-31T12:00:00' }, 'timestamp'],
        ['timestamp 13th month', { ...base, timestamp: '2026-13-01T00:00:00Z' }, 'timestamp'],
        ['timestamp 30 February', { ...base, timestamp: '2026-02-30T00:00:00Z' }, 'timestamp'],
        ['timestamp epoch number', { ...base, timestamp: 1767225600000 }, 'timestamp'],
        ['revision negative', { ...base, revision: -1 }, 'revision'],
        ['revision fractional', { ...base, revision: 1.5 }, 'revision'],
        ['revision string', { ...base, revision: '1' }, 'revision'],
        ['revision beyond six digits', { ...base, revision: 1_000_000 }, 'revision'],
        ['categories array', { ...base, categories: [true] }, 'categories'],
        ['categories empty', { ...base, categories: {} }, 'categories'],
        ['category not boolean', { ...base, categories: { analytics: 'yes' } }, 'categories.analytics'],
        ['action unknown', { ...base, action: 'accept' }, 'action'],
        ['gpc string', { ...base, gpc: 'true' }, 'gpc'],
        ['language number', { ...base, language: 5 }, 'language'],
        ['language junk', { ...base, language: 'en us' }, 'language'],
        ['url with query', { ...base, url: '/pricing?utm_source=x' }, 'url'],
        ['url with fragment', { ...base, url: '/pricing#top' }, 'url'],
        ['url absolute', { ...base, url: 'https://www.example.nl/pricing' }, 'url'],
        ['textHash short', { ...base, textHash: 'abc' }, 'textHash'],
        ['textHash not hex', { ...base, textHash: 'z'.repeat(64) }, 'textHash'],
        ['textHash missing', withoutHash, 'textHash'],
        ['an extra field', { ...base, ip: '203.0.113.9' }, 'ip'],
        ['an array body', [base], 'body'],
        ['null body', null, 'body'],
      ];
      for (const [label, body, field] of cases) {
        const reply = await postReceipt(url, JSON.stringify(body));
        expect(reply.status, label).toBe(400);
        expect(reply.json.field, label).toBe(field);
        expect(reply.json.error, label).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
      }
      const broken = await postReceipt(url, '{"id": ');
      expect(broken.status).toBe(400);
      expect(broken.json).toMatchObject({ field: 'body', error: 'body: not valid JSON' });
      const notUtf8 = await request(url, '/consent', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]),
      });
      expect(notUtf8.status).toBe(400);
      expect(notUtf8.json.field).toBe('body');
      expect(await db.rows()).toHaveLength(0);
    });

    it('answers 415 for anything but application/json', async () => {
      const { db, url } = await fresh();
      const body = JSON.stringify(receipt());
      for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
        const headers: Record<string, string> = type ? { 'Content-Type': type } : {};
        const reply = await request(url, '/consent', { method: 'POST', headers, body });
        expect(reply.status, String(type)).toBe(415);
      }
      expect(await db.rows()).toHaveLength(0);
      expect((await postReceipt(url, body, { 'Content-Type': 'Application/JSON; charset=utf-8' })).status).toBe(202);
    });

    it('answers 413 over 4 KB, declared or chunked, and takes exactly 4096 bytes', async () => {
      const { db, url } = await fresh();
      const json = JSON.stringify(receipt());
      const exact = json + ' '.repeat(4096 - Buffer.byteLength(json));
      expect((await postReceipt(url, exact)).status).toBe(202);
      expect((await postReceipt(url, exact + ' ')).status).toBe(413);
      const chunked = await request(url, '/consent', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(receipt({ language: 'x'.repeat(6000) })),
        chunked: true,
      });
      expect(chunked.status).toBe(413);
      expect(chunked.json.field).toBe('body');
      expect(await db.rows()).toHaveLength(1);
    });
  });

  describe('routes', () => {
    it('answers 404 for unknown paths and 405 with Allow for wrong methods', async () => {
      const { url } = await fresh();
      expect((await request(url, '/')).status).toBe(404);
      expect((await request(url, '/consent/a/b')).status).toBe(404);
      const put = await request(url, '/consent', { method: 'PUT' });
      expect(put.status).toBe(405);
      expect(put.headers.allow).toContain('POST');
      const get = await request(url, '/consent');
      expect(get.status).toBe(405);
      const postHealth = await request(url, '/health', { method: 'POST' });
      expect(postHealth.status).toBe(405);
      expect((await request(url, `/consent/${randomUUID()}`, { method: 'PATCH' })).status).toBe(405);
      expect((await request(url, '/stats', { method: 'POST', headers: AUTH })).status).toBe(405);
    });

    it('GET /health reports the store', async () => {
      const { url } = await fresh();
      const reply = await request(url, '/health');
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ status: 'ok', store: kind });
      expect((await request(url, '/health', { method: 'HEAD' })).status).toBe(200);
    });
  });

  describe('GET /consent/:id', () => {
    it('returns the history of one id, oldest first, as it was sent', async () => {
      const { url } = await fresh();
      const first = receipt({ action: 'accept-all', categories: { necessary: true, marketing: true, analytics: true } });
      const second = receipt({
        id: first.id,
        timestamp: new Date(Date.parse(first.timestamp) + 1000).toISOString(),
        action: 'custom',
        revision: 2,
        categories: { necessary: true, marketing: false, analytics: true },
      });
      const other = receipt();
      for (const body of [first, other, second]) expect((await postReceipt(url, body)).status).toBe(202);

      const reply = await request(url, `/consent/${first.id.toUpperCase()}`);
      expect(reply.status).toBe(200);
      expect(reply.json.id).toBe(first.id);
      const history = reply.json.history as Array<Record<string, unknown>>;
      expect(history).toHaveLength(2);
      for (const [entry, sent] of [
        [history[0], first],
        [history[1], second],
      ] as const) {
        const { id: _id, ...fields } = sent;
        expect(entry).toMatchObject(fields);
        expect(Object.keys(entry?.categories as object)).toEqual(Object.keys(sent.categories)); // key order kept
        expect(Number.isNaN(Date.parse(String(entry?.receivedAt)))).toBe(false);
      }
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const { url } = await fresh();
      expect((await request(url, `/consent/${randomUUID()}`)).status).toBe(404);
      const bad = await request(url, '/consent/12345');
      expect(bad.status).toBe(400);
      expect(bad.json.field).toBe('id');
    });
  });

  describe('admin endpoints', () => {
    it('DELETE /consent/:id erases every receipt of that id and nothing else', async () => {
      const { db, url } = await fresh();
      const mine = receipt();
      const kept = receipt();
      const later = receipt({ id: mine.id, action: 'reject-all', timestamp: new Date(Date.parse(mine.timestamp) + 1000).toISOString() });
      for (const body of [mine, later, kept]) expect((await postReceipt(url, body)).status).toBe(202);

      const reply = await request(url, `/consent/${mine.id}`, { method: 'DELETE', headers: AUTH });
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ id: mine.id, erased: 2 });
      expect((await request(url, `/consent/${mine.id}`)).status).toBe(404);
      // Erasure leaves tombstones: when (received, erased), not what.
      const rows = await db.rows();
      expect(rows.map((r) => r.consent_id)).toEqual([null, null, kept.id]);
      for (const row of rows.slice(0, 2)) {
        expect(row.erased_at).not.toBeNull();
        for (const column of ['decided_at', 'revision', 'action', 'categories', 'gpc', 'language', 'url', 'text_hash']) expect(row[column], column).toBeNull();
      }
      expect(JSON.stringify(rows.slice(0, 2))).not.toContain(mine.id);
      expect((await request(url, `/consent/${mine.id}`, { method: 'DELETE', headers: AUTH })).status).toBe(404);
      expect((await request(url, '/consent/nope', { method: 'DELETE', headers: AUTH })).status).toBe(400);
    });

    it('GET /stats counts accept, reject and custom per UTC day, with an optional range', async () => {
      const { db, url } = await fresh();
      const actions = ['accept-all', 'accept-all', 'reject-all', 'custom', 'custom', 'custom'] as const;
      for (const action of actions) expect((await postReceipt(url, receipt({ action }))).status).toBe(202);
      const earlier = new Date(Date.now() - 3 * DAY_MS);
      await db.plant(randomUUID(), 'reject-all', earlier);
      await db.plant(randomUUID(), 'accept-all', earlier);
      const today = new Date().toISOString().slice(0, 10);
      const then = earlier.toISOString().slice(0, 10);

      const all = await request(url, '/stats', { headers: AUTH });
      expect(all.status).toBe(200);
      expect(all.json.days).toEqual([
        { day: then, shown: 0, accept: 1, reject: 1, custom: 0, noChoice: 0 },
        { day: today, shown: 0, accept: 2, reject: 1, custom: 3, noChoice: 0 },
      ]);
      expect((await request(url, `/stats?from=${today}`, { headers: AUTH })).json.days).toEqual([all.json.days[1]]);
      expect((await request(url, `/stats?to=${then}`, { headers: AUTH })).json.days).toEqual([all.json.days[0]]);
      const bad = await request(url, '/stats?from=2026-02-30', { headers: AUTH });
      expect(bad.status).toBe(400);
      expect(bad.json.field).toBe('from');
    });

    it('needs the bearer token: 401 without one, 403 with a wrong one', async () => {
      const { url } = await fresh();
      const id = receipt().id;
      for (const [path, method] of [
        ['/stats', 'GET'],
        [`/consent/${id}`, 'DELETE'],
      ] as const) {
        const missing = await request(url, path, { method });
        expect(missing.status).toBe(401);
        expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
        expect((await request(url, path, { method, headers: { Authorization: `Basic ${TOKEN}` } })).status).toBe(401);
        expect((await request(url, path, { method, headers: { Authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(403);
        expect((await request(url, path, { method, headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(403);
      }
      expect((await request(url, '/stats', { headers: { Authorization: `bearer ${TOKEN}` } })).status).toBe(200);
    });

    it('are disabled when no token is configured', async () => {
      const db = await freshDb();
      const server = await start(db, { adminToken: undefined });
      for (const [path, method] of [
        ['/stats', 'GET'],
        [`/consent/${randomUUID()}`, 'DELETE'],
      ] as const) {
        const reply = await request(server.url, path, { method, headers: AUTH });
        expect(reply.status).toBe(403);
        expect(reply.json.error).toMatch(/disabled/);
      }
      await expect(startLogServer({ port: 0, ...db.options, adminToken: 'short' })).rejects.toThrow(/adminToken/);
    });
  });

  describe('CORS', () => {
    const site = 'https://www.example.nl';

    it('is same-origin by default: no CORS headers, preflights refused', async () => {
      const { url } = await fresh();
      const post = await postReceipt(url, receipt(), { Origin: site });
      expect(post.status).toBe(202); // the browser, not the server, withholds it cross-origin
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await request(url, '/consent', {
        method: 'OPTIONS',
        headers: { Origin: site, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('answers preflights and marks responses for origins on the allow-list only', async () => {
      const { url } = await fresh({ corsOrigins: [site] });
      const preflight = await request(url, '/consent', {
        method: 'OPTIONS',
        headers: { Origin: site, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(site);
      // sendBeacon sends credentials, so its preflight must allow them.
      expect(preflight.headers['access-control-allow-credentials']).toBe('true');
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
      expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
      expect(preflight.headers.vary).toContain('Origin');

      const post = await postReceipt(url, receipt(), { Origin: site });
      expect(post.status).toBe(202);
      expect(post.headers['access-control-allow-origin']).toBe(site);

      const stranger = await request(url, '/consent', {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      expect(stranger.status).toBe(403);
      expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
      const strangerPost = await postReceipt(url, receipt(), { Origin: 'https://evil.example' });
      expect(strangerPost.headers['access-control-allow-origin']).toBeUndefined();
      // The admin endpoints are not offered to browsers on other origins.
      expect((await request(url, '/stats', { method: 'OPTIONS', headers: { Origin: site } })).status).toBe(403);
    });

    it('refuses an allow-list entry that is not a bare origin', async () => {
      const db = await freshDb();
      await expect(startLogServer({ port: 0, ...db.options, corsOrigins: ['https://www.example.nl/path'] })).rejects.toThrow(/corsOrigins/);
    });
  });

  describe('privacy of the log itself', () => {
    it('has no column for, and stores no, IP address or user agent; the access log neither', async () => {
      const entries: AccessLogEntry[] = [];
      const { db, url } = await fresh({ accessLog: (entry) => entries.push(entry) });
      expect(await db.columns('consent_log')).toEqual([
        'seq',
        'consent_id',
        'received_at',
        'decided_at',
        'revision',
        'action',
        'categories',
        'gpc',
        'language',
        'url',
        'text_hash',
        'content_hash',
        'prev_hash',
        'prev_received_at',
        'chain_hash',
        'erased_at',
        'erasure_hash',
      ]);
      const body = receipt();
      const reply = await postReceipt(url, body, {
        'User-Agent': 'ProbeAgent/9.9',
        'X-Forwarded-For': '203.0.113.9',
        'X-Real-IP': '198.51.100.7',
        Forwarded: 'for=192.0.2.60',
      });
      expect(reply.status).toBe(202);
      await request(url, `/consent/${body.id}`, { headers: { 'User-Agent': 'ProbeAgent/9.9' } });
      const stored = JSON.stringify(await db.rows());
      const logged = JSON.stringify(entries);
      for (const secret of ['127.0.0.1', '203.0.113.9', '198.51.100.7', '192.0.2.60', 'ProbeAgent']) {
        expect(stored).not.toContain(secret);
        expect(logged).not.toContain(secret);
      }
      expect(logged).not.toContain(body.id);
      expect(entries.map((e) => [e.method, e.route, e.status])).toEqual([
        ['POST', '/consent', 202],
        ['GET', '/consent/:id', 200],
      ]);
      for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(['method', 'ms', 'route', 'status']);
    });
  });

  describe('retention', () => {
    it('purges rows older than the retention period at start, and on demand', async () => {
      const db = await freshDb();
      const first = await start(db);
      await first.close();
      const expiredId = randomUUID();
      const keptId = randomUUID();
      const longAgo = new Date(Date.now() - 1200 * DAY_MS); // a month wholly past the cutoff
      await db.plant(randomUUID(), 'custom', longAgo);
      const cutoff = new Date(Date.now() - 1095 * DAY_MS);
      const cutoffMonth = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth(), 1));
      await db.plant(expiredId, 'accept-all', cutoffMonth); // expired, in the month the cutoff falls in
      await db.plant(keptId, 'reject-all', new Date(Date.now() - 10 * DAY_MS));
      const oldPartitions = await db.partitions();

      const server = await start(db, { retentionDays: 1095 });
      expect((await db.rows()).map((r) => r.consent_id)).toEqual([keptId]);
      if (kind === 'postgres') {
        // The month wholly past the cutoff went as a whole partition; the cutoff's month stays.
        const partition = (d: Date) => `consent_log_p${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
        expect(oldPartitions).toContain(partition(longAgo));
        expect(await db.partitions()).not.toContain(partition(longAgo));
        expect(await db.partitions()).toContain(partition(cutoffMonth));
      }

      await db.plant(randomUUID(), 'custom', new Date(Date.now() - 2000 * DAY_MS));
      expect(await server.purge()).toBe(1);
      expect((await db.rows()).map((r) => r.consent_id)).toEqual([keptId]);
    });

    it('purges on a schedule', async () => {
      const { db, url } = await fresh({ retentionDays: 30, purgeIntervalMs: 50 });
      const fresh1 = receipt();
      expect((await postReceipt(url, fresh1)).status).toBe(202);
      await db.plant(randomUUID(), 'accept-all', new Date(Date.now() - 40 * DAY_MS));
      await vi.waitFor(async () => expect((await db.rows()).map((r) => r.consent_id)).toEqual([fresh1.id]), { timeout: 10_000, interval: 50 });
    });
  });

  if (kind === 'postgres') it('creates a missing month partition on the fly instead of failing the insert', async () => {
    const { db, url } = await fresh();
    const now = new Date();
    const current = `consent_log_p${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    await db.exec(`DROP TABLE ${current}`);
    expect(await db.partitions()).not.toContain(current);
    expect((await postReceipt(url, receipt())).status).toBe(202);
    expect(await db.partitions()).toContain(current);
    expect(await db.rows()).toHaveLength(1);
  });

  describe('migrations', () => {
    it('apply once: a second start and two simultaneous starts change nothing', async () => {
      const db = await freshDb();
      const [a, b] = await Promise.all([start(db), start(db)]);
      expect(await db.migrations()).toEqual(MIGRATIONS);
      await a.close();
      await b.close();
      const c = await start(db);
      expect(await db.migrations()).toEqual(MIGRATIONS);
      expect((await postReceipt(c.url, receipt())).status).toBe(202);
    });
  });

  describe('load and failure', () => {
    it('stores every receipt from many parallel writers across two receivers', async () => {
      const db = await freshDb();
      const receivers = [await start(db), await start(db)];
      const ids = Array.from({ length: 60 }, () => randomUUID());
      // Three decisions per id, each later than the one before.
      const at = Date.now() - 10_000;
      const bodies = ids.flatMap((id) =>
        (['accept-all', 'custom', 'reject-all'] as const).map((action, i) => receipt({ id, action, timestamp: new Date(at + i * 1000).toISOString() })),
      );
      // Ids in parallel; one id's decisions in order (an older one after a newer one is refused by design).
      const replies = (
        await Promise.all(
          ids.map(async (_, n) => {
            const mine: Reply[] = [];
            for (let i = 0; i < 3; i++) mine.push(await postReceipt(receivers[(n + i) % 2]!.url, bodies[n * 3 + i]));
            return mine;
          }),
        )
      ).flat();
      expect(replies.filter((r) => r.status !== 202)).toEqual([]);
      const rows = await db.rows();
      expect(rows).toHaveLength(bodies.length);
      const history = await request(receivers[0]!.url, `/consent/${ids[7]}`);
      expect(history.json.history).toHaveLength(3);
    }, HEAVY_TIMEOUT);

    it('keeps an acknowledged receipt when the service is killed with SIGKILL', async () => {
      const db = await freshDb();
      const service = await spawnService({ ...db.env, CONSENTGATE_ACCESS_LOG: '0' });
      const body = receipt({ action: 'reject-all' });
      expect((await postReceipt(service.url, body)).status).toBe(202);
      service.child.kill('SIGKILL');
      expect((await service.exited).signal).toBe('SIGKILL');

      const again = await spawnService({ ...db.env, CONSENTGATE_ACCESS_LOG: '0' });
      const reply = await request(again.url, `/consent/${body.id}`);
      expect(reply.status).toBe(200);
      expect(reply.json.history).toHaveLength(1);
      expect(reply.json.history[0]).toMatchObject({ action: 'reject-all', textHash: body.textHash });
      again.child.kill('SIGTERM');
      expect((await again.exited).code).toBe(0);
    }, HEAVY_TIMEOUT);

    it('the command line refuses a malformed setting with a clear message', async () => {
      const db = await freshDb();
      await expect(spawnService({ ...db.env, CONSENTGATE_RETENTION_DAYS: 'three years' })).rejects.toThrow(
        /CONSENTGATE_RETENTION_DAYS must be a whole number/,
      );
    });

    it('drains a request in flight on SIGTERM, refuses new ones, then exits 0', async () => {
      const db = await freshDb();
      const service = await spawnService({ ...db.env });
      const body = JSON.stringify(receipt({ action: 'accept-all' }));
      const req = http.request(new URL('/consent', service.url), {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Expect: '100-continue' },
      });
      const reply = new Promise<Reply>((resolve, reject) => {
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: JSON.parse(text) }));
        });
        req.on('error', reject);
      });
      // "100 Continue" proves the service has the request before the signal arrives.
      const continued = new Promise((resolve) => req.once('continue', resolve));
      req.flushHeaders();
      await continued;
      service.child.kill('SIGTERM');
      await service.waitForOutput('draining');
      // The listening socket is closing: a new connection is refused or reset, never served.
      await expect(request(service.url, '/health')).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
      req.end(body);
      expect((await reply).status).toBe(202);
      expect(await service.exited).toEqual({ code: 0, signal: null });
      expect(await db.rows()).toHaveLength(1);
    }, HEAVY_TIMEOUT);

    it('survives a fuzzed body: random JSON, wrong types, huge strings, raw bytes — never a 5xx', async () => {
      const { db, url } = await fresh();
      const base = receipt();
      const withField = (key: string, value: unknown) => JSON.stringify({ ...base, [key]: value });
      const body = fc.oneof(
        fc.json(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.tuple(fc.constantFrom(...FIELDS), fc.jsonValue()).map(([k, v]) => withField(k, v)),
        fc.tuple(fc.constantFrom(...FIELDS), fc.string({ minLength: 2000, maxLength: 9000 })).map(([k, v]) => withField(k, v)),
        fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map((extra) => JSON.stringify({ ...base, ...extra })),
        fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
        fc.string({ maxLength: 300 }).map((s) => `{"id":"${base.id}",${s}`),
      );
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const reply = await postReceipt(url, payload);
          // 409: a variant of the base receipt with its id but not a later time.
          expect([202, 400, 409, 413]).toContain(reply.status);
        }),
        { numRuns: 250 },
      );
      // Valid receipts of every shape go through and come back unchanged.
      const valid = fc.record({
        id: fc.uuid({ version: 4 }),
        // Within what the service accepts: up to 182 days late, not ahead of its clock.
        timestamp: fc.integer({ min: -180 * DAY_MS, max: 0 }).map((ms) => new Date(Date.now() + ms).toISOString()),
        revision: fc.integer({ min: 0, max: 999_999 }),
        categories: fc.dictionary(fc.stringMatching(/^[a-z][a-z_]{0,15}$/), fc.boolean(), { minKeys: 1, maxKeys: 8 }),
        action: fc.constantFrom('accept-all', 'reject-all', 'custom'),
        gpc: fc.boolean(),
        language: fc.constantFrom('en', 'nl', 'nl-NL', 'en-GB', 'de'),
        url: fc.webPath().map((p) => `/${p.replace(/^\/+/, '')}`.replace(/[?#].*$/, '')),
        textHash: fc.stringMatching(/^[0-9a-f]{64}$/),
      });
      await fc.assert(
        fc.asyncProperty(valid, async (sent) => {
          expect((await postReceipt(url, sent)).status).toBe(202);
          const back = await request(url, `/consent/${sent.id}`);
          const { id: _id, ...fields } = sent;
          expect(back.json.history.at(-1)).toMatchObject(fields);
        }),
        { numRuns: 60 },
      );
      expect((await request(url, '/health')).status).toBe(200);
      expect(errors).toEqual([]);
      expect((await db.rows()).length).toBeGreaterThanOrEqual(60);
    }, HEAVY_TIMEOUT);
  });
});

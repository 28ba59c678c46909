// One contract, both sides: every config the browser's validator accepts, and every decision
// made under it, produces a cookie the browser reads back and a receipt the log service stores.
// Run against SQLite and a real PostgreSQL 15.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLogServer, type LogServer } from '../../packages/log-service/server.mjs';
import { resolveConfig } from '../../src/core/config';
import { createRecord, encodeRecord, parseRecord, uuid } from '../../src/core/record';
import { canonicalJson } from '../../packages/contract/index.mjs';
import { receiptBody, sha256Hex } from '../../src/integrations/receipt-sender';
import type { ConsentAction } from '../../src/types';
import { postgresBackend, postgresStatus, sqliteBackend, type Backend, type TestDb } from './backends';
import { postReceipt, request } from './client';

const postgres = postgresStatus();
const BUILT_IN = ['necessary', 'preferences', 'analytics', 'marketing'];

/** A category key the config accepts: built-in names, and any other the key rule allows. */
const categoryKey = fc.oneof(fc.constantFrom(...BUILT_IN), fc.stringMatching(/^[A-Za-z][\w-]{0,31}$/));

/** A config the validator accepts (checked below: a generator that drifts fails the test). */
const configArb = fc
  .record({
    keys: fc.uniqueArray(categoryKey, { minLength: 1, maxLength: 32, selector: (k) => k }),
    required: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
    revision: fc.integer({ min: 0, max: 999_999 }),
    expiresAfterDays: fc.integer({ min: 1, max: 395 }),
    language: fc.constantFrom('auto', 'en', 'nl'),
  })
  .filter(({ keys }) => !keys.some((k) => k in Object.prototype))
  .map(({ keys, required, revision, expiresAfterDays, language }) => ({
    // The last category is never required: a config needs one the visitor can refuse.
    categories: Object.fromEntries(
      keys.map((key, i) => [key, { required: i < keys.length - 1 && required[i], ...(BUILT_IN.includes(key) ? {} : { label: key }) }]),
    ),
    revision,
    expiresAfterDays,
    language,
    logEndpoint: '/consent',
  }));

const decisionArb = fc.record({
  action: fc.constantFrom<ConsentAction>('accept-all', 'reject-all', 'custom'),
  choices: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
  gpc: fc.boolean(),
  shownLanguage: fc.constantFrom('en', 'nl', 'und', 'nl-NL'),
  // A page path as a browser's location.pathname reports it: percent-encoded by the URL parser.
  path: fc.webPath({ size: 'small' }).map((p) => new URL(`https://www.example.nl/${p.replace(/^\/+/, '')}`).pathname),
  strings: fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 6 }),
});

describe.each([
  { kind: 'sqlite', make: sqliteBackend, run: true },
  { kind: 'postgres', make: postgresBackend, run: postgres.run },
])('one contract on $kind', ({ make, run }) => {
  if (!run) {
    it.skip(`PostgreSQL store (${postgres.reason ?? ''})`, () => {});
    return;
  }
  let backend: Backend;
  let db: TestDb;
  let server: LogServer;
  beforeAll(async () => {
    backend = await make();
    db = await backend.fresh();
    server = await startLogServer({ port: 0, ...db.options, rateLimit: false, onError: (e) => console.error(e) });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
    await backend?.stop();
  });

  it('stores every receipt a valid config and a decision on it produce', async () => {
    await fc.assert(
      fc.asyncProperty(configArb, decisionArb, async (input, decision) => {
        const config = resolveConfig(input);
        const categories = Object.fromEntries(
          config.categories.map((c, i) => [
            c.key,
            c.required || decision.action === 'accept-all' || (decision.action === 'custom' && decision.choices[i] === true),
          ]),
        );
        const record = createRecord(uuid(), categories, decision.action, decision.gpc, config.revision, config.expiresAfterDays, Date.now());
        // The cookie the browser writes is one it (and the server reader) can read back.
        expect(parseRecord(encodeRecord(record))).not.toBeNull();
        const shown = { language: decision.shownLanguage, strings: decision.strings };
        const body = receiptBody({ receipt: { ...record, language: shown.language, url: decision.path } }, await sha256Hex(canonicalJson(shown)));
        const reply = await postReceipt(server.url, body);
        expect(reply.status, reply.text).toBe(202);
        const back = await request(server.url, `/consent/${record.id}`);
        expect(back.json.history.at(-1)).toMatchObject({ revision: config.revision, categories, action: decision.action, url: decision.path });
      }),
      { numRuns: 80 },
    );
  }, 90_000);
});

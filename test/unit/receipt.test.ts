import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IntegrationContext, StateReason } from '../../src/core/integration';
import type { OutboxEntry } from '../../src/integrations/outbox';
import { receipts } from '../../src/integrations/receipt';
import { canonicalJson, sendReceipts } from '../../src/integrations/receipt-sender';
import { reportShown } from '../../src/integrations/shown';
import type { ConsentRecord, Language, ResolvedConfig } from '../../src/types';

type Handler = (record: ConsentRecord | null, reason: StateReason) => void;
type Texts = { language: Language; strings: Record<string, string> } | null;

const RECORD: ConsentRecord = {
  id: '2f1c7e0a-6b8d-4c3e-9a51-0d4b7f2e8c19',
  timestamp: '2026-11-26T10:00:00.000Z',
  expires: '2027-05-27T10:00:00.000Z',
  revision: 3,
  categories: { necessary: true, analytics: true, marketing: false },
  action: 'custom',
  gpc: true,
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Start the integration with a fake store; returns the handler the store would call. The
 * receipt sender is there at once, unless `sender` says otherwise (e.g. still on its way).
 */
function startReceipts(options: { endpoint?: string | null; texts?: () => Texts; language?: ResolvedConfig['language']; sender?: () => Promise<typeof sendReceipts> } = {}) {
  let handler: Handler | undefined;
  const unsubscribe = vi.fn();
  // The rest of the seam, which receipts do not use (spread: no excess-property check).
  const unused = { _onBlocked: vi.fn(), _release: vi.fn(), _grant: vi.fn(), _withTexts: vi.fn() };
  const context: IntegrationContext = {
    ...unused,
    config: { logEndpoint: options.endpoint === undefined ? '/consent' : options.endpoint, language: options.language ?? 'auto' } as ResolvedConfig,
    _subscribe: vi.fn((h: Handler) => {
      handler = h;
      h(null, 'load');
      return unsubscribe;
    }),
    _shown: options.texts ?? (() => ({ language: 'en', strings: { title: 'Cookie consent', accept: 'Accept all' } })),
    _stages: { _receipts: options.sender ?? (() => sendReceipts) },
  };
  const stop = receipts(context);
  return { context, stop, unsubscribe, decide: (record: ConsentRecord | null, reason: StateReason = 'decision') => handler?.(record, reason) };
}

/** What the outbox holds in storage now: the entries, oldest key first. */
const readOutbox = (): OutboxEntry[] =>
  Object.keys(localStorage)
    .filter((key) => key.startsWith('consentgate-outbox:'))
    .sort()
    .map((key) => JSON.parse(localStorage.getItem(key)!));

let beacon: ReturnType<typeof vi.fn>;
let fetchMock: ReturnType<typeof vi.fn>;

/** The fetch calls that sent a receipt (POST), not the texts uploads (PUT) that follow. */
const posts = () => (fetchMock.mock.calls as Array<[string, RequestInit]>).filter(([, init]) => init.method === 'POST');
/** The texts uploads and the checks before them: [url, init]. */
const puts = () => (fetchMock.mock.calls as Array<[URL, RequestInit]>).filter(([, init]) => init.method === 'PUT');
const heads = () => (fetchMock.mock.calls as Array<[URL, RequestInit]>).filter(([, init]) => init.method === 'HEAD');

/** jsdom's Blob has no text(); FileReader reads it. */
function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** The receipts sent so far, read back from the beacon blobs and fetch bodies. */
async function sent(): Promise<Array<Record<string, unknown>>> {
  const fromBeacon = await Promise.all(beacon.mock.calls.map(async ([, blob]) => JSON.parse(await readBlob(blob as Blob))));
  const fromFetch = posts().map(([, init]) => JSON.parse(String(init.body)));
  return [...fromBeacon, ...fromFetch];
}

beforeEach(() => {
  localStorage.clear();
  beacon = vi.fn(() => true);
  fetchMock = vi.fn(() => Promise.resolve(new Response(null, { status: 202 })));
  Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true, writable: true });
  vi.stubGlobal('fetch', fetchMock);
  localStorage.clear();
  history.replaceState(null, '', '/pricing/plans?utm_source=mail&email=a%40b.nl#compare');
});

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

describe('receipts', () => {
  it('beacons the nine receipt fields as application/json after a decision', async () => {
    const { decide } = startReceipts();
    decide(RECORD);
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
    const [url, blob] = beacon.mock.calls[0] as [string, Blob];
    expect(url).toBe('/consent');
    expect(blob.type).toBe('application/json');
    const [body] = await sent();
    expect(Object.keys(body ?? {}).sort()).toEqual(
      ['action', 'categories', 'gpc', 'id', 'language', 'revision', 'textHash', 'timestamp', 'url'].sort(),
    );
    expect(body).toMatchObject({
      id: RECORD.id,
      timestamp: RECORD.timestamp,
      revision: 3,
      categories: { necessary: true, analytics: true, marketing: false },
      action: 'custom',
      gpc: true,
      language: 'en',
    });
    expect(posts()).toEqual([]);
  });

  it('sends the path only: no query string, no fragment, no IP address or user agent', async () => {
    const { decide } = startReceipts();
    decide(RECORD);
    await vi.waitFor(() => expect(beacon).toHaveBeenCalled());
    const [body] = await sent();
    expect(body?.url).toBe('/pricing/plans');
    const text = JSON.stringify(body);
    for (const leak of ['utm_source', 'a%40b.nl', 'compare', navigator.userAgent]) expect(text).not.toContain(leak);
    expect(text).not.toMatch(/userAgent|"ip"|address/i);
  });

  it('hashes the canonical JSON of the texts shown, so key order does not matter', async () => {
    const { decide } = startReceipts({ texts: () => ({ strings: { b: 'two', a: 'one' }, language: 'nl' }) });
    decide(RECORD);
    await vi.waitFor(() => expect(beacon).toHaveBeenCalled());
    const [body] = await sent();
    expect(body?.textHash).toBe(sha256('{"language":"nl","strings":{"a":"one","b":"two"}}'));
    expect(body?.language).toBe('nl');
    expect(canonicalJson({ strings: { b: 'two', a: 'one' }, language: 'nl' })).toBe(canonicalJson({ language: 'nl', strings: { a: 'one', b: 'two' } }));
  });

  it('gives a different hash when one string changes', async () => {
    let title = 'Cookie consent';
    const { decide } = startReceipts({ texts: () => ({ language: 'en', strings: { title, accept: 'Accept all' } }) });
    decide(RECORD);
    title = 'Cookie consent.';
    decide({ ...RECORD, action: 'accept-all' });
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(2));
    const [first, second] = await sent();
    expect(first?.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(second?.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first?.textHash).not.toBe(second?.textHash);
  });

  it('hashes an empty object when headless, with the configured language', async () => {
    const { decide } = startReceipts({ texts: () => null, language: 'nl' });
    decide(RECORD);
    await vi.waitFor(() => expect(beacon).toHaveBeenCalled());
    const [body] = await sent();
    expect(body?.textHash).toBe(sha256('{}'));
    expect(body?.language).toBe('nl');
  });

  it('sends nothing on load, sync or reset, and nothing without logEndpoint', async () => {
    const { decide } = startReceipts();
    decide(RECORD, 'load');
    decide(RECORD, 'sync');
    decide(null, 'reset');
    decide(null, 'decision');
    const quiet = startReceipts({ endpoint: null });
    expect(quiet.context._subscribe).not.toHaveBeenCalled();
    // A later decision is sent, so the earlier silence was not mere slowness.
    decide(RECORD);
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
    expect(posts()).toEqual([]);
  });

  it('falls back to fetch with keepalive when the beacon is refused or missing', async () => {
    beacon.mockReturnValue(false);
    const { decide } = startReceipts();
    decide(RECORD);
    await vi.waitFor(() => expect(posts()).toHaveLength(1));
    const [url, init] = posts()[0]!;
    expect(url).toBe('/consent');
    expect(init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' } });
    expect(JSON.parse(String(init.body)).id).toBe(RECORD.id);

    Object.defineProperty(navigator, 'sendBeacon', { value: undefined, configurable: true, writable: true });
    decide({ ...RECORD, action: 'reject-all' });
    await vi.waitFor(() => expect(posts()).toHaveLength(2));
  });

  it('returns at once and swallows every failure: throwing beacon, rejected fetch, throwing texts', async () => {
    beacon.mockImplementation(() => {
      throw new TypeError('beacon blocked');
    });
    fetchMock.mockImplementation(() => Promise.reject(new TypeError('network down')));
    const { decide } = startReceipts();
    expect(decide(RECORD)).toBeUndefined();
    await vi.waitFor(() => expect(posts()).toHaveLength(1));

    const broken = startReceipts({
      texts: () => {
        throw new Error('UI gone');
      },
    });
    expect(() => broken.decide(RECORD)).not.toThrow();

    fetchMock.mockImplementation(() => {
      throw new TypeError('fetch threw synchronously');
    });
    decide(RECORD);
    // The new receipt, and the first one again: its send failed, so it stayed in the outbox.
    await vi.waitFor(() => expect(posts()).toHaveLength(3));
    // Vitest fails the run on any unhandled rejection, so reaching here means none escaped.
  });

  it('sends nothing, and throws nothing, where Web Crypto is missing (a plain-http page)', async () => {
    vi.stubGlobal('crypto', {});
    const { decide } = startReceipts();
    expect(() => decide(RECORD)).not.toThrow();
    vi.unstubAllGlobals();
    vi.stubGlobal('fetch', fetchMock);
    // A decision once Web Crypto is back is sent: the first one was dropped, not delayed.
    decide({ ...RECORD, action: 'accept-all' });
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
    const [only] = await sent();
    expect(only?.action).toBe('accept-all');
  });

  it('sends the decision as it was made, even if a handler changes the record afterwards', async () => {
    const { decide } = startReceipts();
    const record = { ...RECORD, categories: { ...RECORD.categories } };
    decide(record);
    record.categories.marketing = true; // e.g. a site's consent handler, before the digest is done
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
    const [body] = await sent();
    expect(body?.categories).toEqual({ necessary: true, analytics: true, marketing: false });
  });

  it('stores the texts behind the hash in the log after the receipt, only when the log lacks them', async () => {
    const shown: Texts = { language: 'nl', strings: { title: 'Cookietoestemming', accept: 'Alles accepteren' } };
    const { decide } = startReceipts({ endpoint: '/log/consent', texts: () => shown });
    let stored = false;
    fetchMock.mockImplementation((_url: unknown, init: RequestInit) =>
      Promise.resolve(new Response(null, { status: init.method === 'HEAD' ? (stored ? 200 : 404) : init.method === 'PUT' ? 201 : 202 })),
    );
    decide(RECORD);
    await vi.waitFor(() => expect(puts()).toHaveLength(1));
    const body = canonicalJson(shown);
    const [url, init] = puts()[0]!;
    const [receipt] = await sent();
    expect(String(url)).toBe(`${location.origin}/log/texts/${receipt?.textHash}`);
    expect(sha256(String(init.body))).toBe(receipt?.textHash);
    expect(init).toMatchObject({ body, headers: { 'Content-Type': 'application/json' }, credentials: 'omit' });
    expect(beacon.mock.invocationCallOrder[0]).toBeLessThan(fetchMock.mock.invocationCallOrder[0]!); // receipt first
    // The log has them now: the next decision asks (HEAD) and sends nothing more.
    stored = true;
    decide({ ...RECORD, action: 'accept-all' });
    await vi.waitFor(() => expect(heads()).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(puts()).toHaveLength(1);
    // A log that fails (503) gets no PUT either; the next decision asks again.
    fetchMock.mockImplementation((_url: unknown, init: RequestInit) => Promise.resolve(new Response(null, { status: init.method === 'HEAD' ? 503 : 202 })));
    decide({ ...RECORD, action: 'reject-all' });
    await vi.waitFor(() => expect(heads()).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(puts()).toHaveLength(1);
    expect(localStorage.length + sessionStorage.length).toBe(0); // nothing kept in the browser
  });

  it('reportShown posts only the revision and language, without cookies, and never throws', async () => {
    reportShown('/consent', 4, 'nl');
    const [url, init] = posts()[0]!;
    expect(url).toBe(`${location.origin}/consent/shown`);
    expect(init).toMatchObject({ credentials: 'omit', keepalive: true });
    expect(JSON.parse(String(init.body))).toEqual({ revision: 4, language: 'nl' });
    reportShown(null, 4, 'nl');
    fetchMock.mockImplementation(() => {
      throw new TypeError('blocked');
    });
    expect(() => reportShown('/consent', 4, 'nl')).not.toThrow();
    expect(posts()).toHaveLength(2); // the null endpoint sent nothing; the throwing fetch was tried
  });

  it('stops sending once stopped', async () => {
    const texts = vi.fn((): Texts => ({ language: 'en', strings: {} }));
    const { decide, stop, unsubscribe } = startReceipts({ texts });
    stop();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    decide(RECORD); // a store that still calls a stale handler
    expect(texts).not.toHaveBeenCalled(); // the handler bailed out before any work
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(beacon).not.toHaveBeenCalled();
  });

  it('puts the receipt in the outbox at the decision, before the sender has arrived, and takes it out once sent', async () => {
    let arrive!: (send: typeof sendReceipts) => void;
    const { decide } = startReceipts({ sender: () => new Promise((resolve) => (arrive = resolve)) });
    decide(RECORD);
    // The visitor could leave now: the receipt is already stored, with the texts shown.
    const [entry] = readOutbox();
    expect(entry?.receipt).toMatchObject({ id: RECORD.id, timestamp: RECORD.timestamp, action: 'custom', url: '/pricing/plans' });
    expect(entry?.shown).toEqual({ language: 'en', strings: { title: 'Cookie consent', accept: 'Accept all' } });
    expect(beacon).not.toHaveBeenCalled();
    arrive(sendReceipts);
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
    expect(readOutbox()).toEqual([]);
  });

  it('sends at start what an earlier page view left in the outbox, once', async () => {
    localStorage.setItem(`consentgate-outbox:${RECORD.timestamp}:0.5`, JSON.stringify({ receipt: { ...RECORD, language: 'nl', url: '/contact' }, shown: {} }));
    startReceipts();
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
    const [body] = await sent();
    expect(body).toMatchObject({ id: RECORD.id, url: '/contact', language: 'nl', textHash: sha256('{}') });
    expect(readOutbox()).toEqual([]);
    expect(localStorage.length).toBe(0);
    startReceipts();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(beacon).toHaveBeenCalledTimes(1);
  });

  it('keeps a receipt whose send failed in the outbox for the next page view', async () => {
    beacon.mockReturnValue(false);
    fetchMock.mockImplementation(() => Promise.reject(new TypeError('offline')));
    const { decide } = startReceipts();
    decide(RECORD);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readOutbox().map((e) => e.receipt.id)).toEqual([RECORD.id]);
  });

  it('sends what an older version left (one array under consentgate-outbox), with the nine fields only', async () => {
    const older = { ...RECORD, id: '3f1c7e0a-6b8d-4c3e-9a51-0d4b7f2e8c19', timestamp: '2026-11-25T10:00:00.000Z' };
    localStorage.setItem('consentgate-outbox', JSON.stringify([{ receipt: { ...RECORD, language: 'nl', url: '/contact' }, shown: {} }, { receipt: { ...older, language: 'en', url: '/' }, shown: {} }, 'junk']));
    startReceipts();
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(2));
    const bodies = await sent();
    expect(bodies.map((b) => b.id).sort()).toEqual([RECORD.id, older.id].sort());
    for (const body of bodies) expect(Object.keys(body).sort()).toEqual(['action', 'categories', 'gpc', 'id', 'language', 'revision', 'textHash', 'timestamp', 'url']);
    await vi.waitFor(() => expect(localStorage.length).toBe(0));
  });

  it('keeps each decision under a key of its own, with the texts shown or, headless, the language', () => {
    const { decide } = startReceipts({ texts: () => null, language: 'nl', sender: () => new Promise(() => {}) });
    decide(RECORD);
    decide({ ...RECORD, timestamp: '2026-11-26T10:00:00.001Z', action: 'reject-all' });
    expect(readOutbox().map((e) => [e.receipt.action, e.receipt.language, e.shown])).toEqual([
      ['custom', 'nl', {}],
      ['reject-all', 'nl', {}],
    ]);
    document.documentElement.lang = 'x y';
    const auto = startReceipts({ texts: () => null, sender: () => new Promise(() => {}) });
    auto.decide({ ...RECORD, timestamp: '2026-11-26T10:00:00.002Z' });
    document.documentElement.lang = '';
    // Sent as `und`: not a language tag.
    expect(readOutbox()[2]!.receipt.language).toBe('x y');
  });

  it('sends an unknown language as und', async () => {
    document.documentElement.lang = 'x y';
    const { decide } = startReceipts({ texts: () => null });
    decide(RECORD);
    document.documentElement.lang = '';
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
    expect((await sent())[0]?.language).toBe('und');
  });

  it('sends from memory when storage refuses the entry', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    try {
      const { decide } = startReceipts();
      expect(() => decide(RECORD)).not.toThrow();
      await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
      expect((await sent())[0]?.id).toBe(RECORD.id);
    } finally {
      setItem.mockRestore();
    }
  });

  it('keeps at most the 50 newest unsent receipts', async () => {
    beacon.mockReturnValue(false);
    fetchMock.mockImplementation(() => Promise.reject(new TypeError('offline')));
    for (let i = 0; i < 55; i++) {
      const timestamp = new Date(Date.parse(RECORD.timestamp) + i * 1000).toISOString();
      localStorage.setItem(`consentgate-outbox:${timestamp}:0.5`, JSON.stringify({ receipt: { ...RECORD, timestamp, language: 'en', url: '/' }, shown: {} }));
    }
    startReceipts();
    await vi.waitFor(() => expect(posts()).toHaveLength(50));
    const kept = readOutbox().map((e) => e.receipt.timestamp);
    expect(kept).toHaveLength(50);
    expect(kept[0]).toBe(new Date(Date.parse(RECORD.timestamp) + 5000).toISOString());
  });
});

describe('two tabs flushing one outbox', () => {
  const KEY = `consentgate-outbox:${RECORD.timestamp}:0.5`;
  const ENTRY = { receipt: { ...RECORD, language: 'en', url: '/' }, shown: {} };
  /** A second page's receipt sender: the same code, another tab. */
  const otherTab = async () => {
    vi.resetModules();
    return (await import('../../src/integrations/receipt-sender')).sendReceipts;
  };

  it('a receipt another tab has claimed is left to it, and stays in the outbox', async () => {
    localStorage.setItem(KEY, JSON.stringify({ ...ENTRY, claim: ['other', Date.now()] }));
    sendReceipts('/consent', []);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(beacon).not.toHaveBeenCalled();
    expect(readOutbox()).toHaveLength(1);
    // A claim older than ten seconds is void: its tab closed before it could send.
    localStorage.setItem(KEY, JSON.stringify({ ...ENTRY, claim: ['other', Date.now() - 10_001] }));
    sendReceipts('/consent', []);
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
    expect(readOutbox()).toEqual([]);
  });

  it('two tabs flushing at the same moment send each receipt once', async () => {
    localStorage.setItem(KEY, JSON.stringify(ENTRY));
    const second = await otherTab();
    sendReceipts('/consent', []);
    second('/consent', []);
    await vi.waitFor(() => expect(beacon).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(beacon).toHaveBeenCalledTimes(1);
    expect(readOutbox()).toEqual([]);
  });

  it('a receipt on its way from one tab (its fetch not answered yet) is not sent again by another', async () => {
    beacon.mockReturnValue(false);
    let answer!: (reply: Response) => void;
    fetchMock.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    localStorage.setItem(KEY, JSON.stringify(ENTRY));
    sendReceipts('/consent', []);
    await vi.waitFor(() => expect(posts()).toHaveLength(1));
    (await otherTab())('/consent', []);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(posts()).toHaveLength(1);
    answer(new Response(null, { status: 202 }));
    await vi.waitFor(() => expect(readOutbox()).toEqual([]));
  });

  it('a claim that lands while this tab hashes wins: this tab sends nothing and keeps nothing in memory', async () => {
    localStorage.setItem(KEY, JSON.stringify(ENTRY));
    const pending: Array<[string, string]> = [[KEY, JSON.stringify(ENTRY)]];
    sendReceipts('/consent', pending);
    // The other tab read the outbox before this tab's claim reached it, and claimed it later.
    localStorage.setItem(KEY, JSON.stringify({ ...ENTRY, claim: ['other', Date.now()] }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(beacon).not.toHaveBeenCalled();
    expect(pending).toEqual([]);
    expect(readOutbox()).toHaveLength(1);
  });
});

// @ts-check
// Tamper evidence for the consent log: a hash chain over the rows in seq order.
//
//   content_hash = H(id, decision time, revision, action, categories, gpc, language, url, textHash)
//   chain_hash   = H(prev_hash, prev_received_at, seq, received_at, content_hash)
//
// where prev_hash and prev_received_at are the chain_hash and received_at of the row before
// (kept in the row), and one row of consent_chain holds the newest row's chain_hash (the head)
// and the cutoff of the last retention purge. Editing a row's content breaks its content_hash;
// editing its time or hashes breaks its chain_hash; removing a row breaks the link of the row
// after it (unless the removed row was older than the purge cutoff: retention); removing the
// newest rows breaks the head. Erasure through DELETE keeps the row's time and hashes, clears
// the content and signs the tombstone (erasure_hash = H("erased", chain_hash, erased_at)), so
// the chain still verifies and the log shows when a receipt was erased, not what it said.
//
// H is HMAC-SHA-256. With a chain key (CONSENTGATE_CHAIN_KEY) kept outside the database,
// someone who can write to the database but does not hold the key cannot recompute the
// hashes after an edit. Without one the key is public, and an edit that recomputes every
// later hash and the head goes unnoticed unless the head printed by `verify` was kept elsewhere.
import { createHmac } from 'node:crypto';
import { canonicalJson } from 'consentgate-contract';

/** The chain value before the first row ever written. */
export const GENESIS = '0'.repeat(64);
const PUBLIC_KEY = 'consentgate consent log chain';

/**
 * One row of consent_log as both stores hand it to the chain code.
 * @typedef {Object} LogRow
 * @property {number} seq
 * @property {string} receivedAt     ISO 8601 UTC, milliseconds
 * @property {string | null} consentId
 * @property {string | null} decidedAt
 * @property {number | null} revision
 * @property {string | null} action
 * @property {string | null} categories   the JSON text exactly as stored
 * @property {boolean | null} gpc
 * @property {string | null} language
 * @property {string | null} url
 * @property {string | null} textHash
 * @property {string | null} contentHash
 * @property {string | null} prevHash       chain_hash of the row before (GENESIS for the first)
 * @property {string | null} prevReceivedAt received_at of the row before ('' for the first)
 * @property {string | null} chainHash
 * @property {string | null} erasedAt     ISO 8601 UTC, set by DELETE
 * @property {string | null} erasureHash
 */

/** A timestamp column as ISO 8601 text: PostgreSQL's driver gives a Date, SQLite the stored text. */
const isoText = (/** @type {Date | string | null} */ v) => (v instanceof Date ? v.toISOString() : v);

/**
 * A consent_log row as either store's driver returns it (snake_case columns; `seq` a number or a
 * bigint string; `gpc` 0/1 from SQLite or a boolean from PostgreSQL; timestamps text or Date)
 * in the shape the chain code reads.
 * @param {any} r
 * @returns {LogRow}
 */
export function toLogRow(r) {
  return {
    seq: Number(r.seq),
    receivedAt: /** @type {string} */ (isoText(r.received_at)),
    consentId: r.consent_id,
    decidedAt: r.decided_at,
    revision: r.revision,
    action: r.action,
    categories: r.categories,
    gpc: r.gpc === null ? null : !!r.gpc,
    language: r.language,
    url: r.url,
    textHash: r.text_hash,
    contentHash: r.content_hash,
    prevHash: r.prev_hash,
    prevReceivedAt: r.prev_received_at,
    chainHash: r.chain_hash,
    erasedAt: isoText(r.erased_at),
    erasureHash: r.erasure_hash,
  };
}

/**
 * @typedef {Object} ChainProblem
 * @property {number | null} seq   the row where the problem shows (null: after the last row)
 * @property {string} problem
 */

/**
 * @typedef {Object} VerifyResult
 * @property {boolean} ok
 * @property {number} checked      rows read
 * @property {ChainProblem[]} problems  the first 100
 * @property {number} problemCount
 * @property {string} head         the chain_hash of the newest row: keep it elsewhere to detect a rewrite of the whole chain
 */

/**
 * The hash functions under one key.
 * @param {string | undefined} key
 */
export function chainHasher(key) {
  const h = (/** @type {unknown[]} */ parts) => createHmac('sha256', key || PUBLIC_KEY).update(canonicalJson(parts)).digest('hex');
  return {
    /** @param {Pick<LogRow, 'consentId' | 'decidedAt' | 'revision' | 'action' | 'categories' | 'gpc' | 'language' | 'url' | 'textHash'>} r */
    content: (r) => h(['receipt', r.consentId, r.decidedAt, r.revision, r.action, r.categories, r.gpc, r.language, r.url, r.textHash]),
    link: (
      /** @type {string} */ prevHash,
      /** @type {string} */ prevReceivedAt,
      /** @type {number} */ seq,
      /** @type {string} */ receivedAt,
      /** @type {string} */ contentHash,
    ) => h(['link', prevHash, prevReceivedAt, seq, receivedAt, contentHash]),
    erasure: (/** @type {string} */ chainHash, /** @type {string} */ erasedAt) => h(['erased', chainHash, erasedAt]),
  };
}

/**
 * Check rows fed in seq order against the chain; `finish` compares the end with the head.
 * @param {ReturnType<typeof chainHasher>} hasher
 * @param {{ headHash: string, headSeq: number, headReceivedAt: string, purgedBefore: string }} state
 *   consent_chain as read in the same snapshot as the rows
 */
export function chainVerifier(hasher, state) {
  // What the next row must link to: the previous row's chain_hash and time.
  let previous = { hash: GENESIS, receivedAt: '' };
  let checked = 0;
  let problemCount = 0;
  /** @type {ChainProblem[]} */
  const problems = [];
  const report = (/** @type {number | null} */ seq, /** @type {string} */ problem) => {
    problemCount++;
    if (problems.length < 100) problems.push({ seq, problem });
  };
  // Retention removes rows received before the cutoff: a gap whose last missing row is that old is expected.
  const purged = (/** @type {string} */ receivedAt) => receivedAt !== '' && receivedAt < state.purgedBefore;
  return {
    /** @param {LogRow} row */
    check(row) {
      checked++;
      if (row.chainHash === null || row.contentHash === null || row.prevHash === null || row.prevReceivedAt === null) {
        report(row.seq, 'not sealed: the row was written outside the service');
        return;
      }
      if (row.erasedAt !== null) {
        if (row.erasureHash !== hasher.erasure(row.chainHash, row.erasedAt)) report(row.seq, 'erased other than through DELETE');
        else if (row.consentId !== null || row.decidedAt !== null || row.categories !== null) report(row.seq, 'tombstone holds content');
      } else if (hasher.content(row) !== row.contentHash) {
        report(row.seq, 'content changed');
      }
      if (hasher.link(row.prevHash, row.prevReceivedAt, row.seq, row.receivedAt, row.contentHash) !== row.chainHash) {
        report(row.seq, 'time or hashes changed');
      } else if (row.prevHash !== previous.hash && !purged(row.prevReceivedAt)) {
        report(row.seq, 'the row before this one is missing (removed other than by retention), or rows were reordered');
      }
      previous = { hash: row.chainHash, receivedAt: row.receivedAt };
    },
    /** @returns {VerifyResult} */
    finish() {
      if (previous.hash !== state.headHash && !(state.headSeq > 0 && purged(state.headReceivedAt))) {
        report(null, `the newest rows are missing or the head was changed (head: seq ${state.headSeq})`);
      }
      return { ok: problemCount === 0, checked, problems, problemCount, head: state.headHash };
    },
  };
}

/**
 * @typedef {Object} Head
 * @property {number} seq
 * @property {string} hash
 * @property {string} receivedAt
 */

/**
 * Turn a batch of receipts into chained rows, deciding each receipt's outcome. Runs inside the
 * store's write lock: `head` and `latest` (the newest stored receipt of each consent id in the
 * batch) were read in the same transaction, and `nextSeq` hands out increasing seq values.
 * A receipt is stale unless its decision time is later than the newest stored one of its id;
 * the very same receipt again (a retry) is a duplicate and is stored once.
 * @param {ReturnType<typeof chainHasher>} hasher
 * @param {Head} head
 * @param {Array<{ receipt: import('consentgate-contract').Receipt, receivedAt: Date }>} batch
 * @param {Map<string, { decidedAt: string, contentHash: string | null }>} latest
 * @param {() => number} nextSeq
 * @returns {{ rows: LogRow[], outcomes: Array<'stored' | 'stale' | 'duplicate'>, head: Head }}
 */
export function chainBatch(hasher, head, batch, latest, nextSeq) {
  /** @type {LogRow[]} */
  const rows = [];
  const outcomes = batch.map(({ receipt, receivedAt }) => {
    const content = {
      consentId: receipt.id,
      decidedAt: receipt.timestamp,
      revision: receipt.revision,
      action: receipt.action,
      categories: JSON.stringify(receipt.categories),
      gpc: receipt.gpc,
      language: receipt.language,
      url: receipt.url,
      textHash: receipt.textHash,
    };
    const contentHash = hasher.content(content);
    const newest = latest.get(receipt.id);
    if (newest) {
      if (newest.contentHash === contentHash) return /** @type {const} */ ('duplicate');
      if (!(Date.parse(receipt.timestamp) > Date.parse(newest.decidedAt))) return /** @type {const} */ ('stale');
    }
    const seq = nextSeq();
    const at = receivedAt.toISOString();
    const chainHash = hasher.link(head.hash, head.receivedAt, seq, at, contentHash);
    rows.push({ seq, receivedAt: at, ...content, contentHash, prevHash: head.hash, prevReceivedAt: head.receivedAt, chainHash, erasedAt: null, erasureHash: null });
    head = { seq, hash: chainHash, receivedAt: at };
    latest.set(receipt.id, { decidedAt: receipt.timestamp, contentHash });
    return /** @type {const} */ ('stored');
  });
  return { rows, outcomes, head };
}

// @ts-check
// Pure HTTP helpers for the consent log: bodies, JSON answers, origins. No state.
import { createHash } from 'node:crypto';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Collect a body up to limit bytes.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<Buffer | 'too-large' | 'aborted'>}
 */
export function readBody(req, limit) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (/** @type {Buffer | 'too-large' | 'aborted'} */ value) => {
      if (done) return;
      done = true;
      resolve(value);
    };
    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (done) return; // draining an oversized body
      size += chunk.length;
      if (size > limit) finish('too-large');
      else chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('close', () => finish('aborted'));
    req.on('error', () => finish('aborted'));
  });
}

/**
 * Read an application/json body of at most `limit` bytes as text and parsed value. On any
 * problem the request is answered here (415, 413 or 400 naming `body`) and null returned.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {number} limit
 * @returns {Promise<{ text: string, bytes: Buffer, value: unknown } | null>}
 */
export async function readJson(req, res, limit) {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    sendJson(res, 415, { error: 'Content-Type must be application/json' });
    return null;
  }
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return refuseTooLarge(req, res, limit);
  const bytes = await readBody(req, limit);
  if (bytes === 'aborted') return null;
  if (bytes === 'too-large') return refuseTooLarge(req, res, limit);
  let text;
  try {
    text = utf8.decode(bytes);
  } catch {
    sendJson(res, 400, { error: 'body: not valid UTF-8', field: 'body' });
    return null;
  }
  try {
    return { text, bytes, value: JSON.parse(text) };
  } catch {
    sendJson(res, 400, { error: 'body: not valid JSON', field: 'body' });
    return null;
  }
}

/** Answer 413 now, discard the rest, and do not keep the connection for another request. */
function refuseTooLarge(/** @type {import('node:http').IncomingMessage} */ req, /** @type {import('node:http').ServerResponse} */ res, /** @type {number} */ limit) {
  req.resume();
  sendJson(res, 413, { error: `body: larger than ${limit} bytes`, field: 'body' }, { Connection: 'close' });
  return null;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string | string[]>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

/** SHA-256 digest of a string or bytes. */
export function sha256(/** @type {string | Buffer} */ value) {
  return createHash('sha256').update(value).digest();
}

export function decodeSafely(/** @type {string} */ value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** An allow-list entry must be a bare origin such as https://www.example.nl. */
export function checkOrigin(/** @type {string} */ origin) {
  let parsed;
  try {
    parsed = new URL(origin);
  } catch {
    throw new TypeError(`corsOrigins: ${JSON.stringify(origin)} is not an origin such as https://www.example.nl`);
  }
  if (parsed.origin !== origin) throw new TypeError(`corsOrigins: ${JSON.stringify(origin)} is not an origin such as https://www.example.nl`);
  return origin;
}

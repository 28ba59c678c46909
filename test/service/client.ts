// Test-side helpers: a plain HTTP client (full control over headers and bodies),
// a valid receipt factory, and the service as a child process (packages/log-service/cli.mjs).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // Response bodies are JSON of several shapes; each test reads the fields it checks.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Send the body in chunks without Content-Length. */
  chunked?: boolean;
  /** Connect from this local address (e.g. 127.0.0.2: another client on the loopback). */
  localAddress?: string;
}

/** One request on a fresh connection. */
export function request(base: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const { method = 'GET', headers = {}, body, chunked = false, localAddress } = options;
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, headers, agent: false, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = undefined;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined && !chunked) req.setHeader('Content-Length', Buffer.byteLength(body));
    if (body !== undefined && chunked) {
      const buffer = Buffer.from(body);
      for (let i = 0; i < buffer.length; i += 1000) req.write(buffer.subarray(i, i + 1000));
    } else if (body !== undefined) {
      req.write(body);
    }
    req.end();
  });
}

/** POST a JSON body (already serialised or not) to /consent. */
export function postReceipt(base: string, body: unknown, headers: Record<string, string> = {}, localAddress?: string): Promise<Reply> {
  return request(base, '/consent', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    localAddress,
  });
}

export interface ReceiptBody {
  id: string;
  timestamp: string;
  revision: number;
  categories: Record<string, boolean>;
  action: 'accept-all' | 'reject-all' | 'custom';
  gpc: boolean;
  language: string;
  url: string;
  textHash: string;
}

/** A valid receipt with a fresh id; override any field. */
export function receipt(overrides: Partial<ReceiptBody> = {}): ReceiptBody {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    revision: 1,
    categories: { necessary: true, preferences: false, analytics: true, marketing: false },
    action: 'custom',
    gpc: false,
    language: 'en',
    url: '/pricing',
    textHash: '3'.repeat(64),
    ...overrides,
  };
}

const CLI = fileURLToPath(new URL('../../packages/log-service/cli.mjs', import.meta.url));

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): string;
  /** Resolves once the output contains text. */
  waitForOutput(text: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Start packages/log-service/cli.mjs on a free port with this environment; resolves once it listens. */
export async function spawnService(env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [CLI], {
    env: { ...process.env, DATABASE_URL: '', CONSENTGATE_LOG_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const check of [...waiters]) check();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const waitForOutput = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!output.includes(text)) return;
        waiters.splice(waiters.indexOf(check), 1);
        resolve();
      };
      waiters.push(check);
      check();
      void exited.then(() => {
        if (!output.includes(text)) reject(new Error(`service exited before printing ${JSON.stringify(text)}:\n${output}`));
      });
    });
  await waitForOutput('listening on ');
  const url = /listening on (http:\/\/[^\s]+)/.exec(output)?.[1];
  if (!url) throw new Error(`no URL in the service output:\n${output}`);
  return { url, child, output: () => output, waitForOutput, exited };
}

/** Kill service processes a failed test left behind. */
export function killLeftovers(): void {
  for (const child of running) child.kill('SIGKILL');
}

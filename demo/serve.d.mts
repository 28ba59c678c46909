// Types for demo/serve.mjs, used by the browser tests' fixture server.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** The Content-Type for a file name. */
export function contentType(file: string): string;
/** Send a body; gzip when the request accepts it and the type is text. */
export function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  headers?: Record<string, string>,
): void;
/** Send a file from disk, or a 404. */
export function sendFile(req: IncomingMessage, res: ServerResponse, file: string, headers?: Record<string, string>): void;
/** The file under `dir` a URL path names (`/` → index.html, `/pricing` → pricing.html), or null. */
export function fileFor(dir: string, pathname: string): string | null;
export function createDemoHandler(options?: { demoDir?: string; distFile?: string; logPort?: number | null }): RequestListener;

export interface Demo {
  url: string;
  port: number;
  logPort: number | null;
  close(): Promise<void>;
}
export function startDemo(options?: {
  port?: number;
  host?: string;
  log?: false | { port: number; dbPath?: string };
  distFile?: string;
}): Promise<Demo>;

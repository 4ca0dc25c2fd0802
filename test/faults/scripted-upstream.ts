/**
 * A loopback upstream whose answers are scripted per request: a status, a delay, a malformed body.
 * It records when each request arrived (monotonic clock), so retries and waits can be counted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Arrival {
  readonly method: string;
  readonly url: string;
  /** performance.now() when the request was complete. */
  readonly at: number;
}

export interface ScriptedUpstream {
  readonly url: string;
  readonly arrivals: Arrival[];
  /** Handlers for the next requests, in order; afterwards every request gets a JSON echo. */
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

export const reply =
  (status: number, body?: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  };

/**
 * A 200 JSON answer of `bytes` bytes, chunked (no Content-Length, so the client has to count), in
 * 1 MiB writes that wait for the socket to drain; it stops when the caller hangs up. `sent` says
 * how much went out.
 */
export function huge(bytes: number, sent: { bytes: number } = { bytes: 0 }): Handler {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('[');
    sent.bytes = 1;
    const pump = (): void => {
      while (!res.destroyed && sent.bytes < bytes - 1) {
        const part = chunk.subarray(0, Math.min(chunk.length, bytes - 1 - sent.bytes));
        sent.bytes += part.length;
        if (!res.write(part)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end(']');
    };
    res.on('error', () => undefined);
    pump();
  };
}

/** Answers after ms, unless the caller gave up first (then nothing is written). */
export const delayed =
  (ms: number, then: Handler): Handler =>
  (req, res) => {
    const timer = setTimeout(() => then(req, res), ms);
    res.on('close', () => clearTimeout(timer));
  };

const echo: Handler = (req, res) => reply(200, { echo: { method: req.method, url: req.url } })(req, res);

export async function startScriptedUpstream(): Promise<ScriptedUpstream> {
  const arrivals: Arrival[] = [];
  const queue: Handler[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      arrivals.push({ method: req.method ?? '', url: req.url ?? '', at: performance.now() });
      (queue.shift() ?? echo)(req, res);
    });
  });
  // Idle keep-alive sockets close after a second, so socket counts settle quickly after a burst.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    script: (...handlers) => queue.push(...handlers),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

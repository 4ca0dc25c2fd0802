// A stand-in for an upstream API in tests: a real node:http server on 127.0.0.1 (an ephemeral
// port) that records every request and answers from a script (statuses, headers, JSON or raw
// bodies, delays, dropped connections), else from a fallback that echoes the request. Generated
// projects' tests and naftiko-gen's own tests use this one module.

import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RecordedRequest {
  readonly method: string;
  /** The request target as received: path and query, still percent-encoded. */
  readonly url: string;
  /** The path alone, still percent-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The body as UTF-8 text ('' when there is none). */
  readonly body: string;
  /** The TCP connection that carried it, numbered from 1 in accept order (keep-alive reuse shows as equal ids). */
  readonly socketId: number;
  /** performance.now() when the request was complete: retries and waits can be timed. */
  readonly at: number;
}

export interface Reply {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string or bytes (Uint8Array) are sent as they are; any other value as JSON (content-type application/json unless `headers` set one). */
  readonly body?: unknown;
  /** Answer after this many milliseconds; nothing is written if the client has gone meanwhile. */
  readonly delayMs?: number;
  /** Destroy the connection instead of answering. */
  readonly destroy?: boolean;
  /**
   * Instead of `body`: a JSON array of `bytes` bytes, chunked (no Content-Length, so the client
   * has to count) in 1 MiB writes that wait for the socket to drain, stopping when the client hangs
   * up; `sent.bytes` says how much went out.
   */
  readonly stream?: { readonly bytes: number; readonly sent?: { bytes: number } };
}

/** A reply, or a function choosing one from the request. */
export type Script = Reply | ((request: RecordedRequest) => Reply);

export interface FakeUpstreamOptions {
  /** The answer when no scripted reply is queued; default `echoReply`. */
  readonly fallback?: Script;
  /** Idle keep-alive connections are closed after this many milliseconds (default: Node's 5 s). */
  readonly keepAliveTimeoutMs?: number;
}

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Every request so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** The answer when the script is empty; assignable. */
  fallback: Script;
  /** Queues replies for the next requests, in order. */
  script(...replies: Script[]): void;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Forgets the requests and the queued replies and restores the fallback. */
  reset(): void;
  close(): Promise<void>;
}

/** 200 with `{ echo: { method, url } }`: a body that proves which request it answers. */
export const echoReply: Script = (request) => ({ body: { echo: { method: request.method, url: request.url } } });

export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const initialFallback = options.fallback ?? echoReply;
  const queue: Script[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new WeakMap<Socket, number>();
  let accepted = 0;
  const server = createServer();
  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  server.on('connection', (socket: Socket) => sockets.set(socket, ++accepted));
  const fake: FakeUpstream = {
    url: '',
    port: 0,
    requests,
    fallback: initialFallback,
    script: (...replies) => void queue.push(...replies),
    connections: () => accepted,
    reset: () => {
      queue.length = 0;
      requests.length = 0;
      fake.fallback = initialFallback;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    readBody(req).then(
      (body) => {
        const recorded = record(req, body, sockets.get(req.socket) ?? 0);
        requests.push(recorded);
        const script = queue.shift() ?? fake.fallback;
        answer(res, typeof script === 'function' ? script(recorded) : script);
      },
      () => res.destroy(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(fake, { port, url: `http://127.0.0.1:${port}` });
}

/** A port on 127.0.0.1 with nothing listening (bound, then released): connections are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function record(req: IncomingMessage, body: string, socketId: number): RecordedRequest {
  const url = req.url ?? '/';
  // Split by hand: URL parsing would normalise the path ("%7E" -> "~", dot segments resolved).
  const mark = url.indexOf('?');
  const path = mark === -1 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? '' : url.slice(mark + 1));
  return { method: req.method ?? '', url, path, query, headers: req.headers, body, socketId, at: performance.now() };
}

function answer(res: ServerResponse, reply: Reply): void {
  if (reply.delayMs === undefined || reply.delayMs <= 0) return send(res, reply);
  const timer = setTimeout(() => send(res, reply), reply.delayMs);
  // The caller gave up (timeout, cancellation): nobody is left to answer.
  res.on('close', () => clearTimeout(timer));
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.destroy) {
    res.socket?.destroy();
    return;
  }
  if (res.destroyed) return;
  if (reply.stream) return stream(res, reply.status ?? 200, reply.stream.bytes, reply.stream.sent ?? { bytes: 0 });
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | Uint8Array = '';
  if (typeof reply.body === 'string' || reply.body instanceof Uint8Array) payload = reply.body;
  else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  res.writeHead(reply.status ?? 200, headers);
  res.end(payload);
}

function stream(res: ServerResponse, status: number, bytes: number, sent: { bytes: number }): void {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  res.writeHead(status, { 'content-type': 'application/json' });
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
}

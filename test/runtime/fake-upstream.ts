// A real node:http server on 127.0.0.1:0 standing in for an upstream API. It records every
// request and answers from a per-test script (status sequences, delays, raw bodies, resets).

import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  socketId: number;
}

export interface ReplySpec {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON (content-type application/json unless headers say otherwise). */
  body?: string | object;
  delayMs?: number;
  /** Destroy the connection instead of answering. */
  destroy?: boolean;
}

export type Reply = ReplySpec | ((req: RecordedRequest) => ReplySpec);

export interface FakeUpstream {
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (to check keep-alive reuse). */
  connections(): number;
  /** Queue replies used in order; when the queue is empty the fallback answers. */
  script(...replies: Reply[]): void;
  fallback: Reply;
  reset(): void;
  close(): Promise<void>;
}

const DEFAULT_REPLY: ReplySpec = { status: 200, body: { ok: true } };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res: ServerResponse, spec: ReplySpec): void {
  if (spec.destroy) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { ...spec.headers };
  let payload = '';
  if (typeof spec.body === 'string') payload = spec.body;
  else if (spec.body !== undefined) {
    payload = JSON.stringify(spec.body);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(spec.status ?? 200, headers);
  res.end(payload);
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const queue: Reply[] = [];
  const sockets = new WeakMap<Socket, number>();
  let nextSocketId = 1;
  const server = createServer();
  server.on('connection', (socket) => sockets.set(socket, nextSocketId++));
  const fake: FakeUpstream = {
    url: '',
    port: 0,
    requests: [],
    connections: () => nextSocketId - 1,
    fallback: DEFAULT_REPLY,
    script: (...replies) => queue.push(...replies),
    reset: () => {
      queue.length = 0;
      fake.requests.length = 0;
      fake.fallback = DEFAULT_REPLY;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then((body) => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        socketId: sockets.get(req.socket) ?? 0,
      };
      fake.requests.push(recorded);
      const reply = queue.shift() ?? fake.fallback;
      const spec = typeof reply === 'function' ? reply(recorded) : reply;
      if (spec.delayMs) setTimeout(() => answer(res, spec), spec.delayMs);
      else answer(res, spec);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as AddressInfo).port;
  fake.url = `http://127.0.0.1:${fake.port}`;
  return fake;
}

/** A port with nothing listening on it (bound then released), for connection-refused tests. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

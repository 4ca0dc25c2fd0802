/**
 * Bounded upstream answers: the client reads at most maxResponseBytes of a body (after
 * decompression), fails with UpstreamResponseTooLargeError past it (no retry), closes the
 * connection so the keep-alive pool never keeps or waits for it, and REST/MCP map the error to 502.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamBadResponseError, UpstreamResponseTooLargeError, createHttpClient } from '../../templates/runtime/http.js';
import type { HttpClientOptions } from '../../templates/runtime/http.js';
import { describeToolError } from '../../templates/runtime/mcp-errors.js';
import { problemFor } from '../../templates/runtime/problem.js';

interface Answer {
  /** Body bytes, sent in 64 KiB chunks. */
  readonly body: Buffer;
  /** Send Content-Length (otherwise chunked). */
  readonly declare?: boolean;
  readonly headers?: Record<string, string>;
}

/** A loopback upstream answering from a queue, counting the connections it sees open and closed. */
let server: Server;
let url: string;
const answers: Answer[] = [];
let opened = 0;
let closed = 0;
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests += 1;
    const answer = answers.shift() ?? { body: Buffer.from('{"ok":true}'), declare: true };
    res.writeHead(200, { 'content-type': 'application/json', ...(answer.declare ? { 'content-length': String(answer.body.length) } : {}), ...answer.headers });
    let offset = 0;
    const pump = (): void => {
      while (offset < answer.body.length) {
        const chunk = answer.body.subarray(offset, offset + 65_536);
        offset += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => undefined);
    pump();
  });
  server.on('connection', (socket: Socket) => {
    opened += 1;
    socket.on('close', () => (closed += 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

beforeEach(() => {
  answers.length = 0;
  requests = 0;
});

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ baseUrl: url, auth: { kind: 'none' }, retryBaseDelayMs: 1, maxResponseBytes: 1024, ...overrides });
}

const json = (bytes: number): Buffer => Buffer.from(`"${'x'.repeat(bytes - 2)}"`);
const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 5));
};

describe('an upstream answer longer than maxResponseBytes', () => {
  it('fails with UpstreamResponseTooLargeError, not retried, when Content-Length says so', async () => {
    answers.push({ body: json(4096), declare: true });
    const error = await client().request({ operation: 'op', method: 'GET', path: '/big' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamResponseTooLargeError);
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(error).toMatchObject({ operation: 'op', status: 200, limitBytes: 1024 });
    expect(requests).toBe(1);
  });

  it('fails the same way when the body is chunked, and closes that connection', async () => {
    const c = client();
    await c.request({ operation: 'op', method: 'GET', path: '/warm' });
    const closedBefore = closed;
    answers.push({ body: json(256 * 1024) });
    await expect(c.request({ operation: 'op', method: 'GET', path: '/big' })).rejects.toBeInstanceOf(UpstreamResponseTooLargeError);
    await until(() => closed > closedBefore);
    expect(closed).toBe(closedBefore + 1);
    // The next call opens a fresh connection and works.
    const openedBefore = opened;
    expect((await c.request({ operation: 'op', method: 'GET', path: '/next' })).body).toEqual({ ok: true });
    expect(opened).toBe(openedBefore + 1);
  });

  it('counts bytes after decompression: a small gzip answer that inflates past the limit fails', async () => {
    const bomb = gzipSync(json(1024 * 1024));
    expect(bomb.length).toBeLessThan(1024 * 1024 / 100);
    answers.push({ body: bomb, declare: true, headers: { 'content-encoding': 'gzip' } });
    await expect(client({ maxResponseBytes: 64 * 1024 }).request({ operation: 'op', method: 'GET', path: '/bomb' })).rejects.toBeInstanceOf(UpstreamResponseTooLargeError);
  });

  it('ends the attempt\'s client span with the error kind (tracing from main\'s OpenTelemetry client spans)', async () => {
    const ended: unknown[] = [];
    const trace = { upstream: () => ({ headers: {}, end: (outcome: unknown) => void ended.push(outcome) }) };
    answers.push({ body: json(4096), declare: true });
    await expect(client().request({ operation: 'op', method: 'GET', path: '/big' }, { trace })).rejects.toBeInstanceOf(UpstreamResponseTooLargeError);
    expect(ended).toEqual([{ error: 'UpstreamResponseTooLargeError' }]);
  });

  it('reads an answer of exactly the limit', async () => {
    answers.push({ body: json(1024) });
    const res = await client().request({ operation: 'op', method: 'GET', path: '/exact' });
    expect((res.body as string).length).toBe(1022);
  });

  it('never leaks a socket: more oversized answers than the pool has sockets, then a normal call', async () => {
    const c = client();
    const open = () => opened - closed;
    const openBefore = open();
    for (let i = 0; i < 140; i += 1) answers.push({ body: json(8 * 1024), declare: i % 2 === 0 });
    for (let i = 0; i < 140; i += 1) await expect(c.request({ operation: 'op', method: 'GET', path: '/big' })).rejects.toBeInstanceOf(UpstreamResponseTooLargeError);
    expect((await c.request({ operation: 'op', method: 'GET', path: '/after' })).body).toEqual({ ok: true });
    // Only the last call's connection stays open (idle, for reuse); other clients' may have closed meanwhile.
    await until(() => open() <= openBefore + 1);
    expect(open()).toBeLessThanOrEqual(openBefore + 1);
  });

  it('is bounded through an injected fetch too', async () => {
    answers.push({ body: json(256 * 1024) });
    await expect(client({ fetch }).request({ operation: 'op', method: 'GET', path: '/big' })).rejects.toBeInstanceOf(UpstreamResponseTooLargeError);
    answers.push({ body: json(4096), declare: true });
    await expect(client({ fetch }).request({ operation: 'op', method: 'GET', path: '/big' })).rejects.toBeInstanceOf(UpstreamResponseTooLargeError);
    expect((await client({ fetch }).request({ operation: 'op', method: 'GET', path: '/small' })).body).toEqual({ ok: true });
  });

  it('defaults to 10 MiB', async () => {
    answers.push({ body: json(10 * 1024 * 1024 + 1) });
    const error = await client({ maxResponseBytes: undefined }).request({ operation: 'op', method: 'GET', path: '/big' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ limitBytes: 10 * 1024 * 1024 });
    answers.push({ body: json(10 * 1024 * 1024) });
    await expect(client({ maxResponseBytes: undefined }).request({ operation: 'op', method: 'GET', path: '/fits' })).resolves.toMatchObject({ status: 200 });
  });
});

describe('the adapters', () => {
  const error = new UpstreamResponseTooLargeError('lago.getitem', 200, 1024);

  it('REST answers 502 problem+json naming the limit', () => {
    expect(problemFor(error)).toEqual({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: 'Upstream lago.getitem sent a response longer than the 1024 bytes this service reads.' });
  });

  it('MCP makes it a tool error with status 502, not an unexpected failure', () => {
    expect(describeToolError(error, 100)).toEqual({ status: 502, message: 'Upstream lago.getitem answered with more than the 1024 bytes this service reads.', unexpected: false });
  });
});

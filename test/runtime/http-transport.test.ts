/** The node:http transport: keep-alive reuse, stale sockets, wire headers, compression, fetch injection. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamNetworkError, UpstreamTimeoutError, createHttpClient } from '../../templates/runtime/http.js';
import type { HttpClientOptions } from '../../templates/runtime/http.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';

/** Unscripted requests get `{ ok: true }`. */
const OK_FALLBACK = { fallback: { body: { ok: true } } };

let upstream: FakeUpstream;
beforeAll(async () => (upstream = await startFakeUpstream(OK_FALLBACK)));
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ baseUrl: upstream.url, auth: { kind: 'none' }, retryBaseDelayMs: 1, maxRetries: 0, ...overrides });
}

describe('stale keep-alive sockets', () => {
  it('sends an idempotent request again, once, when a reused socket is reset before any answer', async () => {
    const c = client();
    await c.request({ operation: 'op', method: 'GET', path: '/warm' });
    upstream.script({ destroy: true }, { body: { again: true } });
    const res = await c.request({ operation: 'op', method: 'GET', path: '/x' });
    expect(res.body).toEqual({ again: true });
    expect(upstream.requests.map((r) => r.url)).toEqual(['/warm', '/x', '/x']);
    // The resend went out on a new connection, not the one that was reset.
    expect(upstream.requests[2]?.socketId).not.toBe(upstream.requests[1]?.socketId);
  });

  it('resends only once', async () => {
    const c = client();
    await c.request({ operation: 'op', method: 'GET', path: '/warm' });
    upstream.script({ destroy: true }, { destroy: true }, { body: { third: true } });
    await expect(c.request({ operation: 'op', method: 'DELETE', path: '/x' })).rejects.toBeInstanceOf(UpstreamNetworkError);
    expect(upstream.requests).toHaveLength(3);
  });

  it('does not resend a POST (it may have been processed)', async () => {
    const c = client();
    await c.request({ operation: 'op', method: 'GET', path: '/warm' });
    upstream.script({ destroy: true });
    await expect(c.request({ operation: 'op', method: 'POST', path: '/x', body: {} })).rejects.toBeInstanceOf(UpstreamNetworkError);
    expect(upstream.requests).toHaveLength(2);
  });

  it('does not resend when a fresh connection is reset', async () => {
    upstream.script({ destroy: true });
    await expect(client().request({ operation: 'op', method: 'GET', path: '/x' })).rejects.toBeInstanceOf(UpstreamNetworkError);
    expect(upstream.requests).toHaveLength(1);
  });

  it('keeps one connection for sequential calls and opens more only for concurrent ones', async () => {
    const c = client();
    const before = upstream.connections();
    for (let i = 0; i < 5; i += 1) await c.request({ operation: 'op', method: 'GET', path: '/s' });
    expect(upstream.connections() - before).toBe(1);
    upstream.fallback = { delayMs: 30, body: {} };
    await Promise.all([1, 2, 3].map(() => c.request({ operation: 'op', method: 'GET', path: '/p' })));
    expect(upstream.connections() - before).toBe(3);
  });
});

describe('wire format', () => {
  it('sends the defaults fetch sent, and Content-Length 0 for a POST without body', async () => {
    await client().request({ operation: 'op', method: 'POST', path: '/p' });
    const seen = upstream.requests[0]!.headers;
    expect(seen).toMatchObject({ accept: 'application/json', 'user-agent': 'node', 'accept-encoding': 'gzip, deflate', 'content-length': '0' });
    expect(seen).not.toHaveProperty('transfer-encoding');
  });

  it('drops connection and framing headers a caller passes, and lets it set user-agent', async () => {
    const headers = { Host: 'evil.example', Connection: 'close', 'Transfer-Encoding': 'chunked', 'Content-Length': '999', 'User-Agent': 'mine', 'X-Ok': ' v ' };
    await client().request({ operation: 'op', method: 'PUT', path: '/p', body: { a: 1 }, headers });
    const seen = upstream.requests[0]!;
    expect(seen.headers.host).toBe(`127.0.0.1:${upstream.port}`);
    expect(seen.headers['content-length']).toBe('7');
    expect(seen.headers).not.toHaveProperty('transfer-encoding');
    expect(seen.headers['connection']).toBe('keep-alive');
    expect(seen.headers['user-agent']).toBe('mine');
    expect(seen.headers['x-ok']).toBe('v');
    expect(seen.body).toBe('{"a":1}');
  });

  it('refuses a header value with CR/LF before sending anything', async () => {
    const request = client().request({ operation: 'op', method: 'GET', path: '/p', headers: { 'x-a': 'v\r\nx-injected: 1' } });
    await expect(request).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('gives text bodies fetch’s default content type and sends Blob bytes with their type', async () => {
    await client().request({ operation: 'op', method: 'POST', path: '/t', content: { data: 'héllo' } });
    await client().request({ operation: 'op', method: 'POST', path: '/b', content: { data: new Blob(['a,b'], { type: 'text/csv' }) } });
    expect(upstream.requests[0]?.headers).toMatchObject({ 'content-type': 'text/plain;charset=UTF-8', 'content-length': '6' });
    expect(upstream.requests[0]?.body).toBe('héllo');
    expect(upstream.requests[1]?.headers['content-type']).toBe('text/csv');
    expect(upstream.requests[1]?.body).toBe('a,b');
  });
});

describe('responses', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
  ])('decodes a %s body', async (encoding, compress) => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      res.end(compress(Buffer.from('\uFEFF{"zipped":"ü"}')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await client({ baseUrl: url }).request({ operation: 'op', method: 'GET', path: '/' });
      expect(res.body).toEqual({ zipped: 'ü' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('reports a body that breaks off mid-way as a network error', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(client({ baseUrl: url }).request({ operation: 'op', method: 'GET', path: '/' })).rejects.toBeInstanceOf(UpstreamNetworkError);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('injected fetch', () => {
  it('sends through it, with redirects not followed, and maps its timeout', async () => {
    const seen: RequestInit[] = [];
    const fake: typeof fetch = async (_url, init) => {
      seen.push(init ?? {});
      return new Response('{"via":"fetch"}', { headers: { 'content-type': 'application/json' } });
    };
    const res = await client({ fetch: fake }).request({ operation: 'op', method: 'POST', path: '/f', body: { a: 1 } });
    expect(res.body).toEqual({ via: 'fetch' });
    expect(seen[0]).toMatchObject({ method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json' } });
    expect(upstream.requests).toHaveLength(0);
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    await expect(client({ fetch: hang, timeoutMs: 20 }).request({ operation: 'op', method: 'GET', path: '/' })).rejects.toBeInstanceOf(UpstreamTimeoutError);
  });
});

// The one fake upstream (templates/runtime/fake-upstream.ts), used by generated projects' tests and
// by this repository's: every feature checked over real HTTP.
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, echoReply, startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

describe('fake upstream', () => {
  it('listens on an ephemeral loopback port', () => {
    expect(upstream.url).toBe(`http://127.0.0.1:${upstream.port}`);
    expect(upstream.port).toBeGreaterThan(0);
  });

  it('records method, raw target, path and query as sent, headers and body', async () => {
    const res = await fetch(`${upstream.url}/a%2Fb/%7E/c?x=1&x=2&y=a%26b`, { method: 'POST', headers: { 'x-k': 'v', 'content-type': 'text/plain' }, body: 'hé' });
    expect(await res.json()).toEqual({ echo: { method: 'POST', url: '/a%2Fb/%7E/c?x=1&x=2&y=a%26b' } });
    const [seen] = upstream.requests;
    expect(seen).toMatchObject({ method: 'POST', url: '/a%2Fb/%7E/c?x=1&x=2&y=a%26b', path: '/a%2Fb/%7E/c', body: 'hé' });
    expect(seen!.query.getAll('x')).toEqual(['1', '2']);
    expect(seen!.query.get('y')).toBe('a&b');
    expect(seen!.headers['x-k']).toBe('v');
  });

  it('answers scripted replies in order, then the fallback', async () => {
    upstream.script({ status: 201, body: { id: 1 } }, { status: 404, headers: { 'content-type': 'text/plain' }, body: 'gone' }, (r) => ({ body: { saw: r.method } }));
    const a = await fetch(upstream.url);
    expect([a.status, a.headers.get('content-type'), await a.json()]).toEqual([201, 'application/json', { id: 1 }]);
    const b = await fetch(upstream.url);
    expect([b.status, b.headers.get('content-type'), await b.text()]).toEqual([404, 'text/plain', 'gone']);
    expect(await (await fetch(upstream.url, { method: 'DELETE' })).json()).toEqual({ saw: 'DELETE' });
    expect(await (await fetch(`${upstream.url}/z`)).json()).toEqual({ echo: { method: 'GET', url: '/z' } });
  });

  it('keeps a content type the reply names, sends strings as they are and no body as empty', async () => {
    upstream.script({ headers: { 'Content-Type': 'application/problem+json' }, body: { title: 't' } }, { body: '{oops' }, { status: 204 });
    const a = await fetch(upstream.url);
    expect(a.headers.get('content-type')).toBe('application/problem+json');
    expect(await a.text()).toBe('{"title":"t"}');
    const b = await fetch(upstream.url);
    expect(b.headers.get('content-type')).toBeNull();
    expect(await b.text()).toBe('{oops');
    const c = await fetch(upstream.url);
    expect([c.status, await c.text()]).toEqual([204, '']);
  });

  it('a replaced fallback answers until reset restores the default', async () => {
    upstream.fallback = { status: 503 };
    expect((await fetch(upstream.url)).status).toBe(503);
    expect((await fetch(upstream.url)).status).toBe(503);
    upstream.reset();
    expect(upstream.requests).toEqual([]);
    expect((await fetch(upstream.url)).status).toBe(200);
  });

  it('reset drops replies still queued', async () => {
    upstream.script({ status: 500 });
    upstream.reset();
    expect((await fetch(upstream.url)).status).toBe(200);
  });

  it('delays a reply, timing arrivals on the monotonic clock', async () => {
    upstream.script({ delayMs: 150, body: { late: true } });
    const started = performance.now();
    expect(await (await fetch(upstream.url)).json()).toEqual({ late: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await fetch(upstream.url);
    const [first, second] = upstream.requests;
    expect(second!.at).toBeGreaterThanOrEqual(first!.at + 140);
  });

  it('writes nothing for a delayed reply whose caller has gone', async () => {
    upstream.script({ delayMs: 200 });
    await expect(fetch(upstream.url, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await fetch(upstream.url)).status).toBe(200);
  });

  it('destroys the connection when told to', async () => {
    upstream.script({ destroy: true });
    await expect(fetch(upstream.url)).rejects.toThrow();
    expect(upstream.requests).toHaveLength(1);
  });

  it('streams a chunked JSON answer of the size asked for, counting what it sent', async () => {
    const sent = { bytes: 0 };
    upstream.script({ stream: { bytes: 3 * 1024 * 1024 + 5, sent } });
    const res = await fetch(upstream.url);
    expect(res.headers.get('content-length')).toBeNull();
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    const text = await res.text();
    expect(text.length).toBe(3 * 1024 * 1024 + 5);
    expect(JSON.parse(text)).toEqual([]);
    expect(sent.bytes).toBe(text.length - 1);
  });

  it('stops streaming when the client hangs up', async () => {
    const sent = { bytes: 0 };
    upstream.script({ stream: { bytes: 512 * 1024 * 1024, sent } });
    const controller = new AbortController();
    const res = await fetch(upstream.url, { signal: controller.signal });
    await res.body!.getReader().read();
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = sent.bytes;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sent.bytes).toBe(after);
    expect(sent.bytes).toBeLessThan(64 * 1024 * 1024);
  });

  it('counts connections and tells which one carried each request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<void>((resolve, reject) => {
        request(upstream.url, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end();
      });
    const before = upstream.connections();
    await get();
    await get();
    agent.destroy();
    expect(upstream.connections() - before).toBe(1);
    const [a, b] = upstream.requests;
    expect(a!.socketId).toBe(b!.socketId);
    await fetch(upstream.url, { headers: { connection: 'close' } });
    expect(upstream.requests[2]!.socketId).not.toBe(a!.socketId);
  });

  it('starts with another fallback and keep-alive time when asked', async () => {
    const other = await startFakeUpstream({ fallback: { body: { ok: true } }, keepAliveTimeoutMs: 1_000 });
    try {
      expect(await (await fetch(other.url)).json()).toEqual({ ok: true });
      other.fallback = echoReply;
      other.reset();
      expect(await (await fetch(other.url)).json()).toEqual({ ok: true });
    } finally {
      await other.close();
    }
  });

  it('closedPort refuses connections', async () => {
    const port = await closedPort();
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});

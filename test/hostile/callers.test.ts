/**
 * Hostile callers against the committed lago-customers service (built outside the repository and
 * run as a child process) and the recording fake upstream: none crashes the service, and nothing
 * reaches the upstream in altered form (no path traversal, no other path or host, values stay
 * percent-encoded).
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';

const BASE = '/api/v1';
let upstream: FakeUpstream;
let dir: string;
let service: RunningService;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  dir = buildProjectCopy(join(GENERATED_DIR, 'lago-customers'));
  service = await startService(dir, { LAGO_API_KEY: 'k', LAGO_CUSTOMERS_BASE_URL: upstream.url + BASE, REST_PORT: '0', MCP_PORT: '0' }, ['rest', 'mcp']);
});

afterAll(async () => {
  await service?.stop();
  await upstream?.close();
  if (dir) removeProjectCopy(dir);
});

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request with the target exactly as given (fetch would normalise "..", "#" and more). */
function raw(method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer; base?: string } = {}): Promise<RawReply> {
  const url = new URL(options.base ?? service.urls.rest!);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Bytes straight onto a socket; resolves with what the server answered before closing. */
function rawSocket(bytes: string, base = service.urls.rest!): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(Number(url.port), url.hostname, () => socket.end(bytes));
    socket.on('data', (c: Buffer) => (answer += c.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

/** Requests the upstream received during `work`. */
async function seenDuring(work: () => Promise<unknown>): Promise<RecordedRequest[]> {
  const before = upstream.requests.length;
  await work();
  return upstream.requests.slice(before);
}

async function expectHealthy(): Promise<void> {
  expect(service.process.exitCode).toBeNull();
  expect((await fetch(`${service.urls.rest}/health`)).status).toBe(200);
  expect((await fetch(`${service.urls.mcp}/health`)).status).toBe(200);
}

async function mcpClient(): Promise<Client> {
  const client = new Client({ name: 'hostile', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
  return client;
}

describe('path values', () => {
  it.each([
    ['..%2F..%2Fadmin', '../../admin'],
    ['a%2Fb', 'a/b'],
    ['a%3Fb%3Dc', 'a?b=c'],
    ['a%23frag', 'a#frag'],
    ['a%0D%0AHost%3A%20evil.example', 'a\r\nHost: evil.example'],
    ['%252F', '%2F'],
    ['%C3%A9%00', 'é\u0000'],
    ['a%5Cb', 'a\\b'],
  ])('%s reaches the upstream as one encoded segment', async (segment, decoded) => {
    const seen = await seenDuring(async () => expect((await raw('GET', `/v1/customers/${segment}`)).status).toBe(200));
    expect(seen.map((r) => r.url)).toEqual([`${BASE}/customers/${encodeURIComponent(decoded)}`]);
  });

  it.each(['..', '.', '%2e%2e', '%2E.', '.%2e'])('"%s" as a whole segment is refused or unrouted, never resolved', async (segment) => {
    const seen = await seenDuring(async () => expect([400, 404]).toContain((await raw('GET', `/v1/customers/${segment}`)).status));
    expect(seen).toEqual([]);
  });

  it('raw dot segments in the route path never reach another upstream path', async () => {
    const seen = await seenDuring(async () => {
      for (const target of ['/v1/customers/../customers', '/v1/customers/x/../../admin', '//evil.example/v1/customers', '/v1//customers', '/v1/customers/%2e%2e/%2e%2e/admin']) {
        const res = await raw('GET', target);
        expect(res.status, target).toBeLessThan(500);
      }
    });
    for (const r of seen) expect(r.path.startsWith(`${BASE}/customers`), r.url).toBe(true);
    for (const r of seen) expect(r.path.split('/')).not.toContain('..');
  });

  it('an absolute-form request target cannot redirect the call to another host', async () => {
    const seen = await seenDuring(async () => {
      const res = await raw('GET', 'http://169.254.169.254/v1/customers');
      expect([200, 400, 404]).toContain(res.status);
    });
    for (const r of seen) expect(r.url).toBe(`${BASE}/customers`);
  });

  it('MCP path arguments are encoded too', async () => {
    const client = await mcpClient();
    const seen = await seenDuring(() => client.callTool({ name: 'lago-retrieve-customer', arguments: { external_id: '../../admin?x=1#y' } }));
    const dots = await seenDuring(async () => {
      const result = await client.callTool({ name: 'lago-retrieve-customer', arguments: { external_id: '..' } });
      expect(result.isError).toBe(true);
    });
    await client.close();
    expect(seen.map((r) => r.url)).toEqual([`${BASE}/customers/${encodeURIComponent('../../admin?x=1#y')}`]);
    expect(dots).toEqual([]);
  });
});

describe('query values', () => {
  it('"&", "=" and "#" stay inside one encoded value', async () => {
    const value = 'a&periods_count=9=x#y';
    const seen = await seenDuring(async () =>
      expect((await raw('GET', `/v1/customers/c-1/current-usage?external_subscription_id=${encodeURIComponent(value)}`)).status).toBe(200),
    );
    expect(seen).toHaveLength(1);
    expect([...seen[0]!.query.keys()]).toEqual(['external_subscription_id']);
    expect(seen[0]!.query.get('external_subscription_id')).toBe(value);
    expect(seen[0]!.path).toBe(`${BASE}/customers/c-1/current_usage`);
  });

  it('bracketed and repeated keys neither crash nor pollute', async () => {
    const seen = await seenDuring(async () => {
      for (const q of ['external_subscription_id[__proto__][polluted]=1', '__proto__[polluted]=1&constructor[prototype][polluted]=1', 'external_subscription_id=a&external_subscription_id=b']) {
        const res = await raw('GET', `/v1/customers/c-1/current-usage?${q}`);
        expect(res.status, q).toBeLessThan(500);
      }
    });
    for (const r of seen) {
      expect(r.path).toBe(`${BASE}/customers/c-1/current_usage`);
      expect([...r.query.keys()].every((k) => k === 'external_subscription_id')).toBe(true);
    }
    await expectHealthy();
  });
});

describe('headers', () => {
  it('a CR/LF-folded or NUL header is refused by the HTTP parser, not forwarded', async () => {
    const seen = await seenDuring(async () => {
      const folded = await rawSocket('GET /v1/customers HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\r\n evil: 1\r\nConnection: close\r\n\r\n');
      const nul = await rawSocket('GET /v1/customers HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\u0000b\r\nConnection: close\r\n\r\n');
      expect(folded.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 400/);
      expect(nul.split('\r\n')[0]).toMatch(/^HTTP\/1\.1 400/);
    });
    expect(seen).toEqual([]);
  });

  it('only a well-formed request id is forwarded; others are replaced', async () => {
    for (const id of ['x'.repeat(4000), 'a b<script>', 'abc;Host=evil']) {
      const seen = await seenDuring(() => raw('GET', '/v1/customers', { headers: { 'x-request-id': id } }));
      expect(seen).toHaveLength(1);
      expect(seen[0]!.headers['x-request-id']).not.toBe(id);
      expect(seen[0]!.headers['x-request-id']).toMatch(/^[A-Za-z0-9._-]{1,128}$/);
    }
  });

  it('an oversized header block is answered 431', async () => {
    // Just over Node's 16 KB limit: the server reads the whole request in one chunk, so closing
    // after its 431 leaves nothing unread (unread bytes would turn the close into a reset that can
    // race the answer).
    const seen = await seenDuring(async () => expect((await raw('GET', '/v1/customers', { headers: { 'x-big': 'x'.repeat(20 * 1024) } })).status).toBe(431));
    expect(seen).toEqual([]);
  });
});

describe('bodies', () => {
  const post = (body: string | Buffer, type = 'application/json') => raw('POST', '/v1/customers', { headers: { 'content-type': type }, body });

  it('an oversized body is 413 problem+json and never reaches the upstream', async () => {
    const seen = await seenDuring(async () => {
      const res = await post(JSON.stringify({ customer: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
    expect(seen).toEqual([]);
  });

  it('deeply nested JSON is answered without crashing', async () => {
    const depth = 200_000;
    const seen = await seenDuring(async () => {
      const res = await post(`{"customer":${'['.repeat(depth)}${']'.repeat(depth)}}`);
      expect(res.status).toBeLessThan(600);
      expect(res.status).not.toBe(0);
    });
    for (const r of seen) expect(r.path).toBe(`${BASE}/customers`);
    await expectHealthy();
  });

  it('__proto__ and constructor keys are forwarded as data and pollute nothing', async () => {
    const body = '{"customer":{"external_id":"c"},"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
    const seen = await seenDuring(async () => expect((await post(body)).status).toBe(200));
    expect(seen).toHaveLength(1);
    // Input validation drops a "__proto__" key (it can never be an own property of a parsed
    // object the service builds); everything else reaches the upstream as sent.
    const forwarded = JSON.parse(seen[0]!.body) as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(forwarded).sort()).toEqual(['constructor', 'customer']);
    expect(forwarded).toEqual({ customer: { external_id: 'c' }, constructor: { prototype: { polluted: 'yes' } } });
    // A polluted Object.prototype would show up in every JSON answer the service builds.
    const problem = (await (await fetch(`${service.urls.rest}/v1/customers`, { method: 'POST' })).json()) as Record<string, unknown>;
    expect('polluted' in problem).toBe(false);
  });

  it('malformed JSON and wrong content types are 4xx, not 5xx', async () => {
    const seen = await seenDuring(async () => {
      for (const [body, type] of [['{"customer":', 'application/json'], ['\u0000\u0001', 'application/json'], ['customer=x', 'application/x-www-form-urlencoded'], ['{"customer":{}}', 'text/plain']] as const) {
        const res = await post(body, type);
        expect(res.status, `${type} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
      }
    });
    expect(seen).toEqual([]);
  });
});

describe('MCP callers', () => {
  const rpc = (body: unknown) =>
    raw('POST', '/mcp', {
      base: service.urls.mcp!,
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('an unknown tool is an error result, not a crash', async () => {
    const client = await mcpClient();
    const seen = await seenDuring(async () => {
      const outcome = await client.callTool({ name: '../../lago-delete-customer', arguments: {} }).then(
        (r) => r.isError === true,
        () => true,
      );
      expect(outcome).toBe(true);
    });
    await client.close();
    expect(seen).toEqual([]);
    await expectHealthy();
  });

  it('a "__proto__" argument is dropped, never merged', async () => {
    const client = await mcpClient();
    const seen = await seenDuring(() => client.callTool({ name: 'lago-retrieve-customer', arguments: JSON.parse('{"external_id":"c","__proto__":{"external_id":"../admin"}}') as Record<string, unknown> }));
    await client.close();
    expect(seen.map((r) => r.url)).toEqual([`${BASE}/customers/c`]);
  });

  it('unknown and mistyped arguments are rejected before any upstream call', async () => {
    const client = await mcpClient();
    const seen = await seenDuring(async () => {
      for (const args of [{ external_id: 'c', extra: 1 }, { external_id: { nested: true } }, { constructor: 'x', external_id: 'c' }]) {
        const result = await client.callTool({ name: 'lago-retrieve-customer', arguments: args }).then(
          (r) => r.isError === true,
          () => true,
        );
        expect(result, JSON.stringify(args)).toBe(true);
      }
    });
    await client.close();
    expect(seen).toEqual([]);
  });

  it('a huge argument object is refused (413) without reaching the upstream', async () => {
    const seen = await seenDuring(async () => {
      const res = await rpc({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'lago-retrieve-customer', arguments: { external_id: 'x'.repeat(3 * 1024 * 1024) } } });
      expect(res.status).toBe(413);
    });
    expect(seen).toEqual([]);
  });

  it('garbage JSON-RPC is a 4xx', async () => {
    for (const body of ['{', '[]', '{"jsonrpc":"2.0"}', 'null', `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":${'['.repeat(100_000)}${']'.repeat(100_000)}}`]) {
      const res = await rpc(body);
      expect(res.status, body.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(res.status, body.slice(0, 40)).toBeLessThan(500);
    }
    await expectHealthy();
  });
});

describe('slow clients', () => {
  it('a client sending its headers byte by byte is disconnected, and others are served meanwhile', async () => {
    const url = new URL(service.urls.rest!);
    const socket = connect(Number(url.port), url.hostname);
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
    socket.on('error', () => undefined);
    await new Promise((r) => socket.once('connect', r));
    const started = Date.now();
    const header = 'GET /v1/customers HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'x'.repeat(10_000);
    let i = 0;
    const drip = setInterval(() => {
      if (!socket.destroyed && i < header.length) socket.write(header[i++]!);
    }, 200);
    try {
      await expectHealthy();
      const closedAt = await Promise.race([closed, new Promise<number>((r) => setTimeout(() => r(-1), 45_000))]);
      expect(closedAt, 'the server never closed the slow socket').toBeGreaterThan(0);
      expect(closedAt - started).toBeGreaterThan(1_000);
    } finally {
      clearInterval(drip);
      socket.destroy();
    }
    await expectHealthy();
  }, 60_000);
});

describe('afterwards', () => {
  it('every upstream request stayed on the consumed API’s own paths and the service is alive', async () => {
    for (const r of upstream.requests) {
      expect(r.path.startsWith(`${BASE}/customers`), r.url).toBe(true);
      expect(r.url).not.toMatch(/[\r\n\s]/);
      expect(new URL(r.url, 'http://upstream.test').pathname.split('/')).not.toContain('..');
    }
    await expectHealthy();
  });
});

/**
 * What Ikanos added, run: the ikanos-constructs golden project is built outside the repository,
 * started against the fake upstream and called over HTTP and MCP (both protocol eras). Binary
 * answers pass on byte for byte with the declared media type and a 502 past maxBinarySize; cache
 * hints reach 2026-07-28 clients only; steps keyed "2" then "1" run in that order.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES_DIR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';

let upstream: FakeUpstream;
let dir: string;
let service: RunningService;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  dir = buildProjectCopy(join(CASES_DIR, 'ikanos-constructs', 'expected'));
  const env = { PHOTOS_TOKEN: 'photos-token', PHOTO_LIBRARY_BASE_URL: upstream.url, REST_PORT: '0', MCP_PORT: '0' };
  service = await startService(dir, env, ['rest', 'mcp']);
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await upstream?.close();
  if (dir) removeProjectCopy(dir);
});

/** The upstream answers these bytes, as an octet stream: the declared media type must replace it. */
function answerBytes(size: number): Buffer {
  const bytes = randomBytes(size);
  upstream.script({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: bytes });
  return bytes;
}

async function mcpClient(era: 'legacy' | 'modern'): Promise<Client> {
  const options = era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {};
  const client = new Client({ name: 'ikanos-run', version: '1.0.0' }, options);
  await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
  return client;
}

describe('binary content over REST', () => {
  it('passes the bytes on with the declared media type and status', async () => {
    const bytes = answerBytes(3000);
    const before = upstream.requests.length;
    const res = await fetch(`${service.urls.rest}/photos/p1/image`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    const seen = upstream.requests[before]!;
    expect(seen.url).toBe('/photos/p1/binary');
    expect(seen.headers.authorization).toBe('Bearer photos-token');
    expect(seen.headers.accept).toBe('image/jpeg, */*;q=0.8');
  });

  it('answers 502 past the adapter maxBinarySize (4 KiB)', async () => {
    answerBytes(4097);
    const res = await fetch(`${service.urls.rest}/photos/p1/image`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('applies the operation maxBinarySize (1 KiB) before the adapter one, and responseBinary the media type', async () => {
    answerBytes(1025);
    expect((await fetch(`${service.urls.rest}/photos/p1/thumbnail`)).status).toBe(502);
    const bytes = answerBytes(1024);
    const res = await fetch(`${service.urls.rest}/photos/p1/thumbnail`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('documents tags, version and binary answers in openapi.json', async () => {
    const doc = (await (await fetch(`${service.urls.rest}/openapi.json`)).json()) as {
      info: { version: string };
      tags: { name: string }[];
      paths: Record<string, { get: { tags?: string[]; responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    expect(doc.info.version).toBe('2.1.0');
    expect(doc.tags.map((t) => t.name)).toEqual(['photos', 'metadata', 'bytes']);
    expect(doc.paths['/photos/{id}']!.get.tags).toEqual(['photos', 'metadata']);
    expect(Object.keys(doc.paths['/photos/{id}/image']!.get.responses['2XX']!.content!)).toEqual(['image/jpeg']);
    expect(Object.keys(doc.paths['/photos/{id}/image']!.get.responses['404']!.content!)).toEqual(['application/json']);
  });
});

describe('binary content over MCP', () => {
  it('answers a binary tool with an image block', async () => {
    const bytes = answerBytes(2000);
    const client = await mcpClient('legacy');
    const result = await client.callTool({ name: 'get-photo-bytes', arguments: { id: 'p2' } });
    await client.close();
    expect(result.isError ?? false).toBe(false);
    expect(result.content).toEqual([{ type: 'image', mimeType: 'image/jpeg', data: bytes.toString('base64') }]);
  });

  it('reads a binary resource as blob contents', async () => {
    const bytes = answerBytes(2000);
    const client = await mcpClient('legacy');
    const before = upstream.requests.length;
    const result = await client.readResource({ uri: 'photos://library/p3/bytes' });
    await client.close();
    expect(upstream.requests[before]!.url).toBe('/photos/p3/binary');
    expect(result.contents).toEqual([{ uri: 'photos://library/p3/bytes', mimeType: 'image/jpeg', blob: bytes.toString('base64') }]);
  });

  it('makes a tool past maxBinarySize an error result', async () => {
    answerBytes(4097);
    const client = await mcpClient('legacy');
    const result = await client.callTool({ name: 'get-photo-bytes', arguments: { id: 'p2' } });
    await client.close();
    expect(result.isError).toBe(true);
  });
});

describe('MCP cache hints', () => {
  it('carries ttlMs and cacheScope on list and read results for 2026-07-28 clients', async () => {
    const client = await mcpClient('modern');
    const tools = (await client.listTools()) as { ttlMs?: number; cacheScope?: string };
    answerBytes(10);
    const read = (await client.readResource({ uri: 'photos://library/p4/bytes' })) as { ttlMs?: number; cacheScope?: string };
    await client.close();
    expect({ ttlMs: tools.ttlMs, cacheScope: tools.cacheScope }).toEqual({ ttlMs: 60000, cacheScope: 'public' });
    expect({ ttlMs: read.ttlMs, cacheScope: read.cacheScope }).toEqual({ ttlMs: 60000, cacheScope: 'public' });
  });

  it('leaves 2025-era results as they were', async () => {
    const client = await mcpClient('legacy');
    const tools = (await client.listTools()) as { ttlMs?: number };
    await client.close();
    expect(tools.ttlMs).toBeUndefined();
  });
});

describe('keyed steps', () => {
  it('run in the order written ("2" before "1")', async () => {
    upstream.script(
      { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ read: 'first' }) },
      { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ read: 'second' }) },
    );
    const client = await mcpClient('legacy');
    const result = await client.callTool({ name: 'describe-photo', arguments: { id: 'p5' } });
    await client.close();
    expect(result.structuredContent).toEqual({ first: { read: 'first' }, second: { read: 'second' } });
  });
});

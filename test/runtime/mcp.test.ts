import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createHttpClient, encodePath, UpstreamError, UpstreamNetworkError, UpstreamTimeoutError } from '../../templates/runtime/http.js';
import type { HttpClient } from '../../templates/runtime/http.js';
import {
  createMcpApp,
  createMcpServerFactory,
  defineTool,
  toToolError,
  toToolResult,
} from '../../templates/runtime/mcp.js';
import type { McpAppOptions } from '../../templates/runtime/mcp.js';
import { silentLogger } from '../../templates/runtime/log.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { captureLogger, rawRequest, serve } from './helpers.js';
import type { CapturedLogger, Served } from './helpers.js';

/** Unscripted requests get `{ ok: true }`. */
const OK_FALLBACK = { fallback: { body: { ok: true } } };

interface Upstreams {
  lago: HttpClient;
}

const getCustomer = defineTool({
  name: 'get-customer',
  title: 'Get customer',
  description: 'Fetch a customer by external id',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  input: z.object({ external_id: z.string().describe('External id') }).strict(),
  invoke: (u: Upstreams, args, options) =>
    u.lago.request({ operation: 'lago.findcustomer', method: 'GET', path: encodePath(['/customers/', ''], [args.external_id]) }, options),
});

const deleteCustomer = defineTool({
  name: 'delete-customer',
  description: 'Delete a customer',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  input: z.object({ external_id: z.string() }).strict(),
  invoke: (u: Upstreams, args, options) =>
    u.lago.request({ operation: 'lago.delete', method: 'DELETE', path: encodePath(['/customers/', ''], [args.external_id]) }, options),
});

const explode = defineTool({
  name: 'explode',
  description: 'Always fails unexpectedly',
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  input: z.object({}).strict(),
  invoke: async () => {
    throw new Error('stack secret at /srv/x.ts');
  },
});

let upstream: FakeUpstream;
let logger: CapturedLogger;
let served: Served;
const apps: Served[] = [];

function appOptions(overrides: Partial<McpAppOptions> = {}): McpAppOptions {
  const upstreams: Upstreams = { lago: createHttpClient({ baseUrl: upstream.url, auth: { kind: 'bearer', token: 'tok' }, maxRetries: 0 }) };
  const factory = createMcpServerFactory(
    { name: 'lago', version: '1.2.3', instructions: 'Use get-customer first.' },
    [getCustomer, deleteCustomer, explode],
    upstreams,
    logger,
  );
  return { host: '127.0.0.1', logger, factory, ...overrides };
}

async function connect(url: string, modern = false): Promise<Client> {
  const client = new Client({ name: 'test', version: '1' }, modern ? { versionNegotiation: { mode: 'auto' } } : {});
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  return client;
}

const INIT = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

beforeAll(async () => {
  upstream = await startFakeUpstream(OK_FALLBACK);
  logger = captureLogger();
  served = await serve(createMcpApp(appOptions()));
});
afterAll(async () => {
  await Promise.all([served, ...apps].map((s) => s.close()));
  await upstream.close();
});
beforeEach(() => {
  upstream.reset();
  logger.lines.length = 0;
});

describe('Host and Origin protection', () => {
  it('rejects a foreign Host with 403 before reading the body', async () => {
    const res = await rawRequest(served.port, { method: 'POST', path: '/mcp', headers: { ...MCP_HEADERS, host: 'evil.example' }, body: INIT });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });

  it('accepts localhost hosts on any port', async () => {
    const res = await rawRequest(served.port, { method: 'POST', path: '/mcp', headers: { ...MCP_HEADERS, host: 'localhost:9999' }, body: INIT });
    expect(res.status).toBe(200);
  });

  it('rejects a foreign Origin with 403 and sends no CORS headers', async () => {
    const evil = await fetch(`${served.url}/mcp`, { method: 'POST', headers: { ...MCP_HEADERS, origin: 'https://evil.example' }, body: INIT });
    expect(evil.status).toBe(403);
    const local = await fetch(`${served.url}/mcp`, { method: 'POST', headers: { ...MCP_HEADERS, origin: 'http://localhost:3000' }, body: INIT });
    expect(local.status).toBe(200);
    const preflight = await fetch(`${served.url}/mcp`, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000' } });
    for (const res of [evil, local, preflight]) {
      expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('still validates Host when bound to 0.0.0.0 without allowedHosts', async () => {
    const open = await serve(createMcpApp(appOptions({ host: '0.0.0.0' })));
    apps.push(open);
    const evil = await rawRequest(open.port, { method: 'POST', path: '/mcp', headers: { ...MCP_HEADERS, host: 'evil.example' }, body: INIT });
    expect(evil.status).toBe(403);
    const local = await rawRequest(open.port, { method: 'POST', path: '/mcp', headers: { ...MCP_HEADERS, host: `127.0.0.1:${open.port}` }, body: INIT });
    expect(local.status).toBe(200);
  });

  it('uses explicit allowedHosts and allowedOrigins when given', async () => {
    const custom = await serve(createMcpApp(appOptions({ host: '0.0.0.0', allowedHosts: ['mcp.example.com'], allowedOrigins: ['app.example.com'] })));
    apps.push(custom);
    const send = (headers: Record<string, string>) => rawRequest(custom.port, { method: 'POST', path: '/mcp', headers: { ...MCP_HEADERS, ...headers }, body: INIT });
    expect((await send({ host: 'mcp.example.com' })).status).toBe(200);
    expect((await send({ host: 'localhost' })).status).toBe(403);
    expect((await send({ host: 'mcp.example.com', origin: 'https://app.example.com' })).status).toBe(200);
    expect((await send({ host: 'mcp.example.com', origin: 'http://localhost' })).status).toBe(403);
  });

  it('treats empty allow-lists (an unset MCP_ALLOWED_ORIGINS) as the localhost default', async () => {
    const app = await serve(createMcpApp(appOptions({ host: '127.0.0.1', allowedHosts: [], allowedOrigins: [] })));
    apps.push(app);
    const send = (headers: Record<string, string>) => rawRequest(app.port, { method: 'POST', path: '/mcp', headers: { ...MCP_HEADERS, ...headers }, body: INIT });
    expect((await send({ host: `127.0.0.1:${app.port}`, origin: `http://127.0.0.1:${app.port}` })).status).toBe(200);
    expect((await send({ host: 'localhost', origin: 'http://localhost:3000' })).status).toBe(200);
    expect((await send({ host: 'localhost', origin: 'http://evil.example' })).status).toBe(403);
    expect((await send({ host: 'evil.example' })).status).toBe(403);
  });

  it('serves /health whatever the Host (orchestrator probes use the pod IP)', async () => {
    const res = await rawRequest(served.port, { method: 'GET', path: '/health', headers: { host: '10.1.2.3:8080' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves /ready from isReady whatever the Host: 503 while draining', async () => {
    let ready = true;
    const app = await serve(createMcpApp(appOptions({ host: '0.0.0.0', isReady: () => ready })));
    apps.push(app);
    const probe = () => rawRequest(app.port, { method: 'GET', path: '/ready', headers: { host: '10.1.2.3:8080' } });
    expect((await probe()).status).toBe(200);
    ready = false;
    const draining = await probe();
    expect(draining.status).toBe(503);
    expect(JSON.parse(draining.body)).toEqual({ status: 'not ready' });
  });
});

describe('HTTP surface', () => {
  it.each(['GET', 'DELETE'])('answers %s /mcp with a 405 JSON-RPC error', async (method) => {
    const res = await fetch(`${served.url}/mcp`, { method, headers: { accept: 'application/json, text/event-stream' } });
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });

  it('answers malformed JSON with a JSON-RPC parse error and unknown paths with 404 JSON', async () => {
    const bad = await fetch(`${served.url}/mcp`, { method: 'POST', headers: MCP_HEADERS, body: '{"jsonrpc":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: -32700 } });
    const missing = await fetch(`${served.url}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('tools', () => {
  it('lists tools with all four annotations and strict input schemas', async () => {
    const client = await connect(served.url);
    const { tools } = await client.listTools();
    await client.close();
    expect(tools.map((t) => t.name)).toEqual(['get-customer', 'delete-customer', 'explode']);
    const tool = tools[0];
    expect(tool).toMatchObject({ title: 'Get customer', description: 'Fetch a customer by external id' });
    expect(tool?.annotations).toEqual({ readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true });
    expect(tool?.inputSchema).toMatchObject({ type: 'object', required: ['external_id'], additionalProperties: false });
    expect(tools[1]?.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
  });

  it('returns the upstream object as structuredContent on success', async () => {
    upstream.script({ body: { customer: { external_id: 'c/1', name: 'Ada' } } });
    const client = await connect(served.url);
    const result = await client.callTool({ name: 'get-customer', arguments: { external_id: 'c/1' } });
    await client.close();
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual({ customer: { external_id: 'c/1', name: 'Ada' } });
    expect(result.content).toEqual([{ type: 'text', text: '{"customer":{"external_id":"c/1","name":"Ada"}}' }]);
    expect(upstream.requests[0]?.url).toBe('/customers/c%2F1');
    expect(upstream.requests[0]?.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('works for a client negotiating the modern protocol era too', async () => {
    upstream.script({ body: { customer: { external_id: 'm' } } });
    const client = await connect(served.url, true);
    const result = await client.callTool({ name: 'get-customer', arguments: { external_id: 'm' } });
    await client.close();
    expect(result.structuredContent).toEqual({ customer: { external_id: 'm' } });
  });

  it('rejects unknown arguments as an isError result without calling the upstream', async () => {
    const client = await connect(served.url);
    const result = await client.callTool({ name: 'get-customer', arguments: { external_id: 'x', sneaky: true } });
    await client.close();
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toContain('sneaky');
    expect(upstream.requests).toHaveLength(0);
  });

  it('turns an upstream 404 into an isError result carrying the status', async () => {
    upstream.script({ status: 404, body: { status: 404, error: 'Not Found', code: 'customer_not_found' } });
    const client = await connect(served.url);
    const result = await client.callTool({ name: 'get-customer', arguments: { external_id: 'nope' } });
    await client.close();
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ status: 404 });
    const text = (result.content as Array<{ text: string }>)[0]?.text;
    expect(text).toBe('Upstream lago.findcustomer answered 404: {"status":404,"error":"Not Found","code":"customer_not_found"}');
  });

  it('reports an empty upstream answer by its status', async () => {
    upstream.script({ status: 204 });
    const client = await connect(served.url);
    const result = await client.callTool({ name: 'delete-customer', arguments: { external_id: 'c1' } });
    await client.close();
    expect(result.structuredContent).toEqual({ status: 204 });
    expect(result.content).toEqual([{ type: 'text', text: '204 No Content' }]);
  });

  it('hides unexpected errors from the client but logs them; logs calls without arguments', async () => {
    upstream.script({ body: { ok: true } });
    const client = await connect(served.url);
    const failed = await client.callTool({ name: 'explode', arguments: {} });
    await client.callTool({ name: 'get-customer', arguments: { external_id: 'private-value-123' } });
    await client.close();
    expect(failed.isError).toBe(true);
    expect(JSON.stringify(failed)).not.toContain('stack secret');
    expect(failed.structuredContent).toMatchObject({ status: 500 });
    const calls = logger.lines.filter((l) => l['msg'] === 'tool call');
    expect(calls.map((l) => [l['tool'], l['isError']])).toEqual([
      ['explode', true],
      ['get-customer', false],
    ]);
    expect(typeof calls[0]?.['durationMs']).toBe('number');
    expect(logger.raw.join('\n')).not.toContain('private-value-123');
    expect(logger.lines.find((l) => l['msg'] === 'tool failed')?.['tool']).toBe('explode');
  });
});

describe('result mapping', () => {
  it('wraps non-object bodies in { result }', () => {
    expect(toToolResult({ status: 200, contentType: 'application/json', body: [1, 2] })).toEqual({
      content: [{ type: 'text', text: '[1,2]' }],
      structuredContent: { result: [1, 2] },
    });
    expect(toToolResult({ status: 200, contentType: 'text/plain', body: 'hi' })).toEqual({
      content: [{ type: 'text', text: 'hi' }],
      structuredContent: { result: 'hi' },
    });
  });

  it('truncates large upstream error bodies to 2 KB of text', () => {
    const result = toToolError(new UpstreamError('op', 500, 'x'.repeat(10_000), 'text/plain'));
    const text = (result.content[0] as { text: string }).text;
    expect(text.length).toBeLessThan(2_200);
    expect(text).toMatch(/^Upstream op answered 500: x+… \(truncated, 10000 characters in total\)$/);
  });

  it('gives timeouts, network errors and aborts their own messages', () => {
    expect(toToolError(new UpstreamTimeoutError('op', 50)).structuredContent).toMatchObject({ status: 504 });
    expect(toToolError(new UpstreamNetworkError('op', 'ECONNREFUSED')).structuredContent).toMatchObject({ status: 502 });
    expect(toToolError(new DOMException('aborted', 'AbortError')).structuredContent).toMatchObject({ status: 499 });
    expect(toToolError('weird').structuredContent).toEqual({ status: 500, error: 'The tool failed with an internal error.' });
  });

  it('answers in text only when the tool has an outputSchema (SDK v1 clients check an error\'s structuredContent too)', () => {
    const result = toToolError(new UpstreamError('op', 422, { error: 'bad' }, 'application/json'), true);
    expect(result.structuredContent).toBeUndefined();
    expect(result).toMatchObject({ isError: true, content: [{ type: 'text', text: 'Upstream op answered 422: {"error":"bad"}' }] });
  });

  it('builds a fresh server per call from the factory', () => {
    const factory = createMcpServerFactory({ name: 'n', version: '1' }, [getCustomer], { lago: {} as HttpClient }, silentLogger);
    expect(factory()).not.toBe(factory());
  });
});

describe('nesting limit', () => {
  it('measures depth iteratively, even for bodies that would exhaust a recursive walk', async () => {
    const { nestsDeeperThan, MAX_JSON_DEPTH } = await import('../../templates/runtime/mcp.js');
    expect(nestsDeeperThan({ a: [1, { b: 'x' }] }, MAX_JSON_DEPTH)).toBe(false);
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nestsDeeperThan({ jsonrpc: '2.0', params: deep }, MAX_JSON_DEPTH)).toBe(true);
    let edge: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) edge = [edge];
    expect(nestsDeeperThan(edge, MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan([edge], MAX_JSON_DEPTH)).toBe(true);
  });
});

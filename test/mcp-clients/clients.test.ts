/**
 * Real MCP clients against a running seed service: the SDK v1 client, the SDK v2 client (legacy
 * negotiation and auto, which reaches the 2026-07-28 "modern" era) and the MCP Inspector CLI each
 * list the tools and call them; every client must see exactly the same tools and results.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';
import { inspectorCli, sdkV1Client, sdkV2Client, type CallResult, type ListedTool, type McpTestClient } from './clients.js';

const CALL = { tool: 'lago-retrieve-customer', args: { external_id: 'cust 1' } };

/** The parts of a tool every client must report identically. */
const essence = (tools: ListedTool[]) => tools.map(({ name, title, description, inputSchema, annotations }) => ({ name, title, description, inputSchema, annotations }));

describe('real MCP clients against the lago-customers service', () => {
  let upstream: FakeUpstream;
  let dir: string;
  let service: RunningService;
  let clients: McpTestClient[] = [];
  let inspector: ReturnType<typeof inspectorCli>;
  let modern: Awaited<ReturnType<typeof sdkV2Client>>;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    dir = buildProjectCopy(join(GENERATED_DIR, 'lago-customers'));
    service = await startService(dir, { LAGO_API_KEY: 'k', LAGO_CUSTOMERS_BASE_URL: upstream.url, REST_PORT: '0', MCP_PORT: '0' }, ['rest', 'mcp']);
    const url = `${service.urls.mcp}/mcp`;
    inspector = inspectorCli(url);
    modern = await sdkV2Client(url, 'auto');
    clients = [await sdkV1Client(url), await sdkV2Client(url, 'legacy'), modern, inspector];
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await service?.stop();
    await upstream?.close();
    if (dir) removeProjectCopy(dir);
  });

  it('the v2 client in auto mode negotiates the modern protocol era', () => {
    expect(modern.era()).toBe('modern');
  });

  it('every client lists the same nine tools, with annotations and strict input schemas', async () => {
    const lists = await Promise.all(clients.map(async (client) => ({ client: client.name, tools: essence(await client.listTools()) })));
    const [first, ...rest] = lists;
    expect(first!.tools.map((t) => t.name)).toHaveLength(9);
    for (const tool of first!.tools) {
      expect(tool.inputSchema['additionalProperties']).toBe(false);
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual(['destructiveHint', 'idempotentHint', 'openWorldHint', 'readOnlyHint']);
    }
    for (const other of rest) expect(other, `${other.client} vs ${first!.client}`).toEqual({ client: other.client, tools: first!.tools });
  });

  it('every client gets the same result from the same tool call, and the upstream sees the same request', async () => {
    const results: CallResult[] = [];
    for (const client of clients) {
      const before = upstream.requests.length;
      results.push(await client.callTool(CALL.tool, CALL.args));
      expect(upstream.requests.slice(before).map((r) => `${r.method} ${r.url}`), client.name).toEqual(['GET /customers/cust%201']);
    }
    expect(results[0]).toEqual({
      isError: false,
      content: [{ type: 'text', text: '{"echo":{"method":"GET","url":"/customers/cust%201"}}' }],
      structuredContent: { echo: { method: 'GET', url: '/customers/cust%201' } },
    });
    for (const result of results.slice(1)) expect(result).toEqual(results[0]);
  });

  it('every client sees invalid arguments as a tool error, and the upstream is not called', async () => {
    const before = upstream.requests.length;
    for (const client of clients) {
      const result = await client.callTool(CALL.tool, { external_id: 'x', unexpected: true });
      expect(result.isError, client.name).toBe(true);
      expect(JSON.stringify(result.content), client.name).toContain('unexpected');
    }
    expect(upstream.requests.length).toBe(before);
  });

  it('the Inspector reports no error-severity schema portability problem and exits 5 on a tool error', async () => {
    const strict = await inspector.run(['--method', 'tools/list', '--strict']);
    expect(strict.code, strict.stderr).toBe(0);
    const failed = await inspector.run(['--method', 'tools/call', '--tool-name', CALL.tool, '--tool-args-json', '{}']);
    expect(failed.code).toBe(5);
    expect(JSON.parse(failed.stderr.trim().split('\n').at(-1)!)).toMatchObject({ error: { code: 'tool_is_error' } });
  });
});

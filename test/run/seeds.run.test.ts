/**
 * Run tests: each seed's committed generated project is built outside the repository and started
 * as `node dist/main.js` against a recording loopback upstream. Every REST route is called over
 * HTTP and every MCP tool through the SDK's own client over Streamable HTTP, on every tested Node.js
 * line (test/helpers/node-binaries.ts).
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, runToExit, startService, type RunningService } from '../helpers/service.js';
import { testedNodes } from '../helpers/node-binaries.js';
import { KONNECT, LAGO, type Expectation, type Seed } from './seeds.js';

const API_KEY = 'test-key-Zq9';

function expectUpstreamSaw(request: RecordedRequest | undefined, seed: Seed, want: Expectation): void {
  expect(request, `upstream request for ${want.method} ${want.url}`).toBeDefined();
  expect(request!.method).toBe(want.method);
  expect(request!.url).toBe(seed.basePath + want.url);
  expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  if (want.body === undefined) expect(request!.body).toBe('');
  else {
    expect(request!.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(request!.body)).toEqual(want.body);
  }
}

// Every seed on every tested Node.js line (20, 22, 24): built with it and run on it.
const cases = testedNodes().flatMap((node) => [LAGO, KONNECT].map((seed) => ({ seed, node, name: `${seed.id} on Node ${node.line}` })));

describe.each(cases)('$name', ({ seed, node }) => {
  let upstream: FakeUpstream;
  let dir: string;
  let service: RunningService;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    dir = buildProjectCopy(join(GENERATED_DIR, seed.id), { node: node.path });
    service = await startService(
      dir,
      { [seed.keyEnv]: API_KEY, [seed.baseUrlEnv]: upstream.url + seed.basePath, REST_PORT: '0', MCP_PORT: '0', LOG_LEVEL: 'debug' },
      ['rest', 'mcp'],
      { node: node.path },
    );
  });

  afterAll(async () => {
    await service?.stop();
    await upstream?.close();
    if (dir) removeProjectCopy(dir);
  });

  it('runs on its Node.js line and answers /health and /ready on both adapters', async () => {
    expect(service.process.spawnfile).toBe(node.path);
    for (const url of Object.values(service.urls)) {
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/ready`)).status).toBe(200);
    }
  });

  it.each(seed.rest)('REST $route.method $route.url', async (call) => {
    if (call.status === 204) upstream.script({ status: 204 });
    const before = upstream.requests.length;
    const res = await fetch(service.urls.rest + call.route.url, {
      method: call.route.method,
      ...(call.route.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(call.route.body) }),
    });
    expect(upstream.requests.length).toBe(before + 1);
    const seen = upstream.requests[before];
    expectUpstreamSaw(seen, seed, call);
    expect(res.status).toBe(call.status ?? 200);
    if (call.status === 204) expect(await res.text()).toBe('');
    else expect(await res.json()).toEqual({ echo: { method: call.method, url: seed.basePath + call.url } });
  });

  it('lists every tool in spec order with all four annotations and strict inputs', async () => {
    const client = new Client({ name: 'run-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
    const { tools } = await client.listTools();
    await client.close();
    expect(tools.map((t) => t.name)).toEqual(seed.tools.map((t) => t.tool));
    for (const tool of tools) {
      expect(Object.keys(tool.annotations ?? {}).sort()).toEqual(['destructiveHint', 'idempotentHint', 'openWorldHint', 'readOnlyHint']);
      expect(tool.inputSchema.additionalProperties).toBe(false);
    }
  });

  it.each(seed.tools)('MCP tool $tool', async (call) => {
    const client = new Client({ name: 'run-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
    const before = upstream.requests.length;
    const result = await client.callTool({ name: call.tool, arguments: call.args });
    await client.close();
    expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
    expectUpstreamSaw(upstream.requests[before], seed, call);
    expect(result.structuredContent).toEqual({ echo: { method: call.method, url: seed.basePath + call.url } });
  });

  it('answers 400 naming a missing required input without calling the upstream', async () => {
    const route = seed === LAGO ? '/v1/customers' : '/v1/v3/openmeter/customers';
    const before = upstream.requests.length;
    const res = await fetch(service.urls.rest + route, { method: 'POST' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(await res.json())).toContain('body');
    expect(upstream.requests.length).toBe(before);
  });

  it('passes an upstream error through with its status and body', async () => {
    upstream.script({ status: 404, headers: { 'content-type': 'application/json' }, body: '{"status":404,"error":"Not Found"}' });
    const route = seed === LAGO ? '/v1/customers/nope' : `/v1/v3/openmeter/customers/nope`;
    const res = await fetch(service.urls.rest + route);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ status: 404, error: 'Not Found' });
  });

  it('never logs the API key', () => {
    expect(service.logs.join('\n')).not.toContain(API_KEY);
  });

  it('stops at start-up naming a missing required variable', async () => {
    const { code, output } = await runToExit(dir, { REST_PORT: '0', MCP_PORT: '0' }, { node: node.path });
    expect(code).toBe(1);
    expect(output).toContain(seed.keyEnv);
  });
});

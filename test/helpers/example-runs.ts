/**
 * Runs generated example projects: each is built outside the repository, started against one
 * recording fake upstream standing in for every consumed API, and called on every REST operation
 * of its openapi.json, every forward, every MCP tool, resource and prompt (through the SDK
 * client), its skill catalogue and its control endpoints. Shared by the naftiko framework's
 * alpha2 examples and the Ikanos engine's tutorial.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invocation } from '../../src/model/types.js';
import { startFakeUpstream, type FakeUpstream, type RecordedRequest } from '../../templates/runtime/fake-upstream.js';
import { credentials, httpAdapters, serviceEnv, upstreamCalls, withQuery, type UpstreamCall, type FrameworkExample } from './framework-examples.js';
import { restCalls, type RestCall } from './openapi-calls.js';
import { sampleObject, type JsonSchema } from './sample-values.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from './service.js';

/** One describe block per example; `onStarted` counts the examples whose service started. */
export function describeExampleRuns(examples: readonly FrameworkExample[], onStarted: () => void): void {
  describe.each(examples)('$id', (example: FrameworkExample) => {
  const { model } = example;
  const rest = example.openapi ? [...restCalls(example.openapi), ...restCalls(example.openapi, true)] : [];
  const forwards = model.rest?.forwards ?? [];
  const tools = model.mcp?.tools ?? [];
  // Each tool called with its required inputs, and again with every input when it has optional ones.
  const toolCalls = tools.flatMap((tool) => [
    { tool, every: false, name: tool.name },
    ...(tool.inputs.some((i) => !i.required) ? [{ tool, every: true, name: `${tool.name} (every input)` }] : []),
  ]);
  // Valid oauth2 tokens need an authorization server (test/run/oauth2.run.test.ts has one): skipped.
  const restOAuth = credentials(model.rest?.auth, {}) === 'oauth2';
  const mcpOAuth = credentials(model.mcp?.auth, {}) === 'oauth2';
  let upstream: FakeUpstream;
  let dir: string;
  let env: Record<string, string>;
  let service: RunningService | undefined;
  let mcp: Client | undefined;
  let listed: { name: string; inputSchema: JsonSchema }[] = [];

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    dir = buildProjectCopy(example.dir);
    env = serviceEnv(model, upstream.url);
    const adapters = httpAdapters(model);
    if (adapters.length > 0) service = await startService(dir, env, adapters);
    if (model.mcp && !mcpOAuth) {
      mcp = await connectMcp();
      listed = (await mcp.listTools()).tools as typeof listed;
    }
    onStarted();
  });
  afterAll(async () => {
    await mcp?.close();
    await service?.stop();
    await upstream?.close();
    if (dir) removeProjectCopy(dir);
  });

  async function connectMcp(): Promise<Client> {
    const client = new Client({ name: 'framework-run', version: '1.0.0' });
    if (model.mcp!.transport === 'stdio') {
      // stderr carries the service's logs: piped so they do not clutter the test output.
      const transport = new StdioClientTransport({ command: process.execPath, args: ['dist/main.js'], cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, stderr: 'pipe' });
      await client.connect(transport);
      return client;
    }
    const creds = credentials(model.mcp!.auth, env);
    const headers = typeof creds === 'object' ? creds.headers : {};
    const url = withQuery(`${service!.urls.mcp}/mcp`, typeof creds === 'object' ? creds.query : {});
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
    return client;
  }

  /**
   * Runs `call` and returns the requests the fake upstream received meanwhile, each checked for
   * the marks of a value that never arrived: `undefined` or an unfilled `{placeholder}`.
   */
  async function upstreamDuring(call: () => Promise<void>): Promise<RecordedRequest[]> {
    const before = upstream.requests.length;
    await call();
    const seen = upstream.requests.slice(before);
    for (const r of seen) {
      const sent = `${r.url} ${JSON.stringify(r.headers)} ${r.body}`;
      expect(decodeURIComponent(sent), 'upstream request').not.toMatch(/undefined|\{\{?\w+\}\}?/);
    }
    return seen;
  }

  /** Each request went out in order with the expected method and the consumed API's credentials. */
  function expectUpstream(seen: RecordedRequest[], want: UpstreamCall[]): void {
    expect(seen.map((r) => r.method)).toEqual(want.map((w) => w.method));
    want.forEach((w, i) => {
      for (const [name, value] of Object.entries(w.credentials?.headers ?? {})) expect(seen[i]!.headers[name.toLowerCase()], `${name} sent to ${w.ref}`).toBe(value);
      for (const [name, value] of Object.entries(w.credentials?.query ?? {})) expect(seen[i]!.query.get(name), `${name} sent to ${w.ref}`).toBe(value);
    });
  }

  /** A mapped XML answer is read as XML (a JSON echo is malformed there): the fake answers a document. */
  function answerInFormat(invocation: Invocation): void {
    if (invocation.call?.format === 'xml' && invocation.output) upstream.script({ status: 200, headers: { 'content-type': 'application/xml' }, body: '<document/>' });
  }

  /** A plain `call` without mapped output passes the upstream answer through: the fake's echo. */
  const passesThrough = (invocation: Invocation) => invocation.call !== undefined && invocation.output === undefined;
  const echoOf = (seen: RecordedRequest[]) => ({ echo: { method: seen[0]?.method, url: seen[0]?.url } });

  function send(call: RestCall, withCredentials: boolean): Promise<Response> {
    const creds = credentials(model.rest?.auth, env);
    const use = withCredentials && call.secured && typeof creds === 'object';
    return fetch(service!.urls.rest + withQuery(call.url, use ? creds.query : {}), {
      method: call.method,
      headers: { ...call.headers, ...(use ? creds.headers : {}) },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
  }

  it.skipIf(restOAuth).each(rest)('REST $name', async (call) => {
    const route = model.rest!.routes.find((r) => r.operationId === call.operationId);
    let res: Response | undefined;
    if (route) answerInFormat(route);
    const seen = await upstreamDuring(async () => void (res = await send(call, true)));
    const text = await res!.text();
    expect(res!.status, text).toBeGreaterThanOrEqual(200);
    expect(res!.status, text).toBeLessThan(300);
    // Probes and the document itself (no operationId) never reach the upstream.
    expectUpstream(seen, route ? upstreamCalls(model, route, env) : []);
    if (route && passesThrough(route)) expect(JSON.parse(text)).toEqual(echoOf(seen));
  });

  it.skipIf(restOAuth).each(forwards)('REST forward $specPath', async (forward) => {
    const path = forward.expressPath.replace(/\*\w+/, 'sample/leaf').replace(/:\w+/g, 'sample');
    const creds = credentials(model.rest?.auth, env);
    const auth = typeof creds === 'object' ? creds : { headers: {}, query: {} };
    let res: Response | undefined;
    const seen = await upstreamDuring(async () => void (res = await fetch(service!.urls.rest + withQuery(path, auth.query), { headers: auth.headers })));
    expect(res!.status, await res!.text()).toBe(200);
    expect(seen.map((r) => r.method)).toEqual(['GET']);
  });

  it.runIf(model.rest?.auth !== undefined && rest.some((c) => c.secured))('REST answers 401 without credentials', async () => {
    for (const call of rest.filter((c) => c.secured)) {
      const seen = await upstreamDuring(async () => expect((await send(call, false)).status, call.name).toBe(401));
      expect(seen).toEqual([]);
    }
  });

  it.runIf(model.mcp !== undefined && !mcpOAuth)('MCP lists exactly the spec tools', () => {
    expect(listed.map((t) => t.name)).toEqual(tools.map((t) => t.name));
  });

  it.skipIf(mcpOAuth).each(toolCalls)('MCP tool $name', async ({ tool, every }) => {
    const schema = listed.find((t) => t.name === tool.name)?.inputSchema;
    expect(schema, 'listed by the server').toBeDefined();
    let result: Awaited<ReturnType<Client['callTool']>> | undefined;
    answerInFormat(tool);
    const seen = await upstreamDuring(async () => void (result = await mcp!.callTool({ name: tool.name, arguments: sampleObject(schema!, every) })));
    expect(result!.isError ?? false, JSON.stringify(result!.content)).toBe(false);
    expectUpstream(seen, upstreamCalls(model, tool, env));
    if (passesThrough(tool)) expect(result!.structuredContent).toEqual(echoOf(seen));
  });

  const resources = model.mcp?.resources ?? [];
  it.skipIf(mcpOAuth).each(resources)('MCP resource $uri', async (resource) => {
    const uri = resource.variables.reduce((u, v) => u.replace(`{${v}}`, `${v}-1`), resource.uri);
    let result: Awaited<ReturnType<Client['readResource']>> | undefined;
    const seen = await upstreamDuring(async () => void (result = await mcp!.readResource({ uri })));
    expect(result!.contents.map((c) => c.uri)).toEqual([uri]);
    expectUpstream(seen, upstreamCalls(model, resource, env));
  });

  const prompts = model.mcp?.prompts ?? [];
  it.skipIf(mcpOAuth).each(prompts)('MCP prompt $name', async (prompt) => {
    const args = Object.fromEntries(prompt.arguments.map((a) => [a.name, `${a.name}-1`]));
    const result = await mcp!.getPrompt({ name: prompt.name, arguments: args });
    expect(result.messages).toHaveLength(prompt.messages.length);
    const text = result.messages.map((m) => (m.content as { text: string }).text).join('\n');
    expect(text).not.toMatch(/\{\{\s*\w+\s*\}\}/);
    // Every argument a message refers to is filled in with the value sent.
    for (const part of prompt.messages.flatMap((m) => m.text)) if (part.kind === 'input') expect(text).toContain(args[part.name]);
  });

  it.runIf(model.mcp?.transport === 'http' && model.mcp.auth !== undefined)('MCP answers 401 without credentials', async () => {
    const res = await fetch(`${service!.urls.mcp}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
  });

  // The skill catalogue and each control endpoint the spec enables: answered with credentials, refused without.
  const control = (path: string, type = 'application/json') => ({ adapter: 'control', path, auth: model.control?.auth, type });
  const probes = [
    ...(model.skill ? [{ adapter: 'skill', path: '/skills', auth: model.skill.auth, type: 'application/json' }] : []),
    ...(model.control?.health ? [control('/health/live'), control('/health/ready')] : []),
    ...(model.control?.info ? [control('/status'), control('/config')] : []),
    ...(model.control?.metrics ? [control('/metrics', 'text/plain')] : []),
  ];
  it.each(probes.filter((p) => credentials(p.auth, {}) !== 'oauth2'))('$adapter GET $path', async (probe) => {
    const creds = credentials(probe.auth, env) as Exclude<ReturnType<typeof credentials>, 'oauth2'>;
    const url = service!.urls[probe.adapter] + withQuery(probe.path, creds?.query ?? {});
    const res = await fetch(url, { headers: creds?.headers ?? {} });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(probe.type);
    if (probe.auth) expect((await fetch(service!.urls[probe.adapter] + probe.path)).status).toBe(401);
  });
});
}

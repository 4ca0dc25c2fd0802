/**
 * Run tests for golden cases that carry a run.json: the expected project is built outside the
 * repository, started against the recording fake upstream, and called over REST and MCP.
 * run.json: { env, adapters, rest: [{request, reply?, upstream?, status, response?}],
 *   tools: [{name, args, reply?, upstream?, isError?, structured?}] }
 * where `upstream` is the request the fake upstream must receive (method, raw url, JSON body,
 * headers), or absent when the call must not reach it.
 * `http`: plain HTTP calls to any adapter (control, skill, rest...), run last and in order, with
 * the status, JSON body, content type and substrings of the text the answer must have.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES_DIR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';

interface UpstreamExpectation {
  readonly method: string;
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Headers the upstream must not receive (e.g. untrusted ones on a forward). */
  readonly absentHeaders?: string[];
}

interface RunSpec {
  /** Values for variables; `{{upstream}}` is replaced by the fake upstream's URL. */
  readonly env: Record<string, string>;
  readonly adapters: string[];
  /** Headers every MCP request carries (inbound credentials); without them /mcp must answer 401. */
  readonly mcpHeaders?: Record<string, string>;
  readonly rest?: { request: { method: string; url: string; body?: unknown; headers?: Record<string, string> }; reply?: unknown; replies?: unknown[]; upstream?: UpstreamExpectation; status: number; response?: unknown }[];
  readonly resources?: { uri: string; upstream?: UpstreamExpectation; text?: unknown; rawText?: string }[];
  readonly prompts?: { name: string; arguments: Record<string, string>; messages: { role: string; text: string }[] }[];
  readonly tools?: { name: string; args: Record<string, unknown>; reply?: unknown; replies?: unknown[]; xmlReply?: string; upstream?: UpstreamExpectation; isError?: boolean; structured?: unknown }[];
  readonly http?: HttpStep[];
}

interface HttpStep {
  readonly adapter: string;
  readonly request: { method: string; url: string; headers?: Record<string, string> };
  readonly reply?: unknown;
  readonly status: number;
  readonly contentType?: string;
  readonly json?: unknown;
  /** Object keys the JSON answer must have, whatever their values (uptime, URLs). */
  readonly jsonKeys?: string[];
  readonly contains?: string[];
  readonly notContains?: string[];
}

const cases = readdirSync(CASES_DIR).filter((name) => existsSync(join(CASES_DIR, name, 'run.json')));

describe.each(cases)('%s runs', (name) => {
  const run = JSON.parse(readFileSync(join(CASES_DIR, name, 'run.json'), 'utf8')) as RunSpec;
  let upstream: FakeUpstream;
  let dir: string;
  let service: RunningService;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    dir = buildProjectCopy(join(CASES_DIR, name, 'expected'));
    const env = Object.fromEntries(Object.entries(run.env).map(([k, v]) => [k, v.replace('{{upstream}}', upstream.url)]));
    service = await startService(dir, { ...env, REST_PORT: '0', MCP_PORT: '0', SKILL_PORT: '0', CONTROL_PORT: '0' }, run.adapters);
  });
  afterAll(async () => {
    await service?.stop();
    await upstream?.close();
    if (dir) removeProjectCopy(dir);
  });

  function expectUpstream(before: number, want: UpstreamExpectation | undefined): void {
    if (!want) return expect(upstream.requests.length).toBe(before);
    const seen = upstream.requests[before];
    expect(seen, `upstream request ${want.method} ${want.url}`).toBeDefined();
    expect(seen!.method).toBe(want.method);
    expect(seen!.url).toBe(want.url);
    if (want.body !== undefined) expect(JSON.parse(seen!.body)).toEqual(want.body);
    for (const [header, value] of Object.entries(want.headers ?? {})) expect(seen!.headers[header]).toBe(value);
    for (const header of want.absentHeaders ?? []) expect(seen!.headers[header]).toBeUndefined();
  }

  /** `reply`: the JSON the fake upstream answers this call with (default: an echo of the request). */
  function script(reply: unknown, replies?: unknown[]): void {
    for (const r of replies ?? (reply === undefined ? [] : [reply])) {
      upstream.script({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
    }
  }

  it.each(run.rest ?? [])('REST $request.method $request.url -> $status', async (call) => {
    script(call.reply, call.replies);
    const before = upstream.requests.length;
    const headers = { ...(call.request.body === undefined ? {} : { 'content-type': 'application/json' }), ...call.request.headers };
    const res = await fetch(service.urls.rest + call.request.url, {
      method: call.request.method,
      headers,
      ...(call.request.body === undefined ? {} : { body: JSON.stringify(call.request.body) }),
    });
    expect(res.status).toBe(call.status);
    expectUpstream(before, call.upstream);
    if (call.response !== undefined) expect(await res.json()).toEqual(call.response);
  });

  async function mcpClient(): Promise<Client> {
    const client = new Client({ name: 'case-run', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
    return client;
  }

  it.each(run.resources ?? [])('MCP resource $uri', async (read) => {
    const client = await mcpClient();
    const before = upstream.requests.length;
    const result = await client.readResource({ uri: read.uri });
    await client.close();
    expectUpstream(before, read.upstream);
    const content = result.contents[0] as { uri: string; text: string };
    expect(content.uri).toBe(read.uri);
    if (read.text !== undefined) expect(JSON.parse(content.text)).toEqual(read.text);
    if (read.rawText !== undefined) expect(content.text).toBe(read.rawText);
  });

  it.each(run.prompts ?? [])('MCP prompt $name', async (prompt) => {
    const client = await mcpClient();
    const result = await client.getPrompt({ name: prompt.name, arguments: prompt.arguments });
    await client.close();
    expect(result.messages.map((m) => ({ role: m.role, text: (m.content as { text: string }).text }))).toEqual(prompt.messages);
  });

  it.runIf(run.mcpHeaders !== undefined)('rejects MCP requests without credentials', async () => {
    const res = await fetch(`${service.urls.mcp}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
  });

  it.each(run.tools ?? [])('MCP tool $name', async (call) => {
    const client = new Client({ name: 'case-run', version: '1.0.0' });
    const requestInit = run.mcpHeaders ? { headers: run.mcpHeaders } : undefined;
    await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`), requestInit ? { requestInit } : undefined));
    script(call.reply, call.replies);
    if (call.xmlReply) upstream.script({ status: 200, headers: { 'content-type': 'application/xml' }, body: call.xmlReply });
    const before = upstream.requests.length;
    const result = await client.callTool({ name: call.name, arguments: call.args });
    await client.close();
    expect(result.isError ?? false, JSON.stringify(result.content)).toBe(call.isError ?? false);
    expectUpstream(before, call.upstream);
    if (call.structured !== undefined) expect(result.structuredContent).toEqual(call.structured);
  });

  it.each(run.http ?? [])('HTTP $adapter $request.method $request.url -> $status', async (step) => {
    script(step.reply);
    const res = await fetch(service.urls[step.adapter] + step.request.url, { method: step.request.method, headers: step.request.headers ?? {} });
    const text = await res.text();
    expect(res.status, text).toBe(step.status);
    if (step.contentType !== undefined) expect(res.headers.get('content-type')).toBe(step.contentType);
    if (step.json !== undefined) expect(JSON.parse(text)).toEqual(step.json);
    for (const key of step.jsonKeys ?? []) expect(JSON.parse(text)).toHaveProperty(key);
    for (const part of step.contains ?? []) expect(text).toContain(part);
    for (const part of step.notContains ?? []) expect(text).not.toContain(part);
  });
});

// Hooks and tracing together, as a generated service wires them: the operation hooks wrap the traced
// upstream client, so a request a hook rewrites is still traced and carries the trace context, an
// answer a hook gives makes no client span (nothing was called), and the server span ends with the
// status the REST or MCP error hook chose.
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { withOperationHooks, type OperationHookTable } from '../../templates/runtime/hooks.js';
import { createHttpClient, UpstreamError, type HttpClient } from '../../templates/runtime/http.js';
import { createMcpServerFactory, type McpHooks } from '../../templates/runtime/mcp.js';
import { createRestApp, type RestHooks } from '../../templates/runtime/rest.js';
import { startTracing, type Tracing } from '../../templates/runtime/tracing.js';
import type { SpanSummary } from '../../templates/runtime/tracing-recent.js';
import { findTool, itemRoute } from './hook-fixtures.js';
import { captureLogger, serve, waitFor } from './helpers.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER = '00f067aa0ba902b7';

let upstream: FakeUpstream;
let http: HttpClient;
let tracing: Tracing;
beforeAll(async () => {
  upstream = await startFakeUpstream();
  http = createHttpClient({ baseUrl: upstream.url, auth: { kind: 'none' }, maxRetries: 0 });
  tracing = (await startTracing({ serviceName: 'svc', serviceVersion: '1.0.0', recentSpans: 100 }, {}, captureLogger()))!;
});
afterAll(async () => {
  await tracing.shutdown();
  await upstream.close();
});

/** The spans ended since the last call, oldest first. */
const seen = new Set<string>();
const unseen = (): SpanSummary[] => tracing.recent!.list().reverse().filter((s) => !seen.has(s.spanId));
function newSpans(): SpanSummary[] {
  const fresh = unseen();
  for (const span of fresh) seen.add(span.spanId);
  return fresh;
}
beforeEach(() => {
  upstream.reset();
  newSpans();
});

async function getItem(operations: OperationHookTable, rest: RestHooks = {}): Promise<Response> {
  const app = createRestApp({ routes: [itemRoute], upstreams: { api: withOperationHooks(http, operations) }, logger: captureLogger(), tracer: tracing.tracer, hooks: rest });
  const served = await serve(app);
  try {
    const res = await fetch(`${served.url}/items/7`, { headers: { traceparent: `00-${TRACE}-${CALLER}-01` } });
    await res.arrayBuffer();
    // The server span ends when the response has gone out, a moment after the client has it.
    await waitFor(() => unseen().some((s) => s.kind === 'server'));
    return res;
  } finally {
    await served.close();
  }
}

describe('REST: operation hooks inside the traced call', () => {
  it('a request rewritten by before is sent with the hook header and the client span context', async () => {
    const res = await getItem({ 'api.find': { before: ({ request }) => ({ request: { ...request, path: '/v2/items/7', headers: { 'x-tenant': 'acme' } } }) } });
    expect(res.status).toBe(200);
    const [client, server] = newSpans();
    expect(server).toMatchObject({ kind: 'server', traceId: TRACE, parentSpanId: CALLER, status: 'ok' });
    expect(client).toMatchObject({ kind: 'client', traceId: TRACE, parentSpanId: server!.spanId, status: 'ok' });
    expect(client!.attributes['url.full']).toBe(`${upstream.url}/v2/items/7`);
    const sent = upstream.requests[0]!;
    expect(sent.url).toBe('/v2/items/7');
    expect(sent.headers['x-tenant']).toBe('acme');
    expect(sent.headers['traceparent']).toBe(`00-${TRACE}-${client!.spanId}-01`);
  });

  it('an answer from before makes no client span: the server span alone, and no call', async () => {
    const res = await getItem({ 'api.find': { before: () => ({ response: { status: 200, contentType: 'application/json', body: { cached: true } } }) } });
    expect(res.status).toBe(200);
    expect(newSpans().map((s) => [s.kind, s.status])).toEqual([['server', 'ok']]);
    expect(upstream.requests).toEqual([]);
  });

  it('the server span ends with the status the REST error hook chose; the client span keeps the API status', async () => {
    upstream.script({ status: 503, body: { down: true } });
    const mapped: RestHooks = { error: (error) => (error instanceof UpstreamError ? { status: 502, detail: 'orders unavailable' } : undefined) };
    const res = await getItem({}, mapped);
    expect(res.status).toBe(502);
    const [client, server] = newSpans();
    expect(client).toMatchObject({ kind: 'client', status: 'error', attributes: expect.objectContaining({ 'http.response.status_code': 503 }) as unknown });
    expect(server).toMatchObject({ kind: 'server', status: 'error', attributes: expect.objectContaining({ 'http.response.status_code': 502 }) as unknown });
  });
});

describe('MCP: the tool span ends with the result the error hook chose', () => {
  async function call(hooks: McpHooks) {
    const factory = createMcpServerFactory({ name: 'svc', version: '1' }, [findTool], { api: http }, captureLogger(), { hooks, tracer: tracing.tracer });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await factory().connect(serverSide);
    const client = new Client({ name: 't', version: '1' });
    await client.connect(clientSide);
    try {
      return await client.callTool({ name: 'find', arguments: { id: 'x' }, _meta: { traceparent: `00-${TRACE}-${CALLER}-01` } });
    } finally {
      await client.close();
    }
  }

  it('a failure the hook turns into a result is a successful span; the client span keeps the failure', async () => {
    upstream.script({ status: 404, body: {} });
    const result = await call({ error: (error) => (error instanceof UpstreamError && error.status === 404 ? { content: [{ type: 'text', text: 'no such item' }] } : undefined) });
    expect(result.isError).toBeFalsy();
    const [client, server] = newSpans();
    expect(client).toMatchObject({ kind: 'client', traceId: TRACE, status: 'error' });
    expect(server).toMatchObject({ kind: 'server', name: 'tools/call find', traceId: TRACE, parentSpanId: CALLER, status: 'ok' });
  });

  it('without a hook the failed call is an error span', async () => {
    upstream.script({ status: 404, body: {} });
    expect((await call({})).isError).toBe(true);
    expect(newSpans().map((s) => [s.kind, s.status])).toEqual([['client', 'error'], ['server', 'error']]);
  });
});

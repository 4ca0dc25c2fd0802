/**
 * OpenTelemetry end to end: the lago-customers seed, started with the standard OTEL_* variables
 * pointing at a fake OTLP/HTTP collector on loopback, is called over REST (traceparent header) and
 * MCP (traceparent in the request's _meta). The collector receives a server span continuing the
 * caller's trace and a client span per upstream call, whose context the upstream received. Without
 * the variables nothing is exported or logged, and the caller's context still reaches the upstream.
 */
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';

const API_KEY = 'otel-secret-key-Q7';
const REST_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const MCP_TRACE = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = '00f067aa0ba902b7';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
}
const SERVER = 2;
const CLIENT = 3;

/** Every span the collector received, with its resource's service.name. */
function exportedSpans(collector: FakeUpstream): (OtlpSpan & { service: string })[] {
  return collector.requests
    .filter((r) => r.method === 'POST' && r.path === '/v1/traces')
    .flatMap((r) => (JSON.parse(r.body) as { resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans)
    .flatMap((rs) => {
      const service = String(rs.resource.attributes.find((a) => a.key === 'service.name')?.value['stringValue']);
      return rs.scopeSpans.flatMap((ss) => ss.spans.map((span) => ({ ...span, service })));
    });
}

function attribute(span: OtlpSpan, key: string): unknown {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value === undefined ? undefined : (value['stringValue'] ?? Number(value['intValue']));
}

async function callTool(service: RunningService, meta: Record<string, string>): Promise<void> {
  const client = new Client({ name: 'otel-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
  const result = await client.callTool({ name: 'lago-retrieve-customer', arguments: { external_id: 'm1' }, _meta: meta });
  await client.close();
  expect(result.isError ?? false).toBe(false);
}

describe('OpenTelemetry traces of a generated service', () => {
  let dir: string;
  let upstream: FakeUpstream;
  let collector: FakeUpstream;

  beforeAll(async () => {
    dir = buildProjectCopy(join(GENERATED_DIR, 'lago-customers'));
    [upstream, collector] = await Promise.all([startFakeUpstream(), startFakeUpstream()]);
  }, 120_000);

  afterAll(async () => {
    await upstream?.close();
    await collector?.close();
    if (dir) removeProjectCopy(dir);
  });

  const env = () => ({ LAGO_API_KEY: API_KEY, LAGO_CUSTOMERS_BASE_URL: upstream.url, REST_PORT: '0', MCP_PORT: '0' });

  it('exports a server span continuing the caller trace and a client span whose context the upstream got, over REST and MCP', async () => {
    const service = await startService(dir, { ...env(), OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'lago-under-test' }, ['rest', 'mcp']);
    try {
      const res = await fetch(`${service.urls.rest}/v1/customers/c1`, { headers: { traceparent: `00-${REST_TRACE}-${CALLER_SPAN}-01`, tracestate: 'vendor=1' } });
      expect(res.status).toBe(200);
      await callTool(service, { traceparent: `00-${MCP_TRACE}-${CALLER_SPAN}-01` });
    } finally {
      // Spans are batched: the graceful shutdown flushes them before the process exits.
      await service.stop();
    }
    const spans = exportedSpans(collector);
    expect(spans.length).toBeGreaterThanOrEqual(4);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['lago-under-test']));
    for (const [traceId, serverName] of [[REST_TRACE, 'GET /v1/customers/:externalId'], [MCP_TRACE, 'tools/call lago-retrieve-customer']] as const) {
      const server = spans.find((s) => s.traceId === traceId && s.kind === SERVER)!;
      const client = spans.find((s) => s.traceId === traceId && s.kind === CLIENT)!;
      expect(server, `server span of ${traceId}`).toBeDefined();
      expect(server.name).toBe(serverName);
      expect(server.parentSpanId).toBe(CALLER_SPAN);
      expect(client.parentSpanId).toBe(server.spanId);
      expect(client.name).toBe('GET');
      expect(attribute(client, 'http.request.method')).toBe('GET');
      expect(attribute(client, 'http.response.status_code')).toBe(200);
      expect(attribute(client, 'server.address')).toBe('127.0.0.1');
      // The upstream request carried the client span's context.
      const seen = upstream.requests.find((r) => String(r.headers.traceparent).includes(traceId));
      expect(seen?.headers.traceparent).toBe(`00-${traceId}-${client.spanId}-01`);
    }
    const rest = spans.find((s) => s.traceId === REST_TRACE && s.kind === SERVER)!;
    expect(attribute(rest, 'http.route')).toBe('/v1/customers/:externalId');
    expect(attribute(rest, 'http.response.status_code')).toBe(200);
    expect(upstream.requests.find((r) => String(r.headers.traceparent).includes(REST_TRACE))?.headers.tracestate).toBe('vendor=1');
    // Never a secret or a body in what is exported.
    const exported = collector.requests.map((r) => r.body).join('\n');
    expect(exported).not.toContain(API_KEY);
    expect(exported).not.toContain('"echo"');
  }, 60_000);

  it('with no OTEL_* variable exports and logs nothing, and passes the caller context on unchanged', async () => {
    const before = collector.requests.length;
    const service = await startService(dir, { ...env(), LOG_LEVEL: 'debug' }, ['rest', 'mcp']);
    const traceparent = `00-${REST_TRACE}-${CALLER_SPAN}-01`;
    try {
      const res = await fetch(`${service.urls.rest}/v1/customers/c2`, { headers: { traceparent } });
      expect(res.status).toBe(200);
      await callTool(service, { traceparent: `00-${MCP_TRACE}-${CALLER_SPAN}-01` });
    } finally {
      await service.stop();
    }
    expect(upstream.requests.find((r) => r.url === '/customers/c2')?.headers.traceparent).toBe(traceparent);
    expect(upstream.requests.find((r) => r.url === '/customers/m1' && String(r.headers.traceparent).endsWith(`${CALLER_SPAN}-01`))).toBeDefined();
    expect(collector.requests.length).toBe(before);
    const logs = service.logs.map((line) => JSON.parse(line) as { level: string; msg: string });
    expect(logs.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    expect(logs.some((l) => l.msg === 'tracing on')).toBe(false);
  }, 60_000);
});

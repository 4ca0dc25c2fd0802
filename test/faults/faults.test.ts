/**
 * Fault tests: a started seed service (lago-customers) in front of an upstream that is down, slow,
 * failing, rate-limiting or malformed. REST must answer with the documented problem+json statuses,
 * MCP with isError results, and retries must follow the idempotency and Retry-After rules.
 */
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR } from '../helpers/cases.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { peakRssBytes } from './process-stats.js';

const GET = '/v1/customers/c-1';
const CUSTOMER = { customer: { external_id: 'c-1' } };
const FOUND = { customer: { external_id: 'c-1', name: 'Acme' } };
type ToolResult = { isError?: boolean; structuredContent?: Record<string, unknown> };

async function rest(base: string, path: string, body?: unknown) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(base + path, init);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as Record<string, unknown> };
}

async function mcpClient(url: string): Promise<Client> {
  const client = new Client({ name: 'fault-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  return client;
}

const callTool = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as ToolResult;

function expectProblem(res: Awaited<ReturnType<typeof rest>>, status: number): void {
  expect(res.status).toBe(status);
  expect(res.type).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: 'about:blank', status });
}

describe('fault handling of a generated service', () => {
  let dir: string;
  let upstream: FakeUpstream;
  let live: RunningService;
  let down: RunningService;
  /** Default timeouts: reading 10 MiB may take longer than `live`'s 500 ms on a busy machine. */
  let patient: RunningService;
  let client: Client;
  let downClient: Client;
  let patientClient: Client;

  beforeAll(async () => {
    dir = buildProjectCopy(join(GENERATED_DIR, 'lago-customers'));
    upstream = await startFakeUpstream({ keepAliveTimeoutMs: 1_000 });
    const common = { LAGO_API_KEY: 'k', REST_PORT: '0', MCP_PORT: '0', UPSTREAM_TIMEOUT_MS: '500', UPSTREAM_MAX_RETRIES: '2' };
    // Port 1 (tcpmux) on loopback: nothing listens there and no port-0 bind is ever given it, so
    // connections are refused. (A port found free and released was handed to a service started
    // in the same breath on a busy machine, and "down" answered.)
    const closed = 'http://127.0.0.1:1';
    [live, down, patient] = await Promise.all([
      startService(dir, { ...common, LAGO_CUSTOMERS_BASE_URL: upstream.url }, ['rest', 'mcp']),
      startService(dir, { ...common, LAGO_CUSTOMERS_BASE_URL: closed }, ['rest', 'mcp']),
      startService(dir, { LAGO_API_KEY: 'k', REST_PORT: '0', MCP_PORT: '0', LAGO_CUSTOMERS_BASE_URL: upstream.url }, ['rest', 'mcp']),
    ]);
    [client, downClient, patientClient] = await Promise.all([mcpClient(live.urls.mcp!), mcpClient(down.urls.mcp!), mcpClient(patient.urls.mcp!)]);
  });

  afterAll(async () => {
    await Promise.all([client?.close(), downClient?.close(), patientClient?.close()]);
    await Promise.all([live?.stop(), down?.stop(), patient?.stop()]);
    await upstream?.close();
    if (dir) removeProjectCopy(dir);
  });

  it('upstream down: REST answers 502 problem+json for reads and writes', async () => {
    expectProblem(await rest(down.urls.rest!, GET), 502);
    expectProblem(await rest(down.urls.rest!, '/v1/customers', CUSTOMER), 502);
  });

  it('upstream down: the MCP tool returns isError with status 502', async () => {
    const result = await callTool(downClient, 'lago-retrieve-customer', { external_id: 'c-1' });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ status: 502, error: expect.stringContaining('could not be reached') });
  });

  it('slow upstream: a read past UPSTREAM_TIMEOUT_MS is retried, then answers 504', async () => {
    const before = upstream.requests.length;
    upstream.script(...Array.from({ length: 3 }, () => ({ delayMs: 5_000, body: FOUND })));
    expectProblem(await rest(live.urls.rest!, GET), 504);
    expect(upstream.requests.length - before).toBe(3);
  });

  it('slow upstream: a write is not repeated (it may have been applied) and answers 504', async () => {
    const before = upstream.requests.length;
    upstream.script({ delayMs: 5_000, body: FOUND });
    expectProblem(await rest(live.urls.rest!, '/v1/customers', CUSTOMER), 504);
    expect(upstream.requests.length - before).toBe(1);
  });

  it('slow upstream: the MCP tool returns isError with status 504', async () => {
    upstream.script(...Array.from({ length: 3 }, () => ({ delayMs: 5_000, body: FOUND })));
    const result = await callTool(client, 'lago-retrieve-customer', { external_id: 'c-1' });
    expect(result).toMatchObject({ isError: true, structuredContent: { status: 504 } });
  });

  it('500 then 200: the read is retried and the caller gets the 200', async () => {
    const before = upstream.requests.length;
    upstream.script({ status: 500, body: { status: 500, error: 'Internal Server Error' } }, { body: FOUND });
    const res = await rest(live.urls.rest!, GET);
    expect(res).toMatchObject({ status: 200, body: FOUND });
    expect(upstream.requests.length - before).toBe(2);
    upstream.script({ status: 503, body: { status: 503 } }, { body: FOUND });
    expect(await callTool(client, 'lago-retrieve-customer', { external_id: 'c-1' })).toMatchObject({ structuredContent: FOUND });
  });

  it('500 on a write: passed through once, never repeated', async () => {
    const before = upstream.requests.length;
    upstream.script({ status: 500, body: { status: 500, error: 'Internal Server Error' } });
    const res = await rest(live.urls.rest!, '/v1/customers', CUSTOMER);
    expect(res).toMatchObject({ status: 500, body: { status: 500, error: 'Internal Server Error' } });
    expect(upstream.requests.length - before).toBe(1);
  });

  it('429 with Retry-After: 1 is honoured: the retry waits a second and the caller gets the 200', async () => {
    const before = upstream.requests.length;
    upstream.script({ status: 429, headers: { 'retry-after': '1' }, body: { status: 429, error: 'Too Many Requests' } }, { body: FOUND });
    expect(await rest(live.urls.rest!, GET)).toMatchObject({ status: 200, body: FOUND });
    const [first, second] = upstream.requests.slice(before);
    expect(second).toBeDefined();
    // Without Retry-After the backoff would be at most 200 ms; timers may round a hair early.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
  });

  it('429 with Retry-After on a write: retried too (the server says it did not act)', async () => {
    upstream.script({ status: 429, headers: { 'retry-after': '1' }, body: { status: 429 } }, { body: FOUND });
    expect(await callTool(client, 'lago-create-customer', { body: CUSTOMER })).toMatchObject({ structuredContent: FOUND });
  });

  it('malformed JSON from the upstream: REST 502 problem+json, MCP isError 502, not retried', async () => {
    const before = upstream.requests.length;
    upstream.script({ headers: { 'content-type': 'application/json' }, body: '{"customer": {"external_id": ' });
    expectProblem(await rest(live.urls.rest!, GET), 502);
    expect(upstream.requests.length - before).toBe(1);
    upstream.script({ headers: { 'content-type': 'application/json' }, body: '<html>not json</html>' });
    expect(await callTool(client, 'lago-retrieve-customer', { external_id: 'c-1' })).toMatchObject({ isError: true, structuredContent: { status: 502 } });
  });

  it('a 50 MiB answer: REST 502 problem+json, MCP isError 502, memory stays flat, the next call works', async () => {
    const pid = patient.process.pid!;
    const peakBefore = peakRssBytes(pid);
    const sent = { bytes: 0 };
    upstream.script({ stream: { bytes: 50 * 1024 * 1024, sent } });
    const before = upstream.requests.length;
    const res = await rest(patient.urls.rest!, GET);
    expectProblem(res, 502);
    expect(res.body.detail).toMatch(/^Upstream lago-customers\.\w+ sent a response longer than the 10485760 bytes this service reads\.$/);
    upstream.script({ stream: { bytes: 50 * 1024 * 1024 } });
    expect(await callTool(patientClient, 'lago-retrieve-customer', { external_id: 'c-1' })).toMatchObject({ isError: true, structuredContent: { status: 502 } });
    // Neither call was retried: the same request would only bring the same answer.
    expect(upstream.requests.length - before).toBe(2);
    // The service stopped reading at the 10 MiB default: the upstream could not send the rest (its
    // socket buffers hold a few MiB), and the peak resident memory grew by about that, not 50 MiB+.
    expect(sent.bytes).toBeLessThan(20 * 1024 * 1024);
    expect(peakRssBytes(pid) - peakBefore).toBeLessThan(40 * 1024 * 1024);
    expect(await rest(patient.urls.rest!, GET)).toMatchObject({ status: 200 });
  });
});

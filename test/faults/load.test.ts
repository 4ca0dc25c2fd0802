/**
 * Sustained use of a started seed service: a thousand sequential MCP tool calls and a burst of two
 * hundred concurrent REST calls, with no failure, and resident memory and open sockets of the
 * child process back near their baseline afterwards (generous bounds: this is about leaks, not speed).
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../contract/net.js';
import { GENERATED_DIR } from '../helpers/cases.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';
import { rssBytes, socketCount } from './process-stats.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';

const MIB = 1024 * 1024;
// Uncapped, V8 sizes its heap by allocation rate and GC time: on Node 20, RSS climbed from ~110 to
// ~200 MiB over the first 4,000 calls, and on a busy machine (Node 24, whole suite on 2 cores) it
// passed any margin. The service runs with its old space capped instead, so heap sizing stays
// inside the margin and a leak of 96 KiB or more per call exhausts the cap: the service dies and
// the calls fail.
const OLD_SPACE_MIB = 96;
const RSS_MARGIN = 96 * MIB;
// Listening sockets plus a few keep-alive connections that are allowed to stay open.
const SOCKET_MARGIN = 4;

/** One GET on a fresh connection that is closed afterwards (agent: false). */
function getOnce(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a generated service under sustained use', () => {
  let dir: string;
  let upstream: FakeUpstream;
  let service: RunningService;
  let client: Client;
  let pid: number;
  let baseline: { rss: number; sockets: number };

  const settledSockets = () => waitFor('open sockets to settle', () => (socketCount(pid) <= baseline.sockets + SOCKET_MARGIN ? true : undefined), 20_000, 250);

  beforeAll(async () => {
    dir = buildProjectCopy(join(GENERATED_DIR, 'lago-customers'));
    upstream = await startFakeUpstream({ keepAliveTimeoutMs: 1_000 });
    service = await startService(dir, { LAGO_API_KEY: 'k', LAGO_CUSTOMERS_BASE_URL: upstream.url, REST_PORT: '0', MCP_PORT: '0', NODE_OPTIONS: `--max-old-space-size=${OLD_SPACE_MIB}` }, ['rest', 'mcp']);
    pid = service.process.pid!;
    client = new Client({ name: 'load-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
    // Warm-up: JIT, module caches and connection pools reach their working size first.
    for (let i = 0; i < 300; i += 1) await client.callTool({ name: 'lago-retrieve-customer', arguments: { external_id: `w${i}` } });
    await Promise.all(Array.from({ length: 50 }, () => getOnce(`${service.urls.rest}/v1/customers`)));
    baseline = { rss: rssBytes(pid), sockets: socketCount(pid) };
  });

  afterAll(async () => {
    await client?.close();
    await service?.stop();
    await upstream?.close();
    if (dir) removeProjectCopy(dir);
  });

  it('answers a thousand sequential MCP tool calls without a failure or a leak', async () => {
    const failures: unknown[] = [];
    for (let i = 0; i < 1000; i += 1) {
      const result = await client.callTool({ name: 'lago-retrieve-customer', arguments: { external_id: `c${i}` } });
      const expected = { echo: { method: 'GET', url: `/customers/c${i}` } };
      if (result.isError || JSON.stringify(result.structuredContent) !== JSON.stringify(expected)) failures.push(result);
    }
    expect(failures).toEqual([]);
    await settledSockets();
    expect(rssBytes(pid)).toBeLessThan(baseline.rss + RSS_MARGIN);
  });

  it('answers a burst of 200 concurrent REST calls, then releases every connection', async () => {
    const before = upstream.requests.length;
    const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => getOnce(`${service.urls.rest}/v1/customers/c${i}`)));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(upstream.requests.length - before).toBe(200);
    await settledSockets();
    expect(rssBytes(pid)).toBeLessThan(baseline.rss + RSS_MARGIN);
    expect(await getOnce(`${service.urls.rest}/health`)).toBe(200);
  });
});

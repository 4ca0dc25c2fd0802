/**
 * Drain-safe shutdown behind a real load balancer: HAProxy, configured as the generated README
 * recommends, in front of three replicas of the lago-customers seed under a constant load of REST
 * requests and MCP tool calls. A SIGTERM of one replica fails no request; after a SIGKILL of another,
 * only requests in flight at the kill may fail, and idempotent ones are retried by HAProxy.
 */
import { readFileSync } from 'node:fs';
import { Agent, createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, waitFor } from '../contract/net.js';
import { GENERATED_DIR } from '../helpers/cases.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';
import { haproxyBinary, pointAtLoopback, recommendedConfig, startHaproxy, type RunningHaproxy } from './haproxy.js';

const HAPROXY = haproxyBinary();
if (!HAPROXY) console.warn('test/drain skipped: haproxy is not installed here (`apt-get install haproxy`; .ci/run installs it)');

const SEED = join(GENERATED_DIR, 'lago-customers');
const DRAIN_DELAY_MS = 1_500;
/** Upstream latency: long enough that requests are in flight when a replica is killed. */
const UPSTREAM_MS = 80;
const REST_WORKERS = 6;
const MCP_WORKERS = 3;

interface Outcome {
  readonly kind: 'rest' | 'mcp';
  readonly start: number;
  readonly end: number;
  readonly ok: boolean;
  readonly server?: string | undefined;
  readonly error?: string;
}

/** Echoes the request after UPSTREAM_MS, like a slow API. */
async function startSlowUpstream(): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echo: { method: req.method, url: req.url } }));
    }, UPSTREAM_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function restCall(url: string, agent: Agent): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(res.headers['x-served-by'] as string | undefined) : reject(new Error(`status ${res.statusCode}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

/** Calls `call` back to back (10 ms apart) until stopped, recording every outcome. */
async function worker(kind: Outcome['kind'], call: (n: number) => Promise<string | undefined>, outcomes: Outcome[], running: () => boolean): Promise<void> {
  for (let n = 0; running(); n += 1) {
    const start = performance.now();
    try {
      const server = await call(n);
      outcomes.push({ kind, start, end: performance.now(), ok: true, server });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      outcomes.push({ kind, start, end: performance.now(), ok: false, error: `${error instanceof Error ? error.message : String(error)}${cause}` });
    }
    await sleep(10);
  }
}

function exitOf(service: RunningService): Promise<{ code: number | null; at: number }> {
  const child = service.process;
  if (child.exitCode !== null) return Promise.resolve({ code: child.exitCode, at: performance.now() });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, at: performance.now() })));
}

describe.skipIf(!HAPROXY)('three replicas behind HAProxy under load', () => {
  let dir: string;
  let upstream: Server;
  let replicas: RunningService[] = [];
  let lb: RunningHaproxy;
  let rest: string;
  let mcp: string;

  beforeAll(async () => {
    dir = buildProjectCopy(SEED);
    upstream = await startSlowUpstream();
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const env = { LAGO_API_KEY: 'k', LAGO_CUSTOMERS_BASE_URL: upstreamUrl, REST_PORT: '0', MCP_PORT: '0', LOG_LEVEL: 'info', DRAIN_DELAY_MS: String(DRAIN_DELAY_MS), SHUTDOWN_TIMEOUT_MS: '5000' };
    replicas = await Promise.all([0, 1, 2].map(() => startService(dir, env, ['rest', 'mcp'])));
    const hostPort = (url: string) => new URL(url).host;
    const recommended = recommendedConfig(readFileSync(join(SEED, 'README.md'), 'utf8'));
    lb = await startHaproxy(HAPROXY!, async () => {
      const [restPort, mcpPort] = [await freePort(), await freePort()];
      rest = `http://127.0.0.1:${restPort}`;
      mcp = `http://127.0.0.1:${mcpPort}`;
      return pointAtLoopback(recommended, {
        frontends: { rest: restPort, mcp: mcpPort },
        backends: { rest: replicas.map((r) => hostPort(r.urls.rest!)), mcp: replicas.map((r) => hostPort(r.urls.mcp!)) },
        inter: '200ms',
      });
    });
    // Every replica up (rise 2 checks) and answering through the load balancer.
    const agent = new Agent({ keepAlive: false });
    const seen = new Set<string>();
    await waitFor('all three replicas behind HAProxy', async () => {
      const server = await restCall(`${rest}/v1/customers/warm`, agent);
      if (server) seen.add(server);
      return seen.size === 3 ? true : undefined;
    }, 20_000, 20);
  }, 120_000);

  afterAll(async () => {
    await lb?.stop();
    await Promise.all(replicas.map((r) => r.stop()));
    upstream?.closeAllConnections();
    await new Promise((resolve) => upstream?.close(resolve));
    if (dir) removeProjectCopy(dir);
  });

  it('drains a SIGTERMed replica without a failed request; after a SIGKILL only calls in flight fail, and no idempotent one', async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    const agent = new Agent({ keepAlive: true });
    const clients = await Promise.all(
      Array.from({ length: MCP_WORKERS }, async () => {
        const client = new Client({ name: 'drain-test', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(`${mcp}/mcp`)));
        return client;
      }),
    );
    const toolCall = (client: Client) => async (n: number) => {
      const result = await client.callTool({ name: 'lago-retrieve-customer', arguments: { external_id: `m${n}` } });
      if (result.isError) throw new Error(JSON.stringify(result.content));
      return undefined;
    };
    const workers = [
      ...Array.from({ length: REST_WORKERS }, () => worker('rest', (n) => restCall(`${rest}/v1/customers/c${n}`, agent), outcomes, () => running)),
      ...clients.map((client) => worker('mcp', toolCall(client), outcomes, () => running)),
    ];
    try {
      await sleep(1_000);
      const termAt = performance.now();
      replicas[0]!.process.kill('SIGTERM');
      const drained = await exitOf(replicas[0]!);
      await sleep(500);
      const killAt = performance.now();
      replicas[1]!.process.kill('SIGKILL');
      // The kill lasts until the process is gone: on a busy machine its sockets close some
      // milliseconds after the signal, and a request the kernel accepted meanwhile was in flight.
      const diedAt = (await exitOf(replicas[1]!)).at;
      await sleep(1_500);
      running = false;
      await Promise.all(workers);
      const report = () => `${JSON.stringify(outcomes.filter((o) => !o.ok).slice(0, 10))}\nhaproxy:\n${lb.output.join('').slice(-4000)}`;

      // The SIGTERMed replica stayed for the drain delay, then exited 0 well before its deadline.
      expect(drained.code).toBe(0);
      expect(drained.at - termAt).toBeGreaterThanOrEqual(DRAIN_DELAY_MS - 50);
      expect(drained.at - termAt).toBeLessThan(DRAIN_DELAY_MS + 3_000);
      // Steady load in both phases, over both protocols.
      const beforeKill = outcomes.filter((o) => o.end < killAt);
      const inFlight = outcomes.filter((o) => o.start < diedAt && o.end >= killAt);
      const afterKill = outcomes.filter((o) => o.start >= diedAt);
      for (const phase of [beforeKill, afterKill]) {
        expect(phase.filter((o) => o.kind === 'rest').length).toBeGreaterThan(20);
        expect(phase.filter((o) => o.kind === 'mcp').length).toBeGreaterThan(5);
      }
      expect(beforeKill.some((o) => o.server === 'replica1' && o.start > termAt), 'replica1 served during its drain delay').toBe(true);
      expect(outcomes.some((o) => o.server === 'replica1' && o.start > drained.at)).toBe(false);
      // SIGTERM: not one failure, before, during or after the drain.
      expect(beforeKill.filter((o) => !o.ok), report()).toEqual([]);
      // SIGKILL: only calls in flight at the kill may fail, and never an idempotent GET: HAProxy
      // resent those to another replica (its log shows the retry: "+1" in the retries field).
      expect(inFlight.filter((o) => o.kind === 'rest' && !o.ok), report()).toEqual([]);
      expect(afterKill.filter((o) => !o.ok), report()).toEqual([]);
      expect(outcomes.some((o) => o.server === 'replica2' && o.start > diedAt)).toBe(false);
      const retriedGets = lb.output.join('').split('\n').filter((line) => /\/\+?[1-9] \d+\/\d+ "GET /.test(line));
      expect(retriedGets.length, report()).toBeGreaterThan(0);
    } finally {
      running = false;
      agent.destroy();
      await Promise.all(clients.map((client) => client.close()));
    }
  }, 60_000);
});

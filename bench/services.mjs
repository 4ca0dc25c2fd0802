// Generated-service benchmarks, all on 127.0.0.1, every load bounded in time:
//   REST: (a) fake upstream directly, (b) bare node:http pass-through proxy, (c) Express 5
//   pass-through proxy (one route, keep-alive agent, body piped), (d) the generated service's REST
//   route, each in front of the same fake upstream.
//   MCP: tools/call on the generated service vs the SDK's minimal server with one trivial tool.
//   Memory: RSS of the generated service across 100,000 REST requests and 100,000 MCP calls.
//
//   node bench/services.mjs <work dir> <results.json>
//
// Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 10), BENCH_ROUNDS
// (interleaved rounds of the latency probes and of autocannon, best round kept, default 3), BENCH_LAT_SECONDS
// (sequential latency probe per target, default 4), BENCH_MEM_REQUESTS (default 100000),
// BENCH_CPU_PROF=1 (service started with --cpu-prof; profile written on exit into the results dir).
import { cpSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, symlinkSync, closeSync } from 'node:fs';
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { latencyProbe, send } from './lib/latency.mjs';
import { BENCH_DIR, ROOT, TREE, cpuMs, log, procMemory, startChild, stopChild, killChildren, timed, writeJson } from './lib/measure.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const [work, outFile] = process.argv.slice(2);
if (!work || !outFile) throw new Error('usage: services.mjs <work dir> <results.json>');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const LAT_SECONDS = Number(process.env.BENCH_LAT_SECONDS ?? 4);
const MEM_REQUESTS = Number(process.env.BENCH_MEM_REQUESTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MEM_TIMEOUT_S = Number(process.env.BENCH_MEM_TIMEOUT ?? 240);
const CPU_PROF = process.env.BENCH_CPU_PROF === '1';
const SEED = 'lago-customers';
const TOOL = 'lago-list-all-customers';
const results = { commit: process.env.BENCH_COMMIT, date: new Date().toISOString(), settings: { DURATION, CONNECTIONS, ROUNDS, LAT_SECONDS, MEM_REQUESTS }, loadavgStart: loadavg() };

try {
  await main();
} finally {
  killChildren();
}

async function main() {
  // --- Build the generated seed project the way a user does (outside the repo, its own tsconfig) ---
  log(`building generated/${SEED} outside the repository`);
  const svcDir = join(work, 'service');
  rmSync(svcDir, { recursive: true, force: true });
  cpSync(join(TREE, 'generated', SEED), svcDir, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(svcDir, 'node_modules'), 'dir');
  const tsc = await timed(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(svcDir, 'tsconfig.json')]);
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  results.serviceBuild = { tscWallMs: tsc.wallMs, tscMaxRssKb: tsc.maxRssKb };

  // The SDK's minimal server must resolve the repository's SDK and zod (bench/node_modules holds
  // other versions for the peers), so it runs from a directory linked to the root node_modules.
  const miniDir = join(work, 'mcp-minimal');
  rmSync(miniDir, { recursive: true, force: true });
  mkdirSync(miniDir, { recursive: true });
  cpSync(join(BENCH_DIR, 'servers', 'mcp-minimal.mjs'), join(miniDir, 'server.mjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(miniDir, 'node_modules'), 'dir');

  // --- Start everything -----------------------------------------------------------------------
  const upstream = await startServer('upstream', [join(BENCH_DIR, 'servers', 'upstream.mjs')], {}, ['upstream']);
  const proxy = await startServer('proxy', [join(BENCH_DIR, 'servers', 'proxy.mjs')], { UPSTREAM: upstream.urls.upstream }, ['proxy']);
  // Runs from a directory linked to the root node_modules: bench/node_modules may hold another Express.
  const expressDir = join(work, 'express-proxy');
  rmSync(expressDir, { recursive: true, force: true });
  mkdirSync(expressDir, { recursive: true });
  cpSync(join(BENCH_DIR, 'servers', 'express-proxy.mjs'), join(expressDir, 'server.mjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(expressDir, 'node_modules'), 'dir');
  const expressProxy = await startServer('express-proxy', [join(expressDir, 'server.mjs')], { UPSTREAM: upstream.urls.upstream }, ['express-proxy'], expressDir);
  const profDir = join(dirname(outFile), 'profiles');
  const service = await startServer(
    'service',
    [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), 'dist/main.js'],
    { REST_PORT: '0', MCP_PORT: '0', DRAIN_DELAY_MS: '0', LAGO_API_KEY: 'bench-key', LAGO_CUSTOMERS_BASE_URL: `${upstream.urls.upstream}/api/v1` },
    ['rest', 'mcp'],
    svcDir,
  );
  const miniT = await startServer('mcp-minimal-transport', [join(miniDir, 'server.mjs')], { MODE: 'transport' }, ['mcp-minimal-transport'], miniDir);
  const miniH = await startServer('mcp-minimal-handler', [join(miniDir, 'server.mjs')], { MODE: 'handler', UPSTREAM_URL: `${upstream.urls.upstream}/api/v1/customers` }, ['mcp-minimal-handler'], miniDir);
  results.idleRssKb = Object.fromEntries([upstream, proxy, expressProxy, service, miniT, miniH].map((s) => [s.name, procMemory(s.child.pid).rssKb]));

  const mcpCall = (base, tool, args, revision) => {
    const modern = revision === '2026-07-28';
    const params = { name: tool, arguments: args };
    if (modern) {
      params._meta = {
        'io.modelcontextprotocol/protocolVersion': revision,
        'io.modelcontextprotocol/clientCapabilities': {},
        'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
      };
    }
    return {
      url: `${base}/mcp`,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': revision,
        ...(modern ? { 'mcp-method': 'tools/call', 'mcp-name': tool } : {}),
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params }),
    };
  };
  const get = (url) => ({ url, method: 'GET', headers: {}, body: undefined });
  const targets = {
    upstream: get(`${upstream.urls.upstream}/api/v1/customers`),
    proxy: get(`${proxy.urls.proxy}/api/v1/customers`),
    expressProxy: get(`${expressProxy.urls['express-proxy']}/api/v1/customers`),
    rest: get(`${service.urls.rest}/v1/customers`),
    mcp: mcpCall(service.urls.mcp, TOOL, {}, '2026-07-28'),
    mcpLegacy: mcpCall(service.urls.mcp, TOOL, {}, '2025-11-25'),
    // Same plumbing and revision as the generated server (createMcpHandler, 2026-07-28).
    mcpMinimal: mcpCall(miniH.urls['mcp-minimal-handler'], 'echo', {}, '2026-07-28'),
    // The same server's tool that also calls the fake upstream: the like-for-like baseline.
    mcpMinimalForward: mcpCall(miniH.urls['mcp-minimal-handler'], 'forward', {}, '2026-07-28'),
    // The SDK README's per-request transport, which speaks only the 2025 revisions.
    mcpMinimalLegacy: mcpCall(miniT.urls['mcp-minimal-transport'], 'echo', {}, '2025-11-25'),
  };

  const servers = { upstream, proxy, expressProxy, rest: service, mcp: service, mcpLegacy: service, mcpMinimal: miniH, mcpMinimalForward: miniH, mcpMinimalLegacy: miniT };

  // --- Sanity: each target answers 200 with the expected content ---------------------------------
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (const [name, t] of Object.entries(targets)) {
    const { status, body } = await send(agent, t);
    const ok = status === 200 && (name.startsWith('mcp') ? /"content"/.test(body) && !/"isError":true/.test(body) && !/"error"/.test(body) : /customers/.test(body));
    if (!ok) throw new Error(`${name} did not answer as expected: ${status} ${body.slice(0, 400)}`);
  }
  results.responseBytes = {};
  for (const [name, t] of Object.entries(targets)) results.responseBytes[name] = Buffer.byteLength((await send(agent, t)).body);

  // --- Sequential latency (one request at a time, keep-alive, microsecond timer) -------------------
  results.latency = {};
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, t] of Object.entries(targets)) {
      log(`latency probe ${name} round ${round}/${ROUNDS} (${LAT_SECONDS} s, sequential)`);
      const probe = await latencyProbe(agent, t, LAT_SECONDS);
      if (!results.latency[name] || probe.p50Ms < results.latency[name].p50Ms) results.latency[name] = probe;
    }
  }
  agent.destroy();

  // --- Throughput (autocannon, CONNECTIONS connections, DURATION s after a 2 s warm-up) ------------
  // Rounds interleave the targets and each keeps its best round, so a burst of load from others on
  // the machine does not land on one target only: the ratios are what the targets quote.
  results.throughput = {};
  results.throughputRounds = {};
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [name, t] of Object.entries(targets)) {
      log(`autocannon ${name} round ${round}/${ROUNDS} (${CONNECTIONS} connections, ${DURATION} s)`);
      await cannon(t, { duration: round === 1 ? 2 : 1 });
      const cpuBefore = cpuMs(servers[name].child.pid);
      const run = summarize(await cannon(t, { duration: DURATION }));
      // The server's CPU per request is far less disturbed by others' load than req/s.
      run.serverCpuUsPerRequest = (1000 * (cpuMs(servers[name].child.pid) - cpuBefore)) / run.requests;
      (results.throughputRounds[name] ??= []).push(run.rps);
      if (!results.throughput[name] || run.rps > results.throughput[name].rps) results.throughput[name] = run;
    }
  }

  // --- Memory over MEM_REQUESTS requests --------------------------------------------------------
  results.memory = {};
  for (const name of ['rest', 'mcp']) {
    log(`memory: ${MEM_REQUESTS} ${name} requests (cap ${MEM_TIMEOUT_S} s)`);
    await cannon(targets[name], { amount: 5000 });
    await sleep(1000);
    const before = procMemory(service.child.pid);
    const samples = [];
    const sampler = setInterval(() => samples.push(procMemory(service.child.pid).rssKb), 500);
    const run = await cannon(targets[name], { amount: MEM_REQUESTS }, MEM_TIMEOUT_S);
    clearInterval(sampler);
    const after = procMemory(service.child.pid);
    await sleep(3000);
    const settled = procMemory(service.child.pid);
    results.memory[name] = {
      requests: run['2xx'],
      errors: run.errors + run.non2xx + run.timeouts,
      seconds: run.duration,
      rssBeforeKb: before.rssKb,
      rssAfterKb: after.rssKb,
      rssAfterIdle3sKb: settled.rssKb,
      rssMaxSampledKb: Math.max(before.rssKb, ...samples),
      rssQuartilesKb: [0.25, 0.5, 0.75, 1].map((q) => samples[Math.max(0, Math.ceil(q * samples.length) - 1)]),
      hwmKb: after.hwmKb,
    };
  }
  results.serviceLog = { bytes: statSync(service.logFile).size };

  // --- Stop (writes the CPU profile when enabled) ------------------------------------------------
  for (const s of [miniH, miniT, service, expressProxy, proxy, upstream]) await stopChild(s.child);
  results.loadavgEnd = loadavg();
  if (CPU_PROF) results.cpuProfileDir = profDir;
  writeJson(outFile, results);
  log(`service results -> ${outFile}`);
}

/** Starts a Node server whose stdout/stderr go to a log file; waits for its "listening" lines. */
async function startServer(name, args, env, adapters, cwd = ROOT) {
  const logFile = join(work, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = startChild(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const urls = {};
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    for (const line of text.split('\n')) {
      try {
        const e = JSON.parse(line);
        if (e.msg === 'listening' && e.adapter && e.url) urls[e.adapter] = e.url;
      } catch {
        /* not a log line */
      }
    }
    if (adapters.every((a) => urls[a])) return { name, child, urls, logFile };
    await sleep(50);
  }
  throw new Error(`${name} did not start:\n${readFileSync(logFile, 'utf8')}`);
}

function cannon(t, opts, capSeconds) {
  return new Promise((resolveRun, reject) => {
    const instance = autocannon(
      { url: t.url, method: t.method, headers: t.headers, body: t.body, connections: CONNECTIONS, pipelining: 1, ...opts },
      (err, res) => (err ? reject(err) : resolveRun(res)),
    );
    if (capSeconds) {
      const timer = setTimeout(() => instance.stop(), capSeconds * 1000);
      instance.once('done', () => clearTimeout(timer));
    }
  });
}

function summarize(r) {
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    latencyMeanMs: r.latency.average,
    seconds: r.duration,
  };
}

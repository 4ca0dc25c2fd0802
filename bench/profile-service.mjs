// CPU profile of the generated seed service under load on one surface (not part of npm run bench).
//   node bench/profile-service.mjs rest|mcp|express-proxy [seconds] [out dir]   (PROFILE_CONNECTIONS, default 10)
// Builds generated/lago-customers outside the repo (BENCH_TREE or the working tree), starts the fake
// upstream and `node --cpu-prof dist/main.js`, drives it with autocannon on 127.0.0.1, stops it
// (SIGTERM: the profile is written on exit) and prints bench/cpuprofile-top.mjs's summary.
// `express-proxy` profiles the Express 5 pass-through (bench/servers/express-proxy.mjs) the REST
// route is compared with, under the same load, so the two profiles can be set side by side.
import { closeSync, cpSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnSync } from 'node:child_process';
import { BENCH_DIR, ROOT, TREE, killChildren, startChild, stopChild, timed } from './lib/measure.mjs';

const autocannon = createRequire(import.meta.url)('autocannon');
const surface = process.argv[2] ?? 'rest';
const seconds = Number(process.argv[3] ?? 8);
const outDir = process.argv[4] ?? join(tmpdir(), `naftiko-profile-${surface}`);
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

try {
  const svcDir = join(outDir, 'service');
  cpSync(join(TREE, 'generated', 'lago-customers'), svcDir, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(svcDir, 'node_modules'), 'dir');
  const tsc = await timed(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(svcDir, 'tsconfig.json')]);
  if (tsc.status !== 0) throw new Error(tsc.stdout + tsc.stderr);
  const up = await start('upstream', [join(BENCH_DIR, 'servers', 'upstream.mjs')], {}, ROOT, ['upstream']);
  const profiling = ['--cpu-prof', `--cpu-prof-dir=${join(outDir, 'prof')}`];
  const svc =
    surface === 'express-proxy'
      ? await start('express-proxy', [...profiling, join(BENCH_DIR, 'servers', 'express-proxy.mjs')], { UPSTREAM: up.urls.upstream }, ROOT, ['express-proxy'])
      : await start(
          'service',
          [...profiling, 'dist/main.js'],
          { REST_PORT: '0', MCP_PORT: '0', DRAIN_DELAY_MS: '0', LAGO_API_KEY: 'bench-key', LAGO_CUSTOMERS_BASE_URL: `${up.urls.upstream}/api/v1` },
          svcDir,
          ['rest', 'mcp'],
        );
  const target =
    surface === 'express-proxy'
      ? { url: `${svc.urls['express-proxy']}/api/v1/customers`, method: 'GET' }
      : surface === 'rest'
      ? { url: `${svc.urls.rest}/v1/customers`, method: 'GET' }
      : {
          url: `${svc.urls.mcp}/mcp`,
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'lago-list-all-customers' },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/call',
            params: { name: 'lago-list-all-customers', arguments: {}, _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} } },
          }),
        };
  const result = await autocannon({ ...target, connections: Number(process.env.PROFILE_CONNECTIONS ?? 10), duration: seconds });
  console.log(`${surface}: ${result.requests.average} req/s, ${result.requests.total} requests, ${result['2xx']} ok, ${result.non2xx} non-2xx, ${result.errors} errors`);
  await stopChild(svc.child);
  await stopChild(up.child);
  const profile = readdirSync(join(outDir, 'prof')).find((f) => f.endsWith('.cpuprofile'));
  const summary = spawnSync(process.execPath, [join(BENCH_DIR, 'cpuprofile-top.mjs'), join(outDir, 'prof', profile), '--top', '30'], { encoding: 'utf8' });
  console.log(summary.stdout);
} finally {
  killChildren();
}

async function start(name, args, env, cwd, adapters) {
  const logFile = join(outDir, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const child = startChild(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  for (let i = 0; i < 400; i++) {
    const urls = {};
    for (const line of readFileSync(logFile, 'utf8').split('\n')) {
      try {
        const e = JSON.parse(line);
        if (e.msg === 'listening') urls[e.adapter] = e.url;
      } catch {
        /* not JSON */
      }
    }
    if (adapters.every((a) => urls[a])) return { child, urls };
    await sleep(50);
  }
  throw new Error(`${name} did not start: ${readFileSync(logFile, 'utf8')}`);
}

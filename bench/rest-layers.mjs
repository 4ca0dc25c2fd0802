// Attribution of the generated REST route's cost (not part of npm run bench; used for BENCHMARKS.md):
// the same autocannon load against a ladder of pass-throughs in front of the same fake upstream.
//   node bench/rest-layers.mjs [seconds per run, default 6]
//   ROUNDS (3); LADDER=2,4 (row numbers; the proxy, row 0, always runs);
//   BEFORE_REF=<commit>: also the generated service of that commit (git archive, built here), as
//   the last row, so a change is compared with its predecessor in the same interleaved rounds;
//   UNDICI_MODULE=<abs path of undici's index.js>: also Express 5 + undici.request (Pool).
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer } from 'node:net';
import { spawnSync } from 'node:child_process';
import { BENCH_DIR, ROOT, TREE, cpuMs, killChildren, startChild, stopChild, timed } from './lib/measure.mjs';
import { withoutHooks } from './lib/no-hooks.mjs';

const autocannon = createRequire(import.meta.url)('autocannon');
const seconds = Number(process.argv[2] ?? 6);
const work = mkdtempSync(join(tmpdir(), 'naftiko-layers-'));

try {
  const svcDir = join(work, 'service');
  cpSync(join(TREE, 'generated', 'lago-customers'), svcDir, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(svcDir, 'node_modules'), 'dir');
  cpSync(join(BENCH_DIR, 'servers', 'layers.mjs'), join(svcDir, 'layers.mjs'));
  cpSync(join(BENCH_DIR, 'servers', 'mini-router.mjs'), join(svcDir, 'mini-router.mjs'));
  cpSync(join(BENCH_DIR, 'servers', 'express-proxy.mjs'), join(svcDir, 'express-proxy.mjs'));
  const tsc = await timed(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(svcDir, 'tsconfig.json')]);
  if (tsc.status !== 0) throw new Error(tsc.stdout + tsc.stderr);
  const before = process.env.BEFORE_REF ? await buildBefore(process.env.BEFORE_REF) : undefined;
  const noHooks = withoutHooks(svcDir, join(work, 'service-no-hooks'));
  if (noHooks) symlinkSync(join(ROOT, 'node_modules'), join(noHooks, 'node_modules'), 'dir');
  const up = await start('upstream', [join(BENCH_DIR, 'servers', 'upstream.mjs')], {}, ROOT, 'upstream');
  const base = { UPSTREAM: up.url };
  // LOG_LEVEL=warn hides the "listening" line, so the service gets fixed free ports.
  const svcEnv = async (level) => ({ REST_PORT: String(await freePort()), MCP_PORT: String(await freePort()), LAGO_API_KEY: 'k', LAGO_CUSTOMERS_BASE_URL: `${up.url}/api/v1`, LOG_LEVEL: level });
  const ladder = [
    ['node:http proxy (http.request, keep-alive agent)', [join(BENCH_DIR, 'servers', 'proxy.mjs')], base, ROOT, 'proxy', '/api/v1/customers'],
    ['node:http + global fetch', ['layers.mjs'], { ...base, MODE: 'http-fetch' }, svcDir, 'http-fetch', '/v1/customers'],
    ['Express 5 + http.request (keep-alive agent)', ['layers.mjs'], { ...base, MODE: 'express-agent' }, svcDir, 'express-agent', '/v1/customers'],
    ['Express 5 + global fetch', ['layers.mjs'], { ...base, MODE: 'express-fetch' }, svcDir, 'express-fetch', '/v1/customers'],
    ['Express 5 + runtime upstream client (http.ts)', ['layers.mjs'], { ...base, MODE: 'express-runtime' }, svcDir, 'express-runtime', '/v1/customers'],
    ['node:http + tiny matcher + generated routes (no Express), LOG_LEVEL=info', ['mini-router.mjs'], { ...(await svcEnv('info')), REST_PORT: '0' }, svcDir, 'mini-router', '/v1/customers'],
    ['generated service, LOG_LEVEL=warn (no request log)', ['dist/main.js'], await svcEnv('warn'), svcDir, 'rest', '/v1/customers'],
    ['generated service, LOG_LEVEL=info (default)', ['dist/main.js'], await svcEnv('info'), svcDir, 'rest', '/v1/customers'],
    ...(noHooks ? [['generated service without src/hooks.ts (no hooks at all), LOG_LEVEL=info', ['dist/main.js'], await svcEnv('info'), noHooks, 'rest', '/v1/customers']] : []),
    ['Express 5 pass-through proxy (http.request, keep-alive agent, body piped)', ['express-proxy.mjs'], base, svcDir, 'express-proxy', '/api/v1/customers'],
  ];
  const baseRows = ladder.length;
  // UNDICI_MODULE=/abs/node_modules/undici/index.js adds Express 5 + undici.request on a Pool.
  if (process.env.UNDICI_MODULE) ladder.push(['Express 5 + undici.request (Pool)', ['layers.mjs'], { ...base, MODE: 'express-undici', UNDICI_MODULE: process.env.UNDICI_MODULE }, svcDir, 'express-undici', '/v1/customers']);
  if (before) ladder.push([`generated service at ${process.env.BEFORE_REF}, LOG_LEVEL=info`, ['dist/main.js'], await svcEnv('info'), before, 'rest', '/v1/customers']);
  // The machine may be shared: rounds interleave the variants, and the best round is the figure
  // least disturbed by other load (the median is printed too).
  const rounds = Number(process.env.ROUNDS ?? 3);
  // LADDER=0,4,6 runs only those rows (row 0, the proxy, is the reference and always runs).
  const only = process.env.LADDER ? new Set([0, ...process.env.LADDER.split(',').map(Number)]) : undefined;
  // Rows added by UNDICI_MODULE and BEFORE_REF always run.
  if (only) ladder.splice(0, ladder.length, ...ladder.filter((_row, i) => only.has(i) || i >= baseRows));
  const rps = ladder.map(() => []);
  // CPU time of the server process per request (utime + stime from /proc): far less disturbed by
  // other load on a shared machine than req/s, and what a saturated server's throughput follows.
  const cpu = ladder.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, [label, args, env, cwd, adapter, path]] of ladder.entries()) {
      const s = await start(adapter, args, env, cwd, adapter);
      await autocannon({ url: s.url + path, connections: 10, duration: 1 });
      const cpuBefore = cpuMs(s.child.pid);
      const r = await autocannon({ url: s.url + path, connections: 10, duration: seconds });
      const cpuAfter = cpuMs(s.child.pid);
      if (r.non2xx || r.errors) throw new Error(`${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      rps[i].push(r.requests.average);
      cpu[i].push((1000 * (cpuAfter - cpuBefore)) / r.requests.total);
      await stopChild(s.child);
    }
  }
  const best = rps.map((v) => Math.max(...v));
  const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
  const cpuMedian = cpu.map(median);
  console.log(`| pass-through (${rounds} interleaved rounds of ${seconds} s, 10 connections) | best req/s | median req/s | best, % of proxy | server CPU µs/request (median) | proxy CPU ÷ this CPU |`);
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [i, [label]] of ladder.entries()) {
    const pct = (a, b) => `${Math.round((100 * a) / b)} %`;
    console.log(`| ${label} | ${Math.round(best[i])} | ${Math.round(median(rps[i]))} | ${pct(best[i], best[0])} | ${Math.round(cpuMedian[i])} | ${pct(cpuMedian[0], cpuMedian[i])} |`);
  }
  await stopChild(up.child);
} finally {
  killChildren();
  rmSync(work, { recursive: true, force: true });
}

/** generated/lago-customers of another commit, compiled in the work directory. */
async function buildBefore(ref) {
  const dir = join(work, 'before');
  const tar = spawnSync('sh', ['-c', `git archive "${ref}" generated/lago-customers | tar -x -C "${work}" && mv "${work}/generated/lago-customers" "${dir}"`], { cwd: ROOT, encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(tar.stderr);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const tsc = await timed(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')]);
  if (tsc.status !== 0) throw new Error(tsc.stdout + tsc.stderr);
  return dir;
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function start(name, args, env, cwd, adapter) {
  if (env.REST_PORT && env.REST_PORT !== '0') {
    const child = startChild(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
    const url = `http://127.0.0.1:${env.REST_PORT}`;
    for (let i = 0; i < 400; i++) {
      try {
        if ((await fetch(`${url}/health`)).ok) return { child, url };
      } catch {
        /* not yet */
      }
      await sleep(50);
    }
    throw new Error(`${name} did not start`);
  }
  const logFile = join(work, `${name}-${Date.now()}.log`);
  const fd = openSync(logFile, 'w');
  const child = startChild(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  for (let i = 0; i < 400; i++) {
    for (const line of readFileSync(logFile, 'utf8').split('\n')) {
      try {
        const e = JSON.parse(line);
        if (e.msg === 'listening' && e.adapter === adapter) return { child, url: e.url };
      } catch {
        /* not JSON */
      }
    }
    await sleep(50);
  }
  throw new Error(`${name} did not start: ${readFileSync(logFile, 'utf8')}`);
}

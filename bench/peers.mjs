// Side by side: peer generators on the Lago OpenAPI document vs naftiko-gen on the Lago capability
// files of the corpus. Each run is a fresh process into a fresh directory (wall includes Node start).
//
//   node bench/peers.mjs <work dir> <results.json>
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadavg } from 'node:os';
import { BENCH_DIR, CLI, CORPUS, LAGO_OPENAPI, ROOT, TREE, log, repeat, scratchDir, timed, writeJson } from './lib/measure.mjs';
import { countCapability, countOpenApiOperations } from './lib/specs.mjs';

const [work, outFile] = process.argv.slice(2);
if (!work || !outFile) throw new Error('usage: peers.mjs <work dir> <results.json>');
const RUNS = Number(process.env.BENCH_PEER_RUNS ?? 3);
const BIN = (pkg, file) => join(BENCH_DIR, 'node_modules', pkg, file);
const version = (pkg, dir = BENCH_DIR) => JSON.parse(readFileSync(join(dir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
// The newest orval and @hey-api/openapi-ts require Node >= 22.18: they live in bench/node24 and run
// on the Node 24 binary of scripts/node-binaries.mjs (bench/run.sh installs both).
const NODE24_DIR = join(BENCH_DIR, 'node24');
const BIN24 = (pkg, file) => join(NODE24_DIR, 'node_modules', pkg, file);
const node24 = spawnSync(process.execPath, [join(ROOT, 'scripts', 'node-binaries.mjs'), 'path', '24'], { encoding: 'utf8' }).stdout.trim();
const hasNode24Peers = node24 !== '' && existsSync(join(NODE24_DIR, 'node_modules'));
if (!hasNode24Peers) log('peers on Node 24 skipped: no Node 24 binary or no bench/node24/node_modules');
const lago = LAGO_OPENAPI;
const openapiOps = countOpenApiOperations(LAGO_OPENAPI);

const LAGO_CAPS_DIR = join(CORPUS, 'api-evangelist__lago');
const lagoCaps = readdirSync(join(LAGO_CAPS_DIR, 'capabilities'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => join(LAGO_CAPS_DIR, 'capabilities', f));
const capOps = lagoCaps.map(countCapability).reduce((a, c) => ({ consumed: a.consumed + c.consumed, rest: a.rest + c.rest, mcp: a.mcp + c.mcp }), { consumed: 0, rest: 0, mcp: 0 });

const peers = [
  {
    name: 'openapi-mcp-generator',
    version: version('openapi-mcp-generator'),
    produces: 'MCP server project (Streamable HTTP), one file of tool definitions',
    args: (out) => [BIN('openapi-mcp-generator', 'bin/openapi-mcp-generator.js'), '-i', lago, '-o', out, '-t', 'streamable-http', '--force'],
  },
  {
    name: 'orval (fetch client)',
    version: version('orval'),
    produces: 'typed fetch client + model types, one file',
    args: (out) => [BIN('orval', 'dist/bin/orval.js'), '-i', lago, '-o', join(out, 'lago.ts'), '--client', 'fetch'],
  },
  {
    name: 'orval (mcp)',
    version: version('orval'),
    produces: 'MCP server (stdio) + fetch client + zod tool schemas',
    args: (out) => [BIN('orval', 'dist/bin/orval.js'), '-i', lago, '-o', join(out, 'lago.ts'), '--client', 'mcp'],
  },
  {
    name: 'openapi-typescript',
    version: version('openapi-typescript'),
    produces: 'TypeScript types only (one .d.ts)',
    args: (out) => [BIN('openapi-typescript', 'bin/cli.js'), lago, '-o', join(out, 'schema.d.ts')],
  },
  ...(hasNode24Peers
    ? [
        {
          name: 'orval (fetch client), Node 24',
          version: version('orval', NODE24_DIR),
          produces: 'typed fetch client + model types, one file',
          node: node24,
          args: (out) => [BIN24('orval', 'dist/bin/orval.mjs'), '-i', lago, '-o', join(out, 'lago.ts'), '--client', 'fetch'],
        },
        {
          name: 'orval (mcp), Node 24',
          version: version('orval', NODE24_DIR),
          produces: 'MCP server + fetch client + zod tool schemas',
          node: node24,
          args: (out) => [BIN24('orval', 'dist/bin/orval.mjs'), '-i', lago, '-o', join(out, 'lago.ts'), '--client', 'mcp'],
        },
        {
          name: '@hey-api/openapi-ts, Node 24',
          version: version('@hey-api/openapi-ts', NODE24_DIR),
          produces: 'typed fetch client (sdk.gen.ts) + types + client runtime, default plugins',
          node: node24,
          args: (out) => [BIN24('@hey-api/openapi-ts', 'bin/run.js'), '-i', lago, '-o', out],
        },
      ]
    : []),
];

const rows = [];
for (const peer of peers) {
  log(`peer ${peer.name} x${RUNS}`);
  let outDir;
  const r = await repeat(RUNS, async (i) => {
    outDir = scratchDir(work, `peer-${peer.name.replace(/\W+/g, '-')}-${i}`);
    const run = await timed(peer.node ?? process.execPath, peer.args(outDir), { cwd: peer.node ? NODE24_DIR : BENCH_DIR });
    if (run.status !== 0) log(`${peer.name} exited ${run.status}: ${run.stderr.slice(-500)}`);
    return run;
  });
  rows.push({
    name: peer.name,
    version: peer.version,
    input: `${lago} (OpenAPI, ${openapiOps} operations)`,
    produces: peer.produces,
    operations: openapiOps,
    wallMs: r.wallMs,
    wallMinMs: r.wallMinMs,
    maxRssKb: r.maxRssKb,
    failures: r.failures,
    msPerOperation: r.wallMs / openapiOps,
    outputBytes: dirBytes(outDir),
  });
}

log(`naftiko-gen on ${lagoCaps.length} Lago capability files x${RUNS}`);
let ngOut;
const ng = await repeat(RUNS, (i) => {
  ngOut = scratchDir(work, `peer-naftiko-gen-${i}`);
  return timed(process.execPath, [CLI, 'build', LAGO_CAPS_DIR, '-o', ngOut, '-q'], { cwd: TREE });
});
const naftiko = {
  name: 'naftiko-gen',
  version: JSON.parse(readFileSync(join(TREE, 'package.json'), 'utf8')).version,
  input: `${relative(ROOT, LAGO_CAPS_DIR)} (${lagoCaps.length} capability files, ${capOps.consumed} consumed operations, ${capOps.rest} REST operations, ${capOps.mcp} MCP tools)`,
  produces: `${lagoCaps.length} projects: typed client + Express REST routes + MCP tools + runtime + node:test suites, in prettier's layout`,
  operations: capOps.consumed,
  exposed: capOps,
  wallMs: ng.wallMs,
  wallMinMs: ng.wallMinMs,
  maxRssKb: ng.maxRssKb,
  failures: ng.failures,
  msPerOperation: ng.wallMs / capOps.consumed,
  outputBytes: dirBytes(ngOut),
};
for (const row of rows) row.ratioNaftikoPerOpToPeerPerOp = naftiko.msPerOperation / row.msPerOperation;
writeJson(outFile, { commit: process.env.BENCH_COMMIT, date: new Date().toISOString(), runs: RUNS, loadavg: loadavg(), openapiOperations: openapiOps, peers: rows, naftiko });
log(`peer results -> ${outFile}`);

function dirBytes(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += dirBytes(p);
    else total += statSync(p).size;
  }
  return total;
}

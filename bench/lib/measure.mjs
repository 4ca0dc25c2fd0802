// Shared helpers for the benchmark scripts: timing child processes (wall time including Node
// start, peak RSS through GNU time), statistics, and child-process bookkeeping.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(BENCH_DIR, '..');
/** The generator under test: a built snapshot of a commit (run.sh sets it), else the working tree. */
export const TREE = resolve(process.env.BENCH_TREE ?? ROOT);
export const CLI = join(TREE, 'bin', 'naftiko-gen.js');
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
export const LAGO_OPENAPI = resolve(ROOT, '..', 'shared', 'upstream', 'lago', 'openapi.yaml');
export const TIME = '/usr/bin/time';

/**
 * Runs a command to completion under GNU time: wall ms (hrtime around the spawn), peak RSS, and
 * the CPU time it used (user + system, all threads), which a shared machine disturbs less than wall.
 */
export async function timed(cmd, args, { cwd = TREE, env = process.env, timeoutMs = 900_000 } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'nb-time-'));
  const rssFile = join(scratch, 'rss');
  const start = process.hrtime.bigint();
  const child = startChild(TIME, ['-f', '%U %S %M', '-o', rssFile, cmd, ...args], { cwd, env });
  const out = [];
  const err = [];
  child.stdout.on('data', (c) => out.push(c));
  child.stderr.on('data', (c) => err.push(c));
  const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), timeoutMs);
  const [status, signal] = await new Promise((done) => child.once('close', (code, sig) => done([code, sig])));
  clearTimeout(timer);
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  let maxRssKb = NaN;
  let cpuMs = NaN;
  try {
    // GNU time writes "Command exited with non-zero status N" before the figures on failures.
    const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
    const [user, system, rss] = lines[lines.length - 1].split(' ').map(Number);
    maxRssKb = rss;
    cpuMs = (user + system) * 1000;
  } catch {
    /* no figure */
  }
  rmSync(scratch, { recursive: true, force: true });
  return { wallMs, cpuMs, maxRssKb, status, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/**
 * Runs `work` while sampling the 1-minute load average every `everyMs`: the figures of a shared
 * machine mean little without it.
 */
export async function underLoad(work, everyMs = 5000) {
  const samples = [loadavg()[0]];
  const timer = setInterval(() => samples.push(loadavg()[0]), everyMs);
  try {
    const result = await work();
    samples.push(loadavg()[0]);
    const sorted = [...samples].sort((a, b) => a - b);
    return { ...result, load: { min: sorted[0], median: median(sorted), max: sorted[sorted.length - 1], samples: samples.length } };
  } finally {
    clearInterval(timer);
  }
}

/** Node binary and args for a script, so every run pays the same Node start. */
export function node(script, args = []) {
  return [process.execPath, [script, ...args]];
}

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Repeats a timed run n times; the figures are medians, RSS the maximum seen. */
export async function repeat(n, run) {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(await run(i));
  const failed = runs.filter((r) => r.status !== 0 && r.status !== undefined);
  return {
    runs: runs.length,
    wallMs: median(runs.map((r) => r.wallMs)),
    wallMinMs: Math.min(...runs.map((r) => r.wallMs)),
    wallMaxMs: Math.max(...runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)),
    failures: failed.length,
    last: runs[runs.length - 1],
  };
}

/** Parses `--profile` output of naftiko-gen build into { stage: ms }. */
export function parseProfile(stderr) {
  const stages = {};
  let inProfile = false;
  for (const line of stderr.split('\n')) {
    if (line.startsWith('profile (')) {
      inProfile = true;
      continue;
    }
    const m = inProfile && /^\s+(\w+)\s+([\d.]+) ms$/.exec(line);
    if (m) stages[m[1]] = (stages[m[1]] ?? 0) + Number(m[2]);
    else inProfile = false;
  }
  return stages;
}

export function medianStages(list) {
  const keys = [...new Set(list.flatMap((s) => Object.keys(s)))];
  return Object.fromEntries(keys.map((k) => [k, median(list.map((s) => s[k] ?? 0))]));
}

export function scratchDir(work, name) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeJson(file, data) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

export function log(msg) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

/** Long-running children (servers) killed on exit, on signals and on errors. */
const children = new Set();
export function startChild(cmd, args, options = {}) {
  // Its own process group, so the whole tree (GNU time and the command under it) can be ended.
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}
export function killChildren(signal = 'SIGTERM') {
  for (const child of children) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* already gone */
    }
  }
}
process.once('exit', () => killChildren('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    killChildren('SIGKILL');
    process.exit(130);
  });
}

export async function stopChild(child, timeoutMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolveStop) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

/** Calls onLine for each line a stream prints. */
export function lines(stream, onLine) {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, nl));
      buffer = buffer.slice(nl + 1);
    }
  });
}

/** Resident set size and its high-water mark of a live process, from /proc (KiB). */
/** utime + stime of a process in ms (clock ticks of 10 ms; fields 14 and 15 of /proc/<pid>/stat). */
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function procMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

export function machine() {
  const mem = spawnSync('free', ['-h'], { encoding: 'utf8' }).stdout;
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  return {
    date: new Date().toISOString(),
    node: process.version,
    nproc: Number(spawnSync('nproc', { encoding: 'utf8' }).stdout.trim()),
    cpu,
    memTotal: /Mem:\s+(\S+)/.exec(mem)?.[1] ?? 'unknown',
    free: mem.trim(),
    kernel: spawnSync('uname', ['-r'], { encoding: 'utf8' }).stdout.trim(),
    commit: process.env.BENCH_COMMIT ?? spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
    loadavg: loadavg(),
  };
}

/**
 * Builds a generated project the way a user does (outside the repository, its own tsconfig) and
 * runs `node dist/main.js` as a child process; the listening URLs come from its JSON logs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsc } from './tsc.js';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

export interface RunningService {
  readonly urls: Record<string, string>;
  readonly logs: string[];
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The Node.js binary that runs the service; default the one running the tests. */
  readonly node?: string;
}

/** Copies the project out of the repository and compiles it; node_modules is the repo's (same pins). */
export function buildProjectCopy(projectDir: string, options: StartOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-run-'));
  cpSync(projectDir, dir, { recursive: true });
  symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
  const { status, output } = tsc(['-p', join(dir, 'tsconfig.json')], options.node);
  if (status === 0) return dir;
  // The caller never gets the directory to remove, so a failed build must not leave it behind.
  removeProjectCopy(dir);
  throw new Error(`tsc failed:\n${output}`);
}

export function removeProjectCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The environment a test service starts with: no drain delay on SIGTERM (a test stops it at once;
 * the drain itself is proven in test/drain), unless the test sets DRAIN_DELAY_MS.
 */
function serviceEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', DRAIN_DELAY_MS: '0', ...env };
}


export async function startService(dir: string, env: Record<string, string>, adapters: readonly string[], options: StartOptions = {}): Promise<RunningService> {
  const child = spawn(options.node ?? process.execPath, ['dist/main.js'], { cwd: dir, env: serviceEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const urls: Record<string, string> = {};
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${logs.join('\n')}`)), 15_000);
    const onLine = (line: string) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; adapter?: string; url?: string };
        if (entry.msg === 'listening' && entry.adapter && entry.url) urls[entry.adapter] = entry.url;
      } catch {
        /* not a log line */
      }
      if (adapters.every((a) => urls[a])) {
        clearTimeout(timer);
        resolve();
      }
    };
    splitLines(child.stdout!, onLine);
    splitLines(child.stderr!, onLine);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code}:\n${logs.join('\n')}`));
    });
  });
  return {
    urls,
    logs,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Runs a process to completion and collects its output. */
export function runToExit(dir: string, env: Record<string, string>, options: StartOptions = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(options.node ?? process.execPath, ['dist/main.js'], { cwd: dir, env: serviceEnv(env) });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

function splitLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffer = '';
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  });
}

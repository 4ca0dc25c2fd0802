/** Runs a generated project's own `npm test` the way a team does, on a copy outside the repository. */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

/** A copy of the project in a temporary directory, with this repository's node_modules (the same pins). */
export function copyProject(projectDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-npm-test-'));
  cpSync(projectDir, dir, { recursive: true, filter: (source) => !/[/\\](node_modules|dist|dist-test)$/.test(source) });
  symlinkSync(NODE_MODULES, join(dir, 'node_modules'), 'dir');
  return dir;
}

export interface NpmRun {
  readonly code: number | null;
  readonly output: string;
}

/** `npm <args>` in `dir`, with an environment that holds nothing of this machine's but PATH; node:test reports TAP on every Node line (Node 24 defaults to its spec reporter). */
export function npm(dir: string, args: readonly string[]): Promise<NpmRun> {
  const child = spawn('npm', [...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, npm_config_update_notifier: 'false', NODE_OPTIONS: '--test-reporter=tap' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** node:test's closing counts (`# pass 12`), by name. */
export function testCounts(output: string): Record<string, number> {
  // TAP's summary lines: npm() asks node:test for TAP on every Node line.
  return Object.fromEntries([...output.matchAll(/^# (tests|pass|fail|skipped|cancelled) (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

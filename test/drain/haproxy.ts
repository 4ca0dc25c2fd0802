/**
 * A real HAProxy in front of replicas on loopback: the configuration is the one a generated
 * project's README recommends, with its `bind` and `server` lines pointed at this machine and
 * shorter health-check intervals. HAProxy runs in the foreground (-db) as a child of the test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The haproxy binary, or undefined where it is not installed (.ci/run installs the Debian package). */
export function haproxyBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/haproxy', '/usr/local/sbin/haproxy', '/usr/bin/haproxy']) if (existsSync(candidate)) return candidate;
  const found = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : undefined;
}

/** The ```haproxy block of a README. */
export function recommendedConfig(readme: string): string {
  const block = /```haproxy\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('the README has no ```haproxy block');
  return block[1]!;
}

export interface Pointing {
  /** Loopback port of each frontend, by frontend name. */
  readonly frontends: Readonly<Record<string, number>>;
  /** Loopback `host:port` of each replica, per backend name. */
  readonly backends: Readonly<Record<string, readonly string[]>>;
  /** Replaces `inter 2s`: tests cannot wait seconds for a health check. */
  readonly inter: string;
}

/**
 * The README's configuration, pointed at loopback: `bind` lines get this machine's ports, each
 * backend's `server` lines are replaced by the replicas, and the check interval is shortened.
 * Everything else (retries, redispatch, retry-on, health checks) is used exactly as recommended.
 */
export function pointAtLoopback(config: string, pointing: Pointing): string {
  const out: string[] = ['global', '  log stderr format raw local0', ''];
  let section = '';
  for (const line of config.split('\n')) {
    const header = /^(frontend|backend|defaults)\s*(\S*)/.exec(line);
    if (header) {
      if (section.startsWith('backend ')) out.push(...servers(pointing, section.slice('backend '.length)));
      section = `${header[1]} ${header[2]}`.trim();
    }
    if (/^\s+server\s/.test(line)) continue;
    if (/^\s+bind\s/.test(line)) {
      const port = pointing.frontends[section.slice('frontend '.length)];
      if (port === undefined) throw new Error(`no port for ${section}`);
      out.push(`  bind 127.0.0.1:${port}`);
      continue;
    }
    out.push(line.replace(/\binter \S+/, `inter ${pointing.inter}`));
    if (header?.[1] === 'defaults') out.push('  log global', '  option httplog');
    // Which replica answered, for the test to see the drained one leave the rotation.
    if (header?.[1] === 'backend') out.push('  http-response set-header x-served-by %s');
  }
  if (section.startsWith('backend ')) out.push(...servers(pointing, section.slice('backend '.length)));
  return `${out.join('\n')}\n`;
}

function servers(pointing: Pointing, backend: string): string[] {
  const replicas = pointing.backends[backend];
  if (!replicas) throw new Error(`no replicas for backend ${backend}`);
  return replicas.map((address, i) => `  server replica${i + 1} ${address}`);
}

export interface RunningHaproxy {
  readonly output: string[];
  stop(): Promise<void>;
}

/**
 * Starts HAProxy on a configuration made for fresh loopback ports; when it exits at once (a port
 * taken by another process between choosing and binding it, on a shared machine), tries again.
 */
export async function startHaproxy(binary: string, configure: () => Promise<string>): Promise<RunningHaproxy> {
  for (let attempt = 1; ; attempt += 1) {
    const started = await startOnce(binary, await configure());
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (started.running()) return started;
    await started.stop();
    if (attempt === 3) throw new Error(`haproxy exited at start:\n${started.output.join('')}`);
  }
}

async function startOnce(binary: string, config: string): Promise<RunningHaproxy & { running(): boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const check = spawnSync(binary, ['-c', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy rejects the configuration:\n${check.stdout}${check.stderr}\n${config}`);
  const child: ChildProcess = spawn(binary, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return {
    output,
    running: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGKILL');
      }),
  };
}

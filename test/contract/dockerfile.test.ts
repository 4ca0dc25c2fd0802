/**
 * The generated Dockerfile and .dockerignore (docker cannot run here, so the text is checked), and
 * the HEALTHCHECK command itself, run with node against a started service and a stopped one.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_DIR } from '../helpers/cases.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';
import { freePort } from './net.js';

const SEEDS = [
  { id: 'lago-customers', keyEnv: 'LAGO_API_KEY', ports: [8080, 9090] },
  { id: 'konnect-platform-openmeter-customers', keyEnv: 'KONG_API_KEY', ports: [8080, 9090] },
];

interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(text: string): Instruction[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

function finalStage(all: Instruction[]): Instruction[] {
  const lastFrom = all.map((i) => i.keyword).lastIndexOf('FROM');
  return all.slice(lastFrom);
}

/** The exec-form command of HEALTHCHECK ... CMD ["node", "-e", "..."]. */
function healthcheckCommand(all: Instruction[]): string[] {
  const health = all.find((i) => i.keyword === 'HEALTHCHECK');
  const json = health?.args.slice(health.args.indexOf('CMD ') + 4) ?? '[]';
  return JSON.parse(json) as string[];
}

describe.each(SEEDS)('Dockerfile of $id', (seed) => {
  const text = readFileSync(join(GENERATED_DIR, seed.id, 'Dockerfile'), 'utf8');
  const all = instructions(text);
  const runtime = finalStage(all);

  it('builds in stages and runs as the unprivileged node user', () => {
    expect(all.filter((i) => i.keyword === 'FROM').length).toBeGreaterThanOrEqual(2);
    expect(runtime.some((i) => i.keyword === 'COPY' && i.args.startsWith('--from='))).toBe(true);
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1);
    expect(user?.args).toBe('node');
    expect(runtime.findIndex((i) => i.keyword === 'USER')).toBeLessThan(runtime.findIndex((i) => i.keyword === 'CMD'));
  });

  it('installs production dependencies from the lockfile, falling back to npm install without one', () => {
    expect(text).toContain('COPY package.json package-lock.json* ./');
    expect(text).toMatch(/if \[ -f package-lock\.json \]; then npm ci --omit=dev; else npm install --omit=dev/);
    expect(runtime.filter((i) => i.keyword === 'RUN')).toEqual([]);
  });

  it('listens on every interface, exposes both ports and starts node directly', () => {
    expect(runtime).toContainEqual({ keyword: 'ENV', args: 'HOST=0.0.0.0' });
    expect(runtime.find((i) => i.keyword === 'EXPOSE')?.args.split(' ').map(Number)).toEqual(seed.ports);
    expect(runtime.at(-1)).toEqual({ keyword: 'CMD', args: '["node", "dist/main.js"]' });
  });

  it('health-checks with node itself (the slim image has no curl)', () => {
    const command = healthcheckCommand(all);
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(all.filter((i) => /\b(curl|wget)\b/.test(i.args))).toEqual([]);
  });

  it('keeps secrets and build output out of the build context', () => {
    const ignore = readFileSync(join(GENERATED_DIR, seed.id, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['node_modules', 'dist', '.env', '.env.*', '!.env.example', '.git']) expect(ignore).toContain(entry);
  });
});

describe('the HEALTHCHECK command', () => {
  const seed = SEEDS[0]!;
  const command = healthcheckCommand(instructions(readFileSync(join(GENERATED_DIR, seed.id, 'Dockerfile'), 'utf8')));
  let dir: string;
  let service: RunningService;
  let port: number;

  beforeAll(async () => {
    dir = buildProjectCopy(join(GENERATED_DIR, seed.id));
    port = await freePort();
    service = await startService(dir, { [seed.keyEnv]: 'k', REST_PORT: String(port), MCP_PORT: '0' }, ['rest', 'mcp']);
  });

  afterAll(async () => {
    await service?.stop();
    if (dir) removeProjectCopy(dir);
  });

  const probe = () => spawnSync(process.execPath, command.slice(1), { env: { REST_PORT: String(port) }, timeout: 10_000 }).status;

  it('succeeds against the running service and fails once it has stopped', async () => {
    expect(probe()).toBe(0);
    await service.stop();
    expect(probe()).toBe(1);
  });
});

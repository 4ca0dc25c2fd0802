/**
 * `init --ci github`: the workflow's own shell commands (not GitHub) run on a fixture repository in
 * a temp dir, with naftiko-gen installed as a local dependency the way `npm ci` would leave it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SPECS_DIR } from '../helpers/cases.js';
import { runCli } from '../helpers/cli.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let work: string;

interface Step {
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, { paths?: string[] } | null>;
  env: Record<string, string>;
  permissions: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

function git(...args: string[]): string {
  const r = spawnSync('git', args, { cwd: work, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Runs the workflow's `run` steps after `npm ci` (checkout and setup-node are GitHub's) with bash. */
function runWorkflow(workflow: Workflow, mode: string): { status: number | null; output: string } {
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
  let output = '';
  for (const step of steps) {
    if (!step.run || step.run.trim() === 'npm ci') continue;
    const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', step.run], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, ...workflow.env, NAFTIKO_GEN_MODE: mode, GITHUB_REF_NAME: 'main', CI: 'true', npm_config_yes: 'false' },
    });
    output += r.stdout + r.stderr;
    if (r.status !== 0) return { status: r.status, output };
  }
  return { status: 0, output };
}

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-ci-'));
  cpSync(SPECS_DIR, join(work, 'specs'), { recursive: true });
  // What `npm ci` leaves for a project with naftiko-gen as a dev dependency.
  mkdirSync(join(work, 'node_modules/.bin'), { recursive: true });
  symlinkSync(REPO.replace(/\/$/, ''), join(work, 'node_modules/naftiko-gen'), 'dir');
  symlinkSync('../naftiko-gen/bin/naftiko-gen.js', join(work, 'node_modules/.bin/naftiko-gen'));
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'fixture', private: true, devDependencies: { 'naftiko-gen': '*' } }));
  writeFileSync(join(work, '.gitignore'), 'node_modules\n');
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'dev');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('init --ci github', () => {
  it('writes a workflow on spec changes: checkout, setup-node 20, check --format github, a documented mode', async () => {
    expect((await runCli(['init', '--ci', 'github'], work)).code).toBe(0);
    const text = readFileSync(join(work, '.github/workflows/naftiko-gen.yml'), 'utf8');
    const workflow = parse(text) as Workflow;
    expect(workflow.on.pull_request?.paths).toEqual(expect.arrayContaining(['specs/**', 'generated/**']));
    const steps = workflow.jobs['naftiko-gen']!.steps;
    expect(steps[0]!.uses).toMatch(/^actions\/checkout@/);
    expect(steps[1]!.uses).toMatch(/^actions\/setup-node@/);
    expect(steps[1]!.with?.['node-version']).toBe(20);
    expect(steps.some((s) => s.run?.includes('npx naftiko-gen check specs -o generated --format github'))).toBe(true);
    expect(workflow.env.NAFTIKO_GEN_MODE).toBe('check');
    expect(text).toMatch(/#\s+check\s+fail the job/);
    expect(text).toMatch(/#\s+regenerate\s+run naftiko-gen build/);
    expect((await runCli(['init', '--ci', 'github'], work)).code).toBe(2);
  });

  it('check mode: a spec edit without regeneration fails with the stale list; regenerated, it passes', async () => {
    await runCli(['init', '--ci', 'github'], work);
    expect((await runCli(['build', 'specs', '-q'], work)).code).toBe(0);
    const workflow = parse(readFileSync(join(work, '.github/workflows/naftiko-gen.yml'), 'utf8')) as Workflow;
    expect(runWorkflow(workflow, 'check').status).toBe(0);

    const spec = join(work, 'specs/lago-customers.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('description: Lago Retrieve a customer', 'description: Fetch one customer'));
    const stale = runWorkflow(workflow, 'check');
    expect(stale.status).toBe(3);
    expect(stale.output).toContain('stale: generated/lago-customers/src/upstream/lago-customers.client.gen.ts');
    expect(stale.output).toContain('run: naftiko-gen build specs -o generated');
    expect(stale.output).toMatch(/^::error title=naftiko-gen check::generated is out of date/m);
    expect(stale.output).toMatch(/^::warning file=specs\/lago-customers\.yaml,line=\d+,col=\d+,title=NG\d+::/m);

    expect((await runCli(['build', 'specs', '-q'], work)).code).toBe(0);
    expect(runWorkflow(workflow, 'check').status).toBe(0);
  });

  it('check mode fails on spec errors with annotations', async () => {
    await runCli(['init', '--ci', 'github'], work);
    await runCli(['build', 'specs', '-q'], work);
    const workflow = parse(readFileSync(join(work, '.github/workflows/naftiko-gen.yml'), 'utf8')) as Workflow;
    writeFileSync(join(work, 'specs/broken.yaml'), 'naftiko: 1.0.0-alpha2\ncapability:\n  exposes: [\n');
    const r = runWorkflow(workflow, 'regenerate');
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/^::error file=specs\/broken\.yaml,line=\d+,col=\d+,title=NG0002::/m);
  });

  it('regenerate mode: builds, commits and pushes the regenerated files', async () => {
    await runCli(['init', '--ci', 'github', '--mode', 'regenerate'], work);
    const text = readFileSync(join(work, '.github/workflows/naftiko-gen.yml'), 'utf8');
    const workflow = parse(text) as Workflow;
    expect(workflow.env.NAFTIKO_GEN_MODE).toBe('regenerate');
    expect(workflow.permissions.contents).toBe('write');
    await runCli(['build', 'specs', '-q'], work);
    const remote = mkdtempSync(join(tmpdir(), 'naftiko-gen-ci-remote-'));
    try {
      spawnSync('git', ['init', '-q', '--bare', remote]);
      git('remote', 'add', 'origin', remote);
      git('add', '.');
      git('commit', '-qm', 'initial');
      git('push', '-q', 'origin', 'main');
      const spec = join(work, 'specs/lago-customers.yaml');
      writeFileSync(spec, readFileSync(spec, 'utf8').replace('description: Lago Retrieve a customer', 'description: Fetch one customer'));
      git('commit', '-qam', 'edit a spec only');
      const r = runWorkflow(workflow, 'regenerate');
      expect(r.output).toContain('stale: generated/lago-customers/src/upstream/lago-customers.client.gen.ts');
      expect(r.status).toBe(0);
      expect(git('status', '--porcelain')).toBe('');
      const pushed = spawnSync('git', ['--git-dir', remote, 'log', '-1', '--name-only', '--format=%s', 'main'], { encoding: 'utf8' }).stdout;
      expect(pushed).toContain('Regenerate generated/ with naftiko-gen');
      expect(pushed).toContain('generated/lago-customers/src/upstream/lago-customers.client.gen.ts');
      expect(runWorkflow(workflow, 'check').status).toBe(0);
    } finally {
      rmSync(remote, { recursive: true, force: true });
    }
  });
});

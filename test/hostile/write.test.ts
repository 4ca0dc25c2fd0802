/**
 * Nothing lost: the writer never writes, deletes or follows anything outside a project, prunes only
 * what its own manifest lists, cleans its own stale temporary files, and a build killed at any
 * moment leaves every project as it was, complete, or with a journal the next run finishes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../../src/emit/types.js';
import { JOURNAL_PATH, recover, staleTempFiles, writeProject } from '../../src/write/write.js';
import { buildSpec } from './spec-builder.js';

const CLI = fileURLToPath(new URL('../../bin/naftiko-gen.js', import.meta.url));
const TEMP = /\.naftiko-gen-\d+\.tmp$/;

const manifest = (paths: readonly string[]): GeneratedFile => ({ path: 'naftiko.gen.json', contents: JSON.stringify({ generator: 'naftiko-gen', files: paths }) });
const project = (files: Record<string, string>): GeneratedFile[] => {
  const list = Object.entries(files).map(([path, contents]) => ({ path, contents }));
  return [...list, manifest([...list.map((f) => f.path), 'naftiko.gen.json'])];
};

/** Every regular file and symlink under dir (relative path -> contents or link target). */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  let entries;
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, snapshot(dir, rel));
    else if (e.isSymbolicLink()) out[rel] = `-> ${readlinkSync(join(dir, rel))}`;
    else out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'naftiko-gen-write-'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function fresh(name: string): { out: string; outside: string } {
  const out = join(root, name, 'out');
  const outside = join(root, name, 'outside');
  mkdirSync(out, { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'victim.txt'), 'precious');
  return { out, outside };
}

describe('the writer and symbolic links', () => {
  it('refuses a directory symlink inside a project and touches nothing outside', () => {
    const { out, outside } = fresh('dir-link');
    writeProject(out, 'p', project({ 'src/a.ts': 'a' }));
    rmSync(join(out, 'p', 'src'), { recursive: true });
    symlinkSync(outside, join(out, 'p', 'src'), 'dir');
    expect(() => writeProject(out, 'p', project({ 'src/a.ts': 'changed' }))).toThrow(/symbolic link/);
    expect(snapshot(outside)).toEqual({ 'victim.txt': 'precious' });
  });

  it('replaces a file symlink with a regular file instead of writing through it', () => {
    const { out, outside } = fresh('file-link');
    writeProject(out, 'p', project({ 'a.ts': 'a' }));
    rmSync(join(out, 'p', 'a.ts'));
    symlinkSync(join(outside, 'victim.txt'), join(out, 'p', 'a.ts'));
    writeProject(out, 'p', project({ 'a.ts': 'a' }));
    expect(lstatSync(join(out, 'p', 'a.ts')).isFile()).toBe(true);
    expect(readFileSync(join(out, 'p', 'a.ts'), 'utf8')).toBe('a');
    expect(snapshot(outside)).toEqual({ 'victim.txt': 'precious' });
  });

  it('never deletes what a manifest lists outside the project (../, absolute, through a link)', () => {
    const { out, outside } = fresh('manifest');
    mkdirSync(join(out, 'p'), { recursive: true });
    symlinkSync(outside, join(out, 'p', 'linked'), 'dir');
    writeFileSync(
      join(out, 'p', 'naftiko.gen.json'),
      JSON.stringify({ generator: 'naftiko-gen', files: ['../../outside/victim.txt', '../../../x', join(outside, 'victim.txt'), 'linked/victim.txt', 'naftiko.gen.json'] }),
    );
    writeProject(out, 'p', project({ 'a.ts': 'a' }));
    expect(snapshot(outside)).toEqual({ 'victim.txt': 'precious' });
    expect(Object.keys(snapshot(join(out, 'p'))).sort()).toEqual(['a.ts', 'linked', 'naftiko.gen.json']);
  });

  it('refuses a project directory that is itself a symlink', () => {
    const { out, outside } = fresh('project-link');
    symlinkSync(outside, join(out, 'p'), 'dir');
    expect(() => writeProject(out, 'p', project({ 'a.ts': 'a' }))).toThrow(/symbolic link/);
    expect(snapshot(outside)).toEqual({ 'victim.txt': 'precious' });
  });

  it('follows an output directory that is itself a symlink (the user named it)', () => {
    const { out, outside } = fresh('out-link');
    rmSync(out, { recursive: true });
    symlinkSync(outside, out, 'dir');
    writeProject(out, 'p', project({ 'a.ts': 'a' }));
    expect(readFileSync(join(outside, 'p', 'a.ts'), 'utf8')).toBe('a');
    expect(readFileSync(join(outside, 'victim.txt'), 'utf8')).toBe('precious');
  });

  it('refuses a project id or file path that escapes', () => {
    const { out, outside } = fresh('escape');
    expect(() => writeProject(out, '../outside', project({ 'victim.txt': 'x' }))).toThrow(/outside/);
    expect(() => writeProject(out, 'p', project({ '../../outside/victim.txt': 'x' }))).toThrow(/outside/);
    expect(snapshot(outside)).toEqual({ 'victim.txt': 'precious' });
    expect(existsSync(join(out, 'p'))).toBe(false);
  });
});

describe('pruning and temporary files', () => {
  it('prunes only files its own manifest listed, keeping user files', () => {
    const { out } = fresh('prune');
    writeProject(out, 'p', project({ 'src/old.ts': 'old', 'src/keep.ts': 'keep' }));
    writeFileSync(join(out, 'p', 'src', 'mine.ts'), 'user');
    const summary = writeProject(out, 'p', project({ 'src/keep.ts': 'keep' }));
    expect(summary.removed).toEqual(['src/old.ts']);
    expect(snapshot(join(out, 'p'))).toEqual({ 'src/keep.ts': 'keep', 'src/mine.ts': 'user', 'naftiko.gen.json': manifest(['src/keep.ts', 'naftiko.gen.json']).contents });
  });

  it('removes its stale temporary files (dead writer) and keeps a live writer’s', () => {
    const { out } = fresh('temps');
    writeProject(out, 'p', project({ 'src/a.ts': 'a' }));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(join(out, 'p', 'src', `a.ts.naftiko-gen-${dead}.tmp`), 'half');
    writeFileSync(join(out, 'p', `b.ts.naftiko-gen-${process.pid}.tmp`), 'mine, from an earlier run of this pid');
    const live = join(out, 'p', `c.ts.naftiko-gen-${process.ppid}.tmp`);
    writeFileSync(live, 'a running writer');
    writeProject(out, 'p', project({ 'src/a.ts': 'a' }));
    expect(Object.keys(snapshot(join(out, 'p'))).filter((p) => TEMP.test(p))).toEqual([`c.ts.naftiko-gen-${process.ppid}.tmp`]);
  });

  it('does not write through a planted symlink named like its own temporary file', () => {
    const { out, outside } = fresh('temp-link');
    writeProject(out, 'p', project({ 'a.ts': 'a' }));
    symlinkSync(join(outside, 'victim.txt'), join(out, 'p', `a.ts.naftiko-gen-${process.pid}.tmp`));
    writeProject(out, 'p', project({ 'a.ts': 'b' }));
    expect(readFileSync(join(out, 'p', 'a.ts'), 'utf8')).toBe('b');
    expect(snapshot(outside)).toEqual({ 'victim.txt': 'precious' });
  });

  it('finishes a journal left by a killed run', () => {
    const { out } = fresh('journal');
    writeProject(out, 'p', project({ 'a.ts': 'old', 'gone.ts': 'old' }));
    const dir = join(out, 'p');
    writeFileSync(join(dir, 'a.ts.naftiko-gen-1.tmp'), 'new');
    writeFileSync(join(dir, JOURNAL_PATH), JSON.stringify({ renames: [['a.ts.naftiko-gen-1.tmp', 'a.ts'], ['x.naftiko-gen-1.tmp', '../../escape']], removals: ['gone.ts', '../outside'] }));
    recover(dir);
    expect(snapshot(dir)).toEqual({ 'a.ts': 'new', 'naftiko.gen.json': manifest(['a.ts', 'gone.ts', 'naftiko.gen.json']).contents });
    expect(staleTempFiles(dir)).toEqual([]);
  });
});

describe('a build killed mid-way', () => {
  const SPECS = 16;
  let dir: string;
  let specs: string;
  let out: string;
  let before: Record<string, string>;
  let after: Record<string, string>;
  let buildMs: number;

  const writeSpecs = (text: string, namespace: string) => {
    for (let i = 0; i < SPECS; i++) writeFileSync(join(specs, `svc${String(i).padStart(2, '0')}.yaml`), stringify(buildSpec({ text: `${text} ${i}`, namespace })));
  };
  const build = (target: string) => {
    const result = spawnSync(process.execPath, [CLI, 'build', specs, '-o', target, '-q'], { encoding: 'utf8' });
    return { status: result.status === 0 ? 0 : `${result.status}: ${result.stderr.split('\n').filter((l) => !/warning/.test(l)).join('\n')}` };
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-kill-'));
    specs = join(dir, 'specs');
    out = join(dir, 'out');
    mkdirSync(specs);
    writeSpecs('old', 'old-up');
    expect(build(join(dir, 'before')).status).toBe(0);
    before = snapshot(join(dir, 'before'));
    writeSpecs('new', 'up');
    const started = performance.now();
    expect(build(join(dir, 'after')).status).toBe(0);
    buildMs = performance.now() - started;
    after = snapshot(join(dir, 'after'));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // src/hooks.ts is the team's once written: a build over an existing project never rewrites it.
  const projectFiles = (all: Record<string, string>, id: string) =>
    Object.fromEntries(Object.entries(all).filter(([p]) => p.startsWith(`${id}/`) && !TEMP.test(p) && !p.endsWith(JOURNAL_PATH) && p !== `${id}/src/hooks.ts`));

  it('leaves each project as it was, complete, or journalled; the next run completes every one', async () => {
    const outcomes = new Set<string>();
    for (const fraction of [0.3, 0.7, 0.85, 0.92, 0.97, 1.05]) {
      rmSync(out, { recursive: true, force: true });
      writeSpecs('old', 'old-up');
      expect(build(out).status).toBe(0);
      expect(snapshot(out)).toEqual(before);
      writeSpecs('new', 'up');
      const child = spawn(process.execPath, [CLI, 'build', specs, '-o', out, '-q'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, buildMs * fraction));
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const now = snapshot(out);
      for (let i = 0; i < SPECS; i++) {
        const id = `svc${String(i).padStart(2, '0')}`;
        const state = projectFiles(now, id);
        const journalled = existsSync(join(out, id, JOURNAL_PATH));
        const outcome = JSON.stringify(state) === JSON.stringify(projectFiles(before, id)) ? 'as-it-was' : JSON.stringify(state) === JSON.stringify(projectFiles(after, id)) ? 'complete' : journalled ? 'journalled' : 'broken';
        expect(outcome, `${id} after a kill at ${fraction} of the build`).not.toBe('broken');
        outcomes.add(outcome);
      }
      expect(build(out).status).toBe(0);
      const final = snapshot(out);
      expect(Object.keys(final).filter((p) => TEMP.test(p) || p.endsWith(JOURNAL_PATH))).toEqual([]);
      const generatedOnly = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).filter(([p]) => !p.endsWith('/src/hooks.ts')));
      expect(generatedOnly(final)).toEqual(generatedOnly(after));
      // The team's file survives whatever moment the build was killed at: the first build's, untouched.
      for (let i = 0; i < SPECS; i++) expect(final[`svc${String(i).padStart(2, '0')}/src/hooks.ts`]).toBe(before[`svc${String(i).padStart(2, '0')}/src/hooks.ts`]);
    }
    expect(outcomes.has('as-it-was')).toBe(true);
  }, 300_000);

  it('finishes the removals of a run killed after its manifest was renamed, though the project is current', () => {
    rmSync(out, { recursive: true, force: true });
    expect(build(out).status).toBe(0);
    // What a kill between the manifest's rename and the removals leaves: a current manifest, a file to remove, the journal.
    writeFileSync(join(out, 'svc03', 'gone.ts'), 'an old file');
    writeFileSync(join(out, 'svc03', JOURNAL_PATH), JSON.stringify({ renames: [], removals: ['gone.ts'] }));
    expect(build(out).status).toBe(0);
    expect(snapshot(out)).toEqual(after);
  });
});

/**
 * `--openapi` from the command line: the summary line, the config key, errors, fingerprints that
 * `check` and incremental builds see, and worker threads writing what a serial build writes.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { listTree } from '../helpers/golden.js';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/naftiko-gen.js');
const CASE = join(ROOT, 'test/golden/cases/openapi-store');
const work = mkdtempSync(join(tmpdir(), 'naftiko-openapi-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the openapi-store case (spec and document) to change freely. */
function fixture(name: string): string {
  const dir = join(work, name);
  cpSync(join(CASE, 'spec.yaml'), join(dir, 'specs/store.yaml'));
  cpSync(join(CASE, 'openapi'), join(dir, 'vendor'), { recursive: true });
  return dir;
}

/** Every file under `dir` by its relative path, with its text. */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(listTree(dir).map((path) => [path, readFileSync(join(dir, path), 'utf8')]));
}

describe('build --openapi', () => {
  it('prints how many consumed operations it matched and typed, and nothing of it without --openapi', async () => {
    const dir = fixture('summary');
    const typed = await runCli(['build', 'specs', '--openapi', 'vendor', '-o', 'out'], dir);
    expect(typed.code, typed.stderr).toBe(0);
    expect(typed.stderr).toContain('openapi: matched 6 of 7 consumed operations (request bodies typed: 2 of 2; answers typed: 5)');
    expect(typed.stderr).toMatch(/specs\/store\.yaml:\d+:\d+: warning NG6001: GET \/v2\/stats/);
    const plain = await runCli(['build', 'specs', '-o', 'plain'], dir);
    expect(plain.stderr).not.toContain('openapi:');
    expect(tree(join(dir, 'plain/store'))['src/schemas.gen.ts']).toBeUndefined();
    expect(tree(join(dir, 'out/store'))['src/schemas.gen.ts']).toContain('export interface PetCreate');
  });

  it('reads the config key openapi relative to the config file', async () => {
    const dir = fixture('config');
    writeFileSync(join(dir, 'specs/naftiko-gen.config.json'), JSON.stringify({ specs: ['.'], out: '../out', openapi: ['../vendor'] }));
    const result = await runCli(['build', '--config', 'specs/naftiko-gen.config.json'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('openapi: matched 6 of 7');
  });

  it('fingerprints the documents: check sees a changed document, build regenerates, then reuses', async () => {
    const dir = fixture('fingerprint');
    const args = ['specs', '--openapi', 'vendor', '-o', 'out'];
    expect((await runCli(['build', ...args], dir)).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'out/store/naftiko.gen.json'), 'utf8')) as { openapi: { file: string }[] };
    expect(manifest.openapi.map((f) => f.file)).toEqual(['vendor/store.yaml']);
    expect((await runCli(['check', ...args], dir)).code).toBe(0);
    const document = join(dir, 'vendor/store.yaml');
    writeFileSync(document, readFileSync(document, 'utf8').replace('maximum: 100', 'maximum: 50'));
    const stale = await runCli(['check', ...args], dir);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toContain('--openapi vendor');
    const rebuilt = await runCli(['build', ...args], dir);
    expect(rebuilt.stderr).toMatch(/projects: 1 written/);
    expect(readFileSync(join(dir, 'out/store/src/rest/routes.gen.ts'), 'utf8')).toContain('.lte(50)');
    const again = await runCli(['build', ...args], dir);
    expect(again.stderr).toMatch(/projects: 0 written, 1 unchanged/);
  });

  it('stops with a usage error for a path that does not exist, and writes nothing for a broken document', async () => {
    const dir = fixture('errors');
    const missing = await runCli(['build', 'specs', '--openapi', 'nowhere', '-o', 'out'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--openapi: no such file or directory: nowhere');
    writeFileSync(join(dir, 'broken.yaml'), 'openapi: 3.1.0\npaths: [unclosed\n');
    const broken = await runCli(['build', 'specs', '--openapi', 'broken.yaml', '-o', 'out'], dir);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.yaml:\d+:\d+: error NG6004: cannot read this OpenAPI document/);
    expect(() => readdirSync(join(dir, 'out'))).toThrow();
  });
});

describe('build --openapi --jobs', () => {
  it('writes byte-identical typed projects with two workers and with none', () => {
    // Lago's eight catalogue capabilities twice over: 16 specs, enough for two workers.
    const specs = join(work, 'lago-specs');
    const catalogue = resolve(ROOT, '../shared/corpus/api-evangelist__lago/capabilities');
    for (const file of readdirSync(catalogue).filter((f) => f.endsWith('.yaml'))) {
      for (const copy of ['a', 'b']) cpSync(join(catalogue, file), join(specs, `${copy}-${file}`));
    }
    const documents = resolve(ROOT, '../shared/upstream/catalogue/lago/openapi');
    const cli = (jobs: string, out: string) =>
      spawnSync(process.execPath, [BIN, 'build', specs, '--openapi', documents, '-o', join(work, out), '--jobs', jobs, '--profile'], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
    const serial = cli('1', 'serial');
    const parallel = cli('2', 'parallel');
    expect(serial.status, serial.stderr).toBe(0);
    expect(parallel.status, parallel.stderr).toBe(0);
    const a = tree(join(work, 'serial'));
    expect(Object.values(a).filter((text) => text.includes('export const') && text.includes('z.ZodType<')).length).toBeGreaterThan(5);
    expect(tree(join(work, 'parallel'))).toEqual(a);
    expect(parallel.stderr).toContain('summed over 2 worker threads');
    expect(parallel.stderr.split('\n').filter((l) => / NG/.test(l))).toEqual(serial.stderr.split('\n').filter((l) => / NG/.test(l)));
  }, 900_000);
});

/** Reviewable diffs: the output root's .gitattributes, and a generator version bump touching only the manifest. */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/templates.js';
import { GITATTRIBUTES } from '../../src/write/gitattributes.js';
import { SPECS_DIR } from '../helpers/cases.js';
import { runCli } from '../helpers/cli.js';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-review-'));
  cpSync(SPECS_DIR, join(work, 'specs'), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('.gitattributes in the output directory', () => {
  it('is written by build, checked by check, and rewritten when stale', async () => {
    expect((await runCli(['build', 'specs', '-q'], work)).code).toBe(0);
    const path = join(work, 'generated/.gitattributes');
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(GITATTRIBUTES);
    for (const pattern of ['**/*.gen.ts', '**/*.gen.test.ts', '**/src/runtime/**', '**/test/runtime/**', '**/naftiko.gen.json', '**/openapi.json']) {
      expect(text).toContain(`${pattern} linguist-generated=true\n`);
    }
    expect((await runCli(['check', 'specs'], work)).code).toBe(0);

    rmSync(path);
    const missing = await runCli(['check', 'specs'], work);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('missing: generated/.gitattributes');

    writeFileSync(path, `${GITATTRIBUTES}# edited\n`);
    const stale = await runCli(['check', 'specs'], work);
    expect(stale.code).toBe(3);
    expect(stale.stderr).toContain('stale: generated/.gitattributes');
    expect((await runCli(['build', 'specs', '-q'], work)).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(GITATTRIBUTES);
    expect((await runCli(['build', 'specs'], work)).stderr).toContain(' 0 file(s) changed');
  });

  it('leaves a .gitattributes it did not write alone', async () => {
    await runCli(['build', 'specs', '-q'], work);
    const path = join(work, 'generated/.gitattributes');
    writeFileSync(path, '* text=auto\n');
    expect((await runCli(['build', 'specs', '-q'], work)).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('* text=auto\n');
  });

  it('is not written when nothing is generated', async () => {
    writeFileSync(join(work, 'specs/broken.yaml'), 'naftiko: 1.0.0-alpha2\ncapability:\n  exposes: [\n');
    expect((await runCli(['build', 'specs', '-q'], work)).code).toBe(1);
    expect(existsSync(join(work, 'generated'))).toBe(false);
  });
});

describe('a generator version bump', () => {
  it('changes only naftiko.gen.json', async () => {
    const file = join(SPECS_DIR, 'lago-customers.yaml');
    const input = { file: 'specs/lago-customers.yaml', text: readFileSync(file, 'utf8'), id: 'lago-customers' };
    const run = (version: string) => runPipeline(input, { templates: loadTemplates(), generator: { name: 'naftiko-gen', version }, emit: true });
    const [before, after] = await Promise.all([run('0.1.0'), run('9.9.9')]);
    expect(after.files.map((f) => f.path)).toEqual(before.files.map((f) => f.path));
    const differing = after.files.filter((f, i) => f.contents !== before.files[i]!.contents).map((f) => f.path);
    expect(differing).toEqual(['naftiko.gen.json']);
    const manifest = JSON.parse(after.files.find((f) => f.path === 'naftiko.gen.json')!.contents) as { generator: { version: string } };
    expect(manifest.generator.version).toBe('9.9.9');
  });
});

/** The CLI contract: build writes only what changed and prunes its own files, check finds drift, errors write nothing. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listTree } from '../helpers/golden.js';
import { runCli } from '../helpers/cli.js';
import { SPECS_DIR } from '../helpers/cases.js';
import { untouchedSinceManifest } from '../../src/write/reuse.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-cli-'));
  cpSync(SPECS_DIR, join(work, 'specs'), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('check', () => {
  it('passes on the committed generated/ directory', async () => {
    const { code, stderr } = await runCli(['check', 'specs/'], REPO);
    expect(stderr).toContain('up to date');
    expect(code).toBe(0);
  });

  it('exits 3 after a spec edit, naming the stale files and the fix', async () => {
    expect((await runCli(['build', 'specs/', '-q'], work)).code).toBe(0);
    const spec = join(work, 'specs/lago-customers.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('description: Lago Retrieve a customer', 'description: Fetch one customer'));
    const { code, stderr } = await runCli(['check', 'specs/'], work);
    expect(code).toBe(3);
    expect(stderr).toContain('stale: generated/lago-customers/src/upstream/lago-customers.client.gen.ts');
    expect(stderr).toContain('run: naftiko-gen build specs/ -o generated');
    expect((await runCli(['build', 'specs/', '-q'], work)).code).toBe(0);
    expect((await runCli(['check', 'specs/'], work)).code).toBe(0);
  });

  it('reports missing files, and as orphans the files a build generated and no longer does', async () => {
    await runCli(['build', 'specs/', '-q'], work);
    const project = join(work, 'generated/lago-customers');
    rmSync(join(project, 'README.md'));
    // What an older build left: a file its manifest lists that this build does not generate.
    mkdirSync(join(project, 'src/old'));
    writeFileSync(join(project, 'src/old/gone.gen.ts'), '');
    const manifest = JSON.parse(readFileSync(join(project, 'naftiko.gen.json'), 'utf8')) as { files: string[] };
    writeFileSync(join(project, 'naftiko.gen.json'), JSON.stringify({ ...manifest, files: [...manifest.files, 'src/old/gone.gen.ts'] }));
    const { code, stderr } = await runCli(['check', 'specs/'], work);
    expect(code).toBe(3);
    expect(stderr).toContain('missing: generated/lago-customers/README.md');
    expect(stderr).toContain('orphan: generated/lago-customers/src/old/gone.gen.ts');
  });

  it("leaves the team's own files alone: src/hooks.ts, tests, modules and docs they add", async () => {
    await runCli(['build', 'specs/', '-q'], work);
    const project = join(work, 'generated/lago-customers');
    writeFileSync(join(project, 'src/hooks.ts'), '// mine\n');
    writeFileSync(join(project, 'src/extra.ts'), 'export const mine = 1;\n');
    mkdirSync(join(project, 'docs'));
    writeFileSync(join(project, 'docs/runbook.md'), '# Runbook\n');
    writeFileSync(join(project, 'test/mine.test.ts'), '// mine\n');
    const { code, stderr } = await runCli(['check', 'specs/'], work);
    expect(stderr).toContain('up to date');
    expect(code).toBe(0);
  });
});

describe('build', () => {
  it('is byte-identical on a rebuild and writes nothing unchanged', async () => {
    await runCli(['build', 'specs/', '-q'], work);
    const first = listTree(join(work, 'generated')).map((p) => [p, readFileSync(join(work, 'generated', p), 'utf8')]);
    const { stderr } = await runCli(['build', 'specs/'], work);
    expect(stderr).toContain(' 0 file(s) changed');
    const second = listTree(join(work, 'generated')).map((p) => [p, readFileSync(join(work, 'generated', p), 'utf8')]);
    expect(second).toEqual(first);
  });

  it('removes files it generated before and keeps files it did not', async () => {
    await runCli(['build', 'specs/', '-q'], work);
    writeFileSync(join(work, 'generated/lago-customers/NOTES.md'), 'mine');
    const manifestPath = join(work, 'generated/lago-customers/naftiko.gen.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: string[]; generator: { version: string } };
    mkdirSync(join(work, 'generated/lago-customers/src/old'), { recursive: true });
    writeFileSync(join(work, 'generated/lago-customers/src/old/gone.gen.ts'), '');
    // What an older naftiko-gen that generated one more file leaves behind.
    const older = { ...manifest, generator: { ...manifest.generator, version: '0.0.1' }, files: [...manifest.files, 'src/old/gone.gen.ts'] };
    writeFileSync(manifestPath, JSON.stringify(older));
    await runCli(['build', 'specs/', '-q'], work);
    expect(existsSync(join(work, 'generated/lago-customers/src/old'))).toBe(false);
    expect(readFileSync(join(work, 'generated/lago-customers/NOTES.md'), 'utf8')).toBe('mine');
  });

  it('writes nothing when any spec has errors, with positioned diagnostics', async () => {
    writeFileSync(join(work, 'specs/broken.yaml'), 'naftiko: 1.0.0-alpha2\ncapability:\n  exposes: [\n');
    const { code, stderr } = await runCli(['build', 'specs/'], work);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^specs\/broken\.yaml:\d+:\d+: error NG0002: YAML syntax error/m);
    expect(stderr).toContain('nothing was written');
    expect(existsSync(join(work, 'generated'))).toBe(false);
  });

  it('rejects a wrong type and an unknown call target at their positions', async () => {
    const spec = readFileSync(join(work, 'specs/lago-customers.yaml'), 'utf8');
    writeFileSync(join(work, 'specs/lago-customers.yaml'), spec.replace('port: 9090', 'port: "x"').replace('call: lago-customers.destroycustomer', 'call: lago-customers.destroy'));
    const { code, stderr } = await runCli(['validate', 'specs/lago-customers.yaml'], work);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^specs\/lago-customers\.yaml:\d+:11: error NG1001: expected number, found the string "x"$/m);
    writeFileSync(join(work, 'specs/lago-customers.yaml'), spec.replace('call: lago-customers.destroycustomer', 'call: lago-customers.destroy'));
    const second = await runCli(['validate', 'specs/lago-customers.yaml'], work);
    expect(second.stderr).toMatch(/:\d+:\d+: error NG2101: unknown call target "lago-customers.destroy" \(did you mean "lago-customers.destroycustomer"\?\)/);
  });

  it('exits 2 on usage errors', async () => {
    expect((await runCli(['build', 'nope/'], work)).code).toBe(2);
    expect((await runCli(['frobnicate'], work)).code).toBe(2);
  });
});

describe('the installed bin', () => {
  it('runs from the package bin with no stack trace for bad input', () => {
    writeFileSync(join(work, 'specs/bad.yaml'), 'naftiko: 0.5\ncapability: {}\n');
    const result = spawnSync(process.execPath, [join(REPO, 'bin/naftiko-gen.js'), 'validate', 'specs/bad.yaml'], { cwd: work, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('specs/bad.yaml:1:10: error NG0004: unsupported format version naftiko 0.5');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('incremental build', () => {
  it('skips up-to-date projects, and regenerates a project whose files were edited by hand', async () => {
    await runCli(['build', 'specs/', '-q'], work);
    const noop = await runCli(['build', 'specs/'], work);
    expect(noop.stderr).toMatch(/projects: 0 written, 2 unchanged/);
    const main = join(work, 'generated/lago-customers/src/main.ts');
    const original = readFileSync(main, 'utf8');
    writeFileSync(main, `${original}// edited\n`);
    const again = await runCli(['build', 'specs/'], work);
    expect(again.stderr).toMatch(/projects: 1 written, 1 unchanged/);
    expect(readFileSync(main, 'utf8')).toBe(original);
  });

  it('reports on a no-op run the warnings and files of a full one (replayed from the manifests)', async () => {
    const full = await runCli(['build', 'specs/'], work);
    const noop = await runCli(['build', 'specs/'], work);
    expect(noop.stderr).toMatch(/projects: 0 written, 2 unchanged/);
    const warnings = (stderr: string) => stderr.split('\n').filter((line) => line.includes(': warning NG'));
    expect(warnings(full.stderr).length).toBeGreaterThan(0);
    expect(warnings(noop.stderr)).toEqual(warnings(full.stderr));
    const counts = (stderr: string) => /(\d+) error\(s\), (\d+) warning\(s\)/.exec(stderr)?.slice(1);
    expect(counts(noop.stderr)).toEqual(counts(full.stderr));
    expect(noop.stderr).toMatch(/0 file\(s\) changed, [1-9]\d* unchanged/);
  });

  it('regenerates a project whose manifest holds a hand-edited warning list instead of replaying it', async () => {
    await runCli(['build', 'specs/', '-q'], work);
    const manifestPath = join(work, 'generated/lago-customers/naftiko.gen.json');
    const original = readFileSync(manifestPath, 'utf8');
    const manifest = JSON.parse(original) as { diagnostics: unknown[] };
    manifest.diagnostics = [{ code: 'NG1104', severity: 'error', message: 'forged' }];
    writeFileSync(manifestPath, JSON.stringify(manifest));
    const again = await runCli(['build', 'specs/'], work);
    expect(again.stderr).toMatch(/projects: 1 written, 1 unchanged/);
    expect(again.stderr).not.toContain('forged');
    expect(readFileSync(manifestPath, 'utf8')).toBe(original);
  });

  it('notices an edit that keeps the size and sets the modification time back', async () => {
    await runCli(['build', 'specs/', '-q'], work);
    const main = join(work, 'generated/lago-customers/src/main.ts');
    const original = readFileSync(main, 'utf8');
    const { atime, mtime } = statSync(main);
    writeFileSync(main, original.replace('async function main', 'async function mein'));
    utimesSync(main, atime, mtime);
    expect((await runCli(['build', 'specs/'], work)).stderr).toMatch(/projects: 1 written, 1 unchanged/);
    expect(readFileSync(main, 'utf8')).toBe(original);
  });

  it('leaves the projects it wrote decidable by change time alone on the next run', async () => {
    await runCli(['build', 'specs/', '-q'], work);
    for (const id of ['lago-customers', 'konnect-platform-openmeter-customers']) {
      const project = join(work, 'generated', id);
      const files = (JSON.parse(readFileSync(join(project, 'naftiko.gen.json'), 'utf8')) as { files: string[] }).files.filter((f) => f !== 'naftiko.gen.json');
      expect(untouchedSinceManifest(project, files)).toBe(true);
    }
  });

  it('checks a fresh checkout by content once, then by change time', async () => {
    await runCli(['build', 'specs/', '-q'], work);
    const project = join(work, 'generated/lago-customers');
    const files = (JSON.parse(readFileSync(join(project, 'naftiko.gen.json'), 'utf8')) as { files: string[] }).files.filter((f) => f !== 'naftiko.gen.json');
    // What a checkout does: the same contents, written after the manifest.
    for (const f of files) writeFileSync(join(project, f), readFileSync(join(project, f)));
    expect(untouchedSinceManifest(project, files)).toBe(false);
    // File times come from a coarse clock (a few ms): let it tick past the rewrites, or the build's
    // renewed manifest time could equal theirs, which counts as touched (correct, but not this case).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await runCli(['build', 'specs/'], work)).stderr).toMatch(/projects: 0 written, 2 unchanged/);
    expect(untouchedSinceManifest(project, files)).toBe(true);
  });

  it('regenerates when a file it looked for and did not find appears (a skill\'s SKILL.md)', async () => {
    cpSync(join(REPO, 'test/golden/cases/skill-only/spec.yaml'), join(work, 'specs/writing.yaml'));
    cpSync(join(REPO, 'test/golden/cases/skill-only/skills'), join(work, 'specs/skills'), { recursive: true });
    expect((await runCli(['build', 'specs/', '-q'], work)).code).toBe(0);
    const served = join(work, 'generated/writing/src/skill/catalog.gen.ts');
    expect(readFileSync(served, 'utf8')).not.toContain('Written by hand');
    expect((await runCli(['build', 'specs/'], work)).stderr).toMatch(/projects: 0 written, 3 unchanged/);
    writeFileSync(join(work, 'specs/skills/writing/SKILL.md'), '---\nname: release-notes\ndescription: Written by hand\n---\nWritten by hand.\n');
    expect((await runCli(['build', 'specs/'], work)).stderr).toMatch(/projects: 1 written, 2 unchanged/);
    expect(readFileSync(served, 'utf8')).toContain('Written by hand');
  });

  it('regenerates when an imported file changes', async () => {
    writeFileSync(join(work, 'specs/shared.yml'), 'naftiko: 1.0.0-alpha2\nconsumes:\n  - type: http\n    namespace: pets\n    baseUri: https://a.example\n    resources:\n      - name: pet\n        path: /pets\n        operations:\n          - name: list-pets\n');
    writeFileSync(join(work, 'specs/pets.yaml'), 'naftiko: 1.0.0-alpha2\ncapability:\n  consumes:\n    - import: pets\n      location: ./shared.yml\n  exposes:\n    - type: mcp\n      namespace: pets-mcp\n      port: 9090\n      tools:\n        - name: list-pets\n          description: List pets\n          call: pets.list-pets\n');
    expect((await runCli(['build', 'specs/', '-q'], work)).code).toBe(0);
    const config = join(work, 'generated/pets/src/config.gen.ts');
    expect(readFileSync(config, 'utf8')).toContain('https://a.example');
    writeFileSync(join(work, 'specs/shared.yml'), readFileSync(join(work, 'specs/shared.yml'), 'utf8').replace('https://a.example', 'https://b.example'));
    expect((await runCli(['build', 'specs/', '-q'], work)).code).toBe(0);
    expect(readFileSync(config, 'utf8')).toContain('https://b.example');
  });
});

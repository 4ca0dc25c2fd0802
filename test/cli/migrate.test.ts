/**
 * `naftiko-gen migrate` on disk: exit codes, --check, writing only what changes, in place only when
 * -o names the input directory, a second run that does not read the first run's output.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { listTree } from '../helpers/golden.js';

const CASE = fileURLToPath(new URL('../golden/migrate/imports-and-files/input/', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'naftiko-gen-migrate-cli-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(base, 'run-'));
  cpSync(CASE, join(dir, 'specs'), { recursive: true });
});

const migrate = (...args: string[]) => runCli(['migrate', ...args], dir);
const read = (path: string) => readFileSync(join(dir, path), 'utf8');

describe('naftiko-gen migrate', () => {
  it('writes the Ikanos documents and the files they use, then only what changes', async () => {
    const first = await migrate('specs', '-o', 'out');
    expect(first.code, first.stderr).toBe(0);
    expect(listTree(join(dir, 'out')).sort()).toEqual(listTree(join(dir, 'specs')).sort());
    expect(read('out/pets.yaml')).toMatch(/^ikanos: 1\.0\.0-beta4$/m);
    expect(read('specs/pets.yaml')).toMatch(/^naftiko: 1\.0\.0-alpha2$/m);
    const second = await migrate('specs', '-o', 'out', '--to', '1.0.0-beta4');
    expect(second.stderr).toContain('0 file(s) written, 6 unchanged');
  });

  it('--check exits 3 until the output directory holds the migration, and lists what differs', async () => {
    const missing = await migrate('specs', '-o', 'out', '--check');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('missing: out/pets.yaml');
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect((await migrate('specs', '-o', 'out')).code).toBe(0);
    expect((await migrate('specs', '-o', 'out', '--check')).code).toBe(0);
    writeFileSync(join(dir, 'out/pets.yaml'), `${read('out/pets.yaml')}# edited\n`);
    const stale = await migrate('specs', '-o', 'out', '--check', '--format', 'github');
    expect(stale.code).toBe(3);
    expect(stale.stderr).toContain('stale: out/pets.yaml');
    expect(stale.stderr).toContain('::error title=naftiko-gen migrate --check::');
  });

  it('migrates in place only when -o is the input directory; a second run changes nothing', async () => {
    const inPlace = await migrate('specs', '-o', 'specs');
    expect(inPlace.code, inPlace.stderr).toBe(0);
    expect(read('specs/pets.yaml')).toMatch(/^ikanos: 1\.0\.0-beta4$/m);
    expect(read('specs/shared/pets-api.yml')).toMatch(/^ikanos: 1\.0\.0-beta4$/m);
    const again = await migrate('specs', '-o', 'specs');
    expect(again.stderr).toContain('migrated 0 document(s)');
    expect(again.stderr).toContain('0 file(s) written');
  });

  it('does not read its own output as input when -o lies inside the input directory', async () => {
    expect((await migrate('specs', '-o', 'specs/ikanos')).code).toBe(0);
    const again = await migrate('specs', '-o', 'specs/ikanos');
    expect(again.stderr).toContain('migrated 2 document(s)');
    expect(existsSync(join(dir, 'specs/ikanos/ikanos'))).toBe(false);
  });

  it('refuses two inputs that would write one file, and writes nothing', async () => {
    mkdirSync(join(dir, 'other'));
    cpSync(join(dir, 'specs/pets.yaml'), join(dir, 'other/pets.yaml'));
    cpSync(join(dir, 'specs/shared'), join(dir, 'other/shared'), { recursive: true });
    const r = await migrate('specs/pets.yaml', 'other', '-o', 'other');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('NG4004');
    expect(read('other/pets.yaml')).toMatch(/^naftiko:/m);
  });

  it('writes nothing when a document cannot be migrated (exit 1), JSON diagnostics on request', async () => {
    writeFileSync(join(dir, 'specs/old.yaml'), 'naftiko: "0.5"\ncapability: {}\n');
    const r = await migrate('specs', '-o', 'out', '--format', 'json');
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { code: string });
    expect(lines.map((d) => d.code)).toContain('NG4001');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('usage errors exit 2', async () => {
    expect((await migrate('specs')).code).toBe(2);
    expect((await migrate('specs', '-o', 'out', '--to', '1.0.0-beta9')).code).toBe(2);
    expect((await migrate('missing-dir', '-o', 'out')).code).toBe(2);
  });
});

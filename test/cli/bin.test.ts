/**
 * The installed entry point: bin/naftiko-gen.js runs the single-file bundle with a V8 code cache.
 * It must generate exactly what the sources do, and a missing or damaged cache must only cost time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const cacheDir = mkdtempSync(join(tmpdir(), 'naftiko-gen-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function bin(...args: string[]) {
  const env = { ...process.env, NAFTIKO_GEN_CACHE_DIR: cacheDir };
  return spawnSync(process.execPath, [join(ROOT, 'bin/naftiko-gen.js'), ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000 });
}

const cacheFiles = (command: string) => readdirSync(cacheDir).filter((f) => f.startsWith(`${command}-`) && f.endsWith('.v8cache'));

describe('bin/naftiko-gen.js', () => {
  it('runs the bundle, which generates byte-for-byte what the committed generated/ holds', () => {
    expect(existsSync(join(ROOT, 'dist/naftiko-gen.cjs'))).toBe(true);
    const r = bin('check', 'specs/');
    expect(r.stderr).toContain('up to date');
    expect(r.status).toBe(0);
  });

  it('loads ts-morph (kept out of the bundle) for build --update-hooks, and only then', () => {
    const bundle = readFileSync(join(ROOT, 'dist/naftiko-gen.cjs'), 'utf8');
    expect(bundle.match(/ts-morph/g), 'one lazy require, no bundled copy').toHaveLength(1);
    expect(bundle).toMatch(/createRequire\)\(__naftikoModuleUrl\)\("ts-morph"\)/);
    const out = mkdtempSync(join(tmpdir(), 'naftiko-gen-update-hooks-'));
    try {
      expect(bin('build', 'specs/lago-customers.yaml', '-o', out, '-q').status).toBe(0);
      const hooks = join(out, 'lago-customers/src/hooks.ts');
      writeFileSync(hooks, readFileSync(hooks, 'utf8').replace("    /** GET /customers */\n    'lago-customers.findallcustomers': {},\n", ''));
      const r = bin('build', 'specs/lago-customers.yaml', '-o', out, '--update-hooks');
      expect(r.stderr).toContain("lago-customers: src/hooks.ts: added stubs for 'lago-customers.findallcustomers'");
      expect(r.status).toBe(0);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('writes a code cache per command on its first run and uses it on the next', () => {
    expect(cacheFiles('check')).toHaveLength(1);
    expect(cacheFiles('validate')).toHaveLength(0);
    expect(bin('validate', 'specs/').status).toBe(0);
    expect(cacheFiles('validate')).toHaveLength(1);
    const before = readFileSync(join(cacheDir, cacheFiles('validate')[0]!));
    expect(bin('validate', 'specs/').status).toBe(0);
    expect(readFileSync(join(cacheDir, cacheFiles('validate')[0]!)).equals(before)).toBe(true);
  });

  it('treats a damaged cache as absent and replaces it', () => {
    const file = join(cacheDir, cacheFiles('validate')[0]!);
    writeFileSync(file, 'not a V8 code cache');
    const r = bin('validate', 'specs/');
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toBe('not a V8 code cache');
  });

  it('writes no cache when NAFTIKO_GEN_CODE_CACHE=0', () => {
    const other = mkdtempSync(join(tmpdir(), 'naftiko-gen-nocache-'));
    const env = { ...process.env, NAFTIKO_GEN_CACHE_DIR: other, NAFTIKO_GEN_CODE_CACHE: '0' };
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/naftiko-gen.js'), 'validate', 'specs/'], { cwd: ROOT, encoding: 'utf8', env });
    expect(r.status).toBe(0);
    expect(readdirSync(other)).toEqual([]);
    rmSync(other, { recursive: true, force: true });
  });
});

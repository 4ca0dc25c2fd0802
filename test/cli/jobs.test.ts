/**
 * `build --jobs`: generation on worker threads writes exactly what a serial build writes, and a
 * no-op rebuild looks at each project once. Runs the built CLI (workers need dist/).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/naftiko-gen.js');
/** 17 specs, every one valid: enough for two workers (eight specs each at least). */
const SPECS = resolve(ROOT, '../shared/corpus/api-evangelist__atlassian');
const work = mkdtempSync(join(tmpdir(), 'naftiko-jobs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
}

function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('build --jobs', () => {
  it('writes byte-identical projects with two workers and with none', () => {
    const serial = cli('build', SPECS, '-o', join(work, 'serial'), '--jobs', '1', '--profile');
    const parallel = cli('build', SPECS, '-o', join(work, 'parallel'), '--jobs', '2', '--profile');
    expect(serial.status, serial.stderr).toBe(0);
    expect(parallel.status, parallel.stderr).toBe(0);
    const a = tree(join(work, 'serial'));
    expect(Object.keys(a).length).toBeGreaterThan(17 * 20);
    expect(tree(join(work, 'parallel'))).toEqual(a);
    // The same diagnostics, in the same order, whichever way the projects were made.
    const diagnostics = (r: { stderr: string }) => r.stderr.split('\n').filter((l) => /: (warning|error) NG/.test(l));
    expect(diagnostics(parallel)).toEqual(diagnostics(serial));
    expect(parallel.stderr).toMatch(/projects: 1[0-9] written, 0 unchanged/);
    expect(parallel.stderr).toContain("profile (17 spec(s), summed over 2 worker threads)");
    expect(serial.stderr).toContain("profile (17 spec(s)):");
  });

  it('reports each up-to-date project once on a no-op rebuild and generates nothing', () => {
    const again = cli('build', SPECS, '-o', join(work, 'parallel'), '--jobs', '2', '--profile');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/: 0 file\(s\) changed, [1-9]\d* unchanged; projects: 0 written, 1[0-9] unchanged/);
    expect(again.stderr).not.toMatch(/^\s+format/m);
  });

  it('rejects a --jobs value that is not a whole number from 1 to 64', () => {
    for (const bad of ['0', '1.5', 'many', '65']) {
      const r = cli('build', SPECS, '-o', join(work, 'bad'), '--jobs', bad);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('--jobs must be a whole number from 1 to 64');
    }
  });
});

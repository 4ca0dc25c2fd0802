/**
 * `migrate` golden cases: each directory under migrate/ holds input/ (naftiko documents and the
 * files they use), expected/ (what `naftiko-gen migrate input -o <dir>` writes, byte for byte),
 * stderr.txt (its exit code and diagnostics as printed) and optionally args.txt (more flags).
 * Every written Ikanos document validates against the official schema of its version (ajv, the
 * schema in ../shared/spec), and every input that builds gives the same project as the original
 * with the changes the diagnostics report. Update with `npm run test:update`, then review the diff.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { officialValidator } from '../helpers/official-schema.js';
import { runCli } from '../helpers/cli.js';
import { expectGoldenDir, expectGoldenText, listTree } from '../helpers/golden.js';
import { roundTripFolder } from '../helpers/migrate-round-trip.js';

const CASES = fileURLToPath(new URL('./migrate/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'naftiko-gen-migrate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('migrate golden cases', () => {
  it.each(readdirSync(CASES).sort())('%s', async (name) => {
    const dir = join(CASES, name);
    const out = join(scratch, name);
    const args = existsSync(join(dir, 'args.txt')) ? readFileSync(join(dir, 'args.txt'), 'utf8').trim().split(/\s+/) : [];
    const { code, stderr } = await runCli(['migrate', 'input', '-o', out, ...args], dir);
    const shown = stderr.replaceAll(out, '<out>').replace(/; \d+\.\d+s\n/g, '; <time>\n');
    expectGoldenText(`exit ${code}\n${shown}`, join(dir, 'stderr.txt'));
    const files = listTree(out).map((path) => ({ path, contents: readFileSync(join(out, path), 'utf8') }));
    expectGoldenDir(files, join(dir, 'expected'));
    if (code !== 0) return expect(files).toEqual([]);

    const version = /--to\s+(\S+)/.exec(args.join(' '))?.[1] ?? '1.0.0-beta4';
    for (const file of files.filter((f) => /\.ya?ml$/.test(f.path))) {
      const data = parse(file.contents) as { ikanos?: string } | null;
      if (data?.ikanos === undefined) continue;
      const validate = officialValidator(data.ikanos);
      expect(validate(data) ? [] : validate.errors, file.path).toEqual([]);
      expect(data.ikanos).toBe(version);
    }
    const inputs = listTree(join(dir, 'input')).filter((p) => /\.ya?ml$/.test(p)).map((p) => join(dir, 'input', p));
    for (const trip of roundTripFolder(join(dir, 'input'), inputs, version as '1.0.0-beta4')) {
      expect(trip.differences, trip.path).toEqual([]);
    }
  });
});

/**
 * Cases that use a catalogue extension the official Ikanos schema has no form for: migrate refuses
 * them (NG4003, nothing written) rather than writing a document the schema rejects.
 */
const BEYOND_OFFICIAL: Readonly<Record<string, string>> = {
  'array-query-values': 'list literals in `with` (fields: [id, title])',
};

/** The generator's own golden cases (test/golden/cases): each migrates to the same project. */
describe('the generator golden cases, migrated', () => {
  const cases = fileURLToPath(new URL('./cases/', import.meta.url));
  const naftiko = readdirSync(cases).filter((name) => /^naftiko:/m.test(readFileSync(join(cases, name, 'spec.yaml'), 'utf8')));
  it.each(naftiko.sort())('%s', (name) => {
    const dir = join(cases, name);
    const inputs = listTree(dir).filter((p) => /\.ya?ml$/.test(p) && !p.startsWith('expected/') && !p.includes('.ikanos.')).map((p) => join(dir, p));
    for (const trip of roundTripFolder(dir, inputs, '1.0.0-beta4')) {
      if (trip.migrated.kind === 'migrated') {
        const data = parse(trip.migrated.text) as object;
        const validate = officialValidator('1.0.0-beta4');
        expect(validate(data) ? [] : validate.errors, trip.path).toEqual([]);
      }
      expect(trip.differences, trip.path).toEqual([]);
      if (trip.builds) expect(trip.migrated.kind, trip.path).toBe(BEYOND_OFFICIAL[name] ? 'rejected' : 'migrated');
    }
  });
});

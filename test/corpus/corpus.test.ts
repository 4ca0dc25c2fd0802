/**
 * The whole public corpus through `build`: every file gets one verdict, nothing crashes, and every
 * generated project type-checks (one tsc program over all of them). Verdict and code counts must
 * equal test/corpus/expected.json; improve them deliberately with UPDATE_GOLDEN=1.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFiles } from '../../src/emit/format.js';
import { writeProject } from '../../src/write/write.js';
import { expectGoldenText } from '../helpers/golden.js';
import { runCorpus, type CorpusResult } from '../helpers/corpus.js';
import { tsc } from '../helpers/tsc.js';

const OUT = fileURLToPath(new URL('../.tmp/corpus/', import.meta.url));
const EXPECTED = fileURLToPath(new URL('./expected.json', import.meta.url));

let results: CorpusResult[];

/**
 * The engine's negative fixtures (each names the rule it breaks in its opening comment) and the
 * errors they get here: code and position of the construct at fault.
 */
const SPEC_TESTS = 'naftiko__ikanos@main/modules/ikanos-spec/src/test/resources/';
const ENGINE_TESTS = 'naftiko__ikanos@main/modules/ikanos-engine/src/test/resources/';
const IKANOS_INVALID_FIXTURES: Readonly<Record<string, readonly string[]>> = {
  // a mapped output written as a string instead of an object
  [`${SPEC_TESTS}capabilities/capability-spurious-name.yml`]: ['NG1001 63:11'],
  // ikanos-aggregates-unique-function-name, written with the alpha2 `functions` list: no `flows`
  [`${SPEC_TESTS}imports/aggregate-duplicate-function-name.yaml`]: ['NG1002 7:7'],
  // ikanos-aggregates-namespace-required (and the alpha2 `functions`)
  [`${SPEC_TESTS}imports/aggregates-namespace-missing.yaml`]: ['NG1002 6:5', 'NG1002 6:5'],
  [`${SPEC_TESTS}imports/capability-aggregates-namespace-missing.yaml`]: ['NG1002 8:7', 'NG1002 8:7'],
  // ikanos-exposes-namespace-required
  [`${SPEC_TESTS}imports/capability-exposes-namespace-missing.yaml`]: ['NG1002 8:7'],
  [`${SPEC_TESTS}imports/exposes-namespace-missing.yaml`]: ['NG1002 6:5'],
  // ikanos-import-unique-alias (the imported files are not in the fixture folder either)
  [`${SPEC_TESTS}imports/import-duplicate-alias.yaml`]: ['NG2118 11:7', 'NG2118 13:7', 'NG2108 15:11'],
  // ikanos-import-from-not-self
  [`${SPEC_TESTS}imports/import-from-self.yaml`]: ['NG2118 7:7'],
  // ikanos-import-from-required, ikanos-import-import-required
  [`${SPEC_TESTS}imports/import-missing-fields.yaml`]: ['NG1002 10:7', 'NG1002 12:7'],
  // ikanos-standalone-no-imports
  [`${SPEC_TESTS}imports/standalone-with-imports.yaml`]: ['NG1304 6:5'],
  [`${ENGINE_TESTS}aggregates/aggregate-invalid-ref.yaml`]: ['NG2128 29:9'],
  // a shared consumes document with an empty section
  [`${ENGINE_TESTS}imports/invalid/empty-section.consumes.yml`]: ['NG2111 2:1'],
};

beforeAll(async () => {
  results = await runCorpus({ emit: true });
  rmSync(OUT, { recursive: true, force: true });
  for (const { result, group } of results) if (result.files.length) writeProject(join(OUT, group), result.id, result.files);
}, 1_800_000);

describe('the public corpus', () => {
  it('gives every file exactly one verdict, counted per verdict and per code', () => {
    expect(new Set(results.map((r) => r.result.file)).size).toBe(results.length);
    const verdicts: Record<string, number> = {};
    const codes: Record<string, number> = {};
    const versions: Record<string, Record<string, number>> = {};
    for (const r of results) {
      verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
      const version = (versions[r.version] ??= {});
      version[r.verdict] = (version[r.verdict] ?? 0) + 1;
      for (const code of new Set(r.diagnostics.map((d) => d.code))) codes[code] = (codes[code] ?? 0) + 1;
    }
    const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
    const perVersion = sorted(Object.fromEntries(Object.entries(versions).map(([v, counts]) => [v, sorted(counts)])));
    const summary = { files: results.length, verdicts: sorted(verdicts), versions: perVersion, filesPerCode: sorted(codes) };
    expectGoldenText(`${JSON.stringify(summary, null, 2)}\n`, EXPECTED);
  });

  it('generates a project for every file without errors, and none for the others', () => {
    for (const r of results) {
      const generates = r.result.files.length > 0;
      expect(generates, r.result.file).toBe(r.verdict === 'generated' || r.verdict === 'warnings');
    }
  });

  it('rejects every unsupported version and non-capability with one clear error', () => {
    for (const r of results.filter((x) => x.diagnostics.some((d) => d.code === 'NG0004' || d.code === 'NG0003'))) {
      expect(r.diagnostics, r.result.file).toHaveLength(1);
      expect(r.diagnostics[0]!.message).toMatch(/supported: naftiko 1\.0\.0-alpha2, 1\.0\.0-alpha1; ikanos 1\.0\.0-alpha3 to 1\.0\.0-beta5|not a Naftiko capability/);
    }
  });

  it("rejects each of the Ikanos engine's deliberately invalid fixtures where the rule it names is broken", () => {
    const errors = (suffix: string) => {
      const found = results.filter((r) => r.result.file.endsWith(suffix));
      expect(found, suffix).toHaveLength(1);
      return found[0]!.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.line}:${d.col}`);
    };
    for (const [suffix, expected] of Object.entries(IKANOS_INVALID_FIXTURES)) expect(errors(suffix), suffix).toEqual(expected);
  });

  it('positions every diagnostic inside its file', () => {
    for (const r of results) for (const d of r.diagnostics) expect(d.line, `${d.file} ${d.code}`).toBeGreaterThan(0);
  });

  it('lays out every OpenAPI module exactly as prettier would (most are laid out without it)', async () => {
    const modules = results.flatMap(({ result }) => result.files.filter((f) => f.path === 'src/rest/openapi.gen.ts'));
    const laidOut = modules.filter((f) => f.formatted);
    expect(laidOut.length).toBeGreaterThan(modules.length * 0.8);
    for (const file of laidOut) {
      const [again] = await formatFiles([{ path: file.path, contents: file.contents }]);
      expect(again!.contents, file.contents.split('\n')[0]).toBe(file.contents);
    }
  }, 600_000);

  it('type-checks every generated project in one program', () => {
    const tsconfig = {
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noUnusedLocals: true, noUnusedParameters: true, skipLibCheck: true, types: ['node'], noEmit: true },
      include: ['**/src/**/*.ts'],
    };
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify(tsconfig));
    const { status, output } = tsc(['-p', join(OUT, 'tsconfig.json')]);
    expect(output.split('\n').slice(0, 40).join('\n')).toBe('');
    expect(status).toBe(0);
  }, 600_000);
});

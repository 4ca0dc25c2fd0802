/**
 * The whole public corpus through ONE `build` command, as a user with a catalogue would run it:
 * `naftiko-gen build ../shared/corpus <the manifest files in dot-directories, which the walk skips>
 * --skip-invalid --layout tree --report ...`: every file of every MANIFEST*.tsv. Every spec gets one
 * verdict; every file that generates has its project, every rejected one its positioned errors and
 * no project, and the JSON report agrees with what is on disk; a second build is a no-op; every
 * generated project type-checks (one tsc program over all of them). Verdict and code counts must
 * equal test/corpus/expected.json; improve them deliberately with `npm run test:corpus:update`.
 * Catalogue capabilities whose vendor has OpenAPI documents in ../shared/upstream/catalogue/ are
 * also analysed with `--openapi` those documents, as their authors would (one build has one set of
 * documents, so this is a second, in-process pass per repository folder): how many of their
 * consumed operations were matched and typed is pinned in test/corpus/openapi.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFiles } from '../../src/emit/format.js';
import type { Report, ReportEntry } from '../../src/report/report.js';
import { corpusEntries, CORPUS_DIR } from '../helpers/corpus.js';
import { expectGoldenText } from '../helpers/golden.js';
import { runCorpus, vendorContracts } from '../helpers/corpus.js';
import { typingTotals } from '../../src/model/typing-summary.js';
import type { OperationTyping } from '../../src/model/typing-summary.js';
import { tsc } from '../helpers/tsc.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORK = fileURLToPath(new URL('../.tmp/corpus/', import.meta.url));
const OUT = join(WORK, 'out');
const EXPECTED = fileURLToPath(new URL('./expected.json', import.meta.url));
const CORPUS = relative(ROOT, CORPUS_DIR).replace(/\/$/, '');
const TYPED = fileURLToPath(new URL('./openapi.json', import.meta.url));

interface Build {
  readonly status: number | null;
  readonly stderr: string;
  readonly report: Report;
}

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

/** One `build` of the whole corpus directory, from the repository root, as a separate process. */
function buildCorpus(name: string): Build {
  const reportFile = join(WORK, `${name}.json`);
  const args = ['bin/naftiko-gen.js', 'build', CORPUS, ...hidden(), '--skip-invalid', '--layout', 'tree', '-o', relative(ROOT, OUT), '--report', reportFile];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: run.status, stderr: run.stderr, report: JSON.parse(readFileSync(reportFile, 'utf8')) as Report };
}

/** Manifest files in dot-directories (`.agents/`, `.github/`): a directory argument skips them, so they are named. */
const hidden = () => [...byVersion.keys()].filter((f) => f.split('/').some((segment) => segment.startsWith('.') && segment !== '..'));

let cold: Build;
let again: Build;
const byVersion = new Map<string, string>();

beforeAll(() => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  for (const e of corpusEntries()) byVersion.set(relative(ROOT, e.path), e.version);
  cold = buildCorpus('cold');
  again = buildCorpus('again');
}, 1_800_000);

const entries = () => cold.report.specs;
const errorsOf = (e: ReportEntry) => e.diagnostics.filter((d) => d.severity === 'error');

/** Project directories on disk: every folder under OUT holding a manifest. */
function projectsOnDisk(dir = OUT): string[] {
  if (existsSync(join(dir, 'naftiko.gen.json'))) return [relative(ROOT, dir)];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? projectsOnDisk(join(dir, e.name)) : []));
}

describe('the public corpus in one build', () => {
  it('gives every file one verdict, counted per verdict and per code, and says something failed', () => {
    expect(cold.status).toBe(1);
    const files = entries().map((e) => e.spec);
    expect(new Set(files).size).toBe(files.length);
    // Every file of every manifest is built, and nothing else.
    expect([...files].sort()).toEqual([...byVersion.keys()].sort());
    expect(hidden().length).toBeGreaterThan(0);
    const verdicts: Record<string, number> = {};
    const codes: Record<string, number> = {};
    const versions: Record<string, Record<string, number>> = {};
    for (const e of entries()) {
      verdicts[e.verdict] = (verdicts[e.verdict] ?? 0) + 1;
      const version = (versions[byVersion.get(e.spec) || 'none'] ??= {});
      version[e.verdict] = (version[e.verdict] ?? 0) + 1;
      for (const code of new Set(e.diagnostics.filter((d) => d.file === e.spec).map((d) => d.code))) codes[code] = (codes[code] ?? 0) + 1;
    }
    const sorted = <T>(o: Record<string, T>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
    const perVersion = sorted(Object.fromEntries(Object.entries(versions).map(([v, counts]) => [v, sorted(counts)])));
    const summary = { files: files.length, alpha2: alpha2Rate(), verdicts: sorted(verdicts), versions: perVersion, filesPerCode: sorted(codes) };
    expectGoldenText(`${JSON.stringify(summary, null, 2)}\n`, EXPECTED);
  });

  it('generates a project for at least 97 % of the alpha2 capability files', () => {
    expect(alpha2Rate().generated / alpha2Rate().capabilities).toBeGreaterThanOrEqual(0.97);
  });

  it('has the project of every generated spec on disk, and none for the others', () => {
    const generated = entries().filter((e) => e.verdict === 'generated');
    expect(generated.length).toBeGreaterThan(1000);
    expect(projectsOnDisk().sort()).toEqual(generated.map((e) => e.project!).sort());
    for (const e of generated) {
      expect(errorsOf(e), e.spec).toEqual([]);
      const manifest = JSON.parse(readFileSync(join(ROOT, e.project!, 'naftiko.gen.json'), 'utf8')) as { spec: string; files: string[] };
      expect(manifest.spec).toBe(e.spec);
      // The manifest lists the files each build owns; src/hooks.ts is written once, then the team's.
      expect([...e.filesWritten!].sort()).toEqual([...manifest.files, 'src/hooks.ts'].sort());
      expect(e.filesRemoved).toEqual([]);
    }
  });

  it('rejects every other spec with positioned errors, writing nothing for it', () => {
    for (const e of entries().filter((x) => x.verdict !== 'generated')) {
      expect(e.project, e.spec).toBeUndefined();
      if (e.verdict === 'skipped-as-shared') expect(e.diagnostics.some((d) => d.code === 'NG2117'), e.spec).toBe(true);
      else expect(e.verdict).toBe('rejected');
      if (e.verdict === 'rejected') expect(errorsOf(e).length, e.spec).toBeGreaterThan(0);
      for (const d of e.diagnostics) expect(d.line, `${d.file} ${d.code}`).toBeGreaterThan(0);
    }
  });

  it('rejects every unsupported version and non-capability with one clear error', () => {
    for (const e of entries().filter((x) => x.diagnostics.some((d) => d.code === 'NG0004' || d.code === 'NG0003'))) {
      expect(e.diagnostics, e.spec).toHaveLength(1);
      expect(e.diagnostics[0]!.message).toMatch(/supported: naftiko 1\.0\.0-alpha2, 1\.0\.0-alpha1; ikanos 1\.0\.0-alpha3 to 1\.0\.0-beta5|not a Naftiko capability/);
    }
  });

  it('is a no-op the second time', () => {
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/: 0 file\(s\) changed, \d+ unchanged;/);
    const verdicts = new Map(again.report.specs.map((e) => [e.spec, e.verdict]));
    for (const e of entries()) expect(verdicts.get(e.spec), e.spec).toBe(e.verdict === 'generated' ? 'unchanged' : e.verdict);
    // Skipped specs report the warnings generating them did (replayed from their manifests).
    const diagnostics = new Map(again.report.specs.map((e) => [e.spec, e.diagnostics]));
    for (const e of entries()) expect(diagnostics.get(e.spec), e.spec).toEqual(e.diagnostics);
  });

  it('lays out every OpenAPI module exactly as prettier would', async () => {
    const modules = projectsOnDisk().map((project) => join(ROOT, project, 'src/rest/openapi.gen.ts'));
    // Projects without a REST adapter have none.
    expect(modules.filter(existsSync).length).toBeGreaterThan(modules.length * 0.8);
    for (const file of modules.filter(existsSync)) {
      const contents = readFileSync(file, 'utf8');
      const [again] = await formatFiles([{ path: 'src/rest/openapi.gen.ts', contents }]);
      expect(again!.contents, file).toBe(contents);
    }
  }, 900_000);

  it("types the catalogue capabilities from their vendors' OpenAPI documents (counts per vendor)", async () => {
    const catalogue = await runCorpus({ emit: false }, (entry) => vendorContracts(entry.group) !== undefined, vendorContracts);
    const byVendor = new Map<string, (readonly OperationTyping[])[]>();
    for (const { group, result } of catalogue) {
      if (!result.typing) continue;
      const vendor = group.replace(/^api-evangelist__/, '');
      byVendor.set(vendor, [...(byVendor.get(vendor) ?? []), result.typing]);
    }
    const vendors = Object.fromEntries([...byVendor].sort(([a], [b]) => (a < b ? -1 : 1)).map(([vendor, typing]) => [vendor, typingTotals(typing)]));
    const total = typingTotals([...byVendor.values()].flat());
    const share = (n: number, of: number) => `${((100 * n) / Math.max(of, 1)).toFixed(1)}%`;
    const summary = {
      vendors: byVendor.size,
      ...total,
      shares: { matched: share(total.matched, total.operations), bodiesTyped: share(total.bodiesTyped, total.bodies), answersTyped: share(total.results, total.operations) },
    };
    expectGoldenText(`${JSON.stringify({ total: summary, vendors }, null, 2)}\n`, TYPED);
    expect(byVendor.size).toBeGreaterThan(40);
  }, 900_000);

  it("refuses what each of the Ikanos engine's deliberately invalid fixtures breaks, where the rule it names is broken", () => {
    for (const [suffix, expected] of Object.entries(IKANOS_INVALID_FIXTURES)) {
      const found = entries().filter((e) => e.spec.endsWith(suffix));
      expect(found, suffix).toHaveLength(1);
      const own = found[0]!.diagnostics.filter((d) => d.file === found[0]!.spec);
      // --skip-invalid may leave out only the broken part (its errors become warnings beside NG2122).
      expect(own.some((d) => d.severity === 'error' || d.code === 'NG2122'), suffix).toBe(true);
      expect(own.map((d) => `${d.code} ${d.line}:${d.col}`), suffix).toEqual(expect.arrayContaining([...expected]));
    }
  });

  it('type-checks every generated project in one program', () => {
    const tsconfig = {
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noUnusedLocals: true, noUnusedParameters: true, skipLibCheck: true, types: ['node'], noEmit: true },
      include: ['**/src/**/*.ts'],
    };
    writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify(tsconfig));
    const { status, output } = tsc(['-p', join(OUT, 'tsconfig.json')]);
    expect(output.split('\n').slice(0, 40).join('\n')).toBe('');
    expect(status).toBe(0);
  }, 600_000);
});

/** alpha2 files: all, capabilities (shared consumes files generate no project by design), generated. */
function alpha2Rate(): { files: number; capabilities: number; generated: number } {
  const alpha2 = entries().filter((e) => byVersion.get(e.spec) === '1.0.0-alpha2');
  const shared = alpha2.filter((e) => e.verdict === 'skipped-as-shared').length;
  const generated = alpha2.filter((e) => e.verdict === 'generated').length;
  return { files: alpha2.length, capabilities: alpha2.length - shared, generated };
}

/**
 * A catalogue with bad specs in it: without --skip-invalid nothing is written; with it every spec
 * that can be generated is written, every other one is reported and left as it was on disk, and
 * the exit code still says something failed. The --report file agrees, as JSON and as JUnit XML
 * read by a real JUnit parser.
 */
import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parse as parseTestResults } from 'test-results-parser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/report.js';
import { CASES_DIR, SPECS_DIR } from '../helpers/cases.js';
import { runCli } from '../helpers/cli.js';

let work: string;
const seed = () => readFileSync(join(SPECS_DIR, 'lago-customers.yaml'), 'utf8');

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-keep-going-'));
  writeFileSync(join(work, 'good.yaml'), seed());
  // One consumed operation with a method the format does not know: it and what calls it are left out.
  writeFileSync(join(work, 'partly.yaml'), seed().replace(/(name: findallcustomers\n(\s+)method:) GET/, '$1 HEAD'));
  writeFileSync(join(work, 'old.yaml'), 'naftiko: "0.5"\ncapability: {}\n');
  writeFileSync(join(work, 'broken.yaml'), 'naftiko: 1.0.0-alpha2\ncapability:\n  exposes: [\n');
  cpSync(join(CASES_DIR, 'import-shared-consumes/shared.yml'), join(work, 'shared.yml'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const projects = () => (existsSync(join(work, 'generated')) ? readdirSync(join(work, 'generated')).filter((n) => !n.startsWith('.')).sort() : []);

/** Every file under a directory with its bytes and change time: what "left as it was" means. */
function snapshot(dir: string): Record<string, { text: string; ctimeNs: bigint }> {
  const out: Record<string, { text: string; ctimeNs: bigint }> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = { text: readFileSync(path, 'utf8'), ctimeNs: lstatSync(path, { bigint: true }).ctimeNs };
  }
  return out;
}

describe('build over bad specs', () => {
  it('writes nothing without --skip-invalid', async () => {
    const { code, stderr } = await runCli(['build', '.'], work);
    expect(code).toBe(1);
    expect(stderr).toContain('nothing was written (--skip-invalid writes the specs without errors)');
    expect(projects()).toEqual([]);
  });

  it('with --skip-invalid writes every spec that can be generated, reports the rest, and exits 1', async () => {
    const { code, stderr } = await runCli(['build', '.', '--skip-invalid', '--report', 'report.json'], work);
    expect(code).toBe(1);
    expect(projects()).toEqual(['good', 'partly']);
    expect(stderr).toMatch(/projects: 2 written, 0 unchanged, 1 skipped, 2 rejected; 2 error\(s\)/);
    expect(stderr).toContain('2 spec(s) rejected: nothing was written for them');
    expect(stderr).toMatch(/partly\.yaml:\d+:\d+: warning NG2122: consumed operation "lago-customers\.findallcustomers" is skipped/);
    expect(stderr).toMatch(/old\.yaml:1:10: error NG0004/);
    const routes = readFileSync(join(work, 'generated/partly/src/rest/routes.gen.ts'), 'utf8');
    expect(routes).not.toContain('findallcustomers');
    expect(routes).toContain('findcustomercurrentusage');

    const report = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) as Report;
    expect(report.specs.map((s) => [s.spec, s.verdict])).toEqual([
      ['broken.yaml', 'rejected'],
      ['good.yaml', 'generated'],
      ['old.yaml', 'rejected'],
      ['partly.yaml', 'generated'],
      ['shared.yml', 'skipped-as-shared'],
    ]);
    expect(report.summary).toMatchObject({ specs: 5, generated: 2, rejected: 2, 'skipped-as-shared': 1, errors: 2 });
    const good = report.specs.find((s) => s.spec === 'good.yaml')!;
    expect(good.project).toBe('generated/good');
    expect(good.filesWritten).toContain('src/rest/routes.gen.ts');
    expect(good.filesWritten).toContain('naftiko.gen.json');
    const broken = report.specs.find((s) => s.spec === 'broken.yaml')!;
    expect(broken.project).toBeUndefined();
    expect(broken.diagnostics[0]).toMatchObject({ file: 'broken.yaml', severity: 'error', code: 'NG0002', line: 4, col: 1 });

    const again = await runCli(['build', '.', '--skip-invalid', '--report', 'report.json'], work);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/: 0 file\(s\) changed, \d+ unchanged; projects: 0 written, 2 unchanged, 1 skipped, 2 rejected;/);
    const second = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) as Report;
    // The projects in generated/ (with their deploy/kubernetes.yaml) are output, not specs.
    expect(second.specs.map((s) => s.spec)).toEqual(report.specs.map((s) => s.spec));
    expect(second.specs.filter((s) => s.verdict === 'unchanged').map((s) => s.spec)).toEqual(['good.yaml', 'partly.yaml']);
  });

  it('leaves a rejected spec\'s previous project exactly as it was', async () => {
    expect((await runCli(['build', '.', '--skip-invalid'], work)).code).toBe(1);
    const before = snapshot(join(work, 'generated/good'));
    expect(Object.keys(before).length).toBeGreaterThan(20);
    writeFileSync(join(work, 'good.yaml'), seed().replace('call: lago-customers.findallcustomers', 'call: [oops'));
    const { code, stderr } = await runCli(['build', '.', '--skip-invalid'], work);
    expect(code).toBe(1);
    expect(stderr).toMatch(/good\.yaml:\d+:\d+: error NG0002/);
    expect(stderr).toContain('3 spec(s) rejected');
    expect(snapshot(join(work, 'generated/good'))).toEqual(before);
  });

  it('check compares the projects it can and still fails on rejected specs', async () => {
    await runCli(['build', '.', '--skip-invalid'], work);
    writeFileSync(join(work, 'generated/good/README.md'), 'edited by hand\n');
    const plain = await runCli(['check', '.'], work);
    expect(plain.code).toBe(1);
    expect(plain.stderr).not.toContain('stale:');
    const { code, stderr } = await runCli(['check', '.', '--skip-invalid', '--report', 'check.json'], work);
    expect(code).toBe(1);
    expect(stderr).toContain('stale: generated/good/README.md');
    expect(stderr).toContain('2 spec(s) rejected, their projects not compared');
    const report = JSON.parse(readFileSync(join(work, 'check.json'), 'utf8')) as Report;
    expect(report.specs.map((s) => s.verdict)).toEqual(['rejected', 'out-of-date', 'rejected', 'up-to-date', 'skipped-as-shared']);
    expect(report.specs[1]!.drift).toEqual({ stale: ['good/README.md'], missing: [], orphan: [] });
  });
});

describe('--report-format junit', () => {
  it('is JUnit XML a JUnit parser reads: rejected specs fail, shared files are skipped, the rest pass', async () => {
    // Spec text that must not break the XML: markup, a CDATA end, quotes, a control character.
    writeFileSync(join(work, 'hostile.yaml'), 'naftiko: "<x a=\\"1\\">]]>&\\u0001\'"\n');
    const { code } = await runCli(['build', '.', '--skip-invalid', '--report', 'out/junit.xml', '--report-format', 'junit'], work);
    expect(code).toBe(1);
    const result = parseTestResults({ type: 'junit', files: [join(work, 'out/junit.xml')] });
    expect(result).toMatchObject({ total: 5, passed: 2, failed: 3, skipped: 1 });
    const cases = Object.fromEntries(result.suites[0]!.cases.map((c) => [c.name, c]));
    expect(Object.keys(cases).sort()).toEqual(['broken.yaml', 'good.yaml', 'hostile.yaml', 'old.yaml', 'partly.yaml', 'shared.yml']);
    expect(cases['good.yaml']!.status).toBe('PASS');
    expect(cases['partly.yaml']!.status).toBe('PASS');
    expect(cases['shared.yml']!.status).toBe('SKIP');
    expect(cases['old.yaml']!.status).toBe('FAIL');
    expect(cases['old.yaml']!.failure).toContain('NG0004');
    expect(cases['hostile.yaml']!.status).toBe('FAIL');
    expect(cases['hostile.yaml']!.failure).toContain('naftiko <x a="1">]]>&\uFFFD\'');
    expect(XMLValidator.validate(readFileSync(join(work, 'out/junit.xml'), 'utf8'))).toBe(true);
    expect(cases['broken.yaml']!.stack_trace).toContain('broken.yaml:4:1: error NG0002');
  });
});

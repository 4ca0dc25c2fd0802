/**
 * Ikanos twins: a case's spec.ikanos.yaml is its spec.yaml converted by hand, faithfully, to
 * `ikanos: 1.0.0-beta4` (imported files too: *.ikanos.yml). The same meaning must generate the
 * same project, apart from lines that name the source file or the format version, with warnings of
 * the same codes; a spec the generator rejects is rejected with the same codes, positioned in the
 * twin as ikanos.stderr.txt records (`npm run test:update` rewrites it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { renderDiagnostic } from '../../src/diagnostics/render.js';
import { readContracts } from '../../src/openapi/files.js';
import { ContractSet } from '../../src/openapi/set.js';
import { runPipeline } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/templates.js';
import { createImportResolver } from '../../src/write/imports.js';
import { CASES_DIR, caseOptions, TEST_GENERATOR } from '../helpers/cases.js';
import { expectGoldenText, listTree } from '../helpers/golden.js';

const twins = readdirSync(CASES_DIR)
  .filter((name) => existsSync(join(CASES_DIR, name, 'spec.ikanos.yaml')))
  .sort();

/** The twin's own file names, written as the original's. */
const asOriginal = (text: string) => text.replaceAll('.ikanos.yaml', '.yaml').replaceAll('.ikanos.yml', '.yml');

/** Lines that may differ: the manifest's hashes of the spec text, and lines naming the format. */
const mayDiffer = (line: string) => /Sha256"|\bikanos\b|\bnaftiko 1\.0\.0/i.test(line);

const codes = (text: string) => [...text.matchAll(/(?:error|warning) (NG\d{4})/g)].map((m) => m[1]!).sort();

/**
 * Where the Ikanos form of a rejected construct is another construct: two tools of one name are
 * one map key written twice, which YAML itself rejects (NG0002, at the second key).
 */
const IKANOS_FORM: Readonly<Record<string, string>> = { NG2106: 'NG0002' };

describe('Ikanos twins of the golden cases', () => {
  it('cover every naftiko case but the YAML syntax error', () => {
    const naftiko = readdirSync(CASES_DIR).filter((name) => /^naftiko:/m.test(readFileSync(join(CASES_DIR, name, 'spec.yaml'), 'utf8')));
    expect(twins).toEqual(naftiko.filter((name) => name !== 'error-yaml-syntax').sort());
  });

  it.each(twins)('%s', async (name) => {
    const dir = join(CASES_DIR, name);
    const file = `test/golden/cases/${name}/spec.ikanos.yaml`;
    const text = readFileSync(join(dir, 'spec.ikanos.yaml'), 'utf8');
    // A case with an openapi/ directory is built with `--openapi <case>/openapi`, as golden.test.ts does.
    const contracts = existsSync(join(dir, 'openapi')) ? new ContractSet(readContracts([`test/golden/cases/${name}/openapi`])) : undefined;
    // options.json holds the case's pipeline options, as golden.test.ts reads them ({"skipInvalid": true}).
    const options = caseOptions(name);
    const result = await runPipeline({ file, text, id: name }, { templates: loadTemplates(), generator: TEST_GENERATOR, emit: true, imports: createImportResolver(dir), contracts, ...options });
    const stderr = render([...(contracts?.isParsed() ? contracts.loadDiagnostics() : []), ...result.diagnostics]);
    if (existsSync(join(dir, 'stderr.txt'))) {
      expect(result.files).toEqual([]);
      expect(codes(stderr)).toEqual(codes(readFileSync(join(dir, 'stderr.txt'), 'utf8')).map((c) => IKANOS_FORM[c] ?? c));
      expectGoldenText(stderr, join(dir, 'ikanos.stderr.txt'));
      return;
    }
    expect(codes(stderr)).toEqual(codes(readFileSync(join(dir, 'warnings.txt'), 'utf8')));
    // What --skip-invalid left out is positioned in the twin (at the map key of a keyed entry).
    if (options.skipInvalid) expectGoldenText(stderr, join(dir, 'ikanos.warnings.txt'));
    const expected = join(dir, 'expected');
    expect(result.files.map((f) => f.path).sort()).toEqual(listTree(expected).sort());
    for (const f of result.files) {
      const want = withoutWarnings(f.path, readFileSync(join(expected, f.path), 'utf8')).split('\n');
      const got = withoutWarnings(f.path, asOriginal(f.contents)).split('\n');
      expect(got.length, f.path).toBe(want.length);
      const differing = got.flatMap((line, i) => (line === want[i] || (mayDiffer(line) && mayDiffer(want[i]!)) ? [] : [`${f.path}:${i + 1}\n  - ${want[i]}\n  + ${line}`]));
      expect(differing).toEqual([]);
    }
  });
});

/** The manifest's replayable warnings are positioned in each format's own file; their codes are compared above. */
function withoutWarnings(path: string, text: string): string {
  if (path !== 'naftiko.gen.json') return text;
  const { diagnostics: _, ...manifest } = JSON.parse(text) as Record<string, unknown>;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function render(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${renderDiagnostic(d)}\n`).join('');
}

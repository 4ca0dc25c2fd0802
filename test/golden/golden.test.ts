/**
 * Golden cases: each directory under cases/ holds a spec.yaml and either expected/ (the whole
 * generated project) or stderr.txt (the diagnostics exactly as the CLI prints them, and no files).
 * A case with an openapi/ directory is built with `--openapi <case>/openapi`; options.json, when
 * present, holds pipeline options for the case (e.g. {"skipInvalid": true}).
 * Update with `npm run test:update`, then review the diff.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDiagnostic } from '../../src/diagnostics/render.js';
import { runPipeline } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/templates.js';
import { createImportResolver } from '../../src/write/imports.js';
import { CASES_DIR, caseOptions, TEST_GENERATOR } from '../helpers/cases.js';
import { expectGoldenDir, expectGoldenText } from '../helpers/golden.js';
import { readContracts } from '../../src/openapi/files.js';
import { ContractSet } from '../../src/openapi/set.js';
import { compareDiagnostics } from '../../src/diagnostics/diagnostic.js';

describe('golden cases', () => {
  for (const name of readdirSync(CASES_DIR).sort()) {
    it(name, async () => {
      const dir = join(CASES_DIR, name);
      const text = readFileSync(join(dir, 'spec.yaml'), 'utf8');
      const options = caseOptions(name);
      const contracts = existsSync(join(dir, 'openapi')) ? new ContractSet(readContracts([`test/golden/cases/${name}/openapi`])) : undefined;
      const result = await runPipeline(
        { file: `test/golden/cases/${name}/spec.yaml`, text, id: name },
        { templates: loadTemplates(), generator: TEST_GENERATOR, emit: true, imports: createImportResolver(dir), contracts, ...options },
      );
      const diagnostics = [...(contracts?.isParsed() ? contracts.loadDiagnostics() : []), ...result.diagnostics].sort(compareDiagnostics);
      const stderr = diagnostics.map((d) => `${renderDiagnostic(d)}\n`).join('');
      if (existsSync(join(dir, 'stderr.txt'))) {
        expectGoldenText(stderr, join(dir, 'stderr.txt'));
        expect(result.files).toEqual([]);
      } else {
        expectGoldenText(stderr, join(dir, 'warnings.txt'));
        expectGoldenDir(result.files, join(dir, 'expected'));
      }
    });
  }
});

/**
 * `build` analyses every spec in its check pass and, for a spec set generated on one thread, hands
 * each spec's analysis (stages 1-3) to its generate pass instead of running them again. The files
 * must be exactly those of a fresh run, and an analysis is only used for the text it was made from.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { runPipeline, type Analysis, type PipelineOptions } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/templates.js';
import { createImportResolver } from '../../src/write/imports.js';
import { CASES_DIR, TEST_GENERATOR } from '../helpers/cases.js';

const NAME = 'import-shared-consumes'; // imports another file: the manifest's recorded imports must carry over
const dir = join(CASES_DIR, NAME);
const input = { file: `test/golden/cases/${NAME}/spec.yaml`, text: readFileSync(join(dir, 'spec.yaml'), 'utf8'), id: NAME };
const options = (emit: boolean, extra: Partial<PipelineOptions> = {}): PipelineOptions => ({
  templates: loadTemplates(),
  generator: TEST_GENERATOR,
  emit,
  imports: createImportResolver(dir),
  ...extra,
});
const marker: Diagnostic = { code: 'NG9999', severity: 'warning', message: 'from the kept analysis', file: input.file, path: [], line: 1, col: 1 };

describe('analysis kept between build passes', () => {
  it('generates byte-for-byte what a fresh run generates, manifest (recorded imports) included', async () => {
    const checked = await runPipeline(input, options(false, { keepAnalysis: true }));
    expect(checked.analysis?.model).toBeDefined();
    expect(checked.analysis?.imported.length).toBeGreaterThan(0);
    const analyses = new Map([[input.file, checked.analysis!]]);
    const kept = await runPipeline(input, options(true, { analyses }));
    const fresh = await runPipeline(input, options(true));
    expect(kept.files.length).toBeGreaterThan(10);
    expect(kept.files).toEqual(fresh.files);
  });

  it('is used for the same text only: a spec edited between the passes is analysed again', async () => {
    const checked = await runPipeline(input, options(false, { keepAnalysis: true }));
    const marked: Analysis = { ...checked.analysis!, diagnostics: [marker] };
    const analyses = new Map([[input.file, marked]]);
    const same = await runPipeline(input, options(true, { analyses }));
    expect(same.diagnostics).toEqual([marker]);
    const edited = await runPipeline({ ...input, text: `${input.text}\n# edited\n` }, options(true, { analyses }));
    expect(edited.diagnostics).not.toContainEqual(marker);
    expect(edited.files.length).toBe(same.files.length);
  });
});

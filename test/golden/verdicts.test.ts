/**
 * `validate` and `build` agree: for every golden case, stopping after resolution and generating
 * the whole project give the same diagnostics, so nothing only the emit or format stage notices
 * (an internal error, a prettier failure) can make a spec that validates fail to build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/templates.js';
import { createImportResolver } from '../../src/write/imports.js';
import { CASES_DIR, TEST_GENERATOR } from '../helpers/cases.js';

describe('validate and build verdicts', () => {
  it.each(readdirSync(CASES_DIR).sort())('%s', async (name) => {
    const dir = join(CASES_DIR, name);
    const input = { file: `test/golden/cases/${name}/spec.yaml`, text: readFileSync(join(dir, 'spec.yaml'), 'utf8'), id: name };
    const run = (emit: boolean) => runPipeline(input, { templates: loadTemplates(), generator: TEST_GENERATOR, emit, imports: createImportResolver(dir) });
    const [validated, built] = await Promise.all([run(false), run(true)]);
    expect(built.diagnostics).toEqual(validated.diagnostics);
    expect(built.files.length > 0).toBe(validated.generates === true);
  });
});

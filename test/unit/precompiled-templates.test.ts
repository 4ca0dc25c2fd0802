/**
 * The build precompiles the project's Handlebars templates (scripts/bundle.mjs ->
 * dist/project-templates.cjs) so the CLI does not compile them on every run. Output must not
 * change: a precompiled template renders exactly what the compiled one does, and a stale
 * specification (its template edited since the build) is never used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { emitStaticFiles } from '../../src/emit/static.js';
import { precompileTemplate } from '../../src/emit/handlebars.js';
import { sha256 } from '../../src/emit/manifest.js';
import { readContracts } from '../../src/openapi/files.js';
import { ContractSet } from '../../src/openapi/set.js';
import { runPipeline } from '../../src/pipeline.js';
import { loadTemplates, matchPrecompiled, type PrecompiledFile } from '../../src/templates.js';
import { createImportResolver } from '../../src/write/imports.js';
import { CASES_DIR, caseOptions, TEST_GENERATOR } from '../helpers/cases.js';
import { readdirSync } from 'node:fs';

const ROOT = resolve(__dirname, '../..');
const templates = loadTemplates();
const hbsNames = Object.keys(templates.project).filter((name) => name.endsWith('.hbs'));

/** What the build writes, made here from the sources (the spec is JavaScript source). */
function precompiledFile(project: Readonly<Record<string, string>>): PrecompiledFile {
  return Object.fromEntries(hbsNames.map((name) => [name, { sha256: sha256(project[name]!), spec: (0, eval)(`(${precompileTemplate(project[name]!)})`) as unknown }]));
}

describe('precompiled project templates', () => {
  it('render byte-for-byte the goldens (made by compiling at run time), for every golden case', async () => {
    // render() caches a template by its source for the process: this file renders nothing else,
    // so every template below comes from its precompiled specification.
    const compiled = matchPrecompiled(templates.project, precompiledFile(templates.project));
    expect(compiled.size).toBe(hbsNames.length);
    const cases = readdirSync(CASES_DIR).filter((name) => existsSync(join(CASES_DIR, name, 'expected', 'README.md')));
    expect(cases.length).toBeGreaterThan(10);
    for (const name of cases) {
      const file = `test/golden/cases/${name}/spec.yaml`;
      const text = readFileSync(join(CASES_DIR, name, 'spec.yaml'), 'utf8');
      // Built as the golden test builds it: a case with an openapi/ directory with `--openapi`, and
      // the case's pipeline options (options.json, e.g. {"skipInvalid": true}).
      const contracts = existsSync(join(CASES_DIR, name, 'openapi')) ? new ContractSet(readContracts([`test/golden/cases/${name}/openapi`])) : undefined;
      const options = caseOptions(name);
      const pipeline = { templates, generator: TEST_GENERATOR, emit: false, imports: createImportResolver(join(CASES_DIR, name)), contracts, ...options };
      const { model } = await runPipeline({ file, text, id: name }, pipeline);
      expect(model).toBeDefined();
      for (const out of emitStaticFiles(model!, { ...templates, compiled })) {
        expect(out.contents, `${name}/${out.path}`).toBe(readFileSync(join(CASES_DIR, name, 'expected', out.path), 'utf8'));
      }
    }
  });

  it('ignores a specification whose template changed since the build', () => {
    const edited = { ...templates.project, 'README.md.hbs': `${templates.project['README.md.hbs']}\nedited\n` };
    const compiled = matchPrecompiled(edited, precompiledFile(templates.project));
    expect(compiled.has(edited['README.md.hbs'])).toBe(false);
    expect(compiled.size).toBe(hbsNames.length - 1);
  });

  it('ship with the build: dist/project-templates.cjs matches every template (npm run build writes it)', () => {
    const file = createRequire(import.meta.url)(join(ROOT, 'dist/project-templates.cjs')) as PrecompiledFile;
    expect(matchPrecompiled(templates.project, file).size).toBe(hbsNames.length);
  });
});

/**
 * A spec generated with `--openapi` into a temporary output directory, through the real pipeline
 * (the seeds' committed projects are untyped: the typed ones are made here, as a user would).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { runPipeline } from '../../src/pipeline.js';
import { readContracts } from '../../src/openapi/files.js';
import { ContractSet } from '../../src/openapi/set.js';
import { loadTemplates } from '../../src/templates.js';
import { writeProject } from '../../src/write/write.js';
import { TEST_GENERATOR } from './cases.js';

/** Writes `<tmp>/<id>/` and returns that project directory. */
export async function generateTyped(specPath: string, documents: readonly string[]): Promise<string> {
  const id = basename(specPath).replace(/\.ya?ml$/, '');
  const contracts = new ContractSet(readContracts(documents.map((d) => relative(process.cwd(), d))));
  const result = await runPipeline(
    { file: relative(process.cwd(), specPath), text: readFileSync(specPath, 'utf8'), id },
    { templates: loadTemplates(), generator: TEST_GENERATOR, emit: true, contracts },
  );
  if (result.files.length === 0) throw new Error(`nothing generated: ${JSON.stringify(result.diagnostics)}`);
  const out = mkdtempSync(join(tmpdir(), 'naftiko-gen-typed-'));
  writeProject(out, id, result.files);
  return join(out, id);
}

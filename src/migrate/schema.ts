/**
 * Every migrated document is checked against the official schema of its target version (the
 * schemas `--strict` uses, shipped in schemas/): a document that would not validate is not written.
 */
import { Reporter } from '../diagnostics/report.js';
import { checkOfficialSchema } from '../formats/official.js';
import type { IkanosVersion } from '../formats/spec.js';
import { parseSource, toPlainData } from '../load/source.js';
import { loadOfficialSchemas } from '../templates.js';

export interface SchemaProblem {
  /** Where in the Ikanos document (keys and indexes). */
  readonly path: readonly (string | number)[];
  readonly detail: string;
}

/** The official schema's complaints about an Ikanos text (none when it validates). */
export function officialProblems(file: string, text: string, version: IkanosVersion): SchemaProblem[] {
  const { source, errors } = parseSource(file, text);
  if (errors.length > 0) return errors.map((e) => ({ path: [], detail: `YAML syntax error at ${e.line}:${e.col}: ${e.message}` }));
  const reporter = new Reporter(source);
  const data = toPlainData(source);
  if ((data as { ikanos?: unknown } | null)?.ikanos !== version) return [{ path: ['ikanos'], detail: `the version is not ${version}` }];
  checkOfficialSchema(data, loadOfficialSchemas(), reporter);
  return reporter.diagnostics.map((d) => ({ path: d.path, detail: d.message.replace(/^official schema: /, '') }));
}

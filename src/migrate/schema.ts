/**
 * Every migrated document is checked against the official schema of its target version (the
 * schemas `--strict` uses, shipped in schemas/): a document that would not validate is not written.
 */
import { parseDocument } from 'yaml';
import type { SpecPath } from '../diagnostics/diagnostic.js';
import { officialSchemaErrors } from '../formats/official.js';
import type { IkanosVersion } from '../formats/spec.js';
import { loadOfficialSchemas } from '../templates.js';

export interface SchemaProblem {
  /** Where in the Ikanos document (keys and indexes). */
  readonly path: SpecPath;
  readonly detail: string;
}

/** The official schema's complaints about an Ikanos text (none when it validates). */
export function officialProblems(text: string, version: IkanosVersion): SchemaProblem[] {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return doc.errors.map((e) => ({ path: [], detail: `the result is not valid YAML: ${e.message}` }));
  const data = doc.toJS() as { ikanos?: unknown } | null;
  if (data?.ikanos !== version) return [{ path: ['ikanos'], detail: `the version is not ${version}` }];
  return officialSchemaErrors(data, loadOfficialSchemas());
}

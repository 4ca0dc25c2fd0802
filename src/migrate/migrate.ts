/**
 * `naftiko-gen migrate`, pure part: one naftiko 1.0.0-alpha1/alpha2 document's text -> its Ikanos
 * text, edited in its concrete syntax tree (comments, key order and quoting stay), with positioned
 * diagnostics for what could not be carried as it was.
 */
import { Parser } from 'yaml';
import { compareDiagnostics, type Diagnostic, type SpecPath } from '../diagnostics/diagnostic.js';
import { Reporter } from '../diagnostics/report.js';
import { SUPPORTED_VERSIONS, type IkanosVersion } from '../formats/spec.js';
import { parseSource, toPlainData } from '../load/source.js';
import type { ImportResolver } from '../model/imports.js';
import { analyzeSpec } from '../pipeline.js';
import { Changes, type Edit } from './changes.js';
import { stringify } from './cst.js';
import { DocumentMigration } from './document.js';
import { officialProblems } from './schema.js';

export interface MigrateInput {
  /** Path shown in diagnostics (relative to the working directory, `/`-separated). */
  readonly file: string;
  readonly text: string;
  /** The project name the file builds (its file name without extension). */
  readonly id: string;
}

export interface MigrateOptions {
  readonly to: IkanosVersion;
  /** Reads the files the document imports, as `build` does (the reader checks them). */
  readonly imports?: ImportResolver | undefined;
}

export type Migrated =
  /** The Ikanos text, and the edits of the original that change what it generates. */
  | { readonly kind: 'migrated'; readonly text: string; readonly edits: readonly Edit[]; readonly diagnostics: readonly Diagnostic[] }
  /** Already an Ikanos document (left as it is). */
  | { readonly kind: 'ikanos'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'rejected'; readonly diagnostics: readonly Diagnostic[] };

/** Schema problems reported per document (the first ones name the construct to fix). */
const MAX_SCHEMA_PROBLEMS = 5;

/** Reader codes that are errors of the document's shape (what it says cannot be read at all). */
const UNREADABLE = /^NG(0|1)\d{3}$/;

export function migrateText(input: MigrateInput, options: MigrateOptions): Migrated {
  const { source, errors } = parseSource(input.file, input.text);
  const reporter = new Reporter(source);
  const data = errors.length === 0 ? (toPlainData(source) as Record<string, unknown> | null) : undefined;
  if (data !== null && typeof data === 'object' && 'ikanos' in data) return { kind: 'ikanos', diagnostics: [] };
  const version = data !== null && typeof data === 'object' && 'naftiko' in data ? String(data.naftiko) : undefined;
  if (data !== undefined && !(SUPPORTED_VERSIONS as readonly (string | undefined)[]).includes(version)) {
    reporter.at('NG4001', version === undefined ? [] : ['naftiko'], { found: version === undefined ? 'a document without a "naftiko" version key' : `naftiko ${version}` });
    return { kind: 'rejected', diagnostics: reporter.diagnostics };
  }
  // What `build` reads: the shape must read (errors of meaning stay the migrated file's own).
  const analyzed = analyzeSpec(input, { imports: options.imports });
  const unreadable = analyzed.diagnostics.filter((d) => d.severity === 'error' && d.file === input.file && UNREADABLE.test(d.code));
  if (unreadable.length > 0 || errors.length > 0) {
    reporter.at('NG4002', [], {});
    return { kind: 'rejected', diagnostics: [...unreadable, ...reporter.diagnostics].sort(compareDiagnostics) };
  }
  const unknown: SpecPath[] = analyzed.diagnostics.filter((d) => d.code === 'NG1101' && d.file === input.file).map((d) => d.path);
  const tokens = [...new Parser().parse(input.text)];
  const doc = tokens.find((t) => t.type === 'document');
  const changes = new Changes(reporter);
  if (doc?.type === 'document') new DocumentMigration(options.to, changes, { id: input.id, model: analyzed.model }).document(doc, unknown);
  changes.flush();
  const text = tokens.map((t) => stringify(t)).join('');
  const problems = officialProblems(input.file, text, options.to);
  for (const problem of problems.slice(0, MAX_SCHEMA_PROBLEMS)) {
    reporter.at('NG4003', problem.path, { version: options.to, detail: `${problem.path.join('.') || 'the document'}: ${problem.detail}` });
  }
  const diagnostics = [...reporter.diagnostics].sort(compareDiagnostics);
  if (problems.length > 0) return { kind: 'rejected', diagnostics };
  return { kind: 'migrated', text, edits: changes.edits, diagnostics };
}

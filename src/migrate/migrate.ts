/**
 * `naftiko-gen migrate`, pure part: one naftiko 1.0.0-alpha1/alpha2 document's text -> its Ikanos
 * text, edited in its concrete syntax tree (comments, key order and quoting stay), with positioned
 * diagnostics for what could not be carried as it was.
 */
import { Composer, LineCounter, Parser, parseDocument } from 'yaml';
import { compareDiagnostics, hasErrors, type Diagnostic, type SpecPath } from '../diagnostics/diagnostic.js';
import { Reporter } from '../diagnostics/report.js';
import { SUPPORTED_VERSIONS, type IkanosVersion } from '../formats/spec.js';
import type { SourceDoc } from '../load/source.js';
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
  | {
      readonly kind: 'migrated';
      /** The Ikanos text. */
      readonly text: string;
      /** The edits of the original that change what it generates (tests build the original with them). */
      readonly edits: readonly Edit[];
      /** Where it imports consumed APIs from (`location` as written), to be migrated with it. */
      readonly imports: readonly string[];
      /** Every other file its build reads (SKILL.md, static resources), by display path. */
      readonly reads: readonly string[];
      /** The original builds today without errors (a capability generates its project; a shared file only reads). */
      readonly builds: boolean;
      readonly diagnostics: readonly Diagnostic[];
    }
  /** Already an Ikanos document, or a YAML file that is no naftiko document: left as it is. */
  | { readonly kind: 'ikanos' | 'other'; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'rejected'; readonly diagnostics: readonly Diagnostic[] };

/** Schema problems reported per document (the first ones name the construct to fix). */
const MAX_SCHEMA_PROBLEMS = 5;

/** Reader codes that are errors of the document's shape (what it says cannot be read at all). */
const UNREADABLE = /^NG(0|1)\d{3}$/;

export function migrateText(input: MigrateInput, options: MigrateOptions): Migrated {
  // One parse gives both the tokens to edit and the document that positions diagnostics.
  const lineCounter = new LineCounter();
  const tokens = [...new Parser(lineCounter.addNewLine).parse(input.text)];
  const [parsed] = new Composer().compose(tokens);
  const source: SourceDoc = { file: input.file, text: input.text, doc: parsed ?? parseDocument(''), lineCounter };
  const reporter = new Reporter(source);
  const errors = parsed?.errors ?? [];
  const data = errors.length === 0 ? readData(source) : undefined;
  const isMapping = data !== null && typeof data === 'object' && !Array.isArray(data);
  if (isMapping && 'ikanos' in data) return { kind: 'ikanos', diagnostics: [] };
  if (data !== undefined && !(isMapping && 'naftiko' in data)) {
    reporter.at('NG4006', [], {});
    return { kind: 'other', diagnostics: reporter.diagnostics };
  }
  const version = isMapping ? String(data.naftiko) : undefined;
  if (data !== undefined && !(SUPPORTED_VERSIONS as readonly (string | undefined)[]).includes(version)) {
    reporter.at('NG4001', ['naftiko'], { found: `naftiko ${version}` });
    return { kind: 'rejected', diagnostics: reporter.diagnostics };
  }
  // What `build` reads: the shape must read (errors of meaning stay the migrated file's own).
  const reads = new Set<string>();
  const analyzed = analyzeSpec(input, { imports: recording(options.imports, reads) });
  const unreadable = analyzed.diagnostics.filter((d) => d.severity === 'error' && d.file === input.file && UNREADABLE.test(d.code));
  if (unreadable.length > 0 || errors.length > 0) {
    reporter.at('NG4002', [], {});
    return { kind: 'rejected', diagnostics: [...unreadable, ...reporter.diagnostics].sort(compareDiagnostics) };
  }
  const unknown: SpecPath[] = analyzed.diagnostics.filter((d) => d.code === 'NG1101' && d.file === input.file).map((d) => d.path);
  const doc = tokens.find((t) => t.type === 'document');
  const changes = new Changes(reporter);
  const migration = new DocumentMigration(options.to, changes, { id: input.id, model: analyzed.model });
  if (doc?.type === 'document') migration.document(doc, unknown);
  changes.flush();
  const text = tokens.map((t) => stringify(t)).join('');
  const problems = officialProblems(text, options.to);
  for (const problem of problems.slice(0, MAX_SCHEMA_PROBLEMS)) {
    reporter.at('NG4003', problem.path, { version: options.to, detail: `${problem.path.join('.') || 'the document'}: ${problem.detail}` });
  }
  const diagnostics = [...reporter.diagnostics].sort(compareDiagnostics);
  if (problems.length > 0) return { kind: 'rejected', diagnostics };
  const builds = !hasErrors(analyzed.diagnostics);
  return { kind: 'migrated', text, edits: changes.edits, imports: migration.imports, reads: [...reads], builds, diagnostics };
}

/** The document as plain data, or undefined when it cannot be (analyzeSpec reports why). */
function readData(source: SourceDoc): Record<string, unknown> | null | undefined {
  try {
    return source.doc.toJS({ maxAliasCount: 1000 }) as Record<string, unknown> | null;
  } catch {
    return undefined;
  }
}

/** The resolver, noting the display path of every file it reads. */
function recording(resolver: ImportResolver | undefined, into: Set<string>): ImportResolver | undefined {
  if (!resolver) return undefined;
  return (from, location) => {
    const read = resolver(from, location);
    if ('text' in read) into.add(read.file);
    return read;
  };
}

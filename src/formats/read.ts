/**
 * Stage 2 entry: a parsed YAML document -> the Spec that src/model resolves, whichever format it
 * is written in. `naftiko:` documents are read by alpha2.ts, `ikanos:` documents by ikanos/;
 * both give the same shape, so the same meaning generates the same project. The catalogue
 * dialect (dialect.ts) belongs to the catalogues, not to a version: it is reported for both.
 */
import type { Reporter } from '../diagnostics/report.js';
import { parseSource, toPlainData, type SourceDoc } from '../load/source.js';
import type { ImportResolver } from '../model/imports.js';
import { Reporter as DocumentReporter } from '../diagnostics/report.js';
import { compareDiagnostics, type Diagnostic, type SpecPath } from '../diagnostics/diagnostic.js';
import { originalPath, without } from '../model/skip.js';
import { makeDiagnostic } from '../diagnostics/report.js';
import { readAlpha2 } from './alpha2.js';
import { reportDialect } from './dialect.js';
import { readIkanos } from './ikanos/read.js';
import type { Spec } from './spec.js';
import { describe, isRecord } from './validate.js';

export interface ReadOptions {
  /** Catalogue-dialect warnings (off for imported files, which report their own problems only). */
  readonly dialectWarnings?: boolean | undefined;
  /** Reads the files an Ikanos document imports exposes, aggregates and binds from. */
  readonly imports?: ImportResolver | undefined;
  /**
   * --skip-invalid: paths of the read (alpha2-shaped) data to leave out before it is checked;
   * the reporter then leads paths of what is left back to the full data (model/skip.ts).
   */
  readonly leaveOut?: readonly SpecPath[] | undefined;
  /** Receives the full read data (before anything is left out): what --skip-invalid's paths are in. */
  readonly onRead?: ((data: Record<string, unknown>) => void) | undefined;
}

/** The read data without the parts `options.leaveOut` names, with the reporter's paths mapped back. */
export function leavingOut(data: Record<string, unknown>, reporter: Reporter, options: ReadOptions): Record<string, unknown> {
  options.onRead?.(data);
  if (!options.leaveOut?.length) return data;
  reporter.skipThrough(originalPath(options.leaveOut));
  return without(data, options.leaveOut) as Record<string, unknown>;
}

/**
 * The document as a Spec, or undefined when it has errors (reported). `data` is the document as
 * plain data when the caller already has it (`--strict` checks it against the official schema).
 */
export function readSpec(source: SourceDoc, reporter: Reporter, options: ReadOptions = {}, data: unknown = toPlainData(source)): Spec | undefined {
  if (!isRecord(data)) {
    reporter.at('NG0003', [], { found: `the document is ${describe(data)}, not a mapping` });
    return undefined;
  }
  let spec: Spec | undefined;
  if ('ikanos' in data) spec = readIkanos(source, reporter, options);
  else if ('naftiko' in data) spec = readAlpha2(leavingOut(data, reporter, options), reporter);
  else reporter.at('NG0003', [], { found: 'no "ikanos" or "naftiko" version key' });
  if (spec && options.dialectWarnings !== false) reportDialect(spec, reporter);
  return spec;
}

/**
 * A YAML text as a Spec, with every diagnostic positioned in it (or in the files it imports):
 * the reader on its own, for tools that compare documents (a migrated file and its original).
 */
export function readSpecText(file: string, text: string, options: ReadOptions = {}): { spec?: Spec; diagnostics: Diagnostic[] } {
  const { source, errors } = parseSource(file, text);
  if (errors.length > 0) {
    return { diagnostics: errors.map((e) => makeDiagnostic('NG0002', { reason: e.message }, { file, path: [], line: e.line, col: e.col })) };
  }
  const reporter = new DocumentReporter(source);
  const spec = readSpec(source, reporter, options);
  const diagnostics = [...reporter.diagnostics].sort(compareDiagnostics);
  return spec ? { spec, diagnostics } : { diagnostics };
}

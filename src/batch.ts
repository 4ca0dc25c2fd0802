/** Runs the pipeline over a set of spec files: reading at the edge, one project per spec. */
import { readFileSync, statSync } from 'node:fs';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { makeDiagnostic } from './diagnostics/report.js';
import { checkSourceSize, decodeSource, type SourceRejection } from './load/source.js';
import { runPipeline, type PipelineOptions, type SpecResult } from './pipeline.js';
import type { ImportResolver } from './model/imports.js';
import { createImportResolver } from './write/imports.js';
import { isProjectCurrent } from './write/reuse.js';
import { displayPath, projectId, type SpecPathInput } from './write/inputs.js';

/** Project directory names must be plain file names, and not ones tools give meaning to. */
const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const RESERVED_IDS = new Set(['node_modules', 'dist', 'src']);
/** Windows device names are reserved with any extension (`con`, `nul.v1`, `com1`). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

export interface BatchResult {
  readonly results: readonly SpecResult[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface BatchOptions extends PipelineOptions {
  /** Output directory whose up-to-date projects are reused instead of generated again. */
  readonly reuseFrom?: string | undefined;
  /**
   * Called with each result as soon as it is complete; what it returns is kept instead. `build`
   * writes the project here and keeps the result without its files, so memory stays flat.
   */
  readonly consume?: ((result: SpecResult) => SpecResult) | undefined;
}

export async function runBatch(inputs: readonly SpecPathInput[], options: BatchOptions): Promise<BatchResult> {
  const results: SpecResult[] = [];
  const resolvers = new Map<string, ImportResolver>();
  for (const { path, root } of inputs) {
    let imports = resolvers.get(root);
    if (!imports) resolvers.set(root, (imports = createImportResolver(root)));
    const result = await runOne(path, { ...options, imports });
    results.push(options.consume ? options.consume(result) : result);
  }
  const clash = clashes(results);
  const withClashes = results.map((r) => {
    const own = clash.filter((d) => d.file === r.file);
    return own.length ? { ...r, files: [], diagnostics: [...r.diagnostics, ...own].sort(compareDiagnostics) } : r;
  });
  const diagnostics = unique(withClashes.flatMap((r) => r.diagnostics)).sort(compareDiagnostics);
  return { results: withClashes, diagnostics };
}

async function runOne(path: string, options: BatchOptions): Promise<SpecResult> {
  const file = displayPath(path);
  const id = projectId(path);
  const at = { file, path: [], line: 1, col: 1 };
  let text: string;
  try {
    // Size first (from stat, without reading), then strict UTF-8 decoding: no silent U+FFFD.
    const tooBig = checkSourceSize(statSync(path).size);
    const decoded = tooBig ? { rejected: tooBig } : decodeSource(readFileSync(path));
    if ('rejected' in decoded) return { file, id, files: [], timings: {}, diagnostics: [rejection(decoded.rejected, file)] };
    text = decoded.text;
  } catch (error) {
    return { file, id, files: [], timings: {}, diagnostics: [makeDiagnostic('NG0001', { reason: (error as Error).message }, at)] };
  }
  if (!PROJECT_ID.test(id) || RESERVED_IDS.has(id.toLowerCase()) || WINDOWS_DEVICE.test(id)) {
    return { file, id, files: [], timings: {}, diagnostics: [makeDiagnostic('NG0006', { name: id }, at)] };
  }
  if (options.reuseFrom !== undefined && isProjectCurrent(options.reuseFrom, id, text, options)) {
    return { file, id, files: [], timings: {}, diagnostics: [], reused: true };
  }
  return runPipeline({ file, text, id }, options);
}

function rejection(r: SourceRejection, file: string): Diagnostic {
  const where = { file, path: [], line: r.line, col: r.col };
  return r.code === 'NG0007' ? makeDiagnostic('NG0007', { size: r.size, limit: r.limit }, where) : makeDiagnostic('NG0008', { offset: r.offset }, where);
}

/** A shared file imported by several specs reports its own problems once. */
function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Two specs named alike in different folders would write one project directory. */
function clashes(results: readonly SpecResult[]): Diagnostic[] {
  const first = new Map<string, SpecResult>();
  const found: Diagnostic[] = [];
  for (const r of results.filter((x) => x.generates || x.reused)) {
    const key = r.id.toLowerCase();
    const earlier = first.get(key);
    if (earlier) found.push(makeDiagnostic('NG0005', { first: earlier.file, second: r.file, dir: r.id }, { file: r.file, path: [], line: 1, col: 1 }));
    else first.set(key, r);
  }
  return found;
}

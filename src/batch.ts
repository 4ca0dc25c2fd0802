/** Runs the pipeline over a set of spec files: reading at the edge, one project per spec. */
import { readFileSync, statSync } from 'node:fs';
import { compareDiagnostics, type Diagnostic } from './diagnostics/diagnostic.js';
import { makeDiagnostic } from './diagnostics/report.js';
import { checkSourceSize, decodeSource, type SourceRejection } from './load/source.js';
import { runPipeline, type PipelineOptions, type SpecResult } from './pipeline.js';
import { importResolvers } from './write/imports.js';
import { currentProject } from './write/reuse.js';
import { displayPath, projectId, projectIdOf, type SpecPathInput } from './write/inputs.js';
import { runOnWorkers, workerCount } from './workers/pool.js';

/** Project directory names must be plain file names, and not ones tools give meaning to. */
const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const RESERVED_IDS = new Set(['node_modules', 'dist', 'src']);
/** Windows device names are reserved with any extension (`con`, `nul.v1`, `com1`). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;
/** Folder names (--layout tree) other systems cannot create: reserved characters, a trailing dot or space. */
const UNSAFE_FOLDER = /[<>:"\\|?*\u0000-\u001f]|[. ]$/;

export interface BatchResult {
  readonly results: readonly SpecResult[];
  readonly diagnostics: readonly Diagnostic[];
  /** Worker threads the batch ran on (0: the calling thread). */
  readonly workers: number;
}

export interface BatchOptions extends PipelineOptions {
  /** Output directory whose up-to-date projects are reused instead of generated again. */
  readonly reuseFrom?: string | undefined;
  /**
   * Called with each result as soon as it is complete; what it returns is kept instead. `build`
   * writes the project here and keeps the result without its files, so memory stays flat.
   */
  readonly consume?: ((result: SpecResult) => SpecResult) | undefined;
  /** Worker threads for generating (see workers/pool.ts); undefined chooses by core count. */
  readonly jobs?: number | undefined;
}

export async function runBatch(inputs: readonly SpecPathInput[], options: BatchOptions): Promise<BatchResult> {
  const workers = options.emit ? workerCount(inputs.length, options.jobs) : 0;
  const results = workers > 0 ? await runParallel(inputs, options, workers) : await runSerial(inputs, options);
  const clash = clashes(results);
  const withClashes = results.map((r) => {
    const own = clash.filter((d) => d.file === r.file);
    return own.length ? { ...r, files: [], diagnostics: [...r.diagnostics, ...own].sort(compareDiagnostics) } : r;
  });
  // Problems reading the OpenAPI documents are the run's, reported once (when they were read at all).
  const documents = options.contracts?.isParsed() ? options.contracts.loadDiagnostics() : [];
  const diagnostics = unique([...documents, ...withClashes.flatMap((r) => r.diagnostics)]).sort(compareDiagnostics);
  return { results: withClashes, diagnostics, workers };
}

async function runSerial(inputs: readonly SpecPathInput[], options: BatchOptions): Promise<SpecResult[]> {
  const results: SpecResult[] = [];
  const resolverFor = importResolvers();
  for (const input of inputs) {
    const result = await runSpecFile(input, { ...options, imports: resolverFor(input.root) });
    results.push(options.consume ? options.consume(result) : result);
  }
  return results;
}

/** The same batch on worker threads; results are consumed as they arrive and kept in input order. */
async function runParallel(inputs: readonly SpecPathInput[], options: BatchOptions, workers: number): Promise<SpecResult[]> {
  const { emit, strict, skipInvalid, packageScope, dependencyOverrides, surfaces, reuseFrom } = options;
  const results: SpecResult[] = new Array<SpecResult>(inputs.length);
  // The documents are parsed here, once; workers get the parsed values, not the work.
  const contracts = options.contracts?.shared();
  const data = { emit, strict, skipInvalid, packageScope, dependencyOverrides, surfaces, reuseFrom, ...(contracts ? { contracts } : {}) };
  await runOnWorkers(inputs, data, workers, (index, result) => {
    options.onSpecDone?.(result);
    results[index] = options.consume ? options.consume(result) : result;
  });
  return results;
}

/** One spec file: read at the edge, then reused from the output directory or run through the pipeline. */
export async function runSpecFile({ path, dir: placed }: SpecPathInput, options: BatchOptions): Promise<SpecResult> {
  const file = displayPath(path);
  const dir = placed ?? projectId(path);
  const id = projectIdOf(dir);
  const at = { file, path: [], line: 1, col: 1 };
  const rejected = (diagnostic: Diagnostic): SpecResult => ({ file, id, dir, files: [], timings: {}, diagnostics: [diagnostic] });
  let text: string;
  try {
    // Size first (from stat, without reading), then strict UTF-8 decoding: no silent U+FFFD.
    const tooBig = checkSourceSize(statSync(path).size);
    const decoded = tooBig ? { rejected: tooBig } : decodeSource(readFileSync(path));
    if ('rejected' in decoded) return rejected(rejection(decoded.rejected, file));
    text = decoded.text;
  } catch (error) {
    return rejected(makeDiagnostic('NG0001', { reason: (error as Error).message }, at));
  }
  const name = projectId(path);
  if (!PROJECT_ID.test(name) || RESERVED_IDS.has(name.toLowerCase()) || WINDOWS_DEVICE.test(name)) return rejected(makeDiagnostic('NG0006', { name }, at));
  const folder = dir.split('/').slice(0, -1).find((segment) => UNSAFE_FOLDER.test(segment) || WINDOWS_DEVICE.test(segment));
  if (folder !== undefined) return rejected(makeDiagnostic('NG0021', { folder, dir }, at));
  const current = options.reuseFrom === undefined ? undefined : currentProject(options.reuseFrom, dir, file, text, options);
  if (current) return { file, id, dir, files: [], timings: {}, diagnostics: current.diagnostics, reused: { files: current.files } };
  return runPipeline({ file, text, id, dir }, options);
}

function rejection(r: SourceRejection, file: string): Diagnostic {
  const where = { file, path: [], line: r.line, col: r.col };
  return r.code === 'NG0007' ? makeDiagnostic('NG0007', { size: r.size, limit: r.limit }, where) : makeDiagnostic('NG0008', { offset: r.offset }, where);
}

/** A shared file imported by several specs reports its own problems once. */
export function unique(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Inputs whose project directory another input's could clash with (the same directory, ignoring
 * case, or one inside the other): only among these does which specs generate decide who writes.
 */
export function contestedInputs(inputs: readonly SpecPathInput[]): Set<SpecPathInput> {
  const byDir = new Map<string, SpecPathInput[]>();
  for (const input of inputs) {
    const dir = (input.dir ?? projectId(input.path)).toLowerCase();
    byDir.set(dir, [...(byDir.get(dir) ?? []), input]);
  }
  const contested = new Set<SpecPathInput>();
  for (const [dir, group] of byDir) {
    if (group.length > 1) group.forEach((i) => contested.add(i));
    const segments = dir.split('/');
    for (let n = 1; n < segments.length; n++) {
      const outer = byDir.get(segments.slice(0, n).join('/'));
      if (outer) [...outer, ...group].forEach((i) => contested.add(i));
    }
  }
  return contested;
}

/**
 * Two specs that would write one project directory (file systems may ignore case), or a project
 * inside another's directory (--layout tree: `a.yaml` beside a folder `a/`). The first in input
 * order keeps its directory.
 */
function clashes(results: readonly SpecResult[]): Diagnostic[] {
  const first = new Map<string, SpecResult>();
  const found: Diagnostic[] = [];
  for (const r of results.filter((x) => x.generates || x.reused)) {
    const key = r.dir.toLowerCase();
    const at = { file: r.file, path: [], line: 1, col: 1 };
    const earlier = first.get(key);
    if (earlier) {
      found.push(makeDiagnostic('NG0005', { first: earlier.file, second: r.file, dir: r.dir }, at));
      continue;
    }
    first.set(key, r);
  }
  for (const [key, r] of first) {
    const segments = key.split('/');
    for (let n = 1; n < segments.length; n++) {
      const outer = first.get(segments.slice(0, n).join('/'));
      if (outer) found.push(makeDiagnostic('NG0020', { spec: r.file, dir: r.dir, outer: outer.file, outerDir: outer.dir }, { file: r.file, path: [], line: 1, col: 1 }));
    }
  }
  return found;
}

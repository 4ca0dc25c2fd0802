/**
 * The pure pipeline for one spec: load -> validate -> resolve -> emit -> format. No file system
 * access: the caller passes the text in and writes the files out.
 */
import { compareDiagnostics, hasErrors, type Diagnostic, type SpecPath } from './diagnostics/diagnostic.js';
import { makeDiagnostic } from './diagnostics/report.js';
import { Reporter } from './diagnostics/report.js';
import { formatFiles } from './emit/format.js';
import { emitManifest, type ManifestImport } from './emit/manifest.js';
import { manifestInputs, recordingImports } from './fingerprint.js';
import { emitPackageJson } from './emit/package-json.js';
import { emitProject } from './emit/project.js';
import { hookPoints } from './emit/ts/hooks.js';
import type { GeneratedFile, GeneratorInfo, Templates } from './emit/types.js';
import { parseSource, toPlainData, type SourceDoc } from './load/source.js';
import type { ImportResolver } from './model/imports.js';
import { resolveModel } from './model/resolve.js';
import { analyzeSkipping, originalPath, without, type AnalyzeData, type ReadData } from './model/skip.js';
import { isRecord } from './formats/validate.js';
import type { CapabilityModel } from './model/types.js';
import { checkOfficialSchema, strictDiagnostics, type OfficialSchemas } from './formats/official.js';
import { readSpec } from './formats/read.js';
import type { ContractSet } from './openapi/set.js';
import { typingSummary, type OperationTyping } from './model/typing-summary.js';

export interface SpecInput {
  /** Path relative to the working directory, `/`-separated: used in diagnostics and banners. */
  readonly file: string;
  readonly text: string;
  /** The project's name (package, MCP server, image). */
  readonly id: string;
  /** The project directory under the output directory, `/`-separated (default: the id). */
  readonly dir?: string;
}

export interface SpecResult {
  readonly file: string;
  readonly id: string;
  /** The project directory under the output directory, `/`-separated. */
  readonly dir: string;
  /** The project on disk is already what this spec generates (its file count); nothing was run. */
  readonly reused?: { readonly files: number };
  /** The spec resolved to a model, so it has (or would have) a project directory. */
  readonly generates?: boolean;
  readonly model?: CapabilityModel;
  readonly files: readonly GeneratedFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds spent in each stage (for `--profile`). */
  readonly timings: Partial<Record<Stage, number>>;
  /** Stages 1-3 as found, when `keepAnalysis` asked for them. */
  readonly analysis?: Analysis;
  /** `--openapi`: how each consumed operation was typed (for the summary line and the corpus test). */
  readonly typing?: readonly OperationTyping[];
}

/**
 * Stages 1-3 of one spec: what `build`'s check pass found, handed to its generate pass (through
 * `analyses`) so that a spec set generated on one thread is loaded, validated and resolved once.
 */
export interface Analysis {
  /** The text analysed: a spec whose file changed between the passes is analysed again. */
  readonly text: string;
  readonly model?: CapabilityModel;
  readonly diagnostics: readonly Diagnostic[];
  /** The files the spec imported, with their hashes (the manifest's inputs). */
  readonly imported: readonly ManifestImport[];
  readonly timings: Partial<Record<Stage, number>>;
}

export type Stage = 'load' | 'validate' | 'resolve' | 'emit' | 'format';

/** Times one stage into `timings`. */
function timed<T>(timings: Partial<Record<Stage, number>>, stage: Stage, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
  }
}

export interface AnalyzeOptions {
  /** Reads imported files (edge IO); absent means imports are errors. */
  readonly imports?: ImportResolver | undefined;
  /** Leave out the smallest broken parts (model/skip.ts) instead of failing the spec. */
  readonly skipInvalid?: boolean | undefined;
  /** Official-schema behaviour: the official JSON Schema applies and dialect warnings are errors. */
  readonly strict?: boolean | undefined;
  readonly schemas?: OfficialSchemas | undefined;
  /** `--openapi`: the vendor documents consumed operations are matched to and typed from. */
  readonly contracts?: ContractSet | undefined;
}

export interface PipelineOptions extends AnalyzeOptions {
  readonly templates: Templates;
  readonly generator: GeneratorInfo;
  /** Stop after resolving (the `validate` command). */
  readonly emit: boolean;
  /** npm scope for the generated package name (`@acme` -> `@acme/<project>`). */
  readonly packageScope?: string | undefined;
  /** Version overrides for the generated package.json's dependencies and devDependencies. */
  readonly dependencyOverrides?: Readonly<Record<string, string>> | undefined;
  /** Surfaces to emit (default both): the other one is dropped from the model before emitting. */
  readonly surfaces?: readonly ('rest' | 'mcp')[] | undefined;
  /** Called once per spec when its result is ready (progress display). */
  readonly onSpecDone?: ((result: SpecResult) => void) | undefined;
  /** Return each spec's Analysis in its result. */
  readonly keepAnalysis?: boolean | undefined;
  /** Analyses kept by an earlier pass, by spec file: used instead of running stages 1-3 again. */
  readonly analyses?: ReadonlyMap<string, Analysis> | undefined;
}

/** Stages 1-3: positioned diagnostics and, when there are no errors, the model. */
export function analyzeSpec(
  input: SpecInput,
  options: AnalyzeOptions = {},
  timings: Partial<Record<Stage, number>> = {},
): { model?: CapabilityModel; diagnostics: Diagnostic[] } {
  const { source, errors } = timed(timings, 'load', () => parseSource(input.file, input.text));
  if (errors.length > 0) {
    const diagnostics = errors.map((e) => makeDiagnostic('NG0002', { reason: e.message }, { file: input.file, path: [], line: e.line, col: e.col }));
    return { diagnostics };
  }
  const data = timed(timings, 'validate', () => toPlainData(source));
  const analyze: AnalyzeData = (leftOut) => analyzeData(source, data, leftOut, input.id, options, timings);
  const { model, diagnostics } = options.skipInvalid ? analyzeSkipping(source, analyze) : analyze([]);
  const sorted = [...diagnostics].sort(compareDiagnostics);
  return hasErrors(sorted) || !model ? { diagnostics: sorted } : { model, diagnostics: sorted };
}

/** Validate and resolve once: over the whole document, or (--skip-invalid) over what is left of it. */
function analyzeData(
  source: SourceDoc,
  data: unknown,
  leftOut: readonly SpecPath[],
  id: string,
  options: AnalyzeOptions,
  timings: Partial<Record<Stage, number>>,
): ReturnType<AnalyzeData> {
  const reporter = new Reporter(source);
  let read: ReadData | undefined;
  const onRead = (full: unknown) => void (read = { data: full, locator: reporter.located });
  const spec = timed(timings, 'validate', () => {
    if (options.strict && options.schemas) checkOfficial(data, leftOut, options.schemas, reporter);
    return readSpec(source, reporter, { imports: options.imports, leaveOut: leftOut, onRead }, data);
  });
  const resolved = timed(timings, 'resolve', () => (spec && !hasErrors(reporter.diagnostics) ? resolveModel(spec, id, reporter, options) : undefined));
  const model = resolved && spec && fileSafeNamespaces(resolved, spec, reporter) ? resolved : undefined;
  const diagnostics = options.strict ? strictDiagnostics(reporter.diagnostics) : reporter.diagnostics;
  return hasErrors(diagnostics) || !model ? { diagnostics, read } : { model, diagnostics, read };
}

/**
 * --strict: the official schema checks the document as written. An alpha2 document is its own read
 * data, so --skip-invalid's parts are left out of it too; an Ikanos document is checked whole (its
 * read paths are not its paths), so an official-schema error there rejects the spec.
 */
function checkOfficial(data: unknown, leftOut: readonly SpecPath[], schemas: OfficialSchemas, reporter: Reporter): void {
  const alpha2 = leftOut.length > 0 && isRecord(data) && !('ikanos' in data);
  if (alpha2) reporter.skipThrough(originalPath(leftOut));
  checkOfficialSchema(alpha2 ? without(data, leftOut) : data, schemas, reporter);
}

/** A consumed namespace names a generated file (src/upstream/<namespace>.client.gen.ts). */
const FILE_SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Windows reserves device names with any extension: `upstream/con.client.gen.ts` cannot exist there. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * Namespaces become file names and import specifiers, so one that is not a plain file name
 * (`../x`, `/abs`, quotes, separators) is an error here, before anything is emitted or written.
 */
function fileSafeNamespaces(model: CapabilityModel, spec: NonNullable<ReturnType<typeof readSpec>>, reporter: Reporter): boolean {
  let ok = true;
  const consumes = ('capability' in spec ? spec.capability?.consumes : spec.consumes) ?? [];
  const seen = new Map<string, string>();
  for (const upstream of model.upstreams) {
    const index = consumes.findIndex((c) => ('namespace' in c ? c.namespace : undefined) === upstream.namespace);
    const at = index >= 0 ? ['capability', 'consumes', index, 'namespace'] : ['capability', 'consumes'];
    // macOS and Windows file systems ignore case: "Up" and "up" would write one file. The same
    // namespace twice is NG2108's to report.
    const first = seen.get(upstream.namespace.toLowerCase());
    if (first === upstream.namespace) continue;
    if (first !== undefined) {
      ok = false;
      reporter.at('NG3002', at, { namespace: upstream.namespace, first });
    }
    seen.set(upstream.namespace.toLowerCase(), upstream.namespace);
    if (FILE_SAFE_NAME.test(upstream.namespace) && !WINDOWS_DEVICE.test(upstream.namespace)) continue;
    ok = false;
    reporter.at('NG3001', at, { namespace: upstream.namespace });
  }
  return ok;
}

export async function runPipeline(input: SpecInput, options: PipelineOptions): Promise<SpecResult> {
  const result = await runStages(input, options);
  options.onSpecDone?.(result);
  return result;
}

async function runStages(input: SpecInput, options: PipelineOptions): Promise<SpecResult> {
  const kept = options.analyses?.get(input.file);
  const analysis = kept?.text === input.text ? kept : analyze(input, options);
  const { diagnostics, imported } = analysis;
  const timings = { ...analysis.timings };
  const model = analysis.model && options.surfaces ? withSurfaces(analysis.model, options.surfaces) : analysis.model;
  const typing = model && options.contracts ? { typing: typingSummary(model) } : {};
  const base = { file: input.file, id: input.id, dir: input.dir ?? input.id, diagnostics, timings, ...(model ? { generates: true } : {}), ...typing, ...(options.keepAnalysis ? { analysis } : {}) };
  if (!model || !options.emit) return { ...base, ...(model ? { model } : {}), files: [] };
  const packageOptions = { packageScope: options.packageScope, dependencyOverrides: options.dependencyOverrides };
  const emitted = timed(timings, 'emit', () =>
    emitProject(model, options.templates).map((f) => (f.path === 'package.json' ? emitPackageJson(model, packageOptions) : f)),
  );
  const start = performance.now();
  const files = await formatFiles(emitted);
  timings.format = performance.now() - start;
  const inputs = manifestInputs(input.file, input.text, imported, options);
  return { ...base, model, files: [...files, emitManifest(files, inputs, options.generator, hookPoints(model), diagnostics)] };
}

function analyze(input: SpecInput, options: PipelineOptions): Analysis {
  const timings: Partial<Record<Stage, number>> = {};
  const imported: ManifestImport[] = [];
  const { model, diagnostics } = analyzeSpec(input, { ...options, imports: recordingImports(options.imports, imported) }, timings);
  return { text: input.text, ...(model ? { model } : {}), diagnostics, imported, timings };
}

/** The `surfaces` option: drops the REST or MCP surface from the model before emitting. */
function withSurfaces(model: CapabilityModel, surfaces: readonly ('rest' | 'mcp')[]): CapabilityModel {
  const { rest, mcp, ...others } = model;
  const keepRest = rest && surfaces.includes('rest');
  const keepMcp = mcp && surfaces.includes('mcp');
  const dropped = new Set([...(keepRest ? [] : ['REST_PORT']), ...(keepMcp ? [] : ['MCP_PORT', 'MCP_ALLOWED_HOSTS', 'MCP_ALLOWED_ORIGINS'])]);
  const env = model.env.filter((v) => !dropped.has(v.name));
  // A skill tool must not point agents at an adapter this project does not serve.
  const served = (kind: string) => (kind === 'rest' ? keepRest : kind === 'mcp' ? keepMcp : true);
  const skill = others.skill && {
    ...others.skill,
    skills: others.skill.skills.map((k) => ({ ...k, tools: k.tools.filter((t) => served(t.invocation.kind)) })),
  };
  return { ...others, env, ...(keepRest ? { rest } : {}), ...(keepMcp ? { mcp } : {}), ...(skill ? { skill } : {}) };
}

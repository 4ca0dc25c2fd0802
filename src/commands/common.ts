/** What every command shares: options, output, and running the batch over the inputs. */
import { dirname, isAbsolute, join, relative } from 'node:path';
import { runBatch, type BatchResult } from '../batch.js';
import { loadConfig, type Config, type Surface } from '../config/config.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostic, type DiagnosticFormat } from '../diagnostics/render.js';
import type { PipelineOptions, SpecResult } from '../pipeline.js';
import { generatorInfo, loadOfficialSchemas, loadTemplates } from '../templates.js';
import { expandInputs, UsageError, type Layout, type SpecPathInput } from '../write/inputs.js';
import type { ReportFormat } from '../report/report.js';
import type { ReportTarget } from './report-file.js';
import { readContracts } from '../openapi/files.js';
import { ContractSet } from '../openapi/set.js';

export const EXIT = { ok: 0, specErrors: 1, usage: 2, drift: 3 } as const;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** stderr is an interactive terminal: colours and the progress line are allowed. */
  readonly isTTY?: boolean | undefined;
  /** Environment for CI detection and NO_COLOR (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

export interface CommonOptions {
  /** build: reuse up-to-date projects in this output directory instead of generating them again. */
  reuseFrom?: string | undefined;
  format: DiagnosticFormat;
  strict?: boolean | undefined;
  skipInvalid?: boolean | undefined;
  quiet?: boolean | undefined;
  packageScope?: string | undefined;
  dependencies?: Readonly<Record<string, string>> | undefined;
  surfaces?: readonly Surface[] | undefined;
  /** Worker threads for generation (`--jobs`); undefined lets the batch choose by core count. */
  jobs?: number | undefined;
  /** Where projects go under the output directory (default flat). */
  layout?: Layout | undefined;
  /** `--report`: a per-spec report file for machines. */
  report?: ReportTarget | undefined;
  /** `--openapi`: the vendor documents (read once per run, parsed on first use). */
  contracts?: ContractSet | undefined;
  /** `--openapi` as given (watch mode reads the documents again when they change). */
  openapi?: readonly string[] | undefined;
}

export interface OutputOptions extends CommonOptions {
  out: string;
  profile?: boolean | undefined;
  /** build: generate every spec even when its project is up to date. */
  force?: boolean | undefined;
  /** build: add stubs for new hook points to each src/hooks.ts, remove the empty ones of hook points gone. */
  updateHooks?: boolean | undefined;
}

/** Command-line flags as commander parses them: undefined means "not given" (the config decides). */
export interface CliFlags {
  format: DiagnosticFormat;
  strict?: boolean;
  skipInvalid?: boolean;
  quiet?: boolean;
  profile?: boolean;
  force?: boolean;
  updateHooks?: boolean;
  out?: string;
  config?: string;
  watch?: boolean;
  jobs?: number;
  layout?: Layout;
  report?: string;
  reportFormat?: ReportFormat;
  openapi?: string[];
}

export const DEFAULT_OUT = 'generated';

/**
 * Merges the config file (naftiko-gen.config.* or --config) with the flags; flags win. Config
 * errors are printed like spec errors and end the command with exit 2.
 */
export function resolveOptions(specs: readonly string[], flags: CliFlags, io: Io): { specs: string[]; options: OutputOptions } | { exit: number } {
  const { file, config, diagnostics } = loadConfig(flags.config);
  if (diagnostics.length) {
    printDiagnostics(diagnostics, flags.format, io);
    io.stderr(`naftiko-gen: the config file ${file} has errors\n`);
    return { exit: EXIT.usage };
  }
  const fromConfig = (path: string) => (file && flags.config && !isAbsolute(path) ? relative('.', join(dirname(flags.config), path)) || '.' : path);
  const chosenSpecs = specs.length ? [...specs] : (config.specs ?? []).map(fromConfig);
  if (chosenSpecs.length === 0) throw new UsageError('no specs given: pass spec files or directories, or list them under "specs" in naftiko-gen.config.json');
  const options: OutputOptions = {
    format: flags.format,
    out: flags.out ?? (config.out !== undefined ? fromConfig(config.out) : DEFAULT_OUT),
    strict: flags.strict ?? config.strict,
    skipInvalid: flags.skipInvalid ?? config.skipInvalid,
    quiet: flags.quiet,
    profile: flags.profile,
    force: flags.force,
    updateHooks: flags.updateHooks,
    jobs: flags.jobs,
    layout: flags.layout ?? config.layout,
    ...(flags.report !== undefined ? { report: { file: flags.report, format: flags.reportFormat ?? 'json' } } : {}),
    ...pipelineExtras(config),
  };
  if (flags.reportFormat !== undefined && flags.report === undefined) throw new UsageError('--report-format needs --report <file>');
  const openapi = flags.openapi ?? config.openapi?.map(fromConfig);
  if (openapi?.length) Object.assign(options, { openapi, contracts: new ContractSet(readContracts(openapi)) });
  return { specs: chosenSpecs, options };
}

function pipelineExtras(config: Config): Pick<CommonOptions, 'packageScope' | 'dependencies' | 'surfaces'> {
  return { packageScope: config.packageScope, dependencies: config.dependencies, surfaces: config.surfaces };
}

export async function analyze(
  specs: readonly string[],
  options: CommonOptions,
  emit: boolean,
  onSpecDone?: (result: SpecResult, total: number) => void,
  consume?: (result: SpecResult) => SpecResult,
): Promise<BatchResult> {
  return analyzeInputs(specInputs(specs, options.layout), options, emit, onSpecDone, consume);
}

/** The spec files under the given paths, each with its project directory; none at all is a usage error. */
export function specInputs(specs: readonly string[], layout?: Layout): SpecPathInput[] {
  const inputs = expandInputs(specs, layout);
  if (inputs.length === 0) throw new UsageError(`no *.yaml or *.yml specs found in ${specs.join(', ')}`);
  return inputs;
}

/** The batch over already expanded inputs (watch mode rebuilds a subset, keeping each input's root). */
export async function analyzeInputs(
  inputs: readonly SpecPathInput[],
  options: CommonOptions,
  emit: boolean,
  onSpecDone?: (result: SpecResult, total: number) => void,
  consume?: (result: SpecResult) => SpecResult,
  passes: Pick<PipelineOptions, 'keepAnalysis' | 'analyses'> = {},
): Promise<BatchResult> {
  return runBatch(inputs, {
    ...passes,
    templates: loadTemplates(),
    generator: generatorInfo(),
    emit,
    strict: options.strict,
    skipInvalid: options.skipInvalid,
    packageScope: options.packageScope,
    dependencyOverrides: options.dependencies,
    surfaces: options.surfaces,
    reuseFrom: options.reuseFrom,
    jobs: options.jobs,
    contracts: options.contracts,
    consume,
    ...(onSpecDone ? { onSpecDone: (r: SpecResult) => onSpecDone(r, inputs.length) } : {}),
    ...(options.strict ? { schemas: loadOfficialSchemas() } : {}),
  });
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, io: Io): void {
  const paint = colours(io);
  for (const d of diagnostics) {
    const text = renderDiagnostic(d, format);
    io.stderr(`${format === 'text' ? paint.diagnostic(text, d.severity) : text}\n`);
  }
}

export function countLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const notes = diagnostics.length - errors - warnings;
  return `${errors} error(s), ${warnings} warning(s)${notes ? `, ${notes} note(s)` : ''}`;
}

const ESC = '\u001b[';

/** ANSI colours only when stderr is a terminal and NO_COLOR is not set; identity otherwise. */
export function colours(io: Io) {
  const env = io.env ?? process.env;
  const on = io.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
  const wrap = (code: string) => (text: string) => (on ? `${ESC}${code}m${text}${ESC}0m` : text);
  const red = wrap('31');
  const yellow = wrap('33');
  const green = wrap('32');
  const dim = wrap('2');
  return {
    red,
    yellow,
    green,
    dim,
    diagnostic(text: string, severity: Diagnostic['severity']): string {
      if (!on) return text;
      const [first = '', ...rest] = text.split('\n');
      const paint = severity === 'error' ? red : severity === 'warning' ? yellow : dim;
      const head = first.replace(` ${severity} `, ` ${paint(severity)} `);
      return [head, ...rest.map(dim)].join('\n');
    },
  };
}

/**
 * A `\r`-updated progress line on stderr for long runs: only on a terminal, never in CI
 * (CI=true) or with --quiet. `done()` clears it before the summary.
 */
export function progressLine(io: Io, quiet: boolean | undefined, label: string) {
  const env = io.env ?? process.env;
  const enabled = io.isTTY === true && env.CI !== 'true' && !quiet;
  let shown = false;
  let last = 0;
  return {
    update(done: number, total: number, item: string): void {
      if (!enabled) return;
      const now = performance.now();
      if (done < total && now - last < 50) return;
      last = now;
      const text = `${label} ${done}/${total} ${item}`.slice(0, 79);
      io.stderr(`\r${text.padEnd(79)}`);
      shown = true;
    },
    done(): void {
      if (shown) io.stderr(`\r${' '.repeat(79)}\r`);
      shown = false;
    },
  };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

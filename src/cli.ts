/** Command-line wiring only: argv -> batch -> print diagnostics -> exit code. */
import { Command, CommanderError, Option } from 'commander';
import { runBatch } from './batch.js';
import type { SpecResult } from './pipeline.js';
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { renderDiagnostic, type DiagnosticFormat } from './diagnostics/render.js';
import { generatorInfo, loadTemplates } from './templates.js';
import { checkProject, type Drift } from './write/check.js';
import { expandInputs, UsageError } from './write/inputs.js';
import { writeProject } from './write/write.js';

export const EXIT = { ok: 0, specErrors: 1, usage: 2, drift: 3 } as const;

interface CommonOptions {
  format: DiagnosticFormat;
  quiet?: boolean;
}
interface OutputOptions extends CommonOptions {
  out: string;
  profile?: boolean;
}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('naftiko-gen')
    .description('Generate standalone TypeScript REST + MCP services from Naftiko capability specs.')
    .version(generatorInfo().version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const formatOption = () =>
    new Option('--format <format>', 'diagnostics as text, JSON lines or GitHub annotations').choices(['text', 'json', 'github']).default('text');
  program
    .command('build')
    .description('generate one project per spec into the output directory (nothing is written if any spec has errors)')
    .argument('<spec...>', 'spec files or directories (every *.yaml / *.yml under them)')
    .option('-o, --out <dir>', 'output directory', 'generated')
    .addOption(formatOption())
    .option('-q, --quiet', 'print diagnostics only')
    .option('--profile', 'print the time spent in each stage')
    .action(async (specs: string[], opts: OutputOptions) => {
      exitCode = await build(specs, opts, io);
    });
  program
    .command('validate')
    .description('check specs and print diagnostics without generating')
    .argument('<spec...>', 'spec files or directories')
    .addOption(formatOption())
    .action(async (specs: string[], opts: CommonOptions) => {
      exitCode = await validate(specs, opts, io);
    });
  program
    .command('check')
    .description('exit 3 when the output directory differs from what build would write (drift)')
    .argument('<spec...>', 'spec files or directories')
    .option('-o, --out <dir>', 'output directory', 'generated')
    .addOption(formatOption())
    .action(async (specs: string[], opts: OutputOptions) => {
      exitCode = await check(specs, opts, io);
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      io.stderr(`naftiko-gen: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`naftiko-gen: internal error, please report it: ${(error as Error).stack ?? String(error)}\n`);
    return EXIT.usage;
  }
}

async function analyze(specs: string[], emit: boolean) {
  const paths = expandInputs(specs);
  if (paths.length === 0) throw new UsageError(`no *.yaml or *.yml specs found in ${specs.join(', ')}`);
  return runBatch(paths, { templates: loadTemplates(), generator: generatorInfo(), emit });
}

function printDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, io: Io): void {
  for (const d of diagnostics) io.stderr(`${renderDiagnostic(d, format)}\n`);
}

function summaryLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return `${errors} error(s), ${diagnostics.length - errors} warning(s)`;
}

async function validate(specs: string[], opts: CommonOptions, io: Io): Promise<number> {
  const { results, diagnostics } = await analyze(specs, false);
  printDiagnostics(diagnostics, opts.format, io);
  if (opts.format === 'text') io.stderr(`validated ${results.length} spec(s): ${summaryLine(diagnostics)}\n`);
  return hasErrors(diagnostics) ? EXIT.specErrors : EXIT.ok;
}

async function build(specs: string[], opts: OutputOptions, io: Io): Promise<number> {
  const { results, diagnostics } = await analyze(specs, true);
  printDiagnostics(diagnostics, opts.format, io);
  if (hasErrors(diagnostics)) {
    io.stderr(`build failed: ${summaryLine(diagnostics)}; nothing was written\n`);
    return EXIT.specErrors;
  }
  let written = 0;
  let unchanged = 0;
  const writeStart = performance.now();
  for (const r of results) {
    if (r.files.length === 0) continue;
    const summary = writeProject(opts.out, r.id, r.files);
    written += summary.written.length + summary.removed.length;
    unchanged += summary.unchanged.length;
  }
  if (opts.profile) io.stderr(profileReport(results, performance.now() - writeStart));
  if (!opts.quiet) io.stderr(`built ${results.length} project(s) into ${opts.out}: ${written} file(s) changed, ${unchanged} unchanged; ${summaryLine(diagnostics)}\n`);
  return EXIT.ok;
}

function profileReport(results: readonly SpecResult[], writeMs: number): string {
  const totals = new Map<string, number>();
  for (const r of results) for (const [stage, ms] of Object.entries(r.timings)) totals.set(stage, (totals.get(stage) ?? 0) + (ms ?? 0));
  totals.set('write', writeMs);
  const lines = [...totals].map(([stage, ms]) => `  ${stage.padEnd(9)}${ms.toFixed(1).padStart(10)} ms`);
  return `profile (${results.length} spec(s)):\n${lines.join('\n')}\n`;
}

async function check(specs: string[], opts: OutputOptions, io: Io): Promise<number> {
  const { results, diagnostics } = await analyze(specs, true);
  printDiagnostics(diagnostics, opts.format, io);
  if (hasErrors(diagnostics)) return EXIT.specErrors;
  const drift: Drift = { stale: [], missing: [], orphan: [] };
  for (const r of results) {
    if (r.files.length === 0) continue;
    const d = checkProject(opts.out, r.id, r.files);
    drift.stale.push(...d.stale);
    drift.missing.push(...d.missing);
    drift.orphan.push(...d.orphan);
  }
  const total = drift.stale.length + drift.missing.length + drift.orphan.length;
  if (total === 0) {
    io.stderr(`${opts.out} is up to date with ${results.length} spec(s)\n`);
    return EXIT.ok;
  }
  for (const [kind, list] of Object.entries(drift)) for (const path of list as string[]) io.stderr(`${kind}: ${opts.out}/${path}\n`);
  io.stderr(`${opts.out} is out of date (${total} file(s)); run: naftiko-gen build ${specs.join(' ')} -o ${opts.out}\n`);
  return EXIT.drift;
}

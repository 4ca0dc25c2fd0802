/**
 * `build`: generate every project. By default all or nothing: every spec is checked first and,
 * when any has errors, nothing is written. With --skip-invalid every spec that can be generated is
 * written as soon as it is ready, and each one that cannot is reported and left as it was on disk
 * (exit code 1 still says something failed).
 */
import { contestedInputs, unique } from '../batch.js';
import { compareDiagnostics, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SpecResult } from '../pipeline.js';
import { generatorInfo } from '../templates.js';
import { displayPath, type SpecPathInput } from '../write/inputs.js';
import { renewManifests } from '../write/reuse.js';
import { analyzeInputs, colours, countLine, EXIT, printDiagnostics, progressLine, type Io, type OutputOptions, specInputs } from './common.js';
import { Outcomes, summaryLine } from './outcomes.js';
import { writeReport } from './report-file.js';

export { summaryLine } from './outcomes.js';

/** Results keep only what the summary and the report need: models and files go as each spec is done. */
const lean = (r: SpecResult): SpecResult => ({ ...r, model: undefined, files: [] });

/** One build run: its options, what it has done, and the generation that writes as it goes. */
class Run {
  readonly outcomes: Outcomes;
  readonly reuse: Pick<OutputOptions, 'reuseFrom'>;
  readonly results: SpecResult[] = [];
  workers = 0;
  writeMs = 0;
  private done = 0;
  private readonly progress;

  constructor(
    readonly opts: OutputOptions,
    private readonly io: Io,
    readonly total: number,
  ) {
    this.outcomes = new Outcomes(opts.out);
    this.reuse = opts.force ? {} : { reuseFrom: opts.out };
    this.progress = progressLine(io, opts.quiet, 'generating');
  }

  /** Generates `inputs` on the worker pool and writes each project as its result arrives. */
  async generate(inputs: readonly SpecPathInput[], reuse: boolean): Promise<Diagnostic[]> {
    if (inputs.length === 0) return [];
    const consume = (r: SpecResult): SpecResult => {
      const start = performance.now();
      this.outcomes.write(r);
      this.writeMs += performance.now() - start;
      return lean(r);
    };
    const onDone = (r: SpecResult) => this.progress.update(++this.done, this.total, r.file);
    const batch = await analyzeInputs(inputs, { ...this.opts, ...(reuse ? this.reuse : {}) }, true, onDone, consume);
    this.results.push(...batch.results);
    this.workers = Math.max(this.workers, batch.workers);
    return [...batch.diagnostics];
  }

  /** Projects written, summary line, exit code and --report file. */
  async finish(inputs: readonly SpecPathInput[], diagnostics: readonly Diagnostic[], started: number): Promise<number> {
    this.progress.done();
    this.outcomes.finishOutput();
    await renewManifests(this.opts.out, this.outcomes.writtenDirs);
    if (this.opts.profile) this.io.stderr(profileReport(this.results, this.workers, this.writeMs));
    const { totals } = this.outcomes;
    if (!this.opts.quiet) this.io.stderr(`${summaryLine(inputs.length, this.opts.out, totals, diagnostics, performance.now() - started)}\n`);
    if (totals.rejected > 0) {
      this.io.stderr(`${colours(this.io).red(`${totals.rejected} spec(s) rejected`)}: nothing was written for them (their previous projects, if any, are unchanged)\n`);
    }
    return this.report(inputs, totals.rejected > 0 ? EXIT.specErrors : EXIT.ok);
  }

  report(inputs: readonly SpecPathInput[], code: number): number {
    if (!this.opts.report) return code;
    const header = { version: generatorInfo().version, layout: this.opts.layout ?? 'flat', skipInvalid: this.opts.skipInvalid ?? false };
    writeReport(this.opts.report, this.outcomes.report(inputs.map((i) => displayPath(i.path)), header));
    return code;
  }
}

export async function build(specs: string[], opts: OutputOptions, io: Io): Promise<number> {
  const started = performance.now();
  const inputs = specInputs(specs, opts.layout);
  const run = new Run(opts, io, inputs.length);
  return opts.skipInvalid ? keepGoing(run, inputs, started, io) : allOrNothing(run, inputs, started, io);
}

/**
 * Two passes: every spec is checked before anything is written, then each project is generated
 * and written at once, so memory does not grow with the number of specs.
 */
async function allOrNothing(run: Run, inputs: readonly SpecPathInput[], started: number, io: Io): Promise<number> {
  const checked = await analyzeInputs(inputs, { ...run.opts, ...run.reuse }, false, undefined, lean);
  printDiagnostics(checked.diagnostics, run.opts.format, io);
  if (hasErrors(checked.diagnostics)) {
    for (const r of checked.results) run.outcomes.record(r, hasErrors(r.diagnostics) ? 'rejected' : r.diagnostics.some((d) => d.code === 'NG2117') ? 'skipped-as-shared' : 'not-written');
    io.stderr(`${colours(io).red('build failed')}: ${countLine(checked.diagnostics)}; nothing was written (--skip-invalid writes the specs without errors)\n`);
    return run.report(inputs, EXIT.specErrors);
  }
  // The first pass decided which projects are up to date: the rest are generated without asking again.
  const reused = checked.results.filter((r) => r.reused);
  for (const r of reused) run.outcomes.write(r);
  run.results.push(...reused);
  const reusedFiles = new Set(reused.map((r) => r.file));
  const late = await run.generate(
    inputs.filter((input) => !reusedFiles.has(displayPath(input.path))),
    false,
  );
  // An error only generation finds (none is known) still keeps that spec's project as it was.
  printDiagnostics(late.filter((d) => d.severity === 'error'), run.opts.format, io);
  return run.finish(inputs, checked.diagnostics, started);
}

/**
 * One pass: each spec is generated and written (or rejected) as soon as it is ready. Only specs
 * whose project directories could clash are checked first, so the first of them that generates
 * keeps the directory, whatever order the workers finish in.
 */
async function keepGoing(run: Run, inputs: readonly SpecPathInput[], started: number, io: Io): Promise<number> {
  const contested = contestedInputs(inputs);
  const diagnostics = await run.generate(
    inputs.filter((i) => !contested.has(i)),
    true,
  );
  if (contested.size > 0) {
    const judged = await analyzeInputs([...contested], { ...run.opts, ...run.reuse }, false, undefined, lean);
    const decided = judged.results.filter((r) => r.reused || !r.generates || hasErrors(r.diagnostics));
    for (const r of decided) run.outcomes.write(r);
    run.results.push(...decided);
    const decidedFiles = new Set(decided.map((r) => r.file));
    await run.generate(
      [...contested].filter((i) => !decidedFiles.has(displayPath(i.path))),
      false,
    );
    diagnostics.push(...judged.diagnostics);
  }
  const all = unique(diagnostics).sort(compareDiagnostics);
  printDiagnostics(all, run.opts.format, io);
  return run.finish(inputs, all, started);
}

function profileReport(results: readonly SpecResult[], workers: number, writeMs: number): string {
  const totals = new Map<string, number>();
  for (const r of results) for (const [stage, ms] of Object.entries(r.timings)) totals.set(stage, (totals.get(stage) ?? 0) + (ms ?? 0));
  totals.set('write', writeMs);
  const lines = [...totals].map(([stage, ms]) => `  ${stage.padEnd(9)}${ms.toFixed(1).padStart(10)} ms`);
  // With workers, stage times are summed over threads running at once: more than the wall time.
  const on = workers ? `, summed over ${workers} worker threads` : '';
  return `profile (${results.length} spec(s)${on}):\n${lines.join('\n')}\n`;
}

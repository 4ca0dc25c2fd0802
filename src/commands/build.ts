/**
 * `build`: generate every project. By default all or nothing: every spec is checked first and,
 * when any has errors, nothing is written. With --skip-invalid every spec that can be generated is
 * written as soon as it is ready, and each one that cannot is reported and left as it was on disk
 * (exit code 1 still says something failed).
 */
import { join } from 'node:path';
import { contestedInputs, unique } from '../batch.js';
import { compareDiagnostics, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { hookStubTexts } from '../emit/ts/hooks.js';
import { typingLine, typingTotals } from '../model/typing-summary.js';
import type { Analysis, SpecResult } from '../pipeline.js';
import { generatorInfo } from '../templates.js';
import { workerCount } from '../workers/pool.js';
import { hookPointChange, type HookPointChange } from '../write/hook-points.js';
import { displayPath, type SpecPathInput } from '../write/inputs.js';
import { renewManifests } from '../write/reuse.js';
import { updateHooksFile, type HooksUpdate, type WantedHooks } from '../write/update-hooks.js';
import { analyzeInputs, colours, countLine, EXIT, printDiagnostics, progressLine, type Io, type OutputOptions, specInputs } from './common.js';
import { Outcomes, summaryLine } from './outcomes.js';
import { writeReport } from './report-file.js';

export { summaryLine } from './outcomes.js';

/** Results keep only what the summary and the report need: models, analyses and files go as each spec is done. */
const lean = (r: SpecResult): SpecResult => ({ ...r, model: undefined, analysis: undefined, files: [] });

/** The most specs whose analyses `build` keeps between its passes (models are not small). */
const KEPT_ANALYSES = 32;

/**
 * Analyses kept from a check pass for the generate pass that follows it: only for a spec set
 * generated on this thread (too few specs for workers, or --jobs 1), up to KEPT_ANALYSES specs so
 * memory stays flat.
 */
class KeptAnalyses {
  readonly analyses = new Map<string, Analysis>();
  readonly keepAnalysis: boolean;

  constructor(count: number, jobs: number | undefined) {
    this.keepAnalysis = count <= KEPT_ANALYSES && workerCount(count, jobs) === 0;
  }

  /** The check pass's `consume`. */
  readonly keep = (r: SpecResult): SpecResult => {
    if (r.analysis) this.analyses.set(r.file, r.analysis);
    return lean(r);
  };
}

/** One build run: its options, what it has done, and the generation that writes as it goes. */
class Run {
  readonly outcomes: Outcomes;
  readonly reuse: Pick<OutputOptions, 'reuseFrom'>;
  readonly results: SpecResult[] = [];
  workers = 0;
  writeMs = 0;
  private done = 0;
  private readonly progress;
  private readonly hookNotes: string[] = [];
  private readonly hookUpdates: { dir: string; wanted: WantedHooks }[] = [];

  constructor(
    readonly opts: OutputOptions,
    private readonly io: Io,
    readonly total: number,
  ) {
    this.outcomes = new Outcomes(opts.out);
    // --update-hooks needs every project's model, so nothing is skipped as up to date.
    this.reuse = opts.force || opts.updateHooks ? {} : { reuseFrom: opts.out };
    this.progress = progressLine(io, opts.quiet, 'generating');
  }

  /** Generates `inputs` on the worker pool and writes each project as its result arrives. */
  async generate(inputs: readonly SpecPathInput[], reuse: boolean, analyses?: ReadonlyMap<string, Analysis>): Promise<Diagnostic[]> {
    if (inputs.length === 0) return [];
    const consume = (r: SpecResult): SpecResult => {
      const start = performance.now();
      const written = r.files.length > 0 && !hasErrors(r.diagnostics);
      // Read from the manifest on disk, so before the project is written over.
      const change = written ? hookPointChange(this.opts.out, r.dir, r.files) : undefined;
      this.outcomes.write(r);
      this.writeMs += performance.now() - start;
      if (this.opts.updateHooks && written && r.model) this.hookUpdates.push({ dir: r.dir, wanted: hookStubTexts(r.model) });
      else if (change) this.hookNotes.push(...hookPointNotes(r.dir, change));
      return lean(r);
    };
    const onDone = (r: SpecResult) => this.progress.update(++this.done, this.total, r.file);
    // Worker threads send files back, not models: --update-hooks needs the models, so it runs on one thread.
    const opts = { ...this.opts, ...(reuse ? this.reuse : {}), ...(this.opts.updateHooks ? { jobs: 1 } : {}) };
    const batch = await analyzeInputs(inputs, opts, true, onDone, consume, analyses ? { analyses } : {});
    this.results.push(...batch.results);
    this.workers = Math.max(this.workers, batch.workers);
    return [...batch.diagnostics];
  }

  /** Hook notes, projects written, summary line, exit code and --report file. */
  async finish(inputs: readonly SpecPathInput[], diagnostics: readonly Diagnostic[], started: number): Promise<number> {
    this.progress.done();
    this.outcomes.finishOutput();
    for (const { dir, wanted } of this.hookUpdates) this.hookNotes.push(...updateNotes(dir, updateHooksFile(join(this.opts.out, ...dir.split('/')), wanted)));
    await renewManifests(this.opts.out, this.outcomes.writtenDirs);
    if (!this.opts.quiet) for (const note of this.hookNotes) this.io.stderr(`${note}\n`);
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
  const kept = new KeptAnalyses(inputs.length, run.opts.jobs);
  const checked = await analyzeInputs(inputs, { ...run.opts, ...run.reuse }, false, undefined, kept.keep, { keepAnalysis: kept.keepAnalysis });
  printDiagnostics(checked.diagnostics, run.opts.format, io);
  if (run.opts.contracts && !run.opts.quiet) printTyping(checked.results, io);
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
    kept.analyses,
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
    const kept = new KeptAnalyses(contested.size, run.opts.jobs);
    const judged = await analyzeInputs([...contested], { ...run.opts, ...run.reuse }, false, undefined, kept.keep, { keepAnalysis: kept.keepAnalysis });
    const decided = judged.results.filter((r) => r.reused || !r.generates || hasErrors(r.diagnostics));
    for (const r of decided) run.outcomes.write(r);
    run.results.push(...decided);
    const decidedFiles = new Set(decided.map((r) => r.file));
    await run.generate(
      [...contested].filter((i) => !decidedFiles.has(displayPath(i.path))),
      false,
      kept.analyses,
    );
    diagnostics.push(...judged.diagnostics);
  }
  const all = unique(diagnostics).sort(compareDiagnostics);
  printDiagnostics(all, run.opts.format, io);
  if (run.opts.contracts && !run.opts.quiet) printTyping(run.results, io);
  return run.finish(inputs, all, started);
}

/** `--openapi`: how many consumed operations were matched and typed (specs reused are not counted). */
export function printTyping(results: readonly SpecResult[], io: Io): void {
  const analysed = results.filter((r) => r.typing);
  const reused = results.filter((r) => r.reused).length;
  if (analysed.length === 0) return;
  const upToDate = reused ? `; ${reused} project(s) up to date not counted` : '';
  io.stderr(`openapi: ${typingLine(typingTotals(analysed.map((r) => r.typing!)))}${upToDate}\n`);
}

const quoted = (keys: readonly string[]) => keys.map((k) => `'${k}'`).join(', ');

/** What a rebuild changed in the hook points src/hooks.ts may fill. */
function hookPointNotes(dir: string, change: HookPointChange): string[] {
  return [
    ...(change.added.length ? [`${dir}: new hook points for src/hooks.ts: ${quoted(change.added)} (naftiko-gen build --update-hooks adds their typed stubs)`] : []),
    ...(change.removed.length ? [`${dir}: hook points gone: ${quoted(change.removed)} (a hook for them in src/hooks.ts no longer compiles; --update-hooks removes the stubs still empty)`] : []),
  ];
}

function updateNotes(dir: string, update: HooksUpdate): string[] {
  if (update.problem) return [`${dir}: src/hooks.ts not updated: ${update.problem}`];
  return [
    ...(update.added.length ? [`${dir}: src/hooks.ts: added stubs for ${quoted(update.added)}`] : []),
    ...(update.removed.length ? [`${dir}: src/hooks.ts: removed the empty stubs of ${quoted(update.removed)}`] : []),
    ...(update.stale.length ? [`${dir}: src/hooks.ts still hooks ${quoted(update.stale)}, which the spec no longer has: remove or move that code (tsc names the line)`] : []),
  ];
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

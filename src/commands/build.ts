/**
 * `build`: generate every project. By default all or nothing: when any spec has errors, nothing is
 * written. With --skip-invalid every spec that can be generated is written and each one that
 * cannot is reported and left as it was on disk (exit code 1 still says something failed).
 */
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { SpecResult } from '../pipeline.js';
import { generatorInfo } from '../templates.js';
import { renewManifests } from '../write/reuse.js';
import { displayPath } from '../write/inputs.js';
import { analyzeInputs, colours, countLine, EXIT, printDiagnostics, progressLine, type Io, type OutputOptions, specInputs } from './common.js';
import { Outcomes, summaryLine } from './outcomes.js';
import { writeReport } from './report-file.js';

export { summaryLine } from './outcomes.js';

export async function build(specs: string[], opts: OutputOptions, io: Io): Promise<number> {
  const started = performance.now();
  const progress = progressLine(io, opts.quiet, 'generating');
  let done = 0;
  const reuse = opts.force ? {} : { reuseFrom: opts.out };
  const inputs = specInputs(specs, opts.layout);
  // Two passes: every spec is checked before anything is written, then each project is generated
  // and written at once, so memory does not grow with the number of specs. Results keep only what
  // the summary and the report need: models and files are dropped as each spec is done.
  const lean = (r: SpecResult): SpecResult => ({ ...r, model: undefined, files: [] });
  const checked = await analyzeInputs(inputs, { ...opts, ...reuse }, false, undefined, lean);
  printDiagnostics(checked.diagnostics, opts.format, io);
  const outcomes = new Outcomes(opts.out);
  const order = checked.results.map((r) => r.file);
  const finish = (code: number) => {
    if (opts.report) writeReport(opts.report, outcomes.report(order, { version: generatorInfo().version, layout: opts.layout ?? 'flat', skipInvalid: opts.skipInvalid ?? false }));
    return code;
  };
  const rejected = checked.results.filter((r) => hasErrors(r.diagnostics));
  if (rejected.length > 0 && !opts.skipInvalid) {
    for (const r of checked.results) outcomes.record(r, hasErrors(r.diagnostics) ? 'rejected' : r.diagnostics.some((d) => d.code === 'NG2117') ? 'skipped-as-shared' : 'not-written');
    io.stderr(`${colours(io).red('build failed')}: ${countLine(checked.diagnostics)}; nothing was written (--skip-invalid writes the specs without errors)\n`);
    return finish(EXIT.specErrors);
  }
  // The first pass decided which projects are up to date and which specs are rejected: the rest
  // are generated without asking again.
  const decided = new Set([...checked.results.filter((r) => r.reused), ...rejected].map((r) => r.file));
  for (const r of checked.results.filter((x) => decided.has(x.file))) outcomes.write(r);
  const toGenerate = inputs.filter((input) => !decided.has(displayPath(input.path)));
  let writeMs = 0;
  const consume = (r: SpecResult): SpecResult => {
    const start = performance.now();
    // An error only generation finds (none is known) still keeps the spec's project as it was.
    if (hasErrors(r.diagnostics)) printDiagnostics(r.diagnostics, opts.format, io);
    outcomes.write(r);
    writeMs += performance.now() - start;
    return lean(r);
  };
  const onDone = (r: SpecResult) => progress.update(++done, toGenerate.length, r.file);
  const generated = toGenerate.length ? await analyzeInputs(toGenerate, opts, true, onDone, consume) : undefined;
  progress.done();
  outcomes.finishOutput();
  await renewManifests(opts.out, outcomes.writtenDirs);
  if (opts.profile) io.stderr(profileReport([...checked.results.filter((r) => r.reused), ...(generated?.results ?? [])], generated?.workers ?? 0, writeMs));
  const { totals } = outcomes;
  if (!opts.quiet) io.stderr(`${summaryLine(inputs.length, opts.out, totals, checked.diagnostics, performance.now() - started)}\n`);
  if (totals.rejected === 0) return finish(EXIT.ok);
  io.stderr(`${colours(io).red(`${totals.rejected} spec(s) rejected`)}: nothing was written for them (their previous projects, if any, are unchanged)\n`);
  return finish(EXIT.specErrors);
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

/** `build`: generate every project, or write nothing when any spec has errors. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MANIFEST_PATH } from '../emit/manifest.js';
import type { SpecResult } from '../pipeline.js';
import { pruneGitattributes, writeGitattributes } from '../write/gitattributes.js';
import { renewManifests } from '../write/reuse.js';
import { writeProject } from '../write/write.js';
import { analyzeInputs, colours, countLine, EXIT, printDiagnostics, progressLine, seconds, type Io, type OutputOptions, specInputs } from './common.js';
import { displayPath } from '../write/inputs.js';
import { typingLine, typingTotals } from '../model/typing-summary.js';

export interface WriteTotals {
  /** Projects with at least one file written or removed. */
  written: number;
  /** Projects already up to date. */
  unchanged: number;
  /** Specs that generate no project (imported-only files). */
  skipped: number;
  changedFiles: number;
  unchangedFiles: number;
}

export async function build(specs: string[], opts: OutputOptions, io: Io): Promise<number> {
  const started = performance.now();
  const progress = progressLine(io, opts.quiet, 'generating');
  let done = 0;
  const reuse = opts.force ? {} : { reuseFrom: opts.out };
  const inputs = specInputs(specs);
  // Two passes: every spec is checked before anything is written (a spec set with errors writes
  // nothing), then each project is generated and written at once, so memory does not grow with it.
  // Results keep only what the summary needs: models and files are dropped as each spec is done.
  const lean = (r: SpecResult): SpecResult => ({ ...r, model: undefined, files: [] });
  const checked = await analyzeInputs(inputs, { ...opts, ...reuse }, false, undefined, lean);
  printDiagnostics(checked.diagnostics, opts.format, io);
  if (opts.contracts && !opts.quiet) printTyping(checked.results, io);
  if (hasErrors(checked.diagnostics)) {
    io.stderr(`${colours(io).red('build failed')}: ${countLine(checked.diagnostics)}; nothing was written\n`);
    return EXIT.specErrors;
  }
  // The first pass decided which projects are up to date: the rest are generated without asking again.
  const reused = checked.results.filter((r) => r.reused);
  const reusedFiles = new Set(reused.map((r) => r.file));
  const toGenerate = inputs.filter((input) => !reusedFiles.has(displayPath(input.path)));
  const totals = { ...emptyTotals(), unchanged: reused.length };
  let writeMs = 0;
  const written: string[] = [];
  const consume = (r: SpecResult): SpecResult => {
    const start = performance.now();
    if (writeResult(r, opts.out, totals)) written.push(r.id);
    writeMs += performance.now() - start;
    return lean(r);
  };
  const onDone = (r: SpecResult) => progress.update(++done, toGenerate.length, r.file);
  const generated = toGenerate.length ? await analyzeInputs(toGenerate, opts, true, onDone, consume) : undefined;
  progress.done();
  finishOutput(opts.out, totals);
  await renewManifests(opts.out, written);
  if (opts.profile) io.stderr(profileReport([...reused, ...(generated?.results ?? [])], generated?.workers ?? 0, writeMs));
  if (!opts.quiet) io.stderr(`${summaryLine(inputs.length, opts.out, totals, checked.diagnostics, performance.now() - started)}\n`);
  return EXIT.ok;
}

/** `--openapi`: how many consumed operations were matched and typed (specs reused are not counted). */
export function printTyping(results: readonly SpecResult[], io: Io): void {
  const analysed = results.filter((r) => r.typing);
  const reused = results.filter((r) => r.reused).length;
  if (analysed.length === 0) return;
  const upToDate = reused ? `; ${reused} project(s) up to date not counted` : '';
  io.stderr(`openapi: ${typingLine(typingTotals(analysed.map((r) => r.typing!)))}${upToDate}\n`);
}

/** Writes every result that has files, plus the output root's .gitattributes. */
export function writeResults(results: readonly SpecResult[], out: string): WriteTotals {
  const totals = emptyTotals();
  for (const r of results) writeResult(r, out, totals);
  finishOutput(out, totals);
  return totals;
}

function emptyTotals(): WriteTotals {
  return { written: 0, unchanged: 0, skipped: 0, changedFiles: 0, unchangedFiles: 0 };
}

/** Writes one result's project (if it has one) and counts what changed; true when files changed. */
function writeResult(r: SpecResult, out: string, totals: WriteTotals): boolean {
  if (r.reused) {
    totals.unchanged++;
    return false;
  }
  if (r.files.length === 0) {
    totals.skipped++;
    return false;
  }
  const summary = writeProject(out, r.id, r.files);
  const changed = summary.written.length + summary.removed.length;
  if (changed) totals.written++;
  else totals.unchanged++;
  totals.changedFiles += changed;
  totals.unchangedFiles += summary.unchanged.length;
  return changed > 0;
}

/** The output root's .gitattributes, written while it holds projects and pruned after. */
function finishOutput(out: string, totals: WriteTotals): void {
  if (totals.written + totals.unchanged > 0) {
    if (writeGitattributes(out) === 'written') totals.changedFiles++;
  } else if (existsSync(out) && !holdsProjects(out)) {
    if (pruneGitattributes(out)) totals.changedFiles++;
  }
}

/** The output directory still holds a generated project (a folder with a manifest). */
function holdsProjects(out: string): boolean {
  return readdirSync(out, { withFileTypes: true }).some((e) => e.isDirectory() && existsSync(join(out, e.name, MANIFEST_PATH)));
}

export function summaryLine(specs: number, out: string, t: WriteTotals, diagnostics: readonly Diagnostic[], ms: number): string {
  const projects = t.written + t.unchanged;
  return (
    `built ${projects} project(s) from ${specs} spec(s) into ${out}: ${t.changedFiles} file(s) changed, ${t.unchangedFiles} unchanged; ` +
    `projects: ${t.written} written, ${t.unchanged} unchanged, ${t.skipped} skipped; ${countLine(diagnostics)}; ${seconds(ms)}`
  );
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

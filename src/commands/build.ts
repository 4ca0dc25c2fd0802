/** `build`: generate every project, or write nothing when any spec has errors. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MANIFEST_PATH } from '../emit/manifest.js';
import type { SpecResult } from '../pipeline.js';
import { pruneGitattributes, writeGitattributes } from '../write/gitattributes.js';
import { writeProject } from '../write/write.js';
import { analyze, colours, countLine, EXIT, printDiagnostics, progressLine, seconds, type Io, type OutputOptions } from './common.js';

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
  // Two passes: every spec is checked before anything is written (a spec set with errors writes
  // nothing), then each project is generated and written at once, so memory does not grow with it.
  // Results keep only what the summary needs: models and files are dropped as each spec is done.
  const lean = (r: SpecResult): SpecResult => ({ ...r, model: undefined, files: [] });
  const { diagnostics } = await analyze(specs, { ...opts, ...reuse }, false, undefined, lean);
  printDiagnostics(diagnostics, opts.format, io);
  if (hasErrors(diagnostics)) {
    io.stderr(`${colours(io).red('build failed')}: ${countLine(diagnostics)}; nothing was written\n`);
    return EXIT.specErrors;
  }
  const totals = emptyTotals();
  let writeMs = 0;
  const consume = (r: SpecResult): SpecResult => {
    const start = performance.now();
    writeResult(r, opts.out, totals);
    writeMs += performance.now() - start;
    return lean(r);
  };
  const { results } = await analyze(specs, { ...opts, ...reuse }, true, (r, total) => progress.update(++done, total, r.file), consume);
  progress.done();
  finishOutput(opts.out, totals);
  if (opts.profile) io.stderr(profileReport(results, writeMs));
  if (!opts.quiet) io.stderr(`${summaryLine(results.length, opts.out, totals, diagnostics, performance.now() - started)}\n`);
  return EXIT.ok;
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

/** Writes one result's project (if it has one) and counts what changed. */
function writeResult(r: SpecResult, out: string, totals: WriteTotals): void {
  if (r.reused) {
    totals.unchanged++;
    return;
  }
  if (r.files.length === 0) {
    totals.skipped++;
    return;
  }
  const summary = writeProject(out, r.id, r.files);
  const changed = summary.written.length + summary.removed.length;
  if (changed) totals.written++;
  else totals.unchanged++;
  totals.changedFiles += changed;
  totals.unchangedFiles += summary.unchanged.length;
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

function profileReport(results: readonly SpecResult[], writeMs: number): string {
  const totals = new Map<string, number>();
  for (const r of results) for (const [stage, ms] of Object.entries(r.timings)) totals.set(stage, (totals.get(stage) ?? 0) + (ms ?? 0));
  totals.set('write', writeMs);
  const lines = [...totals].map(([stage, ms]) => `  ${stage.padEnd(9)}${ms.toFixed(1).padStart(10)} ms`);
  return `profile (${results.length} spec(s)):\n${lines.join('\n')}\n`;
}

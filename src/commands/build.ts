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
  const { results, diagnostics } = await analyze(specs, { ...opts, ...reuse }, true, (r, total) => progress.update(++done, total, r.file));
  progress.done();
  printDiagnostics(diagnostics, opts.format, io);
  if (hasErrors(diagnostics)) {
    io.stderr(`${colours(io).red('build failed')}: ${countLine(diagnostics)}; nothing was written\n`);
    return EXIT.specErrors;
  }
  const writeStart = performance.now();
  const totals = writeResults(results, opts.out);
  if (opts.profile) io.stderr(profileReport(results, performance.now() - writeStart));
  if (!opts.quiet) io.stderr(`${summaryLine(results.length, opts.out, totals, diagnostics, performance.now() - started)}\n`);
  return EXIT.ok;
}

/** Writes every result that has files, plus the output root's .gitattributes. */
export function writeResults(results: readonly SpecResult[], out: string): WriteTotals {
  const totals: WriteTotals = { written: 0, unchanged: 0, skipped: 0, changedFiles: 0, unchangedFiles: 0 };
  for (const r of results) {
    if (r.reused) {
      totals.unchanged++;
      continue;
    }
    if (r.files.length === 0) {
      totals.skipped++;
      continue;
    }
    const summary = writeProject(out, r.id, r.files);
    const changed = summary.written.length + summary.removed.length;
    if (changed) totals.written++;
    else totals.unchanged++;
    totals.changedFiles += changed;
    totals.unchangedFiles += summary.unchanged.length;
  }
  if (totals.written + totals.unchanged > 0) {
    if (writeGitattributes(out) === 'written') totals.changedFiles++;
  } else if (existsSync(out) && !holdsProjects(out)) {
    if (pruneGitattributes(out)) totals.changedFiles++;
  }
  return totals;
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

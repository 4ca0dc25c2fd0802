/** `build`: generate every project, or write nothing when any spec has errors. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MANIFEST_PATH } from '../emit/manifest.js';
import type { Analysis, SpecResult } from '../pipeline.js';
import { workerCount } from '../workers/pool.js';
import { pruneGitattributes, writeGitattributes } from '../write/gitattributes.js';
import { renewManifests } from '../write/reuse.js';
import { writeProject } from '../write/write.js';
import { hookStubTexts } from '../emit/ts/hooks.js';
import { hookPointChange, type HookPointChange } from '../write/hook-points.js';
import { updateHooksFile, type HooksUpdate, type WantedHooks } from '../write/update-hooks.js';
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

/** The most specs whose analyses `build` keeps between its passes (models are not small). */
const KEPT_ANALYSES = 32;

export async function build(specs: string[], opts: OutputOptions, io: Io): Promise<number> {
  const started = performance.now();
  const progress = progressLine(io, opts.quiet, 'generating');
  let done = 0;
  // --update-hooks needs every project's model, so nothing is skipped as up to date.
  const reuse = opts.force || opts.updateHooks ? {} : { reuseFrom: opts.out };
  const inputs = specInputs(specs);
  // Two passes: every spec is checked before anything is written (a spec set with errors writes
  // nothing), then each project is generated and written at once, so memory does not grow with it.
  // Results keep only what the summary needs: models and files are dropped as each spec is done.
  const lean = (r: SpecResult): SpecResult => ({ ...r, model: undefined, analysis: undefined, files: [] });
  // A spec set generated on this thread (too few specs for workers, or --jobs 1) keeps each spec's
  // analysis from the first pass for the second, up to KEPT_ANALYSES specs so memory stays flat.
  const analyses = new Map<string, Analysis>();
  const keepAnalysis = inputs.length <= KEPT_ANALYSES && workerCount(inputs.length, opts.jobs) === 0;
  const check = (r: SpecResult): SpecResult => {
    if (r.analysis) analyses.set(r.file, r.analysis);
    return lean(r);
  };
  const checked = await analyzeInputs(inputs, { ...opts, ...reuse }, false, undefined, check, { keepAnalysis });
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
  const hookNotes: string[] = [];
  const hookUpdates: { id: string; wanted: WantedHooks }[] = [];
  const consume = (r: SpecResult): SpecResult => {
    const start = performance.now();
    const change = r.files.length ? hookPointChange(opts.out, r.id, r.files) : undefined;
    if (writeResult(r, opts.out, totals)) written.push(r.id);
    writeMs += performance.now() - start;
    if (opts.updateHooks && r.model && r.files.length) hookUpdates.push({ id: r.id, wanted: hookStubTexts(r.model) });
    else if (change) hookNotes.push(...hookPointNotes(r.id, change));
    return lean(r);
  };
  const onDone = (r: SpecResult) => progress.update(++done, toGenerate.length, r.file);
  // Worker threads send files back, not models: --update-hooks needs the models, so it runs on one thread.
  const generateOpts = opts.updateHooks ? { ...opts, jobs: 1 } : opts;
  const generated = toGenerate.length ? await analyzeInputs(toGenerate, generateOpts, true, onDone, consume, { analyses }) : undefined;
  progress.done();
  finishOutput(opts.out, totals);
  for (const { id, wanted } of hookUpdates) hookNotes.push(...updateNotes(id, updateHooksFile(join(opts.out, id), wanted)));
  await renewManifests(opts.out, written);
  if (!opts.quiet) for (const note of hookNotes) io.stderr(`${note}\n`);
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

const quoted = (keys: readonly string[]) => keys.map((k) => `'${k}'`).join(', ');

/** What a rebuild changed in the hook points src/hooks.ts may fill. */
function hookPointNotes(id: string, change: HookPointChange): string[] {
  return [
    ...(change.added.length ? [`${id}: new hook points for src/hooks.ts: ${quoted(change.added)} (naftiko-gen build --update-hooks adds their typed stubs)`] : []),
    ...(change.removed.length ? [`${id}: hook points gone: ${quoted(change.removed)} (a hook for them in src/hooks.ts no longer compiles; --update-hooks removes the stubs still empty)`] : []),
  ];
}

function updateNotes(id: string, update: HooksUpdate): string[] {
  if (update.problem) return [`${id}: src/hooks.ts not updated: ${update.problem}`];
  return [
    ...(update.added.length ? [`${id}: src/hooks.ts: added stubs for ${quoted(update.added)}`] : []),
    ...(update.removed.length ? [`${id}: src/hooks.ts: removed the empty stubs of ${quoted(update.removed)}`] : []),
    ...(update.stale.length ? [`${id}: src/hooks.ts still hooks ${quoted(update.stale)}, which the spec no longer has: remove or move that code (tsc names the line)`] : []),
  ];
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

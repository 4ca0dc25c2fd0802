/**
 * What `build` and `build --watch` did with each spec: writing a result's project, the counts of
 * the summary line, and the per-spec entries of the `--report` file.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MANIFEST_PATH } from '../emit/manifest.js';
import type { SpecResult } from '../pipeline.js';
import { makeReport, reportDiagnostics, verdictWithoutProject, type Report, type ReportEntry, type Verdict } from '../report/report.js';
import { pruneGitattributes, writeGitattributes } from '../write/gitattributes.js';
import type { Layout } from '../write/inputs.js';
import { writeProject } from '../write/write.js';
import { countLine, seconds } from './common.js';

export interface WriteTotals {
  /** Projects with at least one file written or removed. */
  written: number;
  /** Projects already up to date. */
  unchanged: number;
  /** Specs that generate no project (imported-only files). */
  skipped: number;
  /** Specs with errors: nothing written for them. */
  rejected: number;
  changedFiles: number;
  unchangedFiles: number;
}

/** One spec's outcome, kept small (no files, no model) so a run's memory does not grow with it. */
interface Outcome {
  readonly verdict: Verdict;
  readonly dir: string;
  readonly written: readonly string[];
  readonly removed: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Collects outcomes as results arrive, writes projects, and renders the summary and the report. */
export class Outcomes {
  readonly totals: WriteTotals = { written: 0, unchanged: 0, skipped: 0, rejected: 0, changedFiles: 0, unchangedFiles: 0 };
  /** Project directories written in this run (their manifests' ctime is renewed after). */
  readonly writtenDirs: string[] = [];
  private readonly byFile = new Map<string, Outcome>();

  constructor(private readonly out: string) {}

  /** Writes the result's project unless it has errors (its previous project, if any, stays as it was). */
  write(r: SpecResult): void {
    if (hasErrors(r.diagnostics)) return this.record(r, 'rejected');
    if (r.reused) {
      this.totals.unchangedFiles += r.reused.files;
      return this.record(r, 'unchanged');
    }
    if (r.files.length === 0) return this.record(r, verdictWithoutProject(r.diagnostics) ?? 'skipped-as-shared');
    const summary = writeProject(this.out, r.dir, r.files);
    const changed = summary.written.length + summary.removed.length;
    this.totals.changedFiles += changed;
    this.totals.unchangedFiles += summary.unchanged.length;
    if (changed) this.writtenDirs.push(r.dir);
    this.record(r, changed ? 'generated' : 'unchanged', summary);
  }

  /** A spec that is not written at all (all-or-nothing build with errors elsewhere). */
  record(r: Pick<SpecResult, 'file' | 'dir' | 'diagnostics'>, verdict: Verdict, files?: { written: readonly string[]; removed: readonly string[] }): void {
    if (verdict === 'generated') this.totals.written++;
    else if (verdict === 'unchanged') this.totals.unchanged++;
    else if (verdict === 'rejected') this.totals.rejected++;
    else if (verdict === 'skipped-as-shared') this.totals.skipped++;
    this.byFile.set(r.file, { verdict, dir: r.dir, written: files?.written ?? [], removed: files?.removed ?? [], diagnostics: r.diagnostics });
  }

  /** The output root's .gitattributes, written while it holds projects and pruned after. */
  finishOutput(): void {
    if (this.totals.written + this.totals.unchanged > 0) {
      if (writeGitattributes(this.out) === 'written') this.totals.changedFiles++;
    } else if (existsSync(this.out) && !holdsProjects(this.out)) {
      if (pruneGitattributes(this.out)) this.totals.changedFiles++;
    }
  }

  report(files: readonly string[], header: { version: string; layout: Layout; skipInvalid: boolean }): Report {
    const entries = files.flatMap((file): ReportEntry[] => {
      const o = this.byFile.get(file);
      if (!o) return [];
      const hasProject = o.verdict === 'generated' || o.verdict === 'unchanged';
      return [
        {
          spec: file,
          verdict: o.verdict,
          ...(hasProject ? { project: `${this.out.replace(/\/+$/, '')}/${o.dir}`, filesWritten: o.written, filesRemoved: o.removed } : {}),
          diagnostics: reportDiagnostics(o.diagnostics),
        },
      ];
    });
    const { version, layout, skipInvalid } = header;
    return makeReport({ tool: { name: 'naftiko-gen', version }, command: 'build', out: this.out, layout, skipInvalid }, entries);
  }
}

/** The output directory still holds a generated project (a folder with a manifest, at any depth). */
function holdsProjects(dir: string, depth = 0): boolean {
  if (depth > 32) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (existsSync(join(path, MANIFEST_PATH)) || holdsProjects(path, depth + 1)) return true;
  }
  return false;
}

export function summaryLine(specs: number, out: string, t: WriteTotals, diagnostics: readonly Diagnostic[], ms: number): string {
  const projects = t.written + t.unchanged;
  return (
    `built ${projects} project(s) from ${specs} spec(s) into ${out}: ${t.changedFiles} file(s) changed, ${t.unchangedFiles} unchanged; ` +
    `projects: ${t.written} written, ${t.unchanged} unchanged, ${t.skipped} skipped, ${t.rejected} rejected; ${countLine(diagnostics)}; ${seconds(ms)}`
  );
}

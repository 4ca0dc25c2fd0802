/**
 * `--report <file>`: what a build or check did with each spec, for machines (CI dashboards,
 * scripts). One entry per spec, in input order; pure data here, rendered as JSON or JUnit XML
 * (junit.ts) and written at the edge (commands/report-file.ts).
 */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticRecord } from '../diagnostics/render.js';
import type { Drift } from '../write/check.js';
import type { Layout } from '../write/inputs.js';

export type ReportFormat = 'json' | 'junit';

/**
 * build: `generated` (files written or removed), `unchanged` (already up to date), `skipped-as-shared`
 * (a file other specs import; no project of its own), `rejected` (errors: nothing written, its
 * previous project untouched), `not-written` (valid, but nothing was written because other specs
 * have errors and --skip-invalid is off). check: `up-to-date`, `out-of-date`, `skipped-as-shared`,
 * `rejected`.
 */
export type Verdict = 'generated' | 'unchanged' | 'skipped-as-shared' | 'rejected' | 'not-written' | 'up-to-date' | 'out-of-date';

/** A diagnostic as `--format json` prints it. */
export type ReportDiagnostic = Diagnostic;

export interface ReportEntry {
  /** The spec file, relative to the working directory, `/`-separated. */
  readonly spec: string;
  readonly verdict: Verdict;
  /** Its project directory (output directory included), when it has one. */
  readonly project?: string;
  /** build: project files written, relative to the project directory. */
  readonly filesWritten?: readonly string[];
  /** build: files of the previous generation that were removed. */
  readonly filesRemoved?: readonly string[];
  /** check: files that differ from what build would write, relative to the output directory. */
  readonly drift?: Drift;
  readonly diagnostics: readonly ReportDiagnostic[];
}

export interface Report {
  readonly tool: { readonly name: 'naftiko-gen'; readonly version: string };
  readonly command: 'build' | 'check';
  readonly out: string;
  readonly layout: Layout;
  readonly skipInvalid: boolean;
  readonly summary: { readonly specs: number; readonly errors: number; readonly warnings: number } & Readonly<Partial<Record<Verdict, number>>>;
  readonly specs: readonly ReportEntry[];
}

/** The verdict of a spec that did not produce a project: rejected (errors) or shared-only. */
export function verdictWithoutProject(diagnostics: readonly Diagnostic[]): Verdict | undefined {
  if (hasErrors(diagnostics)) return 'rejected';
  if (diagnostics.some((d) => d.code === 'NG2117')) return 'skipped-as-shared';
  return undefined;
}

export function reportDiagnostics(diagnostics: readonly Diagnostic[]): ReportDiagnostic[] {
  return diagnostics.map(diagnosticRecord);
}

export function makeReport(header: Omit<Report, 'summary' | 'specs'>, specs: readonly ReportEntry[]): Report {
  const verdicts: Partial<Record<Verdict, number>> = {};
  for (const s of specs) verdicts[s.verdict] = (verdicts[s.verdict] ?? 0) + 1;
  // A shared file's problems are listed under every spec importing it too: count each once.
  const seen = new Set<string>();
  let errors = 0;
  let warnings = 0;
  for (const d of specs.flatMap((s) => s.diagnostics)) {
    const key = `${d.file}:${d.line}:${d.col}:${d.code}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { ...header, summary: { specs: specs.length, ...verdicts, errors, warnings }, specs };
}

export function renderJsonReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

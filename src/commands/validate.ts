/** `validate`: diagnostics without generating; `--summary` counts verdicts and codes instead. */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { catalog, type DiagnosticCode } from '../diagnostics/catalog.js';
import type { SpecResult } from '../pipeline.js';
import { analyze, countLine, EXIT, printDiagnostics, type CommonOptions, type Io } from './common.js';
import { printTyping } from './build.js';

export interface ValidateOptions extends CommonOptions {
  summary?: boolean;
}

export type Verdict = 'generated' | 'warnings' | 'shared' | 'rejected';

/** One verdict per file: rejected (errors), shared (imported-only), warnings, or clean. */
export function verdictOf({ diagnostics }: Pick<SpecResult, 'diagnostics'>): Verdict {
  if (hasErrors(diagnostics)) return 'rejected';
  if (diagnostics.some((d) => d.code === 'NG2117')) return 'shared';
  return diagnostics.some((d) => d.severity === 'warning') ? 'warnings' : 'generated';
}

export async function validate(specs: string[], opts: ValidateOptions, io: Io): Promise<number> {
  const { results, diagnostics } = await analyze(specs, opts, false);
  if (opts.summary) io.stdout(summary(results, diagnostics));
  else printDiagnostics(diagnostics, opts.format, io);
  if (opts.format === 'text' && !opts.summary) {
    if (opts.contracts) printTyping(results, io);
    io.stderr(`validated ${results.length} spec(s): ${countLine(diagnostics)}\n`);
  }
  return hasErrors(diagnostics) ? EXIT.specErrors : EXIT.ok;
}

/** Per-verdict and per-code counts: what a catalogue needs, at a glance. */
export function summary(results: readonly SpecResult[], diagnostics: readonly Diagnostic[]): string {
  const verdicts = new Map<Verdict, number>();
  for (const r of results) {
    const v = verdictOf(r);
    verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
  }
  const codes = new Map<string, { count: number; files: Set<string> }>();
  for (const d of diagnostics) {
    const entry = codes.get(d.code) ?? { count: 0, files: new Set<string>() };
    entry.count++;
    entry.files.add(d.file);
    codes.set(d.code, entry);
  }
  const lines = [`${results.length} spec(s)`];
  for (const v of ['generated', 'warnings', 'shared', 'rejected'] as const) lines.push(`  ${v.padEnd(10)} ${String(verdicts.get(v) ?? 0).padStart(6)}`);
  lines.push('', 'code    severity  count  files  meaning');
  for (const [code, { count, files }] of [...codes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const entry = catalog[code as DiagnosticCode];
    lines.push(`${code}  ${entry.severity.padEnd(8)} ${String(count).padStart(6)} ${String(files.size).padStart(6)}  ${entry.title}`);
  }
  return `${lines.join('\n')}\n`;
}

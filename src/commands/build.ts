/** `build`: generate every project, or write nothing when any spec has errors. */
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { SpecResult } from '../pipeline.js';
import { writeProject } from '../write/write.js';
import { analyze, countLine, EXIT, printDiagnostics, type Io, type OutputOptions } from './common.js';

export async function build(specs: string[], opts: OutputOptions, io: Io): Promise<number> {
  const { results, diagnostics } = await analyze(specs, opts, true);
  printDiagnostics(diagnostics, opts.format, io);
  if (hasErrors(diagnostics)) {
    io.stderr(`build failed: ${countLine(diagnostics)}; nothing was written\n`);
    return EXIT.specErrors;
  }
  let changed = 0;
  let unchanged = 0;
  let projects = 0;
  const writeStart = performance.now();
  for (const r of results) {
    if (r.files.length === 0) continue;
    const summary = writeProject(opts.out, r.id, r.files);
    projects++;
    changed += summary.written.length + summary.removed.length;
    unchanged += summary.unchanged.length;
  }
  if (opts.profile) io.stderr(profileReport(results, performance.now() - writeStart));
  if (!opts.quiet) {
    io.stderr(`built ${projects} project(s) from ${results.length} spec(s) into ${opts.out}: ${changed} file(s) changed, ${unchanged} unchanged; ${countLine(diagnostics)}\n`);
  }
  return EXIT.ok;
}

function profileReport(results: readonly SpecResult[], writeMs: number): string {
  const totals = new Map<string, number>();
  for (const r of results) for (const [stage, ms] of Object.entries(r.timings)) totals.set(stage, (totals.get(stage) ?? 0) + (ms ?? 0));
  totals.set('write', writeMs);
  const lines = [...totals].map(([stage, ms]) => `  ${stage.padEnd(9)}${ms.toFixed(1).padStart(10)} ms`);
  return `profile (${results.length} spec(s)):\n${lines.join('\n')}\n`;
}

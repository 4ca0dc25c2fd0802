/**
 * `check`: exit 3 when the output directory differs from what `build` would write. Like build, a
 * spec with errors fails the check (exit 1); with --skip-invalid the other specs' projects are
 * still compared, so one broken spec does not hide drift elsewhere.
 */
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { SpecResult } from '../pipeline.js';
import { makeReport, reportDiagnostics, verdictWithoutProject, type ReportEntry } from '../report/report.js';
import { generatorInfo } from '../templates.js';
import { checkProject, type Drift } from '../write/check.js';
import { checkGitattributes, GITATTRIBUTES_PATH } from '../write/gitattributes.js';
import { analyze, EXIT, printDiagnostics, type Io, type OutputOptions } from './common.js';
import { writeReport } from './report-file.js';

export async function check(specs: string[], opts: OutputOptions, io: Io): Promise<number> {
  // Each project is compared as soon as it is generated and its files dropped: memory stays flat.
  const drifts = new Map<string, Drift>();
  const consume = (r: SpecResult): SpecResult => {
    if (!hasErrors(r.diagnostics) && r.files.length > 0) drifts.set(r.file, checkProject(opts.out, r.dir, r.files));
    return { ...r, model: undefined, files: [] };
  };
  const { results, diagnostics } = await analyze(specs, opts, true, undefined, consume);
  printDiagnostics(diagnostics, opts.format, io);
  const rejected = results.filter((r) => hasErrors(r.diagnostics));
  // A clash found once every spec was generated rejects a spec whose project was compared.
  for (const r of rejected) drifts.delete(r.file);
  const drift: Drift = { stale: [], missing: [], orphan: [] };
  for (const d of drifts.values()) for (const kind of ['stale', 'missing', 'orphan'] as const) drift[kind].push(...d[kind]);
  if (drifts.size > 0) {
    const attributes = checkGitattributes(opts.out);
    if (attributes === 'missing') drift.missing.push(GITATTRIBUTES_PATH);
    else if (attributes === 'stale') drift.stale.push(GITATTRIBUTES_PATH);
  }
  if (opts.report) writeReport(opts.report, checkReport(results, drifts, opts));
  if (rejected.length > 0 && !opts.skipInvalid) return EXIT.specErrors;
  const total = drift.stale.length + drift.missing.length + drift.orphan.length;
  const rejectedNote = rejected.length ? `; ${rejected.length} spec(s) rejected, their projects not compared` : '';
  if (total === 0) {
    io.stderr(`${opts.out} is up to date with ${results.length - rejected.length} spec(s)${rejectedNote}\n`);
    return rejected.length ? EXIT.specErrors : EXIT.ok;
  }
  for (const [kind, list] of Object.entries(drift)) for (const path of list as string[]) io.stderr(`${kind}: ${opts.out}/${path}\n`);
  const flags = [
    opts.strict ? ' --strict' : '',
    opts.skipInvalid ? ' --skip-invalid' : '',
    opts.layout === 'tree' ? ' --layout tree' : '',
    ...(opts.openapi ?? []).map((p) => ` --openapi ${p}`),
  ].join('');
  const fix = `${opts.out} is out of date (${total} file(s)${rejectedNote}); run: naftiko-gen build ${specs.join(' ')} -o ${opts.out}${flags}`;
  io.stderr(`${fix}\n`);
  if (opts.format === 'github') io.stderr(`::error title=naftiko-gen check::${fix.replace(/%/g, '%25')}\n`);
  return rejected.length ? EXIT.specErrors : EXIT.drift;
}

function checkReport(results: readonly SpecResult[], drifts: ReadonlyMap<string, Drift>, opts: OutputOptions) {
  const entries = results.map((r): ReportEntry => {
    const drift = drifts.get(r.file);
    const diagnostics = reportDiagnostics(r.diagnostics);
    if (!drift) return { spec: r.file, verdict: verdictWithoutProject(r.diagnostics) ?? 'skipped-as-shared', diagnostics };
    const current = drift.stale.length + drift.missing.length + drift.orphan.length === 0;
    const project = `${opts.out.replace(/\/+$/, '')}/${r.dir}`;
    return { spec: r.file, verdict: current ? 'up-to-date' : 'out-of-date', project, ...(current ? {} : { drift }), diagnostics };
  });
  const header = { tool: { name: 'naftiko-gen' as const, version: generatorInfo().version }, command: 'check' as const, out: opts.out, layout: opts.layout ?? 'flat', skipInvalid: opts.skipInvalid ?? false };
  return makeReport(header, entries);
}

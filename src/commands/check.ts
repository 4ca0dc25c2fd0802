/** `check`: exit 3 when the output directory differs from what `build` would write. */
import { hasErrors } from '../diagnostics/diagnostic.js';
import { checkProject, type Drift } from '../write/check.js';
import { checkGitattributes, GITATTRIBUTES_PATH } from '../write/gitattributes.js';
import { analyze, EXIT, printDiagnostics, type Io, type OutputOptions } from './common.js';

export async function check(specs: string[], opts: OutputOptions, io: Io): Promise<number> {
  const { results, diagnostics } = await analyze(specs, opts, true);
  printDiagnostics(diagnostics, opts.format, io);
  if (hasErrors(diagnostics)) return EXIT.specErrors;
  const drift: Drift = { stale: [], missing: [], orphan: [] };
  for (const r of results) {
    if (r.files.length === 0) continue;
    const d = checkProject(opts.out, r.id, r.files);
    drift.stale.push(...d.stale);
    drift.missing.push(...d.missing);
    drift.orphan.push(...d.orphan);
  }
  if (results.some((r) => r.files.length > 0)) {
    const attributes = checkGitattributes(opts.out);
    if (attributes === 'missing') drift.missing.push(GITATTRIBUTES_PATH);
    else if (attributes === 'stale') drift.stale.push(GITATTRIBUTES_PATH);
  }
  const total = drift.stale.length + drift.missing.length + drift.orphan.length;
  if (total === 0) {
    io.stderr(`${opts.out} is up to date with ${results.length} spec(s)\n`);
    return EXIT.ok;
  }
  for (const [kind, list] of Object.entries(drift)) for (const path of list as string[]) io.stderr(`${kind}: ${opts.out}/${path}\n`);
  const flags = [opts.strict ? ' --strict' : '', opts.skipInvalid ? ' --skip-invalid' : '', ...(opts.openapi ?? []).map((p) => ` --openapi ${p}`)].join('');
  const fix = `${opts.out} is out of date (${total} file(s)); run: naftiko-gen build ${specs.join(' ')} -o ${opts.out}${flags}`;
  io.stderr(`${fix}\n`);
  if (opts.format === 'github') io.stderr(`::error title=naftiko-gen check::${fix.replace(/%/g, '%25')}\n`);
  return EXIT.drift;
}

/**
 * `migrate`: naftiko 1.0.0-alpha1/alpha2 documents -> Ikanos documents under the output directory
 * (src/migrate/). Nothing is written when any document has errors; `--check` writes nothing and
 * exits 3 when the output directory differs from what migrate would write.
 */
import { realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { escapeData, type DiagnosticFormat } from '../diagnostics/render.js';
import type { IkanosVersion } from '../formats/spec.js';
import { migrateInputs, realDirectory, type MigrationRun, type OutputFile } from '../migrate/run.js';
import { displayPath, expandInputs, UsageError, type SpecPathInput } from '../write/inputs.js';
import { readFileIfPlain, recover, writeFiles } from '../write/write.js';
import { colours, countLine, EXIT, printDiagnostics, seconds, type Io } from './common.js';

export interface MigrateOptions {
  readonly out: string;
  readonly to: IkanosVersion;
  readonly check?: boolean | undefined;
  readonly format: DiagnosticFormat;
  readonly quiet?: boolean | undefined;
}

export function migrate(specs: readonly string[], opts: MigrateOptions, io: Io): number {
  const started = performance.now();
  const inputs = inputsOutside(specs, opts.out);
  const run = migrateInputs(inputs, opts.to);
  printDiagnostics(run.diagnostics, opts.format, io);
  if (hasErrors(run.diagnostics)) {
    io.stderr(`${colours(io).red('migrate failed')}: ${countLine(run.diagnostics)}; nothing was written\n`);
    return EXIT.specErrors;
  }
  refuseOverwritingInputs(run.files, opts.out);
  if (opts.check) return checkOutput(specs, run, opts, io);
  const root = resolve(opts.out);
  recover(root);
  const summary = writeFiles(root, run.files);
  if (!opts.quiet) {
    io.stderr(
      `migrated ${run.counts.migrated} document(s) to ikanos ${opts.to} into ${opts.out} (${run.files.length - run.counts.migrated} copied as they are): ` +
        `${summary.written.length} file(s) written, ${summary.unchanged.length} unchanged; ${countLine(run.diagnostics)}; ${seconds(performance.now() - started)}\n`,
    );
  }
  return EXIT.ok;
}

/**
 * The inputs, without what lies in the output directory when that is inside an input directory
 * (a second run must not migrate the first run's output); an output directory that is an input
 * directory itself means "in place".
 */
function inputsOutside(specs: readonly string[], out: string): SpecPathInput[] {
  const outDir = realDirectory(out);
  const inputs = expandInputs(specs).filter((input) => {
    const root = realDirectory(input.root);
    return root === outDir || !isInside(outDir, realpathSync(input.path));
  });
  if (inputs.length === 0) throw new UsageError(`no *.yaml or *.yml documents found in ${specs.join(', ')} (outside ${out})`);
  return inputs;
}

/** A file is only written over when it is migrated in place (-o names its own input directory). */
function refuseOverwritingInputs(files: readonly OutputFile[], out: string): void {
  const outDir = realDirectory(out);
  const sources = new Map(files.map((f) => [realpathSync(f.source), f]));
  for (const file of files) {
    const target = resolve(outDir, file.path);
    const overwritten = sources.get(realDirectory(dirname(target)) + sep + target.split(sep).pop());
    if (overwritten && realDirectory(overwritten.root) !== outDir) {
      throw new UsageError(`refusing to write over the input ${displayPath(overwritten.source)}: -o ${out} lies among the inputs; give -o its input directory to migrate in place, or a directory outside the inputs`);
    }
  }
}

function checkOutput(specs: readonly string[], run: MigrationRun, opts: MigrateOptions, io: Io): number {
  const root = resolve(opts.out);
  const drift = run.files.flatMap((f) => {
    const onDisk = readFileIfPlain(root, f.path);
    return onDisk === f.contents ? [] : [`${onDisk === undefined ? 'missing' : 'stale'}: ${displayPath(resolve(root, f.path))}`];
  });
  if (drift.length === 0) {
    io.stderr(`${opts.out} is up to date with the migration of ${specs.join(' ')} (${run.files.length} file(s))\n`);
    return EXIT.ok;
  }
  for (const line of drift) io.stderr(`${line}\n`);
  const fix = `${opts.out} differs from the migration (${drift.length} file(s)); run: naftiko-gen migrate ${specs.join(' ')} -o ${opts.out} --to ${opts.to}`;
  io.stderr(`${fix}\n`);
  if (opts.format === 'github') io.stderr(`::error title=naftiko-gen migrate --check::${escapeData(fix)}\n`);
  return EXIT.drift;
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && resolve(dir, rel) === path;
}

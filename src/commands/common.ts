/** What every command shares: options, output, and running the batch over the inputs. */
import { runBatch, type BatchResult } from '../batch.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostic, type DiagnosticFormat } from '../diagnostics/render.js';
import { generatorInfo, loadOfficialSchemas, loadTemplates } from '../templates.js';
import { expandInputs, UsageError } from '../write/inputs.js';

export const EXIT = { ok: 0, specErrors: 1, usage: 2, drift: 3 } as const;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CommonOptions {
  format: DiagnosticFormat;
  strict?: boolean;
  skipInvalid?: boolean;
  quiet?: boolean;
}

export interface OutputOptions extends CommonOptions {
  out: string;
  profile?: boolean;
}

export async function analyze(specs: readonly string[], options: CommonOptions, emit: boolean): Promise<BatchResult> {
  const inputs = expandInputs(specs);
  if (inputs.length === 0) throw new UsageError(`no *.yaml or *.yml specs found in ${specs.join(', ')}`);
  return runBatch(inputs, {
    templates: loadTemplates(),
    generator: generatorInfo(),
    emit,
    strict: options.strict,
    skipInvalid: options.skipInvalid,
    ...(options.strict ? { schemas: loadOfficialSchemas() } : {}),
  });
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], format: DiagnosticFormat, io: Io): void {
  for (const d of diagnostics) io.stderr(`${renderDiagnostic(d, format)}\n`);
}

export function countLine(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return `${errors} error(s), ${diagnostics.length - errors} warning(s)`;
}

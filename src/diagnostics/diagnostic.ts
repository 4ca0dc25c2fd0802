/** A positioned finding about a spec: the only way stages report problems to users. */
/** `note`: information that needs no action (a file `--openapi` skipped). */
export type Severity = 'error' | 'warning' | 'note';

export type SpecPath = readonly (string | number)[];

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** Spec file, relative to the working directory, with `/` separators. */
  readonly file: string;
  /** Path of the offending node in the YAML document. */
  readonly path: SpecPath;
  readonly line: number;
  readonly col: number;
  readonly hint?: string;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareText(a.file, b.file) ||
    a.line - b.line ||
    a.col - b.col ||
    compareText(a.code, b.code) ||
    compareText(a.message, b.message)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

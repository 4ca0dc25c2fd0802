/** Builds diagnostics from catalog entries, positioned in a source document. */
import { keyPositionOf, positionOf, type SourceDoc } from '../load/source.js';
import { catalog, type DiagnosticCode, type PropsOf } from './catalog.js';
import type { Diagnostic, SpecPath } from './diagnostic.js';

export interface Where {
  readonly file: string;
  readonly path: SpecPath;
  readonly line: number;
  readonly col: number;
}

export function makeDiagnostic<C extends DiagnosticCode>(code: C, props: PropsOf<C>, where: Where): Diagnostic {
  const entry = catalog[code] as unknown as {
    severity: Diagnostic['severity'];
    message: (p: PropsOf<C>) => string;
    hint?: (p: PropsOf<C>) => string | undefined;
  };
  const hint = entry.hint?.(props);
  return { code, severity: entry.severity, message: entry.message(props), ...where, ...(hint ? { hint } : {}) };
}

/** Collects diagnostics for one source document; positions come from the YAML nodes. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly once = new Set<string>();

  constructor(readonly source: SourceDoc) {}

  /** Reports at the node at `path` (or its nearest existing ancestor). */
  at<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    this.push(code, props, path, positionOf(this.source, path));
  }

  /** Reports at the key of the last path segment, for problems with a key itself. */
  atKey<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    this.push(code, props, path, keyPositionOf(this.source, path));
  }

  /** Reports a code only the first time it occurs in this file (dialect warnings). */
  onceAtKey<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    if (this.once.has(code)) return;
    this.once.add(code);
    this.atKey(code, path, props);
  }

  /**
   * Runs the resolution of one route or tool. With `skipInvalid`, its errors become warnings and a
   * NG2122 warning says it was skipped, so the rest of the capability still generates.
   */
  guard<T>(skipInvalid: boolean, path: SpecPath, what: string, work: () => T | undefined): T | undefined {
    const before = this.diagnostics.length;
    const result = work();
    const added = this.diagnostics.slice(before);
    if (!skipInvalid || !added.some((d) => d.severity === 'error')) return result;
    this.diagnostics.splice(before, added.length, ...added.map((d) => ({ ...d, severity: 'warning' as const })));
    this.at('NG2122', path, { what });
    return undefined;
  }

  /** A short "file:line:col" for cross-references inside messages. */
  where(path: SpecPath): string {
    const { line, col } = positionOf(this.source, path);
    return `${line}:${col}`;
  }

  private push<C extends DiagnosticCode>(code: C, props: PropsOf<C>, path: SpecPath, pos: { line: number; col: number }) {
    this.diagnostics.push(makeDiagnostic(code, props, { file: this.source.file, path, line: pos.line, col: pos.col }));
  }
}

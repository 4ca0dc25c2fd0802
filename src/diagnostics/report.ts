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

/** Turns a path in the data being checked into the path of the same node in the source document. */
export type PathMap = (path: SpecPath) => SpecPath;

/**
 * Collects diagnostics for one source document; positions come from the YAML nodes. When the data
 * checked is the document with some parts left out (--skip-invalid), `mapPath` leads each path
 * back to the document, so positions and paths stay those of the file.
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly once = new Set<string>();

  constructor(
    readonly source: SourceDoc,
    private readonly mapPath: PathMap = (path) => path,
  ) {}

  /** Reports at the node at `path` (or its nearest existing ancestor). */
  at<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    const original = this.mapPath(path);
    this.push(code, props, original, positionOf(this.source, original));
  }

  /** Reports at the key of the last path segment, for problems with a key itself. */
  atKey<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    const original = this.mapPath(path);
    this.push(code, props, original, keyPositionOf(this.source, original));
  }

  /** Reports a code only the first time it occurs in this file (dialect warnings). */
  onceAtKey<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    if (this.once.has(code)) return;
    this.once.add(code);
    this.atKey(code, path, props);
  }

  /** A short "file:line:col" for cross-references inside messages. */
  where(path: SpecPath): string {
    const { line, col } = positionOf(this.source, this.mapPath(path));
    return `${line}:${col}`;
  }

  private push<C extends DiagnosticCode>(code: C, props: PropsOf<C>, path: SpecPath, pos: { line: number; col: number }) {
    this.diagnostics.push(makeDiagnostic(code, props, { file: this.source.file, path, line: pos.line, col: pos.col }));
  }
}

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

/**
 * Where a path of the data that was validated lies in the documents it was read from. An Ikanos
 * document is read into the alpha2 shape (keyed maps become lists with `name`), so its paths are
 * translated back: to the map key for a `name`, into an imported file for an imported entry.
 */
export interface Located {
  readonly source: SourceDoc;
  readonly path: SpecPath;
  /** The path ends at a map key that stands for the value (a name): point at the key. */
  readonly key?: boolean;
}

export type Locator = (path: SpecPath) => Located;

/** Collects diagnostics for one source document; positions come from the YAML nodes. */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly once = new Set<string>();
  private locate: Locator;

  constructor(readonly source: SourceDoc) {
    this.locate = (path) => ({ source, path });
  }

  /** From now on, paths are read through `locator` (set once the document has been read). */
  readThrough(locator: Locator): void {
    this.locate = locator;
  }

  /** Reports at the node at `path` (or its nearest existing ancestor). */
  at<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    const where = this.locate(path);
    this.push(code, props, where, where.key ? keyPositionOf(where.source, where.path) : positionOf(where.source, where.path));
  }

  /** Reports at the key of the last path segment, for problems with a key itself. */
  atKey<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    const where = this.locate(path);
    this.push(code, props, where, keyPositionOf(where.source, where.path));
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

  /** How the document spells the key `key` of the mapping at `path` (Ikanos renamed some alpha2 keys). */
  keyName(path: SpecPath, key: string): string {
    const last = this.locate([...path, key]).path.at(-1);
    return typeof last === 'string' ? last : key;
  }

  /** A short "file:line:col" for cross-references inside messages. */
  where(path: SpecPath): string {
    const where = this.locate(path);
    const { line, col } = where.key ? keyPositionOf(where.source, where.path) : positionOf(where.source, where.path);
    return where.source === this.source ? `${line}:${col}` : `${where.source.file}:${line}:${col}`;
  }

  private push<C extends DiagnosticCode>(code: C, props: PropsOf<C>, where: Located, pos: { line: number; col: number }) {
    this.diagnostics.push(makeDiagnostic(code, props, { file: where.source.file, path: where.path, line: pos.line, col: pos.col }));
  }
}

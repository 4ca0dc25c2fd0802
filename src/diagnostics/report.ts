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

/** Turns a path in the data being checked into the path of the same node in the full data (--skip-invalid). */
export type PathMap = (path: SpecPath) => SpecPath;

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

/** The path in the full read data (before --skip-invalid left parts out) each reported diagnostic is about. */
const dataPaths = new WeakMap<Diagnostic, SpecPath>();

/**
 * The full-data path of a diagnostic a Reporter made (its `path` is the document's): the path
 * --skip-invalid traces to a unit. Other diagnostics are about their own path.
 */
export function dataPathOf(diagnostic: Diagnostic): SpecPath {
  return dataPaths.get(diagnostic) ?? diagnostic.path;
}

/** The same diagnostic with another severity (--strict's dialect errors), about the same data path. */
export function withSeverity(diagnostic: Diagnostic, severity: Diagnostic['severity']): Diagnostic {
  const copy = { ...diagnostic, severity };
  const path = dataPaths.get(diagnostic);
  if (path) dataPaths.set(copy, path);
  return copy;
}

/**
 * Collects diagnostics for one source document; positions come from the YAML nodes. A path
 * reported goes through two translations: `skips` (--skip-invalid: the data with some parts left
 * out -> the full data) and then the locator (the full read data -> the document and position;
 * the identity for alpha2, the Ikanos paths once an Ikanos document has been read).
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly once = new Set<string>();
  private locator: Locator;

  private skips: PathMap = (path) => path;

  constructor(readonly source: SourceDoc) {
    this.locator = (path) => ({ source, path });
  }

  /** From now on, reported paths are of the read data with some parts left out (--skip-invalid); `skips` leads them back to the full data. */
  skipThrough(skips: PathMap): void {
    this.skips = skips;
  }

  /** From now on, full-data paths are located through `locator` (set once the document has been read). */
  readThrough(locator: Locator): void {
    this.locator = locator;
  }

  /** Where full-data paths lie in the documents (--skip-invalid positions its own warnings with it). */
  get located(): Locator {
    return this.locator;
  }

  /** Reports at the node at `path` (or its nearest existing ancestor). */
  at<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    const where = this.locate(path);
    this.push(code, props, path, where, where.key ? keyPositionOf(where.source, where.path) : positionOf(where.source, where.path));
  }

  /** Reports at the key of the last path segment, for problems with a key itself. */
  atKey<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    const where = this.locate(path);
    this.push(code, props, path, where, keyPositionOf(where.source, where.path));
  }

  /** Reports a code only the first time it occurs in this file (dialect warnings). */
  onceAtKey<C extends DiagnosticCode>(code: C, path: SpecPath, props: PropsOf<C>): void {
    if (this.once.has(code)) return;
    this.once.add(code);
    this.atKey(code, path, props);
  }

  /** How the document spells the key `key` of the mapping at `path` (Ikanos renamed some alpha2 keys). */
  keyName(path: SpecPath, key: string): string {
    const last = this.locate([...path, key]).path.at(-1);
    return typeof last === 'string' ? last : key;
  }

  /**
   * A short "file:line:col" for cross-references inside messages: "line:col" when the node is in
   * this reporter's document, unless `withFile` (a message shown for another document).
   */
  where(path: SpecPath, withFile = false): string {
    const where = this.locate(path);
    const { line, col } = where.key ? keyPositionOf(where.source, where.path) : positionOf(where.source, where.path);
    return where.source === this.source && !withFile ? `${line}:${col}` : `${where.source.file}:${line}:${col}`;
  }

  private locate(path: SpecPath): Located {
    return this.locator(this.skips(path));
  }

  private push<C extends DiagnosticCode>(code: C, props: PropsOf<C>, read: SpecPath, where: Located, pos: { line: number; col: number }) {
    const diagnostic = makeDiagnostic(code, props, { file: where.source.file, path: where.path, line: pos.line, col: pos.col });
    dataPaths.set(diagnostic, this.skips(read));
    this.diagnostics.push(diagnostic);
  }
}

/**
 * The OpenAPI documents of one run (`--openapi`), parsed once, on first use, and shared by every
 * spec (and, as plain data, by every worker thread): the operations they define, `$ref`
 * resolution across them, and positions for what is reported. Pure apart from the memo caches.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/report.js';
import type { ContractFile, ContractReadProblem, ContractSources } from './files.js';
import { locatePointers, pointerKey, type Pointer, type Position } from './locate.js';
import { documentKind, isRecord, parseDocumentText } from './parse.js';

export interface ContractDocument {
  readonly file: string;
  readonly version: '3.0' | '3.1' | '3.2';
  readonly value: Record<string, unknown>;
}

/** Something to report in an OpenAPI document, positioned only when it is reported. */
export interface ContractNote {
  readonly file: string;
  readonly pointer: Pointer;
  readonly make: (where: { file: string; path: Pointer; line: number; col: number }) => Diagnostic;
}

/** What a worker thread gets: the files (for positions) and the values parsed on the main thread. */
export interface SharedContracts {
  readonly digest: string;
  readonly files: readonly ContractFile[];
  readonly problems: readonly ContractReadProblem[];
  readonly values: readonly (unknown | undefined)[];
}

export type ResolvedRef = { readonly file: string; readonly pointer: Pointer; readonly value: unknown } | { readonly reason: string };

export class ContractSet {
  readonly digest: string;
  readonly files: readonly ContractFile[];
  private readonly problems: readonly ContractReadProblem[];
  private values?: (unknown | undefined)[];
  private docs?: ContractDocument[];
  private loadNotes: ContractNote[] = [];
  private readonly byFile = new Map<string, number>();
  private readonly positions = new Map<string, Map<string, Position>>();
  /** Memo caches of the modules that read the documents (matching, schema conversion). */
  readonly memo = new Map<string, unknown>();

  constructor(sources: ContractSources | SharedContracts) {
    this.digest = sources.digest;
    this.files = sources.files;
    this.problems = sources.problems;
    this.files.forEach((f, i) => this.byFile.set(f.file, i));
    if ('values' in sources) this.values = [...sources.values];
  }

  /** The OpenAPI documents (parsing every file the first time). */
  documents(): readonly ContractDocument[] {
    if (this.docs) return this.docs;
    this.parseAll();
    return this.docs!;
  }

  /** Whether the documents were parsed (a run whose projects are all up to date never needs them). */
  isParsed(): boolean {
    return this.docs !== undefined;
  }

  /** Problems reading the files (syntax errors, skipped files), reported once per run. */
  loadDiagnostics(): Diagnostic[] {
    this.documents();
    const unreadable = this.problems.map((p) => {
      const where = { file: p.file, path: [], line: 1, col: 1 };
      return p.explicit ? makeDiagnostic('NG6004', { reason: p.message }, where) : makeDiagnostic('NG6005', { reason: p.message }, where);
    });
    return [...unreadable, ...this.report(this.loadNotes)];
  }

  /** Plain data for worker threads: they neither read nor parse again. */
  shared(): SharedContracts {
    this.documents();
    return { digest: this.digest, files: this.files, problems: this.problems, values: this.values! };
  }

  /** The value at `pointer` in a file (any file read, documents and `$ref` targets alike). */
  node(file: string, pointer: Pointer): unknown {
    this.documents();
    const index = this.byFile.get(file);
    let node = index === undefined ? undefined : this.values![index];
    for (const step of pointer) {
      if (Array.isArray(node) && typeof step === 'number') node = node[step];
      else if (isRecord(node) && Object.hasOwn(node, String(step))) node = node[String(step)];
      else return undefined;
    }
    return node;
  }

  /** A document's OpenAPI version; `fallback` for a file that is not one (read through a `$ref`). */
  versionOf(file: string, fallback: ContractDocument['version']): ContractDocument['version'] {
    return this.documents().find((d) => d.file === file)?.version ?? fallback;
  }

  /** `#/a/b`, `other.yaml#/a`, `other.yaml`: a sibling file must have been read (files.ts reads them). */
  resolveRef(fromFile: string, ref: string): ResolvedRef {
    const hash = ref.indexOf('#');
    const target = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return { reason: 'URLs are never fetched' };
    const file = target === '' ? fromFile : joinFile(fromFile, decodeUri(target));
    if (file === undefined || !this.byFile.has(file)) return { reason: `${target} is not a file of the --openapi directory` };
    if (fragment !== '' && !fragment.startsWith('/')) return { reason: 'only JSON pointer fragments (#/...) are supported' };
    const pointer = fragment === '' ? [] : fragment.slice(1).split('/').map(decodePointerSegment);
    const value = this.node(file, pointer);
    return value === undefined ? { reason: `${fragment || target} does not exist` } : { file, pointer, value };
  }

  /** Positioned diagnostics for notes (positions found in one pass per file). */
  report(notes: readonly ContractNote[]): Diagnostic[] {
    const wanted = new Map<string, Pointer[]>();
    for (const n of notes) {
      const known = this.positions.get(n.file);
      if (!known?.has(pointerKey(n.pointer))) wanted.set(n.file, [...(wanted.get(n.file) ?? []), n.pointer]);
    }
    for (const [file, pointers] of wanted) {
      const text = this.files[this.byFile.get(file) ?? -1]?.text ?? '';
      const found = locatePointers(text, pointers);
      const known = this.positions.get(file) ?? new Map<string, Position>();
      for (const [key, position] of found) known.set(key, position);
      this.positions.set(file, known);
    }
    return notes.map((n) => {
      const at = this.positions.get(n.file)?.get(pointerKey(n.pointer)) ?? { line: 1, col: 1 };
      return n.make({ file: n.file, path: n.pointer, line: at.line, col: at.col });
    });
  }

  private parseAll(): void {
    const values: (unknown | undefined)[] = this.values ?? [];
    const docs: ContractDocument[] = [];
    this.loadNotes = [];
    this.files.forEach((f, i) => {
      if (this.values === undefined) {
        const parsed = parseDocumentText(f.text);
        if ('problem' in parsed) {
          const { message, line, col } = parsed.problem;
          const code = f.explicit ? 'NG6004' : 'NG6005';
          this.loadNotes.push({ file: f.file, pointer: [], make: (where) => makeDiagnostic(code, { reason: message }, { ...where, line, col }) });
          values[i] = undefined;
          return;
        }
        values[i] = parsed.value;
      }
      if (f.referenced || values[i] === undefined) return;
      const kind = documentKind(values[i]);
      if (kind.kind === 'openapi') docs.push({ file: f.file, version: kind.version, value: values[i] as Record<string, unknown> });
      else this.loadNotes.push({ file: f.file, pointer: [], make: (where) => makeDiagnostic('NG6003', { reason: kind.reason }, where) });
    });
    this.values = values;
    this.docs = docs;
  }
}

function decodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A `%` that is not an escape stays as written.
    return text;
  }
}

function decodePointerSegment(segment: string): string {
  return decodeUri(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `a/b/doc.yaml` + `../common.yaml` -> `a/common.yaml` (display paths, `/`-separated). */
function joinFile(fromFile: string, relativePath: string): string | undefined {
  const parts = fromFile.split('/').slice(0, -1);
  for (const segment of relativePath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0 || parts[parts.length - 1] === '..') parts.push('..');
      else parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/') || undefined;
}

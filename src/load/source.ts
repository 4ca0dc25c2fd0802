/** Stage 1: YAML text -> document with positions. Pure: the caller reads the file. */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, visit, type Document, type Node } from 'yaml';
import type { SpecPath } from '../diagnostics/diagnostic.js';

export interface SourceDoc {
  /** Spec path relative to the working directory, `/`-separated. */
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
}

export interface Position {
  readonly line: number;
  readonly col: number;
}

export interface YamlProblem extends Position {
  readonly message: string;
}

export interface LoadedSource {
  readonly source: SourceDoc;
  readonly errors: readonly YamlProblem[];
}

/** Aliases may expand at most this much, which stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 1000;
/** Deepest nesting of mappings and sequences a spec may use (real specs stay under 15). */
export const MAX_DEPTH = 64;
/** Largest spec file read (real specs are under 1 MB). */
export const MAX_SOURCE_BYTES = 10 * 1024 * 1024;

/** Why raw bytes cannot be a spec, before any YAML parsing. */
export type SourceRejection =
  | { readonly code: 'NG0007'; readonly size: string; readonly limit: string; readonly line: 1; readonly col: 1 }
  | { readonly code: 'NG0008'; readonly offset: number; readonly line: number; readonly col: number };

const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** A file bigger than the limit is rejected from its size alone, before it is read. */
export function checkSourceSize(bytes: number): SourceRejection | undefined {
  return bytes > MAX_SOURCE_BYTES ? { code: 'NG0007', size: megabytes(bytes), limit: megabytes(MAX_SOURCE_BYTES), line: 1, col: 1 } : undefined;
}

/** Bytes -> text. Invalid UTF-8 is an error positioned at the first bad byte, never replaced silently. */
export function decodeSource(bytes: Uint8Array): { text: string } | { rejected: SourceRejection } {
  const tooBig = checkSourceSize(bytes.length);
  if (tooBig) return { rejected: tooBig };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.split('\n').length;
    return { rejected: { code: 'NG0008', offset, line, col: [...before.slice(lineStart)].length + 1 } };
  }
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const c1 = bytes[i + 1] ?? 0;
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += n + 1;
  }
  return i;
}

export function parseSource(file: string, text: string): LoadedSource {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    // The parser recurses per nesting level; a pathologically deep document exhausts the stack.
    if (error instanceof RangeError) return { source: emptySource(file, text), errors: [{ line: 1, col: 1, message: tooDeep() }] };
    throw error;
  }
  const all = doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    const message = /call stack/i.test(e.message) ? tooDeep() : (e.message.split('\n')[0] ?? e.message);
    return { line, col, message };
  });
  // An exhausted stack is reported once, at the first place it happened.
  const errors = all.filter((e, i) => e.message !== tooDeep() || all.findIndex((x) => x.message === tooDeep()) === i);
  const source = { file, text, doc, lineCounter };
  if (errors.length === 0) errors.push(...limitProblems(source));
  return { source, errors };
}

const tooDeep = (): string => `nesting deeper than ${MAX_DEPTH} levels`;

function emptySource(file: string, text: string): SourceDoc {
  const lineCounter = new LineCounter();
  return { file, text, doc: parseDocument('', { lineCounter }), lineCounter };
}

/** Nesting depth and alias expansion, checked on the parsed tree without recursion. */
function limitProblems(source: SourceDoc): YamlProblem[] {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: source.doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_DEPTH) return [{ ...(startOf(source, node) ?? { line: 1, col: 1 }), message: tooDeep() }];
    for (const item of node.items) {
      if (isPair(item)) {
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
  try {
    converted.set(source.doc, toPlainData(source));
  } catch (error) {
    const alias = firstAlias(source);
    const at = (alias && startOf(source, alias)) ?? { line: 1, col: 1 };
    return [{ ...at, message: error instanceof ReferenceError ? `aliases expand to more than ${MAX_ALIAS_COUNT} nodes` : (error as Error).message }];
  }
  return [];
}

function firstAlias(source: SourceDoc): Node | undefined {
  let found: Node | undefined;
  visit(source.doc, { Alias: (_key, node) => { found = node; return visit.BREAK; } });
  return found;
}

/** Plain data converted while checking the alias limit, handed to the first toPlainData call. */
const converted = new WeakMap<Document.Parsed, unknown>();

/** Converts the parsed document to plain data; aliases resolve here. Each call returns fresh data. */
export function toPlainData(source: SourceDoc): unknown {
  if (converted.has(source.doc)) {
    const data = converted.get(source.doc);
    converted.delete(source.doc);
    return data;
  }
  return source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

/**
 * Converts the parsed document with its mappings as `Map`s, so the document's key order is kept
 * (plain objects put integer-like keys first). Aliases resolve here, within the same limit.
 */
export function toOrderedData(source: SourceDoc): unknown {
  return source.doc.toJS({ mapAsMap: true, maxAliasCount: MAX_ALIAS_COUNT });
}

/**
 * The position of the node at `path`, or of its nearest ancestor that exists (so a missing key
 * points at the mapping that lacks it). For a map key path, the position is the key's value.
 */
export function positionOf(source: SourceDoc, path: SpecPath): Position {
  let node: unknown = source.doc.contents;
  let best = startOf(source, node);
  for (const segment of path) {
    node = childOf(node, segment);
    if (node === undefined) break;
    best = startOf(source, node) ?? best;
  }
  return best ?? { line: 1, col: 1 };
}

/** Position of the key (not the value) of `path`'s last segment, for "unknown key" reports. */
export function keyPositionOf(source: SourceDoc, path: SpecPath): Position {
  const parent = nodeAt(source, path.slice(0, -1));
  const last = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(last));
    const at = pair ? startOf(source, pair.key) : undefined;
    if (at) return at;
  }
  return positionOf(source, path);
}

function nodeAt(source: SourceDoc, path: SpecPath): unknown {
  let node: unknown = source.doc.contents;
  for (const segment of path) {
    node = childOf(node, segment);
    if (node === undefined) return undefined;
  }
  return node;
}

function childOf(node: unknown, segment: string | number): unknown {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
    return pair?.value ?? undefined;
  }
  if (isSeq(node) && typeof segment === 'number') return node.items[segment];
  return undefined;
}

function startOf(source: SourceDoc, node: unknown): Position | undefined {
  const range = (node as Node | undefined)?.range;
  return range ? source.lineCounter.linePos(range[0]) : undefined;
}

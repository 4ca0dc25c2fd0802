/** Stage 1: YAML text -> document with positions. Pure: the caller reads the file. */
import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';
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

export function parseSource(file: string, text: string): LoadedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
  });
  const errors = doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return { line, col, message: e.message.split('\n')[0] ?? e.message };
  });
  return { source: { file, text, doc, lineCounter }, errors };
}

/** Converts the parsed document to plain data; aliases resolve here. */
export function toPlainData(source: SourceDoc): unknown {
  return source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
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

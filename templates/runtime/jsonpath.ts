// JSONPath as the reference engine evaluates it: Jayway JsonPath over Jackson nodes
// (Converter.jsonPathExtract). The generator parses each path into steps; this walks them.
// A definite path (names and single indexes only) finds one value or nothing; any other path
// finds a list of every match, in document order, leaving out what is missing (Jayway's
// default options), so `$.ships[*].name` skips a ship without a name.
// docs/engine-parity.md, "JSONPath".

/** `[*]` or `.*`: every element of an array, every value of an object. */
export interface AllStep {
  readonly all: true;
}
/** `[a:b]`, `[a:]`, `[:b]` (negative counts from the end), as Jayway's ArraySliceOperation. */
export type Slice = readonly [number | null, number | null];
type SingleStep = string | number | AllStep | { readonly indexes: readonly number[] } | { readonly slice: Slice };

/**
 * A JSONPath reduced to steps: a name, an index, `*`, an index list, a slice, or a deep scan
 * (`..name`, `..*`: that step applied at every level).
 */
export type PathStep = SingleStep | { readonly scan: string | AllStep };

/** The `[*]` / `.*` step. */
export const ALL: AllStep = { all: true };

/** Follows `path` from `document`: a definite path's value (undefined: not found), else every match. */
export function select(document: unknown, path: readonly PathStep[]): unknown {
  if (path.every((step) => typeof step !== 'object')) return definite(document, path as readonly (string | number)[]);
  const found: unknown[] = [];
  collect(document, path, 0, found);
  return found;
}

function definite(document: unknown, path: readonly (string | number)[]): unknown {
  let node = document;
  for (const step of path) {
    if (typeof step === 'string') {
      // Own properties of objects only: never __proto__ or constructor, never an array's length.
      if (!isObject(node) || !Object.hasOwn(node, step)) return undefined;
      node = node[step];
    } else {
      if (!Array.isArray(node)) return undefined;
      const i = step < 0 ? node.length + step : step;
      if (i < 0 || i >= node.length) return undefined;
      node = node[i];
    }
  }
  return node;
}

function collect(node: unknown, path: readonly PathStep[], k: number, out: unknown[]): void {
  if (k === path.length) {
    out.push(node);
    return;
  }
  const step = path[k]!;
  const next = (value: unknown) => collect(value, path, k + 1, out);
  if (typeof step === 'object' && 'scan' in step) {
    // Every node, the given one first, then its descendants in document order (no recursion,
    // so a deeply nested answer cannot exhaust the stack).
    const pending: unknown[] = [node];
    while (pending.length > 0) {
      const current = pending.pop();
      apply(current, step.scan, next);
      const below = children(current);
      for (let i = below.length - 1; i >= 0; i--) pending.push(below[i]);
    }
    return;
  }
  apply(node, step, next);
}

/** One step at one node: what it finds, each handed to `next`. */
function apply(node: unknown, step: SingleStep, next: (value: unknown) => void): void {
  if (typeof step === 'string') {
    if (isObject(node) && Object.hasOwn(node, step)) next(node[step]);
  } else if (typeof step === 'number') {
    if (Array.isArray(node)) next(indexed(node, step));
  } else if ('all' in step) {
    children(node).forEach(next);
  } else if (Array.isArray(node)) {
    const indexes = 'indexes' in step ? step.indexes : sliceIndexes(node.length, step.slice);
    for (const i of indexes) next(indexed(node, i));
  }
}

/** Jackson's ArrayNode.get after Jayway's negative-index shift: null out of range. */
function indexed(array: readonly unknown[], index: number): unknown {
  const i = index < 0 ? array.length + index : index;
  return i >= 0 && i < array.length ? array[i] : null;
}

/** Jayway's ArraySliceToken: sliceFrom, sliceTo, sliceBetween. */
function sliceIndexes(length: number, [from, to]: Slice): number[] {
  const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
  if (length === 0) return [];
  if (to === null) {
    const start = Math.max(0, from! < 0 ? length + from! : from!);
    return start >= length ? [] : range(start, length);
  }
  if (from === null) return range(0, Math.min(length, to < 0 ? length + to : to));
  const end = Math.min(length, to);
  return from >= end ? [] : range(from, end);
}

function children(node: unknown): unknown[] {
  if (Array.isArray(node)) return node;
  return isObject(node) ? Object.values(node) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Mapped outputs in the generated tests: an upstream answer in which every path of the mapping
 * finds a value of its declared type, and the answer the mapping must make of it, worked out here
 * from the output's definition (the JSONPath subset and conversions of templates/runtime/output.ts).
 */
import type { OutputNode, OutputScalarType, PathStep } from '../../model/types.js';

/** An upstream body in which each of the mapping's paths leads to a value of its declared type. */
export function sampleAnswer(node: OutputNode): unknown {
  const root: { value: unknown } = { value: undefined };
  let n = 0;
  const place = (base: readonly PathStep[], path: readonly PathStep[], value: () => unknown) => setAt(root, [...base, ...path], value);
  const walk = (node: OutputNode, base: readonly PathStep[]): void => {
    switch (node.kind) {
      case 'path':
        place(base, node.path, () => scalar(node.type, ++n));
        return;
      case 'template':
        for (const part of node.parts) if ('path' in part) place(base, part.path, () => `t${++n}`);
        return;
      case 'array':
        if (node.items) walk(node.items, [...base, ...node.path, { all: true }]);
        else place(base, node.path, () => [`e${++n}`]);
        return;
      case 'object':
        for (const [, child] of node.properties) walk(child, [...base, ...node.path]);
        return;
      case 'const':
        return;
    }
  };
  walk(node, []);
  return root.value ?? {};
}

function scalar(type: OutputScalarType, n: number): unknown {
  switch (type) {
    case 'string':
      return `s${n}`;
    case 'number':
      return n;
    case 'boolean':
      return true;
    case 'object':
      return { o: n };
    case 'any':
      return `a${n}`;
  }
}

/** Sets a value along a path, making objects and one-element arrays on the way; a clash keeps what is there. */
function setAt(holder: { value: unknown }, path: readonly PathStep[], value: () => unknown): void {
  if (path.length === 0) {
    if (holder.value === undefined) holder.value = value();
    return;
  }
  const [step, ...rest] = path;
  if (typeof step === 'object' || typeof step === 'number') {
    const index = typeof step === 'number' ? step : 0;
    if (holder.value === undefined) holder.value = [];
    if (!Array.isArray(holder.value)) return;
    const array = holder.value as unknown[];
    while (array.length <= index) array.push(undefined);
    const slot = { value: array[index] };
    setAt(slot, rest, value);
    array[index] = slot.value ?? null;
    return;
  }
  if (holder.value === undefined) holder.value = {};
  if (holder.value === null || typeof holder.value !== 'object' || Array.isArray(holder.value)) return;
  const object = holder.value as Record<string, unknown>;
  const slot = { value: Object.hasOwn(object, step!) ? object[step!] : undefined };
  setAt(slot, rest, value);
  if (slot.value !== undefined) Object.defineProperty(object, step!, { value: slot.value, enumerable: true, writable: true, configurable: true });
}

/** Whether every path of a mapping is made of names, indexes from the start and `*`: the steps sampleAnswer and mapOutput walk. */
export function isPredictable(node: OutputNode): boolean {
  const plain = (path: readonly PathStep[]) => path.every((step) => typeof step === 'string' || (typeof step === 'number' && step >= 0) || (typeof step === 'object' && 'all' in step));
  switch (node.kind) {
    case 'path':
      return plain(node.path);
    case 'template':
      return node.parts.every((p) => !('path' in p) || plain(p.path));
    case 'array':
      return plain(node.path) && (node.items === undefined || isPredictable(node.items));
    case 'object':
      return plain(node.path) && node.properties.every(([, child]) => isPredictable(child));
    default:
      return true;
  }
}

/** What the mapping makes of a body: undefined where a path finds nothing. */
export function mapOutput(node: OutputNode, body: unknown): unknown {
  switch (node.kind) {
    case 'path': {
      const value = select(body, node.path);
      return node.type === 'any' ? value : convert(node.type, value);
    }
    case 'const':
      return node.value;
    case 'template':
      return node.parts.map((p) => ('text' in p ? p.text : text(select(body, p.path)))).join('');
    case 'array': {
      const value = select(body, node.path);
      if (!Array.isArray(value)) return [];
      return node.items ? value.map((element) => mapOutput(node.items!, element) ?? null) : value;
    }
    case 'object': {
      const base = node.path.length ? select(body, node.path) : body;
      const object: Record<string, unknown> = {};
      for (const [name, child] of node.properties) {
        const value = mapOutput(child, base);
        if (value !== undefined) Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true });
      }
      return object;
    }
  }
}

function select(document: unknown, path: readonly PathStep[]): unknown {
  let node = document;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (typeof step === 'object') return Array.isArray(node) ? node.map((item) => select(item, path.slice(i + 1))) : undefined;
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, step)) return undefined;
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

function convert(type: Exclude<OutputScalarType, 'any'>, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number':
      if (typeof value === 'number') return value;
      return typeof value === 'string' && /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(value) && Number.isFinite(Number(value)) ? Number(value) : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true' || value === 'false' ? value === 'true' : null;
    case 'object':
      return typeof value === 'object' && !Array.isArray(value) ? value : null;
  }
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

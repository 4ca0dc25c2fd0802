/**
 * Line and column of nodes in an OpenAPI document, found only when something is reported: the
 * text is read again as a flat event stream (YAML or JSON alike) and the wanted JSON pointers are
 * looked up in one pass. Pure.
 */
import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';
import { MAX_DOCUMENT_DEPTH } from './parse.js';

export interface Position {
  readonly line: number;
  readonly col: number;
}

export type Pointer = readonly (string | number)[];

export const pointerKey = (pointer: Pointer): string => pointer.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

interface Frame {
  readonly kind: 'map' | 'seq';
  readonly key: string;
  index: number;
  /** Mapping: the key just read, awaiting its value. */
  pendingKey?: string | undefined;
}

/**
 * Positions of `pointers` (each its deepest existing node: a missing key points at its parent).
 * A text that cannot be read again positions everything at 1:1.
 */
export function locatePointers(source: string, pointers: readonly Pointer[]): Map<string, Position> {
  const text = source.replace(/^\uFEFF/, '');
  const wanted = new Map<string, Position | undefined>();
  for (const p of pointers) for (let i = 0; i <= p.length; i++) wanted.set(pointerKey(p.slice(0, i)), undefined);
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: MAX_DOCUMENT_DEPTH });
  } catch {
    events = [];
  }
  const lines = lineStarts(text);
  const at = (offset: number): Position => positionAt(lines, offset);
  const stack: Frame[] = [];
  const enter = (): string | undefined => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.kind === 'seq') return `${top.key === '' ? '' : `${top.key}/`}${top.index++}`;
    const key = top.pendingKey;
    top.pendingKey = undefined;
    return key === undefined ? undefined : `${top.key === '' ? '' : `${top.key}/`}${key}`;
  };
  const record = (key: string | undefined, offset: number) => {
    if (key !== undefined && wanted.has(key) && wanted.get(key) === undefined) wanted.set(key, at(offset));
  };
  for (const event of events) {
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    if (event.type === EVENT_ID.DOCUMENT) continue;
    const top = stack[stack.length - 1];
    const isKey = top?.kind === 'map' && top.pendingKey === undefined;
    if (event.type === EVENT_ID.SCALAR) {
      if (isKey) top.pendingKey = escapeKey(getScalarValue(text, event));
      else record(enter(), event.valueStart);
      continue;
    }
    if (event.type === EVENT_ID.ALIAS) {
      if (isKey) top.pendingKey = '';
      else record(enter(), event.anchorStart);
      continue;
    }
    // A collection used as a mapping key (rare): keep the stack balanced, never match it.
    const key = isKey ? undefined : enter();
    if (isKey) top.pendingKey = '\u0000';
    record(key, event.start);
    stack.push({ kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq', key: key ?? '\u0000', index: 0 });
  }
  const found = new Map<string, Position>();
  for (const p of pointers) {
    let best: Position = { line: 1, col: 1 };
    for (let i = 0; i <= p.length; i++) best = wanted.get(pointerKey(p.slice(0, i))) ?? best;
    found.set(pointerKey(p), best);
  }
  return found;
}

const escapeKey = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, col: offset - starts[low]! + 1 };
}

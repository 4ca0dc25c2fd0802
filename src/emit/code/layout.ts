/**
 * Plain JSON data as a TypeScript literal laid out exactly as prettier would lay it out (printWidth
 * 100, single quotes, trailing commas, quoteProps as-needed), without running prettier: the OpenAPI
 * document is the largest generated file and formatting it was a third of the format stage.
 *
 * Prettier's rules for data, from its estree printer: a group is printed on one line when it fits
 * in the rest of the line (including the text that follows it up to the next line break: `,` or
 * ` as const;`), otherwise one entry per line with a trailing comma; an array of two or more
 * objects (or arrays) that each have two or more entries always breaks, and so does every group
 * around it; an object property's string value moves to the next line when it does not fit,
 * unless the key is shorter than 5 columns; objects and arrays as values stay on the key's line. Anything this file does not model returns
 * undefined, and the caller formats with prettier: text whose width is not simply its length (wide
 * or combining characters) and arrays of numbers (prettier fills them).
 * test/unit/data-layout.test.ts checks the output against prettier over every golden and corpus
 * document.
 */
import { isMatrix, keyText } from './data-doc.js';
import { textWidth, Unsupported, WIDTH } from './doc.js';
import { prettierQuoted } from './escape.js';
import { make, type Code } from './node.js';

export type JsonData = string | number | boolean | null | readonly JsonData[] | { readonly [key: string]: JsonData };

const INDENT = '  ';

/** The literal starting at `column`, followed on its last line by `trailing`; undefined: use prettier. */
export function dataLiteral(value: JsonData, column: number, trailing: number): Code | undefined {
  try {
    return make({ kind: 'laidOut', text: print(value, column, trailing, '') });
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function print(value: JsonData, column: number, trailing: number, indent: string): string {
  if (value === null || typeof value !== 'object') return scalar(value);
  const flat = mustBreak(value) ? undefined : flatWithin(value, WIDTH - column - trailing);
  if (flat !== undefined) return flat;
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.some((v) => typeof v === 'number') && value.length > 1) throw new Unsupported();
    const items = value.map((item: JsonData) => `${inner}${print(item, inner.length, 1, inner)},`);
    return `[\n${items.join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).map(([key, item]) => `${inner}${property(key, item, inner)},`);
  return `{\n${entries.join('\n')}\n${indent}}`;
}

/** `key: value` inside a broken object, where `,` follows. */
function property(key: string, value: JsonData, indent: string): string {
  const name = keyText(key);
  const column = indent.length + textWidth(name) + 2;
  const next = indent + INDENT;
  if (value !== null && typeof value === 'object') {
    // The value opens on the key's line when its first line fits there: the bracket, or all of
    // an empty `{}` / `[]` and the comma.
    const empty = (Array.isArray(value) ? value.length : Object.keys(value).length) === 0;
    if (column + (empty ? 3 : 1) <= WIDTH) return `${name}: ${print(value, column, 1, indent)}`;
    return `${name}:\n${next}${print(value, next.length, 1, next)}`;
  }
  const text = scalar(value);
  // Non-negative numbers, booleans and values after keys shorter than tabWidth + 3 never move to
  // the next line (a negative number is a unary expression to prettier, and does).
  const stays = (typeof value === 'number' && !text.startsWith('-')) || typeof value === 'boolean' || textWidth(name) < 5;
  if (stays || column + textWidth(text) + 1 <= WIDTH) return `${name}: ${text}`;
  return `${name}:\n${next}${text}`;
}

/**
 * The value on one line when that is at most `budget` columns, else undefined: the text beyond the
 * budget is never built, so each level of a large document costs at most a line's worth.
 */
function flatWithin(value: JsonData, budget: number): string | undefined {
  if (value === null || typeof value !== 'object') {
    const text = scalar(value);
    return text.length <= budget ? text : undefined;
  }
  const array = Array.isArray(value);
  const entries: readonly (readonly [string, JsonData])[] = array ? value.map((v: JsonData) => ['', v] as const) : Object.entries(value);
  if (entries.length === 0) return budget >= 2 ? (array ? '[]' : '{}') : undefined;
  const close = array ? ']' : ' }';
  let text = array ? '[' : '{ ';
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i]!;
    const prefix = (i > 0 ? ', ' : '') + (array ? '' : `${keyText(key)}: `);
    const flat = flatWithin(item, budget - text.length - prefix.length - close.length);
    if (flat === undefined) return undefined;
    text += prefix + flat;
  }
  text += close;
  return text.length <= budget ? text : undefined;
}

/**
 * Whether prettier breaks this group whatever the width: it is an array of 2+ objects (or arrays)
 * of one kind that each hold 2+ entries, or it holds one at any depth (a broken group breaks every
 * group around it). Memoised: print() asks at every level.
 */
function mustBreak(value: JsonData): boolean {
  if (value === null || typeof value !== 'object') return false;
  let known = breaks.get(value);
  if (known === undefined) {
    const children: readonly JsonData[] = Array.isArray(value) ? value : Object.values(value);
    known = (Array.isArray(value) && isMatrix(value)) || children.some(mustBreak);
    breaks.set(value, known);
  }
  return known;
}

const breaks = new WeakMap<object, boolean>();

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return JSON.stringify(value);
  const text = prettierQuoted(value);
  // Measured here, so a text only prettier can measure is found wherever it is printed.
  textWidth(text);
  return text;
}

/**
 * JSON data (a `json` node) as a document in prettier's layout, wherever it stands in a final-layout
 * file: the rules of layout.ts (which lays out whole documents by itself) as groups, so the data's
 * layout follows from the column and from what comes after it. An array of two or more objects
 * (or arrays) that each hold two or more entries always breaks; a string, null or negative number
 * after a key of 5 or more columns moves to the next line when it does not fit; objects and arrays
 * stay on the key's line while their bracket fits. Arrays of numbers (prettier fills them), keys
 * that are not ASCII (prettier may unquote them) and `__proto__` keys are not modelled.
 */
import { line, softline, Unsupported, type Doc } from './doc.js';
import { prettierQuoted } from './escape.js';

export function dataDoc(value: unknown): Doc {
  if (value === null || value === undefined || typeof value === 'function') return 'null';
  if (typeof value === 'string') return prettierQuoted(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return arrayDoc(value);
  return objectDoc(value as Record<string, unknown>);
}

function arrayDoc(items: readonly unknown[]): Doc {
  if (items.length === 0) return '[]';
  if (items.length > 1 && items.some((v) => typeof v === 'number')) throw new Unsupported();
  const list = items.flatMap((item, i) => (i > 0 ? [',', line, dataDoc(item)] : [dataDoc(item)]));
  const contents: Doc = ['[', { t: 'indent', contents: [softline, ...list] }, { t: 'ifBreak', broken: ',', flat: '' }, softline, ']'];
  return { t: 'group', contents, broken: isMatrix(items) };
}

function objectDoc(value: Record<string, unknown>): Doc {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) return '{}';
  const list = entries.flatMap(([key, item], i) => (i > 0 ? [',', line, propertyDoc(key, item)] : [propertyDoc(key, item)]));
  const contents: Doc = ['{', { t: 'indent', contents: [line, ...list] }, { t: 'ifBreak', broken: ',', flat: '' }, line, '}'];
  return { t: 'group', contents, broken: false };
}

/** `key: value` by prettier's assignment layouts for data (see the file comment). */
function propertyDoc(key: string, value: unknown): Doc {
  const name = keyText(key);
  const doc = dataDoc(value);
  const text = typeof doc === 'string' ? doc : '';
  const stays = (typeof value === 'number' && !text.startsWith('-')) || typeof value === 'boolean' || name.length < 5;
  if (stays) return [name, ': ', doc];
  if (value === null || typeof value !== 'object') return [name, ':', { t: 'group', contents: { t: 'indent', contents: [line, doc] }, broken: false }];
  const id = Symbol('property');
  return [name, ':', { t: 'group', contents: { t: 'indent', contents: line }, broken: false, id }, { t: 'ifBreak', broken: { t: 'indent', contents: doc }, flat: doc, groupId: id }];
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A data key as prettier writes it (quotes only where needed); keys it may unquote by Unicode's rules, and `__proto__` (which must be computed to stay data), are not modelled. */
export function keyText(key: string): string {
  if (/[^\u0020-\u007e]/.test(key) || key === '__proto__') throw new Unsupported();
  return IDENT.test(key) ? key : prettierQuoted(key);
}

/** Two or more objects (or arrays) of one kind, each with two or more entries: prettier breaks the array. */
export function isMatrix(items: readonly unknown[]): boolean {
  if (items.length < 2) return false;
  const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v !== null && typeof v === 'object' ? 'object' : 'other');
  const first = kind(items[0]);
  return first !== 'other' && items.every((v) => kind(v) === first && (Array.isArray(v) ? v.length : Object.keys(v as object).length) > 1);
}


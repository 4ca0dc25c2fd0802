/**
 * Every string-valued position of a parsed spec document, found by walking the data (no position
 * is listed by hand): each string value, and each mapping key that is a name, which is where the
 * format keys by name. That is decided by the official JSON Schema of the document's version: a
 * key no schema branch declares, in a mapping some branch leaves open (`additionalProperties`
 * other than false: `with`, output `properties`, binding keys, request body data, metadata).
 * Keys the schema does not reach (`true` schemas, dialect fields) are names unless the format
 * knows them as keywords (KNOWN_KEYS). Keyword keys are not positions: renaming one only drops
 * what it holds, which would hide the positions inside it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KNOWN_KEYS } from '../../src/formats/spec.js';

export type DataPath = readonly (string | number)[];

export interface Position {
  /** Index of the document in its unit (0: the spec; then the files it imports). */
  readonly doc: number;
  readonly path: DataPath;
  readonly kind: 'value' | 'key';
  readonly original: string;
}

type Schema = { [key: string]: unknown } | boolean;

const schemaCache = new Map<string, Schema | undefined>();

function schemaFor(version: unknown): Schema | undefined {
  const name = typeof version === 'string' ? version : '';
  if (!schemaCache.has(name)) {
    const url = new URL(`../../schemas/capability-schema-${name}.json`, import.meta.url);
    let schema: Schema | undefined;
    try {
      schema = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Schema;
    } catch {
      schema = undefined;
    }
    schemaCache.set(name, schema);
  }
  return schemaCache.get(name);
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The object schemas a node may be checked against: `$ref`s followed, combinators flattened. */
function branches(schema: Schema | undefined, root: Schema, seen = new Set<unknown>()): Record<string, unknown>[] {
  if (!isObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const out: Record<string, unknown>[] = [schema];
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    let target: unknown = root;
    for (const part of schema.$ref.slice(2).split('/')) target = isObject(target) ? target[part] : undefined;
    out.push(...branches(target as Schema, root, seen));
  }
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const list = schema[key];
    if (Array.isArray(list)) for (const s of list) out.push(...branches(s as Schema, root, seen));
  }
  for (const key of ['then', 'else']) out.push(...branches(schema[key] as Schema, root, seen));
  return out;
}

function childSchemas(nodes: readonly Record<string, unknown>[], key: string | number, root: Schema): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const node of nodes) {
    if (typeof key === 'number') {
      out.push(...branches(node.items as Schema, root));
      continue;
    }
    const properties = node.properties;
    if (isObject(properties) && key in properties) out.push(...branches(properties[key] as Schema, root));
    else if (isObject(node.additionalProperties)) out.push(...branches(node.additionalProperties, root));
  }
  return out;
}

/** How the schema branches at a mapping see one of its keys. */
function keyRole(nodes: readonly Record<string, unknown>[], key: string): 'keyword' | 'name' | 'unknown' {
  if (nodes.some((n) => isObject(n.properties) && key in n.properties)) return 'keyword';
  const open = nodes.some((n) => n.type === 'object' && n.additionalProperties !== false && n.unevaluatedProperties !== false && !isObject(n.properties));
  const mapOf = nodes.some((n) => isObject(n.additionalProperties));
  return open || mapOf ? 'name' : 'unknown';
}

/** Every string position of one document. */
export function positionsOf(data: unknown, doc: number): Position[] {
  const root = schemaFor(isObject(data) ? data.naftiko : undefined);
  const found: Position[] = [];
  const walk = (value: unknown, path: DataPath, nodes: Record<string, unknown>[]) => {
    if (typeof value === 'string') found.push({ doc, path, kind: 'value', original: value });
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], root ? childSchemas(nodes, i, root) : []));
    else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        const role = keyRole(nodes, key);
        if (role === 'name' || (role === 'unknown' && !KNOWN_KEYS.has(key) && path.length > 0)) found.push({ doc, path: [...path, key], kind: 'key', original: key });
        walk(item, [...path, key], root ? childSchemas(nodes, key, root) : []);
      }
    }
  };
  walk(data, [], root ? branches(root, root) : []);
  return found;
}

/** A deep copy of plain YAML data (aliases become copies, so each use is a position of its own). */
export const copyData = <T>(data: T): T => JSON.parse(JSON.stringify(data)) as T;

/**
 * Writes `text` at each position (on a copy). Keys are renamed in place, keeping their order;
 * paths are given in the original document's terms, so values are written before keys.
 */
export function applyAll(data: unknown, edits: readonly { position: Position; text: string }[]): unknown {
  const copy = copyData(data);
  const ordered = [...edits].sort((a, b) => (a.position.kind === b.position.kind ? b.position.path.length - a.position.path.length : a.position.kind === 'value' ? -1 : 1));
  for (const { position, text } of ordered) {
    const parent = containerAt(copy, position.path.slice(0, -1));
    const last = position.path[position.path.length - 1]!;
    if (position.kind === 'value') setOwn(parent as Record<string | number, unknown>, last, text);
    else renameKey(parent as Record<string, unknown>, String(last), text);
  }
  return copy;
}

function containerAt(data: unknown, path: DataPath): unknown {
  let node = data;
  for (const segment of path) node = (node as Record<string | number, unknown>)[segment];
  return node;
}

/** An own property even for `__proto__`, which plain assignment would take as the prototype. */
function setOwn(object: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function renameKey(object: Record<string, unknown>, from: string, to: string): void {
  const entries = Object.entries(object).map(([k, v]): [string, unknown] => [k === from ? to : k, v]);
  for (const key of Object.keys(object)) delete object[key];
  for (const [k, v] of entries) setOwn(object, k, v);
}

/** The path of a position in the mutated document (keys on the way may have been renamed). */
export function mutatedPath(position: Position, renamed: ReadonlyMap<string, string>): DataPath {
  const out: (string | number)[] = [];
  for (let i = 0; i < position.path.length; i++) {
    const segment = position.path[i]!;
    const key = pathKey(position.doc, position.path.slice(0, i + 1));
    out.push(typeof segment === 'string' ? (renamed.get(key) ?? segment) : segment);
  }
  return out;
}

export const pathKey = (doc: number, path: DataPath): string => `${doc}:${JSON.stringify(path)}`;

/** Reading TypedSchema trees: what a path selects, the JSON type a schema has, renaming refs. */
import type { PathStep, TypedSchema, ValueType } from './types.js';

/** Resolves a `ref` node's name to its schema (undefined: unknown). */
export type SchemaLookup = (name: string) => TypedSchema | undefined;

/** Follows refs (a bounded number of hops: a ref to itself resolves to nothing). */
export function dereference(schema: TypedSchema, lookup: SchemaLookup): TypedSchema | undefined {
  let current: TypedSchema | undefined = schema;
  for (let hops = 0; current?.kind === 'ref' && hops < 32; hops++) {
    const target = lookup(current.name);
    current = target && current.nullable && !target.nullable ? { ...target, nullable: true } : target;
  }
  return current?.kind === 'ref' ? undefined : current;
}

/**
 * Whether a REST path, query, header or cookie value (text) is checked against the schema exactly
 * (runtime textZod): strings, numbers and booleans (coerced), enums of strings or of numbers, and
 * arrays of those. Anything else (objects, unions, intersections) is checked as a string only, so a
 * client cannot take the schema's type from such a route.
 */
export function checkedAsText(schema: TypedSchema, lookup: SchemaLookup, item = false): boolean {
  const node = dereference(schema, lookup);
  switch (node?.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return true;
    case 'enum':
      return textEnumKind(node.values) !== undefined;
    case 'array':
      return !item && checkedAsText(node.items, lookup, true);
    default:
      return false;
  }
}

/** An enum's values as text can carry: all strings or all numbers (null aside: text is never null). */
export function textEnumKind(values: readonly (string | number | boolean | null)[]): 'string' | 'number' | undefined {
  const present = values.filter((v) => v !== null);
  if (present.length === 0) return undefined;
  if (present.every((v) => typeof v === 'string')) return 'string';
  return present.every((v) => typeof v === 'number') ? 'number' : undefined;
}

/**
 * The schema of what a simple JSONPath selects (property names, indexes, `[*]` into arrays);
 * undefined where the schema does not say (unions, open objects, anything). `[*]` gives the items.
 */
export function schemaAt(schema: TypedSchema, path: readonly PathStep[], lookup: SchemaLookup): TypedSchema | undefined {
  let current: TypedSchema | undefined = schema;
  for (const step of path) {
    const node: TypedSchema | undefined = current && dereference(current, lookup);
    if (!node) return undefined;
    if (typeof step === 'string') current = propertyOf(node, step, lookup);
    else if (node.kind === 'array') current = node.items;
    else return undefined;
  }
  return current;
}

function propertyOf(node: TypedSchema, name: string, lookup: SchemaLookup): TypedSchema | undefined {
  if (node.kind === 'object') {
    const property = node.properties.find((p) => p.name === name);
    if (property) return property.schema;
    return node.additional === 'none' || node.additional.kind === 'any' ? undefined : node.additional;
  }
  if (node.kind === 'intersection') {
    for (const part of node.parts) {
      const resolved = dereference(part, lookup);
      const found = resolved && propertyOf(resolved, name, lookup);
      if (found) return found;
    }
  }
  return undefined;
}

/** The JSON type every value of the schema has, when there is one. */
export function jsonTypeOf(schema: TypedSchema, lookup: SchemaLookup): ValueType | undefined {
  const node = dereference(schema, lookup);
  if (!node) return undefined;
  switch (node.kind) {
    case 'string':
      return 'string';
    case 'number':
      return node.integer ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return 'array';
    case 'object':
      return 'object';
    case 'enum': {
      const types = new Set(node.values.filter((v) => v !== null).map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)));
      if (types.size === 1) return [...types][0] as ValueType;
      return types.size === 2 && types.has('integer') && types.has('number') ? 'number' : undefined;
    }
    case 'intersection': {
      const types = new Set(node.parts.map((p) => jsonTypeOf(p, lookup)).filter((t) => t !== undefined));
      return types.size === 1 ? [...types][0] : undefined;
    }
    case 'union': {
      const types = new Set(node.options.map((p) => jsonTypeOf(p, lookup)));
      return types.size === 1 ? [...types][0] : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether a value the spec declares `declared` can be described by the schema. */
export function fitsType(declared: ValueType, schema: TypedSchema, lookup: SchemaLookup): boolean {
  if (declared === 'any') return true;
  const documented = jsonTypeOf(schema, lookup);
  if (documented === undefined) return dereference(schema, lookup)?.kind !== 'null';
  if (declared === documented) return true;
  return (declared === 'number' && documented === 'integer') || (declared === 'integer' && documented === 'number');
}

/** The same tree with every ref renamed (and refs renamed to nothing made loose). */
export function renameRefs(schema: TypedSchema, rename: (name: string) => string | undefined): TypedSchema {
  switch (schema.kind) {
    case 'ref': {
      const name = rename(schema.name);
      if (name !== undefined) return { ...schema, name };
      const { kind: _kind, name: _name, ...meta } = schema;
      return { ...meta, kind: 'any' };
    }
    case 'array':
      return { ...schema, items: renameRefs(schema.items, rename) };
    case 'object':
      return {
        ...schema,
        properties: schema.properties.map((p) => ({ ...p, schema: renameRefs(p.schema, rename) })),
        additional: schema.additional === 'none' ? 'none' : renameRefs(schema.additional, rename),
      };
    case 'union':
      return { ...schema, options: schema.options.map((o) => renameRefs(o, rename)) };
    case 'intersection':
      return { ...schema, parts: schema.parts.map((p) => renameRefs(p, rename)) };
    default:
      return schema;
  }
}

/** The names of the refs in a tree. */
export function refsIn(schema: TypedSchema, into: Set<string> = new Set()): Set<string> {
  switch (schema.kind) {
    case 'ref':
      into.add(schema.name);
      break;
    case 'array':
      refsIn(schema.items, into);
      break;
    case 'object':
      schema.properties.forEach((p) => refsIn(p.schema, into));
      if (schema.additional !== 'none') refsIn(schema.additional, into);
      break;
    case 'union':
      schema.options.forEach((o) => refsIn(o, into));
      break;
    case 'intersection':
      schema.parts.forEach((p) => refsIn(p, into));
      break;
  }
  return into;
}

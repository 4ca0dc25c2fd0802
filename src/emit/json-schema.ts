/**
 * TypedSchema -> JSON Schema 2020-12 (plain data, emitted with JSON.stringify or as a literal):
 * for openapi.json (named schemas in `components/schemas`) and MCP outputSchemas (named schemas in
 * `$defs`, formats limited to those MCP clients' validator knows, so it never warns).
 */
import type { NamedSchema, TypedSchema } from '../model/types.js';
import { dereference, refsIn } from '../model/typed-schemas.js';
import { AJV_FORMATS } from './formats.js';
import type { JsonValue } from './openapi.js';

export type JsonSchemaObject = { readonly [key: string]: JsonValue };

export interface JsonSchemaStyle {
  /** Where named schemas live: `#/components/schemas/` or `#/$defs/`. */
  readonly refPrefix: string;
  /** Formats to state (others are left out); undefined: all. */
  readonly formats?: ReadonlySet<string>;
}

export const OPENAPI_STYLE: JsonSchemaStyle = { refPrefix: '#/components/schemas/' };
export const MCP_STYLE: JsonSchemaStyle = { refPrefix: '#/$defs/', formats: AJV_FORMATS };

export function jsonSchema(schema: TypedSchema, style: JsonSchemaStyle): JsonSchemaObject {
  const base = baseSchema(schema, style);
  const nullable = schema.nullable && schema.kind !== 'null' && schema.kind !== 'any' ? nullableOf(base) : base;
  return {
    ...nullable,
    ...(schema.description ? { description: schema.description } : {}),
    ...(schema.deprecated ? { deprecated: true } : {}),
  };
}

function nullableOf(schema: JsonSchemaObject): JsonSchemaObject {
  const type = schema['type'];
  if (typeof type === 'string' && schema['enum'] === undefined) return { ...schema, type: [type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}

function baseSchema(schema: TypedSchema, style: JsonSchemaStyle): JsonSchemaObject {
  switch (schema.kind) {
    case 'any':
      return {};
    case 'string':
      return defined({
        type: 'string',
        format: schema.format !== undefined && (!style.formats || style.formats.has(schema.format)) ? schema.format : undefined,
        pattern: schema.pattern,
        minLength: schema.minLength,
        maxLength: schema.maxLength,
      });
    case 'number': {
      const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf, format } = schema;
      const stated = format !== undefined && (!style.formats || style.formats.has(format)) ? format : undefined;
      return defined({ type: schema.integer ? 'integer' : 'number', format: stated, minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf });
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'null':
      return { type: 'null' };
    case 'enum':
      return enumSchema(schema.values);
    case 'array':
      return defined({ type: 'array', items: jsonSchema(schema.items, style), minItems: schema.minItems, maxItems: schema.maxItems, uniqueItems: schema.uniqueItems });
    case 'object': {
      // fromEntries defines own properties: a property named like an Object.prototype member stays one.
      const properties = Object.fromEntries(schema.properties.map((p) => [p.name, jsonSchema(p.schema, style)]));
      const required = schema.properties.filter((p) => p.required).map((p) => p.name);
      const additional = schema.additional === 'none' ? false : schema.additional.kind === 'any' ? undefined : jsonSchema(schema.additional, style);
      return defined({
        type: 'object',
        properties: schema.properties.length ? properties : undefined,
        required: required.length ? required : undefined,
        additionalProperties: additional,
        minProperties: schema.minProperties,
        maxProperties: schema.maxProperties,
      });
    }
    case 'union': {
      const d = schema.discriminator;
      const options = schema.options.map((option, i) => {
        const json = jsonSchema(option, style);
        const values = d?.values[i];
        return d && values ? { allOf: [json, { type: 'object', required: [d.property], properties: { [d.property]: { enum: [...values] } } }] } : json;
      });
      return { [schema.exclusive ? 'oneOf' : 'anyOf']: options };
    }
    case 'intersection':
      return { allOf: schema.parts.map((p) => jsonSchema(p, style)) };
    case 'ref':
      return { $ref: `${style.refPrefix}${schema.name}` };
  }
}

/** An enum states its values' JSON type too, when they share one (tools read `type` first). */
function enumSchema(values: readonly (string | number | boolean | null)[]): JsonSchemaObject {
  const types = [...new Set(values.map((v) => (v === null ? 'null' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)))];
  const nonNull = types.filter((t) => t !== 'null');
  const single = nonNull.length === 1 ? nonNull[0]! : nonNull.length === 2 && nonNull.includes('integer') && nonNull.includes('number') ? 'number' : undefined;
  if (single === undefined) return { enum: [...values] };
  return { type: types.includes('null') ? [single, 'null'] : single, enum: [...values] };
}

function defined(o: Record<string, JsonValue | undefined>): JsonSchemaObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as JsonSchemaObject;
}

/** The named schemas `schema` reaches (itself not included), in the model's order. */
export function reachedSchemas(roots: readonly TypedSchema[], named: readonly NamedSchema[]): NamedSchema[] {
  const byName = new Map<string, NamedSchema>(named.map((n) => [n.name, n]));
  const seen = new Set<string>();
  const work = roots.flatMap((r) => [...refsIn(r)]);
  while (work.length > 0) {
    const name = work.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const next = byName.get(name);
    if (next) work.push(...refsIn(next.schema));
  }
  return named.filter((n) => seen.has(n.name));
}

/**
 * An MCP outputSchema of an object-shaped answer: MCP (and SDK v1 clients) want `type: "object"`
 * at the root, so a root that names a schema is written out there (its own refs stay in `$defs`).
 */
export function objectOutputSchema(result: TypedSchema, named: readonly NamedSchema[]): JsonSchemaObject {
  const byName = new Map<string, TypedSchema>(named.map((n) => [n.name, n.schema]));
  const root = dereference(result, (name) => byName.get(name)) ?? result;
  return withDefs({ ...jsonSchema(root, MCP_STYLE), type: 'object' }, [root], named);
}

/** A self-contained schema for an MCP tool: the named schemas it uses in `$defs`. */
export function withDefs(root: JsonSchemaObject, roots: readonly TypedSchema[], named: readonly NamedSchema[]): JsonSchemaObject {
  const used = reachedSchemas(roots, named);
  if (used.length === 0) return root;
  return { ...root, $defs: Object.fromEntries(used.map((n) => [n.name, jsonSchema(n.schema, MCP_STYLE)])) };
}

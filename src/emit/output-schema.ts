/**
 * JSON Schema of a mapped output, from the same OutputNode the typed mapper is written from, so the
 * MCP outputSchema, the OpenAPI response schema and the TypeScript type describe one shape.
 */
import type { NamedSchema, OutputNode, OutputScalarType, TypedSchema } from '../model/types.js';
import { jsonSchema as typedJsonSchema, MCP_STYLE, withDefs, type JsonSchemaObject, type JsonSchemaStyle } from './json-schema.js';

export type JsonSchema = { readonly [key: string]: JsonSchemaValue };
type JsonSchemaValue = string | number | boolean | null | readonly JsonSchemaValue[] | { readonly [key: string]: JsonSchemaValue };

/** Whether the mapped value can be missing (a JSONPath that finds nothing): optional, not required. */
export function mayBeMissing(node: OutputNode): boolean {
  return node.kind === 'path';
}

/** `style`: where `--openapi` schemas are referred to (openapi.json's components, or `$defs`). */
export function outputSchema(node: OutputNode, style: JsonSchemaStyle = MCP_STYLE): JsonSchema {
  switch (node.kind) {
    case 'path':
      // A value of another type becomes null, as for declared types.
      return node.schema ? typedJsonSchema({ ...node.schema, nullable: true }, style) : scalarSchema(node.type);
    case 'const':
      return { const: node.value as JsonSchemaValue };
    case 'template':
      return { type: 'string' };
    case 'array':
      if (node.schema) return typedJsonSchema(node.schema, style);
      return node.items ? { type: 'array', items: outputSchema(node.items, style) } : { type: 'array' };
    case 'object': {
      // fromEntries defines own properties, so a property named __proto__ stays a property.
      const properties = Object.fromEntries(node.properties.map(([name, child]) => [name, outputSchema(child, style)]));
      const required = node.properties.filter(([, child]) => !mayBeMissing(child)).map(([name]) => name);
      // Ajv (the SDK's validator) skips a `__proto__` entry of `properties`, so such a property
      // would count as additional: the shape is then left open rather than made unsatisfiable.
      const closed = !node.properties.some(([name]) => name === '__proto__');
      return { type: 'object', properties, ...(required.length ? { required } : {}), ...(closed ? { additionalProperties: false } : {}) };
    }
  }
}

/**
 * The outputSchema of an MCP tool: MCP wants an object, so an array output is described as the
 * `{ result: [...] }` runtime/mcp.ts toToolResult wraps it in. Other roots (a single value that
 * may be missing, a constant) have none.
 */
export function toolOutputSchema(node: OutputNode, named: readonly NamedSchema[] = []): JsonSchema | undefined {
  const defs = (root: JsonSchema) => withDefs(root as JsonSchemaObject, typedSchemasIn(node), named) as JsonSchema;
  if (node.kind === 'object') return defs(outputSchema(node));
  if (node.kind === 'array') return defs({ type: 'object', properties: { result: outputSchema(node) }, required: ['result'], additionalProperties: false });
  return undefined;
}

/** The `--openapi` schemas an output node's values were typed with. */
export function typedSchemasIn(node: OutputNode): TypedSchema[] {
  switch (node.kind) {
    case 'path':
      return node.schema ? [node.schema] : [];
    case 'array':
      return [...(node.schema ? [node.schema] : []), ...(node.items ? typedSchemasIn(node.items) : [])];
    case 'object':
      return node.properties.flatMap(([, child]) => typedSchemasIn(child));
    default:
      return [];
  }
}

/** A JSONPath read of a declared type: that type or null (upstream nulls pass, mismatches become null). */
function scalarSchema(type: OutputScalarType): JsonSchema {
  return type === 'any' ? {} : { type: [type, 'null'] };
}

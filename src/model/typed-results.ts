/**
 * `--openapi` on the exposed side: a route or tool that passes the upstream JSON through answers
 * the matched operation's documented result; a mapped output takes, for each value it selects by
 * a simple JSONPath, the documented schema of that value when it fits the declared type.
 */
import type { SchemaRegistry } from './contracts.js';
import { dereference, fitsType, schemaAt, type SchemaLookup } from './typed-schemas.js';
import type { OutputNode, OutputScalarType, TypedSchema, UpstreamOperation } from './types.js';

export interface TypedInvocation {
  readonly typedResult?: TypedSchema;
  readonly outputNode?: OutputNode;
}

/** The typed result of a pass-through, or the mapped output node with the schemas it selects. */
export function typeInvocation(op: UpstreamOperation | undefined, outputNode: OutputNode | undefined, registry: SchemaRegistry | undefined): TypedInvocation {
  const result = op?.contract?.result;
  if (!result || !registry) return outputNode ? { outputNode } : {};
  if (!outputNode) return { typedResult: result };
  return { outputNode: typeOutputNode(outputNode, result, registry.lookup) };
}

export function typeOutputNode(node: OutputNode, base: TypedSchema | undefined, lookup: SchemaLookup): OutputNode {
  const selected = base && schemaAt(base, 'path' in node ? node.path : [], lookup);
  switch (node.kind) {
    case 'path':
      return selected && fitsDeclared(node.type, selected, lookup) ? { ...node, schema: selected } : node;
    case 'array': {
      const items = selected && dereference(selected, lookup);
      if (!items || items.kind !== 'array') return node;
      if (!node.items) return { ...node, schema: selected };
      return { ...node, items: typeOutputNode(node.items, items.items, lookup) };
    }
    case 'object':
      return { ...node, properties: node.properties.map(([name, child]) => [name, typeOutputNode(child, selected, lookup)] as const) };
    default:
      return node;
  }
}

function fitsDeclared(declared: OutputScalarType, schema: TypedSchema, lookup: SchemaLookup): boolean {
  return fitsType(declared, schema, lookup);
}

/**
 * How an MCP outputSchema states a documented result: objects as they are, arrays in the
 * `{ result: [...] }` wrapper runtime/mcp.ts puts them in; other answers (scalars, nullable or
 * mixed ones) get no outputSchema, since MCP wants an object.
 */
export function resultShape(schema: TypedSchema, lookup: SchemaLookup, depth = 0): 'object' | 'wrapped' | undefined {
  if (schema.nullable || depth > 16) return undefined;
  const node = dereference(schema, lookup);
  if (!node || node.nullable) return undefined;
  if (node.kind === 'array') return 'wrapped';
  if (node.kind === 'object') return 'object';
  const objects = (list: readonly TypedSchema[]) => (list.every((p) => resultShape(p, lookup, depth + 1) === 'object') ? 'object' : undefined);
  if (node.kind === 'intersection') return objects(node.parts);
  if (node.kind === 'union') return objects(node.options);
  return undefined;
}

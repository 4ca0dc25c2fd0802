/**
 * Every place of the model that holds a TypedSchema, visited (and rebuilt) by one function; a
 * place whose function returns undefined loses its schema (it is typed as the spec says).
 */
import type { CapabilityModel, Invocation, MappedOutput, OutputNode, TypedSchema, UpstreamOperation } from './types.js';

type MapSchema = (schema: TypedSchema) => TypedSchema | undefined;

/** `value` with `schema` replaced by f's answer, or without it. */
function withMapped<T extends { readonly schema?: TypedSchema }>(value: T, f: MapSchema): T {
  if (!value.schema) return value;
  const { schema, ...rest } = value;
  const mapped = f(schema);
  return (mapped ? { ...rest, schema: mapped } : rest) as T;
}

export function mapModelSchemas(model: CapabilityModel, f: MapSchema): CapabilityModel {
  const upstreams = model.upstreams.map((u) => ({ ...u, operations: u.operations.map((op) => mapOperation(op, f)) }));
  const rest = model.rest && {
    ...model.rest,
    routes: model.rest.routes.map((r) => ({ ...mapInvocation(r, f), inputs: r.inputs.map((i) => withMapped(i, f)) })),
  };
  const mcp = model.mcp && {
    ...model.mcp,
    tools: model.mcp.tools.map((t) => ({ ...mapInvocation(t, f), inputs: t.inputs.map((i) => withMapped(i, f)) })),
  };
  return { ...model, upstreams, ...(rest ? { rest } : {}), ...(mcp ? { mcp } : {}) };
}

function mapOperation(op: UpstreamOperation, f: MapSchema): UpstreamOperation {
  const params = op.params.map((p) => withMapped(p, f));
  const body = op.body?.kind === 'input' ? withMapped(op.body, f) : op.body;
  const { result, ...untyped } = op.contract ?? {};
  const mapped = result && f(result);
  const contract = op.contract && ({ ...untyped, ...(mapped ? { result: mapped } : {}) } as UpstreamOperation['contract']);
  return { ...op, params, ...(body ? { body } : {}), ...(contract ? { contract } : {}) };
}

function mapInvocation<T extends Invocation & { readonly resultShape?: unknown; readonly resultSchemaName?: unknown }>(target: T, f: MapSchema): T {
  const { typedResult, resultShape, resultSchemaName, ...rest } = target;
  const output = target.output && mapOutput(target.output, f);
  const result = typedResult && f(typedResult);
  // A result that allows anything has no outputSchema either.
  const shape = result ? { typedResult: result, ...(resultShape ? { resultShape, resultSchemaName } : {}) } : {};
  return { ...rest, ...(output ? { output } : {}), ...shape } as unknown as T;
}

function mapOutput(output: MappedOutput, f: MapSchema): MappedOutput {
  return { ...output, node: mapNode(output.node, f) };
}

function mapNode(node: OutputNode, f: MapSchema): OutputNode {
  switch (node.kind) {
    case 'path':
      return withMapped(node, f);
    case 'array': {
      const typed = withMapped(node, f);
      return node.items ? { ...typed, items: mapNode(node.items, f) } : typed;
    }
    case 'object':
      return { ...node, properties: node.properties.map(([name, child]) => [name, mapNode(child, f)] as const) };
    default:
      return node;
  }
}

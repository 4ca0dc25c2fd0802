/** Every place of the model that holds a TypedSchema, visited (and rebuilt) by one function. */
import type { CapabilityModel, Invocation, MappedOutput, OutputNode, TypedSchema, UpstreamOperation } from './types.js';

type MapSchema = (schema: TypedSchema) => TypedSchema;

export function mapModelSchemas(model: CapabilityModel, f: MapSchema): CapabilityModel {
  const upstreams = model.upstreams.map((u) => ({ ...u, operations: u.operations.map((op) => mapOperation(op, f)) }));
  const rest = model.rest && {
    ...model.rest,
    routes: model.rest.routes.map((r) => ({ ...mapInvocation(r, f), inputs: r.inputs.map((i) => (i.schema ? { ...i, schema: f(i.schema) } : i)) })),
  };
  const mcp = model.mcp && {
    ...model.mcp,
    tools: model.mcp.tools.map((t) => ({ ...mapInvocation(t, f), inputs: t.inputs.map((i) => (i.schema ? { ...i, schema: f(i.schema) } : i)) })),
  };
  return { ...model, upstreams, ...(rest ? { rest } : {}), ...(mcp ? { mcp } : {}) };
}

function mapOperation(op: UpstreamOperation, f: MapSchema): UpstreamOperation {
  const params = op.params.map((p) => (p.schema ? { ...p, schema: f(p.schema) } : p));
  const body = op.body?.kind === 'input' && op.body.schema ? { ...op.body, schema: f(op.body.schema) } : op.body;
  const contract = op.contract?.result ? { ...op.contract, result: f(op.contract.result) } : op.contract;
  return { ...op, params, ...(body ? { body } : {}), ...(contract ? { contract } : {}) };
}

function mapInvocation<T extends Invocation>(target: T, f: MapSchema): T {
  const output = target.output && mapOutput(target.output, f);
  return { ...target, ...(output ? { output } : {}), ...(target.typedResult ? { typedResult: f(target.typedResult) } : {}) };
}

function mapOutput(output: MappedOutput, f: MapSchema): MappedOutput {
  return { ...output, node: mapNode(output.node, f) };
}

function mapNode(node: OutputNode, f: MapSchema): OutputNode {
  switch (node.kind) {
    case 'path':
      return node.schema ? { ...node, schema: f(node.schema) } : node;
    case 'array':
      return { ...node, ...(node.items ? { items: mapNode(node.items, f) } : {}), ...(node.schema ? { schema: f(node.schema) } : {}) };
    case 'object':
      return { ...node, properties: node.properties.map(([name, child]) => [name, mapNode(child, f)] as const) };
    default:
      return node;
  }
}

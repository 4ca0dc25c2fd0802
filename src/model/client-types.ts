/**
 * `--openapi` types a consumed operation's inputs in its client only where every caller passes a
 * value checked against the same schema: a route or tool input that took the schema as is. A
 * value converted on the way, fixed in the spec or read from an orchestration's context was not
 * checked, so that input keeps the spec's type (its route or tool still validates what it can).
 * Likewise a REST text value (path, query, header, cookie) whose schema text cannot be checked
 * against exactly (an object, a union: checked as a string).
 */
import { checkedAsText, type SchemaLookup } from './typed-schemas.js';
import type { ArgBinding, CapabilityModel, Invocation, RestInput, TypedSchema, UpstreamOperation } from './types.js';

type InputSchemas = (key: string) => TypedSchema | undefined;

export function reconcileClientTypes(model: CapabilityModel, lookup: SchemaLookup): CapabilityModel {
  const unchecked = new Set<string>();
  const visit = (target: Invocation, schemaOf: InputSchemas) => {
    if (target.call) for (const arg of target.args) check(target.call.ref, arg, schemaOf);
    for (const step of target.orchestration?.steps ?? []) {
      if (step.kind === 'call') for (const arg of step.args) check(step.call.ref, arg, () => undefined);
    }
  };
  const check = (ref: string, arg: ArgBinding, schemaOf: InputSchemas) => {
    const given = arg.source.kind === 'input' && !arg.source.convert ? schemaOf(arg.source.input) : undefined;
    const wanted = schemaOfTarget(model, ref, arg.target);
    if (wanted && (!given || JSON.stringify(given) !== JSON.stringify(wanted))) unchecked.add(`${ref}\0${arg.target}`);
  };
  for (const route of model.rest?.routes ?? []) visit(route, (key) => checkedSchema(route.inputs.find((i) => i.key === key), lookup));
  for (const tool of model.mcp?.tools ?? []) visit(tool, (name) => tool.inputs.find((i) => i.name === name)?.schema);
  for (const resource of model.mcp?.resources ?? []) {
    if (resource.call) for (const arg of resource.args) check(resource.call.ref, arg, () => undefined);
  }
  if (unchecked.size === 0) return model;
  const loosen = (op: UpstreamOperation): UpstreamOperation => {
    const params = op.params.map((p) => (p.schema && unchecked.has(`${op.ref}\0${p.name}`) ? withoutSchema(p) : p));
    const body = op.body?.kind === 'input' && op.body.schema && unchecked.has(`${op.ref}\0${op.body.name}`) ? withoutSchema(op.body) : op.body;
    return { ...op, params, ...(body ? { body } : {}) };
  };
  return { ...model, upstreams: model.upstreams.map((u) => ({ ...u, operations: u.operations.map(loosen) })) };
}

/** The schema a route input's value was checked against: JSON exactly, text where it can be. */
function checkedSchema(input: RestInput | undefined, lookup: SchemaLookup): TypedSchema | undefined {
  if (!input?.schema) return undefined;
  const json = input.in === 'body' || input.in === 'field';
  return json || checkedAsText(input.schema, lookup) ? input.schema : undefined;
}

function schemaOfTarget(model: CapabilityModel, ref: string, target: string): TypedSchema | undefined {
  const op = model.upstreams.flatMap((u) => u.operations).find((o) => o.ref === ref);
  if (!op) return undefined;
  if (op.body?.kind === 'input' && op.body.name === target) return op.body.schema;
  return op.params.find((p) => p.name === target)?.schema;
}

function withoutSchema<T extends { schema?: TypedSchema }>(value: T): T {
  const { schema: _schema, ...rest } = value;
  return rest as T;
}

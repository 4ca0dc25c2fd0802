/** The upstream call an exposed route or tool makes: `upstreams.<api>.<operation>({...}, options)`. */
import type { ArgBinding, CallTarget, Invocation, Orchestration } from '../../model/types.js';
import { access, jsonLiteral, lit, prop } from '../code.js';


/**
 * The body of an `invoke` closure. `inputOf` renders one caller input by the key ArgSource names;
 * `document` is the caller's inputs as one object, which a mock's outputs read. `mapEmpty`: an
 * empty upstream body is mapped too (an MCP tool whose outputSchema promises an object).
 */
export function invokeExpression(target: Invocation, inputOf: (key: string) => string, document: string, mapEmpty = false): string {
  if (target.orchestration) return stepsExpression(target.orchestration, document);
  if (!target.call) return `mockResponse(${target.output ? `${target.output.mapperName}(${document})` : 'null'})`;
  const call = callExpression(target.call, target.args, inputOf);
  if (!target.output) return call;
  return `${call}.then((response) => mapResponse(response, ${target.output.mapperName}${mapEmpty ? ', true' : ''}))`;
}

/** The declared result of an `invoke` closure with a mapped output: `Promise<MappedResponse<T>>`. */
export function invokeResultType(target: Invocation): string {
  return target.output && !target.orchestration ? `: Promise<MappedResponse<${target.output.typeName}>>` : '';
}

function callExpression(call: CallTarget, args: readonly ArgBinding[], inputOf: (key: string) => string): string {
  const fields = args.map((a) => `${prop(a.target)}: ${argExpression(a.source, inputOf, a.target)}`);
  return `${access(access('upstreams', call.upstream), call.operation)}({ ${fields.join(', ')} }, options)`;
}

/**
 * `runSteps(steps, mappings, document)`; call steps read their arguments from the context. This
 * stays data for the runtime to interpret, and its result untyped: mappings fill dotted targets
 * from whatever the steps answered (a lookup's rows, a call's raw body), and an orchestrated
 * operation's outputParameters only name the result, so there is no mapping to write a type from.
 */
function stepsExpression(orchestration: Orchestration, document: string): string {
  const steps = orchestration.steps.map((step) => {
    if (step.kind === 'lookup') return jsonLiteral(step);
    const used = step.args.some((a) => a.source.kind === 'context');
    return `{ kind: 'call', name: ${lit(step.name)}, invoke: (${used ? 'context' : '_context'}) => ${callExpression(step.call, step.args, () => 'undefined')} }`;
  });
  return `runSteps([${steps.join(', ')}], ${jsonLiteral(orchestration.mappings)}, ${document})`;
}

/** Whether an invocation calls an upstream (so it needs `upstreams` and `options`). */
export function callsUpstream(target: Invocation): boolean {
  return target.call !== undefined || (target.orchestration?.steps.some((s) => s.kind === 'call') ?? false);
}

const CONVERTERS = { array: 'toArray', text: 'toText', number: 'toNumber', boolean: 'toBoolean', object: 'toObject' } as const;

function argExpression(source: ArgBinding['source'], inputOf: (key: string) => string, target: string): string {
  if (source.kind === 'literal') return jsonLiteral(source.value);
  const value = source.kind === 'input' ? inputOf(source.input) : `select(context, ${jsonLiteral(source.path)})`;
  const converted = source.convert ? `${CONVERTERS[source.convert]}(${value})` : value;
  return source.required ? `requireValue(${converted}, ${lit(target)})` : converted;
}

function allArgs(target: Invocation): ArgBinding[] {
  return [...target.args, ...(target.orchestration?.steps ?? []).flatMap((s) => (s.kind === 'call' ? s.args : []))];
}

/** Converters from runtime/http.ts the invocations need. */
export function converterImports(targets: readonly Invocation[]): string[] {
  const names = new Set<string>();
  for (const t of targets) {
    for (const a of allArgs(t)) {
      if (a.source.kind !== 'literal' && a.source.convert) names.add(CONVERTERS[a.source.convert]);
      if (a.source.kind !== 'literal' && a.source.required) names.add('requireValue');
    }
  }
  return [...names].sort();
}

/** Imports from runtime/steps.ts. */
export function stepImports(targets: readonly Invocation[]): string[] {
  return targets.some((t) => t.orchestration) ? ['runSteps'] : [];
}

/** Imports from runtime/output.ts the invocations need. */
export function outputImports(targets: readonly Invocation[]): string[] {
  const names = new Set<string>();
  for (const t of targets) {
    if (t.orchestration) {
      if (allArgs(t).some((a) => a.source.kind === 'context')) names.add('select');
      continue;
    }
    if (!t.call) names.add('mockResponse');
    else if (t.output) names.add('mapResponse');
    if (t.output) names.add('type MappedResponse');
  }
  // Sorted by name, `type ` prefixes aside, as the other import lists are.
  return [...names].sort((a, b) => a.replace(/^type /, '').localeCompare(b.replace(/^type /, '')));
}

/** Imports from the surface's outputs.gen.ts: each mapper and its type (and schema, for tools). */
export function mapperImports(targets: readonly Invocation[], schemas: (t: Invocation) => boolean = () => false): string[] {
  return targets.flatMap((t) =>
    t.output && !t.orchestration ? [t.output.mapperName, ...(schemas(t) ? [t.output.schemaName] : []), `type ${t.output.typeName}`] : [],
  );
}

/** Whether the closure reads the caller's input at all. */
export function readsInput(target: Invocation): boolean {
  return !target.call || target.args.some((a) => a.source.kind === 'input');
}


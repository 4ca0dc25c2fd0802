/** The upstream call an exposed route or tool makes: `upstreams.<api>.<operation>({...}, options)`. */
import type { ArgBinding, CallTarget, Invocation, Orchestration } from '../../model/types.js';
import { access, jsonLiteral, lit, prop } from '../code.js';


/**
 * The body of an `invoke` closure. `inputOf` renders one caller input by the key ArgSource names;
 * `document` is the caller's inputs as one object, which a mock's outputs read.
 */
export function invokeExpression(target: Invocation, inputOf: (key: string) => string, document: string): string {
  if (target.orchestration) return stepsExpression(target.orchestration, document);
  if (!target.call) return `mockResponse(${jsonLiteral(target.output ?? { kind: 'const', value: null })}, ${document})`;
  const call = callExpression(target.call, target.args, inputOf);
  return target.output ? `${call}.then((response) => mapResponse(response, ${jsonLiteral(target.output)}))` : call;
}

function callExpression(call: CallTarget, args: readonly ArgBinding[], inputOf: (key: string) => string): string {
  const fields = args.map((a) => `${prop(a.target)}: ${argExpression(a.source, inputOf, a.target)}`);
  return `${access(access('upstreams', call.upstream), call.operation)}({ ${fields.join(', ')} }, options)`;
}

/** `runSteps(steps, mappings, document)`; call steps read their arguments from the context. */
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
  if (source.kind === 'literal') return lit(source.value);
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
    } else if (!t.call) names.add('mockResponse');
    else if (t.output) names.add('mapResponse');
  }
  return [...names].sort();
}

/** Whether the closure reads the caller's input at all. */
export function readsInput(target: Invocation): boolean {
  return !target.call || target.args.some((a) => a.source.kind === 'input');
}


/** The upstream call an exposed route or tool makes: `upstreams.<api>.<operation>({...}, options)`. */
import type { ArgBinding, CallTarget, OutputNode } from '../../model/types.js';
import { access, jsonLiteral, lit, prop } from '../code.js';

export interface Invocable {
  readonly call?: CallTarget;
  readonly args: readonly ArgBinding[];
  readonly output?: OutputNode;
}

/**
 * The body of an `invoke` closure. `inputOf` renders one caller input by the key ArgSource names;
 * `document` is the caller's inputs as one object, which a mock's outputs read.
 */
export function invokeExpression(target: Invocable, inputOf: (key: string) => string, document: string): string {
  if (!target.call) return `mockResponse(${jsonLiteral(target.output ?? { kind: 'const', value: null })}, ${document})`;
  const fields = target.args.map((a) => `${prop(a.target)}: ${argExpression(a.source, inputOf)}`);
  const call = `${access(access('upstreams', target.call.upstream), target.call.operation)}({ ${fields.join(', ')} }, options)`;
  return target.output ? `${call}.then((response) => mapResponse(response, ${jsonLiteral(target.output)}))` : call;
}

const CONVERTERS = { array: 'toArray', text: 'toText', number: 'toNumber', boolean: 'toBoolean' } as const;

function argExpression(source: ArgBinding['source'], inputOf: (key: string) => string): string {
  if (source.kind === 'literal') return lit(source.value);
  const value = inputOf(source.input);
  return source.convert ? `${CONVERTERS[source.convert]}(${value})` : value;
}

/** Converters from runtime/http.ts the invocations need. */
export function converterImports(targets: readonly Invocable[]): string[] {
  const names = new Set<string>();
  for (const t of targets) for (const a of t.args) if (a.source.kind === 'input' && a.source.convert) names.add(CONVERTERS[a.source.convert]);
  return [...names].sort();
}

/** Imports from runtime/output.ts the invocations need. */
export function outputImports(targets: readonly Invocable[]): string[] {
  const names = new Set<string>();
  for (const t of targets) {
    if (!t.call) names.add('mockResponse');
    else if (t.output) names.add('mapResponse');
  }
  return [...names].sort();
}

/** Whether the closure reads the caller's input at all. */
export function readsInput(target: Invocable): boolean {
  return !target.call || target.args.some((a) => a.source.kind === 'input');
}

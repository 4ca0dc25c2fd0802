/** The upstream call an exposed route or tool makes: `upstreams.<api>.<operation>({...}, options)`. */
import type { ArgBinding, CallTarget, Invocation, McpResource, Orchestration } from '../../model/types.js';
import { ident, join, json, key, literal, member, str, ts, type Code, type ImportSpec } from '../code.js';

/**
 * The body of an `invoke` closure. `inputOf` renders one caller input by the key ArgSource names;
 * `document` is the caller's inputs as one object, which a mock's outputs read. `mapEmpty`: an
 * empty upstream body is mapped too (an MCP tool whose outputSchema promises an object).
 */
export function invokeExpression(target: Invocation, inputOf: (key: string) => Code, document: Code, mapEmpty = false): Code {
  if (target.orchestration) return stepsExpression(target.orchestration, document);
  if (!target.call) return ts`mockResponse(${target.output ? ts`${ident(target.output.mapperName)}(${document})` : ts`null`})`;
  const call = callExpression(target.call, target.args, inputOf);
  if (declaresBinaryAnswer(target)) return ts`${call}.then(binaryAnswer(${binaryAnswerLiteral(target.binary!)}))`;
  // Unmapped, the answer passes through as the upstream sent it (XML, bytes included), as in the engine.
  if (!target.output) return call;
  return ts`${call}${readAs(target.call)}.then((response) => mapResponse(response, ${ident(target.output.mapperName)}${mapEmpty ? ts`, true` : ts``}))`;
}

/** The declared result of an `invoke` closure with a mapped output: `Promise<MappedResponse<T>>`. */
export function invokeResultType(target: Invocation): Code {
  return target.output && !target.orchestration ? ts`: Promise<MappedResponse<${ident(target.output.typeName)}>>` : ts``;
}

/** `.then(fromXml(ref))` for an answer in another format than JSON: what reads it reads JSON. */
export function readAs(call: CallTarget): Code {
  const reader = formatReader(call);
  return reader ? ts`.then(${reader})` : ts``;
}

/** `fromXml(ref)`: the converter of an answer in another format than JSON. */
function formatReader(call: CallTarget): Code | undefined {
  return call.format ? ts`${FORMAT_READERS[call.format][1]}(${str(call.ref)})` : undefined;
}

/** Each format's reader: the runtime module and the function (its name as code and as an import). */
const FORMAT_READERS: Record<NonNullable<CallTarget['format']>, readonly [string, Code, string]> = {
  xml: ['xml', ts`fromXml`, 'fromXml'],
  yaml: ['yaml', ts`fromYaml`, 'fromYaml'],
  csv: ['delimited', ts`fromCsv`, 'fromCsv'],
  tsv: ['delimited', ts`fromTsv`, 'fromTsv'],
  psv: ['delimited', ts`fromPsv`, 'fromPsv'],
};

/** Imports of the format readers (runtime modules) for the calls whose answers are read. */
export function formatImports(read: readonly CallTarget[]): ImportSpec[] {
  const byModule = new Map<string, Set<string>>();
  for (const { format } of read) {
    if (!format) continue;
    const [module, , name] = FORMAT_READERS[format];
    byModule.set(module, (byModule.get(module) ?? new Set()).add(name));
  }
  return [...byModule].sort(([a], [b]) => (a < b ? -1 : 1)).map(([module, names]) => ({ moduleSpecifier: `../runtime/${module}.js`, namedImports: [...names].sort() }));
}

/** The calls of these invocations whose answer is read: mapped ones and every call step. */
export function readCalls(targets: readonly Invocation[]): CallTarget[] {
  return targets.flatMap((t) => [...(t.call && t.output ? [t.call] : []), ...(t.orchestration?.steps ?? []).flatMap((s) => (s.kind === 'call' ? [s.call] : []))]);
}

/** The calls of MCP resources whose answer is read (mapped). */
export function readResourceCalls(resources: readonly McpResource[]): CallTarget[] {
  return resources.flatMap((r) => (r.output && r.call ? [r.call] : []));
}

/** `upstreams.<api>.<operation>({ <target>: <value>, ... }, options)`. */
export function callExpression(call: CallTarget, args: readonly ArgBinding[], inputOf: (key: string) => Code): Code {
  const fields = args.map((a) => ts`${key(a.target)}: ${argExpression(a.source, inputOf, a.target)}`);
  return ts`${member(member(ts`upstreams`, call.upstream), call.operation)}({ ${join(fields)} }, options)`;
}

/**
 * `runSteps(steps, mappings, document)`; call steps read their arguments from the context. This
 * stays data for the runtime to interpret, and its result untyped: mappings fill dotted targets
 * from whatever the steps answered (a lookup's rows, a call's answer shaped by the consumed
 * operation's outputParameters), and when nothing maps the last call's answer is the result, so
 * an orchestrated operation's outputParameters cannot give it a type.
 */
function stepsExpression(orchestration: Orchestration, document: Code): Code {
  const steps = orchestration.steps.map((step) => {
    if (step.kind === 'lookup') return json(step);
    const used = step.args.some((a) => a.source.kind === 'context');
    const reader = formatReader(step.call);
    const invoke = ts`invoke: (${used ? ts`context` : ts`_context`}) => ${callExpression(step.call, step.args, () => ts`undefined`)}`;
    return ts`{ kind: 'call', name: ${str(step.name)}, ${invoke}${reader ? ts`, read: ${reader}` : ts``}${step.outputs ? ts`, outputs: ${json(step.outputs)}` : ts``} }`;
  });
  return ts`runSteps([${join(steps)}], ${json(orchestration.mappings)}, ${document})`;
}

/** Whether an invocation calls an upstream (so it needs `upstreams` and `options`). */
export function callsUpstream(target: Invocation): boolean {
  return target.call !== undefined || (target.orchestration?.steps.some((s) => s.kind === 'call') ?? false);
}

const CONVERTERS = { array: 'toArray', text: 'toText', number: 'toNumber', boolean: 'toBoolean', object: 'toObject' } as const;

const CONVERTER_CODE = { array: ts`toArray`, text: ts`toText`, number: ts`toNumber`, boolean: ts`toBoolean`, object: ts`toObject` } as const;

function argExpression(source: ArgBinding['source'], inputOf: (key: string) => Code, target: string): Code {
  // A with list literal (a YAML sequence) is data; a scalar is its literal.
  if (source.kind === 'literal') return typeof source.value === 'object' ? json(source.value) : literal(source.value);
  const value = source.kind === 'input' ? inputOf(source.input) : ts`select(context, ${json(source.path)})`;
  const converted = source.convert ? ts`${CONVERTER_CODE[source.convert]}(${value})` : value;
  return source.required ? ts`requireValue(${converted}, ${str(target)})` : converted;
}

function allArgs(target: Invocation): ArgBinding[] {
  return [...target.args, ...(target.orchestration?.steps ?? []).flatMap((s) => (s.kind === 'call' ? s.args : []))];
}

/** Whether the spec gives a binary answer its own media type or status (else the upstream's pass on). */
function declaresBinaryAnswer(target: Invocation): boolean {
  return target.binary?.mediaType !== undefined || target.binary?.status !== undefined;
}

function binaryAnswerLiteral(answer: NonNullable<Invocation['binary']>): Code {
  const fields = [...(answer.mediaType !== undefined ? [ts`mediaType: ${str(answer.mediaType)}`] : []), ...(answer.status !== undefined ? [ts`status: ${answer.status}`] : [])];
  return ts`{ ${join(fields)} }`;
}

/** Converters from runtime/http.ts the invocations need. */
export function converterImports(targets: readonly Invocation[]): string[] {
  const names = new Set<string>(targets.some(declaresBinaryAnswer) ? ['binaryAnswer'] : []);
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


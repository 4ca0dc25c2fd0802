/**
 * Binding an exposed operation or tool to the consumed operation it calls: `with` entries and the
 * consumed parameters nothing maps (format.md Part A rules 2, 4 and 5). Shared by REST and MCP;
 * each surface supplies an InputSpace that decides where a caller input comes from.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecWithT } from '../formats/spec.js';
import type { FunctionIndex } from './aggregates.js';
import type { EnvRegistry } from './env.js';
import type { ImportResolver } from './imports.js';
import { matchName, suggest } from '../util/names.js';
import { parseWithValue } from './expressions.js';
import type { ArgBinding, CallTarget, Conversion, ConvertedFormat, Param, TypedSchema, Upstream, UpstreamOperation, ValueType } from './types.js';
import type { ConsumedSource } from './upstreams.js';
import type { SchemaRegistry } from './contracts.js';

/** A property of the upstream call's input object: a parameter or the body. */
export interface Target {
  readonly name: string;
  /** The consumed operation's ref, for messages. */
  readonly op: string;
  readonly in: Param['in'] | 'body';
  readonly type: ValueType;
  readonly required: boolean;
  readonly description?: string;
  readonly schema?: TypedSchema;
}

/** What resolving a REST or MCP surface needs from the rest of the model. */
export interface SurfaceContext {
  readonly upstreams: readonly Upstream[];
  readonly functions: FunctionIndex;
  readonly env: EnvRegistry;
  readonly reporter: Reporter;
  /** Reads files the spec points at (static MCP resources), confined like imports. */
  readonly files?: ImportResolver | undefined;
  /** `namespace.operation` refs that name several consumed operations, with their positions. */
  readonly duplicateRefs: ReadonlyMap<string, readonly string[]>;
  /** `--openapi`: the schemas typed operations refer to. */
  readonly schemas?: SchemaRegistry | undefined;
}

/**
 * Caller inputs arrive as properties of plain objects that the generated service validates with
 * zod, which never copies a `__proto__` property (JavaScript objects treat it as their prototype):
 * an input of that name would be accepted and silently lost, so it is refused (NG3004).
 */
export function checkInputNames(names: readonly string[], at: SpecPath, reporter: Reporter): boolean {
  const bad = names.filter((n) => n === '__proto__');
  for (const name of new Set(bad)) reporter.at('NG3004', at, { name });
  return bad.length === 0;
}

export interface InputSpace {
  /** The value type of the input with this key. */
  typeOf(key: string): ValueType;
  /** Whether the spec declares an input of this name (so a bare `with` value can refer to it). */
  declares(name: string): boolean;
  /** Whether the input with this key is always present. */
  isRequired(key: string): boolean;
  /** The input key for caller input `name` that a `with` entry routes into `target`. */
  fromWith(name: string, target: Target, at: SpecPath): string | undefined;
  /** The input key for a target no `with` entry maps; undefined leaves it unset. */
  unbound(target: Target, at: SpecPath): string | undefined;
  /** `--openapi`: the input passes as is to a target with this schema, so it takes the schema. */
  adopt(key: string, schema: TypedSchema): void;
}

export interface ResolvedCall {
  readonly op: UpstreamOperation;
  readonly call: CallTarget;
}

/**
 * Finds `call: <namespace>.<operation>` among the upstreams, with a suggestion on a miss. A ref
 * that several consumed operations share is an error even though one of them is kept: the call
 * could mean any of them.
 */
export function resolveCallTarget(
  ref: string,
  ctx: Pick<SurfaceContext, 'upstreams' | 'reporter' | 'duplicateRefs'>,
  at: SpecPath,
): ResolvedCall | undefined {
  const { upstreams, reporter } = ctx;
  const places = ctx.duplicateRefs.get(ref);
  if (places) {
    reporter.at('NG2161', at, { ref, count: places.length, places });
    return undefined;
  }
  for (const upstream of upstreams) {
    const op = upstream.operations.find((o) => o.ref === ref);
    if (op) return { op, call: { upstream: upstream.key, operation: op.functionName, ref, ...convertedFormat(op) } };
  }
  const known = upstreams.flatMap((u) => u.operations.map((o) => o.ref));
  reporter.at('NG2101', at, { ref, suggestion: suggest(ref, known) });
  return undefined;
}

/** Refs declared more than once (the same name twice in an API, or one namespace declared twice). */
export function duplicateRefs(sources: readonly ConsumedSource[], reporter: Reporter): Map<string, string[]> {
  const places = new Map<string, string[]>();
  for (const source of sources) {
    const foreign = source.reporter !== reporter;
    source.spec.resources.forEach((resource, ri) =>
      resource.operations.forEach((op, oi) => {
        const name = op.name ?? op.id;
        if (name === undefined) return;
        const ref = `${source.spec.namespace}.${name}`;
        const where = source.reporter.where([...source.path, 'resources', ri, 'operations', oi], foreign);
        places.set(ref, [...(places.get(ref) ?? []), where]);
      }),
    );
  }
  return new Map([...places].filter(([, at]) => at.length > 1));
}

/** The format a read of the answer converts from: none for JSON, nor for binary bytes (never read). */
function convertedFormat(op: UpstreamOperation): { format?: ConvertedFormat } {
  return op.responseFormat === 'json' || op.responseFormat === 'binary' ? {} : { format: op.responseFormat };
}

export function targetsOf(op: UpstreamOperation): Target[] {
  const targets: Target[] = op.params.map((p) => ({ ...p, op: op.ref }));
  if (op.body?.kind === 'input') {
    const { name, required, type, description, schema } = op.body;
    targets.push({ name, required, type, in: 'body', op: op.ref, ...(description ? { description } : {}), ...(schema ? { schema } : {}) });
  }
  return targets;
}

/** Binds the call's arguments; `withAt` is where `withMap` is written, when not at `at` (inherited through `ref`). */
export function bindArguments(
  op: UpstreamOperation,
  withMap: SpecWithT | undefined,
  exposeNamespace: string,
  space: InputSpace,
  at: SpecPath,
  reporter: Reporter,
  withAt: SpecPath = at,
): ArgBinding[] {
  const targets = targetsOf(op);
  const bound = new Map<Target, ArgBinding>();
  for (const [key, value] of Object.entries(withMap ?? {})) {
    const keyAt = [...withAt, 'with', key];
    const target = findTarget(key, targets, op, keyAt, reporter);
    if (!target) continue;
    if (bound.has(target)) {
      reporter.atKey('NG2114', keyAt, { param: target.name, op: op.ref });
      continue;
    }
    let source = parseWithValue(value, exposeNamespace);
    if (source.kind === 'literal' && typeof source.value === 'string' && space.declares(source.value)) {
      reporter.at('NG2127', keyAt, { value: source.value });
      source = { kind: 'input', name: source.value };
    }
    if (source.kind === 'literal') {
      const value = Array.isArray(source.value) ? coerceList(source.value, target) : coerceLiteral(source.value as string | number | boolean, target.type);
      if (value === undefined) reporter.at('NG2116', keyAt, { value: String(source.value), type: listAllowed(target) ? `a list of ${target.type}` : target.type, param: target.name });
      else bound.set(target, { target: target.name, source: { kind: 'literal', value } });
      continue;
    }
    const input = space.fromWith(source.name, target, keyAt);
    if (input !== undefined) bound.set(target, { target: target.name, source: inputSource(input, target, space) });
  }
  for (const target of targets) {
    if (bound.has(target)) continue;
    const input = space.unbound(target, at);
    if (input !== undefined) bound.set(target, { target: target.name, source: inputSource(input, target, space) });
  }
  for (const [target, binding] of bound) {
    if (target.schema && binding.source.kind === 'input' && !binding.source.convert) space.adopt(binding.source.input, target.schema);
  }
  return targets.flatMap((t) => bound.get(t) ?? []);
}

export function findTarget(key: string, targets: readonly Target[], op: UpstreamOperation, at: SpecPath, reporter: Reporter) {
  const match = matchName(key, targets, (t) => t.name);
  if (match.kind === 'found') return match.item;
  if (match.kind === 'ambiguous') {
    reporter.atKey('NG2104', at, { name: key, candidates: match.items.map((t) => t.name) });
  } else {
    reporter.atKey('NG2102', at, { key, op: op.ref, candidates: targets.map((t) => t.name) });
  }
  return undefined;
}

/** Locations where a parameter can carry several values (repeated, or comma-joined). */
const LIST_LOCATIONS: ReadonlySet<Target['in']> = new Set(['query', 'header', 'cookie']);

function listAllowed(target: Target): boolean {
  return LIST_LOCATIONS.has(target.in);
}

function inputSource(input: string, target: Target, space: InputSpace): ArgBinding['source'] {
  const from = space.typeOf(input);
  // A list stays a list of scalars on its way to the query string or a header, whatever the parameter declares.
  const convert = from === 'array' && listAllowed(target) && target.type !== 'array' ? 'array' : conversion(from, target.type);
  const required = target.required && !space.isRequired(input);
  return { kind: 'input', input, ...(convert ? { convert } : {}), ...(required ? { required: true } : {}) };
}

/** How a value of one type reaches a parameter of another; undefined when it fits as is. */
export function conversion(from: ValueType, to: ValueType): Conversion | undefined {
  if (from === to || to === 'any') return undefined;
  if (to === 'object') return from === 'any' || from === 'string' ? 'object' : undefined;
  if ((from === 'integer' && to === 'number') || (from === 'number' && to === 'integer')) return undefined;
  switch (to) {
    case 'array':
      return 'array';
    case 'string':
      return 'text';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
  }
}

/** A list literal for a query, header or cookie parameter, each item converted to its type. */
function coerceList(items: readonly (string | number | boolean)[], target: Target): readonly (string | number | boolean)[] | undefined {
  if (!listAllowed(target)) return undefined;
  const type = target.type === 'array' || target.type === 'any' || target.type === 'object' ? 'string' : target.type;
  const values = items.map((item) => (target.type === 'array' ? item : coerceLiteral(item, type)));
  return values.every((v) => v !== undefined) ? (values as (string | number | boolean)[]) : undefined;
}

/** A literal `with` value converted to the parameter's type, or undefined when it cannot be. */
function coerceLiteral(value: string | number | boolean, type: ValueType): string | number | boolean | undefined {
  switch (type) {
    case 'string':
      return String(value);
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) && (type === 'number' || Number.isInteger(n)) ? n : undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : undefined;
    default:
      return undefined;
  }
}

/**
 * Orchestration (`steps` + `mappings`, format.md 4.4): call and lookup steps over one context of
 * caller inputs and step outputs. `{{x}}` / `tools.x` / `rest.x` name caller input x (created in
 * the surface's InputSpace), `$.step.field` and `{{step.field}}` read the context. Script steps
 * have no safe meaning in a generated service and are an error.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import { conversion, findTarget, resolveCallTarget, targetsOf, type InputSpace, type SurfaceContext, type Target } from './bindings.js';
import { parseWithValue } from './expressions.js';
import { parseJsonPath } from './jsonpath.js';
import type { ArgBinding, Orchestration, PathStep, Step } from './types.js';

type Raw = Readonly<Record<string, unknown>>;

export function resolveOrchestration(
  op: { readonly steps?: readonly unknown[] | undefined; readonly mappings?: readonly unknown[] | undefined },
  at: SpecPath,
  namespace: string,
  inputs: InputSpace,
  ctx: SurfaceContext,
): Orchestration | undefined {
  const steps: Step[] = [];
  const names = new Set<string>();
  let ok = true;
  (op.steps ?? []).forEach((raw, i) => {
    const stepAt = [...at, 'steps', i];
    const step = isRecord(raw) ? resolveStep(raw, stepAt, names, namespace, inputs, ctx) : undefined;
    if (!isRecord(raw)) ctx.reporter.at('NG1001', stepAt, { expected: 'a step mapping', received: typeof raw });
    if (step) {
      steps.push(step);
      names.add(step.name);
    } else ok = false;
  });
  const mappings = (op.mappings ?? []).flatMap((raw, i) => {
    const mapAt = [...at, 'mappings', i];
    if (!isRecord(raw) || typeof raw.targetName !== 'string' || typeof raw.value !== 'string') {
      ctx.reporter.at('NG1002', mapAt, { key: ctx.reporter.keyName(mapAt, isRecord(raw) && typeof raw.targetName === 'string' ? 'value' : 'targetName') });
      ok = false;
      return [];
    }
    const path = parseJsonPath(raw.value, [...mapAt, 'value'], ctx.reporter);
    if (!path) ok = false;
    return path ? [{ target: raw.targetName.split('.'), path }] : [];
  });
  return ok ? { steps, mappings } : undefined;
}

function resolveStep(raw: Raw, at: SpecPath, earlier: ReadonlySet<string>, namespace: string, inputs: InputSpace, ctx: SurfaceContext): Step | undefined {
  const name = typeof raw.name === 'string' ? raw.name : undefined;
  if (!name) {
    ctx.reporter.at('NG1002', at, { key: 'name' });
    return undefined;
  }
  switch (raw.type ?? 'call') {
    case 'call':
      return callStep(raw, name, at, namespace, inputs, ctx);
    case 'lookup':
      return lookupStep(raw, name, at, earlier, inputs, ctx);
    case 'script':
      ctx.reporter.at('NG2301', [...at, 'type'], { construct: 'script steps (running arbitrary code has no safe meaning in a generated service)' });
      return undefined;
    default:
      ctx.reporter.at('NG1003', [...at, 'type'], { value: String(raw.type), allowed: ['call', 'lookup', 'script'] });
      return undefined;
  }
}

function callStep(raw: Raw, name: string, at: SpecPath, namespace: string, inputs: InputSpace, ctx: SurfaceContext): Step | undefined {
  if (typeof raw.call !== 'string') {
    ctx.reporter.at('NG1002', at, { key: 'call' });
    return undefined;
  }
  const resolved = resolveCallTarget(raw.call, ctx, [...at, 'call']);
  if (!resolved) return undefined;
  const targets = targetsOf(resolved.op);
  const args = new Map<Target, ArgBinding>();
  for (const [key, value] of Object.entries(isRecord(raw.with) ? raw.with : {})) {
    const target = findTarget(key, targets, resolved.op, [...at, 'with', key], ctx.reporter);
    if (!target) continue;
    const path = contextPath(value, namespace, target, inputs, [...at, 'with', key], ctx);
    if (path === undefined && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
      args.set(target, { target: target.name, source: { kind: 'literal', value } });
    } else if (path) args.set(target, { target: target.name, source: contextSource(path, target) });
  }
  // As the reference engine does, parameters no `with` entry maps read the input of the same name.
  for (const target of targets) {
    if (args.has(target) || !(target.required || inputs.declares(target.name))) continue;
    inputs.fromWith(target.name, target, at);
    args.set(target, { target: target.name, source: contextSource([target.name], target) });
  }
  const outputs = resolved.op.outputs;
  return { kind: 'call', name, call: resolved.call, args: targets.flatMap((t) => args.get(t) ?? []), ...(outputs ? { outputs } : {}) };
}

/** A context path for a with value: step output ($.step.field, {{step.field}}) or a caller input. */
function contextPath(value: unknown, namespace: string, target: Target, inputs: InputSpace, at: SpecPath, ctx: SurfaceContext): PathStep[] | null | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('$')) return parseJsonPath(value, at, ctx.reporter);
  const mustache = /^\{\{\s*([A-Za-z0-9_$-]+)\.([A-Za-z0-9_.$-]+)\s*\}\}$/.exec(value);
  if (mustache && !['tools', 'rest', namespace].includes(mustache[1]!)) return parseJsonPath(`$.${mustache[1]}.${mustache[2]}`, at, ctx.reporter);
  const source = parseWithValue(value, namespace);
  if (source.kind === 'literal') return undefined;
  inputs.fromWith(source.name, { ...target, required: false }, at);
  return [source.name];
}

function contextSource(path: readonly PathStep[], target: Target): ArgBinding['source'] {
  const convert = conversion('any', target.type);
  return { kind: 'context', path, ...(convert ? { convert } : {}), ...(target.required ? { required: true } : {}) };
}

function lookupStep(raw: Raw, name: string, at: SpecPath, earlier: ReadonlySet<string>, inputs: InputSpace, ctx: SurfaceContext): Step | undefined {
  for (const key of ['index', 'match', 'lookupValue'] as const) {
    if (typeof raw[key] !== 'string') {
      ctx.reporter.at('NG1002', at, { key });
      return undefined;
    }
  }
  const index = raw.index as string;
  if (!earlier.has(index)) {
    ctx.reporter.at('NG2130', [...at, 'index'], { step: index });
    return undefined;
  }
  // `{{name}}` (a Mustache template in the engine) reads the inputs and step outputs; `$.step.x` the step outputs.
  const template = /^\{\{\s*([A-Za-z0-9_$-]+(?:\.[A-Za-z0-9_$-]+)*)\s*\}\}$/.exec(raw.lookupValue as string);
  const lookupValue = parseJsonPath(template ? `$.${template[1]}` : (raw.lookupValue as string), [...at, 'lookupValue'], ctx.reporter);
  if (!lookupValue) return undefined;
  const [head] = lookupValue;
  if (template && typeof head === 'string' && !earlier.has(head)) {
    inputs.fromWith(head, { name: head, op: `lookup ${name}`, in: 'query', type: 'string', required: false }, [...at, 'lookupValue']);
  }
  const fields = Array.isArray(raw.outputParameters) ? raw.outputParameters.filter((f): f is string => typeof f === 'string') : [];
  return { kind: 'lookup', name, index, match: raw.match as string, lookupValue, ...(template ? { scope: 'context' as const } : {}), fields };
}

function isRecord(v: unknown): v is Raw {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

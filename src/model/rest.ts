/** Resolution pass: the REST adapter -> RestSurface (routes, caller inputs, argument bindings). */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecExposedOperationT, SpecExposesRestT } from '../spec/schema.js';
import { matchName, suggest } from '../util/names.js';
import { applyRef } from './aggregates.js';
import { resolveUpstreamAuth } from './auth.js';
import { bindArguments, resolveCallTarget, type InputSpace, type SurfaceContext, type Target } from './bindings.js';
import { parsePathTemplate, type PathPart } from './expressions.js';
import { camelCase, Uniquer } from './naming.js';
import { resolveMode } from './operation-modes.js';
import { parseJsonPath } from './outputs.js';
import { resolveOrchestration } from './steps.js';
import type { RestForward, RestInput, RestRoute, RestSurface, ValueType } from './types.js';

export function resolveRest(rest: SpecExposesRestT, path: SpecPath, ctx: SurfaceContext): RestSurface {
  const { reporter, skipInvalid } = ctx;
  const ids = new Uniquer();
  const seen = new Map<string, SpecPath>();
  const routes: RestRoute[] = [];
  const forwards: RestForward[] = [];
  rest.resources?.forEach((resource, ri) => {
    const rPath = [...path, 'resources', ri];
    const template = parsePathTemplate(resource.path);
    if (resource.forward !== undefined) {
      const forward = resolveForward(resource.forward, resource.path, template.parts, [...rPath, 'forward'], ctx);
      if (forward) forwards.push(forward);
    }
    template.invalid.forEach((placeholder) => reporter.at('NG2110', [...rPath, 'path'], { placeholder }));
    const exposedPath = expressPathOf(template.parts);
    resource.operations?.forEach((spec, oi) => {
      const opPath = [...rPath, 'operations', oi];
      const op = applyRef(spec, opPath, ctx.functions, reporter, false);
      if (!op) return;
      const routeKey = `${op.method} ${exposedPath.shape}`;
      const first = seen.get(routeKey);
      if (first) {
        reporter.at('NG2105', [...opPath, 'method'], { method: op.method, path: resource.path, first: reporter.where(first) });
        return;
      }
      seen.set(routeKey, [...opPath, 'method']);
      const what = `${op.method} ${resource.path}`;
      const route = reporter.guard(skipInvalid, opPath, what, () => resolveRoute(op, opPath, rPath, resource, exposedPath, rest.namespace, ctx));
      if (route) routes.push({ ...route, operationId: ids.claim(op.name ?? route.call?.ref.split('.')[1] ?? `${op.method.toLowerCase()}-${resource.name ?? ri}`, '-') });
    });
  });
  const auth = resolveUpstreamAuth(rest.authentication, [...path, 'authentication'], ctx.env, reporter, 'inbound');
  return {
    namespace: rest.namespace,
    port: rest.port,
    ...(auth.kind !== 'none' && auth.kind !== 'digest' ? { auth } : {}),
    ...(rest.description ? { description: rest.description } : {}),
    routes,
    forwards,
  };
}

interface ExposedPath {
  readonly express: string;
  readonly openApi: string;
  /** The path with parameter names erased, to detect two routes that match the same requests. */
  readonly shape: string;
  readonly params: readonly { readonly specName: string; readonly ident: string }[];
}

/** path-to-regexp 8 gives these characters meaning; literal text must escape them. */
const EXPRESS_SPECIAL = /[()[\]{}?+!*:\\]/g;

function resolveForward(
  forward: { targetNamespace: string; trustedHeaders?: string[] | undefined },
  specPath: string,
  parts: readonly PathPart[],
  at: SpecPath,
  ctx: SurfaceContext,
): RestForward | undefined {
  const upstream = ctx.upstreams.find((u) => u.namespace === forward.targetNamespace);
  if (!upstream) {
    ctx.reporter.at('NG2133', [...at, 'targetNamespace'], { namespace: forward.targetNamespace, suggestion: suggest(forward.targetNamespace, ctx.upstreams.map((u) => u.namespace)) });
    return undefined;
  }
  const last = parts[parts.length - 1];
  const wildcard = last?.kind === 'param' ? camelCase(last.name) : undefined;
  const prefix = expressPathOf(wildcard ? parts.slice(0, -1) : parts).express;
  const expressPath = wildcard ? `${prefix.endsWith('/') ? prefix : `${prefix}/`}*${wildcard}` : prefix;
  return {
    specPath,
    expressPath,
    ...(wildcard ? { param: wildcard } : {}),
    upstream: upstream.key,
    namespace: upstream.namespace,
    trustedHeaders: (forward.trustedHeaders ?? []).map((h) => h.toLowerCase()),
  };
}

function expressPathOf(parts: readonly PathPart[]): ExposedPath {
  const idents = new Uniquer();
  let express = '';
  let openApi = '';
  let shape = '';
  const params: { specName: string; ident: string }[] = [];
  parts.forEach((part, i) => {
    if (part.kind === 'text') {
      express += part.text.replace(EXPRESS_SPECIAL, (c) => `\\${c}`);
      openApi += part.text;
      shape += part.text.toLowerCase();
      return;
    }
    const ident = idents.claim(camelCase(part.name));
    const next = parts[i + 1];
    const glued = next?.kind === 'text' && /^[A-Za-z0-9_$]/.test(next.text);
    express += glued ? `:"${ident}"` : `:${ident}`;
    openApi += `{${ident}}`;
    shape += '{}';
    params.push({ specName: part.name, ident });
  });
  const normalized = express.startsWith('/') ? express : `/${express}`;
  return { express: normalized, openApi: openApi.startsWith('/') ? openApi : `/${openApi}`, shape, params };
}

function resolveRoute(
  op: SpecExposedOperationT,
  at: SpecPath,
  resourceAt: SpecPath,
  resource: { description?: string | undefined; path: string; inputParameters?: SpecExposedOperationT['inputParameters'] },
  exposedPath: ExposedPath,
  namespace: string,
  ctx: SurfaceContext,
): Omit<RestRoute, 'operationId'> | undefined {
  const { upstreams, reporter } = ctx;
  const mode = resolveMode(op, at, reporter);
  if (!mode) return undefined;
  const target = mode.kind === 'call' ? resolveCallTarget(mode.ref, upstreams, [...at, 'call'], reporter) : undefined;
  if (mode.kind === 'call' && !target) return undefined;
  const inputs = new RestInputs(exposedPath, op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH', reporter);
  resource.inputParameters?.forEach((p, k) => inputs.declare(p, [...resourceAt, 'inputParameters', k]));
  op.inputParameters?.forEach((p, k) => inputs.declare(p, [...at, 'inputParameters', k]));
  const args = target ? bindArguments(target.op, op.with, namespace, inputs, at, reporter) : [];
  const orchestration = mode.kind === 'steps' ? resolveOrchestration(op, at, namespace, inputs, ctx) : undefined;
  if (mode.kind === 'steps' && !orchestration) return undefined;
  exposedPath.params.forEach((p) => inputs.pathInputFor(p));
  return {
    method: op.method,
    specPath: resource.path,
    expressPath: exposedPath.express,
    openApiPath: exposedPath.openApi,
    description: op.description ?? op.label ?? resource.description ?? target?.op.description ?? '',
    inputs: inputs.list(),
    ...(target ? { call: target.call } : {}),
    args,
    ...(mode.output ? { output: mode.output } : {}),
    ...(orchestration ? { orchestration } : {}),
  };
}

/** The caller inputs of one route, created on demand as bindings ask for them. */
class RestInputs implements InputSpace {
  private readonly inputs = new Map<string, RestInput>();
  private readonly declared: RestInput[] = [];

  constructor(
    private readonly path: ExposedPath,
    /** POST, PUT and PATCH routes take inputs from JSON body fields; others from the query. */
    private readonly hasBody: boolean,
    private readonly reporter: Reporter,
  ) {}

  declare(p: NonNullable<SpecExposedOperationT['inputParameters']>[number], at: SpecPath): void {
    if (p.in === 'cookie') return this.reporter.atKey('NG2301', [...at, 'in'], { construct: 'REST inputs "in: cookie"' });
    const bodyPath = p.value?.startsWith('$') ? this.bodyPathOf(p.value, [...at, 'value']) : undefined;
    if (bodyPath === null) return;
    if (p.pattern !== undefined && !isRegExp(p.pattern)) this.reporter.at('NG2126', [...at, 'pattern'], { pattern: p.pattern });
    const placeholder = p.in === 'path' ? matchName(p.name, this.path.params, (x) => x.specName) : undefined;
    const name = placeholder?.kind === 'found' ? placeholder.item.ident : p.in === 'header' ? p.name.toLowerCase() : p.name;
    // A body input is a field of the JSON body (`value: $.a.b` says which), except the catalogue's
    // object-typed `body`, which is the whole body.
    const wholeBody = p.in === 'body' && bodyPath === undefined && p.name === 'body' && (p.type === undefined || p.type === 'object' || p.type === 'array');
    const location = p.in === 'body' && !wholeBody ? 'field' : p.in;
    const input = this.add({
      in: location,
      name: location === 'field' ? (bodyPath?.join('.') ?? name) : name,
      ...(location === 'field' ? { bodyPath: bodyPath ?? [name] } : {}),
      specName: p.name,
      type: p.type ?? 'string',
      required: p.in === 'path' || ((p.required ?? false) && p.value === undefined),
      ...(p.description ? { description: p.description } : {}),
      ...(p.pattern !== undefined && isRegExp(p.pattern) ? { pattern: p.pattern } : {}),
      ...(p.value !== undefined && !p.value.startsWith('$') ? { defaultValue: p.value } : {}),
    });
    this.declared.push(input);
  }

  /** `$.a.b` as property names; indexes and wildcards have no place in an input. */
  private bodyPathOf(value: string, at: SpecPath): string[] | null {
    const path = parseJsonPath(value, at, this.reporter);
    if (!path) return null;
    if (path.length === 0 || !path.every((s): s is string => typeof s === 'string')) {
      this.reporter.at('NG2120', at, { path: value });
      return null;
    }
    return path;
  }

  fromWith(name: string, target: Target): string {
    const declared = matchName(name, this.declared, (i) => i.specName);
    if (declared.kind === 'found') return declared.item.key;
    const placeholder = matchName(name, this.path.params, (p) => p.specName);
    if (placeholder.kind === 'found') return this.pathInput(placeholder.item, target);
    return this.byLocation(target, name);
  }

  /** A caller input not in the path: the body, a body field, a header, else a query parameter. */
  private byLocation(target: Target, name: string): string {
    if (target.in === 'body') return this.add({ ...fromTarget(target), in: 'body', name: 'body', specName: name }).key;
    if (target.in === 'header') return this.add({ ...fromTarget(target), in: 'header', name: name.toLowerCase(), specName: name }).key;
    if (target.in === 'template' && this.hasBody) return this.add({ ...fromTarget(target), in: 'field', name, specName: name }).key;
    const type = target.type === 'any' ? 'string' : target.type;
    return this.add({ ...fromTarget(target), type, in: 'query', name, specName: name }).key;
  }

  unbound(target: Target, at: SpecPath): string | undefined {
    const declared = matchName(target.name, this.declared, (i) => i.specName);
    if (declared.kind === 'found') return declared.item.key;
    if (target.in === 'path') {
      const placeholder = matchName(target.name, this.path.params, (p) => p.specName);
      if (placeholder.kind === 'found') return this.pathInput(placeholder.item, target);
      this.reporter.at('NG2103', at, { param: target.name, op: target.op });
      return undefined;
    }
    return this.byLocation(target, target.name);
  }

  list(): RestInput[] {
    return [...this.inputs.values()];
  }

  isRequired(key: string): boolean {
    return this.inputs.get(key)?.required ?? false;
  }

  typeOf(key: string): ValueType {
    return this.inputs.get(key)?.type ?? 'any';
  }

  declares(name: string): boolean {
    return this.declared.some((i) => i.specName === name);
  }

  /** Every exposed placeholder is an input, even one no binding uses (Express matches it anyway). */
  pathInputFor(param: { specName: string; ident: string }): void {
    if (!this.inputs.has(`path:${param.ident}`)) this.add({ in: 'path', name: param.ident, specName: param.specName, type: 'string', required: true });
  }

  private pathInput(param: { specName: string; ident: string }, target: Target): string {
    return this.add({ ...fromTarget(target), required: true, in: 'path', name: param.ident, specName: param.specName }).key;
  }

  private add(input: Omit<RestInput, 'key'>): RestInput {
    const key = input.in === 'body' ? 'body' : `${input.in}:${input.name}`;
    const existing = this.inputs.get(key);
    if (existing) return existing;
    const created = { key, ...input };
    this.inputs.set(key, created);
    return created;
  }
}

function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function fromTarget(t: Target): Pick<RestInput, 'type' | 'required' | 'description'> {
  return { type: t.type, required: t.required, ...(t.description ? { description: t.description } : {}) };
}

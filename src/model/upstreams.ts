/** Resolution pass: `consumes` -> Upstream[] (operations flattened, paths parsed, params merged). */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecConsumedOperationT, SpecConsumedParamT, SpecConsumesHttpT } from '../formats/spec.js';
import { matchName } from '../util/names.js';
import { resolveUpstreamAuth } from './auth.js';
import { checkHeaderValue, checkWireName } from './protocol-names.js';
import type { EnvRegistry } from './env.js';
import { parsePathTemplate, type PathPart } from './expressions.js';
import { affixed, camelCase, pascalCase, Uniquer } from './naming.js';
import { USABLE_BASE_URI } from '../formats/dialect.js';
import { resolveRequestBody } from './body.js';
import { binaryBytes } from './binary.js';
import { environmentValue, parseRefTemplate, type TemplateContext } from './templates.js';
import { environmentParams, finishEnvironmentParams, reportUnusedEnvironmentParam } from './environment-params.js';
import { resolveConsumedOutputs } from './outputs.js';
import type { AnswerFormat, FixedParam, Param, PathValue, RequestBody, SafeIdent, Upstream, UpstreamOperation, ValueType } from './types.js';
import { basePathOf, typeOperation, type SchemaRegistry } from './contracts.js';

export interface ConsumedSource {
  readonly spec: SpecConsumesHttpT;
  readonly path: SpecPath;
  /** Reports into the document the namespace is declared in (an imported file has its own). */
  readonly reporter: Reporter;
}

/** Names unique among a capability's consumed APIs. */
export class UpstreamNamer {
  private readonly keys = new Uniquer();
  /** `Http` would make `createHttpClient` and `HttpClient`, which the runtime exports. */
  private readonly types = new Uniquer(['Http']);

  key(namespace: string): SafeIdent {
    return this.keys.claimIdent(camelCase(namespace));
  }

  typeName(namespace: string): SafeIdent {
    return this.types.claimIdent(pascalCase(namespace));
  }
}

/** `contracts`: with `--openapi`, operations are matched to the vendor's and typed from it. */
export function resolveUpstream(source: ConsumedSource, names: UpstreamNamer, env: EnvRegistry, contracts?: SchemaRegistry): Upstream {
  const { spec, path, reporter } = source;
  const typeName = names.typeName(spec.namespace);
  const baseUrlEnv = env.derive(spec.namespace, 'BASE_URL', [...path, 'namespace'], reporter);
  const baseUri = USABLE_BASE_URI.test(spec.baseUri) ? spec.baseUri : undefined;
  env.declare({
    name: baseUrlEnv,
    required: baseUri === undefined,
    secret: false,
    ...(baseUri ? { example: baseUri } : {}),
    description: `Base URL of the ${spec.namespace} API${baseUri ? ` (default ${baseUri})` : ''}`,
  });
  if (spec.tunnel) reporter.atKey('NG2402', [...path, 'tunnel'], { service: spec.tunnel.service, fallback: spec.tunnel.fallback ?? 'fail', env: baseUrlEnv });
  return {
    namespace: spec.namespace,
    key: names.key(spec.namespace),
    typeName,
    module: `upstream/${spec.namespace}.client.gen`,
    ...(baseUri ? { baseUri } : {}),
    baseUrlEnv,
    auth: resolveUpstreamAuth(spec.authentication, [...path, 'authentication'], env, reporter),
    operations: resolveOperations(source, env, reporter).map(({ op, at }) =>
      contracts ? typeOperation(op, at, { registry: contracts, reporter, basePath: basePathOf(spec.baseUri) }) : op,
    ),
  };
}

function resolveOperations({ spec, path }: ConsumedSource, env: EnvRegistry, reporter: Reporter): { op: UpstreamOperation; at: SpecPath }[] {
  const functions = new Uniquer();
  const types = new Uniquer();
  const seen = new Set<string>();
  // Environment parameters of the API or a resource are shared by operations: unused means by all.
  const unused = new Map<string, { d: DeclaredParam; uses: number }>();
  checkWireParams(spec, path, reporter);
  const operations = spec.resources.flatMap((resource, ri) =>
    resource.operations.flatMap((op, oi) => {
      const opPath = [...path, 'resources', ri, 'operations', oi];
      const opName = op.name ?? op.id;
      if (opName === undefined) {
        reporter.at('NG1002', opPath, { key: 'name' });
        return [];
      }
      if (seen.has(opName)) {
        reporter.at('NG2109', [...opPath, op.name ? 'name' : 'id'], { name: opName, op: spec.namespace });
        return [];
      }
      seen.add(opName);
      unsupportedOperationParts(op, opPath, reporter);
      const pathAt = op.path !== undefined ? [...opPath, 'path'] : [...path, 'resources', ri, 'path'];
      const template = parsePathTemplate(op.path ?? resource.path);
      template.invalid.forEach((placeholder) => reporter.at('NG2110', pathAt, { placeholder }));
      const declared = mergeParams([
        ...(spec.inputParameters ?? []).map((p, k) => ({ p, at: [...path, 'inputParameters', k] })),
        ...(resource.inputParameters ?? []).map((p, k) => ({ p, at: [...path, 'resources', ri, 'inputParameters', k] })),
        ...(op.inputParameters ?? []).map((p, k) => ({ p, at: [...opPath, 'inputParameters', k] })),
      ]);
      const base: TemplateContext = { env, reporter, inputs: new Set() };
      const ctx: TemplateContext = { ...base, environment: environmentParams(declared, base) };
      const params = paramsOf(template.parts, declared, ctx);
      const body = op.body !== undefined ? resolveRequestBody(op.body, [...opPath, 'body'], ctx) : params.body;
      const wirePath = pathOf(template.parts, ctx);
      const notRead = new Set(finishEnvironmentParams(declared, ctx.environment!, ctx, spec.namespace));
      const outputs = resolveConsumedOutputs(op.outputParameters, [...opPath, 'outputParameters'], reporter);
      for (const d of declared.filter((x) => x.p.in === 'environment')) {
        const entry = unused.get(d.at.join('.')) ?? { d, uses: 0 };
        unused.set(d.at.join('.'), { d, uses: entry.uses + (notRead.has(d) ? 0 : 1) });
      }
      const resolved: UpstreamOperation = {
        ref: `${spec.namespace}.${opName}`,
        name: opName,
        functionName: functions.claimIdent(camelCase(opName)),
        inputTypeName: types.claimIdent(affixed('', pascalCase(opName), 'Input')),
        method: op.method,
        description: op.description ?? op.label ?? opName,
        responseFormat: answerFormat(op.outputRawFormat),
        ...(op.outputMediaType ? { mediaType: op.outputMediaType } : {}),
        ...(op.outputRawFormat === 'binary' && op.maxBinarySize ? { maxBinaryBytes: binaryBytes(op.maxBinarySize) } : {}),
        ...wirePath,
        params: [...params.params, ...templateParams(ctx.inputs, params.params)],
        fixed: params.fixed,
        ...(body ? { body } : {}),
        ...(outputs ? { outputs } : {}),
      };
      return [{ op: resolved, at: opPath }];
    }),
  );
  for (const { d, uses } of unused.values()) if (uses === 0) reportUnusedEnvironmentParam(d, reporter);
  return operations;
}

/** Inputs only templates refer to, unless a declared parameter already carries the name. */
function templateParams(inputs: ReadonlySet<string>, params: readonly Param[]): Param[] {
  const taken = new Set(params.map((p) => p.name));
  return [...inputs].filter((name) => !taken.has(name)).map((name) => ({ name, in: 'template', type: 'any', required: false }));
}

/** Header and cookie parameters at every level, once each: their names and fixed header values reach the wire as written. */
function checkWireParams(spec: ConsumedSource['spec'], path: SpecPath, reporter: Reporter): void {
  const levels: [readonly SpecConsumedParamT[] | undefined, SpecPath][] = [[spec.inputParameters, path]];
  spec.resources.forEach((resource, ri) => {
    levels.push([resource.inputParameters, [...path, 'resources', ri]]);
    resource.operations.forEach((op, oi) => levels.push([op.inputParameters, [...path, 'resources', ri, 'operations', oi]]));
  });
  for (const [params, at] of levels) {
    (params ?? []).forEach((p, k) => {
      if (p.in !== 'header' && p.in !== 'cookie') return;
      const param = [...at, 'inputParameters', k];
      const named = checkWireName(p.name, p.in, [...param, 'name'], reporter);
      if (named && p.in === 'header' && p.value !== undefined) checkHeaderValue(p.name, String(p.value), [...param, 'value'], reporter);
    });
  }
}

interface DeclaredParam {
  readonly p: SpecConsumedParamT;
  readonly at: SpecPath;
}

/** Consumes-, resource- and operation-level parameters; a later level overrides the same name and location. */
function mergeParams(all: DeclaredParam[]): DeclaredParam[] {
  const byKey = new Map<string, DeclaredParam>();
  for (const d of all) byKey.set(`${d.p.in}:${d.p.name}`, d);
  return [...byKey.values()];
}

function pathOf(parts: readonly PathPart[], ctx: TemplateContext): Pick<UpstreamOperation, 'pathStrings' | 'pathValues'> {
  const pathStrings: string[] = [''];
  const pathValues: PathValue[] = [];
  for (const part of parts) {
    if (part.kind === 'text') pathStrings[pathStrings.length - 1] += part.text;
    else {
      pathValues.push({ name: part.name, value: environmentValue(part.name, ctx) ?? [{ kind: 'input', name: part.name }] });
      pathStrings.push('');
    }
  }
  if (!pathStrings[0]!.startsWith('/')) pathStrings[0] = `/${pathStrings[0]}`;
  return { pathStrings, pathValues };
}

function paramsOf(
  parts: readonly PathPart[],
  declared: readonly DeclaredParam[],
  ctx: TemplateContext,
): { params: Param[]; fixed: FixedParam[]; body?: RequestBody } {
  const declaredPath = declared.filter((d) => d.p.in === 'path');
  // A placeholder written twice (`/{ws}/roles/{ws}{id}`) is one input, used at both places.
  const placed = new Set<string>();
  const params: Param[] = parts.flatMap((part) => {
    if (part.kind !== 'param' || ctx.environment?.values.has(part.name) || placed.has(part.name)) return [];
    placed.add(part.name);
    const match = matchName(part.name, declaredPath, (d) => d.p.name);
    const p = match.kind === 'found' ? match.item.p : undefined;
    return [{ name: part.name, in: 'path' as const, type: wireType(p?.type, 'path'), required: true, ...describe(p) }];
  });
  const fixed: FixedParam[] = [];
  const bodyParams = declared.filter((d) => d.p.in === 'body' && d.p.name !== '');
  for (const { p, at } of declared) {
    if (p.in === 'path' || p.in === 'environment' || p.name === '') continue;
    if (p.in === 'body') {
      continue;
    } else if (p.value !== undefined) {
      fixed.push({ name: p.name, in: p.in, value: parseRefTemplate(String(p.value), [...at, 'value'], ctx, `Value of the ${p.name} ${p.in} parameter`) });
    } else {
      params.push({ name: p.name, in: p.in, type: wireType(p.type, p.in), required: p.required ?? false, ...describe(p) });
    }
  }
  const body = bodyOf(bodyParams);
  if (body?.kind === 'json') params.push(...bodyParams.map(({ p }) => ({ name: p.name, in: 'template' as const, type: (p.type ?? 'any') as ValueType, required: p.required ?? false, ...describe(p) })));
  return { params, fixed, ...(body ? { body } : {}) };
}

/**
 * `in: body` parameters: one object-typed parameter is the whole JSON body (the catalogue's
 * `{name: body, in: body, type: object}`); several, or scalar ones, are fields of a JSON object.
 */
function bodyOf(bodyParams: readonly DeclaredParam[]): RequestBody | undefined {
  const [only] = bodyParams;
  if (!only) return undefined;
  if (bodyParams.length === 1 && (only.p.type === undefined || only.p.type === 'object' || only.p.type === 'array')) {
    return { kind: 'input', name: only.p.name, required: only.p.required ?? true, type: only.p.type ?? 'object', ...describe(only.p) };
  }
  const entries = bodyParams.map(({ p }) => [p.name, { kind: 'input', name: p.name }] as const);
  return { kind: 'json', template: { kind: 'object', entries } };
}

/**
 * Parameters outside the body travel as text: objects (deepObject, JSON) are passed as the
 * caller's string, and only query parameters repeat for arrays.
 */
function wireType(type: ValueType | undefined, location: Param['in']): ValueType {
  if (type === undefined || type === 'object') return 'string';
  if (type === 'array' && location !== 'query') return 'string';
  return type;
}

function describe(p: SpecConsumedParamT | undefined): { description?: string } {
  return p?.description ? { description: p.description } : {};
}

const HANDLED_FORMATS = new Set<string>(['json', 'xml', 'yaml', 'csv', 'tsv', 'psv', 'binary']);

/** The formats a generated service handles; the others are refused (NG2301) before this is asked. */
function answerFormat(format: SpecConsumedOperationT['outputRawFormat']): AnswerFormat {
  return format !== undefined && HANDLED_FORMATS.has(format) ? (format as AnswerFormat) : 'json';
}

function unsupportedOperationParts(op: SpecConsumedOperationT, at: SpecPath, reporter: Reporter): void {
  if (op.outputRawFormat !== undefined && !HANDLED_FORMATS.has(op.outputRawFormat)) {
    reporter.at('NG2301', [...at, 'outputRawFormat'], { construct: `outputRawFormat "${op.outputRawFormat}"` });
  }
}

/** Resolution pass: `consumes` -> Upstream[] (operations flattened, paths parsed, params merged). */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecConsumedOperationT, SpecConsumedParamT, SpecConsumesHttpT } from '../spec/schema.js';
import { matchName } from '../util/names.js';
import { resolveUpstreamAuth } from './auth.js';
import type { EnvRegistry } from './env.js';
import { parsePathTemplate, type PathPart } from './expressions.js';
import { camelCase, pascalCase, Uniquer, upperSnake } from './naming.js';
import type { FixedParam, Param, Upstream, UpstreamOperation, ValueType } from './types.js';

const BASE_URI = /^https?:\/\/[^/{}\s?#]+(\/[^{}\s?#]*)?$/;

export interface ConsumedSource {
  readonly spec: SpecConsumesHttpT;
  readonly path: SpecPath;
}

export function resolveUpstream(
  { spec, path }: ConsumedSource,
  keys: Uniquer,
  env: EnvRegistry,
  reporter: Reporter,
): Upstream {
  const typeName = pascalCase(spec.namespace);
  const baseUrlEnv = `${upperSnake(spec.namespace)}_BASE_URL`;
  const baseUri = BASE_URI.test(spec.baseUri) ? spec.baseUri : undefined;
  if (!baseUri) reporter.at('NG2112', [...path, 'baseUri'], { uri: spec.baseUri, env: baseUrlEnv });
  env.declare({
    name: baseUrlEnv,
    required: baseUri === undefined,
    secret: false,
    ...(baseUri ? { example: baseUri } : {}),
    description: `Base URL of the ${spec.namespace} API${baseUri ? ` (default ${baseUri})` : ''}`,
  });
  return {
    namespace: spec.namespace,
    key: keys.claim(camelCase(spec.namespace)),
    typeName,
    module: `upstream/${spec.namespace}.client.gen`,
    ...(baseUri ? { baseUri } : {}),
    baseUrlEnv,
    auth: resolveUpstreamAuth(spec.authentication, [...path, 'authentication'], env, reporter),
    operations: resolveOperations({ spec, path }, env, reporter),
  };
}

function resolveOperations({ spec, path }: ConsumedSource, env: EnvRegistry, reporter: Reporter): UpstreamOperation[] {
  const functions = new Uniquer();
  const types = new Uniquer();
  const seen = new Set<string>();
  return spec.resources.flatMap((resource, ri) =>
    resource.operations.flatMap((op, oi) => {
      const opPath = [...path, 'resources', ri, 'operations', oi];
      if (seen.has(op.name)) {
        reporter.at('NG2109', [...opPath, 'name'], { name: op.name, op: spec.namespace });
        return [];
      }
      seen.add(op.name);
      unsupportedOperationParts(op, opPath, reporter);
      const template = parsePathTemplate(resource.path);
      template.invalid.forEach((placeholder) => reporter.at('NG2110', [...path, 'resources', ri, 'path'], { placeholder }));
      const declared = mergeParams([
        ...(spec.inputParameters ?? []).map((p, k) => ({ p, at: [...path, 'inputParameters', k] })),
        ...(resource.inputParameters ?? []).map((p, k) => ({ p, at: [...path, 'resources', ri, 'inputParameters', k] })),
        ...(op.inputParameters ?? []).map((p, k) => ({ p, at: [...opPath, 'inputParameters', k] })),
      ]);
      const name = camelCase(op.name);
      return [
        {
          ref: `${spec.namespace}.${op.name}`,
          name: op.name,
          functionName: functions.claim(name),
          inputTypeName: types.claim(`${pascalCase(op.name)}Input`),
          method: op.method,
          description: op.description ?? op.label ?? op.name,
          ...pathOf(template.parts),
          ...paramsOf(template.parts, declared, env, reporter),
        },
      ];
    }),
  );
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

function pathOf(parts: readonly PathPart[]): Pick<UpstreamOperation, 'pathStrings' | 'pathParams'> {
  const pathStrings: string[] = [''];
  const pathParams: string[] = [];
  for (const part of parts) {
    if (part.kind === 'text') pathStrings[pathStrings.length - 1] += part.text;
    else {
      pathParams.push(part.name);
      pathStrings.push('');
    }
  }
  if (!pathStrings[0]!.startsWith('/')) pathStrings[0] = `/${pathStrings[0]}`;
  return { pathStrings, pathParams };
}

function paramsOf(
  parts: readonly PathPart[],
  declared: readonly DeclaredParam[],
  env: EnvRegistry,
  reporter: Reporter,
): Pick<UpstreamOperation, 'params' | 'fixed' | 'body'> {
  const declaredPath = declared.filter((d) => d.p.in === 'path');
  const params: Param[] = parts.flatMap((part) => {
    if (part.kind !== 'param') return [];
    const match = matchName(part.name, declaredPath, (d) => d.p.name);
    const p = match.kind === 'found' ? match.item.p : undefined;
    return [{ name: part.name, in: 'path' as const, type: wireType(p?.type, 'path'), required: true, ...describe(p) }];
  });
  const fixed: FixedParam[] = [];
  let body: UpstreamOperation['body'];
  for (const { p, at } of declared) {
    if (p.in === 'path') continue;
    if (p.in === 'environment') {
      reporter.atKey('NG2302', [...at, 'in'], { construct: 'a consumed parameter with "in: environment"' });
    } else if (p.in === 'body') {
      if (body) reporter.at('NG2301', at, { construct: 'more than one "in: body" parameter' });
      else body = { name: p.name, required: p.required ?? true, type: p.type ?? 'object', ...describe(p) };
    } else if (p.value !== undefined) {
      fixed.push({ name: p.name, in: p.in, value: env.template(String(p.value), [...at, 'value'], `Value of the ${p.name} ${p.in} parameter`) });
    } else {
      params.push({ name: p.name, in: p.in, type: wireType(p.type, p.in), required: p.required ?? false, ...describe(p) });
    }
  }
  return { params, fixed, ...(body ? { body } : {}) };
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

function unsupportedOperationParts(op: SpecConsumedOperationT, at: SpecPath, reporter: Reporter): void {
  if (op.outputRawFormat !== undefined && op.outputRawFormat !== 'json') {
    reporter.at('NG2301', [...at, 'outputRawFormat'], { construct: `outputRawFormat "${op.outputRawFormat}"` });
  }
  if (op.body !== undefined) reporter.at('NG2301', [...at, 'body'], { construct: 'a structured request "body"' });
}

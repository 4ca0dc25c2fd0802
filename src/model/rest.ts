/** Resolution pass: the REST adapter -> RestSurface (routes, caller inputs, argument bindings). */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { SpecExposedOperationT, SpecExposesRestT } from '../formats/spec.js';
import { suggest } from '../util/names.js';
import { applyRef } from './aggregates.js';
import { resolveInboundAuth } from './auth.js';
import { bindArguments, checkInputNames, resolveCallTarget, type SurfaceContext } from './bindings.js';
import { parsePathTemplate, type PathPart } from './expressions.js';
import { camelCase, Uniquer } from './naming.js';
import { resolveMode } from './operation-modes.js';
import { resolveOrchestration } from './steps.js';
import { adapterBinaryLimit, binaryAnswer, responsesOf } from './binary.js';
import { RestInputs, type ExposedPath } from './rest-inputs.js';
import { OutputNamer } from './outputs.js';
import { checkWireName } from './protocol-names.js';
import { typeInvocation } from './typed-results.js';
import type { OutputNode, RestForward, RestRoute, RestSurface } from './types.js';

export function resolveRest(rest: SpecExposesRestT, path: SpecPath, ctx: SurfaceContext): RestSurface {
  const { reporter } = ctx;
  const ids = new Uniquer();
  const outputs = new OutputNamer();
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
    if (template.parts.some((p) => p.kind === 'text' && clientPathText(p.text) !== p.text)) {
      reporter.at('NG2153', [...rPath, 'path'], { path: resource.path, served: exposedPath.openApi });
    }
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
      const route = resolveRoute(op, opPath, rPath, resource, exposedPath, rest.namespace, ctx);
      if (!route) return;
      const { outputNode, ...resolved } = route;
      const operationId = ids.claim(op.name ?? route.call?.ref.split('.')[1] ?? `${op.method.toLowerCase()}-${resource.name ?? ri}`, '-');
      // OpenAPI clients see the operationId: a spec name that had to change is reported.
      if (op.name !== undefined && operationId !== op.name) reporter.at('NG2152', [...opPath, 'name'], { name: op.name, operationId });
      routes.push({ ...resolved, operationId, ...(outputNode ? { output: outputs.name(operationId, outputNode) } : {}) });
    });
  });
  const auth = resolveInboundAuth(rest.authentication, [...path, 'authentication'], ctx.env, reporter, { namespace: rest.namespace, openapi: true });
  return {
    namespace: rest.namespace,
    port: rest.port,
    ...adapterBinaryLimit(rest.maxBinarySize),
    ...(auth ? { auth } : {}),
    ...(rest.description ? { description: rest.description } : {}),
    routes,
    forwards,
  };
}


/**
 * Path text as clients send it: the characters the WHATWG URL parser percent-encodes in a path
 * (controls, space, `"`, `#`, `<`, `>`, `?`, backtick, braces and everything beyond ASCII, as UTF-8)
 * are encoded the same way, since Express matches a route's text against the raw path. A lone
 * surrogate, which no client can send, becomes U+FFFD first.
 */
export function clientPathText(text: string, encoded = CLIENT_ENCODED): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(encoded, (c) => encodeURIComponent(c));
}

const CLIENT_ENCODED = /[\u0000-\u0020"#<>?`{}]|[^\u0000-\u007e]/gu;
/** The same, braces aside: a spec path as clients call it, its `{placeholders}` kept for the docs. */
const CLIENT_ENCODED_OUTSIDE_PLACEHOLDERS = /[\u0000-\u0020"#<>?`]|[^\u0000-\u007e]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

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
  const trusted = forward.trustedHeaders ?? [];
  const untokens = trusted.filter((h, i) => !checkWireName(h, 'header', [...at, 'trustedHeaders', i], ctx.reporter));
  if (untokens.length > 0) return undefined;
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
    trustedHeaders: trusted.map((h) => h.toLowerCase()),
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
      const text = clientPathText(part.text);
      express += text.replace(EXPRESS_SPECIAL, (c) => `\\${c}`);
      openApi += text;
      shape += text.toLowerCase();
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
  op: SpecExposedOperationT & { readonly withAt: SpecPath },
  at: SpecPath,
  resourceAt: SpecPath,
  resource: { description?: string | undefined; path: string; tags?: readonly string[] | undefined; inputParameters?: SpecExposedOperationT['inputParameters'] },
  exposedPath: ExposedPath,
  namespace: string,
  ctx: SurfaceContext,
): (Omit<RestRoute, 'operationId' | 'output'> & { outputNode?: OutputNode }) | undefined {
  const { reporter } = ctx;
  const mode = resolveMode(op, at, reporter);
  if (!mode) return undefined;
  const target = mode.kind === 'call' ? resolveCallTarget(mode.ref, ctx, [...at, 'call']) : undefined;
  if (mode.kind === 'call' && !target) return undefined;
  const inputs = new RestInputs(exposedPath, op.method === 'POST' || op.method === 'PUT' || op.method === 'PATCH', reporter);
  resource.inputParameters?.forEach((p, k) => inputs.declare(p, [...resourceAt, 'inputParameters', k]));
  op.inputParameters?.forEach((p, k) => inputs.declare(p, [...at, 'inputParameters', k]));
  const args = target ? bindArguments(target.op, op.with, namespace, inputs, at, reporter, op.withAt) : [];
  const orchestration = mode.kind === 'steps' ? resolveOrchestration(op, at, namespace, inputs, ctx) : undefined;
  if (mode.kind === 'steps' && !orchestration) return undefined;
  const binary = binaryAnswer(op, target?.op, at, reporter);
  if (binary && mode.output) return void reporter.at('NG2406', [...at, 'outputParameters'], { call: target!.op.ref });
  exposedPath.params.forEach((p) => inputs.pathInputFor(p));
  const keys = inputs.list().flatMap((i) => (i.in === 'body' ? [] : i.in === 'field' ? (i.bodyPath ?? [i.name]) : [i.name]));
  if (!checkInputNames(keys, at, reporter)) return undefined;
  const tags = [...new Set([...(resource.tags ?? []), ...(op.tags ?? [])])];
  // Bytes are never typed from a contract: they pass on as they are.
  const typed = mode.kind === 'call' && !binary ? typeInvocation(target?.op, mode.output, ctx.schemas) : mode.output ? { outputNode: mode.output } : {};
  return {
    ...(tags.length > 0 ? { tags } : {}),
    method: op.method,
    specPath: clientPathText(resource.path, CLIENT_ENCODED_OUTSIDE_PLACEHOLDERS),
    expressPath: exposedPath.express,
    openApiPath: exposedPath.openApi,
    description: op.description ?? op.label ?? resource.description ?? target?.op.description ?? '',
    inputs: inputs.list(),
    ...(target ? { call: target.call } : {}),
    args,
    ...typed,
    ...(orchestration ? { orchestration } : {}),
    ...(binary ? { binary } : {}),
    ...(op.responses ? { responses: responsesOf(op.responses) } : {}),
  };
}

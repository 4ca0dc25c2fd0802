/**
 * What the generated tests of a project do, as plain data worked out from the model: the caller's
 * request, the upstream's scripted answer, the upstream requests that must follow and the answer
 * that must come back, for every REST route and MCP tool; the service's test environment.
 */
import type { SchemaLookup } from '../../model/typed-schemas.js';
import type { CapabilityModel, EnvVar, Invocation, McpTool, RestInput, RestRoute, Upstream } from '../../model/types.js';
import { isPredictable, mapOutput, sampleAnswer } from './output-sample.js';
import { expectedRequest, type ExpectedRequest, type TestEnvironment } from './upstream-request.js';
import { schemaSample } from './schema-sample.js';
import { bindArgs, restSample, toolSample } from './values.js';

/** What the fake upstream answers a case's call with; absent: its echo. */
export interface ScriptedReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface CallExpectation {
  readonly reply?: ScriptedReply;
  readonly upstream: readonly ExpectedRequest[];
  /** The JSON the caller must get (REST body, MCP structured content); absent: success is enough. */
  readonly answer?: { readonly value: unknown };
  /**
   * An unmapped answer that is not JSON: a REST route passes it through as the upstream sent it
   * (its content type and text, as the engine does; docs/engine-parity.md), a tool answers its text (`answer`).
   */
  readonly passedThrough?: { readonly contentType: string; readonly text: string };
}

export interface RestRequestPlan {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export type Planned<T> = T | { readonly skip: string };

const PORTS: ReadonlySet<string> = new Set(['REST_PORT', 'MCP_PORT', 'SKILL_PORT', 'CONTROL_PORT']);

/** One variable of the test environment: a value, or a path at the fake upstream (a base URL). */
export interface TestEnvVar {
  readonly name: string;
  readonly value?: string;
  readonly upstreamPath?: string;
}

/** The environment the tests start the service with: no variable of the machine is read. */
export function testEnvVars(model: CapabilityModel): TestEnvVar[] {
  const baseUrls = new Map(model.upstreams.map((u) => [u.baseUrlEnv, u]));
  const vars: TestEnvVar[] = [{ name: 'HOST', value: '127.0.0.1' }];
  for (const v of model.env) {
    const upstream = baseUrls.get(v.name);
    if (upstream) vars.push({ name: v.name, upstreamPath: basePath(upstream) });
    else if (PORTS.has(v.name)) vars.push({ name: v.name, value: '0' });
    else if (v.name === 'CONTROL_HOST') vars.push({ name: v.name, value: '127.0.0.1' });
    else if (v.required) vars.push({ name: v.name, value: testValue(v) });
  }
  return vars;
}

/** Each API under a path of its own at the one fake upstream: base paths are kept, and requests tell which API they are for. */
function basePath(upstream: Upstream): string {
  return `/${upstream.namespace}`;
}

function testValue(v: EnvVar): string {
  return `test-${v.name.toLowerCase().replace(/_/g, '-')}`;
}

export function testEnvironment(model: CapabilityModel): TestEnvironment {
  const set = new Map(testEnvVars(model).map((v) => [v.name, v.value]));
  const examples = new Map(model.env.map((v) => [v.name, v.example ?? '']));
  return { value: (name) => set.get(name) ?? examples.get(name) ?? '', basePath };
}

/** The upstream requests and answer of one call of a route, tool or resource. */
export function callExpectation(model: CapabilityModel, target: Invocation, id: string, callerValue: (key: string) => unknown, document: Readonly<Record<string, unknown>>): CallExpectation {
  const env = testEnvironment(model);
  if (target.orchestration) {
    // Steps read each other's answers: the requests are checked by method, the answer by its success.
    const methods = target.orchestration.steps.flatMap((s) => (s.kind === 'call' ? [operationOf(model, s.call.ref).op.method] : []));
    return { upstream: methods.map((method) => ({ method })) };
  }
  // Mappings over path steps the planner does not walk (slices, index lists, deep scans) are checked by their success only.
  const predictable = !target.output || isPredictable(target.output.node);
  if (!target.call) return { upstream: [], ...(predictable ? { answer: { value: target.output ? mapOutput(target.output.node, document) : null } } : {}) };
  const { upstream, op } = operationOf(model, target.call.ref);
  const request = expectedRequest(upstream, op, bindArgs(target.args, callerValue), env);
  if (op.responseFormat === 'xml') {
    // An unmapped text answer reaches the caller as the text it is.
    const text = `<answer><test>${xmlSafe(id)}</test></answer>`;
    const contentType = 'application/xml';
    const reply = { status: 200, headers: { 'content-type': contentType }, body: text };
    return { reply, upstream: [request], ...(target.output ? {} : { answer: { value: text }, passedThrough: { contentType, text } }) };
  }
  // YAML and delimited answers are read as the engine reads them (templates/runtime/yaml.ts, csv): the request is checked, the answer by its success.
  if (op.responseFormat !== 'json') return { upstream: [request] };
  const body = target.output ? sampleAnswer(target.output.node) : passThroughAnswer(model, target, id);
  return { reply: { status: 200, body }, upstream: [request], ...(predictable ? { answer: { value: target.output ? mapOutput(target.output.node, body) : body } } : {}) };
}

/**
 * The upstream's JSON answer to a pass-through: with `--openapi`, one the documented result
 * accepts, since a tool's outputSchema states it and the MCP SDK checks the answer against it.
 */
function passThroughAnswer(model: CapabilityModel, target: Invocation, id: string): unknown {
  const typed = target.typedResult && schemaSample(target.typedResult, { lookup: schemaLookup(model), plain: id, optional: true });
  return typed && !('unsupported' in typed) ? typed.value : { test: id };
}

function xmlSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9 _-]/g, '_');
}

function operationOf(model: CapabilityModel, ref: string) {
  for (const upstream of model.upstreams) {
    const op = upstream.operations.find((o) => o.ref === ref);
    if (op) return { upstream, op };
  }
  throw new Error(`internal error: no consumed operation ${ref}`);
}

/** Where the tests find the project's named schemas (`--openapi`). */
export function schemaLookup(model: CapabilityModel): SchemaLookup {
  const byName = new Map((model.schemas ?? []).map((n) => [n.name as string, n.schema]));
  return (name) => byName.get(name);
}

/** A route's call with every input (required and optional) filled in. */
export function restRequest(route: RestRoute, lookup: SchemaLookup): Planned<{ request: RestRequestPlan; values: Map<string, unknown>; document: Record<string, unknown> }> {
  const values = new Map<string, unknown>();
  const document: Record<string, unknown> = {};
  const wire = new Map<RestInput, unknown>();
  for (const [i, input] of route.inputs.entries()) {
    const sample = restSample(input, i + 1, lookup);
    if ('unsupported' in sample) return { skip: `input ${input.specName}: ${sample.unsupported}` };
    wire.set(input, sample.wire);
    values.set(input.key, sample.value);
  }
  const body = jsonBody(route.inputs, wire);
  const whole = route.inputs.find((i) => i.in === 'body');
  if (whole) values.set(whole.key, body);
  for (const input of route.inputs) document[input.specName] = values.get(input.key);
  return { request: buildRequest(route, route.inputs, wire, body), values, document };
}

/** The JSON body of the inputs in `wire`: a whole-body input, with each field input set along its path. */
export function jsonBody(inputs: readonly RestInput[], wire: ReadonlyMap<RestInput, unknown>): unknown {
  const whole = inputs.find((i) => i.in === 'body' && wire.has(i));
  const fields = inputs.filter((i) => i.in === 'field');
  if (!whole && fields.length === 0) return undefined;
  const body = (whole ? structuredClone(wire.get(whole)) : {}) as Record<string, unknown>;
  for (const f of fields.filter((i) => wire.has(i))) {
    const path = f.bodyPath ?? [f.name];
    let node = body;
    for (const key of path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) define(node, key, {});
      node = node[key] as Record<string, unknown>;
    }
    define(node, path[path.length - 1]!, wire.get(f));
  }
  return body;
}

function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The request with some inputs (all but one, for a 400) as the caller sends them. */
export function buildRequest(route: RestRoute, inputs: readonly RestInput[], wire: ReadonlyMap<RestInput, unknown>, body: unknown): RestRequestPlan {
  let url = route.openApiPath;
  const query = new URLSearchParams();
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const input of inputs) {
    const value = wire.get(input);
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.map(String) : [String(value)];
    if (input.in === 'path') url = url.replace(`{${input.name}}`, encodeURIComponent(text[0]!));
    else if (input.in === 'query') text.forEach((t) => query.append(input.name, t));
    else if (input.in === 'header') headers[input.name] = text.join(',');
    else if (input.in === 'cookie') cookies.push(`${input.name}=${encodeURIComponent(text[0]!)}`);
  }
  if (cookies.length) headers['cookie'] = cookies.join('; ');
  const search = query.toString();
  return { method: route.method, url: search ? `${url}?${search}` : url, headers, ...(body === undefined ? {} : { body }) };
}

/** A tool's arguments with every input filled in. */
export function toolArguments(tool: McpTool, lookup: SchemaLookup): Planned<{ readonly args: Record<string, unknown> }> {
  const args: Record<string, unknown> = {};
  for (const [i, input] of tool.inputs.entries()) {
    const sample = toolSample(input, i + 1, lookup);
    if ('unsupported' in sample) return { skip: `argument ${input.name}: ${sample.unsupported}` };
    define(args, input.name, sample.value);
  }
  return { args };
}

/** A call that makes a server span with a client span under it, for the test of GET /traces. */
export type TracedCall =
  | { readonly adapter: 'rest'; readonly span: string; readonly request: RestRequestPlan }
  | { readonly adapter: 'mcp'; readonly span: string; readonly tool: string; readonly args: Record<string, unknown> };

/** The first route (else tool) that calls an API directly with inputs the tests can fill, on an adapter they can call. */
export function tracedCall(model: CapabilityModel): TracedCall | undefined {
  const lookup = schemaLookup(model);
  for (const route of model.rest?.auth?.kind === 'oauth2' ? [] : (model.rest?.routes ?? [])) {
    const planned = route.call ? restRequest(route, lookup) : undefined;
    // The span is named after the route pattern as Express matches it.
    if (planned && !('skip' in planned)) return { adapter: 'rest', span: `${route.method} ${route.expressPath}`, request: planned.request };
  }
  for (const tool of model.mcp?.auth?.kind === 'oauth2' ? [] : (model.mcp?.tools ?? [])) {
    const planned = tool.call ? toolArguments(tool, lookup) : undefined;
    if (planned && !('skip' in planned)) return { adapter: 'mcp', span: `tools/call ${tool.name}`, tool: tool.name, args: planned.args };
  }
  return undefined;
}

/** `--openapi`: the routes and tools whose inputs no sample satisfies, so their call tests are skipped. */
export function unsampledCalls(model: CapabilityModel): { readonly call: string; readonly reason: string }[] {
  const lookup = schemaLookup(model);
  const routes = (model.rest?.routes ?? []).flatMap((r) => {
    const planned = restRequest(r, lookup);
    return 'skip' in planned ? [{ call: `${r.method} ${r.specPath}`, reason: planned.skip }] : [];
  });
  const tools = (model.mcp?.tools ?? []).flatMap((t) => {
    const planned = toolArguments(t, lookup);
    return 'skip' in planned ? [{ call: `tool ${t.name}`, reason: planned.skip }] : [];
  });
  return [...routes, ...tools];
}

/**
 * The request an upstream must receive for one call of a consumed operation, stated from the model:
 * method, encoded path under the API's base path, query, headers, credentials and body.
 */
import type { JsonTemplate, RequestBody, Upstream, UpstreamAuth, UpstreamOperation, ValueExpr } from '../../model/types.js';
import { asText, templateText } from './values.js';

// The same types as templates/runtime/service-test.ts, which reads these expectations in the
// generated tests (test/unit/test-contract.test.ts keeps the two equal).
export type ExpectedBody =
  | { readonly json: unknown }
  | { readonly text: string; readonly contentType: string }
  | { readonly form: readonly (readonly [string, string])[] }
  /** Multipart: the boundary is random, so each field's name and value must appear. */
  | { readonly multipart: readonly (readonly [string, string])[] }
  | { readonly none: true };

export interface ExpectedRequest {
  readonly method: string;
  /** Percent-encoded, base path included; absent: not checked (orchestrated steps). */
  readonly path?: string;
  /** Every query parameter, decoded, in any order. */
  readonly query?: readonly (readonly [string, string])[];
  /** Headers that must be present with these values (lower-case names). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: ExpectedBody;
}

/** Environment values as the tests set them, and each API's base path at the fake upstream. */
export interface TestEnvironment {
  /** What `config.vars[name]` holds. */
  value(name: string): string;
  basePath(upstream: Upstream): string;
}

export function expectedRequest(upstream: Upstream, op: UpstreamOperation, input: Readonly<Record<string, unknown>>, env: TestEnvironment): ExpectedRequest {
  const text = (t: Parameters<typeof templateText>[0]) => templateText(t, (name) => env.value(name), input);
  const segments = op.pathValues.map((v) => {
    const only = v.value.length === 1 && v.value[0]!.kind === 'input' ? v.value[0]!.name : undefined;
    // A placeholder that is exactly one input is sent as String(value), else as spliced text.
    return encodeURIComponent(only !== undefined ? String(input[only]) : text(v.value));
  });
  const path = op.pathStrings.map((s, i) => s + (segments[i] ?? '')).join('');
  const query: [string, string][] = op.fixed.filter((f) => f.in === 'query').map((f) => [f.name, text(f.value)]);
  for (const p of op.params.filter((x) => x.in === 'query')) {
    const value = input[p.name];
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) query.push([p.name, String(item)]);
  }
  const headers: Record<string, string> = {};
  if (op.responseFormat === 'xml') headers['accept'] = 'application/xml, text/xml;q=0.9';
  for (const f of op.fixed.filter((x) => x.in === 'header')) headers[f.name.toLowerCase()] = trim(text(f.value));
  for (const p of op.params.filter((x) => x.in === 'header')) if (input[p.name] !== undefined) headers[p.name.toLowerCase()] = trim(String(input[p.name]));
  const cookies = [...op.fixed.filter((f) => f.in === 'cookie').map((f) => [f.name, text(f.value)] as const), ...op.params.filter((p) => p.in === 'cookie').map((p) => [p.name, input[p.name]] as const)];
  const cookie = cookieHeader(cookies);
  if (cookie !== undefined) headers['cookie'] = cookie;
  addCredentials(upstream.auth, env, headers, query);
  return { method: op.method, path: joinPath(env.basePath(upstream), path), query, headers, body: expectedBody(op.body, input, text) };
}

/** As the client joins a base URL and a path: exactly one `/` between them. */
function joinPath(base: string, path: string): string {
  return base.replace(/\/+$/, '') + (path === '' ? '' : `/${path.replace(/^\/+/, '')}`);
}

/** Header values go out without surrounding whitespace. */
function trim(value: string): string {
  return value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

function cookieHeader(pairs: readonly (readonly [string, unknown])[]): string | undefined {
  const cookies = pairs
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => `${name}=${(Array.isArray(value) ? value : [value]).map((item) => encodeURIComponent(String(item))).join(',')}`);
  return cookies.length ? cookies.join('; ') : undefined;
}

function valueOf(expr: ValueExpr, env: TestEnvironment): string {
  return expr.map((p) => (p.kind === 'text' ? p.text : env.value(p.name))).join('');
}

/** The API's own credentials: they go last, so they win over a header of the same name. */
function addCredentials(auth: UpstreamAuth, env: TestEnvironment, headers: Record<string, string>, query: [string, string][]): void {
  switch (auth.kind) {
    case 'bearer':
      headers['authorization'] = `Bearer ${valueOf(auth.token, env)}`;
      return;
    case 'basic':
      headers['authorization'] = `Basic ${Buffer.from(`${valueOf(auth.username, env)}:${valueOf(auth.password, env)}`).toString('base64')}`;
      return;
    case 'apikey':
      if (auth.placement === 'header') headers[auth.name.toLowerCase()] = valueOf(auth.value, env);
      else query.splice(0, query.length, ...query.filter(([name]) => name !== auth.name), [auth.name, valueOf(auth.value, env)]);
      return;
    // digest answers a challenge the fake upstream never sends; none sends nothing.
    default:
      return;
  }
}

function expectedBody(body: RequestBody | undefined, input: Readonly<Record<string, unknown>>, text: (t: Parameters<typeof templateText>[0]) => string): ExpectedBody {
  if (body === undefined) return { none: true };
  const single = (t: Parameters<typeof templateText>[0]) => (t.length === 1 && t[0]!.kind === 'input' ? input[t[0]!.name] : text(t));
  switch (body.kind) {
    case 'input':
      return input[body.name] === undefined ? { none: true } : { json: input[body.name] };
    case 'json':
      return { json: JSON.parse(JSON.stringify(jsonValue(body.template, input, text))) as unknown };
    case 'text':
      return { text: text(body.text), contentType: body.contentType };
    case 'form':
      return { form: fields(body.fields.map((f) => [f.name, single(f.value)])) };
    case 'multipart':
      return { multipart: fields(body.parts.map((p) => [p.name, single(p.value)])) };
  }
}

/** Form and multipart fields whose value is absent are left out. */
function fields(pairs: readonly (readonly [string, unknown])[]): [string, string][] {
  return pairs.filter(([, v]) => v !== undefined && v !== null).map(([name, v]) => [name, asText(v)]);
}

function jsonValue(t: JsonTemplate, input: Readonly<Record<string, unknown>>, text: (t: Parameters<typeof templateText>[0]) => string): unknown {
  switch (t.kind) {
    case 'literal':
      return t.value;
    case 'text':
      return text(t.text);
    case 'input':
      return input[t.name];
    case 'object':
      return Object.fromEntries(t.entries.map(([k, v]) => [k, jsonValue(v, input, text)]));
    case 'array':
      return t.items.map((item) => jsonValue(item, input, text));
  }
}

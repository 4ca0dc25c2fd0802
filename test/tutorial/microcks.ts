/**
 * A loopback mock that serves OpenAPI documents the way Microcks does (the engine's CI serves the
 * Shipyard tutorial's mock documents with Microcks), so a generated service can be run against
 * the same answers. Self-contained: node:http and the yaml package only.
 *
 * What is reproduced (from microcks/microcks RestInvocationProcessor, DispatchCriteriaHelper and
 * the OpenAPI importer):
 * - each document is served under `/rest/<info.title>/<info.version>`;
 * - examples are paired by name across parameters, request body and responses: a response example
 *   named N gets the dispatch criteria built from the parameter examples named N;
 * - dispatchers from `x-microcks-operation` (URI_PARTS, URI_PARAMS, URI_ELEMENTS, FALLBACK, and
 *   SCRIPT when its script is a plain `return '<name>'`), else inferred: path parameters give
 *   URI_PARTS, query parameters URI_PARAMS, both URI_ELEMENTS, none no dispatcher;
 * - criteria strings: `/name=value` per path part, `?name=value` per query parameter, sorted;
 * - a response is found by criteria, then by name (what a script returns); with a FALLBACK its
 *   fallback response; without a dispatcher the operation's first response; otherwise
 *   `400 The response <criteria> does not exist!`;
 * - `x-microcks-refs` give a response without an example (a 204) the criteria of the named examples;
 * - the body is the example value (JSON text for JSON media types, the string as is otherwise),
 *   with `{{ request.body/<pointer> }}`, `{{ request.path[n] }}`, `{{ request.params[name] }}` and
 *   `{{ request.headers[name] }}` rendered; Content-Type is the media type with `;charset=UTF-8`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';

export interface MicrocksRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface MicrocksMock {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Where a document is served: `<url>/rest/<title>/<version>`. */
  baseUrl(title: string): string;
  /** Every request received, in order. */
  readonly requests: MicrocksRequest[];
  close(): Promise<void>;
}

interface Example {
  readonly name: string;
  readonly status: number;
  readonly mediaType?: string;
  readonly content?: string;
  criteria?: string;
}

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly pattern: RegExp;
  readonly pathNames: readonly string[];
  readonly dispatcher?: string;
  readonly rules: string;
  readonly fallback?: string;
  readonly examples: Example[];
}

type Json = Record<string, unknown>;

export async function startMicrocks(documents: readonly string[]): Promise<MicrocksMock> {
  const services = new Map<string, Operation[]>();
  for (const text of documents) {
    const doc = parse(text) as Json;
    const info = doc.info as { title: string; version: string };
    services.set(`/rest/${info.title}/${info.version}`, operationsOf(doc));
  }
  const requests: MicrocksRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
      answer(services, req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    baseUrl: (title) => `${url}${[...services.keys()].find((k) => k.startsWith(`/rest/${title}/`)) ?? `/rest/${title}`}`,
    requests,
    close: () => closeServer(server),
  };
}

function answer(services: ReadonlyMap<string, Operation[]>, req: IncomingMessage, body: string, res: ServerResponse): void {
  const target = new URL(req.url ?? '/', 'http://mock');
  for (const [base, operations] of services) {
    if (!target.pathname.startsWith(`${base}/`)) continue;
    const path = decodeURIComponent(target.pathname.slice(base.length));
    const operation = operations.find((o) => o.method === req.method && o.pattern.test(path));
    if (!operation) break;
    const parts = partsOf(operation, path);
    const criteria = criteriaOf(operation, parts, target.searchParams);
    let found = operation.examples.find((e) => e.criteria !== undefined && e.criteria === criteria) ?? operation.examples.find((e) => e.name === criteria);
    if (!found && operation.fallback) found = operation.examples.find((e) => e.name === operation.fallback);
    if (!found && !operation.dispatcher) found = operation.examples[0];
    if (!found) return send(res, 400, undefined, `The response ${criteria} does not exist!`);
    const rendered = found.content === undefined ? undefined : render(found.content, { body, parts: path.split('/').filter(Boolean), query: target.searchParams, headers: req.headers });
    return send(res, found.status, found.mediaType, rendered);
  }
  send(res, 404, 'text/plain', 'no mock for this request');
}

function send(res: ServerResponse, status: number, mediaType: string | undefined, body: string | undefined): void {
  res.statusCode = status;
  if (mediaType) res.setHeader('content-type', `${mediaType};charset=UTF-8`);
  res.end(body);
}

/** The criteria of a request, as the operation's dispatcher computes it. */
function criteriaOf(operation: Operation, parts: ReadonlyMap<string, string>, query: URLSearchParams): string | undefined {
  switch (operation.dispatcher) {
    case 'URI_PARTS':
      return partsCriteria(operation.rules, parts);
    case 'URI_PARAMS':
      return paramsCriteria(operation.rules, new Map(query));
    case 'URI_ELEMENTS':
      return partsCriteria(operation.rules, parts) + paramsCriteria(operation.rules, new Map(query));
    case 'SCRIPT':
      return /^\s*return\s+(['"])(.*)\1\s*;?\s*$/.exec(operation.rules)![2];
    default:
      return undefined;
  }
}

/** `/a=1/b=2`: the rule's path parts, sorted by name (DispatchCriteriaHelper.extractFromURIPattern). */
function partsCriteria(rules: string, parts: ReadonlyMap<string, string>): string {
  const names = new Set(rules.split('??')[0]!.split('&&').map((r) => r.trim()));
  return [...parts].filter(([name]) => names.has(name)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, v]) => `/${n}=${v}`).join('');
}

/** `?a=1?b=2`: the query parameters the rule names, sorted (extractFromURIParams). */
function paramsCriteria(rules: string, params: ReadonlyMap<string, string>): string {
  return [...params].filter(([name]) => rules.includes(name)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, v]) => `?${n}=${v}`).join('');
}

function partsOf(operation: Operation, path: string): Map<string, string> {
  const m = operation.pattern.exec(path)!;
  return new Map(operation.pathNames.map((name, i) => [name, m[i + 1]!]));
}

function operationsOf(doc: Json): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      operations.push(operationOf(doc, method.toUpperCase(), path, raw as Json));
    }
  }
  return operations;
}

function operationOf(doc: Json, method: string, path: string, op: Json): Operation {
  const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${path.split(/\{[^}]+\}/).map(literal).join('([^/]+)')}$`);
  const params = ((op.parameters ?? []) as Json[]).map((p) => deref(doc, p));
  const { dispatcher, rules, fallback } = dispatcherOf(op, params, pathNames);
  const examples = examplesOf(op);
  for (const example of examples) example.criteria = exampleCriteria(dispatcher, rules, params, example.name);
  for (const refs of referencedExamples(op)) for (const name of refs.names) examples.push({ name, status: refs.status, criteria: exampleCriteria(dispatcher, rules, params, name) });
  return { method, path, pattern, pathNames, ...(dispatcher ? { dispatcher } : {}), rules, ...(fallback ? { fallback } : {}), examples };
}

function dispatcherOf(op: Json, params: readonly Json[], pathNames: readonly string[]): { dispatcher?: string; rules: string; fallback?: string } {
  const declared = op['x-microcks-operation'] as { dispatcher?: string; dispatcherRules?: string } | undefined;
  if (declared?.dispatcher === 'FALLBACK') {
    const spec = JSON.parse(declared.dispatcherRules ?? '{}') as { dispatcher: string; dispatcherRules: string; fallback: string };
    return { dispatcher: spec.dispatcher, rules: spec.dispatcherRules, fallback: spec.fallback };
  }
  if (declared?.dispatcher) return { dispatcher: declared.dispatcher, rules: declared.dispatcherRules ?? '' };
  const query = params.filter((p) => p.in === 'query').map((p) => p.name as string);
  if (pathNames.length && query.length) return { dispatcher: 'URI_ELEMENTS', rules: `${pathNames.join(' && ')} ?? ${query.join(' && ')}` };
  if (pathNames.length) return { dispatcher: 'URI_PARTS', rules: pathNames.join(' && ') };
  if (query.length) return { dispatcher: 'URI_PARAMS', rules: query.join(' && ') };
  return { rules: '' };
}

/** The criteria an example named `name` answers: built from the parameter examples of that name. */
function exampleCriteria(dispatcher: string | undefined, rules: string, params: readonly Json[], name: string): string | undefined {
  const valuesIn = (where: string) => new Map(params.filter((p) => p.in === where).flatMap((p) => {
    const ex = (p.examples as Record<string, { value: unknown }> | undefined)?.[name];
    return ex ? [[p.name as string, String(ex.value)] as const] : [];
  }));
  switch (dispatcher) {
    case 'URI_PARTS':
      return partsCriteria(rules, valuesIn('path'));
    case 'URI_PARAMS':
      return paramsCriteria(rules, valuesIn('query'));
    case 'URI_ELEMENTS':
      return partsCriteria(rules, valuesIn('path')) + paramsCriteria(rules, valuesIn('query'));
    default:
      return undefined;
  }
}

function examplesOf(op: Json): Example[] {
  const examples: Example[] = [];
  for (const [code, response] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
    for (const [mediaType, content] of Object.entries((response.content ?? {}) as Record<string, Json>)) {
      for (const [name, ex] of Object.entries((content.examples ?? {}) as Record<string, { value: unknown }>)) {
        const value = ex.value;
        examples.push({ name, status: Number(code), mediaType, content: typeof value === 'string' && !/json/.test(mediaType) ? value : JSON.stringify(value) });
      }
    }
  }
  return examples;
}

function referencedExamples(op: Json): { status: number; names: string[] }[] {
  return Object.entries((op.responses ?? {}) as Record<string, Json>).flatMap(([code, r]) => (Array.isArray(r['x-microcks-refs']) ? [{ status: Number(code), names: r['x-microcks-refs'] as string[] }] : []));
}

function deref(doc: Json, value: Json): Json {
  const ref = value.$ref;
  if (typeof ref !== 'string') return value;
  return ref.slice(2).split('/').reduce<Json>((node, key) => node[key] as Json, doc);
}

interface RequestView {
  readonly body: string;
  readonly parts: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
}

/** Microcks response templating, the expressions the documents use (others fail the test loudly). */
function render(content: string, request: RequestView): string {
  return content.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const body = /^request\.body(\/.*)?$/.exec(expression);
    if (body) return text(pointer(JSON.parse(request.body) as unknown, body[1] ?? ''));
    const indexed = /^request\.(path|params|headers)\[([^\]]+)\]$/.exec(expression);
    if (indexed?.[1] === 'path') return request.parts[Number(indexed[2])] ?? '';
    if (indexed?.[1] === 'params') return request.query.get(indexed[2]!) ?? '';
    if (indexed?.[1] === 'headers') return String(request.headers[indexed[2]!.toLowerCase()] ?? '');
    throw new Error(`Microcks mock: template expression not supported: ${expression}`);
  });
}

function pointer(document: unknown, path: string): unknown {
  return path.split('/').slice(1).reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), document);
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

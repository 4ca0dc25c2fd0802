/**
 * One HTTP request per operation of a generated openapi.json, filled with sample values: path
 * parameters, required query/header/cookie parameters and a required JSON body (or every
 * parameter and property). What a client reading only the published document could send.
 */
import { sampleObject, sampleValue, type JsonSchema } from './sample-values.js';

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

interface Operation {
  readonly operationId?: string;
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required?: boolean; readonly content?: Record<string, { schema?: JsonSchema }> };
  /** `[]`: open even when the document requires credentials (probes). */
  readonly security?: readonly unknown[];
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly security?: readonly unknown[];
}

export interface RestCall {
  /** `GET /ships/{imo}`: the test name. */
  readonly name: string;
  readonly operationId?: string;
  readonly method: string;
  /** Path and query, percent-encoded, relative to the adapter's URL. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  /** The document requires credentials for this operation. */
  readonly secured: boolean;
}

/**
 * The smallest call of each operation; with `every`, the fullest (every parameter and body
 * property), for operations that have optional inputs to send.
 */
export function restCalls(document: OpenApiDocument, every = false): RestCall[] {
  const calls: RestCall[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (every && !hasOptionalInputs(op)) continue;
      calls.push(restCall(path, method.toUpperCase(), op, document, every));
    }
  }
  return calls;
}

function hasOptionalInputs(op: Operation): boolean {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const bodyOptional = schema !== undefined && (!op.requestBody?.required || Object.keys(schema.properties ?? {}).length > (schema.required?.length ?? 0));
  return bodyOptional || (op.parameters ?? []).some((p) => p.in !== 'path' && !p.required);
}

function restCall(path: string, method: string, op: Operation, document: OpenApiDocument, every: boolean): RestCall {
  const params = (op.parameters ?? []).filter((p) => p.in === 'path' || p.required || every);
  const text = (p: Parameter) => {
    const value = sampleValue(p.schema ?? {}, p.name);
    return Array.isArray(value) ? value.map(String) : [String(value)];
  };
  let url = path;
  for (const p of params.filter((x) => x.in === 'path')) url = url.replace(`{${p.name}}`, encodeURIComponent(text(p)[0]!));
  const query = new URLSearchParams();
  for (const p of params.filter((x) => x.in === 'query')) for (const v of text(p)) query.append(p.name, v);
  const headers: Record<string, string> = {};
  for (const p of params.filter((x) => x.in === 'header')) headers[p.name] = text(p).join(',');
  const cookies = params.filter((x) => x.in === 'cookie').map((p) => `${p.name}=${encodeURIComponent(text(p)[0]!)}`);
  if (cookies.length) headers.cookie = cookies.join('; ');
  const body = requestBody(op, every);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return {
    name: `${method} ${path}${every ? ' (every input)' : ''}`,
    ...(op.operationId ? { operationId: op.operationId } : {}),
    method,
    url: query.size ? `${url}?${query}` : url,
    headers,
    ...(body === undefined ? {} : { body }),
    secured: (op.security ?? document.security ?? []).length > 0,
  };
}

/** A body when the document asks for one (required, or an object with required properties) or `every`. */
function requestBody(op: Operation, every: boolean): unknown {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  if (!op.requestBody || !schema) return undefined;
  if (!every && !op.requestBody.required && !schema.required?.length) return undefined;
  // Express parses only objects and arrays as JSON bodies; an open schema gets an empty object.
  if (schema.type === 'object' || schema.type === undefined) return sampleObject(schema, every);
  return sampleValue(schema, 'body');
}

// `forward` resources: the request is relayed to a consumed API under the wildcard's path, with
// only the trusted headers and the API's own credentials. Nothing else of the caller's leaks.

import type { Request } from 'express';
import type { HttpClient, HttpMethod, QueryValue, UpstreamRequest } from './http.js';

export interface ForwardDefinition<U> {
  /** Express path ending in a wildcard, e.g. `/github/*path`. */
  path: string;
  /** The wildcard's name: its segments are the upstream path. */
  param?: string;
  namespace: string;
  /** Lower-case header names copied to the upstream. */
  trustedHeaders: readonly string[];
  upstream(upstreams: U): HttpClient;
}

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** The upstream request for a forwarded call, or undefined for a method the format has no place for. */
export function forwardRequest<U>(def: ForwardDefinition<U>, req: Request): UpstreamRequest | undefined {
  if (!METHODS.has(req.method)) return undefined;
  const raw = def.param === undefined ? undefined : (req.params as Record<string, string | string[] | undefined>)[def.param];
  const segments = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  // Express decoded each segment; encoding each again keeps "/", "?" and "#" inside its segment.
  const path = `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
  const headers: Record<string, string | undefined> = {};
  for (const name of def.trustedHeaders) {
    const value = req.headers[name];
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined;
  const contentType = req.headers['content-type'];
  return {
    operation: `${def.namespace} (forward)`,
    method: req.method as HttpMethod,
    path,
    query: req.query as Record<string, QueryValue>,
    headers,
    ...(body ? { content: { data: new Blob([new Uint8Array(body)]), ...(contentType ? { contentType } : {}) } } : {}),
  };
}

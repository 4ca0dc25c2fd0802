// The bytes and headers of an upstream request, built once per call (retries resend them). They
// match what fetch sent before node:http replaced it: same default headers, content types and
// Content-Length, so upstreams see no difference.

import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { UpstreamAuth, UpstreamRequest } from './http.js';

export interface EncodedBody {
  bytes: Buffer;
  /** The content type the body kind implies (fetch's default), if any. */
  contentType: string | undefined;
}

// Hop-by-hop and framing headers belong to this connection, not to the caller: a forwarded
// Content-Length or Transfer-Encoding would desynchronise the request on a shared socket.
const CONNECTION_HEADERS: ReadonlySet<string> = new Set([
  'host',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'content-length',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);
// fetch's spec sends Content-Length: 0 for these methods when there is no body.
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);
const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** Serialises the request body: JSON, or text/form/multipart/blob as fetch would encode them. */
export async function encodeBody(req: UpstreamRequest): Promise<EncodedBody | undefined> {
  if (req.content !== undefined) {
    const { data } = req.content;
    if (typeof data === 'string') return { bytes: Buffer.from(data, 'utf8'), contentType: 'text/plain;charset=UTF-8' };
    // Response applies the Fetch standard's body extraction: multipart boundary, form encoding, Blob type.
    const extracted = new Response(data);
    const contentType = extracted.headers.get('content-type') ?? undefined;
    return { bytes: Buffer.from(await extracted.arrayBuffer()), contentType: contentType || undefined };
  }
  if (req.body === undefined) return undefined;
  const json = JSON.stringify(req.body);
  return json === undefined ? undefined : { bytes: Buffer.from(json, 'utf8'), contentType: 'application/json' };
}

function basicCredentials(auth: { username: string; password: string }): string {
  return Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
}

/** Lower-case header map: defaults, content headers, the caller's headers, request id, then auth. */
export function wireHeaders(req: UpstreamRequest, auth: UpstreamAuth, requestId: string | undefined, body: EncodedBody | undefined): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'node', 'accept-encoding': 'gzip, deflate' };
  const contentType = req.content?.contentType ?? body?.contentType;
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (req.headers !== undefined) {
    for (const name of Object.keys(req.headers)) {
      const raw = req.headers[name];
      if (raw === undefined) continue;
      const key = name.toLowerCase();
      if (CONNECTION_HEADERS.has(key)) continue;
      const value = raw.replace(HTTP_WHITESPACE, '');
      // Thrown here, before any attempt, as the Headers class did: a CR/LF could inject headers.
      validateHeaderName(key);
      validateHeaderValue(key, value);
      headers[key] = value;
    }
  }
  if (body !== undefined) headers['content-length'] = String(body.bytes.length);
  else if (BODY_METHODS.has(req.method)) headers['content-length'] = '0';
  if (requestId !== undefined) headers['x-request-id'] = requestId;
  // Auth goes last so a spec-declared credential always wins over a forwarded header.
  if (auth.kind === 'bearer') headers['authorization'] = `Bearer ${auth.token}`;
  if (auth.kind === 'basic') headers['authorization'] = `Basic ${basicCredentials(auth)}`;
  if (auth.kind === 'apikey' && auth.placement === 'header') headers[auth.name.toLowerCase()] = auth.value;
  return headers;
}

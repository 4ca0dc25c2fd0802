// One upstream HTTP exchange on the wire. The default sends with node:http/node:https over a
// keep-alive Agent per client: the WHATWG fetch layer cost as much per call as Express itself
// (BENCHMARKS.md, finding 6). A fetch-based transport stays for callers that inject `fetch`.

import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { remembered } from './http-url.js';

export interface WireRequest {
  method: string;
  url: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer | undefined;
}
export interface WireResponse {
  status: number;
  contentType: string | undefined;
  retryAfter: string | null;
  challenge: string | null;
  text: string;
  /** The body as received (content-encoding undone): what a binary operation answers. */
  bytes: Buffer;
}
/**
 * Rejects with TransportTimeout when timeoutMs passes first, with ResponseTooLarge when the body
 * is longer than the transport reads; any other rejection is a network failure.
 */
export type Transport = (req: WireRequest, timeoutMs: number, signal: AbortSignal | undefined) => Promise<WireResponse>;

export class TransportTimeout extends Error {
  override readonly name: string = 'TransportTimeout';
}

/** The answer's body (decoded) is longer than the limit; nothing past the limit was buffered. */
export class ResponseTooLarge extends Error {
  override readonly name: string = 'ResponseTooLarge';
  readonly status: number;
  readonly limitBytes: number;

  constructor(status: number, limitBytes: number) {
    super(`the response body is longer than ${limitBytes} bytes`);
    this.status = status;
    this.limitBytes = limitBytes;
  }
}

/** What a client reads of one answer at most, unless told otherwise: 10 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

// Below the 5 s keep-alive timeout of Node servers (and most proxies), so an idle socket is
// closed here before the server closes it under a request. A Keep-Alive hint lowers it further.
const IDLE_SOCKET_MS = 4_000;
const MAX_SOCKETS = 128;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const UTF8 = new TextDecoder('utf-8');

function decoderFor(encoding: string | undefined): Transform | undefined {
  if (encoding === 'gzip' || encoding === 'x-gzip') return createGunzip();
  if (encoding === 'deflate') return createInflate();
  if (encoding === 'br') return createBrotliDecompress();
  return undefined;
}

function header(res: IncomingMessage, name: string): string | null {
  const value = res.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The declared length, when it is a plain number. */
function declaredLength(res: IncomingMessage): number | undefined {
  const value = header(res, 'content-length');
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
}

/**
 * Reads the whole body (decoded as fetch's text() would: UTF-8, BOM dropped), at most maxBytes
 * of it after decompression (a small gzip answer can inflate to gigabytes). Past the limit it
 * stops reading and fails; the caller destroys the request, and with it the socket, which the
 * keep-alive Agent then drops from its pool.
 */
function readResponse(res: IncomingMessage, maxBytes: number, done: (error: Error | undefined, response?: WireResponse) => void): void {
  const status = res.statusCode ?? 0;
  const declared = declaredLength(res);
  if (declared !== undefined && declared > maxBytes) {
    res.destroy();
    return done(new ResponseTooLarge(status, maxBytes));
  }
  const decoder = decoderFor(header(res, 'content-encoding')?.trim().toLowerCase());
  const source = decoder ? res.pipe(decoder) : res;
  const chunks: Buffer[] = [];
  let length = 0;
  source.on('data', (chunk: Buffer) => {
    length += chunk.length;
    if (length <= maxBytes) return void chunks.push(chunk);
    chunks.length = 0;
    source.destroy();
    res.destroy();
    done(new ResponseTooLarge(status, maxBytes));
  });
  source.on('error', (error: Error) => done(error));
  if (decoder) res.on('error', (error: Error) => done(error));
  source.on('end', () => {
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    done(undefined, {
      status,
      contentType: header(res, 'content-type') ?? undefined,
      retryAfter: header(res, 'retry-after'),
      challenge: header(res, 'www-authenticate'),
      text: UTF8.decode(bytes),
      bytes,
    });
  });
}

interface Target {
  secure: boolean;
  host: string;
  port: string;
  path: string;
}

// Parsed once per distinct URL: most operations call the same URL again and again.
const targetOf = remembered((href: string): Target => {
  const url = new URL(href);
  return { secure: url.protocol === 'https:', host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port, path: url.pathname + url.search };
});

interface Sent {
  promise: Promise<WireResponse>;
  /** True when the failure happened on a reused keep-alive socket before any response arrived. */
  staleSocket(): boolean;
}

function sendOnce(agents: Agents, wire: WireRequest, timeoutMs: number, signal: AbortSignal | undefined, maxBytes: number): Sent {
  let reused = false;
  let answered = false;
  const promise = new Promise<WireResponse>((resolve, reject) => {
    const { secure, host, port, path } = targetOf(wire.url);
    const send = secure ? httpsRequest : httpRequest;
    const headers: OutgoingHttpHeaders = wire.headers;
    const req = send({ host, port, path, method: wire.method, headers, agent: agents.for(secure) });
    let settled = false;
    const finish = (error: Error | undefined, response?: WireResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(response as WireResponse);
    };
    const onAbort = (): void => finish(new Error('aborted'));
    const timer = setTimeout(() => finish(new TransportTimeout()), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('socket', () => (reused = req.reusedSocket));
    req.on('error', (error) => finish(error));
    req.on('response', (res) => {
      answered = true;
      readResponse(res, maxBytes, finish);
    });
    req.end(wire.body);
  });
  return { promise, staleSocket: () => reused && !answered };
}

class Agents {
  private http: HttpAgent | undefined;
  private https: HttpsAgent | undefined;
  for(secure: boolean): HttpAgent {
    const options = { keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS, timeout: IDLE_SOCKET_MS };
    if (secure) return (this.https ??= new HttpsAgent(options));
    return (this.http ??= new HttpAgent(options));
  }
}

/** node:http/https on keep-alive Agents owned by one client, reading at most maxResponseBytes of an answer. */
export function nodeTransport(maxResponseBytes: number = DEFAULT_MAX_RESPONSE_BYTES): Transport {
  const agents = new Agents();
  return async (wire, timeoutMs, signal) => {
    const deadline = performance.now() + timeoutMs;
    const first = sendOnce(agents, wire, timeoutMs, signal, maxResponseBytes);
    try {
      return await first.promise;
    } catch (error) {
      // The server may close an idle socket just as a request goes out on it: that request never
      // reached the application, so an idempotent one is sent again once, on a fresh socket.
      const remaining = Math.floor(deadline - performance.now());
      if (!first.staleSocket() || !IDEMPOTENT.has(wire.method) || error instanceof TransportTimeout || signal?.aborted || remaining < 1) throw error;
      return sendOnce(agents, wire, remaining, signal, maxResponseBytes).promise;
    }
  };
}

/** The injected (or global) fetch; redirects are returned, not followed, as with node:http. */
export function fetchTransport(fetchImpl: typeof fetch, maxResponseBytes: number = DEFAULT_MAX_RESPONSE_BYTES): Transport {
  return async (wire, timeoutMs, signal) => {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    try {
      const combined = signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]);
      const body = wire.body === undefined ? null : new Uint8Array(wire.body);
      const res = await fetchImpl(wire.url, { method: wire.method, headers: wire.headers, body, redirect: 'manual', signal: combined });
      // Reading the whole body, even for errors that will be retried, lets undici reuse the socket.
      const bytes = await boundedBytes(res, maxResponseBytes);
      const contentType = res.headers.get('content-type') ?? undefined;
      return { status: res.status, contentType, text: UTF8.decode(bytes), bytes, retryAfter: res.headers.get('retry-after'), challenge: res.headers.get('www-authenticate') };
    } catch (error) {
      if (timeout.signal.aborted && !signal?.aborted) throw new TransportTimeout();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The body, failing (and cancelling the stream, which frees the connection) past maxBytes. */
async function boundedBytes(res: Response, maxBytes: number): Promise<Buffer> {
  if (res.body === null) return Buffer.alloc(0);
  const declared = res.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    await res.body.cancel();
    throw new ResponseTooLarge(res.status, maxBytes);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      chunks.length = 0;
      await reader.cancel();
      throw new ResponseTooLarge(res.status, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// Upstream HTTP client: auth, timeouts, retries and typed errors over a keep-alive transport
// (node:http by default, see http-transport.ts).

import {
  UpstreamBadResponseError,
  UpstreamError,
  UpstreamNetworkError,
  UpstreamResponseTooLargeError,
  UpstreamTimeoutError,
  abortReason,
  createScrubber,
  describeCause,
  redactUrl,
} from './http-errors.js';
import { backoffDelay, isIdempotentMethod, isRetryableStatus, parseRetryAfter, sleep } from './http-retry.js';
import { digestAuthorization, parseChallenge } from './http-digest.js';
import { buildQueryString, isJsonMediaType, joinUrl, remembered } from './http-url.js';
import { encodeBody, wireHeaders, type EncodedBody } from './http-wire.js';
import { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLarge, TransportTimeout, fetchTransport, nodeTransport } from './http-transport.js';
import type { Transport, WireRequest, WireResponse } from './http-transport.js';
import type { QueryValue } from './http-url.js';
import type { RequestTrace } from './trace-context.js';

export {
  UpstreamBadResponseError,
  UpstreamError,
  UpstreamInputError,
  UpstreamNetworkError,
  UpstreamResponseTooLargeError,
  UpstreamTimeoutError,
  isAbortError,
  redactUrl,
} from './http-errors.js';
export { buildQueryString, cookieHeader, encodePath, headerValue, isJsonMediaType, joinUrl } from './http-url.js';
export { asText, formBody, multipartBody, requireValue, toArray, toBoolean, toNumber, toObject, toText, type MultipartPart } from './http-body.js';
export type { QueryScalar, QueryValue } from './http-url.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type UpstreamAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'apikey'; placement: 'header' | 'query'; name: string; value: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'digest'; username: string; password: string };

export interface UpstreamRequest {
  /** e.g. "lago-customers.findcustomer"; names the call in errors and events. */
  operation: string;
  method: HttpMethod;
  /** Already encoded (see encodePath) and starting with "/". */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  headers?: Readonly<Record<string, string | undefined>>;
  /** undefined sends no body; anything else is sent as JSON. */
  body?: unknown;
  /** A non-JSON body (text, XML, form, multipart); wins over `body`. FormData and URLSearchParams set their own content type. */
  content?: RequestContent;
  /** The answer is text in another format (XML, CSV): kept as text whatever its content type says. */
  textAnswer?: boolean;
  /**
   * A binary operation: the success body is the bytes as received (never decoded), at most
   * `maxBytes` (else the caller's `maxBinaryBytes`, else 10 MiB); a larger one is unusable.
   */
  binary?: { maxBytes?: number };
}
export interface RequestContent {
  contentType?: string;
  data: string | URLSearchParams | FormData | Blob;
}
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  requestId?: string;
  /** The exposing adapter's limit of binary answers whose operation sets none. */
  maxBinaryBytes?: number;
  /** The route's or tool's trace: each attempt gets a client span and carries the context upstream. */
  trace?: RequestTrace;
}
export interface UpstreamResponse {
  status: number;
  contentType: string | undefined;
  /** Parsed JSON, text, or (for a binary operation) the bytes. */
  body: unknown;
}

/**
 * The JSON text a client answer was parsed from, while its body is still that parse: a REST route
 * that passes the answer on unchanged writes this text instead of re-serialising the body. Any
 * answer built anew (mapped, from a hook, from steps) is another object and has no entry.
 */
const jsonTexts = new WeakMap<UpstreamResponse, { body: unknown; text: string }>();

/** The upstream's JSON text of an answer whose body is exactly what the client parsed from it. */
export function jsonTextOf(response: UpstreamResponse): string | undefined {
  const entry = jsonTexts.get(response);
  return entry !== undefined && entry.body === response.body ? entry.text : undefined;
}

/** The engine's default `maxBinarySize`: 10 MiB. */
export const DEFAULT_MAX_BINARY_BYTES = 10 * 1024 * 1024;

/** A binary answer passed on with the media type (and success status) the spec declares. */
export function binaryAnswer(answer: { mediaType?: string; status?: number }): (response: UpstreamResponse) => UpstreamResponse {
  return (response) => ({ status: answer.status ?? response.status, contentType: answer.mediaType ?? response.contentType, body: response.body });
}
export interface UpstreamEvent {
  operation: string;
  method: HttpMethod;
  /** Credentials redacted. */
  url: string;
  attempt: number;
  durationMs: number;
  status?: number;
  error?: string;
}
export interface HttpClientOptions {
  baseUrl: string;
  auth: UpstreamAuth;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  maxRetryElapsedMs?: number;
  /** Longest answer body read, in bytes after decompression (default 10 MiB); longer fails the call. */
  maxResponseBytes?: number;
  /** Sends through this fetch instead of node:http (tests, instrumentation). */
  fetch?: typeof fetch;
  onEvent?: (event: UpstreamEvent) => void;
}
export interface HttpClient {
  /** `input`: what the generated client function was called with, for operation hooks (see hooks.ts). */
  request(req: UpstreamRequest, options?: CallOptions, input?: unknown): Promise<UpstreamResponse>;
}

function secretsOf(auth: UpstreamAuth): string[] {
  if (auth.kind === 'bearer') return [auth.token];
  if (auth.kind === 'apikey') return [auth.value];
  if (auth.kind === 'basic') return [auth.password, Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')];
  if (auth.kind === 'digest') return [auth.password];
  return [];
}

function parseBody(operation: string, status: number, contentType: string | undefined, text: string, textAnswer = false): unknown {
  if (status === 204 || status === 205 || status === 304 || text.trim() === '') return undefined;
  if (textAnswer || !isJsonMediaType(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamBadResponseError(operation, status, `malformed JSON (${contentType ?? 'no content-type'})`);
  }
}

type Attempt = ({ ok: true } & WireResponse) | { ok: false; error: UpstreamTimeoutError | UpstreamNetworkError | UpstreamResponseTooLargeError };

class NodeHttpClient implements HttpClient {
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseDelayMs: number;
  private readonly maxRetryElapsedMs: number;
  private readonly transport: Transport;
  private readonly scrub: (text: string) => string;
  /** The URL with credentials masked, as events and spans show it. */
  private readonly redact: (url: string) => string;
  private readonly options: HttpClientOptions;

  // No parameter properties: they are not erasable syntax, and type-stripping runners reject them.
  constructor(options: HttpClientOptions) {
    this.options = options;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 200;
    this.maxRetryElapsedMs = options.maxRetryElapsedMs ?? 60_000;
    const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.transport = options.fetch ? fetchTransport(options.fetch, maxBytes) : nodeTransport(maxBytes);
    this.scrub = createScrubber(secretsOf(options.auth));
    const { auth } = options;
    const secretQueryNames = auth.kind === 'apikey' && auth.placement === 'query' ? [auth.name] : [];
    this.redact = remembered((url) => this.scrub(redactUrl(url, secretQueryNames)));
  }

  async request(req: UpstreamRequest, call: CallOptions = {}): Promise<UpstreamResponse> {
    if (call.signal?.aborted) throw abortReason(call.signal);
    // Encoding a body may be asynchronous (FormData, Blob); a call without one takes no extra turn.
    const body = req.content === undefined && req.body === undefined ? undefined : await encodeBody(req);
    const wire = this.prepare(req, call.requestId, body);
    const timeoutMs = call.timeoutMs ?? this.timeoutMs;
    const started = performance.now();
    // The URL is the same for every attempt: redacted once, not per attempt.
    const redactedUrl = this.redact(wire.url);
    for (let attempt = 1; ; attempt += 1) {
      if (call.signal?.aborted) throw abortReason(call.signal);
      const attemptStart = performance.now();
      const remaining = this.maxRetryElapsedMs - (attemptStart - started);
      // Retries never run past the budget, so a retried call is bounded by max(timeout, budget).
      const limit = attempt === 1 ? timeoutMs : Math.max(1, Math.min(timeoutMs, Math.floor(remaining)));
      const outcome = await this.tracedAttempt(req, wire, limit, call, { url: redactedUrl, attempt });
      const durationMs = Math.round(performance.now() - attemptStart);
      const event: UpstreamEvent = { operation: req.operation, method: req.method, url: redactedUrl, attempt, durationMs };
      if (outcome.ok) event.status = outcome.status;
      else event.error = outcome.error.message;
      this.emit(event);
      const wait = this.retryDelay(req.method, outcome, attempt, performance.now() - started);
      if (wait === undefined) return this.finish(req, outcome, call.maxBinaryBytes);
      await sleep(wait, call.signal);
    }
  }

  private prepare(req: UpstreamRequest, requestId: string | undefined, body: EncodedBody | undefined): WireRequest {
    const { auth } = this.options;
    const credential = auth.kind === 'apikey' && auth.placement === 'query' ? { [auth.name]: auth.value } : {};
    const url = joinUrl(this.options.baseUrl, req.path, buildQueryString({ ...req.query, ...credential }));
    // Redirects are never followed (node:http does not, the fetch transport is told not to): a
    // Location could send custom API-key headers to another origin. A 3xx is returned like any status.
    return { method: req.method, url, headers: wireHeaders(req, auth, requestId, body), body: body?.bytes };
  }

  /** One attempt (a Digest challenge answered within it), as a client span when the call is traced. */
  private async tracedAttempt(req: UpstreamRequest, wire: WireRequest, limit: number, call: CallOptions, at: { url: string; attempt: number }): Promise<Attempt> {
    const span = call.trace?.upstream({ operation: req.operation, method: req.method, url: at.url, attempt: at.attempt });
    const sent = span ? { ...wire, headers: { ...wire.headers, ...span.headers } } : wire;
    try {
      const first = await this.attemptOnce(req.operation, sent, limit, call.signal);
      const outcome = this.options.auth.kind === 'digest' ? await this.answerDigest(req, sent, first, limit, call.signal) : first;
      span?.end(outcome.ok ? { status: outcome.status } : { error: outcome.error.name });
      return outcome;
    } catch (error) {
      span?.end({ error: 'aborted' });
      throw error;
    }
  }

  private async attemptOnce(operation: string, wire: WireRequest, timeoutMs: number, signal?: AbortSignal): Promise<Attempt> {
    try {
      return { ok: true, ...(await this.transport(wire, timeoutMs, signal)) };
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (error instanceof TransportTimeout) return { ok: false, error: new UpstreamTimeoutError(operation, timeoutMs) };
      if (error instanceof ResponseTooLarge) return { ok: false, error: new UpstreamResponseTooLargeError(operation, error.status, error.limitBytes) };
      return { ok: false, error: new UpstreamNetworkError(operation, this.scrub(describeCause(error))) };
    }
  }

  /** A 401 Digest challenge is answered once, within the same attempt. */
  private async answerDigest(req: UpstreamRequest, wire: WireRequest, outcome: Attempt, limit: number, signal?: AbortSignal): Promise<Attempt> {
    const { auth } = this.options;
    if (auth.kind !== 'digest' || !outcome.ok || outcome.status !== 401) return outcome;
    const challenge = parseChallenge(outcome.challenge);
    const target = new URL(wire.url);
    const header = challenge && digestAuthorization(challenge, auth, req.method, `${target.pathname}${target.search}`);
    if (!header) return outcome;
    return this.attemptOnce(req.operation, { ...wire, headers: { ...wire.headers, authorization: header } }, limit, signal);
  }

  /** Milliseconds to wait before the next attempt, or undefined when the outcome is final. */
  private retryDelay(method: HttpMethod, outcome: Attempt, attempt: number, elapsedMs: number): number | undefined {
    // The same request would only bring the same oversized answer again.
    if (attempt > this.maxRetries || (!outcome.ok && outcome.error instanceof UpstreamResponseTooLargeError)) return undefined;
    const retryAfter = outcome.ok ? outcome.retryAfter : null;
    const retryable = outcome.ok ? isRetryableStatus(method, outcome.status, retryAfter !== null) : isIdempotentMethod(method);
    if (!retryable) return undefined;
    const wait = parseRetryAfter(retryAfter) ?? backoffDelay(attempt, this.retryBaseDelayMs);
    // Retrying before Retry-After only earns another 429, so a wait beyond the budget ends retrying.
    return elapsedMs + wait < this.maxRetryElapsedMs ? wait : undefined;
  }

  private finish(req: UpstreamRequest, outcome: Attempt, maxBinaryBytes: number | undefined): UpstreamResponse {
    if (!outcome.ok) throw outcome.error;
    const { status, contentType, text, bytes } = outcome;
    if (req.binary && status < 400) {
      const limit = req.binary.maxBytes ?? maxBinaryBytes ?? DEFAULT_MAX_BINARY_BYTES;
      if (bytes.length > limit) throw new UpstreamBadResponseError(req.operation, status, `a binary answer of ${bytes.length} bytes, over maxBinarySize (${limit} bytes)`);
      return { status, contentType, body: bytes.length === 0 ? undefined : bytes };
    }
    const body = parseBody(req.operation, status, contentType, text, req.textAnswer);
    if (status >= 400) throw new UpstreamError(req.operation, status, body, contentType);
    const response = { status, contentType, body };
    if (body !== undefined && typeof body !== 'string') jsonTexts.set(response, { body, text });
    return response;
  }

  private emit(event: UpstreamEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A faulty logging hook must not turn a successful call into a failure.
    }
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  return new NodeHttpClient(options);
}

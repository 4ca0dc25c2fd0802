// Upstream HTTP client over Node's global fetch: auth, timeouts, retries and typed errors.

import {
  UpstreamBadResponseError,
  UpstreamError,
  UpstreamInputError,
  UpstreamNetworkError,
  UpstreamTimeoutError,
  abortReason,
  createScrubber,
  describeCause,
  redactUrl,
} from './http-errors.js';
import { backoffDelay, isIdempotentMethod, isRetryableStatus, parseRetryAfter, sleep } from './http-retry.js';

export {
  UpstreamBadResponseError,
  UpstreamError,
  UpstreamInputError,
  UpstreamNetworkError,
  UpstreamTimeoutError,
  isAbortError,
  redactUrl,
} from './http-errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type UpstreamAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'apikey'; placement: 'header' | 'query'; name: string; value: string }
  | { kind: 'basic'; username: string; password: string };
export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | readonly QueryScalar[] | null | undefined;

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
}
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  requestId?: string;
}
export interface UpstreamResponse {
  status: number;
  contentType: string | undefined;
  body: unknown;
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
  fetch?: typeof fetch;
  onEvent?: (event: UpstreamEvent) => void;
}
export interface HttpClient {
  request(req: UpstreamRequest, options?: CallOptions): Promise<UpstreamResponse>;
}

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Tagged-template style path builder; each value becomes one fully encoded segment part, so "/",
 * "?", "#" and CR/LF cannot change the URL structure.
 */
export function encodePath(strings: readonly string[], values: readonly unknown[]): string {
  let path = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) {
    const text = String(values[i]);
    if (text === '') throw new UpstreamInputError(`path parameter ${i + 1} is empty`);
    path += encodeURIComponent(text) + (strings[i + 1] ?? '');
  }
  // WHATWG URL parsing (and so fetch) resolves "." and ".." segments even when percent-encoded,
  // so such a value would silently address a different resource: it is refused instead.
  if (path.split('/').some((segment) => DOT_SEGMENT.test(segment))) {
    throw new UpstreamInputError('a path parameter may not be "." or ".."');
  }
  return path;
}

/** True for application/json, application/problem+json and any other "+json" media type. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

function isQueryList(value: QueryValue): value is readonly QueryScalar[] {
  return Array.isArray(value);
}

export function buildQueryString(query: Readonly<Record<string, QueryValue>>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined) continue;
    for (const item of isQueryList(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(item))}`);
    }
  }
  return pairs.join('&');
}

export function joinUrl(baseUrl: string, path: string, queryString: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const suffix = path === '' ? '' : `/${path.replace(/^\/+/, '')}`;
  if (queryString === '') return base + suffix;
  return `${base}${suffix}${base.includes('?') ? '&' : '?'}${queryString}`;
}

function buildHeaders(req: UpstreamRequest, auth: UpstreamAuth, requestId: string | undefined): Headers {
  const headers = new Headers({ accept: 'application/json' });
  if (req.body !== undefined) headers.set('content-type', 'application/json');
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (value !== undefined) headers.set(name, value);
  }
  if (requestId !== undefined) headers.set('x-request-id', requestId);
  // Auth goes last so a spec-declared credential always wins over a forwarded header.
  if (auth.kind === 'bearer') headers.set('authorization', `Bearer ${auth.token}`);
  if (auth.kind === 'basic') headers.set('authorization', `Basic ${basicCredentials(auth)}`);
  if (auth.kind === 'apikey' && auth.placement === 'header') headers.set(auth.name, auth.value);
  return headers;
}

function basicCredentials(auth: { username: string; password: string }): string {
  return Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
}

function secretsOf(auth: UpstreamAuth): string[] {
  switch (auth.kind) {
    case 'none':
      return [];
    case 'bearer':
      return [auth.token];
    case 'apikey':
      return [auth.value];
    case 'basic':
      return [auth.password, basicCredentials(auth)];
  }
}

function parseBody(operation: string, status: number, contentType: string | undefined, text: string): unknown {
  if (status === 204 || status === 205 || status === 304 || text.trim() === '') return undefined;
  if (!isJsonMediaType(contentType)) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamBadResponseError(operation, status, `malformed JSON (${contentType ?? 'no content-type'})`);
  }
}

interface Attempt {
  response?: { status: number; contentType: string | undefined; text: string; retryAfter: string | null };
  error?: UpstreamTimeoutError | UpstreamNetworkError;
}

interface Settings {
  timeoutMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryElapsedMs: number;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings: Settings = {
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 200,
    maxRetryElapsedMs: options.maxRetryElapsedMs ?? 60_000,
  };
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const scrub = createScrubber(secretsOf(options.auth));
  const auth = options.auth;
  const queryAuth = auth.kind === 'apikey' && auth.placement === 'query' ? auth : undefined;
  const redact = (url: string): string => scrub(redactUrl(url, queryAuth ? [queryAuth.name] : []));

  const emit = (event: UpstreamEvent): void => {
    try {
      options.onEvent?.(event);
    } catch {
      // A faulty logging hook must not turn a successful call into a failure.
    }
  };

  async function attemptOnce(req: UpstreamRequest, url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<Attempt> {
    // A cleared timer instead of AbortSignal.timeout: the timer is released as soon as the
    // attempt settles rather than lingering for up to timeoutMs after every call.
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    try {
      const combined = signal === undefined ? timeout.signal : AbortSignal.any([signal, timeout.signal]);
      const res = await fetchImpl(url, { ...init, signal: combined });
      // Reading the whole body (even for errors that will be retried) lets undici reuse the socket.
      const text = await res.text();
      const contentType = res.headers.get('content-type') ?? undefined;
      return { response: { status: res.status, contentType, text, retryAfter: res.headers.get('retry-after') } };
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (timeout.signal.aborted) return { error: new UpstreamTimeoutError(req.operation, timeoutMs) };
      return { error: new UpstreamNetworkError(req.operation, scrub(describeCause(error))) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Milliseconds to wait before the next attempt, or undefined when the outcome is final. */
  function retryDelay(method: HttpMethod, outcome: Attempt, attempt: number, elapsedMs: number): number | undefined {
    if (attempt > settings.maxRetries) return undefined;
    const retryAfter = outcome.response?.retryAfter ?? null;
    const retryable = outcome.response
      ? isRetryableStatus(method, outcome.response.status, retryAfter !== null)
      : isIdempotentMethod(method);
    if (!retryable) return undefined;
    const wait = parseRetryAfter(retryAfter) ?? backoffDelay(attempt, settings.retryBaseDelayMs);
    // Waiting less than Retry-After only earns another 429, so a wait beyond the budget ends retrying.
    return elapsedMs + wait < settings.maxRetryElapsedMs ? wait : undefined;
  }

  function finish(req: UpstreamRequest, outcome: Attempt): UpstreamResponse {
    if (outcome.response === undefined) throw outcome.error ?? new UpstreamNetworkError(req.operation, 'no response');
    const { status, contentType, text } = outcome.response;
    const body = parseBody(req.operation, status, contentType, text);
    if (status >= 400) throw new UpstreamError(req.operation, status, body, contentType);
    return { status, contentType, body };
  }

  async function request(req: UpstreamRequest, call: CallOptions = {}): Promise<UpstreamResponse> {
    const query = { ...req.query, ...(queryAuth ? { [queryAuth.name]: queryAuth.value } : {}) };
    const url = joinUrl(options.baseUrl, req.path, buildQueryString(query));
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    // Redirects are not followed: fetch would resend custom API-key headers to whatever origin a
    // Location names. A 3xx is returned to the caller like any other non-error status.
    const init: RequestInit = { method: req.method, headers: buildHeaders(req, auth, call.requestId), body, redirect: 'manual' };
    const timeoutMs = call.timeoutMs ?? settings.timeoutMs;
    const started = performance.now();
    for (let attempt = 1; ; attempt += 1) {
      if (call.signal?.aborted) throw abortReason(call.signal);
      const attemptStart = performance.now();
      const remaining = settings.maxRetryElapsedMs - (attemptStart - started);
      // Retries never run past the budget, so a retried call is bounded by max(timeout, budget).
      const limit = attempt === 1 ? timeoutMs : Math.max(1, Math.min(timeoutMs, Math.floor(remaining)));
      const outcome = await attemptOnce(req, url, init, limit, call.signal);
      const durationMs = Math.round(performance.now() - attemptStart);
      const result = outcome.response ? { status: outcome.response.status } : { error: outcome.error?.message };
      emit({ operation: req.operation, method: req.method, url: redact(url), attempt, durationMs, ...result });
      const wait = retryDelay(req.method, outcome, attempt, performance.now() - started);
      if (wait === undefined) return finish(req, outcome);
      await sleep(wait, call.signal);
    }
  }

  return { request };
}

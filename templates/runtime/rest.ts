// Express 5 REST adapter: validates each request with its zod schema, calls the upstream through
// the route's invoke function and maps the outcome (or error) to an HTTP response.

import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import express from 'express';
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { UpstreamError, isAbortError, jsonTextOf } from './http.js';
import type { CallOptions, UpstreamResponse } from './http.js';
import { requireAuth, type InboundAuth } from './auth.js';
import { forwardRequest, type ForwardDefinition } from './forward.js';
import type { Logger } from './log.js';
import { passThrough, type RequestTrace, type Tracer } from './trace-context.js';
import { problem, problemFor, sendPassthrough, sendProblem, validationProblem } from './problem.js';

export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string>;
  body: unknown;
}

/** The Cookie header as name -> value (first occurrence wins, values percent-decoded when valid). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = Object.create(null) as Record<string, string>;
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name in cookies) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

export interface RouteDefinition<U> {
  operationId: string;
  method: RouteMethod;
  path: string;
  input: z.ZodType;
  invoke(upstreams: U, input: unknown, options: CallOptions): Promise<UpstreamResponse>;
}

export function defineRoute<U, S extends z.ZodType>(def: {
  operationId: string;
  method: RouteMethod;
  path: string;
  input: S;
  invoke: (upstreams: U, input: z.output<S>, options: CallOptions) => Promise<UpstreamResponse>;
}): RouteDefinition<U> {
  return {
    operationId: def.operationId,
    method: def.method,
    path: def.path,
    input: def.input,
    // The adapter only ever passes the output of def.input.safeParse, so the cast is sound.
    invoke: (upstreams, input, options) => def.invoke(upstreams, input as z.output<S>, options),
  };
}

export interface RestAppOptions<U> {
  routes: readonly RouteDefinition<U>[];
  upstreams: U;
  logger: Logger;
  /** express.json limit, default '1mb'. */
  bodyLimit?: string;
  /** Per-attempt upstream timeout passed to invoke. */
  timeoutMs?: number;
  /** The adapter's `maxBinarySize` in bytes: the limit of binary answers whose operation sets none. */
  maxBinaryBytes?: number;
  /** Served at GET /openapi.json when given. */
  openapi?: unknown;
  isReady?: () => boolean;
  /** Inbound authentication: every route (not /health or /ready) requires these credentials. */
  auth?: InboundAuth;
  /** `forward` resources, matched after the routes (operations win over forward). */
  forwards?: readonly ForwardDefinition<U>[];
  /** Called once per answered request (metrics); `route` is the matched pattern, not the path. */
  onRequest?: (event: { method: string; route: string; status: number; durationMs: number }) => void;
  /** The REST hook points of src/hooks.ts. */
  hooks?: RestHooks;
  /** OpenTelemetry (tracing.ts): a server span per route call; without it a caller's context is passed on. */
  tracer?: Tracer;
}

/** Hook points of the REST app (`rest` in src/hooks.ts); each runs only when set. */
export interface RestHooks<Route extends string = string> {
  /**
   * While the app is built: after the probes (/health, /ready, /openapi.json), before the inbound
   * authentication and the routes. For middleware that sees every request, or routes that need no credentials.
   */
  middleware?(app: Express): void;
  /** While the app is built: after the spec's routes and forwards, before the 404 answer. Routes the spec does not describe, behind its inbound authentication. */
  routes?(app: Express): void;
  /** A route failed (an upstream error status, a timeout, an exception): return the problem to answer instead, or nothing for the default answer. */
  error?(error: unknown, context: RestErrorContext<Route>): ProblemAnswer | undefined | void;
}

export interface RestErrorContext<Route extends string = string> {
  /** The spec operation of the failed route; undefined for routes of your own. */
  readonly operationId: Route | undefined;
  readonly request: Request;
}

/** An RFC 9457 problem: `type` defaults to about:blank and `title` to the status text; other members are sent as they are. */
export interface ProblemAnswer {
  readonly status: number;
  readonly type?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly [member: string]: unknown;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;
const PROBE_PATHS = new Set(['/health', '/ready']);
// Where a request's AbortController waits for its client to go away (res.locals, see disconnectSignal).
const DISCONNECT = Symbol('disconnect');

export function requestIdOf(res: Response): string {
  const value: unknown = res.locals['requestId'];
  return typeof value === 'string' ? value : '';
}

function requestContext(logger: Logger, onRequest: RestAppOptions<unknown>['onRequest']): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals['requestId'] = requestId;
    res.setHeader('x-request-id', requestId);
    // An API never serves documents to render; these stop a passed-through upstream body from being
    // sniffed or executed as HTML on this origin.
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    const started = performance.now();
    const path = req.path;
    // 'close' follows 'finish' on every response, so one listener sees completed and abandoned ones.
    res.once('close', () => {
      const done = res.writableFinished;
      // The client left before the response was complete: the upstream work done for it is cancelled.
      if (!done) (res.locals as Record<symbol, AbortController | undefined>)[DISCONNECT]?.abort();
      // 499 is nginx's "client closed request": the client left before a response was complete.
      const status = done ? res.statusCode : 499;
      const fields = { method: req.method, path, status, durationMs: Math.round(performance.now() - started), requestId };
      // Probe traffic every few seconds would drown real requests at info level.
      if (PROBE_PATHS.has(path)) logger.debug('request', fields);
      else logger.info('request', done ? fields : { ...fields, aborted: true });
      const route: unknown = (req.route as { path?: unknown } | undefined)?.path;
      onRequest?.({ method: req.method, route: typeof route === 'string' ? route : '(unmatched)', status, durationMs: performance.now() - started });
    });
    next();
  };
}

/**
 * The trace of a matched route: a server span named after the route pattern (HTTP semantic
 * conventions; no query string, headers or body), ended when the response is; or, with tracing off,
 * the caller's trace context passed on.
 */
function traceRoute(tracer: Tracer | undefined, req: Request, res: Response, route: string): RequestTrace | undefined {
  if (!tracer) return passThrough(req.headers);
  const span = tracer.startServer(`${req.method} ${route}`, req.headers, {
    'http.request.method': req.method,
    'http.route': route,
    'url.path': req.path,
    'url.scheme': 'http',
    'network.protocol.version': req.httpVersion,
  });
  res.once('close', () => span.end(res.writableFinished ? { status: res.statusCode } : { error: 'client_closed' }));
  return span;
}

/** Aborts when the client goes away before the response is complete (requestContext's 'close' listener aborts it). */
function disconnectSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  (res.locals as Record<symbol, AbortController | undefined>)[DISCONNECT] = controller;
  return controller.signal;
}

/**
 * Synchronous parsing first: the generated schemas have no async refinements, and safeParseAsync
 * costs extra promise turns on every request. zod throws on meeting an async check in safeParse.
 */
function parseInput(schema: z.ZodType, input: RouteInput): ReturnType<z.ZodType['safeParse']> | Promise<ReturnType<z.ZodType['safeParse']>> {
  try {
    return schema.safeParse(input);
  } catch {
    return schema.safeParseAsync(input);
  }
}

/** Whether a route reads a body: routes whose input object has no `body` key skip body parsing. */
function takesBody(input: z.ZodType): boolean {
  const shape = (input as { shape?: unknown }).shape;
  return typeof shape !== 'object' || shape === null || 'body' in shape;
}

function routeHandler<U>(route: RouteDefinition<U>, options: RestAppOptions<U>): RequestHandler {
  return async (req: Request, res: Response) => {
    const trace = traceRoute(options.tracer, req, res, route.path);
    const input: RouteInput = {
      params: { ...(req.params as Record<string, string>) },
      query: { ...(req.query as Record<string, unknown>) },
      headers: req.headers,
      cookies: parseCookies(req.headers.cookie),
      body: req.body,
    };
    const parsing = parseInput(route.input, input);
    // Awaited only when zod had to go asynchronous: an await costs a turn of the microtask queue.
    const parsed = parsing instanceof Promise ? await parsing : parsing;
    if (!parsed.success) {
      sendProblem(res, validationProblem(parsed.error.issues));
      return;
    }
    const callOptions: CallOptions = { requestId: requestIdOf(res), signal: disconnectSignal(res) };
    if (options.timeoutMs !== undefined) callOptions.timeoutMs = options.timeoutMs;
    if (options.maxBinaryBytes !== undefined) callOptions.maxBinaryBytes = options.maxBinaryBytes;
    if (trace) callOptions.trace = trace;
    const response = await route.invoke(options.upstreams, parsed.data, callOptions);
    sendPassthrough(res, response.status, response.contentType, response.body, jsonTextOf(response));
  };
}

function errorHandler<U>(options: RestAppOptions<U>): ErrorRequestHandler {
  const { logger } = options;
  const mapError = options.hooks?.error && errorHook(options.hooks.error, options.routes, logger);
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      // Too late for a clean error: let Express close the connection.
      next(error);
      return;
    }
    if (isAbortError(error)) {
      // The only abort source is the client disconnecting, so there is nobody left to answer.
      res.end();
      return;
    }
    const answer = mapError?.(error, req);
    if (answer) {
      res.status(answer.status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: STATUS_CODES[answer.status] ?? 'Error', ...answer }));
      return;
    }
    if (error instanceof UpstreamError) {
      sendPassthrough(res, error.status, error.contentType, error.body);
      return;
    }
    const mapped = problemFor(error);
    if (mapped !== undefined) {
      if (mapped.status >= 500) logger.warn('upstream failure', { requestId: requestIdOf(res), error: errorMessage(error) });
      sendProblem(res, mapped);
      return;
    }
    logger.error('unhandled error', { requestId: requestIdOf(res), method: req.method, path: req.path, error });
    sendProblem(res, problem(500));
  };
}

/** The error hook with the failed route's operationId; a hook that throws is logged and ignored. */
function errorHook<U>(hook: NonNullable<RestHooks['error']>, routes: readonly RouteDefinition<U>[], logger: Logger) {
  const operations = new Map(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r.operationId]));
  return (error: unknown, request: Request): ProblemAnswer | undefined => {
    const route: unknown = (request.route as { path?: unknown } | undefined)?.path;
    try {
      return hook(error, { operationId: operations.get(`${request.method} ${String(route)}`), request }) ?? undefined;
    } catch (hookError) {
      logger.error('rest error hook failed', { error: hookError });
      return undefined;
    }
  };
}

/**
 * Routes in the order Express must try them: where two paths differ first by a literal segment
 * against a parameter (`/metrics/query`, `/metrics/:key`), the literal one first, as OpenAPI
 * matching has it; otherwise spec order. Registered in spec order, the parameter would shadow it.
 */
export function bySpecificity<R extends { path: string }>(routes: readonly R[]): R[] {
  const segments = routes.map((r) => r.path.split('/').map((segment) => (/(^|[^\\])[:*]/.test(segment) ? 1 : 0)));
  const order = routes.map((_, i) => i);
  order.sort((a, b) => {
    const [x, y] = [segments[a]!, segments[b]!];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return a - b;
  });
  return order.map((i) => routes[i]!);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createRestApp<U>(options: RestAppOptions<U>): Express {
  const app = express();
  app.disable('x-powered-by');
  // No ETag: every body is an upstream pass-through that is not cached here, and hashing each one
  // was measurable per request. The query parser stays Express 5's default, node:querystring.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(requestContext(options.logger, options.onRequest));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    const ready = options.isReady?.() ?? true;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  if (options.openapi !== undefined) {
    const document = options.openapi;
    app.get('/openapi.json', (_req, res) => {
      res.json(document);
    });
  }
  options.hooks?.middleware?.(app);
  if (options.auth) app.use(requireAuth(options.auth, (res, status) => sendProblem(res, problem(status)), options.logger));
  const json = express.json({ limit: options.bodyLimit ?? '1mb', type: ['application/json', 'application/*+json'] });
  for (const route of bySpecificity(options.routes)) {
    if (takesBody(route.input)) app[route.method](route.path, json, routeHandler(route, options));
    else app[route.method](route.path, routeHandler(route, options));
  }
  const raw = express.raw({ type: () => true, limit: options.bodyLimit ?? '1mb' });
  for (const forward of options.forwards ?? []) {
    app.all(forward.path, raw, async (req: Request, res: Response) => {
      const request = forwardRequest(forward, req);
      if (!request) return sendProblem(res, problem(405, `${req.method} is not forwarded`));
      const trace = traceRoute(options.tracer, req, res, forward.path);
      const call: CallOptions = { requestId: requestIdOf(res), signal: disconnectSignal(res), ...(trace ? { trace } : {}) };
      const response = await forward.upstream(options.upstreams).request(request, call);
      sendPassthrough(res, response.status, response.contentType, response.body, jsonTextOf(response));
    });
  }
  options.hooks?.routes?.(app);
  app.use((req, res) => {
    sendProblem(res, problem(404, `No route for ${req.method} ${req.path}`));
  });
  app.use(errorHandler(options));
  return app;
}

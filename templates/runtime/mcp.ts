// MCP adapter (SDK v2, stateless Streamable HTTP): every HTTP request gets a fresh McpServer whose
// tools call the upstream through their invoke function. Tool failures become isError results.

import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { performance } from 'node:perf_hooks';
import express from 'express';
import type { ErrorRequestHandler, Express, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import {
  McpServer,
  createMcpHandler,
  fromJsonSchema,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
} from '@modelcontextprotocol/server';
import type { CacheHint, CallToolResult, JsonSchemaType, ServerContext, ServerOptions, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { createMcpExpressApp } from '@modelcontextprotocol/express';
import { toNodeHandler } from '@modelcontextprotocol/node';
import type { CallOptions, UpstreamResponse } from './http.js';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { requireAuth, type InboundAuth } from './auth.js';
import { registerPrompts, registerResources, type PromptDefinition, type ResourceDefinition } from './mcp-catalog.js';
import type { Logger } from './log.js';
import { describeToolError } from './mcp-errors.js';
import { passThrough, type ServerSpan, type TraceCarrier, type Tracer } from './trace-context.js';

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolDefinition<U> {
  name: string;
  title?: string;
  description: string;
  annotations: ToolAnnotations;
  input: z.ZodObject;
  /** A mapped object output: advertised, and the SDK checks every structuredContent against it. */
  output?: StandardSchemaWithJSON;
  invoke(upstreams: U, args: unknown, options: CallOptions): Promise<UpstreamResponse>;
}

export function defineTool<U, S extends z.ZodObject>(def: {
  name: string;
  title?: string;
  description: string;
  annotations: ToolAnnotations;
  input: S;
  outputSchema?: JsonSchemaType;
  invoke: (upstreams: U, args: z.output<S>, options: CallOptions) => Promise<UpstreamResponse>;
}): ToolDefinition<U> {
  const tool: ToolDefinition<U> = {
    name: def.name,
    description: def.description,
    annotations: def.annotations,
    input: def.input,
    // The SDK validates arguments against def.input before the callback runs, so the cast is sound.
    invoke: (upstreams, args, options) => def.invoke(upstreams, args as z.output<S>, options),
  };
  if (def.title !== undefined) tool.title = def.title;
  // Compiled once here: the server factory registers tools again for every request.
  if (def.outputSchema !== undefined) tool.output = fromJsonSchema(def.outputSchema);
  return tool;
}

export interface McpServerInfo {
  name: string;
  version: string;
  instructions?: string;
  /** The spec's `ttlMs` / `cacheScope`: sent on every cacheable result of MCP 2026-07-28 (never on 2025-era ones). */
  cacheHint?: CacheHint;
  /** The adapter's `maxBinarySize` in bytes: the limit of binary answers whose operation sets none. */
  maxBinaryBytes?: number;
}

/** The results MCP 2026-07-28 lets a server mark cacheable. */
const CACHEABLE_METHODS = ['tools/list', 'prompts/list', 'resources/list', 'resources/templates/list', 'resources/read', 'server/discover'] as const;

function serverOptions(info: McpServerInfo): ServerOptions {
  const hint = info.cacheHint;
  return {
    ...(info.instructions === undefined ? {} : { instructions: info.instructions }),
    ...(hint === undefined ? {} : { cacheHints: Object.fromEntries(CACHEABLE_METHODS.map((method) => [method, hint])) }),
  };
}

const TEXT_LIMIT = 2048;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function toToolResult(response: UpstreamResponse, tool = 'tool'): CallToolResult {
  const { status, body } = response;
  if (body instanceof Uint8Array) return binaryToolResult(body, response.contentType, tool);
  if (body === undefined) {
    const text = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
    return { content: [{ type: 'text', text }], structuredContent: { status } };
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { content: [{ type: 'text', text }], structuredContent: isPlainObject(body) ? body : { result: body } };
}

/** Bytes as MCP content: an image or audio block by media type, else an embedded blob resource. */
export function binaryToolResult(bytes: Uint8Array, contentType: string | undefined, tool: string): CallToolResult {
  const mimeType = (contentType ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  if (mimeType.startsWith('image/')) return { content: [{ type: 'image', data, mimeType }] };
  if (mimeType.startsWith('audio/')) return { content: [{ type: 'audio', data, mimeType }] };
  return { content: [{ type: 'resource', resource: { uri: `tool://${encodeURIComponent(tool)}/result`, mimeType, blob: data } }] };
}

/**
 * A failed call as an MCP error result. A tool with an outputSchema answers in text only: SDK v1
 * clients validate even an error's structuredContent against the schema, and `{status, error}`
 * would contradict it (the status is in the text: "Upstream ... answered 422: ...").
 */
export function toToolError(error: unknown, hasOutputSchema = false): CallToolResult {
  const { status, message } = describeToolError(error, TEXT_LIMIT);
  const content: CallToolResult['content'] = [{ type: 'text', text: message }];
  return hasOutputSchema ? { isError: true, content } : { isError: true, content, structuredContent: { status, error: message } };
}

/** Called once per tool call (metrics). */
export type ToolCallHook = (event: { tool: string; durationMs: number; isError: boolean }) => void;

/** Hook points of the MCP servers (`mcp` in src/hooks.ts); each runs only when set. */
export interface McpHooks<Tool extends string = string> {
  /** Options of every server (capabilities, instructions, ...), over the generated ones. */
  options?: ServerOptions;
  /** Each server, after the spec's tools, resources and prompts are registered: add your own. A server is made per request. */
  server?(server: McpServer): void;
  /** A tool call failed: return the result to send instead, or nothing for the default isError result. */
  error?(error: unknown, context: { readonly tool: Tool }): CallToolResult | undefined | void;
}

/**
 * Where a tool call's trace context arrives: the request's `_meta` (MCP's trace context convention),
 * else the HTTP request's headers.
 */
function toolTraceCarrier(ctx: ServerContext): TraceCarrier {
  const meta = ctx.mcpReq._meta as TraceCarrier | undefined;
  if (meta && typeof meta['traceparent'] === 'string') return meta;
  const headers = ctx.http?.req?.headers;
  return headers ? { traceparent: headers.get('traceparent'), tracestate: headers.get('tracestate') } : {};
}

/** A server span per tool call (MCP and GenAI semantic conventions; never the arguments). */
function toolSpan(tracer: Tracer | undefined, tool: string, carrier: TraceCarrier, ctx: ServerContext): ServerSpan | undefined {
  return tracer?.startServer(`tools/call ${tool}`, carrier, {
    'mcp.method.name': 'tools/call',
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': tool,
    'jsonrpc.request.id': String(ctx.mcpReq.id),
  });
}

function toolCallback<U>(tool: ToolDefinition<U>, upstreams: U, logger: Logger, info: McpServerInfo, catalog: McpCatalog<U>) {
  const onToolCall = catalog.onToolCall;
  return async (args: unknown, ctx: ServerContext): Promise<CallToolResult> => {
    const requestId = randomUUID();
    const started = performance.now();
    const carrier = toolTraceCarrier(ctx);
    const span = toolSpan(catalog.tracer, tool.name, carrier, ctx);
    // With tracing off, the caller's context still travels on to the upstream.
    const trace = span ?? passThrough(carrier);
    let result: CallToolResult;
    try {
      const options: CallOptions = { requestId, signal: ctx.mcpReq.signal };
      if (info.maxBinaryBytes !== undefined) options.maxBinaryBytes = info.maxBinaryBytes;
      if (trace) options.trace = trace;
      result = toToolResult(await tool.invoke(upstreams, args, options), tool.name);
    } catch (error) {
      result = mapToolError(error, tool.name, logger, catalog.hooks) ?? toToolError(error, tool.output !== undefined);
      if (describeToolError(error, TEXT_LIMIT).unexpected) logger.error('tool failed', { tool: tool.name, requestId, error });
    }
    // Arguments stay out of the log: they are user data and may carry personal information.
    const elapsed = performance.now() - started;
    logger.info('tool call', { tool: tool.name, durationMs: Math.round(elapsed), isError: result.isError === true, requestId });
    span?.end(result.isError === true ? { error: 'tool_error' } : {});
    onToolCall?.({ tool: tool.name, durationMs: elapsed, isError: result.isError === true });
    return result;
  };
}

/** The error hook's result; a hook that throws is logged and ignored. */
function mapToolError(error: unknown, tool: string, logger: Logger, hooks: McpHooks | undefined): CallToolResult | undefined {
  if (!hooks?.error) return undefined;
  try {
    return hooks.error(error, { tool }) ?? undefined;
  } catch (hookError) {
    logger.error('mcp error hook failed', { tool, error: hookError });
    return undefined;
  }
}

export interface McpCatalog<U> {
  resources?: readonly ResourceDefinition<U>[];
  prompts?: readonly PromptDefinition[];
  onToolCall?: ToolCallHook;
  /** The MCP hook points of src/hooks.ts. */
  hooks?: McpHooks;
  /** OpenTelemetry (tracing.ts): a server span per tool call; without it a caller's context is passed on. */
  tracer?: Tracer;
}

export function createMcpServerFactory<U>(
  info: McpServerInfo,
  tools: readonly ToolDefinition<U>[],
  upstreams: U,
  logger: Logger,
  catalog: McpCatalog<U> = {},
): () => McpServer {
  return () => {
    const generated = serverOptions(info);
    const server = new McpServer({ name: info.name, version: info.version }, catalog.hooks?.options ? { ...generated, ...catalog.hooks.options } : generated);
    for (const tool of tools) {
      const config = {
        description: tool.description,
        inputSchema: tool.input,
        ...(tool.output ? { outputSchema: tool.output } : {}),
        annotations: { ...tool.annotations },
      };
      server.registerTool(tool.name, tool.title === undefined ? config : { ...config, title: tool.title }, toolCallback(tool, upstreams, logger, info, catalog));
    }
    registerResources(server, catalog.resources ?? [], upstreams, info.maxBinaryBytes);
    registerPrompts(server, catalog.prompts ?? []);
    catalog.hooks?.server?.(server);
    return server;
  };
}

export interface McpAppOptions {
  /** Bind address; also allowed as a Host/Origin hostname when it is a concrete address. */
  host: string;
  /** Host header names to accept; absent or empty means the localhost names (and the bind address). */
  allowedHosts?: readonly string[];
  /** Origin host names to accept; absent or empty means the localhost names (and the bind address). */
  allowedOrigins?: readonly string[];
  /** express.json limit for /mcp, default '1mb'. */
  bodyLimit?: string;
  logger: Logger;
  factory: () => McpServer;
  /** Inbound authentication of /mcp, checked after the Host and Origin checks. */
  auth?: InboundAuth;
  /** Called once per HTTP request when its response ends (metrics). */
  onRequest?: (event: { method: string; route: string; status: number; durationMs: number }) => void;
  /** GET /ready answers 503 while this is false (starting, draining on shutdown). */
  isReady?: () => boolean;
}

const MCP_ROUTES = new Set(['/mcp', '/health', '/ready']);

/** Reports every request, rejected ones included; other paths share one label (bounded series). */
function observeRequests(onRequest: NonNullable<McpAppOptions['onRequest']>): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const route = MCP_ROUTES.has(req.path) ? req.path : '(unmatched)';
    res.once('close', () => onRequest({ method: req.method, route, status: res.writableFinished ? res.statusCode : 499, durationMs: performance.now() - started }));
    next();
  };
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Localhost names, plus the bind address itself when it is a concrete one (clients dial it). */
function defaultAllowList(host: string, localhost: string[]): string[] {
  if (WILDCARD_HOSTS.has(host) || localhost.includes(host)) return localhost;
  return [...localhost, host.includes(':') ? `[${host}]` : host];
}

// An empty list falls back too: an unset MCP_ALLOWED_ORIGINS arrives as [], and rejecting every
// browser Origin, localhost included, would fail the MCP spec's "accept valid localhost" rule.
function allowList(configured: readonly string[] | undefined, host: string, localhost: string[]): string[] {
  return configured !== undefined && configured.length > 0 ? [...configured] : defaultAllowList(host, localhost);
}

/** JSON-RPC messages and tool arguments nest a few levels; deeper bodies are refused unread. */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests arrays/objects deeper than `limit` (iterative: no stack to exhaust). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function jsonRpcError(status: number, code: number, message: string) {
  return { status, body: { jsonrpc: '2.0' as const, error: { code, message }, id: null } };
}

function mcpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
    const reply =
      type === 'entity.parse.failed'
        ? jsonRpcError(400, -32700, 'Parse error')
        : type === 'entity.too.large'
          ? jsonRpcError(413, -32600, 'Request body too large')
          : jsonRpcError(500, -32603, 'Internal error');
    if (reply.status === 500) logger.error('mcp request failed', { error });
    res.status(reply.status).json(reply.body);
  };
}

export function createMcpApp(options: McpAppOptions): Express {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  if (options.onRequest) app.use(observeRequests(options.onRequest));
  // Outside the Host check: orchestrator probes address the pod by IP, and the probes reveal nothing.
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    const ready = options.isReady?.() ?? true;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready' });
  });
  // Explicit allow-lists for every bind address: the SDK would otherwise skip Host validation for
  // 0.0.0.0 and "::", leaving the server open to DNS rebinding.
  const mcp = createMcpExpressApp({
    host: options.host,
    allowedHosts: allowList(options.allowedHosts, options.host, localhostAllowedHostnames()),
    allowedOrigins: allowList(options.allowedOrigins, options.host, localhostAllowedOrigins()),
    jsonLimit: options.bodyLimit ?? '1mb',
  });
  mcp.disable('x-powered-by');
  // The handler reports requests it rejected (bad media type, invalid JSON-RPC): client mistakes,
  // logged without a stack. The adapter reports its own 500s, which are ours.
  const rejected = (error: Error): void => logger.info('mcp request rejected', { reason: error.message });
  const failed = (error: Error): void => logger.error('mcp request failed', { error });
  const handler = toNodeHandler(createMcpHandler(options.factory, { onerror: rejected }), { onerror: failed });
  if (options.auth) {
    const reject = (res: Response, status: number) => void res.status(status).json(jsonRpcError(status, -32001, STATUS_CODES[status] ?? 'Unauthorized').body);
    mcp.use(requireAuth(options.auth, reject, logger));
  }
  // createMcpHandler answers GET/DELETE/other methods itself with a 405 JSON-RPC error.
  mcp.all('/mcp', (req, res, next) => {
    // The SDK validates messages recursively; a pathologically nested body would exhaust its stack.
    if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) {
      const reply = jsonRpcError(400, -32600, `Invalid Request: JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
      res.status(reply.status).json(reply.body);
      return;
    }
    handler(req, res, req.body).catch(next);
  });
  mcp.use((_req, res) => {
    res.status(404).json(jsonRpcError(404, -32601, 'Not found').body);
  });
  mcp.use(mcpErrorHandler(logger));
  app.use(mcp);
  return app;
}

/** `transport: stdio`: one server for the connection on stdin/stdout (the client owns the process). */
export function serveMcpStdio(factory: () => McpServer, logger: Logger): void {
  serveStdio(factory);
  logger.info('listening', { adapter: 'mcp', transport: 'stdio' });
}

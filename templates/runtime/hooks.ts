// Hook points a team fills in src/hooks.ts, the one file of a generated project that is theirs:
// around each upstream operation, at start-up, and (see rest.ts and mcp.ts) on the REST app and
// the MCP servers. src/hooks.gen.ts types them from the spec. An unused hook costs nothing: an
// upstream client with no operation hook is returned as it is.

import { UpstreamError } from './http.js';
import type { CallOptions, HttpClient, UpstreamRequest, UpstreamResponse } from './http.js';
import type { Logger } from './log.js';

type Awaitable<T> = T | Promise<T>;

/** One call of a consumed operation, as its hooks see it. */
export interface UpstreamCall<I> {
  /** The spec's call reference: `<consumes namespace>.<operation name>`. */
  readonly operation: string;
  /** What the route, tool, resource or step passed to the operation. */
  readonly input: I;
  /** The HTTP request about to be sent: path already encoded, relative to the API's base URL. */
  readonly request: UpstreamRequest;
  /** The caller's request id and cancellation signal. */
  readonly options: CallOptions;
}

/** What `before` may return: a request to send instead, or an answer that skips the call. */
export type BeforeResult = { readonly request: UpstreamRequest } | { readonly response: UpstreamResponse } | undefined | void;

/** Hooks of one consumed operation; each is optional, and an empty object does nothing. */
export interface OperationHooks<I> {
  /** Before the call: return `{ request }` to send another request, `{ response }` to answer without calling, or nothing. */
  before?(call: UpstreamCall<I>): Awaitable<BeforeResult>;
  /** After a successful answer: return the answer to use instead, or nothing to keep it. */
  after?(response: UpstreamResponse, call: UpstreamCall<I>): Awaitable<UpstreamResponse | undefined | void>;
  /** After a failed call (an error status, timeout or network failure): return an answer to use instead, or nothing to keep the error (or throw another). */
  error?(error: unknown, call: UpstreamCall<I>): Awaitable<UpstreamResponse | undefined | void>;
}

/** Operation hooks by call reference; entries for other APIs' operations are ignored by each client. */
export type OperationHookTable = Readonly<Record<string, OperationHooks<never> | undefined>>;

/** What the start-up hook is given. */
export interface StartContext<C, U> {
  readonly config: C;
  readonly logger: Logger;
  readonly upstreams: U;
}

/**
 * The client with the operation hooks applied, or `http` itself when none of them has a hook
 * function, so an empty table adds no work to a call.
 */
export function withOperationHooks(http: HttpClient, table: OperationHookTable | undefined): HttpClient {
  const hooked = new Map<string, OperationHooks<unknown>>();
  for (const [operation, hooks] of Object.entries(table ?? {})) {
    if (hooks && (hooks.before || hooks.after || hooks.error)) hooked.set(operation, hooks as OperationHooks<unknown>);
  }
  if (hooked.size === 0) return http;
  return {
    request(req: UpstreamRequest, options: CallOptions = {}, input?: unknown): Promise<UpstreamResponse> {
      const hooks = hooked.get(req.operation);
      return hooks ? callWithHooks(http, hooks, { operation: req.operation, input, request: req, options }) : http.request(req, options, input);
    },
  };
}

async function callWithHooks(http: HttpClient, hooks: OperationHooks<unknown>, call: UpstreamCall<unknown>): Promise<UpstreamResponse> {
  const before = await hooks.before?.(call);
  if (before && 'response' in before) return final(call.operation, before.response);
  const request = before && 'request' in before ? before.request : call.request;
  const current = request === call.request ? call : { ...call, request };
  let response: UpstreamResponse;
  try {
    response = await http.request(request, call.options, call.input);
  } catch (error) {
    const recovered = hooks.error ? await hooks.error(error, current) : undefined;
    if (recovered === undefined) throw error;
    return final(call.operation, recovered);
  }
  if (!hooks.after) return response;
  const changed = await hooks.after(response, current);
  // The client's answer is passed on as a copy: the hook may have changed its body in place, and a
  // REST route must then not write the upstream's original JSON text (http.ts, jsonTextOf).
  if (changed === undefined) return { ...response };
  return final(call.operation, changed === response ? { ...response } : changed);
}

/** A hook's answer is treated like the API's: an error status fails the call as the API's would. */
function final(operation: string, response: UpstreamResponse): UpstreamResponse {
  if (response.status >= 400) throw new UpstreamError(operation, response.status, response.body, response.contentType);
  return response;
}

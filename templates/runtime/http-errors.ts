// Errors thrown by the upstream HTTP client, and the redaction helpers that keep credentials out
// of their messages. Adapters map these classes to HTTP statuses (REST) or tool errors (MCP).

/** The upstream answered with a status >= 400 (after any retries). */
export class UpstreamError extends Error {
  override readonly name: string = 'UpstreamError';
  readonly operation: string;
  readonly status: number;
  readonly body: unknown;
  readonly contentType: string | undefined;

  constructor(operation: string, status: number, body: unknown, contentType: string | undefined) {
    // The body stays out of the message: it is data for the caller, not for log lines.
    super(`Upstream ${operation} answered ${status}`);
    this.operation = operation;
    this.status = status;
    this.body = body;
    this.contentType = contentType;
  }
}

/** An attempt exceeded its time limit (and retries, if any, were exhausted). */
export class UpstreamTimeoutError extends Error {
  override readonly name: string = 'UpstreamTimeoutError';
  readonly operation: string;
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number) {
    super(`Upstream ${operation} did not answer within ${timeoutMs} ms`);
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/** Connection refused, DNS failure, reset, or the body stream broke mid-way. */
export class UpstreamNetworkError extends Error {
  override readonly name: string = 'UpstreamNetworkError';
  readonly operation: string;

  constructor(operation: string, detail: string) {
    super(`Upstream ${operation} could not be reached: ${detail}`);
    this.operation = operation;
  }
}

/** The upstream answered, but with a body that cannot be used (e.g. malformed JSON). Maps to 502. */
export class UpstreamBadResponseError extends Error {
  override readonly name: string = 'UpstreamBadResponseError';
  readonly operation: string;
  readonly status: number;

  constructor(operation: string, status: number, detail: string) {
    super(`Upstream ${operation} answered ${status} with an unusable body: ${detail}`);
    this.operation = operation;
    this.status = status;
  }
}

/**
 * The upstream's answer is longer than the client reads (HttpClientOptions.maxResponseBytes,
 * UPSTREAM_MAX_RESPONSE_BYTES in a generated service): the call fails without buffering the rest,
 * and the connection is closed. An unusable body, so it maps to 502 like one.
 */
export class UpstreamResponseTooLargeError extends UpstreamBadResponseError {
  override readonly name: string = 'UpstreamResponseTooLargeError';
  readonly limitBytes: number;

  constructor(operation: string, status: number, limitBytes: number) {
    super(operation, status, `longer than ${limitBytes} bytes`);
    this.limitBytes = limitBytes;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** The error to rethrow when the caller aborted: its own reason when that is an Error. */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException('The operation was aborted', 'AbortError');
}

/**
 * Masks the values of the named query parameters as "***" and any user:password@ part.
 * It works on the raw string, so the rest of the URL keeps its exact encoding.
 */
export function redactUrl(url: string, secretQueryNames: readonly string[]): string {
  const masked = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
  const queryStart = masked.indexOf('?');
  if (queryStart < 0 || secretQueryNames.length === 0) return masked;
  const hashStart = masked.indexOf('#', queryStart);
  const end = hashStart < 0 ? masked.length : hashStart;
  const query = masked
    .slice(queryStart + 1, end)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      return secretQueryNames.includes(safeDecode(rawName)) ? `${rawName}=***` : pair;
    })
    .join('&');
  return `${masked.slice(0, queryStart + 1)}${query}${masked.slice(end)}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * Returns a function that replaces every occurrence of the given secrets (and their URL-encoded
 * forms) with "***". Applied to any text built from third-party error messages, which may quote
 * the request URL or headers.
 */
export function createScrubber(secrets: readonly string[]): (text: string) => string {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another one is masked whole.
  const ordered = [...variants].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((result, secret) => result.split(secret).join('***'), text);
}

/** The most specific message in an error's cause chain, e.g. "connect ECONNREFUSED 127.0.0.1:9". */
export function describeCause(error: unknown): string {
  let current: unknown = error;
  let detail = 'unknown error';
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    detail = current.message || (typeof code === 'string' ? code : current.name);
    current = current.cause;
  }
  return detail;
}

/** The caller's input cannot form a safe upstream request (e.g. a ".." path parameter). Maps to 400. */
export class UpstreamInputError extends Error {
  override readonly name: string = 'UpstreamInputError';
}

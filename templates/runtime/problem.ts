// RFC 9457 problem+json responses and the mapping from runtime errors to HTTP statuses.

import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import {
  UpstreamBadResponseError,
  UpstreamError,
  UpstreamInputError,
  UpstreamNetworkError,
  UpstreamResponseTooLargeError,
  UpstreamTimeoutError,
  isJsonMediaType,
} from './http.js';

export interface ProblemError {
  path: string;
  message: string;
}

export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  detail?: string;
  errors?: ProblemError[];
}

export function problem(status: number, detail?: string, errors?: ProblemError[]): Problem {
  const body: Problem = { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status };
  if (detail !== undefined) body.detail = detail;
  if (errors !== undefined) body.errors = errors;
  return body;
}

export function sendProblem(res: Response, body: Problem): void {
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

// Express's final Content-Type for each JSON media type seen (its charset added by res.send), so
// later answers of that type are written with one res.end. Upstreams use a handful of them.
const jsonContentTypes = new Map<string, string>();
const MAX_JSON_CONTENT_TYPES = 64;

/**
 * Writes an upstream status and body back out: JSON as the upstream's own text when the body is
 * still what the client parsed from it (`jsonText`), else re-serialised; text as-is; empty as empty.
 */
export function sendPassthrough(res: Response, status: number, contentType: string | undefined, body: unknown, jsonText?: string): void {
  res.status(status);
  if (body === undefined) {
    res.end();
  } else if (body instanceof Uint8Array) {
    res.type(contentType ?? 'application/octet-stream').send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  } else if (typeof body === 'string' && !isJsonMediaType(contentType)) {
    res.type(contentType ?? 'text/plain').send(body);
  } else {
    const type = isJsonMediaType(contentType) && contentType !== undefined ? contentType : 'application/json';
    if (jsonText !== undefined && endJson(res, type, jsonText)) return;
    res.type(type);
    res.send(jsonText ?? JSON.stringify(body));
    const sent = res.getHeader('content-type');
    if (typeof sent === 'string' && jsonContentTypes.size < MAX_JSON_CONTENT_TYPES) jsonContentTypes.set(type, sent);
  }
}

/**
 * What res.send would write for this JSON text, written directly: the same status, Content-Type and
 * Content-Length. Only where res.send has nothing else to do (no HEAD, no conditional request it
 * would answer 304, no Transfer-Encoding); false when res.send must write it instead.
 */
function endJson(res: Response, type: string, text: string): boolean {
  const header = jsonContentTypes.get(type);
  const { method, headers } = res.req;
  if (header === undefined || method === 'HEAD' || headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) return false;
  if (res.statusCode === 204 || res.statusCode === 205 || res.statusCode === 304 || res.hasHeader('transfer-encoding')) return false;
  res.setHeader('Content-Type', header);
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  res.end(text);
  return true;
}

interface ZodIssueLike {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}

/** "query.items[0].id"; numeric keys as indexes so array positions read naturally. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text === '' ? 'input' : text;
}

export function validationProblem(issues: readonly ZodIssueLike[]): Problem {
  const errors: ProblemError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys' && issue.keys !== undefined) {
      // One entry per unknown key, so the path names the offending input rather than its parent.
      for (const key of issue.keys) errors.push({ path: formatIssuePath([...issue.path, key]), message: 'Unknown input' });
    } else {
      errors.push({ path: formatIssuePath(issue.path), message: issue.message });
    }
  }
  const paths = [...new Set(errors.map((error) => error.path))];
  return problem(400, `Missing or invalid inputs: ${paths.join(', ')}`, errors);
}

interface HttpErrorLike {
  type?: unknown;
  status?: unknown;
}

// body-parser errors carry a "type"; fixed details avoid echoing request fragments back.
const BODY_PARSER_DETAILS: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'The request body is not valid JSON.',
  'entity.too.large': 'The request body is too large.',
  'entity.verify.failed': 'The request body could not be verified.',
  'encoding.unsupported': 'The request body encoding is not supported.',
  'charset.unsupported': 'The request body charset is not supported.',
  'request.aborted': 'The request was aborted by the client.',
  'request.size.invalid': 'The request body size does not match its Content-Length.',
  'stream.encoding.set': 'The request body could not be read.',
};

function bodyParserProblem(error: unknown): Problem | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, status } = error as HttpErrorLike;
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  const detail = BODY_PARSER_DETAILS[type];
  return detail === undefined ? undefined : problem(status, detail);
}

/**
 * The response for an error, or undefined when it is an unexpected (internal) failure that must
 * be logged and answered with a bare 500. UpstreamError is handled by the caller (passthrough).
 */
export function problemFor(error: unknown): Problem | undefined {
  if (error instanceof UpstreamTimeoutError) return problem(504, `Upstream ${error.operation} did not answer in time.`);
  if (error instanceof UpstreamNetworkError) return problem(502, `Upstream ${error.operation} could not be reached.`);
  if (error instanceof UpstreamResponseTooLargeError) return problem(502, `Upstream ${error.operation} sent a response longer than the ${error.limitBytes} bytes this service reads.`);
  if (error instanceof UpstreamBadResponseError) return problem(502, `Upstream ${error.operation} sent an unusable response.`);
  if (error instanceof UpstreamInputError) return problem(400, error.message);
  if (error instanceof UpstreamError) return undefined;
  return bodyParserProblem(error);
}

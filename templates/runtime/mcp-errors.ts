// Turns errors from a tool's invoke into a status and a model-readable message. Unexpected
// errors get a generic message: their text and stack belong in the server log, not the client.

import {
  UpstreamBadResponseError,
  UpstreamError,
  UpstreamInputError,
  UpstreamNetworkError,
  UpstreamResponseTooLargeError,
  UpstreamTimeoutError,
  isAbortError,
} from './http.js';

export interface ToolErrorDescription {
  status: number;
  message: string;
  /** True when the error is not a known upstream outcome and should be logged with its stack. */
  unexpected: boolean;
}

export function truncate(text: string, limit: number): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… (truncated, ${text.length} characters in total)`;
}

function bodyText(body: unknown): string {
  if (body === undefined) return '(no body)';
  if (typeof body === 'string') return body;
  return JSON.stringify(body);
}

export function describeToolError(error: unknown, limit: number): ToolErrorDescription {
  if (error instanceof UpstreamError) {
    const message = `Upstream ${error.operation} answered ${error.status}: ${truncate(bodyText(error.body), limit)}`;
    return { status: error.status, message, unexpected: false };
  }
  if (error instanceof UpstreamTimeoutError) {
    return { status: 504, message: `Upstream ${error.operation} did not answer within ${error.timeoutMs} ms.`, unexpected: false };
  }
  if (error instanceof UpstreamNetworkError) {
    return { status: 502, message: `Upstream ${error.operation} could not be reached.`, unexpected: false };
  }
  if (error instanceof UpstreamResponseTooLargeError) {
    return { status: 502, message: `Upstream ${error.operation} answered with more than the ${error.limitBytes} bytes this service reads.`, unexpected: false };
  }
  if (error instanceof UpstreamBadResponseError) {
    return { status: 502, message: `Upstream ${error.operation} answered ${error.status} with an unusable body.`, unexpected: false };
  }
  if (error instanceof UpstreamInputError) {
    return { status: 400, message: `Invalid arguments: ${error.message}`, unexpected: false };
  }
  if (isAbortError(error)) {
    return { status: 499, message: 'The tool call was cancelled.', unexpected: false };
  }
  return { status: 500, message: 'The tool failed with an internal error.', unexpected: true };
}

// Retry policy for upstream calls: which failures are safe to repeat and how long to wait.

import { setTimeout as delay } from 'node:timers/promises';
import { abortReason } from './http-errors.js';

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'PUT', 'DELETE']);
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
// For POST/PATCH only these, and only with Retry-After: the server then states it did not act on
// the request, so repeating it cannot create a duplicate.
const UNPROCESSED_STATUSES: ReadonlySet<number> = new Set([429, 503]);
const MAX_BACKOFF_MS = 30_000;

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

export function isRetryableStatus(method: string, status: number, hasRetryAfter: boolean): boolean {
  if (isIdempotentMethod(method)) return RETRYABLE_STATUSES.has(status);
  return hasRetryAfter && UNPROCESSED_STATUSES.has(status);
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date; undefined when unusable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff with full jitter (AWS architecture blog), so clients do not retry in step. */
export function backoffDelay(attempt: number, baseDelayMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Waits, but rejects with the caller's abort reason as soon as the signal aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return;
  try {
    await delay(ms, undefined, signal === undefined ? undefined : { signal });
  } catch (error) {
    if (signal?.aborted) throw abortReason(signal);
    throw error;
  }
}

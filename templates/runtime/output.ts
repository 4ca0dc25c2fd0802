// Mapped outputs (`outputParameters` with mapping / value / const / properties / items): the
// generator writes one typed mapper function per output (src/*/outputs.gen.ts) out of these
// primitives. A JSONPath that finds nothing yields undefined (the property is left out); a value of
// another type than the declared one is converted where that loses nothing, else becomes null.

import type { UpstreamResponse } from './http.js';

// The path walker is Jayway's (jsonpath.ts); mappers import it from here.
export { ALL, select, type PathStep } from './jsonpath.js';

/** A declared `string`: numbers and booleans as their text, objects and arrays as JSON text. */
export function asString(value: unknown): string | null | undefined {
  if (value === undefined || value === null || typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const DECIMAL = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** A declared `number`: a string holding a finite decimal number (not hex, not "") is read as one. */
export function asNumber(value: unknown): number | null | undefined {
  if (value === undefined || value === null || typeof value === 'number') return value;
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  return null;
}

/** A declared `boolean`: the strings "true" and "false" are read as booleans. */
export function asBoolean(value: unknown): boolean | null | undefined {
  if (value === undefined || value === null || typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return null;
}

/** A declared `object` without `properties`: a JSON object as it is. */
export function asObject(value: unknown): Record<string, unknown> | null | undefined {
  if (value === undefined || value === null) return value;
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * An `array`: nothing (missing or null) is the empty array, and a single value a list of one, as
 * XML cannot tell one repeated element from a lone one (docs/engine-parity.md, "Mapped outputs").
 * Items are mapped by `item`; an item that maps to nothing is null, which JSON makes of it anyway.
 */
export function asArray(value: unknown): unknown[];
export function asArray<T>(value: unknown, item: (element: unknown) => T): (Exclude<T, undefined> | (undefined extends T ? null : never))[];
export function asArray<T>(value: unknown, item?: (element: unknown) => T): unknown[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return item ? list.map((element) => item(element) ?? null) : list;
}

/** A nested `object`: its properties are read from the value at its own `mapping`. */
export function within<T>(value: unknown, build: (base: unknown) => T): T {
  return build(value);
}

/** A `{{$.path}}` spliced into a `value` text: missing is empty, objects are JSON text. */
export function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** An upstream answer whose body was mapped to T (undefined: the upstream sent no body). */
export interface MappedResponse<T> extends UpstreamResponse {
  body: T | undefined;
}

/**
 * Applies a mapper to a successful upstream answer. The client throws on status >= 400, so only
 * successes get here; an empty body passes through unless `mapEmpty` (an MCP tool with an
 * outputSchema must still answer a schema-valid object).
 */
export function mapResponse<T>(response: UpstreamResponse, map: (body: unknown) => T, mapEmpty = false): MappedResponse<T> {
  if (response.body === undefined && !mapEmpty) return { status: response.status, contentType: response.contentType, body: undefined };
  return { status: response.status, contentType: 'application/json', body: map(response.body) };
}

/** A mock operation: its output mapped over the caller's input, no upstream involved. */
export function mockResponse<T>(body: T): Promise<MappedResponse<T>> {
  return Promise.resolve({ status: 200, contentType: 'application/json', body });
}

// URL building for upstream requests: path segments, query strings and base-URL joining.

import { UpstreamInputError } from './http-errors.js';

export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | readonly QueryScalar[] | null | undefined;

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Tagged-template style path builder; each value becomes one fully encoded segment part, so "/",
 * "?", "#" and CR/LF cannot change the URL structure.
 */
export function encodePath(strings: readonly string[], values: readonly unknown[]): string {
  let path = strings[0] ?? '';
  for (let i = 0; i < values.length; i += 1) {
    const text = String(values[i]);
    // An empty segment would turn "/customers/{id}" into "/customers/", a different resource.
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

function isQueryList(value: QueryValue): value is readonly QueryScalar[] {
  return Array.isArray(value);
}

/** name=value pairs with encodeURIComponent; arrays repeat the key; null/undefined are left out. */
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

/**
 * A header parameter's value. A list joins its items with commas, OpenAPI's default for headers
 * (`simple`); absent stays absent, so the header is left out.
 */
export function headerValue(value: QueryValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  return isQueryList(value) ? value.map(String).join(',') : String(value);
}

/** Joins a base URL (which may carry a base path) and a path with exactly one "/" between. */
export function joinUrl(baseUrl: string, path: string, queryString: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  const suffix = path === '' ? '' : `/${path.replace(/^\/+/, '')}`;
  if (queryString === '') return base + suffix;
  return `${base}${suffix}${base.includes('?') ? '&' : '?'}${queryString}`;
}

/** True for application/json, application/problem+json and any other "+json" media type. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

/**
 * A Cookie header value from name/value pairs, or undefined when every value is absent (so the
 * header is left out). Values are percent-encoded: ";", "," and spaces would split the header.
 */
export function cookieHeader(pairs: ReadonlyArray<readonly [string, unknown]>): string | undefined {
  const cookies: string[] = [];
  for (const [name, value] of pairs) {
    if (value === null || value === undefined) continue;
    // OpenAPI's default cookie style ("form", not exploded) joins array items with commas.
    const items: readonly unknown[] = Array.isArray(value) ? value : [value];
    cookies.push(`${name}=${items.map((item) => encodeURIComponent(String(item))).join(',')}`);
  }
  return cookies.length === 0 ? undefined : cookies.join('; ');
}

/**
 * `compute` remembered for up to `max` distinct keys (later keys are computed every time): for
 * per-call work on URLs, which repeat for most operations.
 */
export function remembered<T>(compute: (key: string) => T, max = 256): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (known.size < max) known.set(key, value);
    return value;
  };
}

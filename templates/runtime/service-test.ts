// What the generated tests of a project check, over real HTTP: the requests the fake upstream
// received (method, encoded path, query, headers, credentials, body) and the answers the service
// gave. Copied into the project's test/runtime/, next to the fake upstream.

import assert from 'node:assert/strict';
import type { RecordedRequest } from './fake-upstream.js';

export type ExpectedBody =
  | { readonly json: unknown }
  | { readonly text: string; readonly contentType: string }
  | { readonly form: readonly (readonly [string, string])[] }
  /** Multipart: the boundary is random, so each field's name and value must appear. */
  | { readonly multipart: readonly (readonly [string, string])[] }
  | { readonly none: true };

export interface ExpectedRequest {
  readonly method: string;
  /** As received: percent-encoded, the API's base path included. Absent: not checked. */
  readonly path?: string;
  /** Every query parameter, decoded, in any order. Absent: not checked. */
  readonly query?: readonly (readonly [string, string])[];
  /** Headers that must be present with exactly these values (lower-case names). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: ExpectedBody;
}

/** The upstream received exactly these requests, in this order. */
export function expectRequests(seen: readonly RecordedRequest[], expected: readonly ExpectedRequest[]): void {
  const saw = seen.map((r) => `${r.method} ${r.url}`).join(', ') || 'none';
  assert.deepEqual(seen.map((r) => r.method), expected.map((e) => e.method), `methods of the upstream requests (saw ${saw})`);
  expected.forEach((want, i) => expectRequest(seen[i]!, want));
}

function expectRequest(seen: RecordedRequest, want: ExpectedRequest): void {
  const where = `${want.method} ${seen.url}`;
  if (want.path !== undefined) assert.equal(seen.path, want.path, `path of ${where}`);
  if (want.query !== undefined) assert.deepEqual(sortedPairs([...seen.query]), sortedPairs(want.query), `query of ${where}`);
  for (const [name, value] of Object.entries(want.headers ?? {})) assert.equal(seen.headers[name], value, `header ${name} of ${where}`);
  if (want.body !== undefined) expectBody(seen, want.body, where);
}

function expectBody(seen: RecordedRequest, body: ExpectedBody, where: string): void {
  const contentType = String(seen.headers['content-type'] ?? '');
  if ('none' in body) {
    assert.equal(seen.body, '', `no body in ${where}`);
  } else if ('json' in body) {
    assert.match(contentType, /^application\/json/, `content-type of ${where}`);
    assert.deepEqual(JSON.parse(seen.body), body.json, `JSON body of ${where}`);
  } else if ('text' in body) {
    assert.equal(contentType, body.contentType, `content-type of ${where}`);
    assert.equal(seen.body, body.text, `body of ${where}`);
  } else if ('form' in body) {
    assert.match(contentType, /^application\/x-www-form-urlencoded/, `content-type of ${where}`);
    assert.deepEqual([...new URLSearchParams(seen.body)], body.form.map(([k, v]) => [k, v]), `form body of ${where}`);
  } else {
    assert.match(contentType, /^multipart\/form-data; boundary=/, `content-type of ${where}`);
    for (const [name, value] of body.multipart) {
      assert.ok(seen.body.includes(`name="${name}"`) && seen.body.includes(value), `part ${name} of ${where}`);
    }
  }
}

function sortedPairs(pairs: readonly (readonly [string, string])[]): string[] {
  return pairs.map(([k, v]) => `${k}=${v}`).sort();
}

export interface RestRequest {
  readonly method: string;
  /** Path and query, already encoded. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
}

export interface RestAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export async function callRest(baseUrl: string, request: RestRequest): Promise<RestAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(baseUrl + request.url, {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** A successful JSON answer; with `json`, exactly that value. */
export function expectJson(answer: RestAnswer, status: number, json?: { readonly value: unknown }): void {
  assert.equal(answer.status, status, `status (body: ${answer.text.slice(0, 500)})`);
  if (json === undefined) return;
  assert.match(answer.contentType, /json/, 'content-type');
  assert.deepEqual(JSON.parse(answer.text), json.value, 'answer body');
}

/** An upstream answer passed through as it came: its status, media type and text. */
export function expectPassedThrough(answer: RestAnswer, status: number, expected: { readonly contentType: string; readonly text: string }): void {
  assert.equal(answer.status, status, `status (body: ${answer.text.slice(0, 500)})`);
  assert.equal(answer.contentType.split(';')[0]!.trim().toLowerCase(), expected.contentType, 'content-type');
  assert.equal(answer.text, expected.text, 'answer body');
}

/** A 2xx answer, whatever its body. */
export function expectSuccess(answer: RestAnswer): void {
  assert.ok(answer.status >= 200 && answer.status < 300, `status ${answer.status} (body: ${answer.text.slice(0, 500)})`);
}

/** An RFC 9457 problem with this status. */
export function expectProblem(answer: RestAnswer, status: number): void {
  assert.equal(answer.status, status, `status (body: ${answer.text.slice(0, 500)})`);
  assert.match(answer.contentType, /^application\/problem\+json/, 'content-type');
  assert.equal((JSON.parse(answer.text) as { status?: unknown }).status, status, 'problem status');
}

/** Adds query parameters (credentials sent in the query) to an encoded URL. */
export function withQuery(url: string, query: Readonly<Record<string, string>>): string {
  const extra = new URLSearchParams(query).toString();
  return extra ? `${url}${url.includes('?') ? '&' : '?'}${extra}` : url;
}

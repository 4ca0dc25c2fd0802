/** The REST adapter's per-request shortcuts keep its behaviour: no ETag, body parsing only where a body is read, async schemas still work. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRestApp, defineRoute } from '../../templates/runtime/rest.js';
import type { UpstreamResponse } from '../../templates/runtime/http.js';
import { captureLogger, rawRequest, serve } from './helpers.js';
import type { CapturedLogger, Served } from './helpers.js';

const echo = (input: unknown): Promise<UpstreamResponse> => Promise.resolve({ status: 200, contentType: 'application/json', body: input });

const routes = [
  defineRoute({ operationId: 'list', method: 'get', path: '/items', input: z.object({ query: z.object({ q: z.string().optional() }) }), invoke: (_u: null, input) => echo(input) }),
  defineRoute({ operationId: 'create', method: 'post', path: '/items', input: z.object({ body: z.object({ name: z.string() }) }), invoke: (_u: null, input) => echo(input) }),
  defineRoute({
    operationId: 'checked',
    method: 'get',
    path: '/checked/:id',
    // An async refinement: safeParse throws on it, the adapter must fall back to safeParseAsync.
    input: z.object({ params: z.object({ id: z.string().refine(async (id) => id !== 'taken', 'taken') }) }),
    invoke: (_u: null, input) => echo(input),
  }),
];

let api: Served;
let logger: CapturedLogger;
beforeAll(async () => {
  logger = captureLogger();
  api = await serve(createRestApp({ routes, upstreams: null, logger }));
});
afterAll(() => api.close());

describe('REST adapter per-request work', () => {
  it('sends no ETag and answers If-None-Match with the full body', async () => {
    const first = await fetch(`${api.url}/items?q=a`);
    expect(first.headers.has('etag')).toBe(false);
    const again = await fetch(`${api.url}/items?q=a`, { headers: { 'if-none-match': 'W/"x"' } });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ query: { q: 'a' } });
  });

  it('keeps Express 5’s simple query parser (no nested objects from brackets)', async () => {
    // qs ("extended") would make q an object and fail validation; node:querystring keeps "q[x]" a key.
    const bracket = await fetch(`${api.url}/items?q[x]=b`);
    expect(await bracket.json()).toEqual({ query: {} });
    expect((await fetch(`${api.url}/items?q=a&q=b`)).status).toBe(400);
    const plain = await fetch(`${api.url}/items?q=%5Bx%5D`);
    expect(await plain.json()).toEqual({ query: { q: '[x]' } });
  });

  it('parses JSON bodies on routes that read one, and ignores bodies elsewhere', async () => {
    const created = await fetch(`${api.url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"n"}' });
    expect(await created.json()).toEqual({ body: { name: 'n' } });
    const malformed = await fetch(`${api.url}/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expect(malformed.status).toBe(400);
    // A GET route has no body input: a body sent anyway is not parsed, so it cannot fail the call.
    const ignored = await rawRequest(api.port, { method: 'GET', path: '/items?q=z', headers: { 'content-type': 'application/json', 'content-length': '5' }, body: '{"x":' });
    expect(ignored.status).toBe(200);
  });

  it('validates with async refinements too', async () => {
    expect((await fetch(`${api.url}/checked/free`)).status).toBe(200);
    const taken = await fetch(`${api.url}/checked/taken`);
    expect(taken.status).toBe(400);
    expect(await taken.json()).toMatchObject({ errors: [{ path: 'params.id' }] });
  });

  it('logs each request once', async () => {
    logger.lines.length = 0;
    await fetch(`${api.url}/items`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logger.lines.filter((l) => l['msg'] === 'request')).toHaveLength(1);
  });
});

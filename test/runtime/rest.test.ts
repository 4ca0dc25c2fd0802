import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient, encodePath } from '../../templates/runtime/http.js';
import type { CallOptions, HttpClient } from '../../templates/runtime/http.js';
import { createRestApp, defineRoute } from '../../templates/runtime/rest.js';
import type { RestAppOptions } from '../../templates/runtime/rest.js';
import { formatIssuePath } from '../../templates/runtime/problem.js';
import { closedPort, startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { captureLogger, rawRequest, serve, waitFor } from './helpers.js';
import type { CapturedLogger, Served } from './helpers.js';

/** Unscripted requests get `{ ok: true }`. */
const OK_FALLBACK = { fallback: { body: { ok: true } } };

interface Upstreams {
  lago: HttpClient;
  dead: HttpClient;
}

const usage = defineRoute({
  operationId: 'getCurrentUsage',
  method: 'get',
  path: '/customers/:customerId/usage',
  input: z.object({
    params: z.object({ customerId: z.string() }),
    query: z.object({ external_subscription_id: z.string(), detail: z.enum(['full', 'short']).optional() }),
  }),
  invoke: (u: Upstreams, input, options) =>
    u.lago.request(
      {
        operation: 'lago.usage',
        method: 'GET',
        path: encodePath(['/customers/', '/current_usage'], [input.params.customerId]),
        query: { external_subscription_id: input.query.external_subscription_id },
      },
      options,
    ),
});

const createCustomer = defineRoute({
  operationId: 'createCustomer',
  method: 'post',
  path: '/customers',
  input: z.object({
    headers: z.object({ 'x-tenant': z.string() }),
    body: z.object({ customer: z.object({ external_id: z.string(), name: z.string().optional() }).strict() }),
  }),
  invoke: (u: Upstreams, input, options) =>
    u.lago.request(
      { operation: 'lago.create', method: 'POST', path: '/customers', headers: { 'x-tenant': input.headers['x-tenant'] }, body: input.body },
      options,
    ),
});

const deleteCustomer = defineRoute({
  operationId: 'deleteCustomer',
  method: 'delete',
  path: '/customers/:id',
  input: z.object({ params: z.object({ id: z.string() }) }),
  invoke: (u: Upstreams, input, options) =>
    u.lago.request({ operation: 'lago.delete', method: 'DELETE', path: encodePath(['/customers/', ''], [input.params.id]) }, options),
});

const unreachable = defineRoute({
  operationId: 'unreachable',
  method: 'get',
  path: '/unreachable',
  input: z.object({}),
  invoke: (u: Upstreams, _input, options) => u.dead.request({ operation: 'dead.ping', method: 'GET', path: '/' }, options),
});

const broken = defineRoute({
  operationId: 'broken',
  method: 'get',
  path: '/broken',
  input: z.object({}),
  invoke: async () => {
    throw new Error('database password=hunter2 at /srv/app.ts:12');
  },
});

let seenOptions: CallOptions | undefined;
const slow = defineRoute({
  operationId: 'slow',
  method: 'get',
  path: '/slow',
  input: z.object({}),
  invoke: (u: Upstreams, _input, options) => {
    seenOptions = options;
    return u.lago.request({ operation: 'lago.slow', method: 'GET', path: '/slow' }, options);
  },
});

let upstream: FakeUpstream;
let api: Served;
let logger: CapturedLogger;
let ready = true;

beforeAll(async () => {
  upstream = await startFakeUpstream(OK_FALLBACK);
  logger = captureLogger();
  const upstreams: Upstreams = {
    lago: createHttpClient({ baseUrl: `${upstream.url}/api/v1`, auth: { kind: 'bearer', token: 'tok' }, maxRetries: 0 }),
    dead: createHttpClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, auth: { kind: 'none' }, maxRetries: 0 }),
  };
  const options: RestAppOptions<Upstreams> = {
    routes: [usage, createCustomer, deleteCustomer, unreachable, broken, slow],
    upstreams,
    logger,
    bodyLimit: '2kb',
    timeoutMs: 300,
    openapi: { openapi: '3.1.0', info: { title: 't', version: '1' } },
    isReady: () => ready,
  };
  api = await serve(createRestApp(options));
});
afterAll(async () => {
  await api.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.reset();
  logger.lines.length = 0;
  ready = true;
});

async function json(res: Response): Promise<unknown> {
  return JSON.parse(await res.text());
}

describe('validation', () => {
  it('answers 400 problem+json naming the missing input, without calling the upstream', async () => {
    const res = await fetch(`${api.url}/customers/c1/usage?detail=huge`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await json(res)) as { detail: string; errors: Array<{ path: string; message: string }> };
    expect(body).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400 });
    expect(body.detail).toBe('Missing or invalid inputs: query.external_subscription_id, query.detail');
    expect(body.detail).not.toContain('\n');
    expect(body.errors.map((e) => e.path)).toEqual(['query.external_subscription_id', 'query.detail']);
    expect(upstream.requests).toHaveLength(0);
  });

  it('names unknown body keys and missing headers', async () => {
    const res = await fetch(`${api.url}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer: { external_id: 'e', extra: 1 } }),
    });
    const body = (await json(res)) as { errors: Array<{ path: string }> };
    expect(res.status).toBe(400);
    expect(body.errors.map((e) => e.path).sort()).toEqual(['body.customer.extra', 'headers.x-tenant']);
    expect(upstream.requests).toHaveLength(0);
  });

  it('formats issue paths with indexes', () => {
    expect(formatIssuePath(['body', 'items', 0, 'id'])).toBe('body.items[0].id');
    expect(formatIssuePath([])).toBe('input');
  });
});

describe('passthrough', () => {
  it('calls the upstream with encoded params, query, auth and the request id; replies with its body', async () => {
    upstream.script({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"usage":{"amount":3}}' });
    const res = await fetch(`${api.url}/customers/a%2Fb/usage?external_subscription_id=s%261`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(res.headers.has('x-powered-by')).toBe(false);
    expect(await json(res)).toEqual({ usage: { amount: 3 } });
    const seen = upstream.requests[0];
    expect(seen?.url).toBe('/api/v1/customers/a%2Fb/current_usage?external_subscription_id=s%261');
    expect(seen?.headers['authorization']).toBe('Bearer tok');
    expect(seen?.headers['x-request-id']).toBe('abc-123');
  });

  it('generates a request id when the incoming one is malformed, and forwards that one', async () => {
    const res = await fetch(`${api.url}/customers/c/usage?external_subscription_id=s`, { headers: { 'x-request-id': 'bad id<script>' } });
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(upstream.requests[0]?.headers['x-request-id']).toBe(id);
  });

  it('forwards JSON bodies and selected headers', async () => {
    upstream.script({ status: 201, body: { customer: { lago_id: 'l1' } } });
    const res = await fetch(`${api.url}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tenant': 't1' },
      body: JSON.stringify({ customer: { external_id: 'e1' } }),
    });
    expect(res.status).toBe(201);
    expect(await json(res)).toEqual({ customer: { lago_id: 'l1' } });
    expect(upstream.requests[0]?.headers['x-tenant']).toBe('t1');
    expect(JSON.parse(upstream.requests[0]?.body ?? '')).toEqual({ customer: { external_id: 'e1' } });
  });

  it('replies to an empty upstream response with the status and no body', async () => {
    upstream.script({ status: 204 });
    const res = await fetch(`${api.url}/customers/c1`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
  });

  it('passes an upstream 4xx status and body through', async () => {
    const problem = { status: 404, error: 'Not Found', code: 'customer_not_found' };
    upstream.script({ status: 404, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(problem) });
    const res = await fetch(`${api.url}/customers/zz/usage?external_subscription_id=s`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await json(res)).toEqual(problem);
  });

  it('passes a text error body through with its content type', async () => {
    upstream.script({ status: 422, headers: { 'content-type': 'text/plain' }, body: 'unprocessable' });
    const res = await fetch(`${api.url}/customers/zz/usage?external_subscription_id=s`);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('unprocessable');
  });
});

describe('error mapping', () => {
  it('maps an upstream timeout to 504 problem+json', async () => {
    upstream.script({ delayMs: 1_000 });
    const res = await fetch(`${api.url}/slow`);
    expect(res.status).toBe(504);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await json(res)).toMatchObject({ title: 'Gateway Timeout', status: 504 });
    expect(seenOptions?.timeoutMs).toBe(300);
  });

  it('maps a refused connection to 502', async () => {
    const res = await fetch(`${api.url}/unreachable`);
    expect(res.status).toBe(502);
    expect(await json(res)).toMatchObject({ title: 'Bad Gateway', status: 502 });
  });

  it('maps malformed upstream JSON to 502', async () => {
    upstream.script({ headers: { 'content-type': 'application/json' }, body: '{oops' });
    const res = await fetch(`${api.url}/customers/c/usage?external_subscription_id=s`);
    expect(res.status).toBe(502);
  });

  it('maps a ".." path parameter to 400 without calling the upstream', async () => {
    // node:http, because fetch would resolve the dot segment before sending.
    const res = await rawRequest(api.port, { method: 'DELETE', path: '/customers/%2E%2E' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ status: 400, detail: 'a path parameter may not be "." or ".."' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers unexpected errors with a bare 500 and logs the details instead', async () => {
    const res = await fetch(`${api.url}/broken`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500 });
    expect(text).not.toMatch(/hunter2|app\.ts/);
    const logged = logger.lines.find((l) => l['msg'] === 'unhandled error');
    expect(JSON.stringify(logged)).toContain('hunter2');
  });

  it('answers 404 problem+json for unknown paths and wrong methods', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['PUT', '/customers'],
    ] as const) {
      const res = await fetch(`${api.url}${path}`, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await json(res)).toMatchObject({ status: 404, title: 'Not Found' });
    }
  });

  it('answers 400 for malformed JSON and 413 for a body over the limit', async () => {
    const post = (body: string) =>
      fetch(`${api.url}/customers`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tenant': 't' }, body });
    const malformed = await post('{"customer":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const big = await post(JSON.stringify({ customer: { external_id: 'x'.repeat(5_000) } }));
    expect(big.status).toBe(413);
    expect(await json(big)).toMatchObject({ status: 413, title: 'Payload Too Large' });
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers 415 for an unsupported body charset', async () => {
    const res = await fetch(`${api.url}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=klingon', 'x-tenant': 't' },
      body: '{}',
    });
    expect(res.status).toBe(415);
    expect(await json(res)).toMatchObject({ status: 415 });
  });

  it('aborts the upstream call when the client disconnects', async () => {
    upstream.script({ delayMs: 2_000 });
    const controller = new AbortController();
    const pending = fetch(`${api.url}/slow`, { signal: controller.signal }).catch((error: unknown) => error);
    await waitFor(() => upstream.requests.length === 1);
    controller.abort();
    await pending;
    await waitFor(() => seenOptions?.signal?.aborted === true);
    await waitFor(() => logger.lines.some((l) => l['path'] === '/slow' && l['aborted'] === true));
    expect(logger.lines.find((l) => l['path'] === '/slow')).toMatchObject({ status: 499 });
    expect(logger.lines.filter((l) => l['level'] === 'error' || l['level'] === 'warn')).toEqual([]);
  });
});

describe('operational endpoints and logging', () => {
  it('serves /health, /ready and /openapi.json', async () => {
    expect(await json(await fetch(`${api.url}/health`))).toEqual({ status: 'ok' });
    expect(await json(await fetch(`${api.url}/ready`))).toEqual({ status: 'ready' });
    ready = false;
    const notReady = await fetch(`${api.url}/ready`);
    expect(notReady.status).toBe(503);
    expect(await json(await fetch(`${api.url}/openapi.json`))).toMatchObject({ openapi: '3.1.0' });
  });

  it('writes one log line per request without the query string', async () => {
    await fetch(`${api.url}/customers/c/usage?external_subscription_id=secret-sub`, { headers: { 'x-request-id': 'log-1' } });
    const lines = logger.lines.filter((l) => l['msg'] === 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', method: 'GET', path: '/customers/c/usage', status: 200, requestId: 'log-1' });
    expect(typeof lines[0]?.['durationMs']).toBe('number');
    expect(logger.raw.join('\n')).not.toContain('secret-sub');
  });

  it('logs probe requests at debug level only', async () => {
    await fetch(`${api.url}/health`);
    expect(logger.lines.filter((l) => l['msg'] === 'request').map((l) => l['level'])).toEqual(['debug']);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  UpstreamBadResponseError,
  UpstreamError,
  UpstreamInputError,
  UpstreamNetworkError,
  UpstreamTimeoutError,
  buildQueryString,
  cookieHeader,
  createHttpClient,
  encodePath,
  headerValue,
  isJsonMediaType,
  joinUrl,
  redactUrl,
} from '../../templates/runtime/http.js';
import type { HttpClientOptions, UpstreamAuth, UpstreamEvent } from '../../templates/runtime/http.js';
import { parseRetryAfter, backoffDelay } from '../../templates/runtime/http-retry.js';
import { createScrubber, describeCause } from '../../templates/runtime/http-errors.js';
import { closedPort, startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';

/** Unscripted requests get `{ ok: true }`. */
const OK_FALLBACK = { fallback: { body: { ok: true } } };

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream(OK_FALLBACK);
});
afterAll(async () => {
  await upstream.close();
});
beforeEach(() => upstream.reset());

function client(overrides: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ baseUrl: upstream.url, auth: { kind: 'none' }, retryBaseDelayMs: 1, ...overrides });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('URL building', () => {
  it.each([
    ['http://h', '/customers', 'http://h/customers'],
    ['http://h/', '/customers', 'http://h/customers'],
    ['http://h/api/v1', '/customers', 'http://h/api/v1/customers'],
    ['http://h/api/v1/', '/customers', 'http://h/api/v1/customers'],
    ['http://h/api/v1//', '//customers', 'http://h/api/v1/customers'],
    ['http://h/api/v1', 'customers', 'http://h/api/v1/customers'],
  ])('joins %s + %s', (base, path, expected) => {
    expect(joinUrl(base, path, '')).toBe(expected);
  });

  it('sends base path + path to the upstream with exactly one slash between', async () => {
    for (const base of [`${upstream.url}/api/v1`, `${upstream.url}/api/v1/`]) {
      await client({ baseUrl: base }).request({ operation: 'op', method: 'GET', path: '/customers' });
    }
    expect(upstream.requests.map((r) => r.url)).toEqual(['/api/v1/customers', '/api/v1/customers']);
  });

  it('encodes path values so they stay inside their segment', () => {
    const path = (value: unknown) => encodePath(['/customers/', '/usage'], [value]);
    expect(path('a/b')).toBe('/customers/a%2Fb/usage');
    expect(path('x?y=1')).toBe('/customers/x%3Fy%3D1/usage');
    expect(path('x#frag')).toBe('/customers/x%23frag/usage');
    expect(path('a\r\nX-Injected: 1')).toBe('/customers/a%0D%0AX-Injected%3A%201/usage');
    expect(path('ünï ☃')).toBe('/customers/%C3%BCn%C3%AF%20%E2%98%83/usage');
    expect(path(42)).toBe('/customers/42/usage');
    expect(path('a..b')).toBe('/customers/a..b/usage');
    expect(encodePath(['/a/', '.json'], ['..'])).toBe('/a/...json');
  });

  it.each(['..', '.', '', '%2e%2E'])('refuses the path value %j instead of letting fetch resolve it', (value) => {
    // "%2e%2E" is encoded to %252e%252E, which is harmless; the others would change the resource.
    if (value === '%2e%2E') {
      expect(encodePath(['/a/', '/b'], [value])).toBe('/a/%252e%252E/b');
      return;
    }
    expect(() => encodePath(['/a/', '/b'], [value])).toThrow(UpstreamInputError);
  });

  it('sends encoded paths to the upstream unchanged', async () => {
    const path = encodePath(['/files/', '/x/', ''], ['a/b?c#d', 'ü\r\n']);
    await client().request({ operation: 'op', method: 'GET', path });
    expect(upstream.requests[0]?.url).toBe('/files/a%2Fb%3Fc%23d/x/%C3%BC%0D%0A');
  });

  it('encodes query values, repeats arrays and skips null/undefined', async () => {
    const query = {
      plain: 'x',
      amp: 'a&b=c',
      space: 'a b+c',
      uni: 'é',
      list: ['1', 2, true],
      empty: [],
      nothing: null,
      missing: undefined,
      'we=ird&': 'k',
    };
    expect(buildQueryString(query)).toBe(
      'plain=x&amp=a%26b%3Dc&space=a%20b%2Bc&uni=%C3%A9&list=1&list=2&list=true&we%3Dird%26=k',
    );
    await client().request({ operation: 'op', method: 'GET', path: '/q', query });
    const seen = new URL(upstream.requests[0]?.url ?? '', 'http://x').searchParams;
    expect(seen.get('amp')).toBe('a&b=c');
    expect(seen.get('space')).toBe('a b+c');
    expect(seen.getAll('list')).toEqual(['1', '2', 'true']);
    expect(seen.has('nothing')).toBe(false);
    expect(seen.get('we=ird&')).toBe('k');
  });
});

describe('headers and bodies', () => {
  it('sends accept, content-type for JSON bodies, x-request-id and custom headers', async () => {
    await client().request(
      { operation: 'op', method: 'POST', path: '/c', body: { a: 1 }, headers: { 'X-Custom': 'v', 'x-skip': undefined } },
      { requestId: 'req-1' },
    );
    const seen = upstream.requests[0];
    expect(seen?.headers['accept']).toBe('application/json');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['x-request-id']).toBe('req-1');
    expect(seen?.headers['x-custom']).toBe('v');
    expect(seen?.headers).not.toHaveProperty('x-skip');
    expect(JSON.parse(seen?.body ?? '')).toEqual({ a: 1 });
  });

  it('builds Cookie headers with encoded values, leaving absent ones out', async () => {
    expect(cookieHeader([['session', 'a b;c'], ['missing', undefined], ['n', 3], ['list', ['x', 'y,z']]])).toBe(
      'session=a%20b%3Bc; n=3; list=x,y%2Cz',
    );
    expect(cookieHeader([['missing', undefined], ['gone', null]])).toBeUndefined();
    await client().request({ operation: 'op', method: 'GET', path: '/', headers: { cookie: cookieHeader([['tenant', 't=1']]) } });
    expect(upstream.requests[0]?.headers['cookie']).toBe('tenant=t%3D1');
  });

  it('joins a list header value with commas (OpenAPI simple style), leaving an absent one out', async () => {
    expect(headerValue(['a', 2, true])).toBe('a,2,true');
    expect(headerValue('one')).toBe('one');
    expect(headerValue(7)).toBe('7');
    expect(headerValue([])).toBe('');
    expect(headerValue(undefined)).toBeUndefined();
    expect(headerValue(null)).toBeUndefined();
    await client().request({ operation: 'op', method: 'GET', path: '/', headers: { 'x-tags': headerValue(['x', 'y']), 'x-none': headerValue(undefined) } });
    expect(upstream.requests[0]?.headers['x-tags']).toBe('x,y');
    expect(upstream.requests[0]?.headers).not.toHaveProperty('x-none');
  });

  it('sends no body and no content-type when body is undefined', async () => {
    await client().request({ operation: 'op', method: 'DELETE', path: '/c' });
    expect(upstream.requests[0]?.headers).not.toHaveProperty('content-type');
    expect(upstream.requests[0]?.body).toBe('');
  });

  it('parses JSON and problem+json bodies and keeps other types as text', async () => {
    upstream.script(
      { body: { id: 1 } },
      { headers: { 'content-type': 'application/vnd.api+json; charset=utf-8' }, body: '{"v":2}' },
      { headers: { 'content-type': 'text/plain' }, body: 'hello' },
    );
    const c = client();
    expect((await c.request({ operation: 'op', method: 'GET', path: '/' })).body).toEqual({ id: 1 });
    expect((await c.request({ operation: 'op', method: 'GET', path: '/' })).body).toEqual({ v: 2 });
    const text = await c.request({ operation: 'op', method: 'GET', path: '/' });
    expect(text).toEqual({ status: 200, contentType: 'text/plain', body: 'hello' });
  });

  it('keeps an answer as text whatever its content type when the operation reads another format (textAnswer)', async () => {
    upstream.script({ headers: { 'content-type': 'application/json' }, body: '{"looks":"like JSON"}' });
    const res = await client().request({ operation: 'op', method: 'GET', path: '/', textAnswer: true });
    expect(res).toEqual({ status: 200, contentType: 'application/json', body: '{"looks":"like JSON"}' });
  });

  it.each([
    [{ status: 204 }],
    [{ status: 200, headers: { 'content-type': 'application/json' }, body: '' }],
    [{ status: 202, headers: { 'content-type': 'application/json' }, body: '  ' }],
  ])('returns an undefined body for empty responses %#', async (reply) => {
    upstream.script(reply);
    const res = await client().request({ operation: 'op', method: 'POST', path: '/' });
    expect(res.status).toBe(reply.status);
    expect(res.body).toBeUndefined();
  });

  it('throws UpstreamError with the parsed problem+json body for 4xx', async () => {
    const problem = { type: 'about:blank', title: 'Not Found', status: 404 };
    upstream.script({ status: 404, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(problem) });
    const error = await rejection(client().request({ operation: 'lago.find', method: 'GET', path: '/x' }));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 404, body: problem, operation: 'lago.find', contentType: 'application/problem+json' });
    expect((error as Error).message).toBe('Upstream lago.find answered 404');
  });

  it('throws UpstreamBadResponseError for malformed JSON', async () => {
    upstream.script({ headers: { 'content-type': 'application/json' }, body: '{"broken":' });
    const error = await rejection(client().request({ operation: 'op', method: 'GET', path: '/' }));
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect(error).toMatchObject({ status: 200, operation: 'op' });
  });

  it('does not follow redirects (credentials must not travel to another origin)', async () => {
    upstream.script({ status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } });
    const res = await client({ auth: { kind: 'apikey', placement: 'header', name: 'x-api-key', value: 'k' } }).request({
      operation: 'op',
      method: 'GET',
      path: '/',
    });
    expect(res.status).toBe(302);
    expect(upstream.requests).toHaveLength(1);
  });

  it('reuses the keep-alive connection, also after error responses', async () => {
    const c = client();
    await c.request({ operation: 'op', method: 'GET', path: '/warm-up' });
    const before = upstream.connections();
    upstream.script({ status: 404, body: { error: 'nope' } }, { status: 500, body: 'x'.repeat(50_000) }, { status: 204 });
    await rejection(c.request({ operation: 'op', method: 'GET', path: '/1' }));
    await rejection(c.request({ operation: 'op', method: 'POST', path: '/2' }));
    await c.request({ operation: 'op', method: 'GET', path: '/3' });
    await c.request({ operation: 'op', method: 'GET', path: '/4' });
    expect(upstream.connections()).toBe(before);
  });
});

const SECRET = 's3cr3t-V@lue/+=';
const AUTHS: Array<[string, UpstreamAuth]> = [
  ['bearer', { kind: 'bearer', token: SECRET }],
  ['basic', { kind: 'basic', username: 'user', password: SECRET }],
  ['apikey header', { kind: 'apikey', placement: 'header', name: 'X-Api-Key', value: SECRET }],
  ['apikey query', { kind: 'apikey', placement: 'query', name: 'api_key', value: SECRET }],
];

describe('auth', () => {
  it.each(AUTHS)('%s reaches the upstream', async (_label, auth) => {
    await client({ auth }).request({ operation: 'op', method: 'GET', path: '/me', query: { a: '1' } });
    const seen = upstream.requests[0];
    if (auth.kind === 'bearer') expect(seen?.headers['authorization']).toBe(`Bearer ${SECRET}`);
    if (auth.kind === 'basic') {
      const decoded = Buffer.from((seen?.headers['authorization'] ?? '').replace(/^Basic /, ''), 'base64').toString();
      expect(decoded).toBe(`user:${SECRET}`);
    }
    if (auth.kind === 'apikey' && auth.placement === 'header') expect(seen?.headers['x-api-key']).toBe(SECRET);
    if (auth.kind === 'apikey' && auth.placement === 'query') {
      const params = new URL(seen?.url ?? '', 'http://x').searchParams;
      expect(params.get('api_key')).toBe(SECRET);
      expect(params.get('a')).toBe('1');
    }
  });

  it('lets the configured credential win over a forwarded authorization header', async () => {
    await client({ auth: AUTHS[0]![1] }).request({ operation: 'op', method: 'GET', path: '/', headers: { Authorization: 'Bearer other' } });
    expect(upstream.requests[0]?.headers['authorization']).toBe(`Bearer ${SECRET}`);
  });

  it.each(AUTHS)('%s never appears in errors or events', async (_label, auth) => {
    const events: UpstreamEvent[] = [];
    const texts: string[] = [];
    const collect = (error: unknown) => texts.push(String(error), JSON.stringify(error), (error as Error).stack ?? '');
    const onEvent = (event: UpstreamEvent) => events.push(event);
    upstream.script({ status: 500, body: { error: 'boom' } }, { delayMs: 300 });
    collect(await rejection(client({ auth, onEvent, maxRetries: 0 }).request({ operation: 'op', method: 'GET', path: '/' })));
    collect(await rejection(client({ auth, onEvent, maxRetries: 0, timeoutMs: 30 }).request({ operation: 'op', method: 'GET', path: '/' })));
    const refused = `http://127.0.0.1:${await closedPort()}`;
    collect(await rejection(client({ auth, onEvent, maxRetries: 0, baseUrl: refused }).request({ operation: 'op', method: 'GET', path: '/' })));
    // A malformed base URL makes undici quote the full URL, query credential included.
    collect(await rejection(client({ auth, onEvent, maxRetries: 0, baseUrl: 'http://[bad' }).request({ operation: 'op', method: 'GET', path: '/' })));
    const haystack = [...texts, JSON.stringify(events)].join('\n');
    expect(events).toHaveLength(4);
    expect(haystack).not.toContain(SECRET);
    expect(haystack).not.toContain(encodeURIComponent(SECRET));
    expect(haystack).not.toContain(Buffer.from(`user:${SECRET}`).toString('base64'));
    if (auth.kind === 'apikey' && auth.placement === 'query') expect(events[0]?.url).toContain('api_key=***');
  });
});

describe('timeouts, retries and aborts', () => {
  it('throws UpstreamTimeoutError when an attempt takes too long', async () => {
    upstream.fallback = { delayMs: 500 };
    const error = await rejection(client({ timeoutMs: 50, maxRetries: 0 }).request({ operation: 'slow', method: 'GET', path: '/' }));
    expect(error).toBeInstanceOf(UpstreamTimeoutError);
    expect(error).toMatchObject({ operation: 'slow', timeoutMs: 50 });
  });

  it('retries idempotent timeouts and lets a per-call timeout override the default', async () => {
    upstream.script({ delayMs: 300 }, { body: { ok: 2 } });
    const res = await client({ timeoutMs: 5_000 }).request({ operation: 'op', method: 'PUT', path: '/' }, { timeoutMs: 50 });
    expect(res.body).toEqual({ ok: 2 });
    expect(upstream.requests).toHaveLength(2);
  });

  it('retries a GET after 500 and reports every attempt', async () => {
    const events: UpstreamEvent[] = [];
    upstream.script({ status: 500, body: { e: 1 } }, { status: 200, body: { ok: true } });
    const res = await client({ onEvent: (e) => events.push(e) }).request({ operation: 'op', method: 'GET', path: '/r' });
    expect(res).toEqual({ status: 200, contentType: 'application/json', body: { ok: true } });
    expect(events.map((e) => [e.attempt, e.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(events[0]?.url).toBe(`${upstream.url}/r`);
  });

  it('gives up after maxRetries and throws the last UpstreamError', async () => {
    upstream.fallback = { status: 503, body: { e: 'down' } };
    const error = await rejection(client({ maxRetries: 2 }).request({ operation: 'op', method: 'DELETE', path: '/' }));
    expect(error).toMatchObject({ status: 503, body: { e: 'down' } });
    expect(upstream.requests).toHaveLength(3);
  });

  it('honours Retry-After in seconds on 429', async () => {
    upstream.script({ status: 429, headers: { 'retry-after': '1' } }, { body: { ok: true } });
    const started = Date.now();
    await client({ retryBaseDelayMs: 1 }).request({ operation: 'op', method: 'GET', path: '/' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(upstream.requests).toHaveLength(2);
  });

  it('does not retry a POST on 500', async () => {
    upstream.script({ status: 500, body: { e: 1 } });
    const error = await rejection(client().request({ operation: 'op', method: 'POST', path: '/', body: {} }));
    expect(error).toMatchObject({ status: 500 });
    expect(upstream.requests).toHaveLength(1);
  });

  it('retries POST/PATCH on 429/503 only when Retry-After says it was not processed', async () => {
    upstream.script({ status: 503, headers: { 'retry-after': '0' } }, { status: 201, body: { id: 1 } });
    expect((await client().request({ operation: 'op', method: 'POST', path: '/', body: {} })).status).toBe(201);
    upstream.reset();
    upstream.script({ status: 429 });
    expect(await rejection(client().request({ operation: 'op', method: 'PATCH', path: '/', body: {} }))).toMatchObject({ status: 429 });
    expect(upstream.requests).toHaveLength(1);
  });

  it('does not retry a POST after a connection reset', async () => {
    upstream.script({ destroy: true });
    const error = await rejection(client().request({ operation: 'op', method: 'POST', path: '/', body: {} }));
    expect(error).toBeInstanceOf(UpstreamNetworkError);
    expect(upstream.requests).toHaveLength(1);
  });

  it('retries a GET after a connection reset', async () => {
    upstream.script({ destroy: true }, { body: { ok: true } });
    const res = await client().request({ operation: 'op', method: 'GET', path: '/' });
    expect(res.body).toEqual({ ok: true });
  });

  it('reports a refused connection as UpstreamNetworkError', async () => {
    const c = client({ baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 1 });
    const error = await rejection(c.request({ operation: 'op', method: 'GET', path: '/' }));
    expect(error).toBeInstanceOf(UpstreamNetworkError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('bounds the total time by the retry budget', async () => {
    upstream.fallback = { status: 503 };
    const started = Date.now();
    const c = client({ maxRetries: 50, retryBaseDelayMs: 100, maxRetryElapsedMs: 400 });
    await rejection(c.request({ operation: 'op', method: 'GET', path: '/' }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(upstream.requests.length).toBeLessThan(51);
  });

  it('stops retrying when Retry-After exceeds the remaining budget', async () => {
    upstream.fallback = { status: 429, headers: { 'retry-after': '30' } };
    const started = Date.now();
    await rejection(client({ maxRetryElapsedMs: 5_000 }).request({ operation: 'op', method: 'GET', path: '/' }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(upstream.requests).toHaveLength(1);
  });

  it('rethrows the caller abort (not a timeout) and does not retry', async () => {
    upstream.fallback = { delayMs: 1_000 };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(client().request({ operation: 'op', method: 'GET', path: '/' }, { signal: controller.signal }));
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(error).not.toBeInstanceOf(UpstreamTimeoutError);
    expect(upstream.requests).toHaveLength(1);
  });

  it('aborts during the backoff wait and never calls an already aborted request', async () => {
    upstream.script({ status: 503, headers: { 'retry-after': '5' } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 100);
    const started = Date.now();
    const error = await rejection(client().request({ operation: 'op', method: 'GET', path: '/' }, { signal: controller.signal }));
    expect((error as Error).message).toBe('caller gave up');
    expect(Date.now() - started).toBeLessThan(2_000);
    const again = await rejection(client().request({ operation: 'op', method: 'GET', path: '/' }, { signal: AbortSignal.abort() }));
    expect(again).toMatchObject({ name: 'AbortError' });
    expect(upstream.requests).toHaveLength(1);
  });

  it('survives an onEvent hook that throws', async () => {
    const res = await client({
      onEvent: () => {
        throw new Error('hook');
      },
    }).request({ operation: 'op', method: 'GET', path: '/' });
    expect(res.status).toBe(200);
  });
});

describe('helpers', () => {
  it('parses Retry-After as seconds or HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:02 GMT', now)).toBe(2_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('uses full jitter below an exponential ceiling', () => {
    expect(backoffDelay(1, 200, () => 0.999)).toBe(199);
    expect(backoffDelay(3, 200, () => 0.5)).toBe(400);
    expect(backoffDelay(60, 200, () => 0.5)).toBe(15_000);
  });

  it('redacts secret query values and userinfo in URLs, keeping the rest verbatim', () => {
    expect(redactUrl('https://h/p?a=1&api_key=abc%2F&b=x%20y#frag', ['api_key'])).toBe('https://h/p?a=1&api_key=***&b=x%20y#frag');
    expect(redactUrl('https://u:pw@h/p?api_key', ['api_key'])).toBe('https://***@h/p?api_key=***');
    expect(redactUrl('https://h/p', ['api_key'])).toBe('https://h/p');
  });

  it('scrubs secrets and their URL-encoded forms from text', () => {
    const scrub = createScrubber(['a/b', '']);
    expect(scrub('x a/b y a%2Fb z')).toBe('x *** y *** z');
  });

  it('describes the deepest cause of an error', () => {
    const inner = Object.assign(new Error(''), { code: 'ECONNRESET' });
    expect(describeCause(new TypeError('fetch failed', { cause: inner }))).toBe('ECONNRESET');
    expect(describeCause('nope')).toBe('unknown error');
  });

  it('recognises JSON media types', () => {
    expect(isJsonMediaType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('APPLICATION/HAL+JSON')).toBe(true);
    expect(isJsonMediaType('text/json+x')).toBe(false);
    expect(isJsonMediaType('text/plain')).toBe(false);
    expect(isJsonMediaType(undefined)).toBe(false);
  });
});

// Hook points of src/hooks.ts, in the runtime: around upstream operations, on the REST app and on
// the MCP servers; each over real HTTP against the fake upstream.
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { withOperationHooks, type OperationHooks, type OperationHookTable } from '../../templates/runtime/hooks.js';
import { createHttpClient, UpstreamError, type HttpClient, type UpstreamRequest } from '../../templates/runtime/http.js';
import { createMcpServerFactory, type McpHooks } from '../../templates/runtime/mcp.js';
import { bySpecificity, createRestApp, defineRoute, type RestHooks } from '../../templates/runtime/rest.js';
import { findTool, itemRoute } from './hook-fixtures.js';
import { captureLogger, serve } from './helpers.js';

let upstream: FakeUpstream;
let http: HttpClient;
beforeAll(async () => {
  upstream = await startFakeUpstream();
  http = createHttpClient({ baseUrl: upstream.url, auth: { kind: 'bearer', token: 'tok' }, maxRetries: 0 });
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

interface FindInput {
  readonly id: string;
}
const find = (client: HttpClient, input: FindInput) => client.request({ operation: 'api.find', method: 'GET', path: `/items/${input.id}` }, { requestId: 'r-1' }, input);

describe('operation hooks', () => {
  it('leave the client as it is when no entry has a hook function', () => {
    expect(withOperationHooks(http, undefined)).toBe(http);
    expect(withOperationHooks(http, { 'api.find': {}, 'api.other': undefined })).toBe(http);
  });

  it('before: answers without calling the API', async () => {
    const hooks: OperationHooks<FindInput> = { before: ({ input }) => ({ response: { status: 200, contentType: 'application/json', body: { cached: input.id } } }) };
    const client = withOperationHooks(http, { 'api.find': hooks });
    expect((await find(client, { id: 'a' })).body).toEqual({ cached: 'a' });
    expect(upstream.requests).toEqual([]);
  });

  it('before: sends another request, which after and error see', async () => {
    let seen: UpstreamRequest | undefined;
    const hooks: OperationHooks<FindInput> = {
      before: ({ request }) => ({ request: { ...request, headers: { ...request.headers, 'x-tenant': 'acme' } } }),
      after: (_response, call) => {
        seen = call.request;
        return undefined;
      },
    };
    const answer = await find(withOperationHooks(http, { 'api.find': hooks }), { id: 'b' });
    expect(upstream.requests[0]!.headers['x-tenant']).toBe('acme');
    expect(upstream.requests[0]!.headers['x-request-id']).toBe('r-1');
    expect(seen?.headers).toEqual({ 'x-tenant': 'acme' });
    expect(answer.body).toEqual({ echo: { method: 'GET', url: '/items/b' } });
  });

  it('after: rewrites the answer, with the call and its typed input at hand', async () => {
    const hooks: OperationHooks<FindInput> = { after: (response, call) => ({ ...response, body: { id: call.input.id, operation: call.operation, upstream: response.body } }) };
    const answer = await find(withOperationHooks(http, { 'api.find': hooks }), { id: 'c' });
    expect(answer.body).toEqual({ id: 'c', operation: 'api.find', upstream: { echo: { method: 'GET', url: '/items/c' } } });
  });

  it('an error status from a hook fails the call as the API would', async () => {
    const client = withOperationHooks(http, { 'api.find': { before: () => ({ response: { status: 404, contentType: 'application/json', body: { gone: true } } }) } });
    await expect(find(client, { id: 'd' })).rejects.toMatchObject({ name: 'UpstreamError', status: 404, body: { gone: true } });
  });

  it('error: recovers from a failure, or leaves the error when it returns nothing', async () => {
    const recovering = withOperationHooks(http, { 'api.find': { error: (error) => (error instanceof UpstreamError && error.status === 404 ? { status: 200, contentType: undefined, body: [] } : undefined) } });
    upstream.script({ status: 404, body: { error: 'none' } }, { status: 500, body: { error: 'boom' } });
    expect((await find(recovering, { id: 'e' })).body).toEqual([]);
    await expect(find(recovering, { id: 'e' })).rejects.toMatchObject({ status: 500 });
  });

  it('apply only to their own operation', async () => {
    const table: OperationHookTable = { 'api.other': { before: () => ({ response: { status: 200, contentType: undefined, body: 'other' } }) } };
    expect((await find(withOperationHooks(http, table), { id: 'f' })).body).toEqual({ echo: { method: 'GET', url: '/items/f' } });
  });
});

const item = itemRoute;
const itemLatest = defineRoute({ ...item, operationId: 'latest', path: '/items/latest', input: z.object({}), invoke: (u: { api: HttpClient }, _input, options) => u.api.request({ operation: 'api.latest', method: 'GET', path: '/latest' }, options) });

describe('REST hooks', () => {
  async function app(hooks: RestHooks) {
    const logger = captureLogger();
    const served = await serve(createRestApp({ routes: [item], upstreams: { api: http }, logger, auth: { kind: 'bearer', token: 'in' }, hooks }));
    return { served, logger };
  }

  it('middleware runs before the inbound authentication, routes after the spec routes and behind it', async () => {
    const { served } = await app({
      middleware: (a) => a.get('/public', (_req, res) => void res.json({ open: true })),
      routes: (a) => a.get('/mine', (_req, res) => void res.json({ mine: true })),
    });
    try {
      expect(await (await fetch(`${served.url}/public`)).json()).toEqual({ open: true });
      expect((await fetch(`${served.url}/mine`)).status).toBe(401);
      expect(await (await fetch(`${served.url}/mine`, { headers: { authorization: 'Bearer in' } })).json()).toEqual({ mine: true });
    } finally {
      await served.close();
    }
  });

  it('error maps a route failure to a problem of its own, told the operation', async () => {
    const { served } = await app({ error: (error, { operationId }) => (error instanceof UpstreamError ? { status: 409, detail: `${operationId} conflicts`, code: 'C1' } : undefined) });
    try {
      upstream.script({ status: 404, body: {} });
      const res = await fetch(`${served.url}/items/x`, { headers: { authorization: 'Bearer in' } });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await res.json()).toEqual({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'getItem conflicts', code: 'C1' });
    } finally {
      await served.close();
    }
  });

  it('an error hook that throws is logged and the default answer sent', async () => {
    const { served, logger } = await app({
      error: () => {
        throw new Error('hook bug');
      },
    });
    try {
      upstream.script({ status: 404, body: { missing: true } });
      const res = await fetch(`${served.url}/items/x`, { headers: { authorization: 'Bearer in' } });
      expect([res.status, await res.json()]).toEqual([404, { missing: true }]);
      expect(logger.lines.some((l) => l['msg'] === 'rest error hook failed')).toBe(true);
    } finally {
      await served.close();
    }
  });

  it('literal path segments are tried before parameters, whatever the spec order', async () => {
    expect(bySpecificity([item, itemLatest]).map((r) => r.operationId)).toEqual(['latest', 'getItem']);
    const served = await serve(createRestApp({ routes: [item, itemLatest], upstreams: { api: http }, logger: captureLogger() }));
    try {
      await fetch(`${served.url}/items/latest`);
      expect(upstream.requests.map((r) => r.url)).toEqual(['/latest']);
    } finally {
      await served.close();
    }
  });
});

describe('MCP hooks', () => {
  const tool = findTool;

  async function client(hooks: McpHooks) {
    const factory = createMcpServerFactory({ name: 'svc', version: '1', instructions: 'generated' }, [tool], { api: http }, captureLogger(), { hooks });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await factory().connect(serverSide);
    const c = new Client({ name: 't', version: '1' });
    await c.connect(clientSide);
    return c;
  }

  it('server registers tools of your own; options replace the generated ones', async () => {
    const c = await client({
      options: { instructions: 'mine' },
      server: (server) => server.registerTool('ping', { description: 'Ping', inputSchema: z.object({}) }, () => ({ content: [{ type: 'text', text: 'pong' }] })),
    });
    try {
      expect((await c.listTools()).tools.map((t) => t.name)).toEqual(['find', 'ping']);
      expect(await c.callTool({ name: 'ping', arguments: {} })).toMatchObject({ content: [{ type: 'text', text: 'pong' }] });
      expect(c.getInstructions()).toBe('mine');
    } finally {
      await c.close();
    }
  });

  it('error replaces the result of a failed tool call', async () => {
    const c = await client({ error: (error, { tool: name }) => (error instanceof UpstreamError ? { isError: true, content: [{ type: 'text', text: `${name}: not found` }] } : undefined) });
    try {
      upstream.script({ status: 404, body: {} });
      expect(await c.callTool({ name: 'find', arguments: { id: 'x' } })).toMatchObject({ isError: true, content: [{ type: 'text', text: 'find: not found' }] });
    } finally {
      await c.close();
    }
  });
});

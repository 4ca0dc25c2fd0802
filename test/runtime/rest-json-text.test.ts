/**
 * A REST route passes an unchanged JSON answer on as the upstream's own text (no parse and
 * re-serialise on the way out), with the headers res.send would write; any answer changed on the
 * way (a hook, a mapping) is serialised from its body as before.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHttpClient } from '../../templates/runtime/http.js';
import type { UpstreamRequest } from '../../templates/runtime/http.js';
import { withOperationHooks } from '../../templates/runtime/hooks.js';
import { mapResponse } from '../../templates/runtime/output.js';
import { createRestApp, defineRoute } from '../../templates/runtime/rest.js';
import { captureLogger, rawRequest, serve } from './helpers.js';
import type { Served } from './helpers.js';

// Pretty-printed, with an integer beyond double precision: a re-serialised body would differ.
const PRETTY = '{\n  "id": 12345678901234567890,\n  "name": "café"\n}';
const ANSWERS: Record<string, { type: string; body: string }> = {
  '/pretty': { type: 'application/json', body: PRETTY },
  '/vendor': { type: 'application/vnd.acme+json', body: '[1, 2]' },
  '/broken': { type: 'application/json', body: '{"id":' },
};

let upstream: Server;
let api: Served;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const answer = ANSWERS[req.url ?? ''] ?? { type: 'application/json', body: '{}' };
    res.writeHead(200, { 'content-type': answer.type }).end(answer.body);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const client = createHttpClient({ baseUrl: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, auth: { kind: 'none' }, maxRetries: 0 });
  const hooked = withOperationHooks(client, {
    't.mutated': {
      after: (response) => {
        (response.body as Record<string, unknown>)['added'] = true;
      },
    },
  });
  const get = (operation: string, path: string): UpstreamRequest => ({ operation, method: 'GET', path });
  const route = (path: string, invoke: () => ReturnType<typeof client.request>) =>
    defineRoute({ operationId: path.slice(1), method: 'get', path, input: z.object({}), invoke: (_u: null) => invoke() });
  const routes = [
    route('/pretty', () => client.request(get('t.pretty', '/pretty'))),
    route('/vendor', () => client.request(get('t.vendor', '/vendor'))),
    route('/broken', () => client.request(get('t.broken', '/broken'))),
    route('/mutated', () => hooked.request(get('t.mutated', '/pretty'))),
    route('/mapped', async () => mapResponse(await client.request(get('t.mapped', '/pretty')), (body) => ({ name: (body as { name: string }).name }))),
  ];
  api = await serve(createRestApp({ routes, upstreams: null, logger: captureLogger() }));
});
afterAll(async () => {
  await api.close();
  await new Promise((resolve) => upstream.close(resolve));
});

const stable = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'date' && name !== 'x-request-id'));

describe('REST JSON answers passed through', () => {
  it('writes the upstream text with the same headers on every answer of a media type', async () => {
    const first = await rawRequest(api.port, { method: 'GET', path: '/pretty' });
    const second = await rawRequest(api.port, { method: 'GET', path: '/pretty' });
    for (const answer of [first, second]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toBe(PRETTY);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['content-length']).toBe(String(Buffer.byteLength(PRETTY)));
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(stable(second.headers)).toEqual(stable(first.headers));
    const vendor = [await rawRequest(api.port, { method: 'GET', path: '/vendor' }), await rawRequest(api.port, { method: 'GET', path: '/vendor' })];
    expect(vendor.map((answer) => [answer.body, answer.headers['content-type']])).toEqual([
      ['[1, 2]', 'application/vnd.acme+json; charset=utf-8'],
      ['[1, 2]', 'application/vnd.acme+json; charset=utf-8'],
    ]);
  });

  it('answers HEAD and conditional requests as res.send does', async () => {
    await rawRequest(api.port, { method: 'GET', path: '/pretty' });
    const head = await rawRequest(api.port, { method: 'HEAD', path: '/pretty' });
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', String(Buffer.byteLength(PRETTY))]);
    const conditional = await rawRequest(api.port, { method: 'GET', path: '/pretty', headers: { 'if-modified-since': new Date().toUTCString() } });
    expect([conditional.status, conditional.body]).toEqual([200, PRETTY]);
  });

  it('serialises an answer changed in place by an after hook, or mapped', async () => {
    const mutated = await rawRequest(api.port, { method: 'GET', path: '/mutated' });
    expect(mutated.body).toBe('{"id":12345678901234567000,"name":"café","added":true}');
    const mapped = await rawRequest(api.port, { method: 'GET', path: '/mapped' });
    expect(mapped.body).toBe('{"name":"café"}');
  });

  it('still answers malformed upstream JSON with a 502 problem', async () => {
    const broken = await rawRequest(api.port, { method: 'GET', path: '/broken' });
    expect(broken.status).toBe(502);
    expect(broken.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });
});

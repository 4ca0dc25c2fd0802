/** The control adapter over HTTP: probes, status, configuration, metrics fed by a real REST app. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createControlApp, environmentStatus } from '../../templates/runtime/control.js';
import { Readiness } from '../../templates/runtime/server.js';
import { ServiceMetrics } from '../../templates/runtime/metrics.js';
import { createRestApp, defineRoute } from '../../templates/runtime/rest.js';
import { shutdown } from '../../templates/runtime/server.js';
import { captureLogger, serve, type Served } from './helpers.js';

const logger = captureLogger();
const readiness = new Readiness();
const metrics = new ServiceMetrics();
let control: Served;
let open: Served;
let rest: Served;

const echo = defineRoute<Record<string, never>, z.ZodType<{ id: string }>>({
  operationId: 'get-thing',
  method: 'get',
  path: '/things/:id',
  input: z.object({ params: z.object({ id: z.string() }) }).transform((i) => ({ id: i.params.id })),
  invoke: (_u, input) => Promise.resolve({ status: 200, contentType: 'application/json', body: { id: input.id } }),
});

beforeAll(async () => {
  const env = { SECRET_TOKEN: 'do-not-show', BASE_URL: '', OTHER: 'x' };
  control = await serve(
    createControlApp({
      logger,
      readiness,
      health: true,
      info: {
        name: 'svc',
        version: '1.2.3',
        adapters: () => [{ name: 'rest', url: rest.url }],
        settings: { host: '127.0.0.1', restPort: 8080 },
        environment: environmentStatus(['BASE_URL', 'OTHER', 'SECRET_TOKEN'], new Set(['SECRET_TOKEN']), env),
      },
      metrics,
      auth: { kind: 'bearer', token: 'ctl' },
    }),
  );
  open = await serve(createControlApp({ logger, readiness: new Readiness(), health: true }));
  rest = await serve(createRestApp({ routes: [echo], upstreams: {}, logger, onRequest: (e) => metrics.request('rest', e) }));
});
afterAll(async () => {
  await Promise.all([control.close(), open.close(), rest.close()]);
});

const auth = { headers: { authorization: 'Bearer ctl' } };

describe('control adapter', () => {
  it('requires its credentials on every endpoint', async () => {
    for (const path of ['/health/live', '/status', '/config', '/metrics']) expect((await fetch(control.url + path)).status).toBe(401);
  });

  it('reports ready only between start-up and shutdown', async () => {
    expect((await fetch(`${control.url}/health/live`, auth)).status).toBe(200);
    const starting = await fetch(`${control.url}/health/ready`, auth);
    expect([starting.status, await starting.json()]).toEqual([503, { status: 'starting' }]);
    readiness.markReady();
    expect((await fetch(`${control.url}/health/ready`, auth)).status).toBe(200);
  });

  it('shows status and non-secret configuration, with set flags instead of values', async () => {
    const status = (await (await fetch(`${control.url}/status`, auth)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ name: 'svc', version: '1.2.3', status: 'ready', adapters: [{ name: 'rest', url: rest.url }] });
    expect(typeof status['uptimeSeconds']).toBe('number');
    const res = await fetch(`${control.url}/config`, auth);
    const text = await res.text();
    expect(text).not.toContain('do-not-show');
    expect(JSON.parse(text)).toEqual({
      settings: { host: '127.0.0.1', restPort: 8080 },
      environment: [
        { name: 'BASE_URL', set: false, secret: false },
        { name: 'OTHER', set: true, secret: false },
        { name: 'SECRET_TOKEN', set: true, secret: true },
      ],
    });
  });

  it('counts REST requests by route pattern and status in /metrics', async () => {
    const scrape = async () => {
      const res = await fetch(`${control.url}/metrics`, auth);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      return res.text();
    };
    expect(await scrape()).not.toContain('route="/things/:id"');
    await fetch(`${rest.url}/things/1`);
    await fetch(`${rest.url}/things/2`);
    await fetch(`${rest.url}/nowhere`);
    const text = await scrape();
    expect(text).toContain('http_requests_total{adapter="rest",method="GET",route="/things/:id",status="200"} 2');
    expect(text).toContain('http_requests_total{adapter="rest",method="GET",route="(unmatched)",status="404"} 1');
  });

  it('serves only the enabled endpoint groups', async () => {
    expect((await fetch(`${open.url}/health/live`)).status).toBe(200);
    for (const path of ['/status', '/config', '/metrics']) expect((await fetch(open.url + path)).status).toBe(404);
  });

  it('goes not ready when shutdown starts', async () => {
    const r = new Readiness();
    r.markReady();
    let exited: number | undefined;
    await shutdown([], logger, { exit: (code) => (exited = code), onShutdown: () => r.markShuttingDown() });
    expect([r.status, exited]).toEqual(['shutting down', 0]);
    r.markReady();
    expect(r.status).toBe('shutting down');
  });
});

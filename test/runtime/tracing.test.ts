import { describe, expect, it } from 'vitest';
import { createControlApp } from '../../templates/runtime/control.js';
import { Readiness } from '../../templates/runtime/server.js';
import { passThrough } from '../../templates/runtime/trace-context.js';
import { b3Propagator } from '../../templates/runtime/tracing-b3.js';
import { otlpExport, startTracing, type TracingSettings } from '../../templates/runtime/tracing.js';
import { captureLogger, serve } from './helpers.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER = '00f067aa0ba902b7';
const settings: TracingSettings = { serviceName: 'svc', serviceVersion: '1.0.0' };
const call = { operation: 'orders.get', method: 'GET', url: 'http://api.example:8443/orders/1', attempt: 1 };

describe('otlpExport: the standard variables decide', () => {
  it.each([
    ['nothing set: off', {}, undefined, undefined],
    ['an endpoint variable: on, the exporter reads it', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, undefined, {}],
    ['a traces endpoint variable: on', { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }, undefined, {}],
    ['OTLP asked for by name: on, default endpoint', { OTEL_TRACES_EXPORTER: 'otlp' }, undefined, {}],
    ['exporter none wins', { OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, undefined, undefined],
    ['SDK disabled wins', { OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, undefined, undefined],
    ["the spec's endpoint when no variable is set", {}, 'http://collector:4318/', { url: 'http://collector:4318/v1/traces' }],
    ['a variable wins over the spec', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }, 'http://collector:4318', {}],
  ])('%s', (_name, env, otlpEndpoint, expected) => {
    const logger = captureLogger();
    expect(otlpExport(env, otlpEndpoint === undefined ? {} : { otlpEndpoint }, logger)).toEqual(expected);
    expect(logger.lines).toEqual([]);
  });

  it('warns about exporters and protocols it does not speak', () => {
    const logger = captureLogger();
    expect(otlpExport({ OTEL_TRACES_EXPORTER: 'zipkin' }, {}, logger)).toBeUndefined();
    otlpExport({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, {}, logger);
    expect(logger.lines.map((l) => l['level'])).toEqual(['warn', 'warn']);
  });
});

describe('startTracing', () => {
  it('stays off, loading nothing, when neither an exporter nor the local buffer asks for it', async () => {
    expect(await startTracing(settings, {}, captureLogger())).toBeUndefined();
  });

  it('runs without export, with a warning, when the OTLP endpoint is not a URL (telemetry never stops the service)', async () => {
    const logger = captureLogger();
    const tracing = await startTracing({ ...settings, otlpEndpoint: 'dummy-otel-endpoint' }, {}, logger);
    expect(tracing).toBeUndefined();
    expect(logger.lines.map((l) => [l['level'], l['msg']])).toEqual([['warn', 'OTLP endpoint unusable, traces are not exported']]);
  });

  it('continues the caller trace into a server span and a client span per attempt, whose context goes upstream', async () => {
    const tracing = (await startTracing({ ...settings, recentSpans: 10 }, {}, captureLogger()))!;
    const server = tracing.tracer.startServer('GET /orders/:id', { traceparent: `00-${TRACE}-${CALLER}-01` }, { 'http.route': '/orders/:id' });
    const attempt = server.upstream(call);
    const [, traceId, spanId, flags] = attempt.headers['traceparent']!.split('-');
    expect([traceId, flags]).toEqual([TRACE, '01']);
    attempt.end({ status: 503 });
    server.upstream({ ...call, attempt: 2 }).end({ status: 200 });
    server.end({ status: 200 });
    const [serverSummary, retry, first] = tracing.recent!.list();
    expect(serverSummary).toMatchObject({ traceId: TRACE, parentSpanId: CALLER, kind: 'server', name: 'GET /orders/:id', status: 'ok' });
    expect(first).toMatchObject({ spanId, parentSpanId: serverSummary!.spanId, kind: 'client', name: 'GET', status: 'error' });
    expect(first!.attributes).toEqual({ 'http.request.method': 'GET', 'server.address': 'api.example', 'server.port': 8443, 'url.full': call.url, 'naftiko.operation': 'orders.get', 'http.response.status_code': 503, 'error.type': '503' });
    expect(retry!.attributes['http.request.resend_count']).toBe(1);
    await tracing.shutdown();
  });

  it('starts a new trace without a caller context, and keeps only the last N spans', async () => {
    const tracing = (await startTracing({ ...settings, recentSpans: 2 }, {}, captureLogger()))!;
    for (const name of ['a', 'b', 'c']) tracing.tracer.startServer(name, {}, {}).end({ status: 500 });
    const spans = tracing.recent!.list();
    expect(spans.map((s) => s.name)).toEqual(['c', 'b']);
    expect(spans[0]).toMatchObject({ status: 'error', attributes: { 'error.type': '500' } });
    expect(spans[0]!.parentSpanId).toBeUndefined();
    await tracing.shutdown();
  });

  it('samples by the spec ratio: at 0 nothing is recorded, yet the context still goes upstream', async () => {
    const tracing = (await startTracing({ ...settings, recentSpans: 10, sampling: 0 }, {}, captureLogger()))!;
    const server = tracing.tracer.startServer('x', {}, {});
    const attempt = server.upstream(call);
    expect(attempt.headers['traceparent']).toMatch(/^00-[\da-f]{32}-[\da-f]{16}-00$/);
    attempt.end({ status: 200 });
    server.end({ status: 200 });
    expect(tracing.recent!.list()).toEqual([]);
    await tracing.shutdown();
  });

  it('propagates B3 to the upstream when the spec says so, and accepts either format from callers', async () => {
    const tracing = (await startTracing({ ...settings, recentSpans: 10, propagator: b3Propagator() }, {}, captureLogger()))!;
    const fromB3 = tracing.tracer.startServer('x', { b3: `${TRACE}-${CALLER}-1` }, {});
    const headers = fromB3.upstream(call).headers;
    expect(headers['b3']).toMatch(new RegExp(`^${TRACE}-[\\da-f]{16}-1$`));
    expect(headers['traceparent']).toBeUndefined();
    const fromW3c = tracing.tracer.startServer('y', { traceparent: `00-${TRACE}-${CALLER}-01` }, {});
    expect(fromW3c.upstream(call).headers['b3']).toContain(TRACE);
    await tracing.shutdown();
  });
});

describe('passThrough (tracing off)', () => {
  it('passes a valid caller context on unchanged, and nothing else', () => {
    const traceparent = `00-${TRACE}-${CALLER}-01`;
    expect(passThrough({ traceparent, tracestate: 'a=1' })?.upstream(call).headers).toEqual({ traceparent, tracestate: 'a=1' });
    expect(passThrough({ traceparent: 'garbage\r\nx-injected: 1' })).toBeUndefined();
    expect(passThrough({})).toBeUndefined();
    expect(passThrough({ traceparent: ['a', 'b'] })).toBeUndefined();
  });
});

describe('GET /traces on the control port', () => {
  it('lists the recent spans', async () => {
    const tracing = (await startTracing({ ...settings, recentSpans: 5 }, {}, captureLogger()))!;
    tracing.tracer.startServer('GET /orders', {}, {}).end({ status: 200 });
    const open = await serve(createControlApp({ logger: captureLogger(), readiness: new Readiness(), health: true, traces: () => tracing.recent!.list() }));
    try {
      const body = (await (await fetch(`${open.url}/traces`)).json()) as { spans: { name: string }[] };
      expect(body.spans.map((s) => s.name)).toEqual(['GET /orders']);
    } finally {
      await open.close();
      await tracing.shutdown();
    }
  });
});

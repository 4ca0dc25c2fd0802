/** The in-process registry and its Prometheus text exposition. */
import { describe, expect, it } from 'vitest';
import { Counter, Histogram, ServiceMetrics, escapeLabelValue } from '../../templates/runtime/metrics.js';

describe('Counter', () => {
  it('counts per label set, whatever the label order', () => {
    const c = new Counter('calls_total', 'Calls.');
    c.inc({ a: '1', b: '2' });
    c.inc({ b: '2', a: '1' }, 2);
    c.inc({ a: 'x', b: '2' });
    expect(c.get({ a: '1', b: '2' })).toBe(3);
    expect(c.render()).toBe('# HELP calls_total Calls.\n# TYPE calls_total counter\ncalls_total{a="1",b="2"} 3\ncalls_total{a="x",b="2"} 1');
  });

  it('escapes backslashes, quotes and line breaks in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const c = new Counter('t', 'h');
    c.inc({ route: '/x/"y"\n' });
    expect(c.render().split('\n')[2]).toBe('t{route="/x/\\"y\\"\\n"} 1');
  });
});

describe('Histogram', () => {
  it('writes cumulative buckets, +Inf, sum and count', () => {
    const h = new Histogram('d_seconds', 'D.', [0.1, 1]);
    h.observe({ op: 'a' }, 0.05);
    h.observe({ op: 'a' }, 0.5);
    h.observe({ op: 'a' }, 3);
    expect(h.render().split('\n').slice(2)).toEqual([
      'd_seconds_bucket{op="a",le="0.1"} 1',
      'd_seconds_bucket{op="a",le="1"} 2',
      'd_seconds_bucket{op="a",le="+Inf"} 3',
      'd_seconds_sum{op="a"} 3.55',
      'd_seconds_count{op="a"} 3',
    ]);
  });
});

describe('ServiceMetrics', () => {
  it('records requests, tool calls and upstream attempts, and ends the exposition with a newline', () => {
    let now = 1_000;
    const m = new ServiceMetrics(() => now);
    m.request('rest', { method: 'GET', route: '/orders/:id', status: 200, durationMs: 12 });
    m.request('rest', { method: 'GET', route: '/orders/:id', status: 200, durationMs: 30 });
    m.toolCall({ tool: 'get-order', durationMs: 5, isError: true });
    m.upstreamCall({ operation: 'orders.get-order', method: 'GET', durationMs: 4, status: 503 });
    m.upstreamCall({ operation: 'orders.get-order', method: 'GET', durationMs: 4, error: 'ECONNREFUSED' });
    now = 3_500;
    const text = m.render();
    expect(text).toContain('http_requests_total{adapter="rest",method="GET",route="/orders/:id",status="200"} 2');
    expect(text).toContain('http_request_duration_seconds_count{adapter="rest",method="GET",route="/orders/:id"} 2');
    expect(text).toContain('http_request_duration_seconds_sum{adapter="rest",method="GET",route="/orders/:id"} 0.042');
    expect(text).toContain('mcp_tool_calls_total{tool="get-order",outcome="error"} 1');
    expect(text).toContain('upstream_requests_total{operation="orders.get-order",method="GET",status="503"} 1');
    expect(text).toContain('upstream_requests_total{operation="orders.get-order",method="GET",status="error"} 1');
    expect(text).toContain('process_uptime_seconds 2.5');
    expect(text.endsWith('\n')).toBe(true);
    // Every sample line is "name{labels} value" or "name value": the exposition format's grammar.
    for (const line of text.trimEnd().split('\n')) {
      if (!line.startsWith('#')) expect(line).toMatch(/^[a-z_]+(\{[^}]*\})? [0-9.e+-]+|\+Inf$/);
    }
  });
});

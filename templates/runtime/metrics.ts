// In-process metrics in the Prometheus text exposition format (version 0.0.4), served by the
// control adapter at GET /metrics. Counters and histograms only; no dependency.

export type Labels = Readonly<Record<string, string>>;

/** Seconds; the Prometheus client libraries' default buckets. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

interface Series {
  labels: Labels;
  value: number;
}

interface HistogramSeries {
  labels: Labels;
  counts: number[];
  sum: number;
  count: number;
}

/** Label values may hold anything a route or tool name holds; these three need escaping. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatLabels(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  if (extra) pairs.push(`${extra[0]}="${escapeLabelValue(extra[1])}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

function keyOf(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

export class Counter {
  private readonly series = new Map<string, Series>();

  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = keyOf(labels);
    const found = this.series.get(key);
    if (found) found.value += by;
    else this.series.set(key, { labels: { ...labels }, value: by });
  }

  get(labels: Labels = {}): number {
    return this.series.get(keyOf(labels))?.value ?? 0;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const s of this.series.values()) lines.push(`${this.name}${formatLabels(s.labels)} ${formatNumber(s.value)}`);
    return lines.join('\n');
  }
}

export class Histogram {
  private readonly series = new Map<string, HistogramSeries>();

  constructor(readonly name: string, readonly help: string, readonly buckets: readonly number[] = DEFAULT_BUCKETS) {}

  observe(labels: Labels, value: number): void {
    const key = keyOf(labels);
    let s = this.series.get(key);
    if (!s) {
      s = { labels: { ...labels }, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(key, s);
    }
    this.buckets.forEach((bound, i) => {
      if (value <= bound) s.counts[i]! += 1;
    });
    s.sum += value;
    s.count += 1;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      // Bucket counts are cumulative already: each observation lands in every bucket it fits.
      this.buckets.forEach((bound, i) => lines.push(`${this.name}_bucket${formatLabels(s.labels, ['le', formatNumber(bound)])} ${s.counts[i]}`));
      lines.push(`${this.name}_bucket${formatLabels(s.labels, ['le', '+Inf'])} ${s.count}`);
      lines.push(`${this.name}_sum${formatLabels(s.labels)} ${formatNumber(s.sum)}`);
      lines.push(`${this.name}_count${formatLabels(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

/** What the adapters and the upstream client report; see main.ts for the wiring. */
export interface RequestEvent {
  method: string;
  /** The matched route pattern (not the raw path, which would make one series per id). */
  route: string;
  status: number;
  durationMs: number;
}

export interface ToolCallEvent {
  tool: string;
  durationMs: number;
  isError: boolean;
}

export interface UpstreamCallEvent {
  operation: string;
  method: string;
  durationMs: number;
  status?: number;
  error?: string;
}

/** The service's metrics: HTTP requests per adapter, MCP tool calls and upstream attempts. */
export class ServiceMetrics {
  readonly requests = new Counter('http_requests_total', 'HTTP requests answered, by adapter, method, route and status.');
  readonly requestSeconds = new Histogram('http_request_duration_seconds', 'HTTP request duration in seconds, by adapter, method and route.');
  readonly toolCalls = new Counter('mcp_tool_calls_total', 'MCP tool calls, by tool and outcome.');
  readonly toolSeconds = new Histogram('mcp_tool_call_duration_seconds', 'MCP tool call duration in seconds, by tool.');
  readonly upstreamCalls = new Counter('upstream_requests_total', 'Upstream HTTP attempts, by operation, method and status ("error" when no answer came).');
  readonly upstreamSeconds = new Histogram('upstream_request_duration_seconds', 'Upstream attempt duration in seconds, by operation.');
  private readonly now: () => number;
  private readonly started: number;

  constructor(now: () => number = Date.now) {
    this.now = now;
    this.started = now();
  }

  request(adapter: string, event: RequestEvent): void {
    const base = { adapter, method: event.method, route: event.route };
    this.requests.inc({ ...base, status: String(event.status) });
    this.requestSeconds.observe(base, event.durationMs / 1000);
  }

  toolCall(event: ToolCallEvent): void {
    this.toolCalls.inc({ tool: event.tool, outcome: event.isError ? 'error' : 'success' });
    this.toolSeconds.observe({ tool: event.tool }, event.durationMs / 1000);
  }

  upstreamCall(event: UpstreamCallEvent): void {
    const status = event.status === undefined ? 'error' : String(event.status);
    this.upstreamCalls.inc({ operation: event.operation, method: event.method, status });
    this.upstreamSeconds.observe({ operation: event.operation }, event.durationMs / 1000);
  }

  render(): string {
    const uptime = ['# HELP process_uptime_seconds Seconds since the service started.', '# TYPE process_uptime_seconds gauge', `process_uptime_seconds ${formatNumber((this.now() - this.started) / 1000)}`];
    const all = [this.requests, this.requestSeconds, this.toolCalls, this.toolSeconds, this.upstreamCalls, this.upstreamSeconds];
    return [...all.map((metric) => metric.render()), uptime.join('\n')].join('\n') + '\n';
  }
}

// OpenTelemetry traces: W3C Trace Context in, a server span per route or tool call, a client span
// per upstream attempt, and the context out on the upstream request; exported over OTLP/HTTP when
// the standard OTEL_* variables (or the spec's exporter endpoint) say so. With none set nothing is
// loaded beyond @opentelemetry/api, nothing is exported and nothing is logged.
//
// Contexts are passed explicitly (server span -> CallOptions.trace -> client span) instead of through
// a global context manager: no async hooks on the hot path, and no global state to register.

import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context, Span, TextMapPropagator, Tracer as OtelTracer } from '@opentelemetry/api';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace';
import type { Logger } from './log.js';
import { recentSpans, type RecentSpans } from './tracing-recent.js';
import type { RequestTrace, ServerSpan, SpanAttributes, SpanOutcome, TraceCarrier, Tracer, UpstreamSpan } from './trace-context.js';

export interface TracingSettings {
  serviceName: string;
  serviceVersion: string;
  /** The spec's `traces.sampling` (0..1): the parent-based ratio sampler, unless OTEL_TRACES_SAMPLER is set. */
  sampling?: number;
  /** The propagator of outgoing calls (`traces.propagation: b3`, from tracing-b3.ts); default W3C Trace Context. */
  propagator?: TextMapPropagator;
  /** The spec's `exporters.otlp.endpoint`: the OTLP/HTTP base URL when OTEL_EXPORTER_OTLP_*ENDPOINT is not set. */
  otlpEndpoint?: string;
  /** `traces.local`: keep the last N ended spans for GET /traces on the control port. */
  recentSpans?: number;
}

export interface Tracing {
  readonly tracer: Tracer;
  readonly recent: RecentSpans | undefined;
  /** Flushes spans not yet exported. */
  shutdown(): Promise<void>;
}

/** Whether to export over OTLP, from the standard variables; undefined: tracing stays off. */
export function otlpExport(env: NodeJS.ProcessEnv, settings: Pick<TracingSettings, 'otlpEndpoint'>, logger: Logger): { url?: string } | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean);
  for (const unsupported of exporters.filter((e) => e !== 'otlp' && e !== 'none')) logger.warn('unsupported OTEL_TRACES_EXPORTER value ignored (only otlp)', { exporter: unsupported });
  if (exporters.includes('none')) return undefined;
  const fromEnv = Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
  // The OpenTelemetry default endpoint (localhost:4318) is used only when OTLP is asked for by name:
  // a service nobody configured exports nothing.
  if (!fromEnv && !settings.otlpEndpoint && !exporters.includes('otlp')) return undefined;
  const protocol = env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? env.OTEL_EXPORTER_OTLP_PROTOCOL;
  if (protocol && protocol !== 'http/json') logger.warn('OTLP protocol not supported, exporting http/json', { protocol });
  if (fromEnv || !settings.otlpEndpoint) return {};
  return { url: `${settings.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` };
}

/** Starts tracing when an exporter or the local span buffer asks for it; otherwise undefined. */
export async function startTracing(settings: TracingSettings, env: NodeJS.ProcessEnv, logger: Logger): Promise<Tracing | undefined> {
  const exporting = otlpExport(env, settings, logger);
  const recent = settings.recentSpans ? recentSpans(settings.recentSpans) : undefined;
  if (!exporting && !recent) return undefined;
  // Loaded only now: a service with tracing off never loads the SDK.
  const [sdk, resources, core] = await Promise.all([import('@opentelemetry/sdk-trace'), import('@opentelemetry/resources'), import('@opentelemetry/core')]);
  const processors: SpanProcessor[] = [];
  if (exporting) {
    const exporter = await otlpExporter(exporting, logger);
    if (exporter) processors.push(new sdk.BatchSpanProcessor({ exporter }));
  }
  if (recent) processors.push(recent.processor);
  if (!processors.length) return undefined;
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the env detector) win over the spec's names.
  const resource = resources
    .resourceFromAttributes({ 'service.name': settings.serviceName, 'service.version': settings.serviceVersion })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const sampler = settings.sampling !== undefined && !env.OTEL_TRACES_SAMPLER ? new sdk.ParentBasedSampler({ root: new sdk.TraceIdRatioBasedSampler(settings.sampling) }) : undefined;
  const provider = new sdk.TracerProvider({ resource, spanProcessors: processors, ...(sampler ? { sampler } : {}) });
  const w3c = new core.W3CTraceContextPropagator();
  const inject = settings.propagator ?? w3c;
  // Incoming context in either format the service may meet; outgoing in the configured one.
  const extract = settings.propagator ? new core.CompositePropagator({ propagators: [w3c, settings.propagator] }) : w3c;
  const tracer = otelTracer(provider.getTracer(settings.serviceName, settings.serviceVersion), extract, inject);
  logger.info('tracing on', { otlp: exporting !== undefined, recentSpans: settings.recentSpans ?? 0 });
  return { tracer, recent, shutdown: () => provider.shutdown() };
}

/**
 * The OTLP/HTTP exporter, or undefined when its endpoint cannot be used (the exporter rejects a
 * URL it cannot parse). Telemetry must never stop the service: the service runs without export.
 */
async function otlpExporter(options: { url?: string }, logger: Logger): Promise<SpanExporter | undefined> {
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  try {
    return new OTLPTraceExporter(options);
  } catch (error) {
    logger.warn('OTLP endpoint unusable, traces are not exported', { error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}

function endSpan(span: Span, outcome: SpanOutcome, errorFrom: number): void {
  if (outcome.status !== undefined) span.setAttribute('http.response.status_code', outcome.status);
  const error = outcome.error ?? (outcome.status !== undefined && outcome.status >= errorFrom ? String(outcome.status) : undefined);
  if (error !== undefined) {
    span.setAttribute('error.type', error);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** The attributes of an upstream attempt (HTTP client semantic conventions); the URL is already redacted. */
function clientAttributes(call: { operation: string; method: string; url: string; attempt: number }): SpanAttributes {
  const url = new URL(call.url);
  const attributes: SpanAttributes = {
    'http.request.method': call.method,
    'server.address': url.hostname,
    'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    'url.full': call.url,
    'naftiko.operation': call.operation,
  };
  if (call.attempt > 1) attributes['http.request.resend_count'] = call.attempt - 1;
  return attributes;
}

function otelTracer(tracer: OtelTracer, extract: TextMapPropagator, inject: TextMapPropagator): Tracer {
  const upstreamOf = (parent: Context): RequestTrace['upstream'] => (call) => {
    const span = tracer.startSpan(call.method, { kind: SpanKind.CLIENT, attributes: clientAttributes(call) }, parent);
    const headers: Record<string, string> = {};
    inject.inject(trace.setSpan(parent, span), headers, { set: (carrier, key, value) => void (carrier[key] = value) });
    const upstream: UpstreamSpan = { headers, end: (outcome) => endSpan(span, outcome, 400) };
    return upstream;
  };
  return {
    startServer(name: string, carrier: TraceCarrier, attributes: SpanAttributes): ServerSpan {
      const remote = extract.extract(ROOT_CONTEXT, carrier, {
        keys: (c) => Object.keys(c),
        get: (c, key) => {
          const value = c[key];
          return typeof value === 'string' || Array.isArray(value) ? (value as string | string[]) : undefined;
        },
      });
      const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, remote);
      return { upstream: upstreamOf(trace.setSpan(remote, span)), end: (outcome) => endSpan(span, outcome, 500) };
    },
  };
}

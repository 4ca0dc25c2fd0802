// What the adapters and the upstream client know of tracing: small interfaces with no OpenTelemetry
// import, so a service with tracing off loads none of it and pays one property read per request.
// tracing.ts implements them with the OpenTelemetry SDK when the environment turns tracing on.

/** Where a caller's trace context arrives: HTTP headers, or an MCP request's `_meta`. */
export type TraceCarrier = Readonly<Record<string, unknown>>;

export type SpanAttributes = Record<string, string | number | boolean>;

/** How a span's work ended: an HTTP status, or the kind of failure (never a message or a body). */
export interface SpanOutcome {
  status?: number;
  error?: string;
}

/** One upstream attempt: the headers that carry the trace to the upstream, and the attempt's end. */
export interface UpstreamSpan {
  readonly headers: Readonly<Record<string, string>>;
  end(outcome: SpanOutcome): void;
}

/** The trace of one route or tool call, which its upstream calls continue. */
export interface RequestTrace {
  upstream(call: { operation: string; method: string; url: string; attempt: number }): UpstreamSpan;
}

export interface ServerSpan extends RequestTrace {
  end(outcome: SpanOutcome): void;
}

export interface Tracer {
  /** The server span of a REST route or MCP tool call, continuing the caller's trace when it sent one. */
  startServer(name: string, carrier: TraceCarrier, attributes: SpanAttributes): ServerSpan;
}

const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;
const ENDED: UpstreamSpan['end'] = () => undefined;

/**
 * With tracing off: no span, but a caller's W3C trace context travels on to the upstream unchanged,
 * so a traced caller's trace still reaches the API behind this service.
 */
export function passThrough(carrier: TraceCarrier): RequestTrace | undefined {
  const traceparent = carrier['traceparent'];
  if (typeof traceparent !== 'string' || !TRACEPARENT.test(traceparent)) return undefined;
  const tracestate = carrier['tracestate'];
  const headers: Record<string, string> = typeof tracestate === 'string' && tracestate.length <= 512 ? { traceparent, tracestate } : { traceparent };
  const span: UpstreamSpan = { headers, end: ENDED };
  return { upstream: () => span };
}

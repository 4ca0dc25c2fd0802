// `traces.local` of the control adapter: the last N ended spans, newest first, for GET /traces.
// A span processor with a fixed-size ring: memory stays bounded whatever the traffic.

import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace';

export interface SpanSummary {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: 'server' | 'client' | 'internal';
  startTime: string;
  durationMs: number;
  status: 'ok' | 'error';
  attributes: Record<string, unknown>;
}

export interface RecentSpans {
  readonly processor: SpanProcessor;
  list(): SpanSummary[];
}

const KINDS: Partial<Record<SpanKind, SpanSummary['kind']>> = { [SpanKind.SERVER]: 'server', [SpanKind.CLIENT]: 'client' };

function summary(span: ReadableSpan): SpanSummary {
  const { traceId, spanId } = span.spanContext();
  const [seconds, nanos] = span.startTime;
  const parent = span.parentSpanContext?.spanId;
  return {
    traceId,
    spanId,
    ...(parent ? { parentSpanId: parent } : {}),
    name: span.name,
    kind: KINDS[span.kind] ?? 'internal',
    startTime: new Date(seconds * 1000 + nanos / 1e6).toISOString(),
    durationMs: span.duration[0] * 1000 + span.duration[1] / 1e6,
    status: span.status.code === SpanStatusCode.ERROR ? 'error' : 'ok',
    attributes: { ...span.attributes },
  };
}

export function recentSpans(size: number): RecentSpans {
  const ring: (ReadableSpan | undefined)[] = new Array<ReadableSpan | undefined>(size);
  let next = 0;
  const processor: SpanProcessor = {
    onStart: () => undefined,
    onEnd: (span) => {
      ring[next] = span;
      next = (next + 1) % size;
    },
    forceFlush: () => Promise.resolve(),
    shutdown: () => Promise.resolve(),
  };
  const list = (): SpanSummary[] => {
    const spans: SpanSummary[] = [];
    for (let i = 1; i <= size; i += 1) {
      const span = ring[(next - i + size) % size];
      if (span) spans.push(summary(span));
    }
    return spans;
  };
  return { processor, list };
}

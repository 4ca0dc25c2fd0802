// `traces.propagation: b3`: outgoing calls carry the trace in Zipkin's single `b3` header.
import { B3Propagator } from '@opentelemetry/propagator-b3';
import type { TextMapPropagator } from '@opentelemetry/api';

export function b3Propagator(): TextMapPropagator {
  return new B3Propagator();
}

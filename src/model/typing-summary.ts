/** What `--openapi` achieved for one model's consumed operations: the figures `build` prints. */
import type { CapabilityModel, UpstreamOperation } from './types.js';

export interface OperationTyping {
  readonly ref: string;
  readonly matched: boolean;
  /** Whether the operation sends a body the caller supplies, and whether it got a schema. */
  readonly body?: 'typed' | 'untyped';
  readonly result: boolean;
}

export function typingSummary(model: CapabilityModel): OperationTyping[] {
  return model.upstreams.flatMap((u) => u.operations.map(operationTyping));
}

function operationTyping(op: UpstreamOperation): OperationTyping {
  const fields = op.params.filter((p) => p.in === 'template');
  const takesBody = op.body?.kind === 'input' || fields.length > 0;
  const typedBody = (op.body?.kind === 'input' && op.body.schema !== undefined) || fields.some((p) => p.schema !== undefined);
  return {
    ref: op.ref,
    matched: op.contract !== undefined,
    ...(takesBody ? { body: typedBody ? ('typed' as const) : ('untyped' as const) } : {}),
    result: op.contract?.result !== undefined,
  };
}

export interface TypingTotals {
  operations: number;
  matched: number;
  bodies: number;
  bodiesTyped: number;
  results: number;
}

export function typingTotals(all: readonly (readonly OperationTyping[])[]): TypingTotals {
  const totals = { operations: 0, matched: 0, bodies: 0, bodiesTyped: 0, results: 0 };
  for (const ops of all) {
    for (const op of ops) {
      totals.operations++;
      if (op.matched) totals.matched++;
      if (op.body) totals.bodies++;
      if (op.body === 'typed') totals.bodiesTyped++;
      if (op.result) totals.results++;
    }
  }
  return totals;
}

/** `matched 9 of 9 consumed operations (request bodies typed: 1 of 1; answers typed: 9)`. */
export function typingLine(t: TypingTotals): string {
  return `matched ${t.matched} of ${t.operations} consumed operations (request bodies typed: ${t.bodiesTyped} of ${t.bodies}; answers typed: ${t.results})`;
}

/**
 * ExposedOperation / McpTool come in modes: simple (`call` + `with`), mock (outputs with values
 * and no call) and orchestrated (`steps`, resolved in steps.ts); `ref` was already replaced by the
 * function it names (aggregates.ts).
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import { isMock, resolveOutputs } from './outputs.js';
import type { OutputNode } from './types.js';

interface OperationLike {
  readonly call?: string | undefined;
  readonly steps?: readonly unknown[] | undefined;
  readonly outputParameters?: readonly Record<string, unknown>[] | undefined;
}

export type OperationMode =
  | { readonly kind: 'call'; readonly ref: string; readonly output?: OutputNode }
  | { readonly kind: 'mock'; readonly output: OutputNode }
  /** Orchestrated: its outputParameters only declare the shape; `mappings` build the result. */
  | { readonly kind: 'steps'; readonly output?: undefined };

export function resolveMode(op: OperationLike, at: SpecPath, reporter: Reporter): OperationMode | undefined {
  if (op.steps !== undefined) return { kind: 'steps' };
  const output = resolveOutputs(op.outputParameters, [...at, 'outputParameters'], reporter);
  if (output === null) return undefined;
  if (op.call !== undefined) return { kind: 'call', ref: op.call, ...(output ? { output } : {}) };
  if (output && isMock(op.outputParameters)) return { kind: 'mock', output };
  reporter.at('NG2121', at, {});
  return undefined;
}

/**
 * ExposedOperation / McpTool come in modes: simple (`call` + `with`), mock (outputs with values
 * and no call) and orchestrated (`steps`); `ref` was already replaced by the function it names
 * (aggregates.ts). Orchestration is reported as not generated, never silently dropped.
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
  | { readonly kind: 'mock'; readonly output: OutputNode };

export function resolveMode(op: OperationLike, at: SpecPath, reporter: Reporter): OperationMode | undefined {
  if (op.steps !== undefined) {
    reporter.atKey('NG2301', [...at, 'steps'], { construct: 'orchestrated "steps"' });
    return undefined;
  }
  const output = resolveOutputs(op.outputParameters, [...at, 'outputParameters'], reporter);
  if (output === null) return undefined;
  if (op.call !== undefined) return { kind: 'call', ref: op.call, ...(output ? { output } : {}) };
  if (output && isMock(op.outputParameters)) return { kind: 'mock', output };
  reporter.at('NG2121', at, {});
  return undefined;
}

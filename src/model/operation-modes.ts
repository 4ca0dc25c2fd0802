/**
 * ExposedOperation / McpTool come in three modes (simple `call`, orchestrated `steps`, `ref` to an
 * aggregate) plus mocks (outputs with `value` and no call). This version generates the simple mode
 * with pass-through outputs; every other mode is reported, never silently dropped.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';

interface OperationLike {
  readonly call?: string | undefined;
  readonly steps?: readonly unknown[] | undefined;
  readonly ref?: string | undefined;
  readonly outputParameters?: readonly Record<string, unknown>[] | undefined;
}

export function checkSimpleMode(op: OperationLike, at: SpecPath, reporter: Reporter): boolean {
  if (op.steps !== undefined) {
    reporter.atKey('NG2301', [...at, 'steps'], { construct: 'orchestrated "steps"' });
    return false;
  }
  if (op.ref !== undefined) {
    reporter.atKey('NG2301', [...at, 'ref'], { construct: '"ref" to an aggregate function' });
    return false;
  }
  if (op.call === undefined) {
    reporter.at('NG2301', at, { construct: 'an operation without "call" (mock outputs)' });
    return false;
  }
  return checkPassThroughOutputs(op.outputParameters, [...at, 'outputParameters'], reporter);
}

/** `{type: object|array, mapping: $.}` (or `$`) passes the upstream JSON through (Part A rule 6). */
function checkPassThroughOutputs(outputs: OperationLike['outputParameters'], at: SpecPath, reporter: Reporter): boolean {
  let ok = true;
  outputs?.forEach((o, i) => {
    const passThrough =
      (o.type === 'object' || o.type === 'array') &&
      (o.mapping === undefined || o.mapping === '$' || o.mapping === '$.') &&
      o.properties === undefined &&
      o.items === undefined &&
      o.value === undefined &&
      o.const === undefined;
    if (!passThrough) {
      reporter.at('NG2301', [...at, i], { construct: 'mapped "outputParameters"' });
      ok = false;
    }
  });
  return ok;
}

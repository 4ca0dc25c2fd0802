/**
 * `aggregates` and `ref` (1.0.0-alpha2): a function is defined once and referenced by tools and
 * REST operations, which inherit its fields; their own fields win. `semantics` become MCP hints
 * (safe: read-only and not destructive; idempotent: idempotent).
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { Spec, SpecFunctionT } from '../formats/spec.js';
import { suggest } from '../util/names.js';

/** Functions by `namespace.name`, with where each is declared. */
export type FunctionIndex = ReadonlyMap<string, { readonly fn: SpecFunctionT; readonly at: SpecPath }>;

export function indexFunctions(spec: Spec): FunctionIndex {
  const index = new Map<string, { fn: SpecFunctionT; at: SpecPath }>();
  spec.capability?.aggregates?.forEach((aggregate, ai) =>
    aggregate.functions.forEach((fn, fi) => index.set(`${aggregate.namespace}.${fn.name}`, { fn, at: ['capability', 'aggregates', ai, 'functions', fi] })),
  );
  return index;
}

interface Referring {
  readonly ref?: string | undefined;
  readonly hints?: Readonly<Record<string, boolean | undefined>> | undefined;
}

/**
 * The tool or operation with the referenced function's fields filled in, or undefined on error;
 * `withAt` is where its `with` entries are written (the function's, when inherited).
 */
export function applyRef<T extends Referring & { readonly with?: unknown }>(
  item: T,
  at: SpecPath,
  functions: FunctionIndex,
  reporter: Reporter,
  forTool: boolean,
): (T & { readonly withAt: SpecPath }) | undefined {
  if (item.ref === undefined) return { ...item, withAt: at };
  const found = functions.get(item.ref);
  if (!found) {
    reporter.atKey('NG2128', [...at, 'ref'], { ref: item.ref, suggestion: suggest(item.ref, [...functions.keys()]) });
    return undefined;
  }
  const { fn } = found;
  const inherited: Record<string, unknown> = {
    description: fn.description,
    call: fn.call,
    with: fn.with,
    steps: fn.steps,
    mappings: fn.mappings,
    outputParameters: fn.outputParameters,
    tags: fn.tags,
    outputMediaType: fn.outputMediaType,
    ...(forTool ? { name: fn.name, inputParameters: fn.inputParameters, hints: hintsOf(fn.semantics) } : {}),
  };
  const merged = { ...item } as Record<string, unknown>;
  delete merged.ref;
  for (const [key, value] of Object.entries(inherited)) if (merged[key] === undefined && value !== undefined) merged[key] = value;
  if (forTool && item.hints && inherited.hints) merged.hints = { ...(inherited.hints as object), ...item.hints };
  return { ...(merged as unknown as T), withAt: item.with === undefined && fn.with !== undefined ? found.at : at };
}

function hintsOf(semantics: SpecFunctionT['semantics']): Record<string, boolean> | undefined {
  if (!semantics) return undefined;
  const hints: Record<string, boolean> = {};
  if (semantics.safe !== undefined) {
    hints.readOnly = semantics.safe;
    if (semantics.safe) hints.destructive = false;
  }
  if (semantics.idempotent !== undefined) hints.idempotent = semantics.idempotent;
  return hints;
}

/**
 * OpenAPI document text -> plain data. Pure. JSON goes through JSON.parse (a 10 MB document in
 * ~0.1 s); YAML through js-yaml, about three times faster than the `yaml` package the specs use,
 * because positions are only needed when something is reported (see locate.ts).
 * Hostile input is bounded: nesting depth and aliases at parse time, cycles and alias expansion
 * right after (js-yaml makes aliases shared objects, so `&a [*a]` is a cyclic value).
 */
import { load, YAMLException } from 'js-yaml';

/** Deepest nesting of a document (real ones stay under 40: paths, content, schemas, properties). */
export const MAX_DOCUMENT_DEPTH = 256;
const MAX_ALIASES = 1000;
/** Values the document may expand to through aliases, counted as if each alias were a copy. */
const MAX_EXPANDED_NODES = 5_000_000;

export interface ParseProblem {
  readonly message: string;
  readonly line: number;
  readonly col: number;
}

export type Parsed = { readonly value: unknown } | { readonly problem: ParseProblem };

export function parseDocumentText(text: string): Parsed {
  const body = text.replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = /^\s*[{[]/.test(body) ? JSON.parse(body) : undefined;
  } catch {
    // Not strict JSON (comments, trailing commas...): YAML's flow syntax may still read it.
  }
  try {
    value ??= load(body, { maxDepth: MAX_DOCUMENT_DEPTH, maxAliases: MAX_ALIASES });
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = error.mark;
      return { problem: { message: error.reason, line: (mark?.line ?? 0) + 1, col: (mark?.column ?? 0) + 1 } };
    }
    if (error instanceof RangeError) return { problem: { message: `nesting deeper than ${MAX_DOCUMENT_DEPTH} levels`, line: 1, col: 1 } };
    return { problem: { message: (error as Error).message, line: 1, col: 1 } };
  }
  const shape = shapeProblem(value);
  return shape ? { problem: { message: shape, line: 1, col: 1 } } : { value };
}

/**
 * Nesting too deep (JSON.parse has no limit), a cycle (an alias inside its own anchor) or an alias
 * "bomb", found without recursion.
 */
function shapeProblem(root: unknown): string | undefined {
  let expanded = 0;
  const onPath = new Set<object>();
  const stack: Array<{ node: unknown; depth: number; leave: boolean }> = [{ node: root, depth: 1, leave: false }];
  while (stack.length > 0) {
    const { node, depth, leave } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (leave) {
      onPath.delete(node);
      continue;
    }
    if (depth > MAX_DOCUMENT_DEPTH) return `nesting deeper than ${MAX_DOCUMENT_DEPTH} levels`;
    if (onPath.has(node)) return 'an alias refers to a node that contains it (a cycle)';
    if (++expanded > MAX_EXPANDED_NODES) return `aliases expand the document to more than ${MAX_EXPANDED_NODES} nodes`;
    onPath.add(node);
    stack.push({ node, depth, leave: true });
    for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: depth + 1, leave: false });
  }
  return undefined;
}

/** What kind of document a parsed file is, from its version field. */
export type DocumentKind =
  | { readonly kind: 'openapi'; readonly version: '3.0' | '3.1' | '3.2' }
  | { readonly kind: 'skipped'; readonly reason: string };

export function documentKind(value: unknown): DocumentKind {
  if (!isRecord(value)) return { kind: 'skipped', reason: 'not a mapping' };
  if (typeof value['swagger'] === 'string' || typeof value['swagger'] === 'number') {
    return { kind: 'skipped', reason: `Swagger ${String(value['swagger'])} documents are not read (convert it to OpenAPI 3)` };
  }
  const version = value['openapi'];
  if (version === undefined) return { kind: 'skipped', reason: 'no "openapi" version: not an OpenAPI document' };
  const match = /^3\.([0-2])(?:\.\d+)?(?:-[\w.]+)?$/.exec(String(version));
  if (!match) return { kind: 'skipped', reason: `OpenAPI ${String(version)} is not read (3.0, 3.1 and 3.2 are)` };
  if (!isRecord(value['paths']) && !isRecord(value['components']) && !isRecord(value['webhooks'])) {
    return { kind: 'skipped', reason: 'an OpenAPI document without paths or components' };
  }
  return { kind: 'openapi', version: `3.${match[1]}` as '3.0' | '3.1' | '3.2' };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

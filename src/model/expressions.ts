/** Parsers for the small expression languages inside spec strings. */
import type { ValueExpr } from './types.js';

export type PathPart = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'param'; readonly name: string };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}|\{([^{}]*)\}/g;
const PARAM_NAME = /^[A-Za-z0-9_.$-]+$/;

/** Splits a path template; `{x}` and `{{x}}` both mark a parameter (format.md Part A rule 3). */
export function parsePathTemplate(path: string): { parts: PathPart[]; invalid: string[] } {
  const parts: PathPart[] = [];
  const invalid: string[] = [];
  let last = 0;
  for (const m of path.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push({ kind: 'text', text: path.slice(last, m.index) });
    const name = (m[1] ?? m[2] ?? '').trim();
    if (PARAM_NAME.test(name)) parts.push({ kind: 'param', name });
    else invalid.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < path.length) parts.push({ kind: 'text', text: path.slice(last) });
  return { parts, invalid };
}

export function pathParamNames(parts: readonly PathPart[]): string[] {
  return parts.flatMap((p) => (p.kind === 'param' ? [p.name] : []));
}

/**
 * A `with` value (format.md Part A rule 2): `rest.X`, `tools.X`, `<exposeNamespace>.X` and
 * `{{X}}` name the caller's input X; anything else (and every number or boolean) is a literal.
 */
export function parseWithValue(
  value: string | number | boolean | readonly (string | number | boolean)[],
  exposeNamespace: string,
): { kind: 'input'; name: string } | { kind: 'literal'; value: string | number | boolean | readonly (string | number | boolean)[] } {
  if (typeof value !== 'string') return { kind: 'literal', value };
  const mustache = /^\{\{\s*([^{}\s]+)\s*\}\}$/.exec(value);
  if (mustache) return { kind: 'input', name: mustache[1]! };
  for (const prefix of ['rest.', 'tools.', `${exposeNamespace}.`]) {
    if (value.startsWith(prefix) && value.length > prefix.length) return { kind: 'input', name: value.slice(prefix.length) };
  }
  return { kind: 'literal', value };
}

/**
 * A string with `{{VAR}}` / `{{env.VAR}}` / `{{ns.VAR}}` references to bind variables.
 * `resolveVariable` maps a variable to its environment variable name.
 */
export function parseTemplate(text: string, resolveVariable: (qualifier: string | undefined, name: string) => string): ValueExpr {
  const parts: { kind: 'text'; text: string }[] | ValueExpr[number][] = [];
  const out = parts as ValueExpr[number][];
  let last = 0;
  for (const m of text.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    const ref = m[1]!;
    const dot = ref.lastIndexOf('.');
    const qualifier = dot > 0 ? ref.slice(0, dot) : undefined;
    out.push({ kind: 'env', name: resolveVariable(qualifier, dot > 0 ? ref.slice(dot + 1) : ref) });
    last = m.index + m[0].length;
  }
  if (last < text.length || out.length === 0) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}

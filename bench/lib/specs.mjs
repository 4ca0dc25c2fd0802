// Counting what a capability or an OpenAPI document defines, for "time per operation".
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Consumed operations (one typed client function each) and exposed REST operations / MCP tools. */
export function countCapability(file) {
  let doc;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch {
    return { consumed: 0, rest: 0, mcp: 0 };
  }
  const cap = doc?.capability ?? {};
  let consumed = 0;
  for (const c of cap.consumes ?? []) for (const r of c?.resources ?? []) consumed += (r?.operations ?? []).length;
  let rest = 0;
  let mcp = 0;
  for (const e of cap.exposes ?? []) {
    if (e?.type === 'rest') for (const r of e.resources ?? []) rest += (r?.operations ?? []).length;
    if (e?.type === 'mcp') mcp += (e.tools ?? []).length;
  }
  return { consumed, rest, mcp };
}

export function countOpenApiOperations(file) {
  const doc = parse(readFileSync(file, 'utf8'));
  let n = 0;
  for (const item of Object.values(doc.paths ?? {})) for (const key of Object.keys(item ?? {})) if (HTTP_METHODS.has(key)) n++;
  return n;
}

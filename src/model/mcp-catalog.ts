/** MCP `resources` (read through a consumed operation) and `prompts` (message templates). */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { SpecExposesMcpT } from '../formats/spec.js';
import { bindArguments, checkInputNames, resolveCallTarget, type InputSpace, type SurfaceContext, type Target } from './bindings.js';
import { resolveOutputs, type OutputNamer } from './outputs.js';
import { checkMcpRegistryKey } from './protocol-names.js';
import type { McpPrompt, McpResource, TemplatePart, ValueType } from './types.js';

type SpecResource = NonNullable<SpecExposesMcpT['resources']>[number];
type SpecPrompt = NonNullable<SpecExposesMcpT['prompts']>[number];

export function resolveResources(mcp: SpecExposesMcpT, path: SpecPath, namespace: string, ctx: SurfaceContext, outputs: OutputNamer): McpResource[] {
  return (mcp.resources ?? []).flatMap((r, i) => resolveResource(r, [...path, 'resources', i], namespace, ctx, outputs) ?? []);
}

function resolveResource(r: SpecResource, at: SpecPath, namespace: string, ctx: SurfaceContext, outputs: OutputNamer): McpResource | undefined {
  if (r.call === undefined) return r.location !== undefined ? staticResource(r, r.location, at, ctx) : unsupported(at, ctx);
  const target = resolveCallTarget(r.call, ctx, [...at, 'call']);
  const output = resolveOutputs(r.outputParameters, [...at, 'outputParameters'], ctx.reporter);
  if (!target || output === null) return undefined;
  const binary = target.op.responseFormat === 'binary';
  if (r.binary && !binary) return void ctx.reporter.atKey('NG2405', [...at, 'binary'], { what: 'a binary resource', call: target.op.ref });
  if (binary && output) return void ctx.reporter.at('NG2406', [...at, 'outputParameters'], { call: target.op.ref });
  const variables = [...r.uri.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!);
  if (!checkInputNames(variables, [...at, 'uri'], ctx.reporter)) return undefined;
  // The SDK registers a templated resource by name, a fixed one by URI.
  const registrable = variables.length > 0 ? checkMcpRegistryKey(r.name, 'resource template', [...at, 'name'], ctx.reporter) : checkMcpRegistryKey(r.uri, 'resource URI', [...at, 'uri'], ctx.reporter);
  if (!registrable) return undefined;
  const args = bindArguments(target.op, withUriVariables(r.with, variables), namespace, new UriVariables(variables), at, ctx.reporter);
  // A tool or route takes what no URI or `with` supplies as caller input; a resource has no other input.
  const missing = target.op.params.filter((p) => p.required && !args.some((a) => a.target === p.name));
  missing.forEach((p) => ctx.reporter.at('NG3054', r.with ? [...at, 'with'] : [...at, 'uri'], { param: p.name, op: target.op.ref }));
  if (missing.length > 0) return undefined;
  return {
    name: r.name,
    ...(r.label ? { title: r.label } : {}),
    description: r.description ?? r.label ?? r.name,
    uri: r.uri,
    mimeType: r.mimeType ?? (binary ? (target.op.mediaType ?? 'application/octet-stream') : 'application/json'),
    variables,
    call: target.call,
    args,
    ...(output ? { output: outputs.name(r.name, output) } : {}),
  };
}

/**
 * `with: { id: "{id}" }`, the URI template's own spelling (the engine's binary-content example
 * writes it so), names the URI variable, as `{{id}}` does; any other text stays a literal.
 */
function withUriVariables(withMap: SpecResource['with'], variables: readonly string[]): SpecResource['with'] {
  if (!withMap) return withMap;
  const entries = Object.entries(withMap).map(([key, value]) => {
    const variable = typeof value === 'string' ? /^\{([A-Za-z0-9_]+)\}$/.exec(value)?.[1] : undefined;
    return [key, variable !== undefined && variables.includes(variable) ? `{{${variable}}}` : value] as const;
  });
  return Object.fromEntries(entries);
}

function unsupported(at: SpecPath, ctx: SurfaceContext): undefined {
  ctx.reporter.at('NG2301', at, { construct: 'MCP resources without "call" or "location"' });
  return undefined;
}

/** A static resource: the file at `location` (relative, inside the input directory) becomes its text. */
function staticResource(r: SpecResource, location: string, at: SpecPath, ctx: SurfaceContext): McpResource | undefined {
  if (!checkMcpRegistryKey(r.uri, 'resource URI', [...at, 'uri'], ctx.reporter)) return undefined;
  const read = ctx.files?.(ctx.reporter.source.file, location) ?? { error: 'files cannot be read here' };
  if ('error' in read) {
    ctx.reporter.atKey('NG2118', [...at, 'location'], { location, reason: read.error });
    return undefined;
  }
  const base = { name: r.name, ...(r.label ? { title: r.label } : {}), description: r.description ?? r.label ?? r.name };
  return { ...base, uri: r.uri, mimeType: r.mimeType ?? 'text/plain', variables: [], args: [], text: read.text };
}

/** A resource's inputs are its URI template variables; nothing else can be supplied. */
class UriVariables implements InputSpace {
  constructor(private readonly variables: readonly string[]) {}

  typeOf(): ValueType {
    return 'string';
  }

  isRequired(): boolean {
    return true;
  }

  declares(name: string): boolean {
    return this.variables.includes(name);
  }

  fromWith(name: string): string | undefined {
    return this.variables.includes(name) ? name : undefined;
  }

  unbound(target: Target): string | undefined {
    return this.variables.includes(target.name) ? target.name : undefined;
  }
  /** Resource variables are URI text: they stay untyped. */
  adopt(): void {}
}

export function resolvePrompts(mcp: SpecExposesMcpT, path: SpecPath, ctx: SurfaceContext): McpPrompt[] {
  return (mcp.prompts ?? []).flatMap((p, i) => resolvePrompt(p, [...path, 'prompts', i], ctx) ?? []);
}

function resolvePrompt(p: SpecPrompt, at: SpecPath, ctx: SurfaceContext): McpPrompt | undefined {
  if (p.template === undefined) {
    ctx.reporter.at('NG2301', at, { construct: p.location !== undefined ? 'MCP prompts read from a "location"' : 'MCP prompts without "template"' });
    return undefined;
  }
  const args = (p.arguments ?? []).map((a) => ({ name: a.name, required: a.required ?? true, ...(a.description ? { description: a.description } : {}) }));
  const known = new Set(args.map((a) => a.name));
  let ok = checkInputNames([...known], at, ctx.reporter);
  if (!checkMcpRegistryKey(p.name, 'prompt', [...at, 'name'], ctx.reporter)) ok = false;
  const messages = p.template.map((m, mi) => {
    const text: TemplatePart[] = [];
    let last = 0;
    for (const ref of m.content.matchAll(/\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g)) {
      if (ref.index > last) text.push({ kind: 'text', text: m.content.slice(last, ref.index) });
      const name = ref[1]!;
      if (!known.has(name)) {
        ctx.reporter.at('NG2132', [...at, 'template', mi, 'content'], { name, candidates: [...known] });
        ok = false;
      }
      text.push({ kind: 'input', name });
      last = ref.index + ref[0].length;
    }
    if (last < m.content.length) text.push({ kind: 'text', text: m.content.slice(last) });
    return { role: m.role, text };
  });
  if (!ok) return undefined;
  return { name: p.name, ...(p.label ? { title: p.label } : {}), description: p.description ?? p.label ?? p.name, arguments: args, messages };
}

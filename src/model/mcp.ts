/** Resolution pass: the MCP adapter -> McpSurface (tools, input schemas, annotations, bindings). */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SpecExposesMcpT, SpecToolT } from '../formats/spec.js';
import { matchName } from '../util/names.js';
import { checkMcpRegistryKey } from './protocol-names.js';
import { applyRef } from './aggregates.js';
import { resolveInboundAuth } from './auth.js';
import { bindArguments, checkInputNames, resolveCallTarget, type InputSpace, type SurfaceContext, type Target } from './bindings.js';
import { resolvePrompts, resolveResources } from './mcp-catalog.js';
import { resolveMode } from './operation-modes.js';
import { OutputNamer } from './outputs.js';
import { resolveOrchestration } from './steps.js';
import { adapterBinaryLimit, binaryAnswer } from './binary.js';
import { resultShape, typeInvocation } from './typed-results.js';
import { affixed, camelCase, Uniquer } from './naming.js';
import type { McpSurface, McpTool, ToolAnnotations, ToolInput, TypedSchema, ValueType } from './types.js';

/** What MCP clients accept as a tool name (format.md Part A rule 11). */
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export function resolveMcp(mcp: SpecExposesMcpT, path: SpecPath, ctx: SurfaceContext): McpSurface | undefined {
  const { reporter } = ctx;
  if (mcp.transport === 'stdio' && mcp.port !== undefined) reporter.atKey('NG2129', [...path, 'port'], {});
  if (mcp.transport === 'stdio' && mcp.authentication !== undefined) {
    reporter.atKey('NG2302', [...path, 'authentication'], { construct: 'authentication on a stdio MCP adapter (the client starts the process)' });
  }
  if (mcp.transport === 'http' && mcp.port === undefined) {
    reporter.at('NG1002', path, { key: 'port' });
    return undefined;
  }
  const seen = new Map<string, SpecPath>();
  // Tools and resources share one generated outputs module, so one namer.
  const outputs = new OutputNamer();
  const resultSchemas = new Uniquer();
  const tools = (mcp.tools ?? []).flatMap((original, ti) => {
    const at = [...path, 'tools', ti];
    const spec = applyRef(original, at, ctx.functions, reporter, true);
    if (!spec) return [];
    if (spec.name === undefined) {
      reporter.at('NG1002', at, { key: 'name' });
      return [];
    }
    const tool = { ...spec, name: spec.name };
    const first = seen.get(tool.name);
    if (first) {
      reporter.at('NG2106', [...at, 'name'], { name: tool.name, first: reporter.where(first) });
      return [];
    }
    seen.set(tool.name, [...at, 'name']);
    if (!TOOL_NAME.test(tool.name)) reporter.at('NG2107', [...at, 'name'], { name: tool.name });
    checkMcpRegistryKey(tool.name, 'tool', [...at, 'name'], reporter);
    return resolveTool(tool, at, mcp.namespace, ctx, outputs, resultSchemas) ?? [];
  });
  const auth = mcp.transport === 'http' ? resolveInboundAuth(mcp.authentication, [...path, 'authentication'], ctx.env, reporter, { namespace: mcp.namespace, openapi: false }) : undefined;
  return {
    namespace: mcp.namespace,
    transport: mcp.transport,
    ...(mcp.transport === 'http' && mcp.port !== undefined ? { port: mcp.port } : {}),
    ...(auth ? { auth } : {}),
    ...(mcp.description ? { description: mcp.description } : {}),
    ...cacheHintOf(mcp, path, reporter),
    ...adapterBinaryLimit(mcp.maxBinarySize),
    tools,
    resources: resolveResources(mcp, path, mcp.namespace, ctx, outputs),
    prompts: resolvePrompts(mcp, path, ctx),
  };
}

function resolveTool(
  tool: SpecToolT & { name: string; withAt: SpecPath },
  at: SpecPath,
  namespace: string,
  ctx: SurfaceContext,
  outputs: OutputNamer,
  resultSchemas: Uniquer,
): McpTool | undefined {
  const { reporter } = ctx;
  const mode = resolveMode(tool, at, reporter);
  if (!mode) return undefined;
  const target = mode.kind === 'call' ? resolveCallTarget(mode.ref, ctx, [...at, 'call']) : undefined;
  if (mode.kind === 'call' && !target) return undefined;
  const inputs = new ToolInputs(tool, at, reporter);
  const args = target ? bindArguments(target.op, tool.with, namespace, inputs, at, reporter, tool.withAt) : [];
  const orchestration = mode.kind === 'steps' ? resolveOrchestration(tool, at, namespace, inputs, ctx) : undefined;
  if (mode.kind === 'steps' && !orchestration) return undefined;
  if (!checkInputNames(inputs.list().map((i) => i.name), at, reporter)) return undefined;
  const binary = binaryAnswer({ outputMediaType: (tool as { outputMediaType?: string }).outputMediaType }, target?.op, at, reporter);
  if (binary && mode.output) return void reporter.at('NG2406', [...at, 'outputParameters'], { call: target!.op.ref });
  // Bytes are never typed from a contract: they pass on as they are.
  const typed = mode.kind === 'call' && !binary ? typeInvocation(target?.op, mode.output, ctx.schemas) : {};
  const output = typed.outputNode ?? mode.output;
  const shape = typed.typedResult && ctx.schemas ? resultShape(typed.typedResult, ctx.schemas.lookup) : undefined;
  return {
    name: tool.name,
    ...(tool.tags?.length ? { tags: [...new Set(tool.tags)] } : {}),
    ...(tool.label ? { title: tool.label } : {}),
    description: tool.description ?? tool.label ?? target?.op.description ?? tool.name,
    annotations: annotationsOf(tool.hints),
    inputs: inputs.list(),
    ...(target ? { call: target.call } : {}),
    args,
    ...(output ? { output: outputs.name(tool.name, output) } : {}),
    ...(typed.typedResult ? { typedResult: typed.typedResult } : {}),
    ...(shape ? { resultShape: shape, resultSchemaName: resultSchemas.claimIdent(affixed('', camelCase(tool.name), 'ResultSchema')) } : {}),
    ...(orchestration ? { orchestration } : {}),
    ...(binary ? { binary } : {}),
  };
}

/** `ttlMs` / `cacheScope`; a negative lifetime is an error (the protocol allows none). */
function cacheHintOf(mcp: SpecExposesMcpT, path: SpecPath, reporter: Reporter): { cacheHint?: McpSurface['cacheHint'] } {
  if (mcp.ttlMs !== undefined && (mcp.ttlMs < 0 || !Number.isSafeInteger(mcp.ttlMs))) {
    reporter.at('NG2404', [...path, 'ttlMs'], { value: mcp.ttlMs });
    return {};
  }
  if (mcp.ttlMs === undefined && mcp.cacheScope === undefined) return {};
  return { cacheHint: { ...(mcp.ttlMs !== undefined ? { ttlMs: mcp.ttlMs } : {}), ...(mcp.cacheScope ? { cacheScope: mcp.cacheScope } : {}) } };
}

/** Every hint explicit: MCP's defaults are readOnly false, destructive true, idempotent false, openWorld true. */
function annotationsOf(hints: SpecToolT['hints']): ToolAnnotations {
  const readOnly = hints?.readOnly ?? false;
  return {
    readOnlyHint: readOnly,
    destructiveHint: hints?.destructive ?? !readOnly,
    idempotentHint: hints?.idempotent ?? readOnly,
    openWorldHint: hints?.openWorld ?? true,
  };
}

/**
 * Tool inputs: the declared `inputParameters` (required by default) when present, else derived
 * from the consumed parameters the tool reaches (Part A rule 5).
 */
class ToolInputs implements InputSpace {
  private readonly inputs = new Map<string, ToolInput>();
  private readonly declared: boolean;

  constructor(tool: SpecToolT & { name: string }, at: SpecPath, private readonly reporter: Reporter) {
    this.declared = tool.inputParameters !== undefined;
    tool.inputParameters?.forEach((p, k) => {
      if (this.inputs.has(p.name)) reporter.at('NG2114', [...at, 'inputParameters', k, 'name'], { param: p.name, op: tool.name });
      this.inputs.set(p.name, {
        name: p.name,
        type: p.type ?? 'string',
        required: p.required ?? true,
        ...(p.description ? { description: p.description } : {}),
      });
    });
  }

  fromWith(name: string, target: Target, at: SpecPath): string | undefined {
    const found = this.find(name);
    if (found) return found;
    if (this.declared) {
      this.reporter.at('NG2115', at, { name, candidates: [...this.inputs.keys()] });
      return undefined;
    }
    return this.add(name, target);
  }

  unbound(target: Target, at: SpecPath): string | undefined {
    const found = this.find(target.name);
    if (found) return found;
    if (!this.declared) return this.add(target.name, target);
    if (target.in === 'path') this.reporter.at('NG2103', at, { param: target.name, op: target.op });
    else if (target.required) {
      // The upstream needs it; a tool that forgot to declare it still has to take it.
      this.reporter.at('NG2123', at, { param: target.name, op: target.op });
      return this.add(target.name, target);
    }
    return undefined;
  }

  /** Declared inputs match across spellings; derived ones are keyed by their exact name. */
  private find(name: string): string | undefined {
    if (!this.declared) return this.inputs.has(name) ? name : undefined;
    const found = matchName(name, [...this.inputs.values()], (i) => i.name);
    return found.kind === 'found' ? found.item.name : undefined;
  }

  list(): ToolInput[] {
    return [...this.inputs.values()];
  }

  adopt(key: string, schema: TypedSchema): void {
    const input = this.inputs.get(key);
    if (input && !input.schema) this.inputs.set(key, { ...input, schema });
  }

  isRequired(key: string): boolean {
    return this.inputs.get(key)?.required ?? false;
  }

  typeOf(key: string): ValueType {
    return this.inputs.get(key)?.type ?? 'any';
  }

  declares(name: string): boolean {
    return this.declared && this.inputs.has(name);
  }

  private add(name: string, target: Target): string {
    if (!this.inputs.has(name)) {
      const required = target.required || target.in === 'path';
      this.inputs.set(name, { name, type: target.type, required, ...(target.description ? { description: target.description } : {}) });
    }
    return name;
  }
}

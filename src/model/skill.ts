/**
 * Resolution pass: the `skill` adapter -> SkillSurface, a read-only catalogue. Tools `from` a
 * sibling adapter are checked against the resolved REST routes and MCP tools; SKILL.md and
 * instruction files are read from `location` at generation time, confined like imports.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { SpecExposesSkillT } from '../formats/spec.js';
import { suggest } from '../util/names.js';
import { resolveUpstreamAuth } from './auth.js';
import type { SurfaceContext } from './bindings.js';
import type { FrontmatterValue, McpSurface, RestSurface, Skill, SkillInvocation, SkillSurface, SkillTool } from './types.js';

type SpecSkill = NonNullable<SpecExposesSkillT['skills']>[number];
type SpecSkillTool = NonNullable<SpecSkill['tools']>[number];

export interface Siblings {
  readonly rest?: RestSurface | undefined;
  readonly mcp?: McpSurface | undefined;
}

/** The Agent Skills frontmatter fields, in the order SKILL.md writes them. */
const FRONTMATTER = ['license', 'compatibility', 'metadata', 'allowed-tools', 'argument-hint', 'user-invocable', 'disable-model-invocation'] as const;

/** `instruction` paths: relative, made of these segments only (the schema's rule for script files). */
const SEGMENT = /^[a-zA-Z0-9._-]+$/;

export function resolveSkill(spec: SpecExposesSkillT, path: SpecPath, siblings: Siblings, ctx: SurfaceContext): SkillSurface | undefined {
  const { reporter } = ctx;
  if (spec.port === undefined || spec.skills === undefined) {
    const what = `skill adapter "${spec.namespace}" has no "${spec.port === undefined ? 'port' : 'skills'}"`;
    reporter.atKey('NG1120', [...path, 'type'], { what, consequence: 'the adapter is not generated' });
    return undefined;
  }
  const skills = spec.skills.map((s, i) => resolveOne(s, [...path, 'skills', i], siblings, ctx));
  const auth = resolveUpstreamAuth(spec.authentication, [...path, 'authentication'], ctx.env, reporter, 'inbound');
  return {
    namespace: spec.namespace,
    port: spec.port,
    ...(auth.kind !== 'none' && auth.kind !== 'digest' ? { auth } : {}),
    ...(spec.description ? { description: spec.description } : {}),
    skills,
  };
}

function resolveOne(s: SpecSkill, at: SpecPath, siblings: Siblings, ctx: SurfaceContext): Skill {
  const description = s.description ?? s.name;
  const frontmatter: [string, FrontmatterValue][] = [
    ['name', s.name],
    ['description', description],
  ];
  for (const key of FRONTMATTER) {
    const value = s[key];
    if (value !== undefined) frontmatter.push([key, value]);
  }
  const tools = (s.tools ?? []).flatMap((t, i) => resolveTool(t, [...at, 'tools', i], s.location, siblings, ctx) ?? []);
  const document = s.location === undefined ? undefined : readDocument(s.location, [...at, 'location'], ctx);
  return { name: s.name, description, frontmatter, tools, ...(document !== undefined ? { document } : {}) };
}

function resolveTool(t: SpecSkillTool, at: SpecPath, location: string | undefined, siblings: Siblings, ctx: SurfaceContext): SkillTool | undefined {
  const base = { name: t.name, description: t.description ?? t.name };
  if (t.from !== undefined) {
    const invocation = fromSibling(t.from, [...at, 'from'], siblings, ctx);
    return invocation && { ...base, invocation };
  }
  if (t.instruction !== undefined) {
    const invocation = readInstruction(t.instruction, location, at, ctx);
    return invocation && { ...base, invocation };
  }
  const what = `skill tool "${t.name}" has neither "from" nor "instruction"`;
  ctx.reporter.atKey('NG1120', [...at, 'name'], { what, consequence: 'it is listed with its description only' });
  return { ...base, invocation: { kind: 'none' } };
}

function fromSibling(from: { sourceNamespace: string; action: string }, at: SpecPath, siblings: Siblings, ctx: SurfaceContext): SkillInvocation | undefined {
  const { rest, mcp } = siblings;
  const { sourceNamespace: namespace, action } = from;
  if (rest?.namespace === namespace) {
    const route = rest.routes.find((r) => r.operationId === action);
    if (route) return { kind: 'rest', namespace, method: route.method, path: route.openApiPath };
    return unknownAction(action, `an operation of the REST adapter "${namespace}"`, rest.routes.map((r) => r.operationId), at, ctx);
  }
  if (mcp?.namespace === namespace) {
    if (mcp.tools.some((tool) => tool.name === action)) return { kind: 'mcp', namespace, tool: action };
    return unknownAction(action, `a tool of the MCP adapter "${namespace}"`, mcp.tools.map((tool) => tool.name), at, ctx);
  }
  const known = [rest?.namespace, mcp?.namespace].filter((n) => n !== undefined);
  ctx.reporter.at('NG2140', [...at, 'sourceNamespace'], { namespace, suggestion: suggest(namespace, known) });
  return undefined;
}

function unknownAction(action: string, adapter: string, known: readonly string[], at: SpecPath, ctx: SurfaceContext): undefined {
  ctx.reporter.at('NG2141', [...at, 'action'], { action, adapter, known, suggestion: suggest(action, known) });
  return undefined;
}

function readInstruction(file: string, location: string | undefined, at: SpecPath, ctx: SurfaceContext): SkillInvocation | undefined {
  if (location === undefined) {
    ctx.reporter.atKey('NG2142', [...at, 'instruction'], {});
    return undefined;
  }
  const segments = file.split('/');
  if (!segments.every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..')) {
    ctx.reporter.at('NG2143', [...at, 'instruction'], { file });
    return undefined;
  }
  const read = ctx.files?.(ctx.reporter.source.file, inside(location, file)) ?? { error: 'files cannot be read here' };
  if ('error' in read) {
    ctx.reporter.at('NG2118', [...at, 'instruction'], { location: inside(location, file), reason: read.error });
    return undefined;
  }
  return { kind: 'instruction', file, text: read.text };
}

/** SKILL.md of the directory, or undefined (rendered from the spec) with a warning saying why. */
function readDocument(location: string, at: SpecPath, ctx: SurfaceContext): string | undefined {
  const read = ctx.files?.(ctx.reporter.source.file, inside(location, 'SKILL.md')) ?? { error: 'files cannot be read here' };
  if ('text' in read) return read.text;
  ctx.reporter.at('NG2311', at, { location: inside(location, 'SKILL.md'), reason: read.error });
  return undefined;
}

function inside(directory: string, file: string): string {
  return `${directory.replace(/\/+$/, '')}/${file}`;
}

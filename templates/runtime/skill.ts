// The skill adapter (`exposes[].type: skill`): a read-only catalogue of Agent Skills. It lists
// skills, describes how to invoke each tool through its sibling adapter, and serves SKILL.md. It
// executes nothing.

import express from 'express';
import type { Express, Response } from 'express';
import { requireAuth, type InboundAuth } from './auth.js';
import type { Logger } from './log.js';
import { problem, sendProblem } from './problem.js';

export type FrontmatterValue = string | boolean | Readonly<Record<string, string>>;

export type SkillInvocation =
  | { type: 'mcp'; namespace: string; tool: string }
  | { type: 'rest'; namespace: string; method: string; path: string }
  | { type: 'instruction'; file: string; text: string }
  | { type: 'none' };

export interface SkillEntry {
  name: string;
  description: string;
  /** Agent Skills frontmatter, name and description first. */
  frontmatter: Readonly<Record<string, FrontmatterValue>>;
  tools: readonly { name: string; description: string; invocation: SkillInvocation }[];
  /** SKILL.md as read from the skill's location at generation time; absent: rendered. */
  document?: string;
}

export interface SkillCatalog {
  namespace: string;
  description?: string;
  skills: readonly SkillEntry[];
}

/** Where the sibling adapters listen; an MCP adapter without a port speaks stdio. */
export interface SiblingPorts {
  rest?: number;
  mcp?: number;
}

export interface SkillAppOptions {
  catalog: SkillCatalog;
  ports: SiblingPorts;
  logger: Logger;
  auth?: InboundAuth;
}

/** What an agent needs to call the tool: the adapter, and the MCP tool or the REST route. */
export function describeInvocation(invocation: SkillInvocation, skill: string, ports: SiblingPorts): Record<string, unknown> {
  switch (invocation.type) {
    case 'mcp':
      if (ports.mcp === undefined) return { type: 'mcp', namespace: invocation.namespace, tool: invocation.tool, transport: 'stdio' };
      return { type: 'mcp', namespace: invocation.namespace, tool: invocation.tool, transport: 'streamable-http', port: ports.mcp, endpoint: '/mcp' };
    case 'rest':
      return { type: 'rest', namespace: invocation.namespace, method: invocation.method, path: invocation.path, port: ports.rest };
    case 'instruction':
      return { type: 'instruction', file: invocation.file, url: `/skills/${encodeURIComponent(skill)}/files/${invocation.file}` };
    case 'none':
      return { type: 'none' };
  }
}

/** YAML frontmatter: JSON strings are valid YAML double-quoted scalars, so every value is safe. */
function frontmatterYaml(frontmatter: Readonly<Record<string, FrontmatterValue>>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(frontmatter)) {
    if (typeof value === 'string') lines.push(`${key}: ${JSON.stringify(value)}`);
    else if (typeof value === 'boolean') lines.push(`${key}: ${value}`);
    else {
      lines.push(`${key}:`);
      for (const [k, v] of Object.entries(value)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    }
  }
  return lines.join('\n');
}

function howToCall(invocation: SkillInvocation, skill: string, ports: SiblingPorts): string {
  const d = describeInvocation(invocation, skill, ports);
  switch (invocation.type) {
    case 'mcp':
      return d['port'] === undefined
        ? `MCP tool \`${invocation.tool}\` of the \`${invocation.namespace}\` server (stdio).`
        : `MCP tool \`${invocation.tool}\` of the \`${invocation.namespace}\` server: \`tools/call\` at \`/mcp\` on port ${String(d['port'])}.`;
    case 'rest':
      return `REST operation \`${invocation.method} ${invocation.path}\` of the \`${invocation.namespace}\` API on port ${String(ports.rest)}.`;
    case 'instruction':
      return `Instructions: [${invocation.file}](files/${invocation.file}).`;
    case 'none':
      return '';
  }
}

/** SKILL.md from the catalogue: frontmatter, then the description and how to use each tool. */
export function renderSkillDocument(skill: SkillEntry, ports: SiblingPorts): string {
  const parts = [`---\n${frontmatterYaml(skill.frontmatter)}\n---`, `# ${skill.name}`, skill.description];
  if (skill.tools.length) {
    parts.push('## Tools');
    for (const tool of skill.tools) parts.push([`### ${tool.name}`, tool.description, howToCall(tool.invocation, skill.name, ports)].filter(Boolean).join('\n\n'));
  }
  return parts.join('\n\n') + '\n';
}

function summary(skill: SkillEntry): Record<string, unknown> {
  const self = `/skills/${encodeURIComponent(skill.name)}`;
  return { ...skill.frontmatter, tools: skill.tools.map((t) => t.name), links: { self, document: `${self}/SKILL.md` } };
}

function notFound(res: Response, what: string): void {
  sendProblem(res, problem(404, what));
}

export function createSkillApp(options: SkillAppOptions): Express {
  const { catalog, ports } = options;
  const byName = new Map(catalog.skills.map((s) => [s.name, s]));
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (options.auth) app.use(requireAuth(options.auth, (res) => sendProblem(res, problem(401))));
  app.get('/skills', (_req, res) => {
    res.json({ namespace: catalog.namespace, ...(catalog.description ? { description: catalog.description } : {}), skills: catalog.skills.map(summary) });
  });
  app.get('/skills/:name', (req, res) => {
    const skill = byName.get(req.params.name);
    if (!skill) return notFound(res, `No skill ${req.params.name}`);
    const tools = skill.tools.map((t) => ({ name: t.name, description: t.description, invocation: describeInvocation(t.invocation, skill.name, ports) }));
    res.json({ ...summary(skill), tools });
  });
  app.get('/skills/:name/SKILL.md', (req, res) => {
    const skill = byName.get(req.params.name);
    if (!skill) return notFound(res, `No skill ${req.params.name}`);
    res.type('text/markdown; charset=utf-8').send(skill.document ?? renderSkillDocument(skill, ports));
  });
  app.get('/skills/:name/files/*file', (req, res) => {
    const skill = byName.get(req.params.name);
    const file = ([] as string[]).concat(req.params.file).join('/');
    const tool = skill?.tools.find((t) => t.invocation.type === 'instruction' && t.invocation.file === file);
    if (!tool || tool.invocation.type !== 'instruction') return notFound(res, `No file ${file} in skill ${req.params.name}`);
    res.type('text/markdown; charset=utf-8').send(tool.invocation.text);
  });
  app.use((req, res) => notFound(res, `No route for ${req.method} ${req.path}`));
  app.use(((error, _req, res, _next) => {
    options.logger.error('skill request failed', { error });
    sendProblem(res, problem(500));
  }) as express.ErrorRequestHandler);
  return app;
}

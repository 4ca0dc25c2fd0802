/** Prose and config files of a generated project: handlebars views and verbatim copies. */
import type { CapabilityModel, InboundAuth } from '../model/types.js';
import { cell, prose, render } from './handlebars.js';
import type { GeneratedFile, Templates } from './types.js';
import { DOCKER_NODE_VERSION } from './versions.js';
import { deploysToKubernetes, kubernetesView } from './kubernetes.js';
import { DRAIN_DELAY_MS, SHUTDOWN_TIMEOUT_MS } from '../model/runtime-env.js';

export function emitStaticFiles(model: CapabilityModel, templates: Templates): GeneratedFile[] {
  const view = readmeView(model);
  return [
    { path: 'README.md', contents: render(template(templates, 'README.md.hbs'), view) },
    { path: '.env.example', contents: render(template(templates, 'env.example.hbs'), view) },
    { path: 'tsconfig.json', contents: template(templates, 'tsconfig.json') },
    { path: '.gitignore', contents: template(templates, 'gitignore') },
    { path: 'Dockerfile', contents: render(template(templates, 'Dockerfile.hbs'), dockerView(model)) },
    { path: '.dockerignore', contents: template(templates, 'dockerignore') },
  ];
}

function exposedPorts(model: CapabilityModel): number[] {
  return [...new Set([model.rest?.port, model.mcp?.port, model.skill?.port, model.control?.port].filter((p) => p !== undefined))];
}

/** Ports to EXPOSE and the adapter whose /health the HEALTHCHECK probes (REST when there is one; never control, which may require credentials). */
function dockerView(model: CapabilityModel) {
  const ports = exposedPorts(model);
  const health = model.rest
    ? { env: 'REST_PORT', port: model.rest.port }
    : model.mcp?.port !== undefined
      ? { env: 'MCP_PORT', port: model.mcp.port }
      : model.skill && { env: 'SKILL_PORT', port: model.skill.port };
  return { sourceFile: cell(model.sourceFile), nodeVersion: DOCKER_NODE_VERSION, expose: ports.length > 0 ? ports.join(' ') : undefined, health };
}

function template(templates: Templates, name: string): string {
  const text = templates.project[name];
  if (text === undefined) throw new Error(`missing project template ${name}`);
  return text;
}

function readmeView(model: CapabilityModel) {
  return {
    sourceFile: cell(model.sourceFile),
    imageName: model.id.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'service',
    ports: exposedPorts(model),
    title: cell(model.info.label),
    description: prose(model.info.description),
    upstreamCount: model.upstreams.length,
    singleUpstream: model.upstreams.length === 1,
    env: model.env.map((e) => ({
      name: e.name,
      required: e.required,
      example: e.example === undefined || e.example === '' ? undefined : cell(e.example),
      description: cell(e.description),
    })),
    oauth2: oauth2View(model),
    rest: model.rest && {
      port: model.rest.port,
      routes: model.rest.routes.map((r) => ({ method: r.method, path: cell(r.specPath), call: cell(r.call?.ref ?? 'mock'), description: cell(r.description) })),
    },
    skill: model.skill && {
      port: model.skill.port,
      skills: model.skill.skills.map((k) => ({ name: cell(k.name), tools: k.tools.length, description: cell(k.description) })),
    },
    controlInfo: model.control?.info === true,
    kubernetes: deploysToKubernetes(model) ? kubernetesView(model) : undefined,
    traced: model.rest !== undefined || model.mcp !== undefined,
    tracing: tracingView(model),
    balanced: model.rest !== undefined || model.mcp?.transport === 'http',
    mcpHttp: model.mcp?.transport === 'http',
    drain: { delayMs: DRAIN_DELAY_MS, timeoutMs: SHUTDOWN_TIMEOUT_MS },
    control: model.control && { port: model.control.port, health: model.control.health, info: model.control.info, metrics: model.control.metrics },
    mcp: model.mcp && {
      port: model.mcp.port,
      stdio: model.mcp.transport === 'stdio',
      tools: model.mcp.tools.map((t) => ({
        name: cell(t.name),
        readOnly: t.annotations.readOnlyHint,
        destructive: t.annotations.destructiveHint,
        idempotent: t.annotations.idempotentHint,
        call: cell(t.call?.ref ?? 'mock'),
        description: cell(t.description),
      })),
    },
  };
}

function tracingView(model: CapabilityModel) {
  const t = model.control?.tracing;
  return {
    service: cell(model.id),
    b3: t?.propagation === 'b3',
    endpoint: t?.otlpEndpoint !== undefined,
    recentSpans: t?.recentSpans,
    sampling: t?.sampling === undefined ? undefined : String(t.sampling),
    controlMetrics: model.control?.metrics === true,
  };
}

/** The adapters that accept OAuth access tokens, for the README's "Access tokens" section. */
function oauth2View(model: CapabilityModel) {
  const adapters: [string, InboundAuth | undefined][] = [['REST', model.rest?.auth], ['MCP', model.mcp?.auth]];
  return adapters.flatMap(([adapter, auth]) =>
    auth?.kind === 'oauth2'
      ? [{ adapter, issuer: cell(auth.issuer), issuerEnv: auth.issuerEnv, resource: cell(auth.resource), resourceEnv: auth.resourceEnv, audience: auth.audience === undefined ? undefined : cell(auth.audience), scopes: auth.scopes.map(cell).join(' '), introspection: auth.tokenValidation === 'introspection' }]
      : [],
  );
}

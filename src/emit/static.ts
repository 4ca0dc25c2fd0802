/**
 * Prose and config files of a generated project: handlebars views and verbatim copies. Every
 * string in a view is a Safe value escaped for where the template writes it (src/emit/text.ts).
 */
import type { CapabilityModel, InboundAuth } from '../model/types.js';
import { render } from './handlebars.js';
import {
  commentLine,
  envName,
  envValue,
  exampleName,
  fixed,
  imageName,
  markdown,
  markdownCell,
  markdownCellCode,
  markdownCode,
  markdownComment,
  slug,
  type Safe,
  type View,
} from './text.js';
import type { GeneratedFile, Templates } from './types.js';
import { DOCKER_NODE_VERSION } from './versions.js';
import { deploysToKubernetes, kubernetesView } from './kubernetes.js';
import { DRAIN_DELAY_MS, SHUTDOWN_TIMEOUT_MS, isTraced, keepsRecentSpans } from '../model/runtime-env.js';
import { tracedCall, unsampledCalls } from './tests/plan.js';

export function emitStaticFiles(model: CapabilityModel, templates: Templates): GeneratedFile[] {
  return [
    { path: 'README.md', contents: render(template(templates, 'README.md.hbs'), readmeView(model), templates.compiled) },
    { path: '.env.example', contents: render(template(templates, 'env.example.hbs'), envView(model), templates.compiled) },
    { path: 'tsconfig.json', contents: template(templates, 'tsconfig.json') },
    { path: 'tsconfig.test.json', contents: template(templates, 'tsconfig.test.json') },
    { path: '.gitignore', contents: template(templates, 'gitignore') },
    { path: 'Dockerfile', contents: render(template(templates, 'Dockerfile.hbs'), dockerView(model), templates.compiled) },
    { path: '.dockerignore', contents: template(templates, 'dockerignore') },
  ];
}

function exposedPorts(model: CapabilityModel): number[] {
  return [...new Set([model.rest?.port, model.mcp?.port, model.skill?.port, model.control?.port].filter((p) => p !== undefined))];
}

/** Ports to EXPOSE and the adapter whose /health the HEALTHCHECK probes (REST when there is one; never control, which may require credentials). */
function dockerView(model: CapabilityModel): View {
  const health = model.rest
    ? { env: fixed('REST_PORT'), port: model.rest.port }
    : model.mcp?.port !== undefined
      ? { env: fixed('MCP_PORT'), port: model.mcp.port }
      : model.skill && { env: fixed('SKILL_PORT'), port: model.skill.port };
  return { sourceFile: commentLine(model.sourceFile), nodeVersion: fixed(DOCKER_NODE_VERSION), expose: exposedPorts(model), health };
}

function envView(model: CapabilityModel): View {
  return {
    sourceFile: commentLine(model.sourceFile),
    env: model.env.map((e) => ({
      name: envName(e.name),
      required: e.required,
      example: e.example === undefined || e.example === '' ? undefined : envValue(e.example),
      description: commentLine(e.description),
    })),
  };
}

function template(templates: Templates, name: string): string {
  const text = templates.project[name];
  if (text === undefined) throw new Error(`missing project template ${name}`);
  return text;
}

function readmeView(model: CapabilityModel): View {
  return {
    sourceComment: markdownComment(model.sourceFile),
    sourceFile: markdownCode(model.sourceFile),
    imageName: imageName(model.id),
    ports: exposedPorts(model),
    title: markdownCell(model.info.label),
    description: markdown(model.info.description),
    version: model.info.version === undefined ? undefined : markdown(model.info.version),
    upstreamCount: model.upstreams.length,
    singleUpstream: model.upstreams.length === 1,
    env: model.env.map((e) => ({
      name: envName(e.name),
      required: e.required,
      example: e.example === undefined || e.example === '' ? undefined : markdownCellCode(e.example),
      description: markdownCell(e.description),
    })),
    oauth2: oauth2View(model),
    rest: model.rest && {
      port: model.rest.port,
      auth: model.rest.auth !== undefined,
      tagged: model.rest.routes.some((r) => r.tags),
      routes: model.rest.routes.map((r) => ({ method: fixed(r.method), path: markdownCellCode(r.specPath), call: markdownCellCode(r.call?.ref ?? 'mock'), description: markdownCell(r.description), tags: tagsCell(r.tags) })),
    },
    skill: model.skill && {
      port: model.skill.port,
      skills: model.skill.skills.map((k) => ({ name: markdownCellCode(k.name), tools: k.tools.length, description: markdownCell(k.description) })),
    },
    example: hookExample(model),
    controlInfo: model.control?.info === true,
    kubernetes: deploysToKubernetes(model) ? kubernetesReadmeView(model) : undefined,
    traced: isTraced(model),
    testsTraces: keepsRecentSpans(model) && tracedCall(model) !== undefined,
    testsTyped: model.schemas !== undefined && { unsampled: unsampledCalls(model).map((u) => ({ call: markdownCellCode(u.call), reason: markdownCell(u.reason) })) },
    tracing: tracingView(model),
    balanced: model.rest !== undefined || model.mcp?.transport === 'http',
    mcpHttp: model.mcp?.transport === 'http',
    drain: { delayMs: DRAIN_DELAY_MS, timeoutMs: SHUTDOWN_TIMEOUT_MS },
    control: model.control && { port: model.control.port, health: model.control.health, info: model.control.info, metrics: model.control.metrics },
    mcp: model.mcp && {
      port: model.mcp.port,
      auth: model.mcp.auth !== undefined && model.mcp.transport === 'http',
      catalog: model.mcp.resources.length + model.mcp.prompts.length > 0,
      stdio: model.mcp.transport === 'stdio',
      tagged: model.mcp.tools.some((t) => t.tags),
      tools: model.mcp.tools.map((t) => ({
        name: markdownCellCode(t.name),
        readOnly: t.annotations.readOnlyHint,
        destructive: t.annotations.destructiveHint,
        idempotent: t.annotations.idempotentHint,
        call: markdownCellCode(t.call?.ref ?? 'mock'),
        description: markdownCell(t.description),
        tags: tagsCell(t.tags),
      })),
    },
  };
}

/** Ikanos tags as one table cell. */
function tagsCell(tags: readonly string[] | undefined): Safe<'markdown-cell'> | undefined {
  return tags && markdownCell(tags.join(', '));
}

/** The README's hooks example names this project's own first operation, route and tool. */
function hookExample(model: CapabilityModel): View {
  return {
    operation: exampleName(model.upstreams.flatMap((u) => u.operations)[0]?.ref, 'orders.get-order'),
    route: exampleName(model.rest?.routes[0]?.operationId, 'get-order'),
    tool: exampleName(model.mcp?.tools[0]?.name, 'get-order'),
  };
}

/** The objects the manifest expects the user to create: names reduced to DNS labels, environment variable names. */
function kubernetesReadmeView(model: CapabilityModel): View {
  const k = kubernetesView(model);
  return {
    name: slug(k.name),
    image: slug(k.image),
    secret: slug(k.secret),
    configMap: slug(k.configMap),
    secrets: k.secrets.map(envName),
    settings: k.settings.map(envName),
    graceSeconds: k.graceSeconds,
  };
}

function tracingView(model: CapabilityModel): View {
  const t = model.control?.tracing;
  return {
    service: markdownCode(model.id),
    b3: t?.propagation === 'b3',
    endpoint: t?.otlpEndpoint !== undefined,
    recentSpans: t?.recentSpans,
    // A string, so that a ratio of 0 still shows.
    sampling: t?.sampling === undefined ? undefined : markdown(String(t.sampling)),
    controlMetrics: model.control?.metrics === true,
  };
}

/** The adapters that accept OAuth access tokens, for the README's "Access tokens" section. */
function oauth2View(model: CapabilityModel): View[] {
  const adapters = [[fixed('REST'), model.rest?.auth], [fixed('MCP'), model.mcp?.auth]] as const;
  return adapters.flatMap(([adapter, auth]: readonly [View[string], InboundAuth | undefined]) =>
    auth?.kind === 'oauth2'
      ? [
          {
            adapter,
            issuer: markdownCode(auth.issuer),
            issuerEnv: envName(auth.issuerEnv),
            resource: markdownCode(auth.resource),
            resourceEnv: envName(auth.resourceEnv),
            audience: auth.audience === undefined ? undefined : markdownCode(auth.audience),
            scopes: markdownCode(auth.scopes.join(' ')),
            introspection: auth.tokenValidation === 'introspection',
          },
        ]
      : [],
  );
}

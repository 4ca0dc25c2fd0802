/** src/main.ts: the only file with side effects: reads the environment and listens. */
import type { CapabilityModel } from '../../model/types.js';
import { lit } from '../code.js';
import { listensOnHttp } from '../../model/runtime-env.js';
import type { GeneratedFile } from '../types.js';
import type CodeBlockWriter from 'code-block-writer';
import { tsFile, type Imports } from './morph.js';
import { hasCatalog } from './mcp-catalog.js';
import { inboundAuthExpression } from './upstreams.js';
import { valueExpression } from './client.js';

export function emitMain(model: CapabilityModel, serviceVersion: string): GeneratedFile {
  const imports = mainImports(model);
  const stdio = model.mcp?.transport === 'stdio';
  const metrics = model.control?.metrics === true;
  const listens = listensOnHttp(model);
  const traced = model.rest !== undefined || model.mcp !== undefined;
  return tsFile('src/main.ts', model.sourceFile, imports, (w) => {
    w.write('async function main(): Promise<void>').block(() => {
      w.writeLine('const config = loadConfig(process.env);');
      // Over stdio, stdout carries the protocol: logs go to stderr.
      w.writeLine(stdio ? 'const logger = createLogger({ level: config.logLevel, write: (line) => process.stderr.write(`${line}\\n`) });' : 'const logger = createLogger({ level: config.logLevel });');
      // Only REST routes and MCP tools call APIs (and are traced): a skill catalogue or control port alone does not.
      if (model.rest || model.mcp) writeTracing(w, model, serviceVersion);
      if (model.rest || model.mcp) writeUpstreams(w, metrics);
      else if (metrics) w.writeLine('const metrics = new ServiceMetrics();');
      w.writeLine('const servers: ListeningServer[] = [];');
      if (listens) w.writeLine('const readiness = new Readiness();');
      // The control port listens first, so /health/ready can say "starting" until the others listen.
      if (model.control) writeControl(w, model, serviceVersion);
      if (model.rest) {
        const auth = model.rest.auth ? `, auth: ${inboundAuthExpression(model.rest.auth)}` : '';
        const forwards = model.rest.forwards.length ? ', forwards' : '';
        const observe = metrics ? ", onRequest: (event) => metrics.request('rest', event)" : '';
        w.writeLine(`const restApp = createRestApp({ routes${forwards}, upstreams, logger, openapi, isReady: () => readiness.ready, tracer: tracing?.tracer${auth}${observe} });`);
        w.writeLine("servers.push(await listen(restApp, { name: 'rest', host: config.host, port: config.restPort, logger }));");
      }
      if (model.mcp) {
        const info = [`name: ${lit(model.mcp.namespace)}`, `version: ${lit(serviceVersion)}`];
        if (model.mcp.description) info.push(`instructions: ${lit(model.mcp.description)}`);
        const entries = [...(hasCatalog(model.mcp) ? ['resources', 'prompts'] : []), ...(metrics ? ['onToolCall: (event) => metrics.toolCall(event)'] : []), 'tracer: tracing?.tracer'];
        const catalog = `, { ${entries.join(', ')} }`;
        w.writeLine(`const factory = createMcpServerFactory({ ${info.join(', ')} }, tools, upstreams, logger${catalog});`);
        if (stdio) w.writeLine('serveMcpStdio(factory, logger);');
        else {
          const auth = model.mcp.auth ? `, auth: ${inboundAuthExpression(model.mcp.auth)}` : '';
          const observe = metrics ? ", onRequest: (event) => metrics.request('mcp', event)" : '';
          w.writeLine(`const mcpApp = createMcpApp({ host: config.host, allowedHosts: config.mcpAllowedHosts, allowedOrigins: config.mcpAllowedOrigins, logger, factory, isReady: () => readiness.ready${auth}${observe} });`);
          w.writeLine("servers.push(await listen(mcpApp, { name: 'mcp', host: config.host, port: config.mcpPort, logger }));");
        }
      }
      if (model.skill) writeSkill(w, model);
      if (listens) {
        w.writeLine('readiness.markReady();');
        w.write('installGracefulShutdown(servers, logger,').block(() => {
          w.writeLine('drainDelayMs: config.drainDelayMs,\ngraceMs: config.shutdownTimeoutMs,\nonShutdown: () => readiness.markShuttingDown(),');
          if (traced) w.writeLine(FLUSH_TRACES);
        });
        w.write(');').newLine();
      } else if (traced) w.writeLine(`installGracefulShutdown(servers, logger, { ${FLUSH_TRACES} });`);
      else w.writeLine('installGracefulShutdown(servers, logger);');
    }).blankLine();
    w.write('main().catch((error: unknown) =>').block(() => {
      w.writeLine('const message = error instanceof Error ? error.message : String(error);');
      w.writeLine('process.stderr.write(`${message}\\n`);');
      w.writeLine('process.exit(1);');
    });
    w.write(');');
  });
}

function writeControl(w: CodeBlockWriter, model: CapabilityModel, serviceVersion: string): void {
  const control = model.control!;
  w.write('const controlApp = createControlApp(').inlineBlock(() => {
    w.writeLine(`logger,\nreadiness,\nhealth: ${control.health},`);
    if (control.info) {
      w.write('info: ').inlineBlock(() => {
        w.writeLine(`name: ${lit(model.id)},\nversion: ${lit(serviceVersion)},`);
        w.writeLine('adapters: () => servers.map((server) => ({ name: server.name, url: server.url })),');
        w.writeLine('settings: publicSettings(config),\nenvironment: environment(process.env),');
      });
      w.write(',').newLine();
    }
    if (control.metrics) w.writeLine('metrics,');
    // Without REST or MCP there is nothing to trace, so no spans to show.
    if (control.tracing?.recentSpans && (model.rest || model.mcp)) w.writeLine('traces: () => tracing?.recent?.list() ?? [],');
    if (control.auth) w.writeLine(`auth: ${inboundAuthExpression(control.auth)},`);
  });
  w.write(');').newLine();
  w.writeLine("servers.push(await listen(controlApp, { name: 'control', host: config.controlHost, port: config.controlPort, logger }));");
}

const FLUSH_TRACES = 'onClosed: async () => { await tracing?.shutdown(); },';

/** OpenTelemetry: on when the OTEL_* variables (or the spec's exporter and local traces) ask for it. */
function writeTracing(w: CodeBlockWriter, model: CapabilityModel, serviceVersion: string): void {
  const t = model.control?.tracing;
  const fields = [`serviceName: ${lit(model.id)}`, `serviceVersion: ${lit(serviceVersion)}`];
  if (t?.sampling !== undefined) fields.push(`sampling: ${t.sampling}`);
  if (t?.propagation === 'b3') fields.push('propagator: b3Propagator()');
  if (t?.otlpEndpoint) fields.push(`otlpEndpoint: ${valueExpression(t.otlpEndpoint, 'config.vars')}`);
  if (t?.recentSpans) fields.push(`recentSpans: ${t.recentSpans}`);
  w.writeLine(`const tracing = await startTracing({ ${fields.join(', ')} }, process.env, logger);`);
}

function writeSkill(w: CodeBlockWriter, model: CapabilityModel): void {
  const ports = [...(model.rest ? ['rest: config.restPort'] : []), ...(model.mcp?.port !== undefined ? ['mcp: config.mcpPort'] : [])];
  const auth = model.skill!.auth ? `, auth: ${inboundAuthExpression(model.skill!.auth)}` : '';
  w.writeLine(`const skillApp = createSkillApp({ catalog, ports: { ${ports.join(', ')} }, logger${auth} });`);
  w.writeLine("servers.push(await listen(skillApp, { name: 'skill', host: config.host, port: config.skillPort, logger }));");
}

function mainImports(model: CapabilityModel): Imports {
  const imports: Imports = [
    { moduleSpecifier: './config.gen.js', namedImports: ['loadConfig'] },
    { moduleSpecifier: './runtime/log.js', namedImports: ['createLogger'] },
    {
      moduleSpecifier: './runtime/server.js',
      namedImports: listensOnHttp(model) ? ['Readiness', 'installGracefulShutdown', 'listen', 'type ListeningServer'] : ['installGracefulShutdown', 'type ListeningServer'],
    },
    ...(model.rest || model.mcp ? [{ moduleSpecifier: './upstreams.gen.js', namedImports: ['createUpstreams'] }, { moduleSpecifier: './runtime/tracing.js', namedImports: ['startTracing'] }] : []),
  ];
  if ((model.rest || model.mcp) && model.control?.tracing?.propagation === 'b3') imports.push({ moduleSpecifier: './runtime/tracing-b3.js', namedImports: ['b3Propagator'] });
  // oauth2Auth brings the OAuth 2.1 runtime, which projects without it do not carry.
  if (model.rest?.auth?.kind === 'oauth2' || model.mcp?.auth?.kind === 'oauth2') {
    imports.push({ moduleSpecifier: './runtime/oauth2-http.js', namedImports: ['oauth2Auth'] });
  }
  if (model.rest) {
    imports.push({ moduleSpecifier: './rest/openapi.gen.js', namedImports: ['openapi'] });
    imports.push({ moduleSpecifier: './rest/routes.gen.js', namedImports: model.rest.forwards.length ? ['forwards', 'routes'] : ['routes'] });
    imports.push({ moduleSpecifier: './runtime/rest.js', namedImports: ['createRestApp'] });
  }
  const stdio = model.mcp?.transport === 'stdio';
  if (model.mcp) {
    imports.push({ moduleSpecifier: './mcp/tools.gen.js', namedImports: ['tools'] });
    if (hasCatalog(model.mcp)) imports.push({ moduleSpecifier: './mcp/catalog.gen.js', namedImports: ['prompts', 'resources'] });
    imports.push({ moduleSpecifier: './runtime/mcp.js', namedImports: ['createMcpServerFactory', stdio ? 'serveMcpStdio' : 'createMcpApp'] });
  }
  if (model.control) {
    if (model.control.info) imports.push({ moduleSpecifier: './control.gen.js', namedImports: ['environment', 'publicSettings'] });
    imports.push({ moduleSpecifier: './runtime/control.js', namedImports: ['createControlApp'] });
    if (model.control.metrics) imports.push({ moduleSpecifier: './runtime/metrics.js', namedImports: ['ServiceMetrics'] });
  }
  if (model.skill) {
    imports.push({ moduleSpecifier: './skill/catalog.gen.js', namedImports: ['catalog'] });
    imports.push({ moduleSpecifier: './runtime/skill.js', namedImports: ['createSkillApp'] });
  }
  return imports;
}

/** With metrics, every upstream attempt is counted as well as logged. */
function writeUpstreams(w: CodeBlockWriter, metrics: boolean): void {
  if (!metrics) {
    w.writeLine("const upstreams = createUpstreams(config, { onEvent: (event) => logger.debug('upstream call', { ...event }) });");
    return;
  }
  w.writeLine('const metrics = new ServiceMetrics();');
  w.write('const upstreams = createUpstreams(config,').block(() => {
    w.write('onEvent: (event) =>').block(() => w.writeLine("logger.debug('upstream call', { ...event });\nmetrics.upstreamCall(event);"));
    w.write(',');
  });
  w.write(');').newLine();
}

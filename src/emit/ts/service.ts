/**
 * src/service.gen.ts: the whole service wired from a Config, without reading the environment or
 * installing signal handlers, so main.ts starts it for real and the generated tests in-process.
 */
import type CodeBlockWriter from 'code-block-writer';
import type { CapabilityModel } from '../../model/types.js';
import { lit } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { isTraced, keepsRecentSpans, listensOnHttp } from '../../model/runtime-env.js';
import { hasCatalog } from './mcp-catalog.js';
import { tsFile, type Imports } from './morph.js';
import { inboundAuthExpression } from './upstreams.js';

export function emitService(model: CapabilityModel, serviceVersion: string): GeneratedFile {
  const stdio = model.mcp?.transport === 'stdio';
  return tsFile('src/service.gen.ts', model.sourceFile, serviceImports(model), (w) => {
    w.write('export interface ServiceOptions').block(() => {
      w.writeLine('readonly config: Config;\nreadonly logger: Logger;');
      w.writeLine('/** The hooks of src/hooks.ts (main.ts passes them; tests pass their own, or none). */');
      w.writeLine('readonly hooks?: ServiceHooks;');
      if (isTraced(model)) w.writeLine('/** OpenTelemetry, as main.ts starts it from the OTEL_* variables; without it nothing is traced. */\nreadonly tracing?: Tracing | undefined;');
      if (model.control?.info) w.writeLine('/** The environment GET /config reports on (which variables are set, never their values). */\nreadonly env?: NodeJS.ProcessEnv;');
    }).blankLine();
    w.write('export interface Service').block(() => {
      w.writeLine('/** Every listening server, in start order. */\nreadonly servers: readonly ListeningServer[];');
      if (listensOnHttp(model)) w.writeLine('/** Ready once every server listens (/ready answers 200); shutdown marks it. */\nreadonly readiness: Readiness;');
      if (model.mcp) w.writeLine(`/** A new MCP server with every tool${hasCatalog(model.mcp) ? ', resource and prompt' : ''}${stdio ? ': main.ts serves one on stdin/stdout' : ''}. */\nreadonly mcpServer: () => McpServer;`);
      w.writeLine('/** Closes every server at once (tests; main.ts shuts down gracefully instead). */\nclose(): Promise<void>;');
    }).blankLine();
    w.writeLine('/** Creates the upstream clients, runs the start-up hook and starts every adapter. */');
    const options = ['config', 'logger', 'hooks = {}', ...(isTraced(model) ? ['tracing'] : []), ...(model.control?.info ? ['env = {}'] : [])];
    w.write(`export async function startService({ ${options.join(', ')} }: ServiceOptions): Promise<Service>`).block(() => {
      // Only REST routes and MCP tools call APIs: a skill catalogue or control port alone does not.
      const metrics = model.control?.metrics === true;
      if (metrics) w.writeLine('const metrics = new ServiceMetrics();');
      if (model.rest || model.mcp) writeUpstreams(w, metrics);
      w.writeLine('const servers: ListeningServer[] = [];');
      if (listensOnHttp(model)) w.writeLine('const readiness = new Readiness();');
      if (model.mcp) writeFactory(w, model, serviceVersion, metrics);
      w.write('try').block(() => {
        // The control port listens first, so /health/ready can say "starting" until the others listen.
        if (model.control) writeControl(w, model, serviceVersion);
        w.writeLine(`await hooks.start?.({ config, logger, upstreams${model.rest || model.mcp ? '' : ': {}'} });`);
        if (model.rest) writeRest(w, model, metrics);
        if (model.mcp && !stdio) writeMcpApp(w, model, metrics);
        if (model.skill) writeSkill(w, model);
        if (listensOnHttp(model)) w.writeLine('readiness.markReady();');
      });
      w.write(' catch (error)').block(() => {
        w.writeLine('await stopServers(servers);\nthrow error;');
      });
      const fields = ['servers', ...(listensOnHttp(model) ? ['readiness'] : []), ...(model.mcp ? ['mcpServer: factory'] : []), 'close: () => stopServers(servers)'];
      w.writeLine(`return { ${fields.join(', ')} };`);
    });
  });
}

function serviceImports(model: CapabilityModel): Imports {
  const stdio = model.mcp?.transport === 'stdio';
  const listens = listensOnHttp(model);
  const imports: Imports = [
    { moduleSpecifier: './config.gen.js', namedImports: ['type Config'] },
    { moduleSpecifier: './hooks.gen.js', namedImports: ['type ServiceHooks'] },
    { moduleSpecifier: './runtime/log.js', namedImports: ['type Logger'] },
    { moduleSpecifier: './runtime/server.js', namedImports: [...(listens ? ['Readiness', 'listen'] : []), 'stopServers', 'type ListeningServer'] },
    ...(isTraced(model) ? [{ moduleSpecifier: './runtime/tracing.js', namedImports: ['type Tracing'] }] : []),
    ...(model.rest || model.mcp ? [{ moduleSpecifier: './upstreams.gen.js', namedImports: ['createUpstreams'] }] : []),
  ];
  // oauth2Auth brings the OAuth 2.1 runtime, which projects without it do not carry.
  if (model.rest?.auth?.kind === 'oauth2' || model.mcp?.auth?.kind === 'oauth2') {
    imports.push({ moduleSpecifier: './runtime/oauth2-http.js', namedImports: ['oauth2Auth'] });
  }
  if (model.rest) {
    imports.push({ moduleSpecifier: './rest/openapi.gen.js', namedImports: ['openapi'] });
    imports.push({ moduleSpecifier: './rest/routes.gen.js', namedImports: model.rest.forwards.length ? ['forwards', 'routes'] : ['routes'] });
    imports.push({ moduleSpecifier: './runtime/rest.js', namedImports: ['createRestApp'] });
  }
  if (model.mcp) {
    imports.push({ moduleSpecifier: '@modelcontextprotocol/server', namedImports: ['type McpServer'] });
    imports.push({ moduleSpecifier: './mcp/tools.gen.js', namedImports: ['tools'] });
    if (hasCatalog(model.mcp)) imports.push({ moduleSpecifier: './mcp/catalog.gen.js', namedImports: ['prompts', 'resources'] });
    imports.push({ moduleSpecifier: './runtime/mcp.js', namedImports: stdio ? ['createMcpServerFactory'] : ['createMcpServerFactory', 'createMcpApp'] });
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
  w.write('const upstreams = createUpstreams(config,').block(() => {
    if (metrics) w.write('onEvent: (event) =>').block(() => w.writeLine("logger.debug('upstream call', { ...event });\nmetrics.upstreamCall(event);")).write(',').newLine();
    else w.writeLine("onEvent: (event) => logger.debug('upstream call', { ...event }),");
    w.writeLine('hooks: hooks.operations,');
  });
  w.write(');').newLine();
}

function writeRest(w: CodeBlockWriter, model: CapabilityModel, metrics: boolean): void {
  const rest = model.rest!;
  const auth = rest.auth ? `, auth: ${inboundAuthExpression(rest.auth)}` : '';
  const forwards = rest.forwards.length ? ', forwards' : '';
  const observe = metrics ? ", onRequest: (event) => metrics.request('rest', event)" : '';
  w.writeLine(`const restApp = createRestApp({ routes${forwards}, upstreams, logger, openapi, isReady: () => readiness.ready, tracer: tracing?.tracer${auth}${observe}, hooks: hooks.rest });`);
  w.writeLine("servers.push(await listen(restApp, { name: 'rest', host: config.host, port: config.restPort, logger }));");
}

function writeFactory(w: CodeBlockWriter, model: CapabilityModel, serviceVersion: string, metrics: boolean): void {
  const mcp = model.mcp!;
  const info = [`name: ${lit(mcp.namespace)}`, `version: ${lit(serviceVersion)}`];
  if (mcp.description) info.push(`instructions: ${lit(mcp.description)}`);
  const entries = [...(hasCatalog(mcp) ? ['resources', 'prompts'] : []), ...(metrics ? ['onToolCall: (event) => metrics.toolCall(event)'] : []), 'tracer: tracing?.tracer', 'hooks: hooks.mcp'];
  w.writeLine(`const factory = createMcpServerFactory({ ${info.join(', ')} }, tools, upstreams, logger, { ${entries.join(', ')} });`);
}

function writeMcpApp(w: CodeBlockWriter, model: CapabilityModel, metrics: boolean): void {
  const auth = model.mcp!.auth ? `, auth: ${inboundAuthExpression(model.mcp!.auth)}` : '';
  const observe = metrics ? ", onRequest: (event) => metrics.request('mcp', event)" : '';
  w.writeLine(`const mcpApp = createMcpApp({ host: config.host, allowedHosts: config.mcpAllowedHosts, allowedOrigins: config.mcpAllowedOrigins, logger, factory, isReady: () => readiness.ready${auth}${observe} });`);
  w.writeLine("servers.push(await listen(mcpApp, { name: 'mcp', host: config.host, port: config.mcpPort, logger }));");
}

function writeControl(w: CodeBlockWriter, model: CapabilityModel, serviceVersion: string): void {
  const control = model.control!;
  w.write('const controlApp = createControlApp(').inlineBlock(() => {
    w.writeLine(`logger,\nreadiness,\nhealth: ${control.health},`);
    if (control.info) {
      w.write('info: ').inlineBlock(() => {
        w.writeLine(`name: ${lit(model.id)},\nversion: ${lit(serviceVersion)},`);
        w.writeLine('adapters: () => servers.map((server) => ({ name: server.name, url: server.url })),');
        w.writeLine('settings: publicSettings(config),\nenvironment: environment(env),');
      });
      w.write(',').newLine();
    }
    if (control.metrics) w.writeLine('metrics,');
    // Without REST or MCP there is nothing to trace, so no spans to show.
    if (keepsRecentSpans(model)) w.writeLine('traces: () => tracing?.recent?.list() ?? [],');
    if (control.auth) w.writeLine(`auth: ${inboundAuthExpression(control.auth)},`);
  });
  w.write(');').newLine();
  w.writeLine("servers.push(await listen(controlApp, { name: 'control', host: config.controlHost, port: config.controlPort, logger }));");
}

function writeSkill(w: CodeBlockWriter, model: CapabilityModel): void {
  const ports = [...(model.rest ? ['rest: config.restPort'] : []), ...(model.mcp?.port !== undefined ? ['mcp: config.mcpPort'] : [])];
  const auth = model.skill!.auth ? `, auth: ${inboundAuthExpression(model.skill!.auth)}` : '';
  w.writeLine(`const skillApp = createSkillApp({ catalog, ports: { ${ports.join(', ')} }, logger${auth} });`);
  w.writeLine("servers.push(await listen(skillApp, { name: 'skill', host: config.host, port: config.skillPort, logger }));");
}

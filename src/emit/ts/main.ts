/** src/main.ts: the only file with side effects: reads the environment and listens. */
import type { CapabilityModel } from '../../model/types.js';
import { join, str, ts, tsFile, type Code, type CodeWriter, type Imports } from '../code.js';
import { listensOnHttp } from '../../model/runtime-env.js';
import type { GeneratedFile } from '../types.js';
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
    w.write(ts`async function main(): Promise<void>`).block(() => {
      w.writeLine(ts`const config = loadConfig(process.env);`);
      // Over stdio, stdout carries the protocol: logs go to stderr.
      w.writeLine(stdio ? ts`const logger = createLogger({ level: config.logLevel, write: (line) => process.stderr.write(\`\${line}\\n\`) });` : ts`const logger = createLogger({ level: config.logLevel });`);
      // Only REST routes and MCP tools call APIs (and are traced): a skill catalogue or control port alone does not.
      if (model.rest || model.mcp) writeTracing(w, model, serviceVersion);
      if (model.rest || model.mcp) writeUpstreams(w, metrics);
      else if (metrics) w.writeLine(ts`const metrics = new ServiceMetrics();`);
      w.writeLine(ts`const servers: ListeningServer[] = [];`);
      if (listens) w.writeLine(ts`const readiness = new Readiness();`);
      // The control port listens first, so /health/ready can say "starting" until the others listen.
      if (model.control) writeControl(w, model, serviceVersion);
      if (model.rest) {
        const auth = model.rest.auth ? ts`, auth: ${inboundAuthExpression(model.rest.auth)}` : ts``;
        const forwards = model.rest.forwards.length ? ts`, forwards` : ts``;
        const observe = metrics ? ts`, onRequest: (event) => metrics.request('rest', event)` : ts``;
        w.writeLine(ts`const restApp = createRestApp({ routes${forwards}, upstreams, logger, openapi, isReady: () => readiness.ready, tracer: tracing?.tracer${auth}${observe} });`);
        w.writeLine(ts`servers.push(await listen(restApp, { name: 'rest', host: config.host, port: config.restPort, logger }));`);
      }
      if (model.mcp) {
        const info = [ts`name: ${str(model.mcp.namespace)}`, ts`version: ${str(serviceVersion)}`];
        if (model.mcp.description) info.push(ts`instructions: ${str(model.mcp.description)}`);
        const entries = [...(hasCatalog(model.mcp) ? [ts`resources`, ts`prompts`] : []), ...(metrics ? [ts`onToolCall: (event) => metrics.toolCall(event)`] : []), ts`tracer: tracing?.tracer`];
        w.writeLine(ts`const factory = createMcpServerFactory({ ${join(info)} }, tools, upstreams, logger, { ${join(entries)} });`);
        if (stdio) w.writeLine(ts`serveMcpStdio(factory, logger);`);
        else {
          const auth = model.mcp.auth ? ts`, auth: ${inboundAuthExpression(model.mcp.auth)}` : ts``;
          const observe = metrics ? ts`, onRequest: (event) => metrics.request('mcp', event)` : ts``;
          w.writeLine(ts`const mcpApp = createMcpApp({ host: config.host, allowedHosts: config.mcpAllowedHosts, allowedOrigins: config.mcpAllowedOrigins, logger, factory, isReady: () => readiness.ready${auth}${observe} });`);
          w.writeLine(ts`servers.push(await listen(mcpApp, { name: 'mcp', host: config.host, port: config.mcpPort, logger }));`);
        }
      }
      if (model.skill) writeSkill(w, model);
      if (listens) {
        w.writeLine(ts`readiness.markReady();`);
        w.write(ts`installGracefulShutdown(servers, logger,`).block(() => {
          w.writeLine(ts`drainDelayMs: config.drainDelayMs,\ngraceMs: config.shutdownTimeoutMs,\nonShutdown: () => readiness.markShuttingDown(),`);
          if (traced) w.writeLine(FLUSH_TRACES);
        });
        w.write(ts`);`).newLine();
      } else if (traced) w.writeLine(ts`installGracefulShutdown(servers, logger, { ${FLUSH_TRACES} });`);
      else w.writeLine(ts`installGracefulShutdown(servers, logger);`);
    }).blankLine();
    w.write(ts`main().catch((error: unknown) =>`).block(() => {
      w.writeLine(ts`const message = error instanceof Error ? error.message : String(error);`);
      w.writeLine(ts`process.stderr.write(\`\${message}\\n\`);`);
      w.writeLine(ts`process.exit(1);`);
    });
    w.write(ts`);`);
  });
}

function writeControl(w: CodeWriter, model: CapabilityModel, serviceVersion: string): void {
  const control = model.control!;
  w.write(ts`const controlApp = createControlApp(`).inlineBlock(() => {
    w.writeLine(ts`logger,\nreadiness,\nhealth: ${control.health},`);
    if (control.info) {
      w.write(ts`info: `).inlineBlock(() => {
        w.writeLine(ts`name: ${str(model.id)},\nversion: ${str(serviceVersion)},`);
        w.writeLine(ts`adapters: () => servers.map((server) => ({ name: server.name, url: server.url })),`);
        w.writeLine(ts`settings: publicSettings(config),\nenvironment: environment(process.env),`);
      });
      w.write(ts`,`).newLine();
    }
    if (control.metrics) w.writeLine(ts`metrics,`);
    // Without REST or MCP there is nothing to trace, so no spans to show.
    if (control.tracing?.recentSpans && (model.rest || model.mcp)) w.writeLine(ts`traces: () => tracing?.recent?.list() ?? [],`);
    if (control.auth) w.writeLine(ts`auth: ${inboundAuthExpression(control.auth)},`);
  });
  w.write(ts`);`).newLine();
  w.writeLine(ts`servers.push(await listen(controlApp, { name: 'control', host: config.controlHost, port: config.controlPort, logger }));`);
}

const FLUSH_TRACES = ts`onClosed: async () => { await tracing?.shutdown(); },`;

/** OpenTelemetry: on when the OTEL_* variables (or the spec's exporter and local traces) ask for it. */
function writeTracing(w: CodeWriter, model: CapabilityModel, serviceVersion: string): void {
  const t = model.control?.tracing;
  const fields = [ts`serviceName: ${str(model.id)}`, ts`serviceVersion: ${str(serviceVersion)}`];
  if (t?.sampling !== undefined) fields.push(ts`sampling: ${t.sampling}`);
  if (t?.propagation === 'b3') fields.push(ts`propagator: b3Propagator()`);
  if (t?.otlpEndpoint) fields.push(ts`otlpEndpoint: ${valueExpression(t.otlpEndpoint, ts`config.vars`)}`);
  if (t?.recentSpans) fields.push(ts`recentSpans: ${t.recentSpans}`);
  w.writeLine(ts`const tracing = await startTracing({ ${join(fields)} }, process.env, logger);`);
}

function writeSkill(w: CodeWriter, model: CapabilityModel): void {
  const ports: Code[] = [...(model.rest ? [ts`rest: config.restPort`] : []), ...(model.mcp?.port !== undefined ? [ts`mcp: config.mcpPort`] : [])];
  const auth = model.skill!.auth ? ts`, auth: ${inboundAuthExpression(model.skill!.auth)}` : ts``;
  w.writeLine(ts`const skillApp = createSkillApp({ catalog, ports: { ${join(ports)} }, logger${auth} });`);
  w.writeLine(ts`servers.push(await listen(skillApp, { name: 'skill', host: config.host, port: config.skillPort, logger }));`);
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
function writeUpstreams(w: CodeWriter, metrics: boolean): void {
  if (!metrics) {
    w.writeLine(ts`const upstreams = createUpstreams(config, { onEvent: (event) => logger.debug('upstream call', { ...event }) });`);
    return;
  }
  w.writeLine(ts`const metrics = new ServiceMetrics();`);
  w.write(ts`const upstreams = createUpstreams(config,`).block(() => {
    w.write(ts`onEvent: (event) =>`).block(() => w.writeLine(ts`logger.debug('upstream call', { ...event });\nmetrics.upstreamCall(event);`));
    w.write(ts`,`);
  });
  w.write(ts`);`).newLine();
}

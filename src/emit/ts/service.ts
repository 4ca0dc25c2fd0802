/**
 * src/service.gen.ts: the whole service wired from a Config, without reading the environment or
 * installing signal handlers, so main.ts starts it for real and the generated tests in-process.
 */
import type { CapabilityModel, McpSurface } from '../../model/types.js';
import { callArguments, huggedCallArguments, objectLiteral, property, str, ts, tsFile, type Code, type CodeWriter, type Imports } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { isTraced, keepsRecentSpans, listensOnHttp } from '../../model/runtime-env.js';
import { hasCatalog } from './mcp-catalog.js';
import { inboundAuthExpression } from './upstreams.js';

export function emitService(model: CapabilityModel, serviceVersion: string): GeneratedFile {
  const stdio = model.mcp?.transport === 'stdio';
  return tsFile('src/service.gen.ts', model.sourceFile, serviceImports(model), (w) => {
    w.write(ts`export interface ServiceOptions`).block(() => {
      w.writeLine(ts`readonly config: Config;\nreadonly logger: Logger;`);
      w.writeLine(ts`/** The hooks of src/hooks.ts (main.ts passes them; tests pass their own, or none). */`);
      w.writeLine(ts`readonly hooks?: ServiceHooks;`);
      if (isTraced(model)) w.writeLine(ts`/** OpenTelemetry, as main.ts starts it from the OTEL_* variables; without it nothing is traced. */\nreadonly tracing?: Tracing | undefined;`);
      if (model.control?.info) w.writeLine(ts`/** The environment GET /config reports on (which variables are set, never their values). */\nreadonly env?: NodeJS.ProcessEnv;`);
    }).blankLine();
    w.write(ts`export interface Service`).block(() => {
      w.writeLine(ts`/** Every listening server, in start order. */\nreadonly servers: readonly ListeningServer[];`);
      if (listensOnHttp(model)) w.writeLine(ts`/** Ready once every server listens (/ready answers 200); shutdown marks it. */\nreadonly readiness: Readiness;`);
      if (model.mcp) w.writeLine(ts`/** A new MCP server with every tool${hasCatalog(model.mcp) ? ts`, resource and prompt` : ts``}${stdio ? ts`: main.ts serves one on stdin/stdout` : ts``}. */\nreadonly mcpServer: () => McpServer;`);
      w.writeLine(ts`/** Closes every server at once (tests; main.ts shuts down gracefully instead). */\nclose(): Promise<void>;`);
    }).blankLine();
    w.writeLine(ts`/** Creates the upstream clients, runs the start-up hook and starts every adapter. */`);
    const options: Code[] = [ts`config`, ts`logger`, ts`hooks = {}`, ...(isTraced(model) ? [ts`tracing`] : []), ...(model.control?.info ? [ts`env = {}`] : [])];
    // The only parameter, an object pattern, is hugged: `({` ... `}: ServiceOptions)` when too long.
    w.write(ts`export async function startService(${objectLiteral(options)}: ServiceOptions): Promise<Service>`).block(() => {
      const metrics = model.control?.metrics === true;
      if (metrics) w.writeLine(ts`const metrics = new ServiceMetrics();`);
      if (createsUpstreams(model)) writeUpstreams(w, metrics);
      w.writeLine(ts`const servers: ListeningServer[] = [];`);
      if (listensOnHttp(model)) w.writeLine(ts`const readiness = new Readiness();`);
      if (model.mcp) writeFactory(w, model, serviceVersion, metrics);
      w.write(ts`try `).inlineBlock(() => {
        // The control port listens first, so /health/ready can say "starting" until the others listen.
        if (model.control) writeControl(w, model, serviceVersion);
        w.writeLine(ts`await hooks.start?.({ config, logger, upstreams${createsUpstreams(model) ? ts`` : ts`: {}`} });`);
        if (model.rest) writeRest(w, model, metrics);
        if (model.mcp && !stdio) writeMcpApp(w, model, metrics);
        if (model.skill) writeSkill(w, model);
        if (listensOnHttp(model)) w.writeLine(ts`readiness.markReady();`);
      });
      w.write(ts` catch (error)`).block(() => {
        w.writeLine(ts`await stopServers(servers);\nthrow error;`);
      });
      const fields: Code[] = [ts`servers`, ...(listensOnHttp(model) ? [ts`readiness`] : []), ...(model.mcp ? [ts`mcpServer: factory`] : []), ts`close: () => stopServers(servers)`];
      w.writeLine(ts`return ${objectLiteral(fields)};`);
    });
  }, 'final');
}

/** `servers.push(await listen(app, { name, host, port, logger }));` */
function listenLine(app: Code, name: string, host: Code, port: Code): Code {
  const options = objectLiteral([ts`name: ${str(name)}`, ts`host: ${host}`, ts`port: ${port}`, ts`logger`]);
  return ts`servers.push${callArguments([ts`await listen${huggedCallArguments([app, options])}`])};`;
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
    ...(createsUpstreams(model) ? [{ moduleSpecifier: './upstreams.gen.js', namedImports: ['createUpstreams'] }] : []),
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

/**
 * REST routes and MCP tools call the APIs; a skill catalogue or control port alone does not, but
 * the start hook is typed with every consumed API's client (a spec whose REST and MCP adapters
 * --skip-invalid left out still consumes them), so the clients exist whenever there are APIs.
 */
function createsUpstreams(model: CapabilityModel): boolean {
  return Boolean(model.rest || model.mcp) || model.upstreams.length > 0;
}

/** With metrics, every upstream attempt is counted as well as logged. */
function writeUpstreams(w: CodeWriter, metrics: boolean): void {
  const onEvent = metrics
    ? ts`onEvent: (event) => {\n  logger.debug('upstream call', { ...event });\n  metrics.upstreamCall(event);\n}`
    : ts`onEvent: (event) => logger.debug('upstream call', { ...event })`;
  const options = objectLiteral([onEvent, ts`hooks: hooks.operations`], true);
  w.writeLine(ts`const upstreams = createUpstreams${huggedCallArguments([ts`config`, options])};`);
}

function writeRest(w: CodeWriter, model: CapabilityModel, metrics: boolean): void {
  const rest = model.rest!;
  const fields = [ts`routes`, ...(rest.forwards.length ? [ts`forwards`] : []), ts`upstreams`, ts`logger`, ts`openapi`, ts`isReady: () => readiness.ready`, ts`tracer: tracing?.tracer`];
  if (rest.auth) fields.push(ts`auth: ${inboundAuthExpression(rest.auth)}`);
  if (rest.maxBinaryBytes !== undefined) fields.push(ts`maxBinaryBytes: ${rest.maxBinaryBytes}`);
  if (metrics) fields.push(ts`onRequest: (event) => metrics.request('rest', event)`);
  fields.push(ts`hooks: hooks.rest`);
  const options = objectLiteral(fields);
  w.writeLine(ts`const restApp = createRestApp${huggedCallArguments([options])};`);
  w.writeLine(listenLine(ts`restApp`, 'rest', ts`config.host`, ts`config.restPort`));
}

function writeFactory(w: CodeWriter, model: CapabilityModel, serviceVersion: string, metrics: boolean): void {
  const mcp = model.mcp!;
  const info = [property(ts`name`, 4, str(mcp.namespace), 'breakAfter'), property(ts`version`, 7, str(serviceVersion), 'breakAfter')];
  if (mcp.description) info.push(property(ts`instructions`, 12, str(mcp.description), 'breakAfter'));
  if (mcp.cacheHint) info.push(ts`cacheHint: ${cacheHintLiteral(mcp.cacheHint)}`);
  if (mcp.maxBinaryBytes !== undefined) info.push(ts`maxBinaryBytes: ${mcp.maxBinaryBytes}`);
  const entries = [...(hasCatalog(mcp) ? [ts`resources`, ts`prompts`] : []), ...(metrics ? [ts`onToolCall: (event) => metrics.toolCall(event)`] : []), ts`tracer: tracing?.tracer`, ts`hooks: hooks.mcp`];
  const options = objectLiteral(entries);
  w.writeLine(ts`const factory = createMcpServerFactory${huggedCallArguments([objectLiteral(info), ts`tools`, ts`upstreams`, ts`logger`, options])};`);
}

/** `{ ttlMs: 60000, cacheScope: 'public' }`: numbers and an enum value, no spec text. */
function cacheHintLiteral(hint: NonNullable<McpSurface['cacheHint']>): Code {
  return objectLiteral([...(hint.ttlMs !== undefined ? [ts`ttlMs: ${hint.ttlMs}`] : []), ...(hint.cacheScope ? [ts`cacheScope: ${str(hint.cacheScope)}`] : [])]);
}

function writeMcpApp(w: CodeWriter, model: CapabilityModel, metrics: boolean): void {
  const fields = [ts`host: config.host`, ts`allowedHosts: config.mcpAllowedHosts`, ts`allowedOrigins: config.mcpAllowedOrigins`, ts`logger`, ts`factory`, ts`isReady: () => readiness.ready`];
  if (model.mcp!.auth) fields.push(ts`auth: ${inboundAuthExpression(model.mcp!.auth)}`);
  if (metrics) fields.push(ts`onRequest: (event) => metrics.request('mcp', event)`);
  const options = objectLiteral(fields);
  w.writeLine(ts`const mcpApp = createMcpApp${huggedCallArguments([options])};`);
  w.writeLine(listenLine(ts`mcpApp`, 'mcp', ts`config.host`, ts`config.mcpPort`));
}

function writeControl(w: CodeWriter, model: CapabilityModel, serviceVersion: string): void {
  const control = model.control!;
  const fields = [ts`logger`, ts`readiness`, ts`health: ${control.health}`];
  if (control.info) {
    const info = [
      property(ts`name`, 4, str(model.id), 'breakAfter'),
      property(ts`version`, 7, str(serviceVersion), 'breakAfter'),
      ts`adapters: () => servers.map((server) => ({ name: server.name, url: server.url }))`,
      ts`settings: publicSettings(config)`,
      ts`environment: environment(env)`,
    ];
    fields.push(ts`info: ${objectLiteral(info, true)}`);
  }
  if (control.metrics) fields.push(ts`metrics`);
  // Without REST or MCP there is nothing to trace, so no spans to show.
  if (keepsRecentSpans(model)) fields.push(ts`traces: () => tracing?.recent?.list() ?? []`);
  if (control.auth) fields.push(ts`auth: ${inboundAuthExpression(control.auth)}`);
  const options = objectLiteral(fields, true);
  w.writeLine(ts`const controlApp = createControlApp${huggedCallArguments([options])};`);
  w.writeLine(listenLine(ts`controlApp`, 'control', ts`config.controlHost`, ts`config.controlPort`));
}

function writeSkill(w: CodeWriter, model: CapabilityModel): void {
  const ports: Code[] = [...(model.rest ? [ts`rest: config.restPort`] : []), ...(model.mcp?.port !== undefined ? [ts`mcp: config.mcpPort`] : [])];
  const fields = [ts`catalog`, ts`ports: ${objectLiteral(ports)}`, ts`logger`, ...(model.skill!.auth ? [ts`auth: ${inboundAuthExpression(model.skill!.auth)}`] : [])];
  const options = objectLiteral(fields);
  w.writeLine(ts`const skillApp = createSkillApp${huggedCallArguments([options])};`);
  w.writeLine(listenLine(ts`skillApp`, 'skill', ts`config.host`, ts`config.skillPort`));
}

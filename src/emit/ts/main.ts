/** src/main.ts: the only file with side effects: reads the environment and listens. */
import type { CapabilityModel } from '../../model/types.js';
import { join, str, ts, tsFile, type Code, type CodeWriter, type Imports } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { hasCatalog } from './mcp-catalog.js';
import { inboundAuthExpression } from './upstreams.js';

export function emitMain(model: CapabilityModel, serviceVersion: string): GeneratedFile {
  const imports = mainImports(model);
  const stdio = model.mcp?.transport === 'stdio';
  const metrics = model.control?.metrics === true;
  return tsFile('src/main.ts', model.sourceFile, imports, (w) => {
    w.write(ts`async function main(): Promise<void>`).block(() => {
      w.writeLine(ts`const config = loadConfig(process.env);`);
      // Over stdio, stdout carries the protocol: logs go to stderr.
      w.writeLine(stdio ? ts`const logger = createLogger({ level: config.logLevel, write: (line) => process.stderr.write(\`\${line}\\n\`) });` : ts`const logger = createLogger({ level: config.logLevel });`);
      // Only REST routes and MCP tools call APIs: a skill catalogue or control port alone does not.
      if (model.rest || model.mcp) writeUpstreams(w, metrics);
      else if (metrics) w.writeLine(ts`const metrics = new ServiceMetrics();`);
      w.writeLine(ts`const servers: ListeningServer[] = [];`);
      // The control port listens first, so /health/ready can say "starting" until the others listen.
      if (model.control) writeControl(w, model, serviceVersion);
      if (model.rest) {
        const auth = model.rest.auth ? ts`, auth: ${inboundAuthExpression(model.rest.auth)}` : ts``;
        const forwards = model.rest.forwards.length ? ts`, forwards` : ts``;
        const observe = metrics ? ts`, onRequest: (event) => metrics.request('rest', event)` : ts``;
        w.writeLine(ts`const restApp = createRestApp({ routes${forwards}, upstreams, logger, openapi${auth}${observe} });`);
        w.writeLine(ts`servers.push(await listen(restApp, { name: 'rest', host: config.host, port: config.restPort, logger }));`);
      }
      if (model.mcp) {
        const info = [ts`name: ${str(model.mcp.namespace)}`, ts`version: ${str(serviceVersion)}`];
        if (model.mcp.description) info.push(ts`instructions: ${str(model.mcp.description)}`);
        const entries = [...(hasCatalog(model.mcp) ? [ts`resources`, ts`prompts`] : []), ...(metrics ? [ts`onToolCall: (event) => metrics.toolCall(event)`] : [])];
        const catalog = entries.length ? ts`, { ${join(entries)} }` : ts``;
        w.writeLine(ts`const factory = createMcpServerFactory({ ${join(info)} }, tools, upstreams, logger${catalog});`);
        if (stdio) w.writeLine(ts`serveMcpStdio(factory, logger);`);
        else {
          const auth = model.mcp.auth ? ts`, auth: ${inboundAuthExpression(model.mcp.auth)}` : ts``;
          const observe = metrics ? ts`, onRequest: (event) => metrics.request('mcp', event)` : ts``;
          w.writeLine(ts`const mcpApp = createMcpApp({ host: config.host, allowedHosts: config.mcpAllowedHosts, allowedOrigins: config.mcpAllowedOrigins, logger, factory${auth}${observe} });`);
          w.writeLine(ts`servers.push(await listen(mcpApp, { name: 'mcp', host: config.host, port: config.mcpPort, logger }));`);
        }
      }
      if (model.skill) writeSkill(w, model);
      if (model.control) {
        w.writeLine(ts`readiness.markReady();`);
        w.writeLine(ts`installGracefulShutdown(servers, logger, { onShutdown: () => readiness.markShuttingDown() });`);
      } else w.writeLine(ts`installGracefulShutdown(servers, logger);`);
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
  w.writeLine(ts`const readiness = new Readiness();`);
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
    if (control.auth) w.writeLine(ts`auth: ${inboundAuthExpression(control.auth)},`);
  });
  w.write(ts`);`).newLine();
  w.writeLine(ts`servers.push(await listen(controlApp, { name: 'control', host: config.controlHost, port: config.controlPort, logger }));`);
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
      namedImports: model.rest || model.mcp?.transport === 'http' || model.skill || model.control ? ['installGracefulShutdown', 'listen', 'type ListeningServer'] : ['installGracefulShutdown', 'type ListeningServer'],
    },
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
  const stdio = model.mcp?.transport === 'stdio';
  if (model.mcp) {
    imports.push({ moduleSpecifier: './mcp/tools.gen.js', namedImports: ['tools'] });
    if (hasCatalog(model.mcp)) imports.push({ moduleSpecifier: './mcp/catalog.gen.js', namedImports: ['prompts', 'resources'] });
    imports.push({ moduleSpecifier: './runtime/mcp.js', namedImports: ['createMcpServerFactory', stdio ? 'serveMcpStdio' : 'createMcpApp'] });
  }
  if (model.control) {
    if (model.control.info) imports.push({ moduleSpecifier: './control.gen.js', namedImports: ['environment', 'publicSettings'] });
    imports.push({ moduleSpecifier: './runtime/control.js', namedImports: ['Readiness', 'createControlApp'] });
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

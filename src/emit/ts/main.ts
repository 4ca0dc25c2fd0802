/** src/main.ts: the only file with side effects: reads the environment and listens. */
import type { CapabilityModel } from '../../model/types.js';
import { lit } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { tsFile, type Imports } from './morph.js';
import { hasCatalog } from './mcp-catalog.js';
import { inboundAuthExpression } from './upstreams.js';

export function emitMain(model: CapabilityModel, serviceVersion: string): GeneratedFile {
  const imports: Imports = [
    { moduleSpecifier: './config.gen.js', namedImports: ['loadConfig'] },
    { moduleSpecifier: './runtime/log.js', namedImports: ['createLogger'] },
    {
      moduleSpecifier: './runtime/server.js',
      namedImports: model.rest || model.mcp?.transport === 'http' ? ['installGracefulShutdown', 'listen', 'type ListeningServer'] : ['installGracefulShutdown', 'type ListeningServer'],
    },
    { moduleSpecifier: './upstreams.gen.js', namedImports: ['createUpstreams'] },
  ];
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
  return tsFile('src/main.ts', model.sourceFile, imports, (w) => {
    w.write('async function main(): Promise<void>').block(() => {
      w.writeLine('const config = loadConfig(process.env);');
      // Over stdio, stdout carries the protocol: logs go to stderr.
      w.writeLine(stdio ? 'const logger = createLogger({ level: config.logLevel, write: (line) => process.stderr.write(`${line}\\n`) });' : 'const logger = createLogger({ level: config.logLevel });');
      w.writeLine("const upstreams = createUpstreams(config, { onEvent: (event) => logger.debug('upstream call', { ...event }) });");
      w.writeLine('const servers: ListeningServer[] = [];');
      if (model.rest) {
        const auth = model.rest.auth ? `, auth: ${inboundAuthExpression(model.rest.auth)}` : '';
        const forwards = model.rest.forwards.length ? ', forwards' : '';
        w.writeLine(`const restApp = createRestApp({ routes${forwards}, upstreams, logger, openapi${auth} });`);
        w.writeLine("servers.push(await listen(restApp, { name: 'rest', host: config.host, port: config.restPort, logger }));");
      }
      if (model.mcp) {
        const info = [`name: ${lit(model.mcp.namespace)}`, `version: ${lit(serviceVersion)}`];
        if (model.mcp.description) info.push(`instructions: ${lit(model.mcp.description)}`);
        const catalog = hasCatalog(model.mcp) ? ', { resources, prompts }' : '';
        w.writeLine(`const factory = createMcpServerFactory({ ${info.join(', ')} }, tools, upstreams, logger${catalog});`);
        if (stdio) w.writeLine('serveMcpStdio(factory, logger);');
        else {
          const auth = model.mcp.auth ? `, auth: ${inboundAuthExpression(model.mcp.auth)}` : '';
          w.writeLine(`const mcpApp = createMcpApp({ host: config.host, allowedHosts: config.mcpAllowedHosts, allowedOrigins: config.mcpAllowedOrigins, logger, factory${auth} });`);
          w.writeLine("servers.push(await listen(mcpApp, { name: 'mcp', host: config.host, port: config.mcpPort, logger }));");
        }
      }
      w.writeLine('installGracefulShutdown(servers, logger);');
    }).blankLine();
    w.write('main().catch((error: unknown) =>').block(() => {
      w.writeLine('const message = error instanceof Error ? error.message : String(error);');
      w.writeLine('process.stderr.write(`${message}\\n`);');
      w.writeLine('process.exit(1);');
    });
    w.write(');');
  });
}

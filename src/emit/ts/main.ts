/** src/main.ts: the only file with side effects: reads the environment, starts the service, stops it on a signal. */
import type { CapabilityModel } from '../../model/types.js';
import type { GeneratedFile } from '../types.js';
import { tsFile, type Imports } from './morph.js';

export function emitMain(model: CapabilityModel): GeneratedFile {
  const stdio = model.mcp?.transport === 'stdio';
  const imports: Imports = [
    { moduleSpecifier: './config.gen.js', namedImports: ['loadConfig'] },
    { moduleSpecifier: './runtime/log.js', namedImports: ['createLogger'] },
    { moduleSpecifier: './runtime/server.js', namedImports: ['installGracefulShutdown'] },
    ...(stdio ? [{ moduleSpecifier: './runtime/mcp.js', namedImports: ['serveMcpStdio'] }] : []),
    { moduleSpecifier: './service.gen.js', namedImports: ['startService'] },
    // The team's own file: imported here, so its module-level code runs at start-up.
    { moduleSpecifier: './hooks.js', namedImports: [], defaultImport: 'hooks' },
  ];
  return tsFile('src/main.ts', model.sourceFile, imports, (w) => {
    w.write('async function main(): Promise<void>').block(() => {
      w.writeLine('const config = loadConfig(process.env);');
      // Over stdio, stdout carries the protocol: logs go to stderr.
      w.writeLine(stdio ? 'const logger = createLogger({ level: config.logLevel, write: (line) => process.stderr.write(`${line}\\n`) });' : 'const logger = createLogger({ level: config.logLevel });');
      w.writeLine(`const service = await startService({ config, logger, hooks${model.control?.info ? ', env: process.env' : ''} });`);
      if (stdio) w.writeLine('serveMcpStdio(service.mcpServer, logger);');
      if (model.control) w.writeLine('installGracefulShutdown(service.servers, logger, { onShutdown: () => service.readiness.markShuttingDown() });');
      else w.writeLine('installGracefulShutdown(service.servers, logger);');
    }).blankLine();
    w.write('main().catch((error: unknown) =>').block(() => {
      w.writeLine('const message = error instanceof Error ? error.message : String(error);');
      w.writeLine('process.stderr.write(`${message}\\n`);');
      w.writeLine('process.exit(1);');
    });
    w.write(');');
  });
}

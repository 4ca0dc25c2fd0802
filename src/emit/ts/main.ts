/**
 * src/main.ts: the only file with side effects: reads the environment, starts tracing and the
 * service, drains it on a signal.
 */
import type CodeBlockWriter from 'code-block-writer';
import type { CapabilityModel } from '../../model/types.js';
import { isTraced, listensOnHttp } from '../../model/runtime-env.js';
import { lit } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { valueExpression } from './client.js';
import { tsFile, type Imports } from './morph.js';

export function emitMain(model: CapabilityModel, serviceVersion: string): GeneratedFile {
  const stdio = model.mcp?.transport === 'stdio';
  const traced = isTraced(model);
  return tsFile('src/main.ts', model.sourceFile, mainImports(model), (w) => {
    w.write('async function main(): Promise<void>').block(() => {
      w.writeLine('const config = loadConfig(process.env);');
      // Over stdio, stdout carries the protocol: logs go to stderr.
      w.writeLine(stdio ? 'const logger = createLogger({ level: config.logLevel, write: (line) => process.stderr.write(`${line}\\n`) });' : 'const logger = createLogger({ level: config.logLevel });');
      if (traced) writeTracing(w, model, serviceVersion);
      const options = ['config', 'logger', 'hooks', ...(traced ? ['tracing'] : []), ...(model.control?.info ? ['env: process.env'] : [])];
      w.writeLine(`const service = await startService({ ${options.join(', ')} });`);
      if (stdio) w.writeLine('serveMcpStdio(service.mcpServer, logger);');
      writeShutdown(w, model);
    }).blankLine();
    w.write('main().catch((error: unknown) =>').block(() => {
      w.writeLine('const message = error instanceof Error ? error.message : String(error);');
      w.writeLine('process.stderr.write(`${message}\\n`);');
      w.writeLine('process.exit(1);');
    });
    w.write(');');
  });
}

function mainImports(model: CapabilityModel): Imports {
  const traced = isTraced(model);
  return [
    { moduleSpecifier: './config.gen.js', namedImports: ['loadConfig'] },
    { moduleSpecifier: './runtime/log.js', namedImports: ['createLogger'] },
    ...(model.mcp?.transport === 'stdio' ? [{ moduleSpecifier: './runtime/mcp.js', namedImports: ['serveMcpStdio'] }] : []),
    { moduleSpecifier: './runtime/server.js', namedImports: ['installGracefulShutdown'] },
    ...(traced ? [{ moduleSpecifier: './runtime/tracing.js', namedImports: ['startTracing'] }] : []),
    ...(traced && model.control?.tracing?.propagation === 'b3' ? [{ moduleSpecifier: './runtime/tracing-b3.js', namedImports: ['b3Propagator'] }] : []),
    { moduleSpecifier: './service.gen.js', namedImports: ['startService'] },
    // The team's own file: imported here, so its module-level code runs at start-up.
    { moduleSpecifier: './hooks.js', namedImports: [], defaultImport: 'hooks' },
  ];
}

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

const FLUSH_TRACES = 'onClosed: async () => { await tracing?.shutdown(); },';

/** Drain on SIGTERM where the service listens on HTTP; spans not yet exported are flushed last. */
function writeShutdown(w: CodeBlockWriter, model: CapabilityModel): void {
  const traced = isTraced(model);
  if (listensOnHttp(model)) {
    w.write('installGracefulShutdown(service.servers, logger,').block(() => {
      w.writeLine('drainDelayMs: config.drainDelayMs,\ngraceMs: config.shutdownTimeoutMs,\nonShutdown: () => service.readiness.markShuttingDown(),');
      if (traced) w.writeLine(FLUSH_TRACES);
    });
    w.write(');').newLine();
  } else if (traced) w.writeLine(`installGracefulShutdown(service.servers, logger, { ${FLUSH_TRACES} });`);
  else w.writeLine('installGracefulShutdown(service.servers, logger);');
}

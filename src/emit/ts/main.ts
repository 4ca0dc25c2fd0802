/**
 * src/main.ts: the only file with side effects: reads the environment, starts tracing and the
 * service, drains it on a signal.
 */
import type { CapabilityModel } from '../../model/types.js';
import { isTraced, listensOnHttp } from '../../model/runtime-env.js';
import { join, str, ts, tsFile, type Code, type CodeWriter, type Imports } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { valueExpression } from './client.js';

export function emitMain(model: CapabilityModel, serviceVersion: string): GeneratedFile {
  const stdio = model.mcp?.transport === 'stdio';
  const traced = isTraced(model);
  return tsFile('src/main.ts', model.sourceFile, mainImports(model), (w) => {
    w.write(ts`async function main(): Promise<void>`).block(() => {
      w.writeLine(ts`const config = loadConfig(process.env);`);
      // Over stdio, stdout carries the protocol: logs go to stderr.
      w.writeLine(stdio ? ts`const logger = createLogger({ level: config.logLevel, write: (line) => process.stderr.write(\`\${line}\\n\`) });` : ts`const logger = createLogger({ level: config.logLevel });`);
      if (traced) writeTracing(w, model, serviceVersion);
      const options: Code[] = [ts`config`, ts`logger`, ts`hooks`, ...(traced ? [ts`tracing`] : []), ...(model.control?.info ? [ts`env: process.env`] : [])];
      w.writeLine(ts`const service = await startService({ ${join(options)} });`);
      if (stdio) w.writeLine(ts`serveMcpStdio(service.mcpServer, logger);`);
      writeShutdown(w, model);
    }).blankLine();
    w.write(ts`main().catch((error: unknown) =>`).block(() => {
      w.writeLine(ts`const message = error instanceof Error ? error.message : String(error);`);
      w.writeLine(ts`process.stderr.write(\`\${message}\\n\`);`);
      w.writeLine(ts`process.exit(1);`);
    });
    w.write(ts`);`);
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
function writeTracing(w: CodeWriter, model: CapabilityModel, serviceVersion: string): void {
  const t = model.control?.tracing;
  const fields = [ts`serviceName: ${str(model.id)}`, ts`serviceVersion: ${str(serviceVersion)}`];
  if (t?.sampling !== undefined) fields.push(ts`sampling: ${t.sampling}`);
  if (t?.propagation === 'b3') fields.push(ts`propagator: b3Propagator()`);
  if (t?.otlpEndpoint) fields.push(ts`otlpEndpoint: ${valueExpression(t.otlpEndpoint, ts`config.vars`)}`);
  if (t?.recentSpans) fields.push(ts`recentSpans: ${t.recentSpans}`);
  w.writeLine(ts`const tracing = await startTracing({ ${join(fields)} }, process.env, logger);`);
}

const FLUSH_TRACES = ts`onClosed: async () => { await tracing?.shutdown(); },`;

/** Drain on SIGTERM where the service listens on HTTP; spans not yet exported are flushed last. */
function writeShutdown(w: CodeWriter, model: CapabilityModel): void {
  const traced = isTraced(model);
  if (listensOnHttp(model)) {
    w.write(ts`installGracefulShutdown(service.servers, logger,`).block(() => {
      w.writeLine(ts`drainDelayMs: config.drainDelayMs,\ngraceMs: config.shutdownTimeoutMs,\nonShutdown: () => service.readiness.markShuttingDown(),`);
      if (traced) w.writeLine(FLUSH_TRACES);
    });
    w.write(ts`);`).newLine();
  } else if (traced) w.writeLine(ts`installGracefulShutdown(service.servers, logger, { ${FLUSH_TRACES} });`);
  else w.writeLine(ts`installGracefulShutdown(service.servers, logger);`);
}

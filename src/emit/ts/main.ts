/**
 * src/main.ts: the only file with side effects: reads the environment, starts tracing and the
 * service, drains it on a signal.
 */
import type { CapabilityModel } from '../../model/types.js';
import { isTraced, listensOnHttp } from '../../model/runtime-env.js';
import { callArguments, huggedCallArguments, objectLiteral, property, str, ts, tsFile, unmodelled, type Code, type CodeWriter, type Imports } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { valueExpression } from './client.js';

export function emitMain(model: CapabilityModel, serviceVersion: string): GeneratedFile {
  const stdio = model.mcp?.transport === 'stdio';
  const traced = isTraced(model);
  return tsFile(
    'src/main.ts',
    model.sourceFile,
    mainImports(model),
    (w) => {
      w.write(ts`async function main(): Promise<void>`).block(() => {
        w.writeLine(ts`const config = loadConfig(process.env);`);
        // Over stdio, stdout carries the protocol: logs go to stderr.
        w.writeLine(stdio ? STDERR_LOGGER : ts`const logger = createLogger({ level: config.logLevel });`);
        if (traced) writeTracing(w, model, serviceVersion);
        const options: Code[] = [ts`config`, ts`logger`, ts`hooks`, ...(traced ? [ts`tracing`] : []), ...(model.control?.info ? [ts`env: process.env`] : [])];
        const serviceOptions = objectLiteral(options);
        w.writeLine(ts`const service = await startService${huggedCallArguments([serviceOptions])};`);
        if (stdio) w.writeLine(ts`serveMcpStdio(service.mcpServer, logger);`);
        writeShutdown(w, model);
      }).blankLine();
      w.writeLine(ts`main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(\`\${message}\\n\`);
  process.exit(1);
});`);
    },
    'final',
  );
}

const STDERR_LOGGER = ts`const logger = createLogger({
  level: config.logLevel,
  write: (line) => process.stderr.write(\`\${line}\\n\`),
});`;

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
  const fields = [property(ts`serviceName`, 11, str(model.id), 'breakAfter'), property(ts`serviceVersion`, 14, str(serviceVersion), 'breakAfter')];
  if (t?.sampling !== undefined) fields.push(ts`sampling: ${t.sampling}`);
  if (t?.propagation === 'b3') fields.push(ts`propagator: b3Propagator()`);
  if (t?.otlpEndpoint) {
    // One part is a string or a config.vars lookup; several are a `+` expression, whose layout is not modelled.
    const endpoint = valueExpression(t.otlpEndpoint, ts`config.vars`);
    fields.push(t.otlpEndpoint.length > 1 ? ts`otlpEndpoint: ${unmodelled(endpoint)}` : property(ts`otlpEndpoint`, 12, endpoint, 'breakAfter'));
  }
  if (t?.recentSpans) fields.push(ts`recentSpans: ${t.recentSpans}`);
  w.writeLine(ts`const tracing = await startTracing${callArguments([objectLiteral(fields), ts`process.env`, ts`logger`])};`);
}

const FLUSH_TRACES = ts`onClosed: async () => {
  await tracing?.shutdown();
}`;
const SHUTDOWN_ARGS = [ts`service.servers`, ts`logger`];

/** Drain on SIGTERM where the service listens on HTTP; spans not yet exported are flushed last. */
function writeShutdown(w: CodeWriter, model: CapabilityModel): void {
  const traced = isTraced(model);
  const drain = [ts`drainDelayMs: config.drainDelayMs`, ts`graceMs: config.shutdownTimeoutMs`, ts`onShutdown: () => service.readiness.markShuttingDown()`];
  const options = listensOnHttp(model) ? [...drain, ...(traced ? [FLUSH_TRACES] : [])] : traced ? [FLUSH_TRACES] : [];
  if (options.length === 0) return void w.writeLine(ts`installGracefulShutdown(service.servers, logger);`);
  // The drain options were always written one per line (prettier keeps such an object broken).
  const object = objectLiteral(options, listensOnHttp(model));
  w.writeLine(ts`installGracefulShutdown${huggedCallArguments([...SHUTDOWN_ARGS, object])};`);
}

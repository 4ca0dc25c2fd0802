/** src/config.gen.ts: the environment contract, read once at start-up. */
import type { CapabilityModel, EnvVar } from '../../model/types.js';
import { arrayLiteral, huggedCallArguments, index, key, logicalOr, property, snippetText, str, ts, tsFile, type Code } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { DRAIN_DELAY_MS, SHUTDOWN_TIMEOUT_MS, listensOnHttp } from '../../model/runtime-env.js';

/** Variables whose values main.ts reads through typed fields rather than `vars`. */
const RUNTIME = new Set(['HOST', 'LOG_LEVEL', 'UPSTREAM_TIMEOUT_MS', 'UPSTREAM_MAX_RETRIES', 'UPSTREAM_MAX_RESPONSE_BYTES', 'REST_PORT', 'MCP_PORT', 'MCP_ALLOWED_HOSTS', 'MCP_ALLOWED_ORIGINS', 'SKILL_PORT', 'CONTROL_PORT', 'CONTROL_HOST', 'DRAIN_DELAY_MS', 'SHUTDOWN_TIMEOUT_MS', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME']);

export function emitConfig(model: CapabilityModel): GeneratedFile {
  const required = model.env.filter((e) => e.required).map((e) => e.name);
  const spec = model.env.filter((e) => !RUNTIME.has(e.name));
  const drains = listensOnHttp(model);
  const imports = required.length ? ['envInt', 'requireEnv'] : ['envInt'];
  if (model.rest || model.mcp?.port !== undefined || model.skill || model.control) imports.push('envPort');
  if (model.mcp?.port !== undefined) imports.push('envList');
  const moduleImports = [{ moduleSpecifier: './runtime/env.js', namedImports: imports }, { moduleSpecifier: './runtime/log.js', namedImports: ['parseLogLevel', 'type LogLevel'] }];
  return tsFile('src/config.gen.ts', model.sourceFile, moduleImports, (w) => {
    w.writeLine(ts`/** Every environment variable the service reads (see .env.example). */`);
    w.writeLine(ts`export const ENV_VARS = ${arrayLiteral(model.env.map((e) => str(e.name)))} as const;`).blankLine();
    w.write(ts`export interface Config`).block(() => {
      w.writeLine(ts`readonly host: string;`);
      w.writeLine(ts`readonly logLevel: LogLevel;`);
      w.writeLine(ts`readonly upstreamTimeoutMs: number;`);
      w.writeLine(ts`readonly upstreamMaxRetries: number;`);
      w.writeLine(ts`readonly upstreamMaxResponseBytes: number;`);
      if (model.rest) w.writeLine(ts`readonly restPort: number;`);
      if (model.mcp?.port !== undefined) w.writeLine(ts`readonly mcpPort: number;\nreadonly mcpAllowedHosts: readonly string[];\nreadonly mcpAllowedOrigins: readonly string[];`);
      if (model.skill) w.writeLine(ts`readonly skillPort: number;`);
      if (model.control) w.writeLine(ts`readonly controlHost: string;\nreadonly controlPort: number;`);
      if (drains) w.writeLine(ts`readonly drainDelayMs: number;\nreadonly shutdownTimeoutMs: number;`);
      w.writeLine(ts`/** Spec variables: bound secrets and upstream base URLs, by environment variable name. */`);
      w.writeLine(ts`readonly vars: Readonly<Record<string, string>>;`);
    }).blankLine();
    w.writeLine(ts`/** Reads and checks the environment; throws ConfigError naming every missing or invalid variable. */`);
    w.write(ts`export function loadConfig(env: NodeJS.ProcessEnv): Config`).block(() => {
      if (required.length) {
        const names = arrayLiteral(required.map(str));
        w.writeLine(ts`const required = requireEnv${huggedCallArguments([ts`env`, names])};`);
      }
      w.write(ts`return `).inlineBlock(() => {
        w.writeLine(ts`host: env.HOST || '127.0.0.1',`);
        w.writeLine(ts`logLevel: parseLogLevel(env.LOG_LEVEL),`);
        w.writeLine(ts`upstreamTimeoutMs: envInt(env, 'UPSTREAM_TIMEOUT_MS', 30_000),`);
        w.writeLine(ts`upstreamMaxRetries: envInt(env, 'UPSTREAM_MAX_RETRIES', 2),`);
        w.writeLine(ts`upstreamMaxResponseBytes: envInt(env, 'UPSTREAM_MAX_RESPONSE_BYTES', 10_485_760),`);
        if (model.rest) w.writeLine(ts`restPort: envPort(env, 'REST_PORT', ${model.rest.port}),`);
        if (model.mcp?.port !== undefined) {
          w.writeLine(ts`mcpPort: envPort(env, 'MCP_PORT', ${model.mcp.port}),`);
          w.writeLine(ts`mcpAllowedHosts: envList(env, 'MCP_ALLOWED_HOSTS', ['localhost', '127.0.0.1', '[::1]']),`);
          w.writeLine(ts`mcpAllowedOrigins: envList(env, 'MCP_ALLOWED_ORIGINS', []),`);
        }
        if (model.skill) w.writeLine(ts`skillPort: envPort(env, 'SKILL_PORT', ${model.skill.port}),`);
        if (model.control) {
          w.writeLine(ts`${property(ts`controlHost`, 11, logicalOr(ts`env.CONTROL_HOST`, str(model.control.host)), 'breakAfter')},`);
          w.writeLine(ts`controlPort: envPort(env, 'CONTROL_PORT', ${model.control.port}),`);
        }
        if (drains) w.writeLine(ts`drainDelayMs: envInt(env, 'DRAIN_DELAY_MS', ${DRAIN_DELAY_MS}),\nshutdownTimeoutMs: envInt(env, 'SHUTDOWN_TIMEOUT_MS', ${SHUTDOWN_TIMEOUT_MS}),`);
        w.write(ts`vars: `).inlineBlock(() => spec.forEach((e) => w.writeLine(ts`${property(key(e.name), snippetText(key(e.name)).length, varValue(e), 'breakAfter')},`)));
        w.write(ts`,`);
      });
      w.write(ts`;`);
    });
  }, 'final');
}

/** A member lookup, or a logical expression: prettier moves either after the colon when too long. */
function varValue(e: EnvVar): Code {
  if (e.required) return ts`${index(ts`required`, str(e.name))}!`;
  return logicalOr(index(ts`env`, str(e.name)), str(e.example ?? ''));
}

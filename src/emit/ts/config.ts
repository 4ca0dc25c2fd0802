/** src/config.gen.ts: the environment contract, read once at start-up. */
import type { CapabilityModel, EnvVar } from '../../model/types.js';
import { lit, prop } from '../code.js';
import type { GeneratedFile } from '../types.js';
import { tsFile } from './morph.js';
import { DRAIN_DELAY_MS, SHUTDOWN_TIMEOUT_MS, listensOnHttp } from '../../model/runtime-env.js';

/** Variables whose values main.ts reads through typed fields rather than `vars`. */
const RUNTIME = new Set(['HOST', 'LOG_LEVEL', 'UPSTREAM_TIMEOUT_MS', 'UPSTREAM_MAX_RETRIES', 'REST_PORT', 'MCP_PORT', 'MCP_ALLOWED_HOSTS', 'MCP_ALLOWED_ORIGINS', 'SKILL_PORT', 'CONTROL_PORT', 'CONTROL_HOST', 'DRAIN_DELAY_MS', 'SHUTDOWN_TIMEOUT_MS', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME']);

export function emitConfig(model: CapabilityModel): GeneratedFile {
  const required = model.env.filter((e) => e.required).map((e) => e.name);
  const spec = model.env.filter((e) => !RUNTIME.has(e.name));
  const drains = listensOnHttp(model);
  const imports = required.length ? ['envInt', 'requireEnv'] : ['envInt'];
  if (model.rest || model.mcp?.port !== undefined || model.skill || model.control) imports.push('envPort');
  if (model.mcp?.port !== undefined) imports.push('envList');
  return tsFile('src/config.gen.ts', model.sourceFile, [{ moduleSpecifier: './runtime/env.js', namedImports: imports }, { moduleSpecifier: './runtime/log.js', namedImports: ['parseLogLevel', 'type LogLevel'] }], (w) => {
    w.writeLine('/** Every environment variable the service reads (see .env.example). */');
    w.writeLine(`export const ENV_VARS = [${model.env.map((e) => lit(e.name)).join(', ')}] as const;`).blankLine();
    w.writeLine('export interface Config').block(() => {
      w.writeLine('readonly host: string;');
      w.writeLine('readonly logLevel: LogLevel;');
      w.writeLine('readonly upstreamTimeoutMs: number;');
      w.writeLine('readonly upstreamMaxRetries: number;');
      if (model.rest) w.writeLine('readonly restPort: number;');
      if (model.mcp?.port !== undefined) w.writeLine('readonly mcpPort: number;\nreadonly mcpAllowedHosts: readonly string[];\nreadonly mcpAllowedOrigins: readonly string[];');
      if (model.skill) w.writeLine('readonly skillPort: number;');
      if (model.control) w.writeLine('readonly controlHost: string;\nreadonly controlPort: number;');
      if (drains) w.writeLine('readonly drainDelayMs: number;\nreadonly shutdownTimeoutMs: number;');
      w.writeLine('/** Spec variables: bound secrets and upstream base URLs, by environment variable name. */');
      w.writeLine('readonly vars: Readonly<Record<string, string>>;');
    }).blankLine();
    w.writeLine('/** Reads and checks the environment; throws ConfigError naming every missing or invalid variable. */');
    w.write('export function loadConfig(env: NodeJS.ProcessEnv): Config').block(() => {
      if (required.length) w.writeLine(`const required = requireEnv(env, [${required.map(lit).join(', ')}]);`);
      w.write('return').block(() => {
        w.writeLine("host: env.HOST || '127.0.0.1',");
        w.writeLine('logLevel: parseLogLevel(env.LOG_LEVEL),');
        w.writeLine("upstreamTimeoutMs: envInt(env, 'UPSTREAM_TIMEOUT_MS', 30_000),");
        w.writeLine("upstreamMaxRetries: envInt(env, 'UPSTREAM_MAX_RETRIES', 2),");
        if (model.rest) w.writeLine(`restPort: envPort(env, 'REST_PORT', ${model.rest.port}),`);
        if (model.mcp?.port !== undefined) {
          w.writeLine(`mcpPort: envPort(env, 'MCP_PORT', ${model.mcp.port}),`);
          w.writeLine("mcpAllowedHosts: envList(env, 'MCP_ALLOWED_HOSTS', ['localhost', '127.0.0.1', '[::1]']),");
          w.writeLine("mcpAllowedOrigins: envList(env, 'MCP_ALLOWED_ORIGINS', []),");
        }
        if (model.skill) w.writeLine(`skillPort: envPort(env, 'SKILL_PORT', ${model.skill.port}),`);
        if (model.control) {
          w.writeLine(`controlHost: env.CONTROL_HOST || ${lit(model.control.host)},`);
          w.writeLine(`controlPort: envPort(env, 'CONTROL_PORT', ${model.control.port}),`);
        }
        if (drains) w.writeLine(`drainDelayMs: envInt(env, 'DRAIN_DELAY_MS', ${DRAIN_DELAY_MS}),\nshutdownTimeoutMs: envInt(env, 'SHUTDOWN_TIMEOUT_MS', ${SHUTDOWN_TIMEOUT_MS}),`);
        w.write('vars: ').inlineBlock(() => spec.forEach((e) => w.writeLine(`${prop(e.name)}: ${varValue(e)},`)));
        w.write(',');
      });
      w.write(';');
    });
  });
}

function varValue(e: EnvVar): string {
  if (e.required) return `required[${lit(e.name)}]!`;
  return `env[${lit(e.name)}] || ${lit(e.example ?? '')}`;
}

/** The environment variables every generated service reads besides the spec's own. */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { EnvRegistry } from './env.js';
import type { ControlSurface, McpSurface, RestSurface, SkillSurface } from './types.js';

export interface Surfaces {
  readonly rest?: RestSurface | undefined;
  readonly mcp?: McpSurface | undefined;
  readonly skill?: SkillSurface | undefined;
  readonly control?: ControlSurface | undefined;
  /** Where each adapter is declared, to point a port clash at the second one. */
  readonly at?: Readonly<Partial<Record<'rest' | 'mcp' | 'skill' | 'control', SpecPath>>>;
}

/** Default drain on SIGTERM: accepting while load balancers notice, then time for in-flight calls. */
export const DRAIN_DELAY_MS = 5_000;
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Only REST routes and MCP tools call APIs, so only they are traced: a skill catalogue or control port alone is not. */
export function isTraced({ rest, mcp }: Surfaces): boolean {
  return Boolean(rest || mcp);
}

/** Whether the control port serves GET /traces: the spec keeps recent spans, and something is traced. */
export function keepsRecentSpans(surfaces: Surfaces): boolean {
  return Boolean(surfaces.control?.tracing?.recentSpans) && isTraced(surfaces);
}

/** Whether the service listens on HTTP at all (a stdio-only MCP server does not). */
export function listensOnHttp({ rest, mcp, skill, control }: Surfaces): boolean {
  return Boolean(rest || mcp?.transport === 'http' || skill || control);
}

export function declareRuntimeEnv(env: EnvRegistry, surfaces: Surfaces, reporter: Reporter): void {
  const { rest, mcp, skill, control } = surfaces;
  const optional = (name: string, example: string, description: string) =>
    env.declare({ name, required: false, secret: false, example, description });
  optional('HOST', '127.0.0.1', 'Interface the servers bind to (use 0.0.0.0 in containers)');
  optional('LOG_LEVEL', 'info', 'debug, info, warn or error');
  optional('UPSTREAM_TIMEOUT_MS', '30000', 'Timeout of one upstream attempt, in milliseconds');
  optional('UPSTREAM_MAX_RETRIES', '2', 'Retries of idempotent upstream calls on network errors, 408, 429 and 5xx');
  optional('UPSTREAM_MAX_RESPONSE_BYTES', '10485760', 'Longest upstream answer read, in bytes after decompression (default 10 MiB); a longer one fails the call with 502');
  if (rest?.routes.length || rest?.forwards.length) optional('REST_PORT', String(rest.port), 'Port of the REST adapter');
  if (mcp?.tools.length && mcp.port !== undefined) {
    optional('MCP_PORT', String(mcp.port), 'Port of the MCP adapter (Streamable HTTP at /mcp)');
    optional('MCP_ALLOWED_HOSTS', 'localhost,127.0.0.1,[::1]', 'Host header names the MCP adapter accepts (DNS rebinding protection)');
    optional('MCP_ALLOWED_ORIGINS', '', 'Origin host names the MCP adapter accepts instead of the localhost names (empty: localhost); requests without Origin always pass');
  }
  if (listensOnHttp(surfaces)) {
    optional('DRAIN_DELAY_MS', String(DRAIN_DELAY_MS), 'On SIGTERM, how long the servers keep accepting while /ready answers 503, so load balancers stop routing here');
    optional('SHUTDOWN_TIMEOUT_MS', String(SHUTDOWN_TIMEOUT_MS), 'After the drain delay, how long in-flight requests get before the remaining connections are closed');
  }
  if (rest || mcp) {
    // Read by the OpenTelemetry exporter (templates/runtime/tracing.ts); listed so operators find them.
    optional('OTEL_EXPORTER_OTLP_ENDPOINT', '', 'OTLP/HTTP collector base URL: traces are exported there (unset: no export; the other OTEL_* variables apply too)');
    optional('OTEL_SERVICE_NAME', '', 'Service name on exported traces (unset: the capability name)');
  }
  if (skill) optional('SKILL_PORT', String(skill.port), 'Port of the skill catalogue (GET /skills)');
  if (control) {
    optional('CONTROL_PORT', String(control.port), 'Port of the control adapter (health, status, metrics)');
    // Not HOST: containers set HOST=0.0.0.0, and the management plane stays on loopback unless asked.
    optional('CONTROL_HOST', control.host, 'Interface the control adapter binds to (not HOST: it stays on loopback unless set)');
  }
  checkPorts(surfaces, reporter);
}

/** Two adapters on one port cannot both listen (the control port rule of the format, for all). */
function checkPorts({ rest, mcp, skill, control, at = {} }: Surfaces, reporter: Reporter): void {
  const listening: [string, number | undefined, SpecPath | undefined][] = [
    [`the REST adapter ${rest?.namespace}`, rest?.routes.length || rest?.forwards.length ? rest.port : undefined, at.rest],
    [`the MCP adapter ${mcp?.namespace}`, mcp?.tools.length ? mcp.port : undefined, at.mcp],
    [`the skill adapter ${skill?.namespace}`, skill?.port, at.skill],
    ['the control adapter', control?.port, at.control],
  ];
  const seen = new Map<number, string>();
  for (const [name, port, path] of listening) {
    if (port === undefined) continue;
    const first = seen.get(port);
    if (first) reporter.at('NG2113', path ? [...path, 'port'] : ['capability', 'exposes'], { port, first });
    else seen.set(port, name);
  }
}

/** The environment variables every generated service reads besides the spec's own. */
import type { Reporter } from '../diagnostics/report.js';
import type { EnvRegistry } from './env.js';
import type { McpSurface, RestSurface } from './types.js';

export function declareRuntimeEnv(env: EnvRegistry, rest: RestSurface | undefined, mcp: McpSurface | undefined, reporter: Reporter): void {
  const optional = (name: string, example: string, description: string) =>
    env.declare({ name, required: false, secret: false, example, description });
  optional('HOST', '127.0.0.1', 'Interface the servers bind to (use 0.0.0.0 in containers)');
  optional('LOG_LEVEL', 'info', 'debug, info, warn or error');
  optional('UPSTREAM_TIMEOUT_MS', '30000', 'Timeout of one upstream attempt, in milliseconds');
  optional('UPSTREAM_MAX_RETRIES', '2', 'Retries of idempotent upstream calls on network errors, 408, 429 and 5xx');
  if (rest?.routes.length || rest?.forwards.length) optional('REST_PORT', String(rest.port), 'Port of the REST adapter');
  if (mcp?.tools.length && mcp.port !== undefined) {
    optional('MCP_PORT', String(mcp.port), 'Port of the MCP adapter (Streamable HTTP at /mcp)');
    optional('MCP_ALLOWED_HOSTS', 'localhost,127.0.0.1,[::1]', 'Host header names the MCP adapter accepts (DNS rebinding protection)');
    optional('MCP_ALLOWED_ORIGINS', '', 'Origin host names the MCP adapter accepts instead of the localhost names (empty: localhost); requests without Origin always pass');
  }
  if (rest?.routes.length && mcp?.tools.length && mcp.port !== undefined && rest.port === mcp.port) {
    reporter.at('NG2113', ['capability', 'exposes'], { port: mcp.port, first: `the REST adapter ${rest.namespace}` });
  }
}

/**
 * Dependency versions of generated projects: the single source of truth. A unit test asserts they
 * equal this repository's devDependencies, so the tests compile and run what users get.
 */
import type { CapabilityModel } from '../model/types.js';

export const SERVICE_VERSION = '1.0.0';

/** The version a service reports (MCP server, /status, traces, OpenAPI): Ikanos `info.version`, else SERVICE_VERSION. */
export function serviceVersion(model: CapabilityModel): string {
  return model.info.version ?? SERVICE_VERSION;
}

/**
 * The Node.js lines generated services are tested on (CI runs the seed projects on each, see
 * scripts/node-binaries.mjs): 24 is the default of the Dockerfile, 20.19 the oldest supported.
 */
export const NODE_ENGINES = '^20.19.0 || ^22.12.0 || ^24.0.0';

/** The Dockerfile's default `node:<version>-bookworm-slim` image: the 24 line CI tests on. */
export const DOCKER_NODE_VERSION = '24.22';

export const GENERATED_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@modelcontextprotocol/express': '2.0.2',
  '@modelcontextprotocol/node': '2.1.2',
  '@modelcontextprotocol/server': '2.4.0',
  // OpenTelemetry 2.x / 0.2xx: the last line that supports Node 20 (3.x requires Node 22.15).
  '@opentelemetry/api': '1.9.1',
  '@opentelemetry/core': '2.12.1',
  '@opentelemetry/exporter-trace-otlp-http': '0.223.1',
  '@opentelemetry/propagator-b3': '2.12.0',
  '@opentelemetry/resources': '2.12.1',
  '@opentelemetry/sdk-trace': '2.12.1',
  express: '5.3.0',
  yaml: '2.9.1',
  zod: '4.6.7',
};

export const GENERATED_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@modelcontextprotocol/client': '2.4.0',
  '@types/express': '5.0.6',
  '@types/node': '24.19.4',
  typescript: '7.0.2',
};

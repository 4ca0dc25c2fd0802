/** package.json of a generated project: a typed object through JSON.stringify (never a template). */
import type { CapabilityModel } from '../model/types.js';
import { isTraced } from '../model/runtime-env.js';
import { readsAnswerFormat } from './features.js';
import type { GeneratedFile } from './types.js';
import { GENERATED_DEPENDENCIES, GENERATED_DEV_DEPENDENCIES, NODE_ENGINES, SERVICE_VERSION } from './versions.js';

/** Project-level customisation from the naftiko-gen config file. */
export interface PackageJsonOptions {
  /** npm scope: `@acme` names the package `@acme/<project>`. */
  readonly packageScope?: string | undefined;
  /** Version overrides for dependencies and devDependencies generated projects already have. */
  readonly dependencyOverrides?: Readonly<Record<string, string>> | undefined;
}

export function emitPackageJson(model: CapabilityModel, options: PackageJsonOptions = {}): GeneratedFile {
  const overrides = options.dependencyOverrides ?? {};
  const override = (deps: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(deps).map(([name, v]) => [name, overrides[name] ?? v]));
  const base = model.id.toLowerCase();
  const pkg = {
    name: options.packageScope ? `${options.packageScope}/${base}` : base,
    version: model.info.packageVersion ?? SERVICE_VERSION,
    private: true,
    description: model.info.label,
    type: 'module',
    engines: { node: NODE_ENGINES },
    scripts: {
      build: 'tsc -p tsconfig.json',
      start: 'node dist/main.js',
      // The type-check of src/ and test/, compiled afresh (no test removed since lingers), then node:test.
      pretest: `node -e "require('node:fs').rmSync('dist-test', { recursive: true, force: true })" && tsc -p tsconfig.test.json`,
      test: 'node --test --test-timeout=60000 dist-test/test/*.test.js',
    },
    dependencies: override(dependenciesFor(model)),
    devDependencies: override(devDependenciesFor(model)),
  };
  return { path: 'package.json', contents: `${JSON.stringify(pkg, null, 2)}\n` };
}

/** The MCP client only tests an MCP adapter. */
function devDependenciesFor(model: CapabilityModel): Record<string, string> {
  return Object.fromEntries(Object.entries(GENERATED_DEV_DEPENDENCIES).filter(([name]) => name !== '@modelcontextprotocol/client' || model.mcp));
}

const OPENTELEMETRY = ['@opentelemetry/api', '@opentelemetry/core', '@opentelemetry/exporter-trace-otlp-http', '@opentelemetry/resources', '@opentelemetry/sdk-trace'];

function dependenciesFor(model: CapabilityModel): Record<string, string> {
  const wanted = new Set(['zod']);
  if (model.rest || model.mcp) wanted.add('express');
  if (model.mcp) ['@modelcontextprotocol/server', '@modelcontextprotocol/express', '@modelcontextprotocol/node'].forEach((d) => wanted.add(d));
  // Routes and tools are traced (templates/runtime/tracing.ts): the smallest set that exports OTLP/HTTP.
  if (isTraced(model)) OPENTELEMETRY.forEach((d) => wanted.add(d));
  if (isTraced(model) && model.control?.tracing?.propagation === 'b3') wanted.add('@opentelemetry/propagator-b3');
  // templates/runtime/yaml.ts parses with the yaml package (it types the scalars itself).
  if (readsAnswerFormat(model, 'yaml')) wanted.add('yaml');
  return Object.fromEntries(Object.entries(GENERATED_DEPENDENCIES).filter(([name]) => wanted.has(name)));
}

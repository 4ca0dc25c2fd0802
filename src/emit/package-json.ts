/** package.json of a generated project: a typed object through JSON.stringify (never a template). */
import type { CapabilityModel } from '../model/types.js';
import type { GeneratedFile } from './types.js';
import { GENERATED_DEPENDENCIES, GENERATED_DEV_DEPENDENCIES, SERVICE_VERSION } from './versions.js';

export function emitPackageJson(model: CapabilityModel): GeneratedFile {
  const pkg = {
    name: model.id.toLowerCase(),
    version: SERVICE_VERSION,
    private: true,
    description: model.info.label,
    type: 'module',
    engines: { node: '>=20.19' },
    scripts: {
      build: 'tsc -p tsconfig.json',
      start: 'node dist/main.js',
      test: 'tsc -p tsconfig.json --noEmit',
    },
    dependencies: dependenciesFor(model),
    devDependencies: GENERATED_DEV_DEPENDENCIES,
  };
  return { path: 'package.json', contents: `${JSON.stringify(pkg, null, 2)}\n` };
}

function dependenciesFor(model: CapabilityModel): Record<string, string> {
  const wanted = new Set(['zod']);
  if (model.rest || model.mcp) wanted.add('express');
  if (model.mcp) ['@modelcontextprotocol/server', '@modelcontextprotocol/express', '@modelcontextprotocol/node'].forEach((d) => wanted.add(d));
  return Object.fromEntries(Object.entries(GENERATED_DEPENDENCIES).filter(([name]) => wanted.has(name)));
}

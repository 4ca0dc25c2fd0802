/** Edge IO: reads the template sources shipped with the package, once per process. */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sha256 } from './emit/manifest.js';
import type { Templates } from './emit/types.js';

/** Both src/ (tests) and dist/ (the CLI) sit one level below the package root. */
const ROOT = new URL('../templates/', import.meta.url);

let cached: Templates | undefined;

export function loadTemplates(): Templates {
  if (!cached) {
    const project = readDir(new URL('project/', ROOT));
    cached = { runtime: readDir(new URL('runtime/', ROOT)), project, compiled: precompiledTemplates(project) };
  }
  return cached;
}

/** What scripts/bundle.mjs writes to dist/project-templates.cjs: per template, its source's hash and specification. */
export type PrecompiledFile = Readonly<Record<string, { sha256: string; spec: unknown }>>;

function precompiledTemplates(project: Readonly<Record<string, string>>): ReadonlyMap<string, unknown> {
  try {
    // dist/templates.js and the bundles dist/*.cjs all sit beside the file; src/ (tests) has none.
    return matchPrecompiled(project, createRequire(import.meta.url)('./project-templates.cjs') as PrecompiledFile);
  } catch {
    return new Map();
  }
}

/**
 * The build's precompiled Handlebars templates, keyed by the source they were compiled from. Only
 * a specification whose source hash matches the shipped template is kept, so an edited template
 * is never rendered from a stale build: it is compiled at run time instead, as without the file.
 */
export function matchPrecompiled(project: Readonly<Record<string, string>>, file: PrecompiledFile): ReadonlyMap<string, unknown> {
  const compiled = new Map<string, unknown>();
  for (const [name, entry] of Object.entries(file)) {
    const source = project[name];
    if (source !== undefined && entry.sha256 === sha256(source)) compiled.set(source, entry.spec);
  }
  return compiled;
}

function readDir(dir: URL): Record<string, string> {
  const names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
  return Object.fromEntries(names.map((name) => [name, readFileSync(new URL(name, dir), 'utf8')]));
}

export function generatorInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', ROOT), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

let schemas: Record<string, object> | undefined;

/**
 * The official JSON Schemas shipped in schemas/ (for --strict), keyed as `officialSchemaKey`
 * names them: the `naftiko` version, or `ikanos <version>`.
 */
export function loadOfficialSchemas(): Record<string, object> {
  if (!schemas) {
    const dir = new URL('../schemas/', import.meta.url);
    schemas = {};
    for (const name of readdirSync(dir).sort()) {
      const naftiko = /^capability-schema-(.+)\.json$/.exec(name)?.[1];
      const ikanos = /^ikanos-schema-(.+)\.json$/.exec(name)?.[1];
      const key = naftiko ?? (ikanos && `ikanos ${ikanos}`);
      if (key) schemas[key] = JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as object;
    }
  }
  return schemas;
}

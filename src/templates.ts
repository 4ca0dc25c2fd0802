/** Edge IO: reads the template sources shipped with the package, once per process. */
import { readdirSync, readFileSync } from 'node:fs';
import type { Templates } from './emit/types.js';

/** Both src/ (tests) and dist/ (the CLI) sit one level below the package root. */
const ROOT = new URL('../templates/', import.meta.url);

let cached: Templates | undefined;

export function loadTemplates(): Templates {
  cached ??= { runtime: readDir(new URL('runtime/', ROOT)), project: readDir(new URL('project/', ROOT)) };
  return cached;
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

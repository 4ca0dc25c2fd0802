/** Edge IO: command-line paths -> spec files (a directory means every *.yaml / *.yml under it). */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';

const SPEC_EXTENSIONS = new Set(['.yaml', '.yml']);
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export class UsageError extends Error {}

export interface SpecPathInput {
  readonly path: string;
  /** The directory imports must stay inside: the argument itself, or a file argument's folder. */
  readonly root: string;
}

/** Spec files, sorted, each once; a missing path is a usage error. */
export function expandInputs(paths: readonly string[]): SpecPathInput[] {
  const found = new Map<string, string>();
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
    if (stats.isDirectory()) walk(path, path, found);
    else if (!found.has(path)) found.set(path, dirname(path));
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, root]) => ({ path, root }));
}

function walk(dir: string, root: string, found: Map<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path, root, found);
    else if (entry.isFile() && SPEC_EXTENSIONS.has(extname(entry.name)) && !found.has(path)) found.set(path, root);
  }
}

/** Path shown in diagnostics and banners: relative to the working directory, `/`-separated. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path) || basename(path);
  return rel.split(sep).join('/');
}

/** The project directory name: the spec file name without its extension. */
export function projectId(path: string): string {
  return basename(path, extname(path));
}

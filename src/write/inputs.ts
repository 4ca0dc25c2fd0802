/** Edge IO: command-line paths -> spec files (a directory means every *.yaml / *.yml under it). */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { MANIFEST_PATH } from '../emit/manifest.js';

const SPEC_EXTENSIONS = new Set(['.yaml', '.yml']);
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export class UsageError extends Error {}

export interface SpecPathInput {
  readonly path: string;
  /** The directory imports must stay inside: the argument itself, or a file argument's folder. */
  readonly root: string;
  /** The project directory under the output directory, `/`-separated (default: the file name without extension). */
  readonly dir?: string;
}

/**
 * Where projects go under the output directory: `flat`, one directory per spec named after its
 * file; `tree`, the folders between the argument and the spec too (`stripe/customers.yaml` ->
 * `<out>/stripe/customers/`), so specs with the same file name in different folders do not clash.
 */
export type Layout = 'flat' | 'tree';

/**
 * Spec files, sorted, each once, with their project directory; a missing path is a usage error. A
 * file argument inside a directory argument belongs to that directory (its imports root and, in the
 * tree layout, its place), as if the walk had found it: how a spec the walk skips (in a
 * dot-directory) joins the others.
 */
export function expandInputs(paths: readonly string[], layout: Layout = 'flat'): SpecPathInput[] {
  const kinds = paths.map((path) => {
    try {
      return { path, isDirectory: statSync(path).isDirectory() };
    } catch {
      throw new UsageError(`no such file or directory: ${path}`);
    }
  });
  const directories = kinds.filter((k) => k.isDirectory).map((k) => k.path);
  const found = new Map<string, string>();
  for (const { path, isDirectory } of kinds) {
    if (isDirectory) walk(path, path, found);
    else if (!found.has(path)) found.set(path, enclosing(path, directories) ?? dirname(path));
  }
  const sorted = [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map(([path, root]) => ({ path, root, dir: projectDirOf(path, root, layout) }));
}

/** The innermost directory argument holding `file`, if any. */
function enclosing(file: string, directories: readonly string[]): string | undefined {
  const holding = directories.filter((dir) => {
    const rel = relative(dir, file);
    return rel !== '' && rel.split(sep)[0] !== '..' && !isAbsolute(rel);
  });
  return holding.sort((a, b) => resolve(b).length - resolve(a).length)[0];
}

/**
 * A generated project (a folder holding its manifest) is output, never specs: its
 * `deploy/kubernetes.yaml` would otherwise be read as one when the output directory lies inside a
 * spec directory (`build . -o generated`).
 */
function walk(dir: string, root: string, found: Map<string, string>): void {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && e.name === MANIFEST_PATH)) return;
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
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

/** The flat layout's project directory: the spec file name without its extension. */
export function projectId(path: string): string {
  return basename(path, extname(path));
}

/** The project directory, `/`-separated, relative to the output directory. */
export function projectDirOf(path: string, root: string, layout: Layout): string {
  const name = projectId(path);
  if (layout === 'flat') return name;
  return [...relative(root, dirname(path)).split(sep).filter(Boolean), name].join('/');
}

/**
 * The name a project is known by (npm package, MCP server, container image): its directory with
 * `-` for `/` and for what package names cannot hold, folders trimmed of leading and trailing
 * separators (`.drafts` -> `drafts`: names may not start with a dot, images may not hold `-.`).
 * In the flat layout, the spec file name.
 */
export function projectIdOf(dir: string): string {
  const segments = dir.split('/');
  const name = segments.pop()!;
  const folders = segments.map((s) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[._-]+|[._-]+$/g, '')).filter(Boolean);
  return [...folders, name].join('-');
}

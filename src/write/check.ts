/** Edge IO: compares what a build would write with what is on disk (drift). */
import { resolve } from 'node:path';
import { MANIFEST_PATH, parseManifest } from '../emit/manifest.js';
import type { GeneratedFile } from '../emit/types.js';
import { readFileIfPlain } from './write.js';

export interface Drift {
  readonly stale: string[];
  readonly missing: string[];
  readonly orphan: string[];
}

/**
 * Paths are relative to the output directory: `<project dir>/<file>`. Orphans are files the last
 * build generated (its manifest lists them) that this one would not: the files `build` would
 * remove. Anything else in the project (src/hooks.ts, a team's own tests, modules and docs) is the team's.
 */
export function checkProject(outDir: string, dir: string, files: readonly GeneratedFile[]): Drift {
  const root = resolve(outDir, ...dir.split('/'));
  const drift: Drift = { stale: [], missing: [], orphan: [] };
  const generated = files.filter((f) => !f.once);
  for (const file of generated) {
    const onDisk = readFileIfPlain(root, file.path);
    if (onDisk === undefined) drift.missing.push(`${dir}/${file.path}`);
    else if (onDisk !== file.contents) drift.stale.push(`${dir}/${file.path}`);
  }
  const expected = new Set(generated.map((f) => f.path));
  const previous = parseManifest(readFileIfPlain(root, MANIFEST_PATH) ?? '');
  for (const path of previous?.files ?? []) {
    if (!expected.has(path) && isPresent(root, path)) drift.orphan.push(`${dir}/${path}`);
  }
  return drift;
}

/** A listed file still there; a listed path that escapes the project or crosses a symlink is not one. */
function isPresent(root: string, path: string): boolean {
  try {
    return readFileIfPlain(root, path) !== undefined;
  } catch {
    return false;
  }
}


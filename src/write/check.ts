/** Edge IO: compares what a build would write with what is on disk (drift). */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { GeneratedFile } from '../emit/types.js';
import { readFileIfPlain } from './write.js';

export interface Drift {
  readonly stale: string[];
  readonly missing: string[];
  readonly orphan: string[];
}

/** Paths are relative to the output directory: `<project dir>/<file>`. */
export function checkProject(outDir: string, dir: string, files: readonly GeneratedFile[]): Drift {
  const root = resolve(outDir, ...dir.split('/'));
  const drift: Drift = { stale: [], missing: [], orphan: [] };
  for (const file of files) {
    const onDisk = readFileIfPlain(root, file.path);
    if (onDisk === undefined) drift.missing.push(`${dir}/${file.path}`);
    else if (onDisk !== file.contents) drift.stale.push(`${dir}/${file.path}`);
  }
  const expected = new Set(files.map((f) => f.path));
  for (const path of listFiles(root)) {
    if (!expected.has(path)) drift.orphan.push(`${dir}/${path}`);
  }
  return drift;
}

/** Files under a project, skipping what builds and installs create. */
function listFiles(root: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(join(root, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : listFiles(root, path);
    return [path];
  });
}

/**
 * Edge IO for `build`: which hook points of src/hooks.ts a rebuild adds or removes, from the
 * project's manifest on disk (the last build's) and the one about to be written.
 */
import { resolve } from 'node:path';
import { MANIFEST_PATH, parseManifest } from '../emit/manifest.js';
import type { GeneratedFile } from '../emit/types.js';
import { readFileIfPlain } from './write.js';

export interface HookPointChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/**
 * `dir` is the project directory under `outDir`, `/`-separated. Undefined on a first build, and
 * for manifests written before hook points were recorded.
 */
export function hookPointChange(outDir: string, dir: string, files: readonly GeneratedFile[]): HookPointChange | undefined {
  const before = parseManifest(readFileIfPlain(resolve(outDir, ...dir.split('/')), MANIFEST_PATH) ?? '')?.hookPoints;
  const manifest = files.find((f) => f.path === MANIFEST_PATH);
  const after = manifest && parseManifest(manifest.contents)?.hookPoints;
  if (!before || !after) return undefined;
  const added = after.filter((p) => !before.includes(p));
  const removed = before.filter((p) => !after.includes(p));
  return added.length || removed.length ? { added, removed } : undefined;
}

/**
 * Edge IO for incremental builds: a spec whose fingerprint equals its project's manifest, and
 * whose generated files are exactly what that manifest recorded, needs no work at all.
 *
 * Proving "exactly what the manifest recorded" by hashing every file costs more than the rest of a
 * no-op rebuild, so the files' change times are compared first, the way make and git do: the
 * writer renames the manifest into place after every other file, so a file changed (or replaced)
 * since then has a newer ctime than the manifest. ctime, unlike mtime, cannot be set back by
 * `touch`. Only when that quick check fails are the contents hashed; if they match after all (a
 * fresh git checkout, a file rewritten with the same text), the manifest's ctime is renewed so
 * the next run takes the quick path again.
 */
import { lstatSync, readFileSync, utimesSync, type BigIntStats } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { contentHash, MANIFEST_PATH, parseManifest, sha256, type Manifest } from '../emit/manifest.js';
import { HOOKS_PATH } from '../emit/ts/hooks.js';
import { ABSENT, inputsFingerprint, type OutputOptions } from '../fingerprint.js';
import { JOURNAL_PATH, readFileIfPlain } from './write.js';

/**
 * When the project in `<outDir>/<dir>` is what the spec text generates (see above): its file count
 * and the warnings that generating it reported, to report again, the spec's own ones at its path
 * as given now (`file`). Undefined when the spec must go through the pipeline.
 */
export function currentProject(
  outDir: string,
  dir: string,
  file: string,
  specText: string,
  options: OutputOptions,
): { files: number; diagnostics: Diagnostic[] } | undefined {
  const root = resolve(outDir, ...dir.split('/'));
  const text = readFileIfPlain(root, MANIFEST_PATH);
  const manifest = text === undefined ? undefined : parseManifest(text);
  if (!manifest || !isProjectCurrent(root, manifest, specText, options)) return undefined;
  const diagnostics = (manifest.diagnostics ?? []).map((d) => (d.file === manifest.spec ? { ...d, file } : d));
  return { files: manifest.files.length, diagnostics };
}

function isProjectCurrent(root: string, manifest: Manifest, specText: string, options: OutputOptions): boolean {
  if (!manifest.inputsSha256 || !manifest.contentSha256 || !manifest.imports) return false;
  // A hand-edited list is not replayed: the spec goes through the pipeline and the manifest is rewritten.
  if (manifest.diagnostics !== undefined && !(Array.isArray(manifest.diagnostics) && manifest.diagnostics.every(isStoredDiagnostic))) return false;
  // A run killed after renaming the manifest (the last rename) left removals in its journal: the writer finishes them.
  if (bigStat(resolve(root, JOURNAL_PATH))) return false;
  if (manifest.generator?.version !== options.generator.version) return false;
  for (const imported of manifest.imports) {
    let current: string;
    try {
      current = sha256(readFileSync(imported.file, 'utf8'));
    } catch {
      current = ABSENT;
    }
    if (current !== imported.sha256) return false;
  }
  if (inputsFingerprint(sha256(specText), manifest.imports, options) !== manifest.inputsSha256) return false;
  // A deleted src/hooks.ts is written again, as the first build wrote it.
  if (!bigStat(resolve(root, HOOKS_PATH))) return false;
  const generated = manifest.files.filter((path) => path !== MANIFEST_PATH);
  if (untouchedSinceManifest(root, generated)) return true;
  const current = contentsMatch(root, generated, manifest.contentSha256);
  if (current) renewManifestCtime(root);
  return current;
}

function isStoredDiagnostic(d: unknown): d is Diagnostic {
  if (typeof d !== 'object' || d === null) return false;
  const { code, severity, message, file, path, line, col, hint } = d as Record<string, unknown>;
  return (
    typeof code === 'string' &&
    (severity === 'warning' || severity === 'note') &&
    typeof message === 'string' &&
    typeof file === 'string' &&
    Array.isArray(path) &&
    path.every((p) => typeof p === 'string' || typeof p === 'number') &&
    Number.isInteger(line) &&
    Number.isInteger(col) &&
    (hint === undefined || typeof hint === 'string')
  );
}

/**
 * Every file is a regular file whose inode changed before the manifest's did. Equal times prove
 * nothing: file systems stamp times from a coarse clock (a few milliseconds on Linux, seconds on
 * some), so a file changed in the same tick as the manifest has to be checked by content.
 */
export function untouchedSinceManifest(root: string, paths: readonly string[]): boolean {
  const manifest = bigStat(resolve(root, MANIFEST_PATH));
  if (!manifest?.isFile()) return false;
  for (const path of paths) {
    const stat = bigStat(resolve(root, path));
    if (!stat?.isFile() || stat.ctimeNs >= manifest.ctimeNs) return false;
  }
  return true;
}

function contentsMatch(root: string, paths: readonly string[], expected: string): boolean {
  const files = [];
  for (const path of paths) {
    const contents = readFileIfPlain(root, path);
    if (contents === undefined) return false;
    files.push({ path, contents });
  }
  return contentHash(files) === expected;
}

/**
 * After a build wrote projects: their files and manifest were written within a few clock ticks,
 * so the next build could not order them by ctime and would hash them all. Once the clock has
 * moved on, renewing each manifest's ctime puts it after its files: the next no-op build decides
 * these projects from change times alone. (A file edited in the few milliseconds between the
 * write and this renewal would go unnoticed until `check` or `--force`.)
 */
export async function renewManifests(outDir: string, dirs: readonly string[]): Promise<void> {
  if (dirs.length === 0) return;
  await new Promise((done) => setTimeout(done, CLOCK_TICK_MS));
  for (const dir of dirs) renewManifestCtime(resolve(outDir, ...dir.split('/')));
}

/** Longer than the timestamp granularity of common file systems (Linux: one jiffy, ≤ 10 ms). */
const CLOCK_TICK_MS = 20;

/** Setting the times to what they are changes nothing but the ctime, which becomes now. */
function renewManifestCtime(root: string): void {
  const path = resolve(root, MANIFEST_PATH);
  const stat = bigStat(path);
  if (!stat) return;
  try {
    utimesSync(path, stat.atime, stat.mtime);
  } catch {
    // Read-only checkout: the slow path simply runs again next time.
  }
}

function bigStat(path: string): BigIntStats | undefined {
  try {
    return lstatSync(path, { bigint: true });
  } catch {
    return undefined;
  }
}

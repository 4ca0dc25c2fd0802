/**
 * Edge IO: writes projects under the output directory. Only changed files are written, each
 * atomically (temporary file + rename); files the previous manifest listed and the new run does not
 * emit are removed; nothing outside the output directory is written, deleted or followed.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { GeneratedFile } from '../emit/types.js';
import { MANIFEST_PATH, parseManifest } from '../emit/manifest.js';

export interface WriteSummary {
  readonly written: string[];
  readonly unchanged: string[];
  readonly removed: string[];
}

export function writeProject(outDir: string, id: string, files: readonly GeneratedFile[]): WriteSummary {
  const root = resolve(outDir, id);
  assertInside(resolve(outDir), root);
  const summary: WriteSummary = { written: [], unchanged: [], removed: [] };
  const previous = readFileIfPlain(root, MANIFEST_PATH);
  const oldFiles = previous ? (parseManifest(previous)?.files ?? []) : [];
  // The manifest goes last: a build killed midway leaves the old manifest naming every file it may prune.
  const ordered = [...files.filter((f) => f.path !== MANIFEST_PATH), ...files.filter((f) => f.path === MANIFEST_PATH)];
  for (const file of ordered) {
    const target = safeTarget(root, file.path);
    if (readFileIfPlain(root, file.path) === file.contents) {
      summary.unchanged.push(file.path);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.naftiko-gen-${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, target);
    summary.written.push(file.path);
  }
  const keep = new Set(files.map((f) => f.path));
  for (const old of oldFiles) {
    if (keep.has(old)) continue;
    const target = safeTarget(root, old);
    if (isPlainFile(target)) {
      unlinkSync(target);
      summary.removed.push(old);
      removeEmptyParents(root, dirname(target));
    }
  }
  return summary;
}

/** The file's text when it is a regular file (never through a symlink), else undefined. */
export function readFileIfPlain(root: string, path: string): string | undefined {
  const target = safeTarget(root, path);
  return isPlainFile(target) ? readFileSync(target, 'utf8') : undefined;
}

function isPlainFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Resolves a project-relative path, refusing anything that escapes the project or crosses a symlink. */
function safeTarget(root: string, path: string): string {
  const target = resolve(root, path);
  assertInside(root, target);
  for (let dir = dirname(target); dir.length > root.length; dir = dirname(dir)) {
    try {
      if (lstatSync(dir).isSymbolicLink()) throw new Error(`refusing to write through the symbolic link ${dir}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return target;
}

function assertInside(root: string, target: string): void {
  if (target !== root && !target.startsWith(root + sep)) throw new Error(`refusing to write outside ${root}: ${target}`);
}

function removeEmptyParents(root: string, dir: string): void {
  for (let d = dir; d.length > root.length; d = dirname(d)) {
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}

export function projectDir(outDir: string, id: string): string {
  return join(outDir, id);
}

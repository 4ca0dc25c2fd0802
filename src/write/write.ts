/**
 * Edge IO: writes projects under the output directory. Only changed files are written; nothing
 * outside the project directory is written, deleted or followed (a symbolic link inside a project
 * is never written through: the link itself is replaced or left alone).
 *
 * A project is updated in two phases so that a build killed at any moment loses nothing:
 *   1. every changed file is written to a temporary file beside its target (`*.naftiko-gen-<pid>.tmp`);
 *   2. a journal (`.naftiko-gen-journal.json`) listing the renames and removals is written
 *      atomically, then the renames (manifest last) and removals run, then the journal is deleted.
 * Killed in phase 1, the project is as it was plus temporary files; killed in phase 2, the journal
 * says what is left. The next run first finishes a journal it finds and deletes temporary files
 * whose writer is no longer running, so no partial state survives it.
 */
import { lstatSync, mkdirSync, readFileSync, renameSync, rmdirSync, unlinkSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { GeneratedFile } from '../emit/types.js';
import { MANIFEST_PATH, parseManifest } from '../emit/manifest.js';
import { UsageError } from './inputs.js';

export interface WriteSummary {
  readonly written: string[];
  readonly unchanged: string[];
  readonly removed: string[];
}

/** The rename/removal plan of phase 2, relative to the project directory. */
export const JOURNAL_PATH = '.naftiko-gen-journal.json';
const TEMP_FILE = /\.naftiko-gen-(\d+)\.tmp$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git']);

interface Journal {
  readonly renames: ReadonlyArray<readonly [temp: string, target: string]>;
  readonly removals: readonly string[];
}

/** Writes one project into `<outDir>/<dir>` (`dir` is `/`-separated; nested in the tree layout). */
export function writeProject(outDir: string, dir: string, files: readonly GeneratedFile[]): WriteSummary {
  const root = projectRoot(outDir, dir);
  recover(root);
  const previous = readFileIfPlain(root, MANIFEST_PATH);
  const oldFiles = previous ? (parseManifest(previous)?.files ?? []) : [];
  const keep = new Set(files.map((f) => f.path));
  // A manifest entry that escapes the project (or crosses a symlink) is never acted on.
  const removals = oldFiles.filter((old) => !keep.has(old) && isSafePath(root, old) && isPlainFile(resolve(root, old)));
  // The manifest goes last so it is renamed last.
  const ordered = [...files.filter((f) => f.path !== MANIFEST_PATH), ...files.filter((f) => f.path === MANIFEST_PATH)];
  return writeFiles(root, ordered, removals);
}

/**
 * Writes files (paths relative to `root`, which must be a real directory or not exist yet) in the
 * two phases described above, in the given order; removes `removals`. Unchanged files are not
 * touched. The caller has run `recover(root)`. `migrate` writes its documents with it (no
 * manifest, nothing removed).
 */
export function writeFiles(root: string, files: readonly GeneratedFile[], removals: readonly string[] = []): WriteSummary {
  if (isSymlink(root)) throw new UsageError(`refusing to write through the symbolic link ${root}: the output directory must be a real directory`);
  const summary: WriteSummary = { written: [], unchanged: [], removed: [] };
  // Every target is checked before anything is written.
  const targets = files.map((file) => ({ file, target: safeTarget(root, file.path) }));

  // Phase 1: temporary files.
  const renames: Array<[string, string]> = [];
  for (const { file, target } of targets) {
    // The team's file is written only while nothing at all has its name (a symlink included).
    if (file.once && lstatOrUndefined(target)) continue;
    if (readFileIfPlain(root, file.path) === file.contents) {
      summary.unchanged.push(file.path);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    const temp = `${target}.naftiko-gen-${process.pid}.tmp`;
    writeExclusive(temp, file.contents);
    renames.push([relative(root, temp), file.path]);
    summary.written.push(file.path);
  }
  if (renames.length === 0 && removals.length === 0) return summary;

  // Phase 2: journal, renames, removals, journal removed.
  const journal: Journal = { renames, removals };
  const journalTemp = join(root, `${JOURNAL_PATH}.naftiko-gen-${process.pid}.tmp`);
  writeExclusive(journalTemp, JSON.stringify(journal));
  renameSync(journalTemp, join(root, JOURNAL_PATH));
  applyJournal(root, journal);
  summary.removed.push(...removals);
  return summary;
}

/** Finishes the journal a killed run left, then deletes temporary files no running writer owns. */
export function recover(root: string): void {
  const journalPath = join(root, JOURNAL_PATH);
  if (isPlainFile(journalPath)) {
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
    } catch {
      journal = undefined; // a torn journal cannot exist (it is renamed into place); ignore a foreign one
    }
    if (journal && Array.isArray(journal.renames) && Array.isArray(journal.removals)) applyJournal(root, journal);
    else unlinkSync(journalPath);
  }
  for (const temp of staleTempFiles(root)) unlinkSync(temp);
}

function applyJournal(root: string, journal: Journal): void {
  for (const [temp, target] of journal.renames) {
    if (typeof temp !== 'string' || typeof target !== 'string' || !TEMP_FILE.test(temp)) continue;
    if (!isSafePath(root, temp) || !isSafePath(root, target)) continue;
    const from = resolve(root, temp);
    if (isPlainFile(from)) renameSync(from, resolve(root, target));
  }
  for (const old of journal.removals) {
    if (typeof old !== 'string' || !isSafePath(root, old)) continue;
    const target = resolve(root, old);
    if (isPlainFile(target)) {
      unlinkSync(target);
      removeEmptyParents(root, dirname(target));
    }
  }
  unlinkSync(join(root, JOURNAL_PATH));
}

/** `*.naftiko-gen-<pid>.tmp` regular files under root whose process is gone (or is this one). */
export function staleTempFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(path);
      const match = TEMP_FILE.exec(entry.name);
      if (entry.isFile() && match && !isRunningWriter(Number(match[1]))) found.push(path);
    }
  };
  walk(root);
  return found.sort();
}

function isRunningWriter(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the file, failing if anything (including a planted symlink) already has its name. */
function writeExclusive(path: string, contents: string): void {
  if (lstatOrUndefined(path)) unlinkSync(path);
  writeFileSync(path, contents, { flag: 'wx' });
}

/** The file's text when it is a regular file (never through a symlink), else undefined. */
export function readFileIfPlain(root: string, path: string): string | undefined {
  const target = safeTarget(root, path);
  return isPlainFile(target) ? readFileSync(target, 'utf8') : undefined;
}

function lstatOrUndefined(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function isPlainFile(path: string): boolean {
  return lstatOrUndefined(path)?.isFile() ?? false;
}

function isSymlink(path: string): boolean {
  return lstatOrUndefined(path)?.isSymbolicLink() ?? false;
}

function isSafePath(root: string, path: string): boolean {
  try {
    safeTarget(root, path);
    return true;
  } catch {
    return false;
  }
}

/** Resolves a project-relative path, refusing anything that escapes the project or crosses a symlink. */
function safeTarget(root: string, path: string): string {
  const target = resolve(root, path);
  assertInside(root, target);
  if (target === root) throw new UsageError(`refusing to write the project directory itself as a file: ${root}`);
  for (let dir = dirname(target); dir.length > root.length; dir = dirname(dir)) {
    if (isSymlink(dir)) throw new UsageError(`refusing to write through the symbolic link ${dir}`);
  }
  return target;
}

function assertInside(root: string, target: string): void {
  if (target !== root && !target.startsWith(root + sep)) throw new UsageError(`refusing to write outside ${root}: ${target}`);
}

function removeEmptyParents(root: string, dir: string): void {
  for (let d = dir; d.length > root.length; d = dirname(d)) {
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}

/**
 * The absolute project directory, refused when it leaves the output directory or when it or a
 * folder between it and the output directory is a symbolic link (it could lead anywhere).
 */
export function projectRoot(outDir: string, dir: string): string {
  const out = resolve(outDir);
  const root = resolve(out, ...dir.split('/'));
  assertInside(out, root);
  for (let d = root; d.length > out.length; d = dirname(d)) {
    if (isSymlink(d)) throw new UsageError(`refusing to write through the symbolic link ${d}: project directories must be real directories`);
  }
  return root;
}


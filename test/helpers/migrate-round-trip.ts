/**
 * The migrate round trip over a folder of naftiko documents, in memory: every document migrated
 * (its imports too), and each one that builds today built twice through the pipeline, from its
 * Ikanos form and from the original with the changes the migration reported applied. The two
 * projects must be the same file for file, apart from lines naming the source file or format.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CST, Lexer, parseDocument } from 'yaml';
import { hasErrors, type Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { emitProject } from '../../src/emit/project.js';
import type { GeneratedFile } from '../../src/emit/types.js';
import type { IkanosVersion } from '../../src/formats/spec.js';
import { migrateText, type Migrated } from '../../src/migrate/migrate.js';
import type { Edit } from '../../src/migrate/changes.js';
import type { ImportResolver } from '../../src/model/imports.js';
import { analyzeSpec } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/templates.js';
import { createImportResolver } from '../../src/write/imports.js';
import { displayPath, projectId } from '../../src/write/inputs.js';

export interface RoundTrip {
  readonly path: string;
  /** The original builds (no errors), so the round trip applies. */
  readonly builds: boolean;
  readonly migrated: Migrated;
  /** Files of the two projects that differ (empty: the same project). */
  readonly differences: readonly string[];
  /** Comments of the original missing from the migrated text. */
  readonly lostComments: readonly string[];
}

/** Lines that may differ: the manifest's hashes of the spec text, and lines naming the format. */
const mayDiffer = (line: string) => /Sha256"|\bikanos\b|\bnaftiko 1\.0\.0/i.test(line);

/** Migrates every document of one folder (the import root) and compares the projects of those that build. */
export function roundTripFolder(root: string, paths: readonly string[], to: IkanosVersion): RoundTrip[] {
  const disk = createImportResolver(root);
  const originals = new Map(paths.map((p) => [displayPath(p), readFileSync(p, 'utf8')]));
  const migrations = new Map<string, Migrated>();
  for (const path of paths) {
    const file = displayPath(path);
    migrations.set(file, migrateText({ file, text: originals.get(file)!, id: projectId(path) }, { to, imports: disk }));
  }
  const migratedTexts = new Map([...migrations].flatMap(([file, m]) => (m.kind === 'migrated' ? [[file, m.text] as const] : [])));
  const editedTexts = new Map([...migrations].flatMap(([file, m]) => (m.kind === 'migrated' ? [[file, applyEdits(originals.get(file)!, m.edits)] as const] : [])));
  return paths.map((path) => {
    const file = displayPath(path);
    const migrated = migrations.get(file)!;
    const builds = migrated.kind === 'migrated' ? migrated.builds : buildsToday(file, originals.get(file)!, path, disk);
    if (migrated.kind !== 'migrated') return { path, builds, migrated, differences: [], lostComments: [] };
    const lostComments = missing(comments(originals.get(file)!), comments(migrated.text));
    if (!builds) return { path, builds, migrated, differences: [], lostComments };
    const expected = project(file, editedTexts.get(file)!, path, overlay(disk, editedTexts));
    const actual = project(file, migratedTexts.get(file)!, path, overlay(disk, migratedTexts));
    return { path, builds, migrated, differences: compare(expected, actual), lostComments };
  });
}

/** Whether a document the migration rejected builds today (then the migration failed it). */
function buildsToday(file: string, text: string, path: string, imports: ImportResolver): boolean {
  const analyzed = analyzeSpec({ file, text, id: projectId(path) }, { imports });
  return !hasErrors(analyzed.diagnostics);
}

/** Every comment of a YAML text, in order. */
export function comments(text: string): string[] {
  return [...new Lexer().lex(text)].filter((t) => CST.tokenType(t) === 'comment').map((t) => t.trim());
}

function missing(before: readonly string[], after: readonly string[]): string[] {
  const left = [...after];
  return before.filter((c) => {
    const i = left.indexOf(c);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/** The original with the migration's edits applied (deepest and last first, so list indexes hold). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  if (edits.length === 0) return text;
  const doc = parseDocument(text);
  const order = (a: Edit, b: Edit) => comparePaths(b.path, a.path);
  for (const edit of [...edits].sort(order)) {
    if (edit.kind === 'drop') doc.deleteIn(edit.path);
    else doc.setIn(edit.path, edit.value);
  }
  return doc.toString({ lineWidth: 0 });
}

function comparePaths(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return typeof a[i] === 'number' && typeof b[i] === 'number' ? (a[i] as number) - (b[i] as number) : String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return a.length - b.length;
}

/** Imports read from the given texts (by display path) before the disk. */
function overlay(disk: ImportResolver, texts: ReadonlyMap<string, string>): ImportResolver {
  return (from, location) => {
    const read = disk(from, location);
    return 'text' in read && texts.has(read.file) ? { file: read.file, text: texts.get(read.file)! } : read;
  };
}

type Project = { files: readonly GeneratedFile[]; diagnostics: readonly Diagnostic[] };

function project(file: string, text: string, path: string, imports: ImportResolver): Project {
  const analyzed = analyzeSpec({ file, text, id: projectId(path) }, { imports });
  return { files: analyzed.model ? emitProject(analyzed.model, loadTemplates()) : [], diagnostics: analyzed.diagnostics.filter((d) => d.severity === 'error') };
}

function compare(expected: Project, actual: Project): string[] {
  const shared = (p: Project) => p.files.length === 0 && p.diagnostics.length === 0;
  if (shared(expected) && shared(actual)) return [];
  if (actual.files.length === 0) return [`the migrated document does not build: ${actual.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`];
  if (expected.files.length === 0) return [`the original with the reported changes does not build: ${expected.diagnostics.map((d) => `${d.code} ${d.message}`).join('; ')}`];
  const want = new Map(expected.files.map((f) => [f.path, f.contents]));
  const got = new Map(actual.files.map((f) => [f.path, f.contents]));
  const differences: string[] = [];
  for (const path of new Set([...want.keys(), ...got.keys()])) {
    const a = want.get(path)?.split('\n');
    const b = got.get(path)?.split('\n');
    if (!a || !b) differences.push(`${path}: only in the ${a ? 'original' : 'migrated'} project`);
    else if (a.length !== b.length) differences.push(`${path}: ${a.length} lines, migrated ${b.length}`);
    else {
      const line = a.findIndex((l, i) => l !== b[i] && !(mayDiffer(l) && mayDiffer(b[i]!)));
      if (line >= 0) differences.push(`${path}:${line + 1}\n  - ${a[line]}\n  + ${b[line]}`);
    }
  }
  return differences;
}

export const absolute = (root: string, rel: string) => resolve(join(root, rel));

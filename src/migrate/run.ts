/**
 * `migrate` over the command line's inputs (edge IO: reading). Every document is migrated with the
 * files it imports, each written at its own path relative to its input root under the output
 * directory; what their builds read besides (SKILL.md, static resources) and documents that need
 * no migration are copied, so the output directory builds on its own.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { compareDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/report.js';
import type { GeneratedFile } from '../emit/types.js';
import type { IkanosVersion } from '../formats/spec.js';
import { checkSourceSize, decodeSource } from '../load/source.js';
import { importResolvers } from '../write/imports.js';
import { displayPath, projectId, UsageError, type SpecPathInput } from '../write/inputs.js';
import { migrateText } from './migrate.js';

/** A file to write: its path under the output directory, and the file it comes from. */
export interface OutputFile extends GeneratedFile {
  /** Absolute path of the file it was read from. */
  readonly source: string;
  /** The input directory it is relative to. */
  readonly root: string;
}

export interface MigrationRun {
  /** Paths relative to the output directory (`/`-separated), in input order. */
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly counts: { migrated: number; asIs: number };
}

interface Pending {
  /** Absolute path. */
  readonly path: string;
  readonly root: string;
  /** A file a document's build reads: copied as it is. */
  readonly copy?: boolean;
}

export function migrateInputs(inputs: readonly SpecPathInput[], to: IkanosVersion): MigrationRun {
  const queue: Pending[] = inputs.map((i) => ({ path: resolve(i.path), root: resolve(i.root) }));
  const seen = new Set<string>();
  const written = new Map<string, string>();
  const files: OutputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const counts = { migrated: 0, asIs: 0 };
  const resolverFor = importResolvers();
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (seen.has(next.path)) continue;
    seen.add(next.path);
    const file = displayPath(next.path);
    const target = targetOf(next);
    const output = (contents: string) => files.push({ path: target, contents, source: next!.path, root: next!.root });
    const clash = written.get(target);
    if (clash !== undefined) {
      diagnostics.push(makeDiagnostic('NG4004', { file, other: clash }, { file, path: [], line: 1, col: 1 }));
      continue;
    }
    written.set(target, file);
    const read = readText(next.path, file);
    if ('diagnostic' in read) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    if (next.copy) {
      output(read.text);
      continue;
    }
    const imports = resolverFor(next.root);
    const result = migrateText({ file, text: read.text, id: projectId(next.path) }, { to, imports });
    diagnostics.push(...result.diagnostics);
    if (result.kind === 'rejected') continue;
    if (result.kind !== 'migrated') {
      counts.asIs++;
      output(read.text);
      continue;
    }
    counts.migrated++;
    output(result.text);
    const imported = new Set<string>();
    for (const location of result.imports) {
      const found = imports(file, location);
      if ('file' in found) imported.add(found.file);
    }
    for (const f of imported) queue.push({ path: resolve(f), root: next.root });
    for (const f of result.reads.filter((r) => !imported.has(r))) queue.push({ path: resolve(f), root: next.root, copy: true });
  }
  return { files, diagnostics: diagnostics.sort(compareDiagnostics), counts };
}

/** Where a file goes: its path relative to its input root, under the output directory (`/`-separated). */
function targetOf(pending: Pending): string {
  const rel = relative(pending.root, pending.path);
  if (rel.startsWith('..') || rel === '') throw new UsageError(`${displayPath(pending.path)} is outside its input directory`);
  return rel.split(sep).join('/');
}

function readText(path: string, file: string): { text: string } | { diagnostic: Diagnostic } {
  const at = { file, path: [], line: 1, col: 1 };
  try {
    const tooBig = checkSourceSize(statSync(path).size);
    const decoded = tooBig ? { rejected: tooBig } : decodeSource(readFileSync(path));
    if ('text' in decoded) return decoded;
    const r = decoded.rejected;
    return { diagnostic: r.code === 'NG0007' ? makeDiagnostic('NG0007', { size: r.size, limit: r.limit }, at) : makeDiagnostic('NG0008', { offset: r.offset }, { ...at, line: r.line, col: r.col }) };
  } catch (error) {
    return { diagnostic: makeDiagnostic('NG0001', { reason: (error as Error).message }, at) };
  }
}

/** The real path of a directory that may not exist yet (its nearest existing ancestor's, joined). */
export function realDirectory(dir: string): string {
  const absolute = resolve(dir);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = resolve(absolute, '..');
    return parent === absolute ? absolute : resolve(realDirectory(parent), relative(parent, absolute));
  }
}

/**
 * Edge IO for `--openapi`: the given files and directories, and the sibling files their `$ref`s
 * name, read (never fetched), decoded strictly and hashed. Parsing is left to ContractSet, so a
 * build whose projects are all up to date never parses a document: the digest is enough.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { displayPath, UsageError } from '../write/inputs.js';

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRS = new Set(['node_modules']);
/** GitHub's and Stripe's documents are 7-12 MB; this leaves room without reading anything huge. */
export const MAX_CONTRACT_BYTES = 64 * 1024 * 1024;

export interface ContractFile {
  /** Display path (relative to the working directory, `/`-separated): diagnostics, manifests. */
  readonly file: string;
  readonly text: string;
  readonly sha256: string;
  /** Named on the command line or in the config (a broken one is an error, not a warning). */
  readonly explicit: boolean;
  /** Only reached through a `$ref` from another document: never searched for operations. */
  readonly referenced: boolean;
}

export interface ContractReadProblem {
  readonly file: string;
  readonly message: string;
  readonly explicit: boolean;
}

export interface ContractSources {
  readonly files: readonly ContractFile[];
  readonly problems: readonly ContractReadProblem[];
  /** One hash over every file read and its contents: what the manifests fingerprint. */
  readonly digest: string;
}

interface Candidate {
  readonly path: string;
  readonly root: string;
  readonly explicit: boolean;
  readonly referenced: boolean;
}

/** Reads every document under `paths`, then the files their `$ref`s reach (inside the same root). */
export function readContracts(paths: readonly string[]): ContractSources {
  const queue: Candidate[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`--openapi: no such file or directory: ${path}`);
    }
    if (stats.isDirectory()) for (const found of walk(path)) queue.push({ path: found, root: path, explicit: false, referenced: false });
    else queue.push({ path, root: dirname(path), explicit: true, referenced: false });
  }
  const files = new Map<string, ContractFile>();
  const problems: ContractReadProblem[] = [];
  while (queue.length > 0) {
    const next = queue.shift()!;
    const key = resolve(next.path);
    if (files.has(key) || problems.some((p) => p.file === displayPath(key))) continue;
    const read = readOne(next);
    if ('message' in read) {
      // A `$ref` to a missing file is reported where it is used (if it is), not as a file problem.
      if (!(next.referenced && read.missing)) problems.push(read);
      continue;
    }
    files.set(key, read);
    for (const target of siblingRefs(read.text)) {
      const path = resolve(dirname(key), target);
      if (isInside(resolve(next.root), path) && !files.has(path)) queue.push({ path, root: next.root, explicit: false, referenced: true });
    }
  }
  const sorted = [...files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const hash = createHash('sha256');
  for (const f of sorted) hash.update(`${f.file}\0${f.sha256}\0`);
  return { files: sorted, problems, digest: hash.digest('hex') };
}

function readOne({ path, root, explicit, referenced }: Candidate): ContractFile | (ContractReadProblem & { missing?: boolean }) {
  const file = displayPath(path);
  try {
    const real = realpathSync(path);
    // A symbolic link must not lead a `$ref` out of the directory it was found in.
    if (referenced && !isInside(realpathSync(root), real)) return { file, message: 'the file is outside the OpenAPI directory', explicit };
    const size = statSync(real).size;
    if (size > MAX_CONTRACT_BYTES) return { file, message: `the file is ${(size / 1048576).toFixed(1)} MB, more than the ${MAX_CONTRACT_BYTES / 1048576} MB limit`, explicit };
    const bytes = readFileSync(real);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { file, text, sha256: createHash('sha256').update(bytes).digest('hex'), explicit, referenced };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = error instanceof TypeError ? 'the file is not valid UTF-8' : (code ?? (error as Error).message);
    return { file, message: reason, explicit, ...(code === 'ENOENT' ? { missing: true } : {}) };
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.') ? [] : walk(path);
      return entry.isFile() && EXTENSIONS.has(extname(entry.name)) ? [path] : [];
    });
}

/** `$ref: other.yaml#/x` and `"$ref": "./a/b.json"`: the relative files named, found by a text scan. */
function siblingRefs(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/["']?\$ref["']?\s*:\s*["']?([^"'#\s,}\]]+)/g)) {
    const target = m[1]!;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('/')) found.add(decodeURIComponentSafe(target));
  }
  return [...found];
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

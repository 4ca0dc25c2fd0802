/**
 * naftiko.gen.json: which files naftiko-gen wrote (so it prunes only its own), the generator
 * version, and fingerprints that let a rebuild skip a spec whose inputs and outputs are unchanged.
 * Versions live only here, never in per-file headers.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { GeneratedFile, GeneratorInfo } from './types.js';

export const MANIFEST_PATH = 'naftiko.gen.json';

export interface ManifestImport {
  readonly file: string;
  readonly sha256: string;
}

export interface Manifest {
  readonly generator: GeneratorInfo;
  readonly spec: string;
  readonly specSha256: string;
  /** Spec, imported files, templates and options that shaped the output. */
  readonly inputsSha256?: string;
  readonly imports?: readonly ManifestImport[];
  /** `--openapi`: the OpenAPI documents read (all of them: a new one may match an operation). */
  readonly openapi?: readonly ManifestImport[];
  /** Every generated file's path and contents (the manifest excluded). */
  readonly contentSha256?: string;
  readonly files: readonly string[];
  /** The operations src/hooks.ts can hook, by call reference: build compares them to say which are new. */
  readonly hookPoints?: readonly string[];
  /**
   * The warnings and notes the spec had when this project was generated, replayed by a rebuild that
   * skips the spec as unchanged: a no-op run reports what a full one does (as cargo replays its
   * cached warnings). Absent when there were none.
   */
  readonly diagnostics?: readonly Diagnostic[];
}

export interface ManifestInputs {
  readonly spec: string;
  readonly specSha256: string;
  readonly inputsSha256: string;
  readonly imports: readonly ManifestImport[];
  readonly openapi?: readonly ManifestImport[];
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One hash over paths and contents, order-independent. */
export function contentHash(files: readonly { path: string; contents: string }[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`${f.path}\0${f.contents}\0`);
  return hash.digest('hex');
}

export function emitManifest(
  all: readonly GeneratedFile[],
  inputs: ManifestInputs,
  generator: GeneratorInfo,
  hookPoints: readonly string[],
  diagnostics: readonly Diagnostic[],
): GeneratedFile {
  // The team's files (src/hooks.ts) are theirs: not listed, so never pruned, and not hashed.
  const files = all.filter((f) => !f.once);
  const manifest: Manifest = {
    generator,
    spec: inputs.spec,
    specSha256: inputs.specSha256,
    inputsSha256: inputs.inputsSha256,
    imports: inputs.imports,
    ...(inputs.openapi ? { openapi: inputs.openapi } : {}),
    contentSha256: contentHash(files),
    files: [...files.map((f) => f.path), MANIFEST_PATH].sort(),
    hookPoints,
    ...(diagnostics.length ? { diagnostics: diagnostics.map(storedDiagnostic) } : {}),
  };
  return { path: MANIFEST_PATH, contents: `${JSON.stringify(manifest, null, 2)}\n` };
}

/** A diagnostic with its keys in one order, so the manifest's text does not depend on how it was built. */
function storedDiagnostic(d: Diagnostic): Diagnostic {
  const { code, severity, message, file, path, line, col, hint } = d;
  return { code, severity, message, file, path, line, col, ...(hint === undefined ? {} : { hint }) };
}

export function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    return Array.isArray(value.files) && value.files.every((f) => typeof f === 'string') ? (value as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

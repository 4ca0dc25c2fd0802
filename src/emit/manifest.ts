/**
 * naftiko.gen.json: which files naftiko-gen wrote (so it prunes only its own), the spec hash and
 * the generator version. Versions live only here, never in per-file headers.
 */
import type { GeneratedFile, GeneratorInfo } from './types.js';

export const MANIFEST_PATH = 'naftiko.gen.json';

export interface Manifest {
  readonly generator: GeneratorInfo;
  readonly spec: string;
  readonly specSha256: string;
  readonly files: readonly string[];
}

export function emitManifest(files: readonly GeneratedFile[], specSha256: string, spec: string, generator: GeneratorInfo): GeneratedFile {
  const manifest: Manifest = { generator, spec, specSha256, files: [...files.map((f) => f.path), MANIFEST_PATH].sort() };
  return { path: MANIFEST_PATH, contents: `${JSON.stringify(manifest, null, 2)}\n` };
}

export function parseManifest(text: string): Manifest | undefined {
  try {
    const value = JSON.parse(text) as Partial<Manifest>;
    return Array.isArray(value.files) && value.files.every((f) => typeof f === 'string') ? (value as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

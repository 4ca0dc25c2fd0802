/**
 * What a generated project depends on, as hashes: the spec text, the files it imports, the
 * templates, the generator version and the options that change output. Equal fingerprints and an
 * untouched output directory let `build` skip the spec (a no-op rebuild does no work).
 */
import type { GeneratorInfo, Templates } from './emit/types.js';
import { sha256, type ManifestImport, type ManifestInputs } from './emit/manifest.js';
import type { ImportResolver } from './model/imports.js';
import type { ContractSet } from './openapi/set.js';

/** The options that change what is generated. */
export interface OutputOptions {
  readonly templates: Templates;
  readonly generator: GeneratorInfo;
  readonly strict?: boolean | undefined;
  readonly skipInvalid?: boolean | undefined;
  readonly packageScope?: string | undefined;
  readonly dependencyOverrides?: Readonly<Record<string, string>> | undefined;
  readonly surfaces?: readonly string[] | undefined;
  /** `--openapi`: the documents' digest is part of every fingerprint. */
  readonly contracts?: ContractSet | undefined;
}

const templateHashes = new WeakMap<Templates, string>();

function templatesHash(templates: Templates): string {
  let hash = templateHashes.get(templates);
  if (!hash) {
    hash = sha256(JSON.stringify([templates.runtime, templates.project]));
    templateHashes.set(templates, hash);
  }
  return hash;
}

export function inputsFingerprint(specSha256: string, imports: readonly ManifestImport[], options: OutputOptions): string {
  return sha256(
    JSON.stringify({
      specSha256,
      imports,
      templates: templatesHash(options.templates),
      generator: options.generator.version,
      strict: options.strict ?? false,
      skipInvalid: options.skipInvalid ?? false,
      packageScope: options.packageScope ?? null,
      dependencyOverrides: options.dependencyOverrides ?? null,
      surfaces: options.surfaces ?? null,
      // Only with --openapi, so fingerprints without it stay what they were.
      ...(options.contracts ? { openapi: options.contracts.digest } : {}),
    }),
  );
}

export function manifestInputs(file: string, text: string, imports: readonly ManifestImport[], options: OutputOptions): ManifestInputs {
  const specSha256 = sha256(text);
  const openapi = options.contracts?.files.map((f) => ({ file: f.file, sha256: f.sha256 }));
  return { spec: file, specSha256, inputsSha256: inputsFingerprint(specSha256, imports, options), imports, ...(openapi ? { openapi } : {}) };
}

/**
 * Wraps a resolver so the files a spec reads (and their hashes) are recorded. A file that was
 * looked for and not found (an optional SKILL.md) is recorded as ABSENT: creating it later makes
 * the project out of date.
 */
export function recordingImports(resolver: ImportResolver | undefined, into: ManifestImport[]): ImportResolver | undefined {
  if (!resolver) return undefined;
  return (fromFile, location) => {
    const read = resolver(fromFile, location);
    const file = 'text' in read ? read.file : read.missing;
    if (file !== undefined && !into.some((i) => i.file === file)) into.push({ file, sha256: 'text' in read ? sha256(read.text) : ABSENT });
    return read;
  };
}

/** The recorded hash of a file that did not exist. */
export const ABSENT = 'absent';

/**
 * Edge IO for incremental builds: a spec whose fingerprint equals its project's manifest, and
 * whose generated files are exactly what that manifest recorded, needs no work at all.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { contentHash, MANIFEST_PATH, parseManifest, sha256 } from '../emit/manifest.js';
import { inputsFingerprint, type OutputOptions } from '../fingerprint.js';
import { readFileIfPlain } from './write.js';

export function isProjectCurrent(outDir: string, id: string, specText: string, options: OutputOptions): boolean {
  const root = resolve(outDir, id);
  const text = readFileIfPlain(root, MANIFEST_PATH);
  const manifest = text === undefined ? undefined : parseManifest(text);
  if (!manifest?.inputsSha256 || !manifest.contentSha256 || !manifest.imports) return false;
  if (manifest.generator?.version !== options.generator.version) return false;
  for (const imported of manifest.imports) {
    let current: string;
    try {
      current = sha256(readFileSync(imported.file, 'utf8'));
    } catch {
      return false;
    }
    if (current !== imported.sha256) return false;
  }
  if (inputsFingerprint(sha256(specText), manifest.imports, options) !== manifest.inputsSha256) return false;
  const files = [];
  for (const path of manifest.files) {
    if (path === MANIFEST_PATH) continue;
    const contents = readFileIfPlain(root, path);
    if (contents === undefined) return false;
    files.push({ path, contents });
  }
  return contentHash(files) === manifest.contentSha256;
}

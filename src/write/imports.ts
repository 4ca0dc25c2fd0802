/** Edge IO for imports: reads a location relative to the importing file, confined to the input root. */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import type { ImportResolver } from '../model/imports.js';
import { decodeSource } from '../load/source.js';
import { displayPath } from './inputs.js';

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** One resolver per input root, made on first use: the lookup a batch (or a worker) keeps. */
export function importResolvers(): (inputRoot: string) => ImportResolver {
  const byRoot = new Map<string, ImportResolver>();
  return (inputRoot) => {
    let resolver = byRoot.get(inputRoot);
    if (!resolver) byRoot.set(inputRoot, (resolver = createImportResolver(inputRoot)));
    return resolver;
  };
}

export function createImportResolver(inputRoot: string): ImportResolver {
  const root = realpathSync(inputRoot);
  return (fromFile, location) => {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !location.startsWith('file://')) {
      return { error: 'only relative file paths can be imported; URLs are never fetched' };
    }
    // `file:///./x` and `file:///../x` (the format's way to write a relative file URI) are relative.
    const relativeLocation = location.replace(/^file:\/\//, '').replace(/^\/(\.\.?\/)/, '$1');
    if (isAbsolute(relativeLocation)) return { error: 'absolute paths cannot be imported; use a path relative to this file' };
    const target = resolve(dirname(resolve(fromFile)), relativeLocation);
    if (!isInside(resolve(inputRoot), target)) return { error: `the file is outside the input directory ${displayPath(root)}` };
    let real: string;
    try {
      real = realpathSync(target);
    } catch {
      return { error: 'no such file', missing: displayPath(target) };
    }
    // A symbolic link inside the input directory must not lead out of it either.
    if (!isInside(root, real)) return { error: `the file is outside the input directory ${displayPath(root)}` };
    const stats = statSync(real);
    if (!stats.isFile()) return { error: 'not a file' };
    if (stats.size > MAX_IMPORT_BYTES) return { error: 'the file is larger than 5 MB' };
    const decoded = decodeSource(readFileSync(real));
    if ('rejected' in decoded) return { error: decoded.rejected.code === 'NG0008' ? `the file is not valid UTF-8 (line ${decoded.rejected.line}, column ${decoded.rejected.col})` : 'the file is too large' };
    return { file: displayPath(target), text: decoded.text };
  };
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

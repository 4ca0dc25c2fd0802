/**
 * Where the read (alpha2-shaped) data came from in an Ikanos document. Reading records a path
 * wherever the two shapes differ: a keyed-map entry (list index -> map key, and its `name` -> the
 * key itself), a renamed key (`label` -> `display`), an entry imported from another file. Any
 * other path is the nearest recorded one plus the same trailing segments.
 */
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { Located } from '../../diagnostics/report.js';
import type { SourceDoc } from '../../load/source.js';

type Origin =
  | { readonly kind: 'doc'; readonly path: SpecPath; readonly key: boolean }
  /** An entry spliced in from an imported document, located through that document's paths. */
  | { readonly kind: 'import'; readonly paths: ReadPaths; readonly path: SpecPath };

export class ReadPaths {
  private readonly origins = new Map<string, Origin>();

  constructor(readonly source: SourceDoc) {}

  /** The read path `read` comes from `doc` in this document; `key`: from the map key itself. */
  record(read: SpecPath, doc: SpecPath, key = false): void {
    this.origins.set(pathKey(read), { kind: 'doc', path: doc, key });
  }

  /** The read path `read` is the entry at `path` of another document's read data. */
  imported(read: SpecPath, paths: ReadPaths, path: SpecPath): void {
    this.origins.set(pathKey(read), { kind: 'import', paths, path });
  }

  locate(read: SpecPath): Located {
    for (let length = read.length; length > 0; length--) {
      const origin = this.origins.get(pathKey(read.slice(0, length)));
      if (!origin) continue;
      const rest = read.slice(length);
      if (origin.kind === 'import') return origin.paths.locate([...origin.path, ...rest]);
      return { source: this.source, path: [...origin.path, ...rest], key: origin.key && rest.length === 0 };
    }
    return { source: this.source, path: read };
  }
}

/** Segments joined unambiguously (a map key may contain any character). */
function pathKey(path: SpecPath): string {
  return JSON.stringify(path);
}

/**
 * `ImportedConsumesHttp` (format.md Part A rule 10): `import` a namespace from the file at
 * `location`, relative to the importing file and confined to the input root, optionally renamed
 * with `as`. The shared file declares it under a root `consumes` (alpha2) or, in the older form the
 * catalogue uses, under `capability.consumes`. Reading happens at the edge, through the resolver.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import { Reporter } from '../diagnostics/report.js';
import { parseSource } from '../load/source.js';
import type { Spec, SpecConsumesHttpT } from '../formats/spec.js';
import { readSpec } from '../formats/read.js';
import { suggest } from '../util/names.js';
import type { ConsumedSource } from './upstreams.js';

/** `missing`: the path a file would have had (inside the input directory) when there is none. */
export type ImportedText = { readonly file: string; readonly text: string } | { readonly error: string; readonly missing?: string };

/** Reads `location` relative to `fromFile`; refuses URLs and paths outside the input root. */
export type ImportResolver = (fromFile: string, location: string) => ImportedText;

export interface ImportEntry {
  readonly import: string;
  readonly location: string;
  readonly as?: string | undefined;
}

export interface ImportedDocument {
  readonly spec?: Spec;
  readonly reporter?: Reporter;
  readonly error?: string;
}

/** Parsed imported documents by file, so a file imported twice is read and checked once. */
export type ImportCache = Map<string, ImportedDocument>;

export function resolveImport(
  entry: ImportEntry,
  at: SpecPath,
  reporter: Reporter,
  resolver: ImportResolver | undefined,
  cache: ImportCache,
): ConsumedSource | undefined {
  if (!resolver) {
    reporter.atKey('NG2118', [...at, 'location'], { location: entry.location, reason: 'imports are not available here' });
    return undefined;
  }
  const read = resolver(reporter.source.file, entry.location);
  if ('error' in read) {
    reporter.atKey('NG2118', [...at, 'location'], { location: entry.location, reason: read.error });
    return undefined;
  }
  const doc = loadImported(read.file, read.text, cache);
  if (!doc.spec || !doc.reporter) {
    reporter.atKey('NG2118', [...at, 'location'], { location: entry.location, reason: doc.error ?? 'the file has errors' });
    return undefined;
  }
  const found = findNamespace(doc.spec, entry.import);
  if (!found) {
    const known = allConsumes(doc.spec).map((c) => c.c.namespace);
    reporter.atKey('NG2119', [...at, 'import'], { namespace: entry.import, location: entry.location, suggestion: suggest(entry.import, known) });
    return undefined;
  }
  const spec = entry.as ? { ...found.c, namespace: entry.as } : found.c;
  return { spec, path: found.path, reporter: doc.reporter };
}

function loadImported(file: string, text: string, cache: ImportCache): ImportedDocument {
  const cached = cache.get(file);
  if (cached) return cached;
  const { source, errors } = parseSource(file, text);
  let doc: ImportedDocument;
  if (errors.length > 0) doc = { error: `YAML syntax error at ${errors[0]!.line}:${errors[0]!.col}` };
  else {
    const reporter = new Reporter(source);
    const spec = readSpec(source, reporter, { dialectWarnings: false });
    doc = spec ? { spec, reporter } : { error: 'the file is not a valid Naftiko document', reporter };
  }
  cache.set(file, doc);
  return doc;
}

function allConsumes(spec: Spec): { c: SpecConsumesHttpT; path: SpecPath }[] {
  const root = (spec.consumes ?? []).map((c, i) => ({ c, path: ['consumes', i] as SpecPath }));
  const nested = (spec.capability?.consumes ?? []).map((c, i) => ({ c, path: ['capability', 'consumes', i] as SpecPath }));
  return [...root, ...nested].filter((e): e is { c: SpecConsumesHttpT; path: SpecPath } => 'namespace' in e.c);
}

function findNamespace(spec: Spec, namespace: string) {
  return allConsumes(spec).find((e) => e.c.namespace === namespace);
}

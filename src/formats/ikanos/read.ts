/**
 * The Ikanos reader (`ikanos: 1.0.0-alpha3` ... `1.0.0-beta5`): a capability or a shared
 * consumes / exposes / aggregates / binds document, read into the alpha2 shape (lower.ts) and
 * checked by the same zod schemas, with every path translated back to where it is written.
 * Imports of exposes, aggregates and binds are spliced in here; consumes imports stay for
 * src/model/imports.ts, which resolves them the same way for both formats.
 */
import type { Reporter } from '../../diagnostics/report.js';
import { Reporter as DocumentReporter } from '../../diagnostics/report.js';
import { parseSource, toOrderedData, type SourceDoc } from '../../load/source.js';
import { suggest } from '../../util/names.js';
import { leavingOut, type ReadOptions } from '../read.js';
import { IKANOS_VERSIONS, type IkanosVersion, type Spec } from '../spec.js';
import { describe, validateShape } from '../validate.js';
import { Lowering, type ImportedEntry, type Importer, type ImportRequest } from './lower.js';
import { ReadPaths } from './paths.js';

export function readIkanos(source: SourceDoc, reporter: Reporter, options: ReadOptions): Spec | undefined {
  const root = toOrderedData(source) as Map<unknown, unknown>;
  const version = versionOf(root, reporter);
  if (!version) return undefined;
  const imported = new Map<string, ImportedDocument>();
  const paths = new ReadPaths(source);
  const data = lower(root, version, reporter, paths, importer(source, reporter, options, imported));
  for (const doc of imported.values()) if ('reporter' in doc) reporter.diagnostics.push(...doc.reporter.diagnostics);
  reporter.readThrough((path) => paths.locate(path));
  return validateShape(leavingOut(data, reporter, options), reporter);
}

function versionOf(root: ReadonlyMap<unknown, unknown>, reporter: Reporter): IkanosVersion | undefined {
  const version = String(root.get('ikanos'));
  if ((IKANOS_VERSIONS as readonly string[]).includes(version)) return version as IkanosVersion;
  reporter.at('NG0004', ['ikanos'], { found: `ikanos ${version}` });
  return undefined;
}

/** Reads the document into the alpha2 shape; a shared document (no `capability`) may not import. */
function lower(root: ReadonlyMap<unknown, unknown>, version: IkanosVersion, reporter: Reporter, paths: ReadPaths, importer: Importer) {
  const shared = !root.has('capability');
  const lowering = new Lowering(version, reporter, paths, shared ? () => undefined : importer);
  const data = lowering.document(root);
  if (shared) for (const at of lowering.imports) reporter.at('NG1304', at, { section: String(at[0]) });
  return data;
}

type ImportedDocument = { readonly data: Record<string, unknown>; readonly paths: ReadPaths; readonly reporter: Reporter } | { readonly error: string };

/** Resolves `from` through the import resolver (confined to the input directory), each file once. */
function importer(source: SourceDoc, reporter: Reporter, options: ReadOptions, cache: Map<string, ImportedDocument>): Importer {
  return (request: ImportRequest): ImportedEntry | undefined => {
    const fail = (reason: string) => void reporter.atKey('NG2118', [...request.doc, 'from'], { location: request.from, reason });
    if (!options.imports) return fail('imports are not available here');
    const read = options.imports(source.file, request.from);
    if ('error' in read) return fail(read.error);
    let doc = cache.get(read.file);
    if (!doc) cache.set(read.file, (doc = readShared(read.file, read.text)));
    if ('error' in doc) return fail(doc.error);
    const entries = Array.isArray(doc.data[request.section]) ? (doc.data[request.section] as unknown[]) : [];
    const namespaces = entries.map((e) => (e !== null && typeof e === 'object' ? (e as { namespace?: unknown }).namespace : undefined));
    const index = namespaces.indexOf(request.import);
    if (index < 0) {
      const known = namespaces.filter((n): n is string => typeof n === 'string');
      reporter.atKey('NG2401', [...request.doc, 'import'], { section: request.section, namespace: request.import, location: request.from, suggestion: suggest(request.import, known) });
      return undefined;
    }
    return { entry: structuredClone(entries[index]) as Record<string, unknown>, paths: doc.paths, path: [request.section, index] };
  };
}

/** An imported file: a shared Ikanos document, read with its own reporter. */
function readShared(file: string, text: string): ImportedDocument {
  const { source, errors } = parseSource(file, text);
  if (errors.length > 0) return { error: `YAML syntax error at ${errors[0]!.line}:${errors[0]!.col}` };
  const root = toOrderedData(source);
  if (!(root instanceof Map) || !root.has('ikanos')) return { error: `it is not an Ikanos document (${root instanceof Map ? 'no "ikanos" version key' : describe(root)})` };
  const reporter = new DocumentReporter(source);
  const version = versionOf(root, reporter);
  if (!version) return { error: `unsupported format version ikanos ${String(root.get('ikanos'))}` };
  const paths = new ReadPaths(source);
  return { data: lower(root, version, reporter, paths, () => undefined), paths, reporter };
}

/**
 * Reads an Ikanos document into the alpha2 shape that src/model resolves: keyed maps become lists
 * whose entries carry their key as `name` (in the document's order: a step named `1` stays where
 * it is written), renamed keys get their alpha2 names, keys Ikanos does not have are reported and
 * dropped. Works on the document with its maps as `Map`s, so no key order is ever JavaScript's.
 */
import type { SpecPath } from '../../diagnostics/diagnostic.js';
import type { Reporter } from '../../diagnostics/report.js';
import { suggest } from '../../util/names.js';
import { IKANOS_VERSIONS, type IkanosVersion } from '../spec.js';
import type { ReadPaths } from './paths.js';
import { KINDS, ownEntry, sectionEntryKind, type Field, type Kind, type KindName, type Section, type Shape } from './shapes.js';

/** An `ImportEntry` of exposes, aggregates or binds: `import` the entry of that namespace `from` a file. */
export interface ImportRequest {
  readonly section: Exclude<Section, 'consumes'>;
  readonly from: string;
  readonly import: string;
  readonly as?: string;
  /** Where the import entry is written. */
  readonly doc: SpecPath;
}

/** The imported entry, read into the alpha2 shape, and where its paths lead in its own file. */
export interface ImportedEntry {
  readonly entry: Readonly<Record<string, unknown>>;
  readonly paths: ReadPaths;
  readonly path: SpecPath;
}

/** Resolves one import; undefined (after reporting why) drops the entry. */
export type Importer = (request: ImportRequest) => ImportedEntry | undefined;

type Data = Record<string, unknown>;

export class Lowering {
  /** Where the document imports (in a shared document these are errors). */
  readonly imports: SpecPath[] = [];

  constructor(
    private readonly version: IkanosVersion,
    private readonly reporter: Reporter,
    private readonly paths: ReadPaths,
    private readonly importer: Importer,
  ) {}

  /** The document (root mapping) in the alpha2 shape. */
  document(root: ReadonlyMap<unknown, unknown>): Data {
    const data = this.kind(root, 'Document', [], []) as Data;
    if (isData(data.capability)) this.fileScope(data, data.capability);
    return data;
  }

  /**
   * `consumes`, `exposes` and `aggregates` written at the root of a capability document hold for
   * the whole file: they join the capability's own, after them, still located where written.
   */
  private fileScope(data: Data, capability: Data): void {
    for (const section of ['consumes', 'exposes', 'aggregates'] as const) {
      const entries = data[section];
      if (!Array.isArray(entries)) continue;
      const inCapability = Array.isArray(capability[section]) ? (capability[section] as unknown[]) : [];
      entries.forEach((_, j) => this.paths.imported(['capability', section, inCapability.length + j], this.paths, [section, j]));
      own(capability, section, [...inCapability, ...entries]);
      delete data[section];
    }
  }

  private kind(value: unknown, name: KindName, read: SpecPath, doc: SpecPath, entryName?: string): unknown {
    if (value === null && entryName !== undefined) value = new Map();
    if (!(value instanceof Map)) return plain(value);
    const kind: Kind = KINDS[name];
    // Renamed keys are recorded present or not, so "missing key" reports spell them as written here.
    for (const [key, field] of Object.entries(kind.fields)) if (field.as) this.paths.record([...read, field.as], [...doc, key]);
    const out: Data = entryName !== undefined ? { name: entryName } : {};
    for (const [rawKey, child] of value) {
      const key = String(rawKey);
      const field = ownEntry(kind.fields, key);
      if (field) own(out, field.as ?? key, this.field(field, key, child, read, doc));
      else if (key === 'name' && entryName !== undefined) this.reporter.atKey('NG1303', [...doc, key], { key: entryName });
      else if (kind.dialect?.includes(key) || (kind.open && !alpha2Spelling(kind, key))) own(out, key, plain(child));
      else this.reporter.atKey('NG1101', [...doc, key], { key, suggestion: alpha2Spelling(kind, key) ?? nearKey(key, kind, value) });
    }
    return out;
  }

  private field(field: Field, key: string, child: unknown, read: SpecPath, doc: SpecPath): unknown {
    const target = field.as ?? key;
    if (field.since && later(field.since, this.version)) {
      this.reporter.onceAtKey('NG1301', [...doc, key], { key, version: this.version, since: field.since });
    }
    const valueSince = typeof child === 'string' ? (field.values && ownEntry(field.values, child)) : undefined;
    if (valueSince && later(valueSince, this.version)) {
      this.reporter.onceAtKey('NG1301', [...doc, key], { key: `${key}: ${String(child)}`, version: this.version, since: valueSince });
    }
    return this.shape(field.shape, child, [...read, target], [...doc, key]);
  }

  private shape(shape: Shape, value: unknown, read: SpecPath, doc: SpecPath): unknown {
    if (shape === 'leaf') return plain(value);
    if (shape === 'outputs') return Array.isArray(value) ? plain(value) : this.shape({ keyed: 'OrchestratedOutput' }, value, read, doc);
    if ('object' in shape) return this.kind(value, shape.object, read, doc);
    if ('keyed' in shape) return this.keyed(value, shape.keyed, read, doc);
    if ('named' in shape) return this.named(value, shape.named, read, doc);
    if (!Array.isArray(value)) return plain(value);
    if ('list' in shape) return value.map((item, i) => this.kind(item, shape.list, [...read, i], [...doc, i]));
    const entries: unknown[] = [];
    value.forEach((item, i) => {
      const entry = this.sectionEntry(shape.section, item, [...read, entries.length], [...doc, i]);
      if (entry !== DROPPED) entries.push(entry);
    });
    return entries;
  }

  /** `{key: {...}}` -> `[{name: key, ...}]`; the alpha2 list form is read as it is (NG1302). */
  private keyed(value: unknown, of: KindName, read: SpecPath, doc: SpecPath): unknown {
    if (Array.isArray(value)) {
      if (value.length > 0) this.reporter.onceAtKey('NG1302', doc, {});
      return value.map((item, i) => this.legacyEntry(item, of, [...read, i], [...doc, i]));
    }
    if (!(value instanceof Map)) return plain(value);
    return [...value].map(([key, entry], i) => {
      const name = String(key);
      this.paths.record([...read, i], [...doc, name], true);
      this.paths.record([...read, i, 'name'], [...doc, name], true);
      return this.kind(entry, of, [...read, i], [...doc, name], name);
    });
  }

  /** A list entry of the legacy form: its own `name` is its key. */
  private legacyEntry(item: unknown, of: KindName, read: SpecPath, doc: SpecPath): unknown {
    if (!(item instanceof Map)) return plain(item);
    const name = item.get('name');
    const rest = new Map([...item].filter(([k]) => k !== 'name'));
    const out = this.kind(rest, of, read, doc) as Data;
    return name === undefined ? out : { name: plain(name), ...out };
  }

  /** A map that stays a map (orchestrated `properties`), each entry also named by its key. */
  private named(value: unknown, of: KindName, read: SpecPath, doc: SpecPath): unknown {
    if (!(value instanceof Map)) return plain(value);
    const out: Data = {};
    for (const [key, entry] of value) {
      const name = String(key);
      this.paths.record([...read, name, 'name'], [...doc, name], true);
      own(out, name, this.kind(entry, of, [...read, name], [...doc, name], name));
    }
    return out;
  }

  private sectionEntry(section: Section, item: unknown, read: SpecPath, doc: SpecPath): unknown {
    if (!(item instanceof Map)) return plain(item);
    const kind = sectionEntryKind(section, item);
    if (kind === 'leaf') return plain(item);
    if (kind !== 'ImportEntry') return this.kind(item, kind, read, doc);
    this.imports.push(doc);
    // Consumes imports stay in the data: src/model/imports.ts resolves them, for both formats.
    if (section === 'consumes') return this.kind(item, kind, read, doc);
    const request = this.importRequest(section, item, doc);
    const imported = request && this.importer(request);
    if (!imported) return DROPPED;
    this.paths.imported(read, imported.paths, imported.path);
    if (request.as === undefined) return imported.entry;
    this.paths.record([...read, 'namespace'], [...doc, 'as']);
    return { ...imported.entry, namespace: request.as };
  }

  /** An import of exposes, aggregates or binds, read here (it is replaced by what it imports). */
  private importRequest(section: ImportRequest['section'], item: ReadonlyMap<unknown, unknown>, doc: SpecPath): ImportRequest | undefined {
    const fields: Record<string, string> = {};
    for (const [rawKey, value] of item) {
      const key = String(rawKey);
      const known = ownEntry(KINDS.ImportEntry.fields, key);
      if (!known) this.reporter.atKey('NG1101', [...doc, key], { key, suggestion: key === 'location' ? 'from' : nearKey(key, KINDS.ImportEntry, item) });
      else if (typeof value !== 'string') this.reporter.at('NG1001', [...doc, key], { expected: 'string', received: typeof value });
      else fields[key] = value;
    }
    const missing = ['from', 'import'].find((k) => fields[k] === undefined && !item.has(k));
    if (missing) this.reporter.at('NG1002', doc, { key: missing });
    if (fields.from === undefined || fields.import === undefined) return undefined;
    return { section, from: fields.from, import: fields.import, ...(fields.as !== undefined ? { as: fields.as } : {}), doc };
  }
}

/** A section entry that is not in the read data (an import that could not be resolved). */
const DROPPED = Symbol('dropped');

/** The alpha2 name `key` had in this kind, given as the Ikanos key to use instead. */
function alpha2Spelling(kind: Kind, key: string): string | undefined {
  return Object.entries(kind.fields).find(([, f]) => f.as === key)?.[0];
}

/** A key of this kind one typo away, not already present (as validate.ts suggests for alpha2). */
function nearKey(key: string, kind: Kind, present: ReadonlyMap<unknown, unknown>): string | undefined {
  const near = suggest(key, Object.keys(kind.fields).filter((k) => !present.has(k)));
  return near && near.toLowerCase() !== key.toLowerCase() && Math.abs(near.length - key.length) <= 3 ? near : undefined;
}

function later(since: IkanosVersion, version: IkanosVersion): boolean {
  return IKANOS_VERSIONS.indexOf(since) > IKANOS_VERSIONS.indexOf(version);
}

/** Ordered data (maps as `Map`) -> plain data; keys are the YAML keys as text. */
export function plain(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Data = {};
    for (const [key, child] of value) own(out, String(key), plain(child));
    return out;
  }
  return Array.isArray(value) ? value.map(plain) : value;
}

function isData(value: unknown): value is Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Sets an own property, whatever the key: `__proto__` is a name like any other in a document. */
function own(target: Data, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

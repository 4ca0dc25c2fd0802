/**
 * Keys of the catalogue dialect, which the official Ikanos schema cannot hold: carried into valid
 * Ikanos where it says the same thing, else dropped with a diagnostic that says what changes in
 * the generated project (format.md Part A rule 8 lists what naftiko-gen reads them as).
 */
import type { Changes } from './changes.js';
import { elementsOf, entriesOf, entry, removeEntry, scalarOf, setScalar, type Item } from './cst.js';
import type { KindName } from './shapes.js';
import type { CST } from 'yaml';

type Mapping = CST.BlockMap | CST.FlowCollection;

/** `type` / `description` / `required` on consumed parameters, `description` on a REST adapter, `required` on a REST input. */
const DIALECT: Partial<Record<KindName, readonly string[]>> = {
  ConsumedInputParameter: ['type', 'description', 'required'],
  ExposesRest: ['description'],
  ExposedInputParameter: ['required'],
};

/** Request body types the catalogue writes for the official ones (NG1106). */
const BODY_TYPES: Readonly<Record<string, string>> = { form: 'formUrlEncoded', 'form-urlencoded': 'formUrlEncoded', multipart: 'multipartForm', 'multipart-form': 'multipartForm' };

export class DialectRules {
  constructor(private readonly changes: Changes) {}

  handles(kind: KindName, key: string): boolean {
    return DIALECT[kind]?.includes(key) ?? false;
  }

  apply(kind: KindName, map: Mapping, item: Item, key: string): void {
    const value = scalarOf(item.value);
    if (kind === 'ConsumedInputParameter') this.consumedParam(map, key, value, item);
    else if (kind === 'ExposesRest') this.changed('NG4014', item);
    // A declared REST input is required when the spec says so; Ikanos says nothing of it.
    else if (value === 'true') this.changed('NG4016', item);
    removeEntry(map, item);
  }

  /** A dropped key that changes the generated project: reported (once per file) and recorded. */
  private changed(code: 'NG4012' | 'NG4014' | 'NG4016', item: Item): void {
    this.changes.drop(item);
    this.changes.reportOnce(code, item, { more: 0 });
  }

  /** What dropping a consumed parameter's type, description or required changes, if anything. */
  private consumedParam(map: Mapping, key: string, value: string | undefined, at: Item): void {
    const location = scalarOf(entry(map, 'in')?.item.value) ?? 'query';
    if (key === 'description') return this.changed('NG4012', at);
    if (key === 'type') {
      // Outside the body only numbers, integers, booleans (and arrays in the query) travel typed.
      const typed = location === 'body' || ['number', 'integer', 'boolean'].includes(value ?? '') || (value === 'array' && location === 'query');
      if (!typed) return;
      this.changes.drop(at);
      return this.changes.reportOnce('NG4011', at, { type: value ?? '', body: location === 'body', more: 0 }, `NG4011 ${value} ${location === 'body'}`);
    }
    // Path parameters are always required, others optional unless they say so; what a body
    // parameter's default is depends on the others (one whole body, or fields of one).
    if (location === 'path' || (location !== 'body' && value !== 'true')) return;
    this.changes.drop(at);
    this.changes.reportOnce('NG4013', at, { more: 0 });
  }

  /** A key the build ignored (NG1101): dropping it changes nothing, which the round trip test checks. */
  dropUnknown(map: Mapping, item: Item): void {
    this.changes.report('NG4010', item, { key: scalarOf(item.key) ?? '' });
    removeEntry(map, item);
  }

  /**
   * A body type the catalogue spells its own way (`form`) -> the official name. `{type: json}`
   * without data (the generator sends JSON null) has no Ikanos form: dropped.
   */
  body(operation: Mapping): void {
    const body = entry(operation, 'body');
    const type = entry(body?.item.value, 'type');
    const name = scalarOf(type?.item.value);
    if (type?.item.value && name && BODY_TYPES[name]) setScalar(type.item.value, BODY_TYPES[name]);
    if (body && name === 'json' && !entry(body.item.value, 'data')) {
      this.changes.drop(body.item);
      this.changes.report('NG4019', body.item, {});
      removeEntry(operation, body.item);
    }
  }

  /** REST resources with neither operations nor forward serve nothing; Ikanos needs one of them. */
  emptyResources(rest: Mapping): void {
    const list = entry(rest, 'resources')?.item.value;
    for (const resource of elementsOf(list) ?? []) {
      const keys = (entriesOf(resource.value) ?? []).map((e) => e.key);
      const operations = elementsOf(entry(resource.value, 'operations')?.item.value) ?? [];
      if (!keys.includes('forward') && operations.length === 0 && (list?.type === 'block-seq' || list?.type === 'flow-collection')) removeEntry(list, resource);
    }
  }

  /**
   * How `outputParameters` of this operation, tool or flow are written in Ikanos: orchestrated
   * outputs and the mock outputs of a tool or flow are a map by name; mapped outputs (call, ref, and
   * a REST operation's mock) stay a list.
   */
  outputMode(kind: KindName, owner: Mapping): 'mapped' | 'keyed' {
    const keys = (entriesOf(owner) ?? []).map((e) => e.key);
    if (keys.includes('steps')) return 'keyed';
    if (keys.includes('call') || keys.includes('ref') || kind === 'ExposedOperation') return 'mapped';
    return 'keyed';
  }
}

/**
 * The walk over one naftiko document's CST: renamed keys, lists of named entries -> maps keyed by
 * name, the root version; what Ikanos cannot hold goes to the dialect, naming and output rules
 * (dialect.ts, keys.ts, outputs.ts), which carry it or drop it with a positioned diagnostic.
 */
import type { CST } from 'yaml';
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { IkanosVersion } from '../formats/spec.js';
import type { Changes } from './changes.js';
import {
  elementsOf,
  elementToEntry,
  emptyValue,
  entriesOf,
  entry,
  flowElementToEntry,
  flowSeqToMap,
  isBlockMap,
  isBlockSeq,
  isEmptyMapping,
  isFlowSeq,
  isMapping,
  itemAt,
  keyToken,
  removeEntry,
  renameKey,
  scalarOf,
  setScalar,
  shiftRight,
  type Item,
  type Token,
} from './cst.js';
import { DialectRules } from './dialect.js';
import { KeyChooser, type ChosenKey } from './keys.js';
import { Namespaces } from './namespaces.js';
import { consumedApi, consumedParamValue } from './consumes.js';
import { constOutputs, mappedOutputs } from './outputs.js';
import { renameTemplateArguments } from './prompts.js';
import { withoutDroppedParams } from './with.js';
import { fillRequired, type FillContext } from './required.js';
import { sectionKind, targetOf, type Field, type KindName } from './shapes.js';

type Mapping = CST.BlockMap | CST.FlowCollection;
type Shape = Field['shape'];

/** Columns a sequence written at its parent key's column moves right to become a mapping. */
const INDENT = 2;

/** Kinds whose `call` names a consumed operation (renamed like the operation when its name does not fit). */
const CALLERS = new Set<KindName>(['ExposedOperation', 'McpTool', 'McpResource', 'OperationStep', 'AggregateFlow']);
const ADAPTERS = new Set<KindName>(['ExposesRest', 'ExposesMcp', 'ExposesSkill', 'ExposesControl']);

export class DocumentMigration {
  /** The files the document imports consumed APIs from (`location`, as written). */
  readonly imports: string[] = [];
  private readonly dialect: DialectRules;
  private readonly keys: KeyChooser;
  private namespaces = new Namespaces(undefined);

  constructor(
    private readonly version: IkanosVersion,
    private readonly changes: Changes,
    private readonly fill: FillContext,
  ) {
    this.dialect = new DialectRules(changes);
    this.keys = new KeyChooser(changes);
  }

  document(doc: CST.Document, unknownKeys: readonly SpecPath[]): void {
    const root = doc.value;
    this.dropUnknown(root, unknownKeys);
    this.namespaces = new Namespaces(root);
    for (const { key, item } of entriesOf(root) ?? []) {
      if (key !== 'naftiko') this.entryOf('Document', root as Mapping, item, key, []);
      else {
        renameKey(item, 'ikanos');
        if (item.value) setScalar(item.value, this.version);
      }
    }
  }

  /** Keys the naftiko reader ignored: dropped (deepest first, so paths stay valid). */
  private dropUnknown(root: Token | undefined, paths: readonly SpecPath[]): void {
    for (const path of [...paths].sort((a, b) => b.length - a.length)) {
      const found = itemAt(root, path);
      if (!found || !isMapping(found.parent)) continue;
      this.dialect.dropUnknown(found.parent, found.item);
      const holder = path.length > 1 ? itemAt(root, path.slice(0, -1)) : undefined;
      if (holder && isEmptyMapping(holder.item.value)) emptyValue(holder.item);
    }
  }

  /** A mapping of a known kind: required keys filled in, then each key renamed, dropped or walked into. */
  private kind(token: Token | undefined, kind: KindName, path: SpecPath): void {
    if (!isMapping(token)) return;
    fillRequired(kind, token, this.fill);
    if (kind === 'ConsumesHttp') consumedApi(token, this.changes);
    if (kind === 'ConsumesHttp') this.namespaces.fitValue(token, 'namespace', this.changes);
    if (kind === 'ImportEntry') for (const key of ['import', 'as'] as const) this.namespaces.fitValue(token, key, this.changes);
    if (ADAPTERS.has(kind)) this.namespaces.fitAdapter(token, scalarOf(entry(token, 'type')?.item.value) ?? '', this.changes);
    if (kind === 'ExposedResource' || kind === 'SkillTool') this.namespaces.fitReferences(token, this.changes);
    if (kind === 'ConsumedInputParameter') consumedParamValue(token);
    if (kind === 'ImportEntry') this.imports.push(...[scalarOf(entry(token, 'location')?.item.value)].filter((l) => l !== undefined));
    if (kind === 'ConsumedHttpOperation') this.dialect.body(token);
    if (kind === 'ExposesRest') this.dialect.emptyResources(token);
    if (CALLERS.has(kind)) this.callOf(token);
    for (const { key, item } of entriesOf(token)!) this.entryOf(kind, token, item, key, path);
  }

  private entryOf(kind: KindName, map: Mapping, item: Item, key: string, path: SpecPath): void {
    const at = [...path, key];
    if (this.dialect.handles(kind, key)) return this.dialect.apply(kind, map, item, key);
    const target = targetOf(kind, key);
    if (!target) return;
    if (target.key !== key) renameKey(item, target.key);
    this.shape(target.field.shape, item, at, map, kind);
  }

  private shape(shape: Shape, item: Item, path: SpecPath, owner: Mapping, kind: KindName): void {
    if (shape === 'leaf') return;
    if (shape === 'outputs') return this.outputs(item, path, owner, kind);
    if ('object' in shape) return this.kind(item.value, shape.object, path);
    if ('keyed' in shape) return this.keyed(item, shape.keyed, path, owner);
    if ('named' in shape) return this.named(item.value, shape.named, path);
    if ('list' in shape) return void elementsOf(item.value)?.forEach((e, i) => this.kind(e.value, shape.list, [...path, i]));
    elementsOf(item.value)?.forEach((e, i) => this.sectionEntry(shape.section, e.value, [...path, i]));
  }

  private sectionEntry(section: string, token: Token | undefined, path: SpecPath): void {
    const entries = entriesOf(token);
    if (!entries) return;
    const kind = sectionKind(section, entries.map((e) => e.key), scalarOf(entry(token, 'type')?.item.value));
    if (kind) this.kind(token, kind, path);
  }

  /** `outputParameters`: mapped outputs stay a list; orchestrated and mock outputs become a map. */
  private outputs(item: Item, path: SpecPath, owner: Mapping, kind: KindName): void {
    constOutputs(item.value);
    if (this.dialect.outputMode(kind, owner) === 'keyed') return this.keyed(item, 'OrchestratedOutput', path, owner);
    mappedOutputs(owner, item, this.changes);
  }

  /** Orchestrated `properties`: a map that stays a map; each entry loses its redundant `name`. */
  private named(token: Token | undefined, of: KindName, path: SpecPath): void {
    for (const { key, item } of entriesOf(token) ?? []) {
      const name = entry(item.value, 'name');
      if (name && isMapping(item.value)) removeEntry(item.value, name.item);
      this.kind(item.value, of, [...path, key]);
    }
  }

  /**
   * `call: ns.get_user` names the operation keyed `get-user`; `with` entries for the parameters
   * of the called operation that Ikanos cannot key (dropped with their operation) go too.
   */
  private callOf(token: Mapping): void {
    const call = entry(token, 'call');
    const value = scalarOf(call?.item.value);
    if (!call?.item.value || value === undefined) return;
    withoutDroppedParams(token, value, this.fill.model, this.changes);
    const fitted = this.namespaces.fitCall(value);
    if (fitted === value) return;
    this.changes.set(call.item.value, fitted);
    setScalar(call.item.value, fitted);
  }

  /** A list of named entries -> a map keyed by name, in document order. */
  private keyed(item: Item, of: KindName, path: SpecPath, owner: Mapping): void {
    const list = item.value;
    if (!isBlockSeq(list) && !isFlowSeq(list)) return;
    const elements = elementsOf(list)!;
    const chosen = this.keys.choose({ of, path, elements: elements.map((e) => e.value), owner });
    elements.forEach((e, i) => this.kind(e.value, of, [...path, i]));
    elements.forEach((e, i) => 'dropped' in chosen[i]! && removeEntry(list, e));
    const keyOf = (e: Item) => {
      const c = chosen[elements.indexOf(e)] as Exclude<ChosenKey, { dropped: true }> | undefined;
      return c && { key: keyToken(c.key, c.token), name: c.item };
    };
    if (of === 'McpPromptArgument') renameTemplateArguments(owner, renamedArguments(elements, chosen), this.changes);
    if ((elementsOf(list) ?? []).length === 0) return removeEntry(owner, item);
    if (isFlowSeq(list)) {
      return flowSeqToMap(list, list.items.map((e) => { const k = keyOf(e); return k ? flowElementToEntry(e, k.key, k.name) : e; }));
    }
    const items = list.items.map((e) => { const k = keyOf(e); return k ? elementToEntry(e, k.key, k.name) : { start: e.start }; });
    const map = { type: 'block-map', offset: list.offset, indent: list.indent, items } as CST.BlockMap;
    // A sequence written at its key's column (`key:\n- a`) moves right: entries must be indented.
    const parentIndent = isBlockMap(owner) ? owner.indent : 0;
    const shift = list.indent <= parentIndent ? parentIndent + INDENT - list.indent : 0;
    if (shift > 0) shiftRight(item.sep ?? [], map, shift);
    item.value = { ...map, indent: list.indent + shift };
  }
}

/** Argument names that got another key: old name -> key. */
function renamedArguments(elements: readonly Item[], chosen: readonly ChosenKey[]): Map<string, string> {
  const renamed = new Map<string, string>();
  elements.forEach((e, i) => {
    const c = chosen[i];
    const name = scalarOf(entry(e.value, 'name')?.item.value);
    if (c && 'key' in c && name !== undefined && name !== c.key) renamed.set(name, c.key);
  });
  return renamed;
}

/**
 * The key each entry of a named list gets in its Ikanos map: its name, when the map can hold it.
 * A missing name, a name outside the map's key pattern and a name used twice need a choice, made
 * deterministically and reported where the entry is written when the choice shows.
 */
import type { SpecPath } from '../diagnostics/diagnostic.js';
import type { Changes } from './changes.js';
import { entry, scalarOf, type Item, type Token } from './cst.js';
import type { KindName } from './shapes.js';

export interface KeyedList {
  readonly of: KindName;
  readonly path: SpecPath;
  /** The entries' values, in document order. */
  readonly elements: readonly (Token | undefined)[];
  /** The mapping that holds the list (a resource, for its operations). */
  readonly owner?: Token | undefined;
}

export type ChosenKey =
  | {
      readonly key: string;
      /** The token the name was written as (its quoting is kept for the key), when the key is the name. */
      readonly token?: Token | undefined;
      /** The entry's own `name` (or `id`) item, which the key replaces. */
      readonly item?: Item | undefined;
    }
  /** The entry cannot be carried (a consumed parameter whose name Ikanos cannot key). */
  | { readonly dropped: true };

/** Keys of these maps are IdentifierKebab; of parameter and argument maps IdentifierExtended. */
const KEBAB_KINDS = new Set<KindName>([
  'ConsumedHttpResource',
  'ConsumedHttpOperation',
  'ExposedResource',
  'ExposedOperation',
  'McpTool',
  'McpResource',
  'McpPrompt',
  'OperationStep',
  'AggregateFlow',
  'ExposedSkill',
  'SkillTool',
]);
const EXTENDED_KINDS = new Set<KindName>(['ConsumedInputParameter', 'ExposedInputParameter', 'McpToolInputParameter', 'McpPromptArgument']);
const KEBAB = /^[a-zA-Z0-9-]+$/;
const EXTENDED = /^[a-zA-Z0-9-_*]+$/;

/** Names nothing refers to and nobody sees: renamed silently. */
const UNSEEN = new Set<KindName>(['ConsumedHttpResource', 'ExposedResource']);

/** What a client or an upstream sees change when an entry of this kind is renamed. */
const RENAMED: Partial<Record<KindName, string>> = {
  ConsumedHttpOperation: 'the generated client names it so, and calls to it are renamed the same way',
  ExposedOperation: 'the OpenAPI operationId and the generated names follow the new key',
  McpTool: 'MCP clients see the tool under the new name',
  McpResource: 'MCP clients see the resource under the new name',
  McpPrompt: 'MCP clients see the prompt under the new name',
  McpPromptArgument: 'MCP clients pass the argument under the new name',
  McpToolInputParameter: 'MCP clients pass the argument under the new name',
  ExposedInputParameter: 'callers send the parameter under the new name',
  OperationStep: 'references to the step by its old name no longer find it',
  AggregateFlow: 'refs to the flow by its old name no longer find it',
  ExposedSkill: 'the skill catalogue lists the new name',
  SkillTool: 'the skill catalogue lists the new name',
};

/** The key pattern of the map that holds entries of this kind, if the schema has one. */
export function keyPattern(kind: KindName): RegExp | undefined {
  return KEBAB_KINDS.has(kind) ? KEBAB : EXTENDED_KINDS.has(kind) ? EXTENDED : undefined;
}

/** `get_user` -> `get-user`: every character the pattern does not allow becomes `-` (`_` for parameters). */
export function fitKey(name: string, kind: KindName): string {
  const pattern = keyPattern(kind);
  if (!pattern || pattern.test(name)) return name;
  const fitted = KEBAB_KINDS.has(kind) ? name.replace(/[^a-zA-Z0-9-]+/g, '-') : name.replace(/[^a-zA-Z0-9-_*]+/g, '_');
  return fitted.replace(/^[-_]+|[-_]+$/g, '') || (KEBAB_KINDS.has(kind) ? 'entry' : '_');
}

export class KeyChooser {
  constructor(private readonly changes: Changes) {}

  choose(list: KeyedList): ChosenKey[] {
    const taken = new Set<string>();
    return list.elements.map((value, i) => {
      const named = nameOf(value, list.of);
      const entry = { value, name: named?.item };
      const fitted = named ? this.fit(named.key, list.of, entry) : this.unnamed(list, value, i);
      const key = fitted === undefined ? undefined : this.unique(fitted, taken, list.of, entry);
      if (key === undefined) return { dropped: true };
      taken.add(key);
      return { key, ...(named && named.key === key ? { token: named.token } : {}), item: named?.item };
    });
  }

  /** A REST resource or operation may have no name: it is keyed by what the generator named it. */
  private unnamed(list: KeyedList, value: Token | undefined, index: number): string {
    const key = fitKey(unnamedKey(list, value, index), list.of);
    if (value) this.changes.report('NG4020', value, { what: WHAT[list.of] ?? list.of, key });
    return key;
  }

  /** The name fitted to the key pattern; undefined when the entry cannot be carried at all. */
  private fit(name: string, kind: KindName, entry: NamedEntry): string | undefined {
    const fitted = fitKey(name, kind);
    return fitted === name ? name : this.rename(kind, name, fitted, entry, 'NG4021');
  }

  private unique(key: string, taken: ReadonlySet<string>, kind: KindName, entry: NamedEntry): string | undefined {
    if (!taken.has(key)) return key;
    let n = 2;
    while (taken.has(`${key}-${n}`)) n++;
    return this.rename(kind, key, `${key}-${n}`, entry, 'NG4023');
  }

  /**
   * Keys `name` as `key`, saying what changes where it shows. A consumed parameter's name is what
   * the upstream receives, so it is dropped rather than renamed (undefined).
   */
  private rename(kind: KindName, name: string, key: string, entry: NamedEntry, code: 'NG4021' | 'NG4023'): string | undefined {
    const at = entry.name ?? entry.value;
    if (kind === 'ConsumedInputParameter') {
      if (entry.value) this.changes.drop(entry.value);
      if (at) this.changes.report('NG4022', at, { name });
      return undefined;
    }
    if (UNSEEN.has(kind)) return key;
    if (at) this.changes.report(code, at, { what: WHAT[kind] ?? kind, name, key, consequence: RENAMED[kind] ?? '' });
    this.changes.set(entry.name?.value, key);
    return key;
  }
}

/** An entry of a named list: its value and its own `name` item. */
interface NamedEntry {
  readonly value: Token | undefined;
  readonly name: Item | undefined;
}

const WHAT: Partial<Record<KindName, string>> = {
  ConsumedHttpResource: 'consumed resource',
  ConsumedHttpOperation: 'consumed operation',
  ConsumedInputParameter: 'consumed parameter',
  ConsumedOutputParameter: 'consumed output',
  ExposedResource: 'REST resource',
  ExposedOperation: 'REST operation',
  ExposedInputParameter: 'REST parameter',
  McpTool: 'MCP tool',
  McpToolInputParameter: 'MCP tool input',
  McpResource: 'MCP resource',
  McpPrompt: 'MCP prompt',
  McpPromptArgument: 'MCP prompt argument',
  OperationStep: 'step',
  AggregateFlow: 'aggregate function',
  ExposedSkill: 'skill',
  SkillTool: 'skill tool',
  OrchestratedOutput: 'output',
};

/**
 * The name the generator gives an entry without one: a REST operation is named by the consumed
 * operation it calls, else by method and resource (its operationId, so nothing changes); a
 * resource by its path.
 */
function unnamedKey(list: KeyedList, value: Token | undefined, index: number): string {
  const ref = scalarOf(entry(value, 'ref')?.item.value) ?? scalarOf(entry(value, 'call')?.item.value);
  // An entry with `ref` takes its function's name (aggregates.ts); a REST operation its call's.
  if (ref?.includes('.') && (list.of === 'ExposedOperation' || list.of === 'McpTool')) {
    const name = ref.slice(ref.indexOf('.') + 1);
    if (list.of === 'ExposedOperation' || entry(value, 'ref')) return name;
  }
  if (list.of === 'ExposedOperation') {
    const method = (scalarOf(entry(value, 'method')?.item.value) ?? 'GET').toLowerCase();
    const resource = scalarOf(entry(list.owner, 'name')?.item.value) ?? String(list.path.at(-2));
    return `${method}-${resource}`;
  }
  if (list.of === 'ExposedResource') {
    const path = scalarOf(entry(value, 'path')?.item.value) ?? '';
    return path.replace(/[{}]/g, '').split(/[^a-zA-Z0-9]+/).filter(Boolean).join('-').toLowerCase() || 'root';
  }
  return `${(WHAT[list.of] ?? list.of).replace(/\s+/g, '-').toLowerCase()}-${index + 1}`;
}

function nameOf(value: Token | undefined, kind: KindName): { key: string; token: Token | undefined; item: Item; field: string } | undefined {
  for (const field of kind === 'ConsumedHttpOperation' ? ['name', 'id'] : ['name']) {
    const found = entry(value, field);
    const key = found && scalarOf(found.item.value);
    if (found && key !== undefined) return { key, token: found.item.value, item: found.item, field };
  }
  return undefined;
}

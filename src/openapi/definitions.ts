/**
 * `$ref` targets become named definitions, converted once per run (memoised on the ContractSet)
 * and per direction where it matters: a schema whose closure has `readOnly` or `writeOnly`
 * properties has a request and a response variant. Conversion runs off a work list, never by
 * recursing into the next definition, so a chain of 100 000 refs cannot exhaust the stack.
 */
import type { TypedSchema } from '../model/types.js';
import { pointerKey, type Pointer } from './locate.js';
import { isRecord } from './parse.js';
import type { ContractNote, ContractSet } from './set.js';

export type Direction = 'request' | 'response';

export interface Definition {
  /** `file#pointer` (plus `@request` / `@response` for a variant). */
  readonly key: string;
  readonly file: string;
  readonly pointer: Pointer;
  readonly direction?: Direction;
  /** The OpenAPI version of the document that first referred to it (a shared file has none of its own). */
  readonly version: '3.0' | '3.1' | '3.2';
  /** Before naming: the last pointer segment (`Customer`). */
  readonly baseName: string;
  schema: TypedSchema;
  notes: ContractNote[];
  /** Keys of the definitions its schema refers to. */
  refs: Set<string>;
}

export interface Definitions {
  readonly byKey: Map<string, Definition>;
  readonly pending: Definition[];
  readonly directional: Map<string, boolean>;
}

export function definitionsOf(set: ContractSet): Definitions {
  let defs = set.memo.get('definitions') as Definitions | undefined;
  if (!defs) set.memo.set('definitions', (defs = { byKey: new Map(), pending: [], directional: new Map() }));
  return defs;
}

/** The key a `$ref` to (file, pointer) has in `direction`, registering the definition for conversion. */
export function definitionKey(set: ContractSet, file: string, pointer: Pointer, direction: Direction, version: Definition['version']): string {
  const base = `${file}#/${pointerKey(pointer)}`;
  const defs = definitionsOf(set);
  const key = isDirectional(set, file, pointer) ? `${base}@${direction}` : base;
  if (!defs.byKey.has(key)) {
    const def: Definition = {
      key,
      file,
      pointer,
      ...(key !== base ? { direction } : {}),
      version,
      baseName: baseNameOf(pointer),
      schema: { kind: 'any' },
      notes: [],
      refs: new Set(),
    };
    defs.byKey.set(key, def);
    defs.pending.push(def);
  }
  return key;
}

/** `#/components/schemas/Customer` -> `Customer`; elsewhere the last segment that is a name. */
function baseNameOf(pointer: Pointer): string {
  const generic = new Set(['schema', 'schemas', 'items', 'properties', 'content', 'additionalProperties', 'components', 'definitions', '$defs']);
  for (let i = pointer.length - 1; i >= 0; i--) {
    const segment = String(pointer[i]);
    if (!generic.has(segment) && !/^\d+$/.test(segment) && !segment.includes('/')) return segment;
  }
  return 'Schema';
}

/** Whether the schema at (file, pointer), or any it refers to, has readOnly or writeOnly properties. */
function isDirectional(set: ContractSet, file: string, pointer: Pointer): boolean {
  const defs = definitionsOf(set);
  const start = `${file}#/${pointerKey(pointer)}`;
  const known = defs.directional.get(start);
  if (known !== undefined) return known;
  const seen = new Set<string>([start]);
  const work: Array<{ file: string; value: unknown }> = [{ file, value: set.node(file, pointer) }];
  let found = false;
  while (work.length > 0 && !found) {
    const { file: at, value } = work.pop()!;
    const stack: unknown[] = [value];
    while (stack.length > 0 && !found) {
      const node = stack.pop();
      if (Array.isArray(node)) stack.push(...node);
      if (!isRecord(node)) continue;
      if (node['readOnly'] === true || node['writeOnly'] === true) found = true;
      const ref = node['$ref'];
      if (typeof ref === 'string') {
        const target = set.resolveRef(at, ref);
        const key = 'file' in target ? `${target.file}#/${pointerKey(target.pointer)}` : undefined;
        if (key !== undefined && 'file' in target && !seen.has(key)) {
          seen.add(key);
          // A schema already known to be free of them needs no second walk.
          const decided = defs.directional.get(key);
          if (decided === true) found = true;
          else if (decided === undefined) work.push({ file: target.file, value: target.value });
        }
      }
      for (const [k, child] of Object.entries(node)) if (k !== 'example' && k !== 'examples' && typeof child === 'object') stack.push(child);
    }
  }
  defs.directional.set(start, found);
  return found;
}

/** Every definition `keys` reach (themselves included), in a stable order: by key. */
export function closureOf(set: ContractSet, keys: Iterable<string>): Definition[] {
  const defs = definitionsOf(set);
  const seen = new Set<string>();
  const work = [...keys];
  while (work.length > 0) {
    const key = work.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const next of defs.byKey.get(key)?.refs ?? []) work.push(next);
  }
  return [...seen].sort().flatMap((k) => defs.byKey.get(k) ?? []);
}

/**
 * The catalogue's operation-level `path` (NG1108: it replaces its resource's path for that
 * operation), which no Ikanos operation has: the operations are regrouped into resources of their
 * own paths, in the same order, so every operation keeps the path it is called on.
 */
import type { Changes } from './changes.js';
import { cloneToken, elementsOf, entry, insertElementAfter, isBlockSeq, removeEntry, scalarOf, setScalar, type Item, type Token } from './cst.js';

/** Splits the resources of one consumed API (`resources` of a ConsumesHttp, alpha2 form). */
export function splitOperationPaths(resources: Token | undefined, changes: Changes): void {
  if (!isBlockSeq(resources)) return;
  const names = new Set((elementsOf(resources) ?? []).map((e) => scalarOf(entry(e.value, 'name')?.item.value)));
  // Walk a copy: new resources are inserted as we go.
  [...(elementsOf(resources) ?? [])].forEach((element) => {
    const groups = groupsOf(element.value);
    if (!groups) return;
    let after: Item = element;
    groups.slice(1).forEach((group) => {
      const copy = cloneToken(element.value!);
      keepOperations(copy, group.indexes);
      const name = unique(`${scalarOf(entry(copy, 'name')?.item.value) ?? 'resource'}-${group.firstName}`, names);
      setValue(copy, 'name', name);
      setValue(copy, 'path', group.path);
      insertElementAfter(resources, after, copy);
      after = (resources.items as Item[])[(resources.items as Item[]).indexOf(after) + 1]!;
    });
    changes.reportOnce('NG4017', entry(element.value, 'operations')!.item, { more: 0 });
    keepOperations(element.value!, groups[0]!.indexes);
    setValue(element.value!, 'path', groups[0]!.path);
  });
}

interface Group {
  readonly path: string;
  readonly indexes: number[];
  readonly firstName: string;
}

/** Consecutive operations with the same effective path; undefined when no operation has its own path. */
function groupsOf(resource: Token | undefined): Group[] | undefined {
  const operations = elementsOf(entry(resource, 'operations')?.item.value) ?? [];
  if (!operations.some((op) => entry(op.value, 'path'))) return undefined;
  const resourcePath = scalarOf(entry(resource, 'path')?.item.value) ?? '';
  const groups: Group[] = [];
  operations.forEach((op, i) => {
    const own = scalarOf(entry(op.value, 'path')?.item.value) ?? resourcePath;
    const last = groups.at(-1);
    if (last?.path === own) last.indexes.push(i);
    else groups.push({ path: own, indexes: [i], firstName: scalarOf(entry(op.value, 'name')?.item.value) ?? String(i + 1) });
  });
  return groups;
}

/** Keeps the operations at these indexes, each without its own `path`. */
function keepOperations(resource: Token, indexes: readonly number[]): void {
  const list = entry(resource, 'operations')?.item.value;
  if (!isBlockSeq(list) && list?.type !== 'flow-collection') return;
  const operations = elementsOf(list) ?? [];
  operations.forEach((op, i) => {
    if (!indexes.includes(i)) return removeEntry(list, op);
    const own = entry(op.value, 'path');
    if (own && op.value && (op.value.type === 'block-map' || op.value.type === 'flow-collection')) removeEntry(op.value, own.item);
  });
}

function setValue(map: Token, key: string, value: string): void {
  const found = entry(map, key);
  if (found?.item.value) setScalar(found.item.value, value);
}

function unique(name: string, taken: Set<string | undefined>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}-${n}`;
  taken.add(candidate);
  return candidate;
}

/**
 * `with` entries that bind a consumed parameter the migration drops (its name cannot be an Ikanos
 * key, keys.ts) would bind nothing: they go with it. Which parameter a key binds is decided as
 * the generator decides it (the name ladder over the called operation's parameters).
 */
import type { CST } from 'yaml';
import { targetsOf } from '../model/bindings.js';
import type { CapabilityModel } from '../model/types.js';
import { matchName } from '../util/names.js';
import type { Changes } from './changes.js';
import { emptyValue, entriesOf, entry, isEmptyMapping, isMapping, removeEntry } from './cst.js';
import { fitKey } from './keys.js';

export function withoutDroppedParams(caller: CST.BlockMap | CST.FlowCollection, call: string, model: CapabilityModel | undefined, changes: Changes): void {
  const op = model?.upstreams.flatMap((u) => u.operations).find((o) => o.ref === call);
  const withEntry = entry(caller, 'with');
  const bindings = withEntry?.item.value;
  if (!op || !withEntry || !isMapping(bindings)) return;
  const names = targetsOf(op).map((t) => t.name);
  for (const { key, item } of entriesOf(bindings) ?? []) {
    const bound = matchName(key, names, (n) => n);
    if (bound.kind !== 'found' || fitKey(bound.item, 'ConsumedInputParameter') === bound.item) continue;
    changes.drop(item);
    removeEntry(bindings, item);
  }
  if (isEmptyMapping(bindings)) emptyValue(withEntry.item);
}

/**
 * Mapped `outputParameters` (call and ref modes) stay a list, as in every Ikanos version. The
 * catalogue's shapes the official schema lacks: `{type: object, mapping: $.}` alone passes the
 * upstream answer through, which is what no outputs say; an object without properties or an
 * array without items that selects a part of the answer has no official form and is dropped.
 */
import { parse, type CST } from 'yaml';
import type { Changes } from './changes.js';
import { elementsOf, entriesOf, entry, insertEntry, isMapping, removeEntry, renameKey, scalarOf, scalarToken, type Item, type Token } from './cst.js';

type Mapping = CST.BlockMap | CST.FlowCollection;

const WHOLE = new Set(['$', '$.']);

export function mappedOutputs(owner: Mapping, item: Item, changes: Changes): void {
  const outputs = elementsOf(item.value) ?? [];
  for (const output of outputs) selectScalars(output.value);
  if (outputs.length === 1) dropSingleName(outputs[0]!.value);
  if (outputs.length === 1 && isPassThrough(outputs[0]!.value)) return removeEntry(owner, item);
  const unofficial = outputs.map((o) => unofficialShape(o.value)).find((at) => at !== undefined);
  if (!unofficial) return;
  changes.drop(item);
  const selection = scalarOf(entry(unofficial, 'mapping')?.item.value) ?? scalarOf(entry(unofficial, 'value')?.item.value);
  changes.report('NG4015', unofficial, { selection: selection ?? '$' });
  removeEntry(owner, item);
}

/**
 * alpha1 wrote a fixed output as `const`; Ikanos (and alpha2) say `value`, which naftiko-gen reads
 * as the same text unless it starts with `$` (a JSONPath) or holds `{{` (a template).
 */
export function constOutputs(outputs: Token | undefined): void {
  for (const output of elementsOf(outputs) ?? entriesOf(outputs)?.map((e) => e.item) ?? []) {
    const value = output.value;
    const fixed = entry(value, 'const');
    const text = isText(fixed?.item.value) ? scalarOf(fixed!.item.value) : undefined;
    const typed = scalarOf(entry(value, 'type')?.item.value);
    if (fixed && text !== undefined && typed === 'string' && !text.startsWith('$') && !text.includes('{{') && !entry(value, 'value')) renameKey(fixed.item, 'value');
    constOutputs(entry(value, 'properties')?.item.value);
    const items = entry(value, 'items')?.item;
    if (items) constOutputs({ type: 'block-seq', offset: -1, indent: 0, items: [items] } as Token);
  }
}

/**
 * A string, number or boolean output without `mapping` or `value` reads the value it is placed on
 * (naftiko-gen reads an absent mapping as `$`); the schema wants the mapping said: `mapping: $`.
 */
function selectScalars(output: Token | undefined): void {
  if (!isMapping(output)) return;
  const type = scalarOf(entry(output, 'type')?.item.value);
  if (['string', 'number', 'boolean'].includes(type ?? '') && !entry(output, 'mapping') && !entry(output, 'value')) insertEntry(output, 'mapping', scalarToken('$'));
  for (const { item } of entriesOf(entry(output, 'properties')?.item.value) ?? []) selectScalars(item.value);
  selectScalars(entry(output, 'items')?.item.value);
}

/** A scalar that reads as a string (quoted, or plain text that is not a number, boolean or null). */
function isText(token: Token | undefined): boolean {
  if (token?.type === 'single-quoted-scalar' || token?.type === 'double-quoted-scalar') return true;
  return token?.type === 'scalar' && typeof parse(token.source) === 'string';
}

/** One output's `name` means nothing to naftiko-gen (and has no place in a mapped output). */
function dropSingleName(output: Token | undefined): void {
  const name = entry(output, 'name');
  if (name && output && (output.type === 'block-map' || output.type === 'flow-collection')) removeEntry(output, name.item);
}

function isPassThrough(output: Token | undefined): boolean {
  const keys = (entriesOf(output) ?? []).map((e) => e.key);
  const type = scalarOf(entry(output, 'type')?.item.value);
  const mapping = scalarOf(entry(output, 'mapping')?.item.value);
  return (type === 'object' || type === 'array' || type === undefined) && (mapping === undefined || WHOLE.has(mapping)) && keys.every((k) => k === 'type' || k === 'mapping');
}

/** The output (or one nested in it) that is an object without properties or an array without items. */
function unofficialShape(output: Token | undefined): Token | undefined {
  const type = scalarOf(entry(output, 'type')?.item.value);
  const properties = entry(output, 'properties')?.item.value;
  const items = entry(output, 'items')?.item.value;
  // A fixed value stands for itself; a `value` starting with `$` is a JSONPath (the catalogue
  // dialect's `value: $.`), a selection like `mapping`, so it needs the same properties or items.
  const value = entry(output, 'value') ? scalarOf(entry(output, 'value')!.item.value) : undefined;
  const hasValue = (entry(output, 'value') !== undefined && !value?.startsWith('$')) || entry(output, 'const') !== undefined;
  if ((type === 'object' && !properties && !hasValue) || (type === 'array' && !items && !hasValue)) return output;
  for (const { item } of entriesOf(properties) ?? []) {
    const inner = unofficialShape(item.value);
    if (inner) return inner;
  }
  return items ? unofficialShape(items) : undefined;
}

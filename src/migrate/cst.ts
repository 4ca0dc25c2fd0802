/**
 * Edits of the YAML concrete syntax tree (the `yaml` package's CST): every byte the migration does
 * not change is written back as it was read (comments, blank lines, quoting, key order, line
 * breaks), because `CST.stringify` only concatenates the tokens' own source text.
 */
import { CST } from 'yaml';

export type Token = CST.Token;

/** The offset of a token the migration made (real tokens keep where they were read). */
export const NEW_TOKEN = -1;
export type Item = CST.CollectionItem;
type Source = CST.SourceToken;

/** A mapping entry: its key as text and the CST item that holds key and value. */
export interface Entry {
  readonly key: string;
  readonly item: Item;
}

export const isBlockMap = (t: Token | null | undefined): t is CST.BlockMap => t?.type === 'block-map';
export const isBlockSeq = (t: Token | null | undefined): t is CST.BlockSequence => t?.type === 'block-seq';
export const isFlow = (t: Token | null | undefined): t is CST.FlowCollection => t?.type === 'flow-collection';
export const isFlowMap = (t: Token | null | undefined): t is CST.FlowCollection => isFlow(t) && t.start.source === '{';
export const isFlowSeq = (t: Token | null | undefined): t is CST.FlowCollection => isFlow(t) && t.start.source === '[';
export const isMapping = (t: Token | null | undefined): t is CST.BlockMap | CST.FlowCollection => isBlockMap(t) || isFlowMap(t);
export const isSequence = (t: Token | null | undefined): t is CST.BlockSequence | CST.FlowCollection => isBlockSeq(t) || isFlowSeq(t);

/** The entries of a mapping with a scalar key, in document order; undefined for anything else. */
export function entriesOf(token: Token | null | undefined): Entry[] | undefined {
  if (!isMapping(token)) return undefined;
  return token.items.flatMap((item) => {
    const key = scalarOf(item.key);
    return key === undefined ? [] : [{ key, item }];
  });
}

/** The elements of a sequence (items that hold a value, not comment-only lines). */
export function elementsOf(token: Token | null | undefined): Item[] | undefined {
  if (!isSequence(token)) return undefined;
  return token.items.filter((item) => item.value !== undefined);
}

/** A scalar's text (undefined for collections, aliases and missing tokens). */
export function scalarOf(token: Token | null | undefined): string | undefined {
  if (!token || token.type === 'alias') return undefined;
  return CST.resolveAsScalar(token)?.value;
}

export function entry(token: Token | null | undefined, key: string): Entry | undefined {
  return entriesOf(token)?.find((e) => e.key === key);
}

/** Renames a key in place, in its own quoting style. */
export function renameKey(item: Item, name: string): void {
  if (item.key) CST.setScalarValue(item.key, name, { implicitKey: true });
}

/** Sets a scalar value in place, in its own quoting style. */
export function setScalar(token: Token, value: string): void {
  CST.setScalarValue(token, value, { afterKey: true });
}

/** Sets a scalar to `value` written as quoted text (a plain `10` would read back as a number). */
export function setQuoted(token: Token, value: string): void {
  CST.setScalarValue(token, value, { afterKey: true, type: 'QUOTE_SINGLE' });
}

const space = (source: string, indent = 0): Source => ({ type: 'space', offset: NEW_TOKEN, indent, source });
const newline = (): Source => ({ type: 'newline', offset: NEW_TOKEN, indent: 0, source: '\n' });
const valueIndicator = (): Source => ({ type: 'map-value-ind', offset: NEW_TOKEN, indent: 0, source: ':' });

/**
 * Removes an entry from a mapping. Full-line comments above it stay (they may introduce what
 * follows); its own line goes, trailing comment included.
 */
export function removeEntry(map: CST.BlockMap | CST.BlockSequence | CST.FlowCollection, item: Item): void {
  const items = map.items as Item[];
  const index = items.indexOf(item);
  if (index < 0) return;
  if (isFlow(map)) return removeFlowItem(map, index);
  const next = items[index + 1];
  const lines = commentLines(item.start);
  // The first entry's indentation is written before the collection (after `key:` or `- `).
  if (index === 0 && next) dropLeadingSpace(next.start);
  if (lines.length > 0 && next) next.start.unshift(...lines);
  else if (lines.length > 0) {
    items.splice(index, 1, { start: lines });
    return;
  }
  items.splice(index, 1);
}

function dropLeadingSpace(start: Source[]): void {
  if (start[0]?.type === 'space') start.shift();
}

function removeFlowItem(flow: CST.FlowCollection, index: number): void {
  const [removed] = flow.items.splice(index, 1);
  const next = flow.items[index];
  if (index === 0 && next && removed) {
    // `{a: 1, b: 2}` without `a`: `b` inherits the first item's leading space, not its comma.
    const comma = next.start.findIndex((t) => t.type === 'comma');
    if (comma >= 0) {
      let end = comma + 1;
      while (next.start[end]?.type === 'space') end++;
      next.start.splice(0, end, ...removed.start.filter((t) => t.type === 'space'));
    }
  }
}

/**
 * Inserts a copy of a block sequence's element right after it (the copy starts its own line at the
 * element's column).
 */
export function insertElementAfter(seq: CST.BlockSequence, after: Item, value: Token): void {
  const items = seq.items as Item[];
  const index = items.indexOf(after);
  const dash: Source[] = [space(' '.repeat(seq.indent), seq.indent), { type: 'seq-item-ind', offset: NEW_TOKEN, indent: seq.indent, source: '-' }, space(' ')];
  items.splice(index + 1, 0, { start: dash, value });
}

/** The tokens of whole comment lines (and blank lines) at the start of an item, up to its indentation. */
function commentLines(start: readonly Source[]): Source[] {
  const lastBreak = start.map((t) => t.type).lastIndexOf('newline');
  const lines = start.slice(0, lastBreak + 1);
  return lines.some((t) => t.type === 'comment') ? lines : [];
}

/** The same-line comment after a value (`name: x  # why`), without its line break. */
function trailingComment(token: Token | undefined): Source[] {
  const end = token && 'end' in token ? (token.end ?? []) : [];
  const comment = end.findIndex((t) => t.type === 'comment');
  if (comment < 0 || end.slice(0, comment).some((t) => t.type === 'newline')) return [];
  return end.slice(0, comment + 1);
}

/** A key token for `text`: the name's own token (same quoting) when it can stand as a key, else a new one. */
export function keyToken(text: string, from?: Token): Token {
  if (from && (from.type === 'scalar' || from.type === 'single-quoted-scalar' || from.type === 'double-quoted-scalar')) {
    if (!/[\r\n]/.test(from.source) && from.source.length <= 1000 && scalarOf(from) === text) {
      return { type: from.type, offset: from.offset, indent: 0, source: from.source };
    }
  }
  return scalarToken(text);
}

/** Text that a plain scalar spells as the same string (not a number, boolean or null, no indicators). */
function readsAsString(text: string): boolean {
  if (!/^[A-Za-z0-9_*./$][A-Za-z0-9_*./$ -]*$/.test(text) || /\s$/.test(text)) return false;
  return !/^(true|false|True|False|TRUE|FALSE|null|Null|NULL|~|[-+]?[0-9._]+([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/.test(text);
}

/**
 * Turns one element of a block sequence (`- name: x` followed by the entry) into a mapping entry
 * `x:` followed by the entry without its name, at the column of the `-`. `nameItem` is the entry's
 * own key-giving item (removed), if any.
 */
export function elementToEntry(element: Item, key: Token, nameItem: Item | undefined): Item {
  const dash = element.start.findIndex((t) => t.type === 'seq-item-ind');
  const start = dash >= 0 ? element.start.slice(0, dash) : [...element.start];
  const value = element.value;
  if (isBlockMap(value)) return blockEntry(start, key, value, nameItem);
  if (isFlowMap(value)) {
    if (nameItem) removeEntry(value, nameItem);
    return { start, key, sep: [valueIndicator(), space(' ')], value };
  }
  return { start, key, sep: [valueIndicator(), space(' ')], value: emptyMap(value && 'end' in value ? (value.end ?? []) : [newline()]) };
}

function blockEntry(start: Source[], key: Token, value: CST.BlockMap, nameItem: Item | undefined): Item {
  const column = value.indent;
  const comment = nameItem ? trailingComment(nameItem.value) : [];
  if (nameItem) {
    const index = (value.items as Item[]).indexOf(nameItem);
    const lines = commentLines(nameItem.start);
    value.items.splice(index, 1);
    const next = value.items[index];
    if (next && lines.length > 0) next.start.unshift(...lines);
  }
  const first = value.items[0];
  if (!first) return { start, key, sep: [valueIndicator(), space(' ')], value: emptyMap([...comment, newline()]) };
  if (!first.start.some((t) => t.type === 'space' || t.type === 'newline')) first.start.unshift(space(' '.repeat(column), column));
  return { start, key, sep: [valueIndicator(), ...comment, newline()], value };
}

/** `{}` followed by `end` (a trailing comment and the line break). */
function emptyMap(end: Source[]): CST.FlowCollection {
  return {
    type: 'flow-collection',
    offset: NEW_TOKEN,
    indent: 0,
    start: { type: 'flow-map-start', offset: NEW_TOKEN, indent: 0, source: '{' },
    items: [],
    end: [{ type: 'flow-map-end', offset: NEW_TOKEN, indent: 0, source: '}' }, ...end],
  };
}

/** A flow sequence `[...]` becomes a flow mapping `{...}`, each element `{name: x, ...}` as `x: {...}`. */
export function flowElementToEntry(element: Item, key: Token, nameItem: Item | undefined): Item {
  const value = element.value;
  if (isFlowMap(value) && nameItem) removeEntry(value, nameItem);
  return { start: element.start, key, sep: [valueIndicator(), space(' ')], value: isFlowMap(value) ? value : emptyMap([]) };
}

export function flowSeqToMap(seq: CST.FlowCollection, items: Item[]): void {
  seq.start = { ...seq.start, type: 'flow-map-start', source: '{' };
  seq.end = seq.end.map((t) => (t.type === 'flow-seq-end' ? { ...t, type: 'flow-map-end', source: '}' } : t));
  seq.items = items;
}

/**
 * Moves a block collection (and everything in it) `by` columns right: a sequence written at its
 * parent key's column (`key:\n- a`) must move before its elements can become entries of a mapping.
 * `lead` holds the indentation of its first line (the parent item's separator).
 */
export function shiftRight(lead: Source[], token: Token, by: number): void {
  const pad = ' '.repeat(by);
  // Every line that starts in the lead (comments above the first entry, its indentation) moves too.
  for (let i = 0; i < lead.length; i++) {
    if (lead[i]!.type !== 'newline' || lead[i + 1]?.type === 'newline') continue;
    const after = lead[i + 1];
    if (after?.type === 'space') after.source += pad;
    else lead.splice(i + 1, 0, space(pad));
  }
  const sources = flatten(token);
  const text = sources.map((s) => s.source).join('');
  const last = text.replace(/[\r\n]+$/, '').length;
  let offset = 0;
  for (const s of sources) {
    const begin = offset;
    offset += s.source.length;
    s.source = s.source.replace(/\n/g, (nl, at: number) => {
      const next = text[begin + at + 1];
      return begin + at >= last || next === '\n' || next === '\r' || next === undefined ? nl : nl + pad;
    });
  }
}

/** Every token that carries source text, in the order `CST.stringify` writes them. */
function flatten(token: Token): { source: string }[] {
  const out: { source: string }[] = [];
  const visitToken = (t: Token): void => {
    switch (t.type) {
      case 'block-scalar':
        t.props.forEach(visitToken);
        out.push(t);
        return;
      case 'block-map':
      case 'block-seq':
        t.items.forEach(visitItem);
        return;
      case 'flow-collection':
        out.push(t.start);
        t.items.forEach(visitItem);
        out.push(...t.end);
        return;
      case 'document':
        visitItem(t);
        out.push(...(t.end ?? []));
        return;
      default:
        out.push(t as { source: string });
        if ('end' in t && t.end) out.push(...t.end);
    }
  };
  const visitItem = (item: Item): void => {
    out.push(...item.start);
    if (item.key) visitToken(item.key);
    if (item.sep) out.push(...item.sep);
    if (item.value) visitToken(item.value);
  };
  visitToken(token);
  return out;
}

/**
 * A new scalar token: plain when the text reads back as the same string, else double-quoted on one
 * line (the yaml package folds long or multi-line quoted text onto lines at the token's indent,
 * which is unknown here and would end the scalar early in a nested block).
 */
export function scalarToken(text: string, end: Source[] = []): Token {
  if (readsAsString(text)) return CST.createScalarToken(text, { offset: NEW_TOKEN, indent: 0, type: 'PLAIN', end });
  return { type: 'double-quoted-scalar', offset: NEW_TOKEN, indent: 0, source: doubleQuoted(text), end };
}

/**
 * YAML double-quoted text on one line: JSON's escapes are YAML escapes; what JSON leaves raw and
 * YAML does not allow or could take for a line break (DEL, C1 controls, U+2028/2029, BOM,
 * non-characters) is escaped as well.
 */
function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(/[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Adds `key: value` after a mapping's last entry when that entry ends its line, else (at the end
 * of a file without a final line break, or in a flow mapping) before the first.
 */
export function insertEntry(map: CST.BlockMap | CST.FlowCollection, key: string, value: Token): void {
  const last = map.items.at(-1);
  if (isFlow(map) || !last || !CST.stringify(last as CST.CollectionItem).endsWith('\n') || last.key === undefined) return insertFirst(map, key, value);
  const end = 'end' in value && value.end ? value.end : [];
  (value as { end?: Source[] }).end = [...end, newline()];
  map.items.push({ start: [space(' '.repeat(map.indent), map.indent)], key: scalarToken(key), sep: [valueIndicator(), space(' ')], value });
}

/**
 * Inserts `key: value` as the first entry of a mapping (the first entry's place is the only one
 * whose line is known to exist: the end of a mapping may be the end of the file).
 */
export function insertFirst(map: CST.BlockMap | CST.FlowCollection, key: string, value: Token): void {
  const first = map.items[0];
  if (isFlow(map)) {
    const item: Item = { start: first ? first.start.filter((t) => t.type === 'space') : [], key: scalarToken(key), sep: [valueIndicator(), space(' ')], value };
    if (first) first.start = [{ type: 'comma', offset: NEW_TOKEN, indent: 0, source: ',' }, space(' ')];
    map.items.unshift(item);
    return;
  }
  const end = 'end' in value && value.end ? value.end : [];
  if (!end.some((t) => t.type === 'newline')) (value as { end?: Source[] }).end = [...end, newline()];
  map.items.unshift({ start: [], key: scalarToken(key), sep: [valueIndicator(), space(' ')], value });
  if (first) first.start.unshift(space(' '.repeat(map.indent), map.indent));
}

/** The mapping entry or sequence element at a data path (keys and indexes), with its container. */
export function itemAt(root: Token | undefined, path: readonly (string | number)[]): { parent: Token; item: Item } | undefined {
  let token = root;
  let found: { parent: Token; item: Item } | undefined;
  for (const segment of path) {
    if (!token) return undefined;
    const item = typeof segment === 'number' ? elementsOf(token)?.[segment] : entry(token, segment)?.item;
    if (!item) return undefined;
    found = { parent: token, item };
    token = item.value;
  }
  return found;
}

/** `key: {}` in place of a mapping left without entries (a block mapping with none is no mapping). */
export function emptyValue(item: Item): void {
  const comment = item.sep?.slice(1).find((t) => t.type === 'comment');
  item.sep = [valueIndicator(), space(' ')];
  item.value = emptyMap(comment ? [space(' '), comment, newline()] : [newline()]);
}

/** Whether a mapping has no entries left (comment-only lines do not count). */
export function isEmptyMapping(token: Token | undefined): boolean {
  return isMapping(token) && (entriesOf(token) ?? []).length === 0;
}

/** A deep copy of a token (for an entry written twice). */
export function cloneToken<T extends Token>(token: T): T {
  return structuredClone(token);
}

export function stringify(doc: CST.Document | Token): string {
  return CST.stringify(doc);
}

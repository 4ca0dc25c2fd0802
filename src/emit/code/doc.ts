/**
 * Prettier's document printer, for the files emitted in prettier's final layout (final.ts): the
 * same commands (text, group, conditional group, indent, line, softline, hardline, ifBreak) and
 * the same algorithm as prettier 3's printDocToString (a group prints flat when it fits in the rest
 * of the line, measured up to the next possible line break of what follows it), so a document
 * built the way prettier's estree printer builds it prints as prettier prints it.
 * test/unit/final-layout.test.ts checks whole files against prettier.
 */
export type Doc = string | readonly Doc[] | Group | Indent | Line | IfBreak | Level;

export interface Group {
  readonly t: 'group';
  readonly contents: Doc;
  /** Conditional group (prettier's conditionalGroup): tried in order, the last one broken. */
  readonly states?: readonly Doc[];
  /** Broken whatever the width: set by the emitter, or by a hard line inside (propagateBreaks). */
  broken: boolean;
  /** Names the group for IfBreaks elsewhere that follow its mode (prettier's group id). */
  readonly id?: symbol;
}
export interface Indent { readonly t: 'indent'; readonly contents: Doc }
/** Indentation `level` steps from the left margin (the statements of a CodeWriter). */
export interface Level { readonly t: 'level'; readonly level: number; readonly contents: Doc }
export interface Line { readonly t: 'line'; readonly soft: boolean; readonly hard: boolean }
/** `broken` or `flat` by the mode of the enclosing group, or of the group named `groupId`. */
export interface IfBreak { readonly t: 'ifBreak'; readonly broken: Doc; readonly flat: Doc; readonly groupId?: symbol }

export const hardline: Line = { t: 'line', soft: false, hard: true };
export const line: Line = { t: 'line', soft: false, hard: false };
export const softline: Line = { t: 'line', soft: true, hard: false };

/** Breaks the groups around it and prints nothing (prettier's breakParent). */
export function breakParent(): Group {
  return { t: 'group', contents: '', broken: true };
}

/** Text prettier measures as `text.length` wide: anything else is left to prettier. */
export class Unsupported extends Error {}

/** Printable ASCII, Latin-1 to Cyrillic (no combining marks) and general punctuation: one column each. */
const NARROW = /^[\u0020-\u007e\u00a0-\u00a8\u00aa-\u00ad\u00af-\u02ff\u0370-\u04ff\u2010-\u2027\u2030-\u205e]*$/;

export function textWidth(text: string): number {
  if (!NARROW.test(text)) throw new Unsupported();
  return text.length;
}

/** Prettier's printWidth, as src/emit/format.ts pins it. */
export const WIDTH = 100;
const FLAT = 0;
const BREAK = 1;
type Mode = typeof FLAT | typeof BREAK;
type Command = readonly [indent: number, mode: Mode, doc: Doc];

export function printDoc(doc: Doc): string {
  propagateBreaks(doc);
  const out: string[] = [];
  const commands: Command[] = [[0, BREAK, doc]];
  const modes = new Map<symbol, Mode>();
  let position = 0;
  let remeasure = false;
  while (commands.length > 0) {
    const [indent, mode, d] = commands.pop()!;
    if (typeof d === 'string') {
      out.push(d);
      position += textWidth(d);
    } else if (isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) commands.push([indent, mode, d[i]!]);
    } else if (d.t === 'indent') commands.push([indent + 2, mode, d.contents]);
    else if (d.t === 'level') commands.push([d.level * 2, mode, d.contents]);
    else if (d.t === 'ifBreak') {
      const groupMode = d.groupId ? modes.get(d.groupId) ?? FLAT : mode;
      commands.push([indent, mode, groupMode === BREAK ? d.broken : d.flat]);
    } else if (d.t === 'group') {
      let chosen: Command = [indent, d.broken ? BREAK : FLAT, d.contents];
      if (mode === BREAK || remeasure) {
        remeasure = false;
        chosen = chooseGroupMode(indent, d, commands, WIDTH - position, modes);
      }
      commands.push(chosen);
      if (d.id) modes.set(d.id, chosen[1]);
    } else if (mode === FLAT && !d.hard) {
      if (!d.soft) out.push(' ');
      position += d.soft ? 0 : 1;
    } else {
      if (mode === FLAT) remeasure = true;
      trimTrailingSpace(out);
      out.push('\n' + ' '.repeat(indent));
      position = indent;
    }
  }
  trimTrailingSpace(out);
  return out.join('');
}

function chooseGroupMode(indent: number, group: Group, rest: readonly Command[], width: number, modes: ReadonlyMap<symbol, Mode>): Command {
  const fits = (next: Command) => fitsInWidth(next, rest, width, modes);
  const flat: Command = [indent, FLAT, group.contents];
  if (!group.broken && fits(flat)) return flat;
  const states = group.states;
  if (!states) return [indent, BREAK, group.contents];
  if (!group.broken) {
    for (let i = 1; i < states.length; i++) {
      const state: Command = [indent, FLAT, states[i]!];
      if (fits(state)) return state;
    }
  }
  return [indent, BREAK, states[states.length - 1]!];
}

/** Whether `next` and then the rest of the line fit in `width` columns (prettier's `fits`). */
function fitsInWidth(next: Command, rest: readonly Command[], width: number, modes: ReadonlyMap<symbol, Mode>): boolean {
  let restIndex = rest.length;
  const stack: [Mode, Doc][] = [[next[1], next[2]]];
  while (width >= 0) {
    if (stack.length === 0) {
      if (restIndex === 0) return true;
      const command = rest[--restIndex]!;
      stack.push([command[1], command[2]]);
      continue;
    }
    const [mode, d] = stack.pop()!;
    if (typeof d === 'string') width -= textWidth(d);
    else if (isArray(d)) for (let i = d.length - 1; i >= 0; i--) stack.push([mode, d[i]!]);
    else if (d.t === 'indent' || d.t === 'level') stack.push([mode, d.contents]);
    else if (d.t === 'ifBreak') {
      const groupMode = d.groupId ? modes.get(d.groupId) ?? FLAT : mode;
      stack.push([mode, groupMode === BREAK ? d.broken : d.flat]);
    } else if (d.t === 'group') {
      const groupMode = d.broken ? BREAK : mode;
      stack.push([groupMode, d.states && groupMode === BREAK ? d.states[d.states.length - 1]! : d.contents]);
    } else {
      if (mode === BREAK || d.hard) return true;
      if (!d.soft) width--;
    }
  }
  return false;
}

/**
 * A group holding a hard line is broken, and so is every group around it, except conditional
 * groups, which choose among their states themselves (prettier's propagateBreaks).
 * Returns whether `doc` holds a hard line or a broken group.
 */
function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === 'string') return false;
  if (isArray(doc)) {
    let any = false;
    for (const d of doc) any = propagateBreaks(d) || any;
    return any;
  }
  switch (doc.t) {
    case 'line':
      return doc.hard;
    case 'indent':
    case 'level':
      return propagateBreaks(doc.contents);
    case 'ifBreak':
      return propagateBreaks(doc.broken) || propagateBreaks(doc.flat);
    case 'group': {
      let inner = false;
      for (const d of doc.states ?? [doc.contents]) inner = propagateBreaks(d) || inner;
      if (doc.states) return doc.broken;
      if (inner) doc.broken = true;
      return doc.broken;
    }
  }
}

function isArray(doc: Doc): doc is readonly Doc[] {
  return Array.isArray(doc);
}

/** Trailing spaces and tabs before a line break (prettier's `trim`). */
function trimTrailingSpace(out: string[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    const trimmed = last.replace(/[ \t]+$/, '');
    if (trimmed.length > 0) {
      out[out.length - 1] = trimmed;
      return;
    }
    out.pop();
  }
}

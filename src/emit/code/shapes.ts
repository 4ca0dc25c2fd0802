/**
 * Layout constructors: what of a final-layout file depends on the width (final.ts prints it as
 * prettier does; print.ts prints it flat for prettier). The basic commands mirror prettier's
 * document builders; the shapes below build what prettier's estree printer builds for the same
 * syntax, so an emitter says "an object literal" and gets prettier's layout of one.
 */
import { ts } from './constructors.js';
import { checkHole, make, type Code } from './node.js';
import { printSnippet } from './print.js';

/** On one line when it fits in the rest of the line, else its lines break (`expanded`: always break). */
export function group(contents: Code, expanded = false): Code {
  checkHole(contents);
  return make({ kind: 'group', contents, expanded });
}

/** The first state whose first line fits, else the last one with its lines broken. */
export function conditionalGroup(states: readonly Code[]): Code {
  states.forEach(checkHole);
  return make({ kind: 'conditional', states });
}

export function indent(contents: Code): Code {
  checkHole(contents);
  return make({ kind: 'indent', contents });
}

export const line = make({ kind: 'line', soft: false });
export const softline = make({ kind: 'line', soft: true });
export const breakParent = make({ kind: 'breakParent' });

export function ifBreak(broken: Code, flat: Code = ts``): Code {
  checkHole(broken);
  checkHole(flat);
  return make({ kind: 'ifBreak', broken, flat });
}

/** `breakAfter`: a string literal or a chain of member accesses, which prettier moves after the colon. */
export type ValueKind = 'breakAfter' | 'other';

/** `object[key]`: the key on a line of its own when the line is too long. */
export function index(object: Code, key: Code): Code {
  return sequence([object, group(sequence([ts`[`, indent(sequence([softline, key])), softline, ts`]`]))]);
}

/**
 * `name: value` in an object literal (prettier's assignment layouts): a key shorter than 5
 * columns never breaks; a string literal or member chain moves to the next line when it does not
 * fit; anything else (calls, objects) stays on the key's line while its opening fits there ("fluid").
 */
export function property(name: Code, keyWidth: number, value: Code, kind: ValueKind = 'other'): Code {
  if (keyWidth < 5) return ts`${name}: ${value}`;
  if (kind === 'breakAfter') return ts`${name}:${group(indent(sequence([line, value])))}`;
  const id = Symbol('assignment');
  const breakAfter = make({ kind: 'group', contents: indent(line), expanded: false, id });
  const indented = make({ kind: 'ifBreak', broken: indent(value), flat: value, groupId: id });
  return ts`${name}:${breakAfter}${indented}`;
}

/**
 * Code on one line, when it is known to fit there: starting at `column` with `trailing` columns
 * after it. Otherwise its layout is not modelled (prettier's would break it somewhere inside).
 */
export function onOneLine(code: Code, column: number, trailing = 0): Code {
  return column + printSnippet(code).length + trailing <= 100 ? code : unmodelled(code);
}

/**
 * A chain of calls on a head (`z.string().describe('x')`, each call `.name(args)`): with at most
 * one call it is printed as it stands; with more, on one line when it fits, else one call per
 * line after the head (prettier's member chain). The caller makes sure every argument of a chain
 * of three or more calls is one prettier counts as simple (it breaks others whatever the width).
 */
export function memberChain(head: Code, calls: readonly Code[]): Code {
  const oneLine = sequence([head, ...calls]);
  if (calls.length < 2) return oneLine;
  return conditionalGroup([oneLine, sequence([head, indent(group(sequence(calls.map((c) => ts`\n${c}`)), true))])]);
}

/** `.name(args)`, one call of a member chain (`name` from our source: `.describe`); `hugLast`: as for `call`. */
export function chainCall(name: Code, args: readonly Code[] = [], hugLast = false): Code {
  return call(name, args, hugLast);
}

/** Code whose layout is not modelled (a file holding it is formatted by prettier). */
export function unmodelled(contents: Code): Code {
  checkHole(contents);
  return make({ kind: 'unmodelled', contents });
}

/**
 * `{ a: T; b: U }` (a type literal), or one member per line, each followed by `;`.
 * `expanded`: broken whatever the width.
 */
export function typeLiteral(members: readonly Code[], expanded = false): Code {
  if (members.length === 0) return ts`{}`;
  const list = members.flatMap((m, i) => (i > 0 ? [ts`;`, line, m] : [m]));
  return group(sequence([ts`{`, indent(sequence([line, ...list])), ifBreak(ts`;`), line, ts`}`]), expanded);
}

/** Items separated by `,` and a line: one per line when their group breaks. */
function commaLines(items: readonly Code[]): Code[] {
  return items.flatMap((item, i) => (i > 0 ? [COMMA, line, item] : [item]));
}

const COMMA = ts`,`;
const NOTHING = ts``;

function sequence(parts: readonly Code[]): Code {
  return make({ kind: 'join', items: parts, separator: NOTHING });
}

/**
 * `{ a, b }` or one entry per line with a trailing comma. `expanded`: broken whatever the width,
 * as prettier keeps an object literal whose first entry was on a line of its own.
 */
export function objectLiteral(entries: readonly Code[], expanded = false): Code {
  if (entries.length === 0) return ts`{}`;
  return group(sequence([ts`{`, indent(sequence([line, ...commaLines(entries)])), ifBreak(ts`,`), line, ts`}`]), expanded);
}

/** `[a, b]`, or one element per line with a trailing comma (not for numbers, which prettier fills). */
export function arrayLiteral(items: readonly Code[]): Code {
  if (items.length === 0) return ts`[]`;
  return group(sequence([ts`[`, indent(sequence([softline, ...commaLines(items)])), ifBreak(ts`,`), softline, ts`]`]));
}

/** `left || right`, broken after the operator when too long (an object property's value). */
export function logicalOr(left: Code, right: Code): Code {
  return group(sequence([left, ts` `, group(sequence([ts`||`, line, right]))]));
}

/** `left + right` (neither a `+` expression itself), broken after the operator when too long. */
export function plus(left: Code, right: Code): Code {
  return group(sequence([left, ts` `, group(sequence([ts`+`, line, right]))]));
}

/** Function parameters: `(a: A, b: B)`, or one per line with a trailing comma (the same layout as arguments). */
export function parameters(params: readonly Code[]): Code {
  return callArguments(params);
}

/**
 * `callee(args)`: with `hugLast` (the last argument is an object or array literal with entries,
 * of another kind than the one before it, and no argument holds a function), the last argument
 * is hugged; otherwise all arguments on one line or one per line.
 */
export function call(callee: Code, args: readonly Code[], hugLast = false): Code {
  return ts`${callee}${hugLast && args.length > 0 ? huggedCallArguments(args) : callArguments(args)}`;
}

/** Whether JSON data is an object or array with entries, which prettier hugs as a last argument. */
export function isHuggableData(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length > 0;
}

/** `(a, b)`, or one argument per line with a trailing comma. */
export function callArguments(args: readonly Code[]): Code {
  if (args.length === 0) return ts`()`;
  return group(allArgumentsBroken(args));
}

function allArgumentsBroken(args: readonly Code[]): Code {
  return sequence([ts`(`, indent(sequence([softline, ...commaLines(args)])), ifBreak(ts`,`), softline, ts`)`]);
}

/**
 * Arguments whose last one is an object literal or a function prettier "hugs": all on one line;
 * else the last one broken after the others on the line (`f(a, {` ... `})`); else one per line.
 * A last argument broken whatever the width (an expanded object literal) breaks the groups around
 * the call: final.ts propagates that like prettier's breakParent.
 */
export function huggedCallArguments(args: readonly Code[]): Code {
  const init = args.slice(0, -1).flatMap((a) => [a, ts`, `]);
  const last = args[args.length - 1]!;
  const flat = sequence([ts`(`, ...init, last, ts`)`]);
  const hugged = sequence([ts`(`, ...init, group(last, true), ts`)`]);
  return conditionalGroup([flat, hugged, allArgumentsBroken(args)]);
}

/**
 * The right side of a type alias, after `=`: on the same line when it fits, else on the next line,
 * and a union broken there puts each member on a line of its own after `| ` (prettier's
 * break-after-operator layout of an assignment).
 */
export function typeAliasValue(members: readonly Code[]): Code {
  const list = members.flatMap((m, i) => (i > 0 ? [line, ts`| `, m] : [m]));
  const value = members.length > 1 ? group(sequence([ifBreak(ts`| `), ...list])) : list[0]!;
  return group(indent(sequence([line, value])));
}

/**
 * `Code`: a piece of generated TypeScript as a tree, constructed only by this folder. Trusted text
 * comes from the template strings of `ts` tags in our own source; everything else is a typed node
 * that knows its lexical context (a string literal's value, a comment's text, a property name...)
 * and is escaped for that context when printed. Construction and printing are separate: today
 * print.ts writes the text prettier then formats; a printer of the final layout can read the same
 * tree.
 *
 * This module is internal to src/emit/code/: emitters import src/emit/code.ts.
 */
import type { SafeIdent } from '../../model/types.js';

/** What the holes of `ts` accept: code, or a number or boolean (written as its literal). */
export type Hole = Code | number | boolean;

export type Node =
  /** `ts` template: trusted strings from our source around the holes. */
  | { readonly kind: 'source'; readonly strings: readonly string[]; readonly holes: readonly Hole[] }
  | { readonly kind: 'join'; readonly items: readonly Code[]; readonly separator: Code }
  /** A string literal whose value is `value`. */
  | { readonly kind: 'string'; readonly value: string }
  /** A template literal: `quasis` are text values, `expressions` go between them. */
  | { readonly kind: 'template'; readonly quasis: readonly string[]; readonly expressions: readonly Code[] }
  | { readonly kind: 'comment'; readonly style: 'doc' | 'block' | 'line'; readonly text: string }
  | { readonly kind: 'ident'; readonly name: SafeIdent }
  /** A property name: of a type member (`member`) or an object literal (`key`, where `__proto__` must be computed). */
  | { readonly kind: 'property'; readonly name: string; readonly role: 'member' | 'key' }
  | { readonly kind: 'access'; readonly object: Code; readonly name: string; readonly optional: boolean }
  /** JSON data as an expression. */
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'regex'; readonly pattern: string; readonly flags: string }
  /**
   * `import { names } from 'specifier';` (`import type` when typeOnly), `import name from ...`
   * (default) or `import * as name from ...` (namespace); names and specifier are checked by file.ts.
   */
  | { readonly kind: 'import'; readonly form: 'named' | 'default' | 'namespace'; readonly typeOnly: boolean; readonly names: readonly string[]; readonly specifier: string }
  /** Text already printed by the mechanism's own data printer (layout.ts), in prettier's layout. */
  | { readonly kind: 'laidOut'; readonly text: string }
  /** Statements recorded by a CodeWriter: lines, blocks and indentation. */
  | { readonly kind: 'statements'; readonly ops: readonly Op[] };

export type Op =
  | { readonly op: 'write' | 'line'; readonly code: Code }
  | { readonly op: 'newline' | 'blank' }
  | { readonly op: 'block' | 'inlineBlock' | 'indent'; readonly body: readonly Op[] };

let construct: (node: Node) => Code;

/**
 * Branded: a `string` is not a Code, and no other module can make one (the constructor is
 * private, and `make` is exported only within src/emit/code/).
 */
export class Code {
  private declare readonly brand: never;
  private constructor(readonly node: Node) {}
  static {
    construct = (node) => new Code(node);
  }
}

export function make(node: Node): Code {
  return construct(node);
}

/** Whether a hole value may be written into code (checked at run time too: `any` can hide a string). */
export function checkHole(hole: unknown): void {
  if (hole instanceof Code || typeof hole === 'boolean' || (typeof hole === 'number' && Number.isFinite(hole))) return;
  throw new TypeError(`internal error: ${typeof hole} value in generated code outside the escaping mechanism`);
}

/**
 * The only ways to make Code. `ts` takes trusted text from a template literal in our source; every
 * other constructor takes a value (spec text included) together with the lexical context it is
 * written into, and the printer escapes it for that context.
 */
import type { SafeIdent } from '../../model/types.js';
import { checkHole, make, type Code, type Hole } from './node.js';

/**
 * Code from a template literal in our own source: `ts\`export const ${ident(name)} = ${str(text)};\``.
 * Holes take Code, numbers and booleans only: a raw string is a type error (and a run-time error).
 */
export function ts(strings: TemplateStringsArray, ...holes: readonly Hole[]): Code {
  if (!Array.isArray(strings.raw)) throw new TypeError('internal error: ts must be used as a template tag');
  for (const hole of holes) checkHole(hole);
  return make({ kind: 'source', strings, holes });
}

const COMMA = ts`, `;
export const empty = ts``;

/** Items with a separator between them (`, ` unless given). */
export function join(items: readonly Code[], separator: Code = COMMA): Code {
  items.forEach(checkHole);
  return make({ kind: 'join', items, separator });
}

/** A string literal whose value is `value` (any text: quotes, backslashes and line breaks are escaped). */
export function str(value: string): Code {
  return make({ kind: 'string', value: String(value) });
}

/** A scalar as its literal: string, number, boolean or null (NaN and the infinities as null, as in JSON). */
export function literal(value: string | number | boolean | null): Code {
  if (typeof value === 'string') return str(value);
  // JSON's choice for NaN and the infinities, which YAML can write (`.nan`, `.inf`).
  if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return ts`null`;
  return ts`${value}`;
}

/** A template literal: text parts (spec text allowed: backticks, `${` and line breaks are escaped) and expressions. */
export function template(parts: readonly (string | Code)[]): Code {
  const quasis: string[] = [''];
  const expressions: Code[] = [];
  for (const part of parts) {
    if (typeof part === 'string') quasis[quasis.length - 1] += part;
    else {
      checkHole(part);
      expressions.push(part);
      quasis.push('');
    }
  }
  return make({ kind: 'template', quasis, expressions });
}

/** `/** text *\/` (JSDoc): `*\/` and every line terminator are neutralised. */
export function doc(text: string): Code {
  return make({ kind: 'comment', style: 'doc', text: String(text) });
}

/** A JSDoc comment and its line break, or nothing when there is no text. */
export function docComment(text: string | undefined): Code {
  return text ? ts`${doc(text)}\n` : empty;
}

/** `/* text *\/` on one line. */
export function blockComment(text: string): Code {
  return make({ kind: 'comment', style: 'block', text: String(text) });
}

/** `// text`: every line terminator (CR, LF, U+2028, U+2029, U+0085) becomes a space. */
export function lineComment(text: string): Code {
  return make({ kind: 'comment', style: 'line', text: String(text) });
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An identifier the model named (src/model/naming.ts makes every SafeIdent). */
export function ident(name: SafeIdent): Code {
  if (!IDENT.test(name)) throw new TypeError(`internal error: ${JSON.stringify(name)} is not an identifier`);
  return make({ kind: 'ident', name });
}

/** The name of a type member or interface property: bare when it is an identifier, else quoted. */
export function prop(name: string): Code {
  return make({ kind: 'property', name: String(name), role: 'member' });
}

/** A key of an object literal: like `prop`, but `__proto__` is computed, since a plain one would set the prototype. */
export function key(name: string): Code {
  return make({ kind: 'property', name: String(name), role: 'key' });
}

/** `object.name`, or `object["name"]` when the name is not an identifier. */
export function member(object: Code, name: string): Code {
  checkHole(object);
  return make({ kind: 'access', object, name: String(name), optional: false });
}

/** `object?.name`, or `object?.["name"]`. */
export function optionalMember(object: Code, name: string): Code {
  checkHole(object);
  return make({ kind: 'access', object, name: String(name), optional: true });
}

/** JSON data (strings, numbers, booleans, null, arrays, plain objects) as an expression; `__proto__` keys stay data. */
export function json(value: unknown): Code {
  return make({ kind: 'json', value });
}

/** A regular expression literal `/pattern/flags`; the pattern must compile (the model checks spec patterns). */
export function regex(pattern: string, flags = ''): Code {
  if (!/^[dgimsuvy]*$/.test(flags)) throw new TypeError(`internal error: regular expression flags ${JSON.stringify(flags)}`);
  new RegExp(pattern, flags);
  return make({ kind: 'regex', pattern: String(pattern), flags });
}

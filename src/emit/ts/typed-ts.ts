/**
 * TypedSchema -> TypeScript type. Readonly throughout (the generated code never changes what it is
 * given). Names of named schemas are written by `ref` (`api.Customer` outside schemas.gen.ts).
 * Document text (enum values, property names) reaches the type only as literals and members.
 */
import type { TypedSchema } from '../../model/types.js';
import { join, literal, prop, ts, type Code } from '../code.js';

export type RefCode = (name: string) => Code;

/** A type and whether it is a single term (else it is parenthesised where a tighter operator follows). */
interface TypeCode {
  readonly code: Code;
  readonly atomic: boolean;
}

export function tsType(schema: TypedSchema, ref: RefCode): Code {
  return typeOf(schema, ref).code;
}

function typeOf(schema: TypedSchema, ref: RefCode): TypeCode {
  const base = baseType(schema, ref);
  const open = schema.kind === 'any' || schema.kind === 'null';
  return schema.nullable && !open ? { code: ts`${group(base)} | null`, atomic: false } : base;
}

const atomic = (code: Code): TypeCode => ({ code, atomic: true });
const compound = (code: Code): TypeCode => ({ code, atomic: false });

function baseType(schema: TypedSchema, ref: RefCode): TypeCode {
  switch (schema.kind) {
    case 'any':
      return atomic(ts`unknown`);
    case 'string':
      return atomic(ts`string`);
    case 'number':
      return atomic(ts`number`);
    case 'boolean':
      return atomic(ts`boolean`);
    case 'null':
      return atomic(ts`null`);
    case 'enum':
      return literalUnion(schema.values);
    case 'array':
      return compound(ts`readonly ${group(typeOf(schema.items, ref))}[]`);
    case 'object':
      return atomic(objectType(schema, ref));
    case 'union':
      return compound(unionType(schema, ref));
    case 'intersection':
      return compound(join(schema.parts.map((p) => group(typeOf(p, ref))), ts` & `));
    case 'ref':
      return atomic(ref(schema.name));
  }
}

function literalUnion(values: readonly (string | number | boolean | null)[]): TypeCode {
  if (values.length === 0) return atomic(ts`never`);
  const code = join(values.map(literal), ts` | `);
  return values.length === 1 ? atomic(code) : compound(code);
}

/** `{ readonly a: string; readonly b?: number }`; properties that may be anything are optional. */
export function objectType(schema: Extract<TypedSchema, { kind: 'object' }>, ref: RefCode): Code {
  const members = schema.properties.map((p) => {
    const optional = !p.required || p.schema.kind === 'any';
    return ts`readonly ${prop(p.name)}${optional ? ts`?` : ts``}: ${tsType(p.schema, ref)}`;
  });
  // An index signature only where the document describes the other properties (or only them).
  const additional = schema.additional;
  if (additional !== 'none' && (additional.kind !== 'any' || members.length === 0)) {
    members.push(ts`readonly [key: string]: ${members.length === 0 ? tsType(additional, ref) : ts`unknown`}`);
  }
  return members.length ? ts`{ ${join(members, ts`; `)} }` : ts`{}`;
}

function unionType(schema: Extract<TypedSchema, { kind: 'union' }>, ref: RefCode): Code {
  const d = schema.discriminator;
  const options = schema.options.map((option, i) => {
    const type = group(typeOf(option, ref));
    const values = d?.values[i];
    return d && values ? ts`(${type} & { readonly ${prop(d.property)}: ${literalUnion(values).code} })` : type;
  });
  return join(options, ts` | `);
}

/** Parentheses around a compound type where a tighter operator follows (prettier drops needless ones). */
function group(type: TypeCode): Code {
  return type.atomic ? type.code : ts`(${type.code})`;
}

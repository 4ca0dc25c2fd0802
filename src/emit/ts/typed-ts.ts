/**
 * TypedSchema -> TypeScript type text. Readonly throughout (the generated code never changes what
 * it is given). Names of named schemas are written by `ref` (`api.Customer` outside schemas.gen.ts).
 */
import type { TypedSchema } from '../../model/types.js';
import { lit, prop } from '../code.js';

export type RefText = (name: string) => string;

export function tsType(schema: TypedSchema, ref: RefText): string {
  const base = baseType(schema, ref);
  return schema.nullable && base !== 'unknown' && base !== 'null' ? `${group(base)} | null` : base;
}

function baseType(schema: TypedSchema, ref: RefText): string {
  switch (schema.kind) {
    case 'any':
      return 'unknown';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'enum':
      return schema.values.map((v) => (v === null ? 'null' : lit(v))).join(' | ') || 'never';
    case 'array':
      return `readonly ${group(tsType(schema.items, ref))}[]`;
    case 'object':
      return objectType(schema, ref);
    case 'union':
      return unionType(schema, ref);
    case 'intersection':
      return schema.parts.map((p) => group(tsType(p, ref))).join(' & ');
    case 'ref':
      return ref(schema.name);
  }
}

/** `{ readonly a: string; readonly b?: number }`; properties that may be anything are optional. */
export function objectType(schema: Extract<TypedSchema, { kind: 'object' }>, ref: RefText): string {
  const members = schema.properties.map((p) => {
    const optional = !p.required || p.schema.kind === 'any';
    return `readonly ${prop(p.name)}${optional ? '?' : ''}: ${tsType(p.schema, ref)}`;
  });
  // An index signature only where the document describes the other properties (or only them).
  const additional = schema.additional;
  if (additional !== 'none' && (additional.kind !== 'any' || members.length === 0)) {
    members.push(`readonly [key: string]: ${members.length === 0 ? tsType(additional, ref) : 'unknown'}`);
  }
  return members.length ? `{ ${members.join('; ')} }` : '{}';
}

function unionType(schema: Extract<TypedSchema, { kind: 'union' }>, ref: RefText): string {
  const d = schema.discriminator;
  return schema.options
    .map((option, i) => {
      const type = group(tsType(option, ref));
      const values = d?.values[i];
      return d && values ? `(${type} & { readonly ${prop(d.property)}: ${values.map((v) => lit(v)).join(' | ')} })` : type;
    })
    .join(' | ');
}

/** Parentheses around unions and intersections where a tighter operator follows. */
function group(type: string): string {
  return /^[\w.$"'[\]{}()<>]+$/.test(type) || (type.startsWith('{') && type.endsWith('}') && !type.includes(' | ')) ? type : `(${type})`;
}

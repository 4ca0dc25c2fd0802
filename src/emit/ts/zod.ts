/** zod schema expressions for caller inputs: REST inputs arrive as text, MCP arguments as JSON. */
import type { RestInput, ToolInput, ValueType } from '../../model/types.js';
import { chainCall, memberChain, str, ts, unmodelled, type Code } from '../code.js';
import { textZod, zodSchema, type ZodContext } from './typed-zod.js';

const STRING = ts`z.string()`;

/**
 * REST path, query and header values are strings on the wire; coerce them to the declared type
 * (with `--openapi`, to the documented schema: `ctx` then names the schemas and collects helpers).
 */
export function restInputSchema(input: RestInput, ctx?: ZodContext): Code {
  const json = input.in === 'body' || input.in === 'field';
  const typed = input.schema && ctx ? (json ? zodSchema(input.schema, ctx, input.pattern) : textZod(input.schema, ctx, input.pattern)) : undefined;
  let base = typed ?? (json ? jsonSchema(input.type, 'unknown') : textSchema(input.type));
  if (input.pattern !== undefined && base === STRING) base = ts`z.string().regex(new RegExp(${str(input.pattern)}))`;
  // A default applies before coercion and validation, exactly as if the caller had sent it.
  if (input.defaultValue !== undefined) return ts`z.preprocess((v) => v ?? ${str(input.defaultValue)}, ${base})`;
  return input.required ? base : ts`${base}.optional()`;
}

export function toolInputSchema(input: ToolInput, ctx?: ZodContext): Code {
  // The spec's own description (or the parameter's) wins over the schema's.
  const schema = input.schema && input.description ? { ...input.schema, description: undefined } : input.schema;
  const base = schema && ctx ? zodSchema(schema, ctx) : jsonSchema(input.type, 'scalar');
  const described = input.description ? ts`${base}.describe(${str(input.description)})` : base;
  return input.required ? described : ts`${described}.optional()`;
}

/**
 * toolInputSchema as a member chain in final layout. Typed (`--openapi`) schemas and arrays (whose
 * `z.union([...])` argument prettier does not count as simple) are not modelled.
 */
export function toolInputChain(input: ToolInput, ctx?: ZodContext): Code {
  const base = JSON_CHAINS[input.type];
  if ((input.schema && ctx) || !base) return unmodelled(toolInputSchema(input, ctx));
  const described = input.description ? [chainCall(ts`.describe`, [str(input.description)])] : [];
  return memberChain(ts`z`, [...base, ...described, ...(input.required ? [] : [chainCall(ts`.optional`)])]);
}

/**
 * restInputSchema as a member chain in final layout. Typed (`--openapi`) schemas, defaults
 * (`z.preprocess`) and text arrays (`.transform`) are not modelled.
 */
export function restInputChain(input: RestInput, ctx?: ZodContext): Code {
  const json = input.in === 'body' || input.in === 'field';
  const base = json ? JSON_BODY_CHAINS[input.type] : TEXT_CHAINS[input.type];
  if ((input.schema && ctx) || input.defaultValue !== undefined || !base) return unmodelled(restInputSchema(input, ctx));
  const pattern = input.pattern !== undefined && base.calls === STRING_CALLS ? [chainCall(ts`.regex`, [ts`new RegExp(${str(input.pattern)})`])] : [];
  return memberChain(base.head, [...base.calls, ...pattern, ...(input.required ? [] : [chainCall(ts`.optional`)])]);
}

const Z = ts`z`;
const STRING_CALLS = [chainCall(ts`.string`)];

/** textSchema(type) as a head and calls (`z.coerce` is one group for prettier: two member accesses). */
const TEXT_CHAINS: Readonly<Record<ValueType, { head: Code; calls: readonly Code[] } | undefined>> = {
  integer: { head: ts`z.coerce`, calls: [chainCall(ts`.number`), chainCall(ts`.int`)] },
  number: { head: ts`z.coerce`, calls: [chainCall(ts`.number`)] },
  boolean: { head: Z, calls: [chainCall(ts`.stringbool`)] },
  array: undefined,
  string: { head: Z, calls: STRING_CALLS },
  object: { head: Z, calls: STRING_CALLS },
  any: { head: Z, calls: STRING_CALLS },
};

/** jsonSchema(type, 'unknown') as a head and calls. */
const JSON_BODY_CHAINS: Readonly<Record<ValueType, { head: Code; calls: readonly Code[] } | undefined>> = {
  string: { head: Z, calls: STRING_CALLS },
  integer: { head: Z, calls: [chainCall(ts`.number`), chainCall(ts`.int`)] },
  number: { head: Z, calls: [chainCall(ts`.number`)] },
  boolean: { head: Z, calls: [chainCall(ts`.boolean`)] },
  array: { head: Z, calls: [chainCall(ts`.array`, [ts`z.unknown()`])] },
  object: { head: Z, calls: [chainCall(ts`.record`, [ts`z.string()`, ts`z.unknown()`])] },
  any: { head: Z, calls: [chainCall(ts`.unknown`)] },
};

/** jsonSchema(type, 'scalar') as the calls after `z`. */
const JSON_CHAINS: Readonly<Record<ValueType, readonly Code[] | undefined>> = {
  string: [chainCall(ts`.string`)],
  integer: [chainCall(ts`.number`), chainCall(ts`.int`)],
  number: [chainCall(ts`.number`)],
  boolean: [chainCall(ts`.boolean`)],
  array: undefined,
  object: [chainCall(ts`.record`, [ts`z.string()`, ts`z.unknown()`])],
  any: [chainCall(ts`.unknown`)],
};

function textSchema(type: ValueType): Code {
  switch (type) {
    case 'integer':
      return ts`z.coerce.number().int()`;
    case 'number':
      return ts`z.coerce.number()`;
    case 'boolean':
      return ts`z.stringbool()`;
    case 'array':
      return ts`z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]))`;
    case 'string':
    case 'object':
    case 'any':
      return STRING;
  }
}

function jsonSchema(type: ValueType, items: 'unknown' | 'scalar'): Code {
  switch (type) {
    case 'string':
      return STRING;
    case 'integer':
      return ts`z.number().int()`;
    case 'number':
      return ts`z.number()`;
    case 'boolean':
      return ts`z.boolean()`;
    case 'array':
      return items === 'scalar' ? ts`z.array(z.union([z.string(), z.number(), z.boolean()]))` : ts`z.array(z.unknown())`;
    case 'object':
      return ts`z.record(z.string(), z.unknown())`;
    case 'any':
      return ts`z.unknown()`;
  }
}

/** zod schema expressions for caller inputs: REST inputs arrive as text, MCP arguments as JSON. */
import type { RestInput, ToolInput, ValueType } from '../../model/types.js';
import { str, ts, type Code } from '../code.js';
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

/** zod schema expressions for caller inputs: REST inputs arrive as text, MCP arguments as JSON. */
import type { RestInput, ToolInput, ValueType } from '../../model/types.js';
import { lit } from '../code.js';
import { textZod, zodSchema, type ZodContext } from './typed-zod.js';

/**
 * REST path, query and header values are strings on the wire; coerce them to the declared type
 * (with `--openapi`, to the documented schema: `ctx` then names the schemas and collects helpers).
 */
export function restInputSchema(input: RestInput, ctx?: ZodContext): string {
  const json = input.in === 'body' || input.in === 'field';
  const typed = input.schema && ctx ? (json ? zodSchema(input.schema, ctx) : textZod(input.schema, ctx)) : undefined;
  let base = typed ?? (json ? jsonSchema(input.type, 'unknown') : textSchema(input.type));
  if (input.pattern !== undefined && base.startsWith('z.string()')) base = base.replace('z.string()', `z.string().regex(new RegExp(${lit(input.pattern)}))`);
  // A default applies before coercion and validation, exactly as if the caller had sent it.
  if (input.defaultValue !== undefined) return `z.preprocess((v) => v ?? ${lit(input.defaultValue)}, ${base})`;
  return input.required ? base : `${base}.optional()`;
}

export function toolInputSchema(input: ToolInput, ctx?: ZodContext): string {
  // The spec's own description (or the parameter's) wins over the schema's.
  const schema = input.schema && input.description ? { ...input.schema, description: undefined } : input.schema;
  const base = schema && ctx ? zodSchema(schema, ctx) : jsonSchema(input.type, 'scalar');
  const described = input.description ? `${base}.describe(${lit(input.description)})` : base;
  return input.required ? described : `${described}.optional()`;
}

function textSchema(type: ValueType): string {
  switch (type) {
    case 'integer':
      return 'z.coerce.number().int()';
    case 'number':
      return 'z.coerce.number()';
    case 'boolean':
      return 'z.stringbool()';
    case 'array':
      return 'z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]))';
    case 'string':
    case 'object':
    case 'any':
      return 'z.string()';
  }
}

function jsonSchema(type: ValueType, items: 'unknown' | 'scalar'): string {
  switch (type) {
    case 'string':
      return 'z.string()';
    case 'integer':
      return 'z.number().int()';
    case 'number':
      return 'z.number()';
    case 'boolean':
      return 'z.boolean()';
    case 'array':
      return items === 'scalar' ? 'z.array(z.union([z.string(), z.number(), z.boolean()]))' : 'z.array(z.unknown())';
    case 'object':
      return 'z.record(z.string(), z.unknown())';
    case 'any':
      return 'z.unknown()';
  }
}

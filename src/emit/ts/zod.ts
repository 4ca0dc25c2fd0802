/** zod schema expressions for caller inputs: REST inputs arrive as text, MCP arguments as JSON. */
import type { RestInput, ToolInput, ValueType } from '../../model/types.js';
import { str, ts, type Code } from '../code.js';

const STRING = ts`z.string()`;

/** REST path, query and header values are strings on the wire; coerce them to the declared type. */
export function restInputSchema(input: RestInput): Code {
  let base = input.in === 'body' || input.in === 'field' ? jsonSchema(input.type, 'unknown') : textSchema(input.type);
  if (input.pattern !== undefined && base === STRING) base = ts`z.string().regex(new RegExp(${str(input.pattern)}))`;
  // A default applies before coercion and validation, exactly as if the caller had sent it.
  if (input.defaultValue !== undefined) return ts`z.preprocess((v) => v ?? ${str(input.defaultValue)}, ${base})`;
  return input.required ? base : ts`${base}.optional()`;
}

export function toolInputSchema(input: ToolInput): Code {
  const described = input.description ? ts`${jsonSchema(input.type, 'scalar')}.describe(${str(input.description)})` : jsonSchema(input.type, 'scalar');
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

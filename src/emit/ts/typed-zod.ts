/**
 * TypedSchema -> zod expression, in two modes: `json` for bodies and MCP arguments (JSON values),
 * `text` for REST path, query, header and cookie values (strings, coerced to the documented type).
 * The zod schema is what the service validates with and (through zod's JSON Schema output) what
 * MCP clients are shown, so keywords zod has no method for are checked by runtime/schema.ts
 * refinements and stated with `.meta()`.
 */
import { checkedAsText, dereference, textEnumKind } from '../../model/typed-schemas.js';
import type { TypedSchema } from '../../model/types.js';
import { join, json, key, str, ts, type Code } from '../code.js';

export interface ZodContext {
  /** The zod schema of a named schema: `api.customerSchema` (or `customerSchema` inside schemas.gen.ts). */
  readonly ref: (name: string) => Code;
  /** The schema a name stands for (text mode must see through refs to coerce). */
  readonly lookup: (name: string) => TypedSchema | undefined;
  /** Runtime helpers used, to import (`formatted`, `maxCodePoints`, ...). */
  readonly helpers: Set<string>;
}

/** `pattern`: the spec's own pattern of a REST body input, checked where the schema is a string. */
export function zodSchema(schema: TypedSchema, ctx: ZodContext, pattern?: string): Code {
  return annotate(schema, schema.kind === 'string' ? stringZod(schema, ctx, pattern) : baseZod(schema, ctx));
}

function annotate(schema: TypedSchema, zod: Code): Code {
  let out = zod;
  if (schema.nullable && schema.kind !== 'null' && schema.kind !== 'any') out = ts`${out}.nullable()`;
  if (schema.deprecated) out = ts`${out}.meta({ deprecated: true })`;
  return described(out, schema.description);
}

function described(zod: Code, description: string | undefined): Code {
  return description ? ts`${zod}.describe(${str(description)})` : zod;
}

function baseZod(schema: TypedSchema, ctx: ZodContext): Code {
  switch (schema.kind) {
    case 'any':
      return ts`z.unknown()`;
    case 'string':
      return stringZod(schema, ctx);
    case 'number':
      return ts`${schema.integer ? ts`z.number().int()` : ts`z.number()`}${numberChecks(schema)}`;
    case 'boolean':
      return ts`z.boolean()`;
    case 'null':
      return ts`z.null()`;
    case 'enum':
      return enumZod(schema.values);
    case 'array':
      return arrayZod(schema, zodSchema(schema.items, ctx), ctx);
    case 'object':
      return objectZod(schema, ctx);
    case 'union':
      return unionZod(schema, ctx);
    case 'intersection':
      return schema.parts.map((p) => zodSchema(p, ctx)).reduce((a, b) => ts`z.intersection(${a}, ${b})`);
    case 'ref':
      return ctx.ref(schema.name);
  }
}

/** `pattern`: the spec's own pattern of a REST input, checked beside the document's. */
function stringZod(schema: Extract<TypedSchema, { kind: 'string' }>, ctx: ZodContext, pattern?: string): Code {
  if (schema.format !== undefined) ctx.helpers.add('formatted');
  let out = schema.format !== undefined ? ts`formatted(${str(schema.format)})` : ts`z.string()`;
  if (schema.minLength !== undefined) out = ts`${out}.min(${schema.minLength})`;
  if (schema.maxLength !== undefined) {
    // zod counts UTF-16 units; JSON Schema counts characters, which allows more.
    ctx.helpers.add('maxCodePoints');
    out = ts`${out}.refine(maxCodePoints(${schema.maxLength}), ${str(`At most ${schema.maxLength} characters`)}).meta({ maxLength: ${schema.maxLength} })`;
  }
  if (schema.pattern !== undefined) out = ts`${out}.regex(new RegExp(${str(schema.pattern)}, 'u'))`;
  if (pattern !== undefined) out = ts`${out}.regex(new RegExp(${str(pattern)}))`;
  return out;
}

function numberChecks(schema: Extract<TypedSchema, { kind: 'number' }>): Code {
  const checks: Code[] = [];
  if (schema.minimum !== undefined) checks.push(ts`.gte(${schema.minimum})`);
  if (schema.exclusiveMinimum !== undefined) checks.push(ts`.gt(${schema.exclusiveMinimum})`);
  if (schema.maximum !== undefined) checks.push(ts`.lte(${schema.maximum})`);
  if (schema.exclusiveMaximum !== undefined) checks.push(ts`.lt(${schema.exclusiveMaximum})`);
  if (schema.multipleOf !== undefined) checks.push(ts`.multipleOf(${schema.multipleOf})`);
  if (schema.format !== undefined) checks.push(ts`.meta({ format: ${str(schema.format)} })`);
  return join(checks, ts``);
}

function enumZod(values: readonly (string | number | boolean | null)[]): Code {
  if (values.length === 0) return ts`z.never()`;
  if (values.every((v) => typeof v === 'string')) return ts`z.enum(${json(values)})`;
  return values.length === 1 ? ts`z.literal(${json(values[0])})` : ts`z.literal(${json(values)})`;
}

function arrayZod(schema: Extract<TypedSchema, { kind: 'array' }>, items: Code, ctx: ZodContext): Code {
  let out = ts`z.array(${items})`;
  if (schema.minItems !== undefined) out = ts`${out}.min(${schema.minItems})`;
  if (schema.maxItems !== undefined) out = ts`${out}.max(${schema.maxItems})`;
  if (schema.uniqueItems) {
    ctx.helpers.add('uniqueItems');
    out = ts`${out}.refine(uniqueItems, 'Items must be unique').meta({ uniqueItems: true })`;
  }
  return out;
}

function objectZod(schema: Extract<TypedSchema, { kind: 'object' }>, ctx: ZodContext): Code {
  const shape = join(schema.properties.map((p) => ts`${key(p.name)}: ${zodSchema(p.schema, ctx)}${p.required ? ts`` : ts`.optional()`}`));
  let out: Code;
  if (schema.additional === 'none') out = ts`z.strictObject({ ${shape} })`;
  // Open objects keep the properties they do not name: the body goes upstream as the caller sent it.
  else if (schema.additional.kind === 'any') out = ts`z.looseObject({ ${shape} })`;
  else out = ts`z.object({ ${shape} }).catchall(${zodSchema(schema.additional, ctx)})`;
  if (schema.minProperties !== undefined) {
    ctx.helpers.add('minProperties');
    out = ts`${out}.refine(minProperties(${schema.minProperties}), ${str(`At least ${schema.minProperties} properties`)}).meta({ minProperties: ${schema.minProperties} })`;
  }
  if (schema.maxProperties !== undefined) {
    ctx.helpers.add('maxProperties');
    out = ts`${out}.refine(maxProperties(${schema.maxProperties}), ${str(`At most ${schema.maxProperties} properties`)}).meta({ maxProperties: ${schema.maxProperties} })`;
  }
  return out;
}

/** oneOf: exactly one option (z.xor); anyOf: at least one. A discriminator pins each option's value. */
function unionZod(schema: Extract<TypedSchema, { kind: 'union' }>, ctx: ZodContext): Code {
  const d = schema.discriminator;
  const options = schema.options.map((option, i) => {
    const zod = zodSchema(option, ctx);
    const values = d?.values[i];
    return d && values ? ts`z.intersection(${zod}, z.looseObject({ ${key(d.property)}: ${enumZod(values)} }))` : zod;
  });
  if (options.length === 1) return options[0]!;
  return ts`${schema.exclusive ? ts`z.xor` : ts`z.union`}([${join(options)}])`;
}

/**
 * Text mode: what a REST path, query, header or cookie value of this schema may be. Numbers and
 * booleans are coerced as the untyped inputs are; what text cannot carry exactly (objects, unions:
 * see checkedAsText, which the model uses to type clients) stays a string.
 */
export function textZod(schema: TypedSchema, ctx: ZodContext, pattern?: string): Code {
  const node = dereference(schema, ctx.lookup);
  const description = schema.description ?? node?.description;
  return described(textBase(node, ctx, pattern), description);
}

function textBase(node: TypedSchema | undefined, ctx: ZodContext, pattern: string | undefined): Code {
  const plain = pattern === undefined ? ts`z.string()` : ts`z.string().regex(new RegExp(${str(pattern)}))`;
  if (!node || !checkedAsText(node, ctx.lookup)) return plain;
  switch (node.kind) {
    case 'string':
      return stringZod(node, ctx, pattern);
    case 'number':
      return ts`${node.integer ? ts`z.coerce.number().int()` : ts`z.coerce.number()`}${numberChecks(node)}`;
    case 'boolean':
      return ts`z.stringbool()`;
    case 'enum': {
      const values = node.values.filter((v) => v !== null);
      return textEnumKind(values) === 'string' ? enumZod(values) : ts`z.coerce.number().pipe(${enumZod(values)})`;
    }
    case 'array':
      return ts`z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(${arrayZod(node, textZod(node.items, ctx), ctx)})`;
    default:
      return plain;
  }
}

/**
 * TypedSchema -> zod expression, in two modes: `json` for bodies and MCP arguments (JSON values),
 * `text` for REST path, query, header and cookie values (strings, coerced to the documented type).
 * The zod schema is what the service validates with and (through zod's JSON Schema output) what
 * MCP clients are shown, so keywords zod has no method for are checked by runtime/schema.ts
 * refinements and stated with `.meta()`.
 */
import { checkedAsText, dereference, textEnumKind } from '../../model/typed-schemas.js';
import type { TypedSchema } from '../../model/types.js';
import { jsonLiteral, lit, prop } from '../code.js';

export interface ZodContext {
  /** The zod schema of a named schema: `api.customerSchema` (or `customerSchema` inside schemas.gen.ts). */
  readonly ref: (name: string) => string;
  /** The schema a name stands for (text mode must see through refs to coerce). */
  readonly lookup: (name: string) => TypedSchema | undefined;
  /** Runtime helpers used, to import (`formatted`, `maxCodePoints`, ...). */
  readonly helpers: Set<string>;
}

export function zodSchema(schema: TypedSchema, ctx: ZodContext): string {
  return annotate(schema, baseZod(schema, ctx));
}

function annotate(schema: TypedSchema, zod: string): string {
  let out = zod;
  if (schema.nullable && schema.kind !== 'null' && schema.kind !== 'any') out += '.nullable()';
  if (schema.deprecated) out += '.meta({ deprecated: true })';
  if (schema.description) out += `.describe(${lit(schema.description)})`;
  return out;
}

function baseZod(schema: TypedSchema, ctx: ZodContext): string {
  switch (schema.kind) {
    case 'any':
      return 'z.unknown()';
    case 'string':
      return stringZod(schema, ctx);
    case 'number':
      return `${schema.integer ? 'z.number().int()' : 'z.number()'}${numberChecks(schema)}`;
    case 'boolean':
      return 'z.boolean()';
    case 'null':
      return 'z.null()';
    case 'enum':
      return enumZod(schema.values);
    case 'array':
      return arrayZod(schema, zodSchema(schema.items, ctx), ctx);
    case 'object':
      return objectZod(schema, ctx);
    case 'union':
      return unionZod(schema, ctx);
    case 'intersection':
      return schema.parts.map((p) => zodSchema(p, ctx)).reduce((a, b) => `z.intersection(${a}, ${b})`);
    case 'ref':
      return ctx.ref(schema.name);
  }
}

function stringZod(schema: Extract<TypedSchema, { kind: 'string' }>, ctx: ZodContext): string {
  if (schema.format !== undefined) ctx.helpers.add('formatted');
  let out = schema.format !== undefined ? `formatted(${lit(schema.format)})` : 'z.string()';
  if (schema.minLength !== undefined) out += `.min(${schema.minLength})`;
  if (schema.maxLength !== undefined) {
    // zod counts UTF-16 units; JSON Schema counts characters, which allows more.
    ctx.helpers.add('maxCodePoints');
    out += `.refine(maxCodePoints(${schema.maxLength}), ${lit(`At most ${schema.maxLength} characters`)}).meta({ maxLength: ${schema.maxLength} })`;
  }
  if (schema.pattern !== undefined) out += `.regex(new RegExp(${lit(schema.pattern)}, 'u'))`;
  return out;
}

function numberChecks(schema: Extract<TypedSchema, { kind: 'number' }>): string {
  let out = '';
  if (schema.minimum !== undefined) out += `.gte(${schema.minimum})`;
  if (schema.exclusiveMinimum !== undefined) out += `.gt(${schema.exclusiveMinimum})`;
  if (schema.maximum !== undefined) out += `.lte(${schema.maximum})`;
  if (schema.exclusiveMaximum !== undefined) out += `.lt(${schema.exclusiveMaximum})`;
  if (schema.multipleOf !== undefined) out += `.multipleOf(${schema.multipleOf})`;
  if (schema.format !== undefined) out += `.meta(${jsonLiteral({ format: schema.format })})`;
  return out;
}

function enumZod(values: readonly (string | number | boolean | null)[]): string {
  if (values.length === 0) return 'z.never()';
  if (values.every((v) => typeof v === 'string')) return `z.enum(${jsonLiteral(values)})`;
  return values.length === 1 ? `z.literal(${jsonLiteral(values[0])})` : `z.literal(${jsonLiteral(values)})`;
}

function arrayZod(schema: Extract<TypedSchema, { kind: 'array' }>, items: string, ctx: ZodContext): string {
  let out = `z.array(${items})`;
  if (schema.minItems !== undefined) out += `.min(${schema.minItems})`;
  if (schema.maxItems !== undefined) out += `.max(${schema.maxItems})`;
  if (schema.uniqueItems) {
    ctx.helpers.add('uniqueItems');
    out += `.refine(uniqueItems, 'Items must be unique').meta({ uniqueItems: true })`;
  }
  return out;
}

function objectZod(schema: Extract<TypedSchema, { kind: 'object' }>, ctx: ZodContext): string {
  const shape = schema.properties.map((p) => `${prop(p.name)}: ${zodSchema(p.schema, ctx)}${p.required ? '' : '.optional()'}`).join(', ');
  let out: string;
  if (schema.additional === 'none') out = `z.strictObject({ ${shape} })`;
  // Open objects keep the properties they do not name: the body goes upstream as the caller sent it.
  else if (schema.additional.kind === 'any') out = `z.looseObject({ ${shape} })`;
  else out = `z.object({ ${shape} }).catchall(${zodSchema(schema.additional, ctx)})`;
  if (schema.minProperties !== undefined) {
    ctx.helpers.add('minProperties');
    out += `.refine(minProperties(${schema.minProperties}), ${lit(`At least ${schema.minProperties} properties`)}).meta({ minProperties: ${schema.minProperties} })`;
  }
  if (schema.maxProperties !== undefined) {
    ctx.helpers.add('maxProperties');
    out += `.refine(maxProperties(${schema.maxProperties}), ${lit(`At most ${schema.maxProperties} properties`)}).meta({ maxProperties: ${schema.maxProperties} })`;
  }
  return out;
}

/** oneOf: exactly one option (z.xor); anyOf: at least one. A discriminator pins each option's value. */
function unionZod(schema: Extract<TypedSchema, { kind: 'union' }>, ctx: ZodContext): string {
  const d = schema.discriminator;
  const options = schema.options.map((option, i) => {
    const zod = zodSchema(option, ctx);
    const values = d?.values[i];
    return d && values ? `z.intersection(${zod}, z.looseObject({ ${prop(d.property)}: ${enumZod(values)} }))` : zod;
  });
  if (options.length === 1) return options[0]!;
  return `${schema.exclusive ? 'z.xor' : 'z.union'}([${options.join(', ')}])`;
}

/**
 * Text mode: what a REST path, query, header or cookie value of this schema may be. Numbers and
 * booleans are coerced as the untyped inputs are; what text cannot carry exactly (objects, unions:
 * see checkedAsText, which the model uses to type clients) stays a string.
 */
export function textZod(schema: TypedSchema, ctx: ZodContext): string {
  const node = dereference(schema, ctx.lookup);
  const description = schema.description ?? node?.description;
  const described = (zod: string) => (description ? `${zod}.describe(${lit(description)})` : zod);
  if (!node || !checkedAsText(node, ctx.lookup)) return described('z.string()');
  switch (node.kind) {
    case 'string':
      return described(stringZod(node, ctx));
    case 'number':
      return described(`${node.integer ? 'z.coerce.number().int()' : 'z.coerce.number()'}${numberChecks(node)}`);
    case 'boolean':
      return described('z.stringbool()');
    case 'enum': {
      const values = node.values.filter((v) => v !== null);
      return described(textEnumKind(values) === 'string' ? enumZod(values) : `z.coerce.number().pipe(${enumZod(values)})`);
    }
    case 'array':
      return described(`z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])).pipe(${arrayZod(node, textZod(node.items, ctx), ctx)})`);
    default:
      return described('z.string()');
  }
}

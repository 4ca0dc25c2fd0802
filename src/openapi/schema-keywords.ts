/**
 * The keywords of each JSON type: strings, numbers, arrays and objects, with the bounds a hostile
 * document could use to blow up generated code (huge enums and objects, endless descriptions,
 * patterns no engine accepts) turned into looser types and a note.
 */
import { makeDiagnostic } from '../diagnostics/report.js';
import type { TypedProperty, TypedSchema } from '../model/types.js';
import type { Pointer } from './locate.js';
import { isRecord } from './parse.js';
import { loose, note, type SchemaContext } from './schema.js';

export const LIMITS = {
  /**
   * Inline nesting kept in one named schema; deeper parts become named schemas of their own (as if
   * they were `$ref`s), since TypeScript gives up on zod types nested a dozen objects deep.
   */
  inline: 8,
  enumValues: 1000,
  properties: 1000,
  description: 2000,
  pattern: 1000,
  format: 64,
} as const;

type Convert = (value: unknown, pointer: Pointer, ctx: SchemaContext) => TypedSchema;

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function stringSchema(value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext): TypedSchema {
  const format = typeof value['format'] === 'string' && value['format'].length <= LIMITS.format ? value['format'] : undefined;
  return defined({
    kind: 'string' as const,
    format,
    pattern: patternOf(value['pattern'], [...pointer, 'pattern'], ctx),
    minLength: count(value['minLength']),
    maxLength: count(value['maxLength']),
  });
}

/** A pattern the `u`-flag engine accepts (ajv, which MCP clients validate with, uses that flag). */
function patternOf(pattern: unknown, pointer: Pointer, ctx: SchemaContext): string | undefined {
  if (typeof pattern !== 'string') return undefined;
  if (pattern.length > LIMITS.pattern) {
    note(ctx, pointer, (where) => makeDiagnostic('NG6008', { what: `the pattern is longer than ${LIMITS.pattern} characters` }, where));
    return undefined;
  }
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    note(ctx, pointer, (where) => makeDiagnostic('NG6009', { pattern }, where));
    return undefined;
  }
}

export function numberSchema(integer: boolean, value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext): TypedSchema {
  const minimum = finite(value['minimum']);
  const maximum = finite(value['maximum']);
  // 3.0: booleans that make minimum / maximum exclusive; 3.1: the bounds themselves.
  const exclusiveMinimum = value['exclusiveMinimum'] === true ? minimum : finite(value['exclusiveMinimum']);
  const exclusiveMaximum = value['exclusiveMaximum'] === true ? maximum : finite(value['exclusiveMaximum']);
  const multipleOf = finite(value['multipleOf']);
  if (multipleOf !== undefined && multipleOf <= 0) loose(ctx, [...pointer, 'multipleOf'], 'a `multipleOf` that is not positive');
  return defined({
    kind: 'number' as const,
    integer,
    format: typeof value['format'] === 'string' && value['format'].length <= LIMITS.format ? value['format'] : undefined,
    minimum: value['exclusiveMinimum'] === true ? undefined : minimum,
    maximum: value['exclusiveMaximum'] === true ? undefined : maximum,
    exclusiveMinimum,
    exclusiveMaximum,
    multipleOf: multipleOf !== undefined && multipleOf > 0 ? multipleOf : undefined,
  });
}

export function arraySchema(value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext, convert: Convert): TypedSchema {
  let items = value['items'] === false || value['items'] === undefined ? ({ kind: 'any' } as TypedSchema) : convert(value['items'], [...pointer, 'items'], ctx);
  if (Array.isArray(value['prefixItems'])) {
    // Tuples: each position's schema is not checked, only that items are JSON values.
    loose(ctx, [...pointer, 'prefixItems'], '`prefixItems` (a tuple)');
    items = { kind: 'any' };
  } else if (Array.isArray(value['items'])) {
    loose(ctx, [...pointer, 'items'], '`items` as a list (a tuple)');
    items = { kind: 'any' };
  }
  return defined({
    kind: 'array' as const,
    items,
    minItems: count(value['minItems']),
    maxItems: count(value['maxItems']),
    uniqueItems: value['uniqueItems'] === true ? true : undefined,
  });
}

export function objectSchema(value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext, convert: Convert): TypedSchema {
  const declared = isRecord(value['properties']) ? Object.entries(value['properties']) : [];
  if (declared.length > LIMITS.properties) {
    note(ctx, [...pointer, 'properties'], (where) => makeDiagnostic('NG6008', { what: `the object has ${declared.length} properties, more than ${LIMITS.properties}` }, where));
    return { kind: 'object', properties: [], additional: { kind: 'any' } };
  }
  const required = new Set(Array.isArray(value['required']) ? value['required'].filter((r): r is string => typeof r === 'string') : []);
  const properties: TypedProperty[] = [];
  const hidden = new Set<string>();
  let loosened = false;
  for (const [name, schema] of declared) {
    const at = [...pointer, 'properties', name];
    if (name === '__proto__') {
      // It would set the prototype of the objects the generated code builds.
      loose(ctx, at, 'a property named `__proto__`');
      loosened = true;
      continue;
    }
    if (hiddenIn(schema, ctx)) {
      hidden.add(name);
      continue;
    }
    properties.push({ name, schema: convert(schema, at, ctx), required: required.has(name) });
  }
  // A required name without a schema must still be present, whatever its value.
  for (const name of required) {
    if (!hidden.has(name) && name !== '__proto__' && !properties.some((p) => p.name === name)) properties.push({ name, schema: { kind: 'any' }, required: true });
  }
  let additional = additionalOf(value, pointer, ctx, convert);
  if (loosened || (isRecord(value['patternProperties']) && additional === 'none')) additional = { kind: 'any' };
  if (isRecord(value['patternProperties'])) loose(ctx, [...pointer, 'patternProperties'], '`patternProperties`');
  return defined({
    kind: 'object' as const,
    properties,
    additional,
    minProperties: count(value['minProperties']),
    maxProperties: count(value['maxProperties']),
  });
}

function additionalOf(value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext, convert: Convert): TypedSchema | 'none' {
  const additional = value['additionalProperties'];
  if (additional === false) return 'none';
  if (additional === undefined || additional === true) return { kind: 'any' };
  return convert(additional, [...pointer, 'additionalProperties'], ctx);
}

/** readOnly properties are left out of requests, writeOnly ones out of answers (also through a $ref). */
function hiddenIn(schema: unknown, ctx: SchemaContext): boolean {
  const flag = ctx.direction === 'request' ? 'readOnly' : 'writeOnly';
  if (!isRecord(schema)) return false;
  if (schema[flag] === true) return true;
  if (typeof schema['$ref'] !== 'string') return false;
  const target = ctx.set.resolveRef(ctx.file, schema['$ref']);
  return 'value' in target && isRecord(target.value) && target.value[flag] === true;
}

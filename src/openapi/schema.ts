/**
 * JSON Schema (OpenAPI 3.0's dialect and 3.1's JSON Schema 2020-12) -> TypedSchema. What the
 * generated code cannot state exactly (`not`, `if`, `patternProperties`, ...) is left out, which
 * makes the type looser, never stricter, and a note says where. `$ref`s become `ref` nodes to
 * definitions converted from the work list (definitions.ts), so cycles stay finite.
 */
import { makeDiagnostic } from '../diagnostics/report.js';
import type { TypedDiscriminator, TypedSchema, TypedSchemaMeta } from '../model/types.js';
import { definitionKey, definitionsOf, type Definition, type Direction } from './definitions.js';
import type { Pointer } from './locate.js';
import { isRecord } from './parse.js';
import type { ContractNote, ContractSet } from './set.js';
import { arraySchema, numberSchema, objectSchema, stringSchema, LIMITS } from './schema-keywords.js';

export interface SchemaContext {
  readonly set: ContractSet;
  readonly file: string;
  readonly version: '3.0' | '3.1' | '3.2';
  readonly direction: Direction;
  readonly notes: ContractNote[];
  /** Definitions the converted schema refers to directly. */
  readonly refs: Set<string>;
  readonly depth: number;
}

export function schemaContext(set: ContractSet, file: string, direction: Direction, notes: ContractNote[], refs: Set<string>): SchemaContext {
  return { set, file, version: set.versionOf(file, '3.1'), direction, notes, refs, depth: 0 };
}

const ANY: TypedSchema = { kind: 'any' };
/** Keywords that only annotate: a `$ref` beside them is the ref alone. */
const ANNOTATIONS = new Set(['$ref', 'description', 'summary', 'title', 'example', 'examples', 'deprecated', 'readOnly', 'writeOnly', 'default', '$comment', 'externalDocs', 'xml', 'nullable']);

export function note(ctx: SchemaContext, pointer: Pointer, make: ContractNote['make']): void {
  ctx.notes.push({ file: ctx.file, pointer, make });
}

export function loose(ctx: SchemaContext, pointer: Pointer, construct: string): void {
  note(ctx, pointer, (where) => makeDiagnostic('NG6007', { construct }, where));
}

/** Converts the schema at `pointer` (a value already read from the document). */
export function convertSchema(value: unknown, pointer: Pointer, ctx: SchemaContext): TypedSchema {
  if (value === true || value === undefined) return ANY;
  if (ctx.depth >= LIMITS.inline && isRecord(value) && typeof value['$ref'] !== 'string') return hoisted(pointer, ctx);
  if (!isRecord(value)) {
    // `false` (nothing is valid) or a malformed schema: stated as "anything".
    loose(ctx, pointer, value === false ? 'the schema `false`' : 'a schema that is not an object');
    return ANY;
  }
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const meta = metaOf(value);
  if (typeof value['$ref'] === 'string') return withMeta(refSchema(value, pointer, inner), meta);
  return withMeta(combined(value, pointer, inner), meta);
}

/** A deeply nested schema, named and converted on its own (from the work list, not the stack). */
function hoisted(pointer: Pointer, ctx: SchemaContext): TypedSchema {
  const key = definitionKey(ctx.set, ctx.file, pointer, ctx.direction, ctx.version);
  ctx.refs.add(key);
  return { kind: 'ref', name: key };
}

function metaOf(value: Record<string, unknown>): TypedSchemaMeta {
  const text = typeof value['description'] === 'string' ? value['description'] : typeof value['title'] === 'string' ? value['title'] : undefined;
  const description = text === undefined ? undefined : text.length > LIMITS.description ? `${text.slice(0, LIMITS.description)}…` : text;
  // 3.0's keyword; many 3.1 documents still use it, and honouring it there only accepts more.
  const nullable = value['nullable'] === true;
  return { ...(description ? { description } : {}), ...(nullable ? { nullable } : {}), ...(value['deprecated'] === true ? { deprecated: true } : {}) };
}

function withMeta(schema: TypedSchema, meta: TypedSchemaMeta): TypedSchema {
  // An enum that lists null is nullable already (3.0.3 asks nullable enums to list it).
  const listsNull = schema.kind === 'enum' && schema.values.includes(null);
  const merged = { ...schema, ...meta, ...(schema.nullable || meta.nullable ? { nullable: true } : {}) };
  if (!merged.nullable || listsNull) delete (merged as { nullable?: boolean }).nullable;
  if (merged.description === undefined) delete (merged as { description?: string }).description;
  return merged as TypedSchema;
}

function refSchema(value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext): TypedSchema {
  const ref = value['$ref'] as string;
  const target = ctx.set.resolveRef(ctx.file, ref);
  if ('reason' in target) {
    const reason = target.reason;
    note(ctx, [...pointer, '$ref'], (where) => makeDiagnostic('NG6006', { ref, reason }, where));
    return ANY;
  }
  const key = definitionKey(ctx.set, target.file, target.pointer, ctx.direction, ctx.version);
  ctx.refs.add(key);
  const node: TypedSchema = { kind: 'ref', name: key };
  // 3.1 allows keywords beside $ref; they apply too (3.0 ignores them).
  const siblings = Object.keys(value).filter((k) => !ANNOTATIONS.has(k));
  if (ctx.version === '3.0' || siblings.length === 0) return node;
  const rest = Object.fromEntries(siblings.map((k) => [k, value[k]]));
  return { kind: 'intersection', parts: [node, combined(rest, pointer, ctx)] };
}

/** allOf / anyOf / oneOf, and the keywords of the schema itself. */
function combined(value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext): TypedSchema {
  unsupported(value, pointer, ctx);
  const parts: TypedSchema[] = [];
  // Members that allow anything (annotations only: `- example: USD`) change nothing of an allOf.
  const all = Array.isArray(value['allOf']) ? value['allOf'].map((s, i) => convertSchema(s, [...pointer, 'allOf', i], ctx)) : [];
  parts.push(...all.filter((part) => part.kind !== 'any'));
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const options = value[keyword];
    if (!Array.isArray(options) || options.length === 0) continue;
    const converted = options.map((s, i) => convertSchema(s, [...pointer, keyword, i], ctx));
    const discriminator = discriminatorOf(value, options);
    parts.push({ kind: 'union', exclusive: keyword === 'oneOf', options: converted, ...(discriminator ? { discriminator } : {}) });
  }
  const own = ownSchema(value, pointer, ctx);
  if (own.kind !== 'any' || parts.length === 0) parts.push(own);
  if (parts.length === 1) return withDescription(parts[0]!, all.find((part) => part.description)?.description);
  // A nullable own part (3.1 `type: [..., 'null']` beside allOf) makes the whole nullable.
  return { kind: 'intersection', parts };
}

/** The schema's own type keywords (no combinators). */
function ownSchema(value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext): TypedSchema {
  if (Array.isArray(value['enum'])) return enumSchema(value['enum'], [...pointer, 'enum'], ctx);
  if (Object.hasOwn(value, 'const')) return enumSchema([value['const']], [...pointer, 'const'], ctx);
  const declared = typesOf(value['type']);
  const nullable = declared.includes('null');
  const types = declared.filter((t) => t !== 'null');
  const inferred = types.length > 0 ? types : inferType(value);
  const schemas = inferred.map((type) => typedSchema(type, value, pointer, ctx));
  const base: TypedSchema = schemas.length === 0 ? (nullable && declared.length === 1 ? { kind: 'null' } : ANY) : schemas.length === 1 ? schemas[0]! : { kind: 'union', exclusive: false, options: schemas };
  return nullable && base.kind !== 'null' && base.kind !== 'any' ? { ...base, nullable: true } : base;
}

function typesOf(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === 'string') : [];
}

/** A schema without `type`: what its keywords imply, else anything. */
function inferType(value: Record<string, unknown>): string[] {
  if (['properties', 'additionalProperties', 'required', 'minProperties', 'maxProperties'].some((k) => Object.hasOwn(value, k))) return ['object'];
  if (['items', 'minItems', 'maxItems', 'uniqueItems', 'prefixItems'].some((k) => Object.hasOwn(value, k))) return ['array'];
  if (['pattern', 'minLength', 'maxLength'].some((k) => Object.hasOwn(value, k))) return ['string'];
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => Object.hasOwn(value, k))) return ['number'];
  return [];
}

function typedSchema(type: string, value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext): TypedSchema {
  switch (type) {
    case 'string':
      return stringSchema(value, pointer, ctx);
    case 'integer':
    case 'number':
      return numberSchema(type === 'integer', value, pointer, ctx);
    case 'boolean':
      return { kind: 'boolean' };
    case 'array':
      return arraySchema(value, pointer, ctx, convertSchema);
    case 'object':
      return objectSchema(value, pointer, ctx, convertSchema);
    default:
      loose(ctx, [...pointer, 'type'], `type ${JSON.stringify(type)}`);
      return ANY;
  }
}

function enumSchema(values: readonly unknown[], pointer: Pointer, ctx: SchemaContext): TypedSchema {
  if (values.length > LIMITS.enumValues) {
    note(ctx, pointer, (where) => makeDiagnostic('NG6008', { what: `the enum has ${values.length} values, more than ${LIMITS.enumValues}` }, where));
    return ANY;
  }
  const scalars = values.filter((v): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  if (scalars.length < values.length) {
    loose(ctx, pointer, 'an enum with object or array values');
    return ANY;
  }
  return { kind: 'enum', values: [...new Set(scalars)] };
}

/** `discriminator`: which option each value of the property selects (explicit mapping, else schema names). */
function discriminatorOf(value: Record<string, unknown>, options: readonly unknown[]): TypedDiscriminator | undefined {
  const d = value['discriminator'];
  // `__proto__` would set the prototype of the objects the generated checks build.
  if (!isRecord(d) || typeof d['propertyName'] !== 'string' || d['propertyName'] === '__proto__') return undefined;
  const mapping = isRecord(d['mapping']) ? d['mapping'] : {};
  const refs = options.map((o) => (isRecord(o) && typeof o['$ref'] === 'string' ? o['$ref'] : undefined));
  // Without refs the options have no names, so values cannot be told apart: a plain union.
  if (refs.some((r) => r === undefined)) return undefined;
  const values = refs.map((ref) => {
    const mapped = Object.entries(mapping).filter(([, target]) => typeof target === 'string' && (target === ref || ref!.endsWith(`/${target}`)));
    return mapped.length > 0 ? mapped.map(([v]) => v) : [ref!.slice(ref!.lastIndexOf('/') + 1)];
  });
  return { property: d['propertyName'], values };
}

const UNSUPPORTED = ['not', 'if', 'then', 'else', 'dependentSchemas', 'dependentRequired', 'dependencies', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems', '$dynamicRef', '$recursiveRef'];

function unsupported(value: Record<string, unknown>, pointer: Pointer, ctx: SchemaContext): void {
  for (const keyword of UNSUPPORTED) {
    if (!Object.hasOwn(value, keyword)) continue;
    // `unevaluatedProperties: true` and the like allow what is allowed anyway.
    if (value[keyword] === true) continue;
    loose(ctx, [...pointer, keyword], `\`${keyword}\``);
  }
}

/** Converts every definition registered so far, and those they register in turn. */
export function convertPendingDefinitions(set: ContractSet): void {
  const defs = definitionsOf(set);
  while (defs.pending.length > 0) {
    const def = defs.pending.shift()!;
    convertDefinition(set, def);
  }
}

function convertDefinition(set: ContractSet, def: Definition): void {
  const direction: Direction = def.direction ?? 'response';
  const ctx = { ...schemaContext(set, def.file, direction, def.notes, def.refs), version: set.versionOf(def.file, def.version) };
  def.schema = convertSchema(set.node(def.file, def.pointer), def.pointer, ctx);
}

/** A description from elsewhere (an annotation-only allOf member) where the schema has none. */
function withDescription(schema: TypedSchema, description: string | undefined): TypedSchema {
  return description === undefined || schema.description !== undefined ? schema : { ...schema, description };
}

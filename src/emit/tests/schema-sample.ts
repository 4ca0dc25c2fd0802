/**
 * A deterministic value that satisfies a vendor schema (`--openapi`), for the generated tests:
 * the service validates REST inputs and MCP arguments against these schemas before it calls the
 * upstream, so a sample made from the capability's declared types alone would be refused with 400.
 * Where no value can be worked out (a pattern none of the candidates matches, contradictory bounds,
 * a recursion that requires itself), the answer is the reason, and the caller skips that test.
 */
import { dereference, type SchemaLookup } from '../../model/typed-schemas.js';
import type { TypedSchema } from '../../model/types.js';

export type SchemaSample = { readonly value: unknown } | { readonly unsupported: string };

/** Tried in turn against a `pattern`: the likeliest shapes of identifiers and codes. */
export const PATTERN_CANDIDATES = ['sample', 'Sample', 'SAMPLE', 'abc', '1', '7', '123', '1234567', 'a1', 'A1', 'abc-123', 'ABC123', 'x_1', '2026-01-02', '2026-01-02T03:04:05Z', 'USD', 'en', 'en-US', 'someone@example.com', 'https://example.com/x', '00000000-0000-4000-8000-000000000001', '1234', '12'];

/** A value of each `format` the generated service checks (templates/runtime/schema.ts). */
const FORMAT_SAMPLES: Readonly<Record<string, string>> = {
  date: '2026-01-02',
  time: '03:04:05Z',
  'date-time': '2026-01-02T03:04:05Z',
  uuid: '00000000-0000-4000-8000-000000000001',
  email: 'someone@example.com',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uri: 'https://example.com/x',
};

const MAX_DEPTH = 12;

export interface SampleContext {
  readonly lookup: SchemaLookup;
  /** The text a string takes where nothing constrains it. */
  readonly plain: string;
  /** The spec's own pattern of the input, checked beside the schema's (without the `u` flag). */
  readonly pattern?: string;
  /** Fill optional properties too, where they have a sample (an upstream answer: more to see passed through). */
  readonly optional?: boolean;
}

export function schemaSample(schema: TypedSchema, ctx: SampleContext, depth = 0): SchemaSample {
  if (depth > MAX_DEPTH) return { unsupported: 'its schema requires itself deeper than the tests go' };
  const node = dereference(schema, ctx.lookup);
  if (!node) return { unsupported: 'its schema refers to a schema the project does not have' };
  switch (node.kind) {
    case 'any':
      return { value: ctx.plain };
    case 'string':
      return stringSample(node, ctx, depth === 0 ? ctx.pattern : undefined);
    case 'number':
      return numberSample(node);
    case 'boolean':
      return { value: true };
    case 'null':
      return { value: null };
    case 'enum': {
      const present = node.values.filter((v) => v !== null);
      return { value: present.length ? present[0] : null };
    }
    case 'array':
      return arraySample(node, ctx, depth);
    case 'object':
      return objectSample(node, ctx, depth);
    case 'union':
      return unionSample(node, ctx, depth);
    case 'intersection':
      return intersectionSample(node, ctx, depth);
    case 'ref':
      return { unsupported: 'its schema refers to itself only' };
  }
}

type StringSchema = Extract<TypedSchema, { kind: 'string' }>;

function stringSample(node: StringSchema, ctx: SampleContext, inputPattern: string | undefined): SchemaSample {
  const patterns: RegExp[] = [];
  try {
    if (node.pattern !== undefined) patterns.push(new RegExp(node.pattern, 'u'));
    if (inputPattern !== undefined) patterns.push(new RegExp(inputPattern));
  } catch {
    return { unsupported: 'its pattern is not a JavaScript regular expression' };
  }
  const formatted = node.format !== undefined ? FORMAT_SAMPLES[node.format] : undefined;
  const candidates = formatted !== undefined ? [formatted] : [fitLength(ctx.plain, node), ...PATTERN_CANDIDATES, ...PATTERN_CANDIDATES.map((c) => fitLength(c, node))];
  const fits = (text: string) => lengthFits(text, node) && patterns.every((p) => p.test(text));
  const found = candidates.find(fits);
  if (found !== undefined) return { value: found };
  const what = [node.format !== undefined ? `format ${node.format}` : '', ...patterns.map((p) => `/${p.source}/`), node.minLength !== undefined || node.maxLength !== undefined ? `length ${node.minLength ?? 0}..${node.maxLength ?? '∞'}` : ''].filter(Boolean);
  return { unsupported: `no sample value satisfies ${what.join(' and ')}` };
}

function codePoints(text: string): number {
  return [...text].length;
}

function lengthFits(text: string, node: StringSchema): boolean {
  const n = codePoints(text);
  return n >= (node.minLength ?? 0) && n <= (node.maxLength ?? Infinity);
}

/** Padded with `x` up to minLength, cut to maxLength. */
function fitLength(text: string, node: StringSchema): string {
  const chars = [...text].slice(0, node.maxLength ?? Infinity);
  while (chars.length < (node.minLength ?? 0)) chars.push('x');
  return chars.join('');
}

type NumberSchema = Extract<TypedSchema, { kind: 'number' }>;

function numberSample(node: NumberSchema): SchemaSample {
  const fits = (n: number) =>
    Number.isFinite(n) &&
    (!node.integer || Number.isInteger(n)) &&
    (node.minimum === undefined || n >= node.minimum) &&
    (node.maximum === undefined || n <= node.maximum) &&
    (node.exclusiveMinimum === undefined || n > node.exclusiveMinimum) &&
    (node.exclusiveMaximum === undefined || n < node.exclusiveMaximum) &&
    (node.multipleOf === undefined || isMultiple(n, node.multipleOf));
  const lower = node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum : undefined);
  const upper = node.maximum ?? node.exclusiveMaximum;
  const middle = lower !== undefined && upper !== undefined ? (lower + upper) / 2 : undefined;
  const bases = [node.integer ? 7 : 2.5, 7, lower, upper, middle, 0, 1];
  const candidates = bases.flatMap((b) => (b === undefined ? [] : [b, b + 1, b - 1, Math.ceil(b), Math.floor(b)]));
  if (node.multipleOf !== undefined) {
    const m = node.multipleOf;
    candidates.push(...[lower, upper, 7, 0].flatMap((b) => (b === undefined ? [] : [Math.ceil(b / m) * m, Math.ceil(b / m + 1) * m, Math.floor(b / m) * m])));
  }
  const found = candidates.find(fits);
  return found !== undefined ? { value: found } : { unsupported: 'no sample number satisfies its bounds' };
}

function isMultiple(n: number, m: number): boolean {
  const q = n / m;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

function arraySample(node: Extract<TypedSchema, { kind: 'array' }>, ctx: SampleContext, depth: number): SchemaSample {
  const count = Math.min(Math.max(node.minItems ?? 1, 1), node.maxItems ?? Infinity);
  const items: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const item = schemaSample(node.items, { ...ctx, plain: i === 0 ? ctx.plain : `${ctx.plain}-${i + 1}` }, depth + 1);
    if ('unsupported' in item) return item;
    items.push(item.value);
  }
  if (node.uniqueItems && new Set(items.map((v) => JSON.stringify(v))).size < items.length) return { unsupported: `no ${count} distinct sample items` };
  return { value: items };
}

function objectSample(node: Extract<TypedSchema, { kind: 'object' }>, ctx: SampleContext, depth: number): SchemaSample {
  // Required properties, then optional ones as far as minProperties asks.
  const required = node.properties.filter((p) => p.required);
  const optional = node.properties.filter((p) => !p.required).slice(0, Math.max((node.minProperties ?? 0) - required.length, 0));
  const value: Record<string, unknown> = {};
  for (const p of [...required, ...optional]) {
    const sample = schemaSample(p.schema, { ...ctx, plain: `${p.name}-sample` }, depth + 1);
    if ('unsupported' in sample) return { unsupported: `property ${p.name}: ${sample.unsupported}` };
    Object.defineProperty(value, p.name, { value: sample.value, enumerable: true, writable: true, configurable: true });
  }
  for (const p of ctx.optional && depth < 3 ? node.properties.filter((q) => !q.required && !Object.hasOwn(value, q.name)) : []) {
    if (Object.keys(value).length >= (node.maxProperties ?? Infinity)) break;
    const sample = schemaSample(p.schema, { ...ctx, plain: `${p.name}-sample` }, depth + 1);
    if (!('unsupported' in sample)) Object.defineProperty(value, p.name, { value: sample.value, enumerable: true, writable: true, configurable: true });
  }
  if (Object.keys(value).length < (node.minProperties ?? 0)) return { unsupported: `fewer than ${node.minProperties} properties to fill` };
  return { value };
}

/** The first option that has a sample, with its discriminator value set. */
function unionSample(node: Extract<TypedSchema, { kind: 'union' }>, ctx: SampleContext, depth: number): SchemaSample {
  let reason = 'no option';
  for (const [i, option] of node.options.entries()) {
    const sample = schemaSample(option, ctx, depth + 1);
    if ('unsupported' in sample) {
      reason = sample.unsupported;
      continue;
    }
    const tag = node.discriminator?.values[i]?.[0];
    if (tag === undefined || !isRecord(sample.value)) return sample;
    return { value: { ...sample.value, [node.discriminator!.property]: tag } };
  }
  return { unsupported: `no option of its union has a sample (${reason})` };
}

/** allOf: the parts' objects merged; parts that are not objects must agree on one value. */
function intersectionSample(node: Extract<TypedSchema, { kind: 'intersection' }>, ctx: SampleContext, depth: number): SchemaSample {
  const values: unknown[] = [];
  for (const part of node.parts) {
    const sample = schemaSample(part, ctx, depth + 1);
    if ('unsupported' in sample) return sample;
    values.push(sample.value);
  }
  if (values.every(isRecord)) {
    const merged: Record<string, unknown> = {};
    for (const [k, v] of values.flatMap((o) => Object.entries(o))) Object.defineProperty(merged, k, { value: v, enumerable: true, writable: true, configurable: true });
    return { value: merged };
  }
  const first = JSON.stringify(values[0]);
  return values.every((v) => JSON.stringify(v) === first) ? { value: values[0] } : { unsupported: 'the parts of its allOf have no common sample' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

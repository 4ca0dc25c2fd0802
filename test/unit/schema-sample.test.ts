/**
 * The generated tests' sample-from-schema (src/emit/tests/schema-sample.ts): each sample is checked
 * by the zod schema the generated service validates with (typed-zod, run with the real zod and
 * runtime helpers), so a sample the service would refuse with 400 fails here.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { str, ts as tsTag } from '../../src/emit/code.js';
import { printCode } from '../../src/emit/code/print.js';
import { schemaSample } from '../../src/emit/tests/schema-sample.js';
import { textZod, zodSchema, type ZodContext } from '../../src/emit/ts/typed-zod.js';
import type { TypedSchema } from '../../src/model/types.js';
import * as runtime from '../../templates/runtime/schema.js';

const NAMED: Record<string, TypedSchema> = {
  Money: { kind: 'object', properties: [{ name: 'amount', required: true, schema: { kind: 'number', integer: true, minimum: 1, multipleOf: 5 } }, { name: 'currency', required: true, schema: { kind: 'string', pattern: '^[A-Z]{3}$' } }], additional: 'none' },
};
const lookup = (name: string) => NAMED[name];

function zodOf(schema: TypedSchema, text = false): z.ZodType {
  const named: Record<string, z.ZodType> = {};
  const ctx: ZodContext = { ref: (name) => tsTag`named[${str(name)}]`, lookup, helpers: new Set() };
  const build = (s: TypedSchema, asText: boolean) => {
    const source = printCode(asText ? textZod(s, ctx) : zodSchema(s, ctx));
    return (new Function('named', 'z', ...Object.keys(runtime), `return (${source});`) as (...args: unknown[]) => z.ZodType)(named, z, ...Object.values(runtime));
  };
  for (const [name, s] of Object.entries(NAMED)) named[name] = build(s, false);
  return build(schema, text);
}

function sampled(schema: TypedSchema, plain = 'plain 1/é'): unknown {
  const sample = schemaSample(schema, { lookup, plain });
  if ('unsupported' in sample) throw new Error(sample.unsupported);
  return sample.value;
}

const SATISFIABLE: Record<string, TypedSchema> = {
  'a required property of each kind': {
    kind: 'object',
    additional: 'none',
    properties: [
      { name: 'id', required: true, schema: { kind: 'string', format: 'uuid' } },
      { name: 'when', required: true, schema: { kind: 'string', format: 'date-time' } },
      { name: 'email', required: true, schema: { kind: 'string', format: 'email' } },
      { name: 'code', required: true, schema: { kind: 'string', pattern: '^[a-z]+-\\d+$', minLength: 5, maxLength: 10 } },
      { name: 'count', required: true, schema: { kind: 'number', integer: true, minimum: 10, maximum: 12 } },
      { name: 'ratio', required: true, schema: { kind: 'number', integer: false, exclusiveMinimum: 0, exclusiveMaximum: 1 } },
      { name: 'kind', required: true, schema: { kind: 'enum', values: ['card', 'bank'] } },
      { name: 'flag', required: true, schema: { kind: 'boolean' } },
      { name: 'tags', required: true, schema: { kind: 'array', items: { kind: 'string', minLength: 2 }, minItems: 2, uniqueItems: true } },
      { name: 'price', required: true, schema: { kind: 'ref', name: 'Money' } },
      { name: 'note', required: false, schema: { kind: 'string', maxLength: 1 } },
    ],
  },
  'a oneOf with a discriminator': {
    kind: 'union',
    exclusive: true,
    discriminator: { property: 'type', values: [['cat'], ['dog']] },
    options: [
      { kind: 'object', additional: { kind: 'any' }, properties: [{ name: 'type', required: true, schema: { kind: 'string' } }, { name: 'lives', required: true, schema: { kind: 'number', integer: true } }] },
      { kind: 'object', additional: { kind: 'any' }, properties: [{ name: 'type', required: true, schema: { kind: 'string' } }] },
    ],
  },
  'an allOf of objects': { kind: 'intersection', parts: [{ kind: 'ref', name: 'Money' }, { kind: 'object', additional: { kind: 'any' }, properties: [{ name: 'memo', required: true, schema: { kind: 'string' } }] }] },
  'a minProperties over optional ones': { kind: 'object', additional: { kind: 'any' }, minProperties: 1, properties: [{ name: 'a', required: false, schema: { kind: 'string' } }] },
};

describe('schemaSample', () => {
  for (const [title, schema] of Object.entries(SATISFIABLE)) {
    it(`gives a value the service's schema accepts: ${title}`, () => {
      const value = sampled(schema);
      expect(zodOf(schema).safeParse(value).success, JSON.stringify(value)).toBe(true);
    });
  }

  it('gives text values the route coerces and accepts (numbers, enums, arrays of them)', () => {
    const schemas: TypedSchema[] = [
      { kind: 'number', integer: true, minimum: 100 },
      { kind: 'enum', values: [3, 4] },
      { kind: 'string', pattern: '^\\d{4}$' },
      { kind: 'array', items: { kind: 'number', integer: false, maximum: -1 } },
    ];
    for (const schema of schemas) {
      const value = sampled(schema);
      const wire = Array.isArray(value) ? value.map(String) : String(value);
      expect(zodOf(schema, true).parse(wire)).toEqual(value);
    }
  });

  it('keeps the plain text where nothing constrains a string, so encodings are still tested', () => {
    expect(sampled({ kind: 'string' }, 'a b/é')).toBe('a b/é');
    expect(sampled({ kind: 'string', maxLength: 3 }, 'a b/é')).toBe('a b');
  });

  it('fills optional properties too for an upstream answer, where they have a sample', () => {
    const schema: TypedSchema = { kind: 'object', additional: 'none', properties: [{ name: 'a', required: false, schema: { kind: 'string' } }, { name: 'b', required: false, schema: { kind: 'string', pattern: '^zz[0-9]{9}$' } }] };
    expect(sampled(schema)).toEqual({});
    const answer = schemaSample(schema, { lookup, plain: 'x', optional: true });
    expect(answer).toEqual({ value: { a: 'a-sample' } });
    expect(zodOf(schema).safeParse((answer as { value: unknown }).value).success).toBe(true);
  });

  it('is deterministic', () => {
    const schema = SATISFIABLE['a required property of each kind']!;
    expect(JSON.stringify(sampled(schema))).toBe(JSON.stringify(sampled(schema)));
  });

  it('says why where no value can be worked out', () => {
    const unsatisfiable: TypedSchema[] = [
      { kind: 'string', pattern: '^zz[0-9]{9}$' },
      { kind: 'number', integer: true, minimum: 2, maximum: 1 },
      { kind: 'array', items: { kind: 'boolean' }, minItems: 2, uniqueItems: true },
      { kind: 'intersection', parts: [{ kind: 'number', integer: true }, { kind: 'string' }] },
    ];
    for (const schema of unsatisfiable) expect(schemaSample(schema, { lookup, plain: 'x' })).toHaveProperty('unsupported');
  });
});

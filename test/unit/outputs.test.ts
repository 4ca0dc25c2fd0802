/** Names and JSON Schema of mapped outputs (the typed mappers themselves are proven by goldens). */
import { describe, expect, it } from 'vitest';
import { outputSchema, toolOutputSchema } from '../../src/emit/output-schema.js';
import { OutputNamer } from '../../src/model/outputs.js';
import type { OutputNode } from '../../src/model/types.js';

const leaf: OutputNode = { kind: 'path', path: ['id'], type: 'string' };

describe('OutputNamer', () => {
  it('derives type, mapper and schema names and never hands out one twice', () => {
    const namer = new OutputNamer();
    const a = namer.name('get-order', leaf);
    const b = namer.name('get_order', leaf);
    const c = namer.name('9 lives', leaf);
    expect(a).toMatchObject({ typeName: 'GetOrderOutput', mapperName: 'mapGetOrderOutput', schemaName: 'getOrderOutputSchema' });
    expect(b).toMatchObject({ typeName: 'GetOrderOutput2', mapperName: 'mapGetOrderOutput2', schemaName: 'getOrderOutput2Schema' });
    expect(c.typeName).toMatch(/^[A-Za-z_$][A-Za-z0-9_$]*$/);
  });
});

describe('outputSchema', () => {
  it('makes JSONPath reads optional and nullable, everything else required', () => {
    const node: OutputNode = {
      kind: 'object',
      path: [],
      properties: [
        ['id', leaf],
        ['raw', { kind: 'path', path: ['raw'], type: 'any' }],
        ['label', { kind: 'template', parts: [{ text: 'n=' }, { path: ['n'] }] }],
        ['kind', { kind: 'const', value: 'order' }],
        ['tags', { kind: 'array', path: ['tags'], items: { kind: 'path', path: [], type: 'string' } }],
      ],
    };
    expect(outputSchema(node)).toEqual({
      type: 'object',
      properties: {
        id: { type: ['string', 'null'] },
        raw: {},
        label: { type: 'string' },
        kind: { const: 'order' },
        tags: { type: 'array', items: { type: ['string', 'null'] } },
      },
      required: ['label', 'kind', 'tags'],
      additionalProperties: false,
    });
  });

  it('keeps a __proto__ property as a property and leaves that object open', () => {
    const schema = outputSchema({ kind: 'object', path: [], properties: [['__proto__', leaf]] }) as { properties: object; additionalProperties?: boolean };
    expect(Object.keys(schema.properties)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(schema.properties)).toBe(Object.prototype);
    expect(schema.additionalProperties).toBeUndefined();
  });

  it('gives tools an object root: arrays as the { result } the runtime wraps them in, others none', () => {
    const array: OutputNode = { kind: 'array', path: ['data'] };
    expect(toolOutputSchema(array)).toEqual({ type: 'object', properties: { result: { type: 'array' } }, required: ['result'], additionalProperties: false });
    expect(toolOutputSchema(leaf)).toBeUndefined();
    expect(toolOutputSchema({ kind: 'const', value: { a: 1 } })).toBeUndefined();
  });
});

/**
 * dataLiteral lays out JSON data as prettier would: checked against prettier itself, on chosen
 * cases and on random documents (fast-check), with the generator's pinned prettier options.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFiles } from '../../src/emit/format.js';
import { dataLiteral, json, type JsonData } from '../../src/emit/code.js';
import { printCode } from '../../src/emit/code/print.js';

const DECLARATION = 'export const openapi = ';

async function prettierLayout(value: JsonData): Promise<string> {
  const [file] = await formatFiles([{ path: 'x.ts', contents: `${DECLARATION}${printCode(json(value))} as const;\n` }]);
  return file!.contents;
}

function ownLayout(value: JsonData): string | undefined {
  const text = dataLiteral(value, DECLARATION.length, ' as const;'.length);
  return text === undefined ? undefined : `${DECLARATION}${printCode(text)} as const;\n`;
}

const long = (n: number) => 'word '.repeat(n).trim();

const cases: Record<string, JsonData> = {
  'short flat object': { openapi: '3.1.0', info: { title: 'T', version: '1' } },
  'quotes pick the quote char': { a: "it's", b: 'say "hi"', c: `both ' and "" here`, d: 'back\\slash \n newline' },
  'long string after a long key moves to the next line': { description: long(25), summary: long(10) },
  'long string after a short key stays': { in: long(30), $ref: long(30) },
  'quoted and numeric keys stay quoted': { '200': { description: 'OK' }, '2XX': { $ref: '#/x' }, 'application/json': {}, default: null },
  'arrays of objects with 2+ keys always break': { parameters: [{ name: 'a', in: 'path' }, { name: 'b', in: 'query' }] },
  'arrays of one-key objects may stay flat': { security: [{ bearer: [] }, { apikey: [] }] },
  // Found by the random documents below: the broken inner array breaks the arrays around it.
  'a matrix breaks every group around it': { '': [[['', ''], ['', '']]] },
  'nested empty values': { a: [], b: {}, c: [[]], d: [{}] },
  'booleans and numbers': { required: true, minimum: 0, maximum: 1.5, nullable: false },
  'a key too long for its bracket puts the value on the next line': { paths: { [`/v1/${'segment/'.repeat(12)}{id}`]: { get: { operationId: 'x', tags: ['a', 'b'] } }, [`/v2/${'segment/'.repeat(12)}`]: [long(2)] } },
  'after a key too long for the line: numbers and booleans stay, the rest moves': Object.fromEntries(
    [123456, null, true, 'x', [], {}, ['abc'], { a: 1 }].map((v, i) => [`/${i}${long(19)}`, v as JsonData]),
  ),
  'deep nesting near the width': { paths: { '/v1/customers/{external_customer_id}/applied_coupons/{applied_coupon_id}': { get: { operationId: long(3) } } } },
  'escapes of controls and unsafe characters': { a: 'tab\there', b: 'bidi \u202e and nbsp\u00a0', c: 'em — dash' },
};

describe('dataLiteral', () => {
  it.each(Object.entries(cases))('matches prettier: %s', async (_name, value) => {
    const own = ownLayout(value);
    expect(own).toBeDefined();
    expect(own).toBe(await prettierLayout(value));
  });

  it('leaves to prettier what it does not measure: wide characters and arrays of numbers that break', () => {
    expect(ownLayout({ title: '顧客 API' })).toBeUndefined();
    expect(ownLayout({ enum: Array.from({ length: 40 }, (_, i) => i * 1000) })).toBeUndefined();
    expect(ownLayout({ 'café': 1 })).toBeUndefined();
    // A __proto__ key must be computed to stay data: left to prettier, which keeps it computed.
    expect(ownLayout(JSON.parse('{"__proto__": 1}') as JsonData)).toBeUndefined();
  });

  it('matches prettier on random documents', async () => {
    const key = fc.oneof(fc.constantFrom('a', 'in', '$ref', 'type', 'description', 'operationId', '200', '2XX', 'application/json', 'x-y', "it's", `/${long(19)}`), fc.string({ maxLength: 12 }));
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom(long(4), long(18), long(30), "don't", 'a "b"'));
    const data = fc.letrec<{ value: JsonData }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        text,
        fc.boolean(),
        fc.integer(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    await fc.assert(
      fc.asyncProperty(fc.dictionary(key, data, { minKeys: 1, maxKeys: 6 }), async (value) => {
        const own = ownLayout(value);
        if (own !== undefined) expect(own).toBe(await prettierLayout(value));
      }),
      { numRuns: 1000 },
    );
  });
});

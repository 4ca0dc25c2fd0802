/** The JSONPath forms the generator accepts (the engine's Jayway forms a generated service walks), and NG2120 for the rest. */
import { describe, expect, it } from 'vitest';
import type { Reporter } from '../../src/diagnostics/report.js';
import { parseJsonPath } from '../../src/model/jsonpath.js';

function parse(text: string): { steps: unknown; codes: string[] } {
  const codes: string[] = [];
  const reporter = { at: (code: string) => codes.push(code) } as unknown as Reporter;
  return { steps: parseJsonPath(text, ['x'], reporter), codes };
}

describe('parseJsonPath', () => {
  it.each([
    ['$', []],
    ['$.', []],
    ['$.a.b', ['a', 'b']],
    ['a.b', ['a', 'b']],
    ["$['a b']", ['a b']],
    ['$["x.y"].z', ['x.y', 'z']],
    ['$[0]', [0]],
    ['$.a[-1]', ['a', -1]],
    ['$.a[0, 2]', ['a', { indexes: [0, 2] }]],
    ['$.a[1:3]', ['a', { slice: [1, 3] }]],
    ['$.a[-2:]', ['a', { slice: [-2, null] }]],
    ['$.a[:2]', ['a', { slice: [null, 2] }]],
    ['$.a[*].b', ['a', { all: true }, 'b']],
    ['$.a.*', ['a', { all: true }]],
    ['$..name', [{ scan: 'name' }]],
    ['$.store..price', ['store', { scan: 'price' }]],
    ["$..['a b']", [{ scan: 'a b' }]],
    ['$..*', [{ scan: { all: true } }]],
    ['$..book[2]', [{ scan: 'book' }, 2]],
    ['$.dimensions.length_overall', ['dimensions', 'length_overall']],
    ['$.length', ['length']],
  ])('%s', (text, steps) => {
    expect(parse(text)).toEqual({ steps, codes: [] });
  });

  it.each(['$..book[?(@.isbn)]', '$[?(@.price < 10)]', '$.book.length()', "$['a','b']", '$..[0]', '$.a[:]', '$.a[1:2:3]', '$.a b', '$.a[', "$['a"])('%s is NG2120', (text) => {
    expect(parse(text)).toEqual({ steps: null, codes: ['NG2120'] });
  });
});

import { describe, expect, it } from 'vitest';
import { mapOutput, mapResponse, select, type OutputNode } from '../../templates/runtime/output.js';

const doc = { a: { b: [{ id: 1, name: 'x' }, { id: 2, name: 'y' }] }, n: 3 };

describe('mapped outputs', () => {
  it('selects paths, indexes and wildcards', () => {
    expect(select(doc, ['a', 'b', 0, 'name'])).toBe('x');
    expect(select(doc, ['a', 'b', { all: true }, 'id'])).toEqual([1, 2]);
    expect(select(doc, ['missing', 'x'])).toBeUndefined();
  });

  it('never walks into the prototype', () => {
    expect(select({}, ['__proto__'])).toBeUndefined();
    expect(select({}, ['constructor', 'name'])).toBeUndefined();
  });

  it('builds objects, arrays, constants and templates', () => {
    const node: OutputNode = {
      kind: 'object',
      path: [],
      properties: [
        ['count', { kind: 'path', path: ['n'] }],
        ['names', { kind: 'array', path: ['a', 'b'], items: { kind: 'path', path: ['name'] } }],
        ['source', { kind: 'const', value: 'api' }],
        ['label', { kind: 'template', parts: [{ text: 'n=' }, { path: ['n'] }] }],
        ['__proto__', { kind: 'const', value: { polluted: true } }],
      ],
    };
    const out = mapOutput(node, doc) as Record<string, unknown>;
    expect(out).toMatchObject({ count: 3, names: ['x', 'y'], source: 'api', label: 'n=3' });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves error responses untouched', () => {
    const response = { status: 404, contentType: 'application/json', body: { error: 'nope' } };
    expect(mapResponse(response, { kind: 'path', path: ['x'] })).toBe(response);
  });
});

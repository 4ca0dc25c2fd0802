import { describe, expect, it } from 'vitest';
import { ALL, asArray, asBoolean, asNumber, asObject, asString, mapResponse, mockResponse, select, text, within } from '../../templates/runtime/output.js';

const doc = { a: { b: [{ id: 1, name: 'x' }, { id: 2, name: 'y' }] }, n: 3 };

describe('select', () => {
  it('follows paths, indexes and wildcards', () => {
    expect(select(doc, ['a', 'b', 0, 'name'])).toBe('x');
    expect(select(doc, ['a', 'b', ALL, 'id'])).toEqual([1, 2]);
    expect(select(doc, ['missing', 'x'])).toBeUndefined();
    expect(select(doc, [])).toBe(doc);
  });

  it('never walks into the prototype', () => {
    expect(select({}, ['__proto__'])).toBeUndefined();
    expect(select({}, ['constructor', 'name'])).toBeUndefined();
  });
});

describe('scalar reads', () => {
  it('keep missing as undefined and null as null, whatever the declared type', () => {
    for (const as of [asString, asNumber, asBoolean, asObject]) {
      expect(as(undefined)).toBeUndefined();
      expect(as(null)).toBeNull();
    }
  });

  it('return values of the declared type unchanged', () => {
    expect(asString('Ada')).toBe('Ada');
    expect(asNumber(21.5)).toBe(21.5);
    expect(asBoolean(false)).toBe(false);
    const o = { k: 1 };
    expect(asObject(o)).toBe(o);
  });

  it('convert to string without loss', () => {
    expect(asString(7)).toBe('7');
    expect(asString(true)).toBe('true');
    expect(asString([1, 'a'])).toBe('[1,"a"]');
    expect(asString({ k: 'v' })).toBe('{"k":"v"}');
  });

  it('read decimal numbers and booleans from strings, anything else is null', () => {
    expect(asNumber('42')).toBe(42);
    expect(asNumber(' -1.5e2 ')).toBe(-150);
    expect(asNumber('0x10')).toBeNull();
    expect(asNumber('')).toBeNull();
    expect(asNumber('1e400')).toBeNull();
    expect(asNumber(true)).toBeNull();
    expect(asBoolean('true')).toBe(true);
    expect(asBoolean('false')).toBe(false);
    expect(asBoolean('yes')).toBeNull();
    expect(asBoolean(1)).toBeNull();
    expect(asObject([1])).toBeNull();
    expect(asObject('x')).toBeNull();
  });
});

describe('structure', () => {
  it('maps arrays item by item; a lone value is a list of one, nothing the empty list; missing items become null', () => {
    expect(asArray(select(doc, ['a', 'b']), (item) => asString(select(item, ['name'])))).toEqual(['x', 'y']);
    expect(asArray([{}, { name: 'y' }], (item) => asString(select(item, ['name'])))).toEqual([null, 'y']);
    // A lone value is a list of one (XML's single element); nothing is the empty list.
    expect(asArray({ not: 'an array' })).toEqual([{ not: 'an array' }]);
    expect(asArray('x', (v) => asString(v))).toEqual(['x']);
    expect(asArray(undefined, () => 1)).toEqual([]);
    expect(asArray(null)).toEqual([]);
    expect(asArray([1, 'two'])).toEqual([1, 'two']);
  });

  it('builds a nested object from its own base', () => {
    expect(within(select(doc, ['a', 'b', 1]), (v) => ({ id: asNumber(select(v, ['id'])) }))).toEqual({ id: 2 });
  });

  it('splices text as the reference engine does: missing is empty, objects are JSON', () => {
    expect('n=' + text(select(doc, ['n']))).toBe('n=3');
    expect(text(undefined) + text(null)).toBe('');
    expect(text({ a: 1 })).toBe('{"a":1}');
  });
});

describe('responses', () => {
  const map = (body: unknown) => ({ name: asString(select(body, ['name'])) });

  it('maps a success body and answers JSON', () => {
    const mapped = mapResponse({ status: 201, contentType: 'application/hal+json', body: { name: 7 } }, map);
    expect(mapped).toEqual({ status: 201, contentType: 'application/json', body: { name: '7' } });
  });

  it('passes an empty body through unless asked to map it', () => {
    const empty = { status: 204, contentType: undefined, body: undefined };
    expect(mapResponse(empty, map)).toEqual(empty);
    expect(mapResponse(empty, map, true).body).toEqual({ name: undefined });
  });

  it('answers a mock from its mapped body', async () => {
    await expect(mockResponse({ ok: true })).resolves.toEqual({ status: 200, contentType: 'application/json', body: { ok: true } });
  });
});

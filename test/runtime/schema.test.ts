import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatCheck, formatted, maxCodePoints, maxProperties, minProperties, uniqueItems } from '../../templates/runtime/schema.js';

describe('JSON Schema meanings zod has no method for', () => {
  it('counts maxLength in characters, not UTF-16 units', () => {
    expect(maxCodePoints(2)('🐈🐈')).toBe(true);
    expect(maxCodePoints(2)('🐈🐈🐈')).toBe(false);
    expect(maxCodePoints(3)('abc')).toBe(true);
  });

  it('compares items deeply for uniqueItems, whatever the key order', () => {
    expect(uniqueItems([1, '1', { a: 1, b: 2 }, [1]])).toBe(true);
    expect(uniqueItems([{ a: 1, b: 2 }, { b: 2, a: 1 }])).toBe(false);
    expect(uniqueItems([[1, 2], [1, 2]])).toBe(false);
  });

  it('counts properties', () => {
    expect(minProperties(1)({})).toBe(false);
    expect(maxProperties(1)({ a: 1, b: 2 })).toBe(false);
  });
});

describe('formats, as MCP clients (ajv-formats) check them', () => {
  it.each([
    ['date', ['2024-02-29', '2023-12-31'], ['2023-02-29', '2023-13-01', '2023-1-1']],
    ['date-time', ['2024-02-29T10:00:00Z', '2024-02-29t10:00:00.123+02:00', '2024-02-29 10:00:00-0530'], ['2024-02-29T10:00:00', '2024-02-29T25:00:00Z', 'yesterday']],
    ['time', ['23:59:60Z', '10:00:00+01:00'], ['10:00:00', '24:00:00Z']],
    ['uuid', ['6a1d9e2c-3f4b-4c5d-8e9f-0a1b2c3d4e5f', 'urn:uuid:6A1D9E2C-3F4B-4C5D-8E9F-0A1B2C3D4E5F'], ['6a1d9e2c3f4b4c5d8e9f0a1b2c3d4e5f', 'x']],
    ['email', ['ann@example.com', "o'brien+tag@mail.example.co"], ['not an address', 'ann@', '@example.com']],
    ['hostname', ['example.com', 'a-b.c'], ['-a.com', 'a_b.com']],
    ['ipv4', ['127.0.0.1'], ['256.0.0.1', '1.2.3']],
    ['ipv6', ['::1', '2001:db8::8a2e:370:7334'], ['1:2:3', 'gggg::1']],
    ['uri', ['https://example.com/a?b#c', 'urn:isbn:0451450523'], ['/relative', 'no scheme']],
  ])('%s', (format, valid, invalid) => {
    for (const text of valid) expect(formatCheck(format)(text), text).toBe(true);
    for (const text of invalid) expect(formatCheck(format)(text), text).toBe(false);
  });

  it('accepts anything for a format that only annotates, and states every format for agents', () => {
    expect(formatCheck('ulid')('anything')).toBe(true);
    const schema = z.object({ id: formatted('ulid'), at: formatted('date-time').min(20) });
    expect(schema.safeParse({ id: 'x', at: 'nope' }).success).toBe(false);
    expect(z.toJSONSchema(schema).properties).toEqual({ id: { type: 'string', format: 'ulid' }, at: { type: 'string', format: 'date-time', minLength: 20 } });
  });
});

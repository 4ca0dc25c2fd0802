/**
 * XML as the reference engine reads it (Jackson `XmlMapper.readTree`): golden pairs in xml/, one
 * per rule of docs/xml.md. `<case>.xml` with `<case>.json` (the exact JSON, key order included) or
 * `<case>.error` (what the reader must refuse, and why). The expected JSON was written from the
 * Jackson sources (FromXmlParser, XmlTokenStream, JsonNodeDeserializer), not from this code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UpstreamBadResponseError } from '../../templates/runtime/http-errors.js';
import { MAX_DEPTH } from '../../templates/runtime/xml-reader.js';
import { fromXml, XmlError, xmlToJson } from '../../templates/runtime/xml.js';

const DIR = fileURLToPath(new URL('./xml/', import.meta.url));
const names = readdirSync(DIR).filter((f) => f.endsWith('.xml')).map((f) => f.slice(0, -4)).sort();
const pairs = names.filter((n) => !n.startsWith('e'));
const refused = names.filter((n) => n.startsWith('e'));
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

describe('XML to JSON, golden pairs', () => {
  it('has a pair for every rule', () => expect(pairs.length).toBeGreaterThanOrEqual(26));

  it.each(pairs)('%s', (name) => {
    expect(`${JSON.stringify(xmlToJson(read(`${name}.xml`)), null, 2)}\n`).toBe(read(`${name}.json`));
  });

  it.each(refused)('%s is refused', (name) => {
    expect(() => xmlToJson(read(`${name}.xml`))).toThrow(XmlError);
    expect(() => xmlToJson(read(`${name}.xml`))).toThrow(read(`${name}.error`).trim());
  });
});

describe('limits', () => {
  it('reads nesting up to the limit without recursion, and refuses deeper', () => {
    const nested = (depth: number) => `${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`;
    let expected: unknown = 'x';
    for (let i = 1; i < MAX_DEPTH; i++) expected = { a: expected };
    expect(xmlToJson(nested(MAX_DEPTH))).toEqual(expected);
    expect(() => xmlToJson(nested(MAX_DEPTH + 1))).toThrow(`nested deeper than ${MAX_DEPTH}`);
  });

  it('reads a large document in linear time', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => `<item id="${i}"><name>n${i} &amp; co</name></item>`).join('\n');
    const json = xmlToJson(`<items>${items}</items>`) as { item: { id: string; name: string }[] };
    expect(json.item).toHaveLength(20_000);
    expect(json.item[19_999]).toEqual({ id: '19999', name: 'n19999 & co' });
  });

  it('keeps names like __proto__ as plain fields', () => {
    const json = xmlToJson('<r><__proto__>x</__proto__><constructor>y</constructor></r>') as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(JSON.stringify(json)).toBe('{"__proto__":"x","constructor":"y"}');
  });
});

describe('fromXml', () => {
  const convert = fromXml('legacy.list-vessels');

  it('converts an XML answer and marks it JSON', () => {
    expect(convert({ status: 200, contentType: 'application/xml', body: '<r><a>1</a></r>' })).toEqual({ status: 200, contentType: 'application/json', body: { a: '1' } });
  });

  it('passes empty answers through', () => {
    expect(convert({ status: 204, contentType: undefined, body: undefined })).toEqual({ status: 204, contentType: undefined, body: undefined });
    expect(convert({ status: 200, contentType: 'application/xml', body: '  ' }).body).toBe('  ');
  });

  it('turns malformed XML into a bad-response error naming the operation and the place', () => {
    let error: unknown;
    try {
      convert({ status: 200, contentType: 'application/xml', body: '<r><a></r>' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UpstreamBadResponseError);
    expect((error as Error).message).toContain('legacy.list-vessels');
    expect((error as Error).message).toContain('</r> closes <a> (line 1, column');
  });
});

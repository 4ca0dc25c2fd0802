/**
 * YAML as the reference engine reads it (Jackson `new ObjectMapper(new YAMLFactory()).readTree`):
 * golden pairs in yaml/, one per rule of docs/yaml.md. `<case>.yaml` with `<case>.json` (the exact
 * JSON, key order included) or `<case>.error` (what the reader must refuse, and why). The expected
 * JSON was written from the Jackson and SnakeYAML sources (YAMLParser._decodeScalar,
 * _decodeNumberScalar, _matchYAMLBoolean, SnakeYAML's Resolver and ParserImpl), not from this code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UpstreamBadResponseError } from '../../templates/runtime/http-errors.js';
import { fromYaml, YamlError, yamlToJson } from '../../templates/runtime/yaml.js';

const DIR = fileURLToPath(new URL('./yaml/', import.meta.url));
const names = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
const pairs = names.filter((n) => !n.startsWith('e'));
const refused = names.filter((n) => n.startsWith('e'));
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

describe('YAML to JSON, golden pairs', () => {
  it('has a pair for every rule', () => expect(pairs.length).toBeGreaterThanOrEqual(18));

  it.each(pairs)('%s', (name) => {
    expect(`${JSON.stringify(yamlToJson(read(`${name}.yaml`)), null, 2)}\n`).toBe(read(`${name}.json`));
  });

  it.each(refused)('%s is refused', (name) => {
    expect(() => yamlToJson(read(`${name}.yaml`))).toThrow(YamlError);
    expect(() => yamlToJson(read(`${name}.yaml`))).toThrow(read(`${name}.error`).trim());
  });
});

describe('edges', () => {
  it('reads no document from an empty or comment-only stream (Jackson: a missing node)', () => {
    expect(yamlToJson('')).toBeUndefined();
    expect(yamlToJson('# nothing\n\n')).toBeUndefined();
  });

  it('refuses numbers longer than Jackson reads (1000 characters)', () => {
    expect(yamlToJson(`n: ${'1'.repeat(1000)}`)).toEqual({ n: Number('1'.repeat(1000)) });
    expect(() => yamlToJson(`n: ${'1'.repeat(1001)}`)).toThrow('the limit is 1000');
  });

  it('keeps names like __proto__ as plain fields', () => {
    const json = yamlToJson('__proto__: x\nconstructor: y\n') as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(JSON.stringify(json)).toBe('{"__proto__":"x","constructor":"y"}');
  });

  it('refuses deep nesting with an error, never by overflowing the stack', () => {
    expect(() => yamlToJson(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toThrow(YamlError);
  });

  it('does not expand aliases, so an alias bomb stays small', () => {
    const bomb = ['a: &a [x, x]', ...Array.from({ length: 30 }, (_, i) => `${String.fromCharCode(98 + (i % 24))}${i}: &n${i} [*${i ? `n${i - 1}` : 'a'}, *${i ? `n${i - 1}` : 'a'}]`)].join('\n');
    expect(JSON.stringify(yamlToJson(bomb)).length).toBeLessThan(2000);
  });
});

describe('fromYaml', () => {
  const convert = fromYaml('registry.list-ships');

  it('turns a YAML answer into its JSON tree', () => {
    expect(convert({ status: 200, contentType: 'application/yaml', body: 'ships:\n  - imo: IMO-1\n    active: yes\n' })).toEqual({
      status: 200,
      contentType: 'application/json',
      body: { ships: [{ imo: 'IMO-1', active: true }] },
    });
  });

  it('passes empty answers through and answers nothing for a comment-only one', () => {
    expect(convert({ status: 204, contentType: undefined, body: undefined })).toEqual({ status: 204, contentType: undefined, body: undefined });
    expect(convert({ status: 200, contentType: 'application/yaml', body: '# empty\n' })).toEqual({ status: 200, contentType: 'application/yaml', body: undefined });
  });

  it('reports a malformed answer as the upstream’s bad response, naming the operation', () => {
    expect(() => convert({ status: 200, contentType: 'application/yaml', body: 'speed: .inf' })).toThrow(UpstreamBadResponseError);
    expect(() => convert({ status: 200, contentType: 'application/yaml', body: 'speed: .inf' })).toThrow('registry.list-ships answered 200 with an unusable body: malformed YAML: malformed number ".inf"');
  });
});

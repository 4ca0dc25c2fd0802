/**
 * The OpenAPI reader's parts on their own: parsing with bounds, positions, server paths, matching
 * and the JSON Schema conversion of each keyword (the goldens show them in generated code).
 */
import { describe, expect, it } from 'vitest';
import { operationContract } from '../../src/openapi/contract.js';
import { definitionsOf } from '../../src/openapi/definitions.js';
import { locatePointers, pointerKey } from '../../src/openapi/locate.js';
import { matchOperation, operationIndex, segmentsOf, serverPaths } from '../../src/openapi/match.js';
import { documentKind, parseDocumentText } from '../../src/openapi/parse.js';
import { ContractSet } from '../../src/openapi/set.js';
import type { TypedSchema } from '../../src/model/types.js';

function setOf(...docs: [string, string][]): ContractSet {
  const files = docs.map(([file, text]) => ({ file, text, sha256: file, explicit: true, referenced: false }));
  return new ContractSet({ digest: 'test', files, problems: [] });
}

/** A one-operation document whose request body is `schema`; returns the body's TypedSchema and the definitions. */
function convert(schema: unknown, version = '3.1.0', components: Record<string, unknown> = {}) {
  const doc = { openapi: version, info: { title: 't', version: '1' }, paths: { '/x': { post: { requestBody: { content: { 'application/json': { schema } } }, responses: {} } } }, components: { schemas: components } };
  const set = setOf(['doc.json', JSON.stringify(doc)]);
  const contract = operationContract(set, operationIndex(set)[0]!);
  const defs = Object.fromEntries([...definitionsOf(set).byKey.values()].map((d) => [d.baseName + (d.direction ? `@${d.direction}` : ''), d.schema]));
  return { body: contract.bodies[0]!.schema, defs, notes: set.report(contract.notes).map((d) => `${d.code} ${d.message}`) };
}

describe('parsing', () => {
  it('reads JSON and YAML, and positions syntax errors', () => {
    expect(parseDocumentText('{"openapi": "3.1.0"}')).toEqual({ value: { openapi: '3.1.0' } });
    expect(parseDocumentText('openapi: 3.0.3\n')).toEqual({ value: { openapi: '3.0.3' } });
    expect(parseDocumentText('a: 1\na: 2\n')).toMatchObject({ problem: { line: 2 } });
    expect(parseDocumentText('a: [1,\nb: c\n')).toMatchObject({ problem: { message: expect.any(String) } });
  });

  it('refuses alias cycles, alias bombs and nesting too deep for the stack', () => {
    expect(parseDocumentText('a: &x [*x]\n')).toMatchObject({ problem: { message: expect.stringContaining('cycle') } });
    const bomb = ['a: &a [1,1,1,1,1,1,1,1,1,1]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(parseDocumentText(bomb)).toMatchObject({ problem: { message: expect.stringContaining('aliases expand') } });
    expect(parseDocumentText(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)).toMatchObject({ problem: { message: expect.stringContaining('nesting deeper') } });
  });

  it('tells OpenAPI 3.0 to 3.2 from other documents', () => {
    expect(documentKind({ openapi: '3.0.3', paths: {} })).toEqual({ kind: 'openapi', version: '3.0' });
    expect(documentKind({ openapi: '3.2.0', paths: {} })).toEqual({ kind: 'openapi', version: '3.2' });
    expect(documentKind({ swagger: '2.0' })).toMatchObject({ kind: 'skipped', reason: expect.stringContaining('Swagger 2.0') });
    expect(documentKind({ openapi: '4.0.0', paths: {} })).toMatchObject({ kind: 'skipped' });
    expect(documentKind({ title: 'notes' })).toMatchObject({ kind: 'skipped' });
  });

  it('finds the line and column of JSON pointers in YAML and JSON (a missing key: its parent)', () => {
    const yaml = 'openapi: 3.1.0\npaths:\n  /a~b/c:\n    get:\n      summary: x\n';
    const found = locatePointers(yaml, [['paths', '/a~b/c', 'get', 'summary'], ['paths', 'nope']]);
    expect(found.get(pointerKey(['paths', '/a~b/c', 'get', 'summary']))).toEqual({ line: 5, col: 16 });
    expect(found.get(pointerKey(['paths', 'nope']))).toEqual({ line: 3, col: 3 });
    const json = '{\n  "a": [\n    {"b": 1}\n  ]\n}';
    expect(locatePointers(json, [['a', 0, 'b']]).get(pointerKey(['a', 0, 'b']))).toEqual({ line: 3, col: 11 });
  });
});

describe('matching', () => {
  it('takes server URL paths, expanding enumerated variables', () => {
    expect(serverPaths([{ url: 'https://{region}.example.com/{v}', variables: { region: { default: 'us' }, v: { default: 'v1', enum: ['v1', 'v2'] } } }])).toEqual(['/v1', '/v2']);
    expect(serverPaths([{ url: '/api' }, { url: 'https://x.example' }])).toEqual(['', '/api']);
    expect(serverPaths(undefined)).toBeUndefined();
  });

  const doc = (servers: unknown, paths: Record<string, unknown>) => JSON.stringify({ openapi: '3.1.0', info: {}, servers, paths });
  const ok = { get: { responses: {} } };

  it('matches by method and server path + template, whatever the placeholders are called', () => {
    const set = setOf(['a.json', doc([{ url: 'https://api.example.com/v1' }], { '/users/{id}/posts': ok, '/users/me/posts': ok })]);
    const outcome = matchOperation(set, 'GET', segmentsOf('/v1/users/{userId}/posts'), segmentsOf('/users/{userId}/posts'));
    expect(outcome).toMatchObject({ kind: 'matched', operation: { path: '/users/{id}/posts' } });
    expect(matchOperation(set, 'POST', segmentsOf('/v1/users/{x}/posts'), [])).toMatchObject({ kind: 'unmatched', nearest: { path: '/users/{id}/posts' } });
  });

  it('prefers a fixed segment over a document placeholder standing for it', () => {
    const set = setOf(['a.json', doc([{ url: '/v1' }], { '/users/{id}/posts': ok, '/users/me/posts': ok })]);
    expect(matchOperation(set, 'GET', segmentsOf('/v1/users/me/posts'), [])).toMatchObject({ operation: { path: '/users/me/posts' } });
    expect(matchOperation(set, 'GET', segmentsOf('/v1/users/ann/posts'), [])).toMatchObject({ operation: { path: '/users/{id}/posts' } });
  });

  it('falls back to the templates alone when no server path agrees, and says so', () => {
    const set = setOf(['a.json', doc([{ url: 'https://api.example.com/v9' }], { '/users': ok })]);
    expect(matchOperation(set, 'GET', segmentsOf('/v1/users'), segmentsOf('/users'))).toMatchObject({ kind: 'matched', pathOnly: true });
  });

  it('lists every document that defines the operation, in file order', () => {
    const set = setOf(['b.json', doc([{ url: '/v1' }], { '/users': ok })], ['a.json', doc([{ url: '/v1' }], { '/users': ok })]);
    const outcome = matchOperation(set, 'GET', segmentsOf('/v1/users'), []);
    expect(outcome.kind === 'matched' && outcome.candidates.map((c) => c.file)).toEqual(['b.json', 'a.json']);
  });
});

describe('JSON Schema to TypedSchema', () => {
  it('states every validation keyword zod can check', () => {
    const { body } = convert({
      type: 'object',
      required: ['s'],
      additionalProperties: false,
      minProperties: 1,
      properties: {
        s: { type: 'string', minLength: 1, maxLength: 9, pattern: '^a', format: 'email' },
        n: { type: 'number', minimum: 1, exclusiveMaximum: 9, multipleOf: 0.5 },
        a: { type: 'array', items: { type: 'integer' }, minItems: 1, maxItems: 3, uniqueItems: true },
      },
    });
    expect(body).toEqual({
      kind: 'object',
      additional: 'none',
      minProperties: 1,
      properties: [
        { name: 's', required: true, schema: { kind: 'string', minLength: 1, maxLength: 9, pattern: '^a', format: 'email' } },
        { name: 'n', required: false, schema: { kind: 'number', integer: false, minimum: 1, exclusiveMaximum: 9, multipleOf: 0.5 } },
        { name: 'a', required: false, schema: { kind: 'array', items: { kind: 'number', integer: true }, minItems: 1, maxItems: 3, uniqueItems: true } },
      ],
    } satisfies TypedSchema);
  });

  it("reads 3.0's nullable and boolean exclusive bounds, and 3.1's type lists and const", () => {
    expect(convert({ type: 'integer', minimum: 0, exclusiveMinimum: true, nullable: true }, '3.0.3').body).toEqual({ kind: 'number', integer: true, exclusiveMinimum: 0, nullable: true });
    expect(convert({ type: ['string', 'null'] }).body).toEqual({ kind: 'string', nullable: true });
    expect(convert({ type: ['string', 'integer'] }).body).toEqual({ kind: 'union', exclusive: false, options: [{ kind: 'string' }, { kind: 'number', integer: true }] });
    expect(convert({ const: 'x' }).body).toEqual({ kind: 'enum', values: ['x'] });
  });

  it('keeps combinators: oneOf exclusive, anyOf not, allOf as parts, discriminators as values per option', () => {
    const components = { Cat: { type: 'object' }, Dog: { type: 'object' } };
    const { body } = convert({ oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind', mapping: { kitty: '#/components/schemas/Cat' } } }, '3.1.0', components);
    expect(body).toMatchObject({ kind: 'union', exclusive: true, discriminator: { property: 'kind', values: [['kitty'], ['Dog']] } });
    expect(convert({ allOf: [{ type: 'object' }, { type: 'object', properties: { a: { type: 'string' } } }] }).body).toMatchObject({ kind: 'intersection' });
  });

  it('drops allOf members that allow anything (annotations only), keeping their description', () => {
    const components = { Currency: { type: 'string', enum: ['EUR', 'USD'] } };
    expect(convert({ allOf: [{ $ref: '#/components/schemas/Currency' }, { example: 'EUR', description: 'Paid in' }] }, '3.0.3', components).body).toEqual({ kind: 'ref', name: expect.any(String), description: 'Paid in' });
    expect(convert({ allOf: [{ description: 'nothing else' }] }).body).toEqual({ kind: 'any', description: 'nothing else' });
  });

  it('makes an enum that lists null nullable once', () => {
    expect(convert({ type: 'string', nullable: true, enum: ['a', null] }, '3.0.3').body).toEqual({ kind: 'enum', values: ['a', null] });
  });

  it('applies keywords beside a $ref in 3.1, ignores them in 3.0', () => {
    const components = { Name: { type: 'string' } };
    expect(convert({ $ref: '#/components/schemas/Name', maxLength: 3 }, '3.1.0', components).body).toMatchObject({ kind: 'intersection', parts: [{ kind: 'ref' }, { kind: 'string', maxLength: 3 }] });
    expect(convert({ $ref: '#/components/schemas/Name', maxLength: 3 }, '3.0.3', components).body).toMatchObject({ kind: 'ref' });
  });

  it('leaves readOnly properties out of requests and writeOnly ones out of answers (variants of one schema)', () => {
    const components = { User: { type: 'object', properties: { id: { type: 'string', readOnly: true }, password: { type: 'string', writeOnly: true } } } };
    const { defs } = convert({ $ref: '#/components/schemas/User' }, '3.1.0', components);
    expect(defs['User@request']).toMatchObject({ properties: [{ name: 'password' }] });
    expect((defs['User@request'] as unknown as { properties: unknown[] }).properties).toHaveLength(1);
  });

  it('makes what it cannot state looser, never stricter, with a note', () => {
    const { body, notes } = convert({
      type: 'object',
      additionalProperties: false,
      patternProperties: { '^x-': { type: 'string' } },
      properties: { a: { not: { type: 'string' } }, b: { type: 'string', pattern: '(' }, c: { $ref: '#/nowhere' }, d: { prefixItems: [{ type: 'string' }] } },
    });
    expect(body).toMatchObject({ kind: 'object', additional: { kind: 'any' } });
    expect(notes.map((n) => n.slice(0, 6)).sort()).toEqual(['NG6006', 'NG6007', 'NG6007', 'NG6007', 'NG6009']);
  });

  it('bounds what a hostile document could blow up: huge enums, huge objects', () => {
    expect(convert({ enum: Array.from({ length: 1001 }, (_, i) => i) }).body).toEqual({ kind: 'any' });
    const properties = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`p${i}`, { type: 'string' }]));
    const { body, notes } = convert({ type: 'object', properties });
    expect(body).toEqual({ kind: 'object', properties: [], additional: { kind: 'any' } });
    expect(notes[0]).toMatch(/^NG6008/);
  });

  it('names deep inline schemas on their own instead of nesting them without end', () => {
    let deep: unknown = { type: 'string' };
    for (let i = 0; i < 20; i++) deep = { type: 'object', properties: { n: deep } };
    convert(deep);
    const { defs } = convert(deep);
    expect(Object.keys(defs).filter((k) => k === 'n')).toHaveLength(1);
  });
});

/**
 * The emitted OpenAPI 3.1 document: well-formed (the official schema's rules that apply, via ajv),
 * complete (every route with every parameter) and identical in openapi.json and openapi.gen.ts.
 * That it also describes what the running service answers is proven in seeds.contract.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, emitOpenApi } from '../../src/emit/openapi.js';
import type { CapabilityModel, RestRoute } from '../../src/model/types.js';
import { analyzeSpec } from '../../src/pipeline.js';
import { CASES_DIR, GENERATED_DIR, SPECS_DIR } from '../helpers/cases.js';
import { OAS_SUBSET } from './oas-subset.js';

const SEEDS = ['lago-customers', 'konnect-platform-openmeter-customers'];
const validateOas = new Ajv2020({ allErrors: true }).compile(OAS_SUBSET);

type Doc = { paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string; required: boolean }[]; requestBody?: unknown }>> };

function modelOf(id: string): CapabilityModel {
  const { model, diagnostics } = analyzeSpec({ file: `specs/${id}.yaml`, text: readFileSync(join(SPECS_DIR, `${id}.yaml`), 'utf8'), id });
  if (!model) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return model;
}

/** Every `$ref` in the document points at something that exists. */
function danglingRefs(doc: unknown): string[] {
  const refs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) key === '$ref' && typeof value === 'string' ? refs.push(value) : walk(value);
    }
  };
  walk(doc);
  return refs.filter((ref) => {
    let target: unknown = doc;
    for (const part of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return target === undefined;
  });
}

function expectRoute(doc: Doc, route: RestRoute): void {
  const op = doc.paths[route.openApiPath]?.[route.method.toLowerCase()];
  expect(op, `${route.method} ${route.openApiPath}`).toBeDefined();
  expect(op!.operationId).toBe(route.operationId);
  const want = route.inputs.filter((i) => i.in !== 'body' && i.in !== 'field').map((i) => ({ name: i.name, in: i.in, required: i.required }));
  expect((op!.parameters ?? []).map(({ name, in: location, required }) => ({ name, in: location, required }))).toEqual(want);
  const placeholders = [...route.openApiPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  expect(want.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(placeholders);
  expect(op!.requestBody !== undefined).toBe(route.inputs.some((i) => i.in === 'body' || i.in === 'field'));
}

describe.each(SEEDS)('OpenAPI document of %s', (id) => {
  const model = modelOf(id);
  const committed = JSON.parse(readFileSync(join(GENERATED_DIR, id, 'openapi.json'), 'utf8')) as Doc;

  it('follows the OpenAPI 3.1 rules that apply to it', () => {
    expect(validateOas(committed), JSON.stringify(validateOas.errors, null, 1)).toBe(true);
    expect(danglingRefs(committed)).toEqual([]);
  });

  it('lists every route with its parameters, request body and a unique operationId', () => {
    for (const route of model.rest!.routes) expectRoute(committed, route);
    const ids = Object.values(committed.paths).flatMap((item) => Object.values(item).map((op) => op.operationId).filter(Boolean));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes the problems the service itself answers', () => {
    const op = committed.paths[model.rest!.routes[0]!.openApiPath]![model.rest!.routes[0]!.method.toLowerCase()] as unknown as { responses: Record<string, unknown> };
    expect(Object.keys(op.responses).sort()).toEqual(['204', '2XX', '400', '502', '504', 'default']);
  });

  it('is the same object in openapi.json and src/rest/openapi.gen.ts', async () => {
    const module = (await import(join(GENERATED_DIR, id, 'src/rest/openapi.gen.ts'))) as { openapi: unknown };
    expect(module.openapi).toEqual(committed);
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi(model, model.rest!))));
  });
});

describe.each(['inbound-auth', 'inbound-oauth2'])('OpenAPI document of the %s golden case', (name) => {
  const document = JSON.parse(readFileSync(join(CASES_DIR, name, 'expected', 'openapi.json'), 'utf8')) as { security?: unknown; paths: Record<string, { get?: { security?: unknown } }> };

  it('declares its inbound security scheme by the OpenAPI 3.1 rules, probes exempt', () => {
    expect(validateOas(document), JSON.stringify(validateOas.errors, null, 1)).toBe(true);
    expect(danglingRefs(document)).toEqual([]);
    expect(document.security).toHaveLength(1);
    expect(document.paths['/health']!.get!.security).toEqual([]);
  });
});

describe('OpenAPI emitter', () => {
  const nasty = "it's \"quoted\" */ `tick` ${x} \u2028 line\nbreak";
  const model = {
    id: 'x',
    sourceFile: 'specs/x.yaml',
    info: { label: nasty, description: nasty, tags: [] },
    rest: {
      namespace: 'x-rest',
      port: 8080,
      routes: [
        {
          operationId: nasty,
          method: 'GET',
          specPath: '/things/{id}',
          expressPath: '/things/:id',
          openApiPath: '/things/{id}',
          description: nasty,
          inputs: [
            { key: 'path:id', in: 'path', name: 'id', specName: 'id', type: 'integer', required: true, description: nasty },
            { key: 'query:tag', in: 'query', name: 'tag', specName: 'tag', type: 'array', required: false },
            { key: 'header:x-trace', in: 'header', name: 'x-trace', specName: 'X-Trace', type: 'boolean', required: false },
          ],
          call: { upstream: 'u', operation: 'o', ref: 'u.o' },
          args: [],
        },
        {
          operationId: 'create',
          method: 'POST',
          specPath: '/things',
          expressPath: '/things',
          openApiPath: '/things',
          description: 'Create',
          inputs: [
            { key: 'field:name', in: 'field', name: 'name', specName: 'name', type: 'string', required: true },
            { key: 'field:extra', in: 'field', name: 'extra', specName: 'extra', type: 'any', required: false },
          ],
          call: { upstream: 'u', operation: 'c', ref: 'u.c' },
          args: [],
        },
      ],
    },
  } as unknown as CapabilityModel;

  it('types text parameters as they are coerced, and repeats array query keys', () => {
    const doc = buildOpenApi(model, model.rest!) as unknown as { paths: Record<string, Record<string, { parameters: { schema: unknown }[] }>> };
    expect(doc.paths['/things/{id}']!['get']!.parameters.map((p) => p.schema)).toEqual([
      { type: 'integer' },
      { type: 'array', items: { type: 'string' } },
      { type: 'boolean' },
    ]);
    expect(validateOas(doc), JSON.stringify(validateOas.errors)).toBe(true);
  });

  it('assembles a JSON body from field inputs', () => {
    const doc = buildOpenApi(model, model.rest!) as unknown as { paths: Record<string, Record<string, { requestBody: unknown }>> };
    expect(doc.paths['/things']!['post']!.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' }, extra: {} }, required: ['name'] } } },
    });
  });

  it('escapes spec text into TypeScript that evaluates to the same document', async () => {
    const [json, ts] = emitOpenApi(model);
    const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-openapi-'));
    try {
      writeFileSync(join(dir, 'openapi.gen.ts'), ts!.contents);
      const module = (await import(join(dir, 'openapi.gen.ts'))) as { openapi: unknown };
      expect(module.openapi).toEqual(JSON.parse(json!.contents));
      expect(JSON.stringify(module.openapi)).toContain(JSON.stringify(nasty).slice(1, -1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * `--openapi` at run time: the openapi-store golden project (typed from its OpenAPI document) is
 * built outside the repository, started against the recording fake upstream and called over REST
 * and with the SDK v1 and v2 MCP clients. Invalid inputs are refused (400 problem+json naming the
 * field, or an MCP input error) without any upstream call; valid ones reach the upstream as the
 * spec sends them; agents see the documented fields; answers are checked against the documented
 * schema; upstream errors of tools with an outputSchema are error results both clients accept.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES_DIR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';
import { sdkV1Client, sdkV2Client, type McpTestClient } from '../mcp-clients/clients.js';

const PET_ID = '6a1d9e2c-3f4b-4c5d-8e9f-0a1b2c3d4e5f';
const CAT = { id: PET_ID, name: 'Tom', petType: 'cat', indoor: true, tags: ['grey'] };
const json = (body: unknown) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

let upstream: FakeUpstream;
let dir: string;
let service: RunningService;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  dir = buildProjectCopy(join(CASES_DIR, 'openapi-store', 'expected'));
  service = await startService(dir, { STORE_BASE_URL: upstream.url, REST_PORT: '0', MCP_PORT: '0' }, ['rest', 'mcp']);
}, 120_000);

afterAll(async () => {
  await service?.stop();
  await upstream?.close();
  if (dir) removeProjectCopy(dir);
});

async function rest(method: string, url: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const init = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(service.urls.rest + url, init);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A call that must be refused before the upstream: 400 problem+json naming `field`. */
async function refused(method: string, url: string, body: unknown, field: string): Promise<void> {
  const before = upstream.requests.length;
  const res = await rest(method, url, body);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const errors = res.body['errors'] as { path: string; message: string }[];
  expect(errors.map((e) => e.path)).toContain(field);
  expect(upstream.requests.length).toBe(before);
}

describe('REST routes validate with the documented schemas', () => {
  it.each([
    ['a value outside the enum', { name: 'Tom', petType: 'bird' }, 'body.petType'],
    ['a missing required property', { petType: 'cat' }, 'body.name'],
    ['a property additionalProperties: false forbids', { name: 'Tom', petType: 'cat', colour: 'red' }, 'body.colour'],
    ['a name over maxLength', { name: 'x'.repeat(41), petType: 'cat' }, 'body.name'],
    ['a wrong format', { name: 'Tom', petType: 'cat', owner_email: 'not an address' }, 'body.owner_email'],
    ['a bound (exclusiveMinimum)', { name: 'Tom', petType: 'cat', weight: 0 }, 'body.weight'],
    ['multipleOf', { name: 'Tom', petType: 'cat', weight: 1.25 }, 'body.weight'],
    ['uniqueItems', { name: 'Tom', petType: 'cat', tags: ['a', 'a'] }, 'body.tags'],
    ['maxItems', { name: 'Tom', petType: 'cat', tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'body.tags'],
    ['an additionalProperties schema', { name: 'Tom', petType: 'cat', attributes: { eyes: 2 } }, 'body.attributes.eyes'],
    ['a mixed enum', { name: 'Tom', petType: 'cat', rank: 3 }, 'body.rank'],
    ['a readOnly property (not part of requests)', { name: 'Tom', petType: 'cat', id: PET_ID }, 'body.id'],
  ])('refuses %s with 400 and no upstream call', (_what, body, field) => refused('POST', '/pets', body, field));

  it('sends a valid body upstream as the caller wrote it', async () => {
    // 40 characters that are 80 UTF-16 units: maxLength counts characters.
    const body = { name: '🐈'.repeat(40), petType: 'cat', nickname: null, tags: ['a', 'b'], weight: 4.5, birthday: '2020-02-29', owner_email: 'ann@example.com', attributes: { eyes: 'green' }, rank: 'top', secret: 's' };
    upstream.script(json(CAT));
    const before = upstream.requests.length;
    const res = await rest('POST', '/pets', body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(CAT);
    const seen = upstream.requests[before]!;
    expect([seen.method, seen.url]).toEqual(['POST', '/pets']);
    expect(JSON.parse(seen.body)).toEqual(body);
  });

  it('coerces and checks query and header parameters', async () => {
    await refused('GET', '/pets?limit=0', undefined, 'query.limit');
    await refused('GET', '/pets?status=lost', undefined, 'query.status');
    upstream.script(json([CAT]));
    const before = upstream.requests.length;
    const res = await rest('GET', '/pets?limit=5&status=sold');
    expect(res.status).toBe(200);
    expect(upstream.requests[before]!.url).toBe('/pets?limit=5&status=sold');
  });

  it('checks path parameters against their format', async () => {
    await refused('GET', '/pets/not-a-uuid', undefined, 'params.petId');
    upstream.script(json(CAT));
    expect((await rest('GET', `/pets/${PET_ID}`)).status).toBe(200);
  });

  it('types form-encoded fields and still sends a form', async () => {
    await refused('PUT', '/pets/p1/owner', { name: 'Ann', age: -1 }, 'body.age');
    upstream.script(json({ name: 'Ann', age: 3 }));
    const before = upstream.requests.length;
    expect((await rest('PUT', '/pets/p1/owner', { name: 'Ann', age: 3 })).status).toBe(200);
    const seen = upstream.requests[before]!;
    expect(seen.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(seen.body).toBe('name=Ann&age=3');
  });

  it('documents the vendor schemas in GET /openapi.json', async () => {
    const doc = (await rest('GET', '/openapi.json')).body as { paths: Record<string, any>; components: { schemas: Record<string, unknown> } };
    expect(doc.paths['/pets']!.post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PetCreate' });
    expect(doc.paths['/pets']!.get.parameters.find((p: { name: string }) => p.name === 'status').schema).toEqual({ type: 'string', enum: ['available', 'sold'] });
    expect(doc.paths['/pets/{petId}']!.get.responses['2XX'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Pet' });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'Pet', 'PetCreate', 'TreeNode']));
  });
});

describe.each([
  ['SDK v1', (url: string) => sdkV1Client(url)],
  ['SDK v2', (url: string) => sdkV2Client(url, 'auto')],
])('MCP tools typed from the document, with the %s client', (_name, connect) => {
  let client: McpTestClient;
  beforeAll(async () => {
    client = await connect(`${service.urls.mcp}/mcp`);
  });
  afterAll(() => client?.close());

  it('shows agents every documented field, with enums, formats, bounds and descriptions', async () => {
    const tools = await client.listTools();
    const create = tools.find((t) => t.name === 'create-pet')!;
    const body = (create.inputSchema as any).properties.body;
    expect(Object.keys(body.properties)).toEqual(['name', 'petType', 'birthday', 'weight', 'tags', 'nickname', 'owner_email', 'secret', 'attributes', 'microchip', 'mood', 'rank']);
    expect(body.required).toEqual(['name', 'petType']);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.name).toMatchObject({ type: 'string', minLength: 1, maxLength: 40, description: "The pet's name." });
    expect(body.properties.petType).toMatchObject({ enum: ['cat', 'dog'] });
    expect(body.properties.birthday).toMatchObject({ type: 'string', format: 'date' });
    expect(body.properties.weight).toMatchObject({ exclusiveMinimum: 0, maximum: 200, multipleOf: 0.5 });
    expect(body.properties.tags).toMatchObject({ maxItems: 5, uniqueItems: true });
    const list = tools.find((t) => t.name === 'list-pets')!;
    expect((list.inputSchema as any).properties.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, description: 'Page size.' });
    expect((tools.find((t) => t.name === 'get-pet') as any).outputSchema).toMatchObject({ type: 'object' });
  });

  it('refuses arguments the document forbids before any upstream call', async () => {
    const before = upstream.requests.length;
    const result = await client.callTool('create-pet', { body: { name: 'Tom', petType: 'bird' } });
    expect(result.isError).toBe(true);
    expect(JSON.stringify(result.content)).toMatch(/petType/);
    expect(upstream.requests.length).toBe(before);
  });

  it('answers with the documented result as structured content', async () => {
    upstream.script(json(CAT));
    const result = await client.callTool('get-pet', { petId: PET_ID });
    expect(result.isError).toBe(false);
    expect(result.structuredContent).toEqual(CAT);
    upstream.script(json([CAT]));
    const list = await client.callTool('list-pets', {});
    expect(list.structuredContent).toEqual({ result: [CAT] });
  });

  it('reports an answer that departs from the documented schema as an error', async () => {
    upstream.script(json({ name: 'Tom', petType: 'cat' }));
    const result = await client.callTool('get-pet', { petId: PET_ID });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
  });

  it('answers an upstream error with a readable error result and no structured content', async () => {
    upstream.script({ status: 422, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: 'no such pet' }) });
    const result = await client.callTool('get-pet', { petId: PET_ID });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(JSON.stringify(result.content)).toContain('422');
    expect(JSON.stringify(result.content)).toContain('no such pet');
  });
});

/** The skill catalogue over HTTP, and SKILL.md rendering. */
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSkillApp, renderSkillDocument, type SkillCatalog } from '../../templates/runtime/skill.js';
import { captureLogger, serve, type Served } from './helpers.js';

const catalog: SkillCatalog = {
  namespace: 'skills',
  description: 'Skills',
  skills: [
    {
      name: 'lookup',
      description: 'Find things: "quoted" and\nmulti-line --- text',
      frontmatter: { name: 'lookup', description: 'Find things: "quoted" and\nmulti-line --- text', metadata: { 'a: b': 'c"d' }, 'user-invocable': false },
      tools: [
        { name: 'get', description: 'Get one', invocation: { type: 'mcp', namespace: 'm', tool: 'get-thing' } },
        { name: 'list', description: 'List', invocation: { type: 'rest', namespace: 'r', method: 'GET', path: '/things' } },
        { name: 'guide', description: 'Guide', invocation: { type: 'instruction', file: 'docs/guide.md', text: '# Guide\n' } },
      ],
    },
    { name: 'given', description: 'Has its own', frontmatter: { name: 'given', description: 'Has its own' }, tools: [], document: '---\nname: given\n---\nbody\n' },
  ],
};

let api: Served;
beforeAll(async () => {
  api = await serve(createSkillApp({ catalog, ports: { rest: 8080, mcp: 9090 }, logger: captureLogger(), auth: { kind: 'apikey', placement: 'header', name: 'X-Key', value: 'k' } }));
});
afterAll(() => api.close());

const get = (path: string, key = 'k') => fetch(api.url + path, { headers: { 'x-key': key } });

describe('skill adapter', () => {
  it('requires credentials, except for /health', async () => {
    expect((await get('/skills', 'wrong')).status).toBe(401);
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
  });

  it('lists skills with their frontmatter and tool names', async () => {
    const body = (await (await get('/skills')).json()) as { skills: Record<string, unknown>[] };
    expect(body.skills.map((s) => [s['name'], s['tools']])).toEqual([
      ['lookup', ['get', 'list', 'guide']],
      ['given', []],
    ]);
    expect(body.skills[0]).toMatchObject({ 'user-invocable': false, metadata: { 'a: b': 'c"d' }, links: { document: '/skills/lookup/SKILL.md' } });
  });

  it('says how to invoke each tool through its adapter', async () => {
    const body = (await (await get('/skills/lookup')).json()) as { tools: { invocation: unknown }[] };
    expect(body.tools.map((t) => t.invocation)).toEqual([
      { type: 'mcp', namespace: 'm', tool: 'get-thing', transport: 'streamable-http', port: 9090, endpoint: '/mcp' },
      { type: 'rest', namespace: 'r', method: 'GET', path: '/things', port: 8080 },
      { type: 'instruction', file: 'docs/guide.md', url: '/skills/lookup/files/docs/guide.md' },
    ]);
    expect((await get('/skills/nope')).status).toBe(404);
  });

  it('serves instruction files and SKILL.md, the given one verbatim', async () => {
    const file = await get('/skills/lookup/files/docs/guide.md');
    expect([file.status, await file.text()]).toEqual([200, '# Guide\n']);
    expect((await get('/skills/lookup/files/other.md')).status).toBe(404);
    const given = await get('/skills/given/SKILL.md');
    expect(given.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await given.text()).toBe('---\nname: given\n---\nbody\n');
  });

  it('renders SKILL.md with frontmatter that parses back to the same values', () => {
    const text = renderSkillDocument(catalog.skills[0]!, { rest: 8080 });
    const [, front, body] = text.split(/^---$/m);
    expect(parse(front!)).toEqual(catalog.skills[0]!.frontmatter);
    expect(body).toContain('### get\n\nGet one\n\nMCP tool `get-thing` of the `m` server (stdio).');
    expect(body).toContain('REST operation `GET /things` of the `r` API on port 8080.');
    expect(body).toContain('[docs/guide.md](files/docs/guide.md)');
  });
});

/**
 * Hostile specs: every case in test/hostile/cases/ is either rejected with a positioned error (no
 * crash, no stack trace, nothing generated) or generates a project that type-checks and carries the
 * hostile text only as data: the service is built and started, and the text comes back unchanged
 * from `tools/list` (MCP SDK client), from GET /openapi.json, and as the fixed query value the
 * recording upstream receives.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { SpecResult } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/templates.js';
import { writeProject } from '../../src/write/write.js';
import { TEST_GENERATOR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { UPDATE } from '../helpers/golden.js';
import { buildProjectCopy, removeProjectCopy, startService } from '../helpers/service.js';
import { tsc } from '../helpers/tsc.js';
import { CASES, type Expectation, type HostileCase } from './definitions.js';
import { buildSpec } from './spec-builder.js';
import { stringify } from 'yaml';

const CASES_DIR = fileURLToPath(new URL('./cases/', import.meta.url));
const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

async function generate(dir: string, file: string): Promise<SpecResult> {
  const { results } = await runBatch([{ path: join(dir, file), root: dir }], { templates: loadTemplates(), generator: TEST_GENERATOR, emit: true });
  return results[0]!;
}

function expectNoCrash(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.message, d.code).not.toMatch(/\n\s+at |internal error|Maximum call stack/);
    expect(d.line).toBeGreaterThan(0);
    expect(d.col).toBeGreaterThan(0);
  }
}

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Unescaped `|` in a Markdown table row. */
const cells = (row: string): number => row.replace(/\\\|/g, '').split('|').length;

describe('hostile spec fixtures', () => {
  it('are committed exactly as test/hostile/definitions.ts describes them', () => {
    const names = CASES.map((c) => c.name).sort();
    expect(new Set(names).size).toBe(names.length);
    for (const c of CASES) {
      const dir = join(CASES_DIR, c.name);
      const file = c.file ?? 'spec.yaml';
      if (UPDATE) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, file), c.bytes);
        for (const [name, bytes] of Object.entries(c.extra ?? {})) writeFileSync(join(dir, name), bytes);
        continue;
      }
      expect(readdirSync(dir).sort(), c.name).toEqual([file, 'expect.json', ...Object.keys(c.extra ?? {})].sort());
      expect(readFileSync(join(dir, file)).equals(c.bytes), `${c.name}/${file}`).toBe(true);
      for (const [name, bytes] of Object.entries(c.extra ?? {})) expect(readFileSync(join(dir, name)).equals(bytes), `${c.name}/${name}`).toBe(true);
    }
    if (!UPDATE) expect(readdirSync(CASES_DIR).sort()).toEqual(names);
  });
});

describe.each(CASES.filter((c) => c.expect.outcome === 'rejected'))('rejected: $name', (c: HostileCase) => {
  it('is rejected at the recorded position, with nothing generated', async () => {
    const dir = join(CASES_DIR, c.name);
    const result = await generate(dir, c.file ?? 'spec.yaml');
    expectNoCrash(result.diagnostics);
    expect(result.files).toEqual([]);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const want = c.expect as Extract<Expectation, { outcome: 'rejected' }>;
    const first = errors.find((d) => d.code === want.code);
    expect(first, JSON.stringify(errors)).toBeDefined();
    const actual: Expectation = { outcome: 'rejected', code: want.code, line: first!.line, col: first!.col, message: first!.message };
    const expectPath = join(dir, 'expect.json');
    if (UPDATE) writeFileSync(expectPath, `${JSON.stringify(actual, null, 2)}\n`);
    else expect(actual).toEqual(JSON.parse(readFileSync(expectPath, 'utf8')));
  });
});

describe('generating hostile text', () => {
  const generating = CASES.filter((c) => c.expect.outcome === 'generates');
  let out: string;
  const results = new Map<string, SpecResult>();

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'naftiko-gen-hostile-'));
    symlinkSync(NODE_MODULES, join(out, 'node_modules'), 'dir');
    for (const c of generating) {
      const dir = join(CASES_DIR, c.name);
      const result = await generate(dir, c.file ?? 'spec.yaml');
      results.set(c.name, result);
      if (result.files.length > 0) writeProject(out, c.name, result.files);
      if (UPDATE) writeFileSync(join(dir, 'expect.json'), `${JSON.stringify(c.expect, null, 2)}\n`);
    }
  });

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it.each(generating)('$name generates, with expect.json as committed', (c) => {
    const result = results.get(c.name)!;
    expectNoCrash(result.diagnostics);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files.length).toBeGreaterThan(10);
    expect(JSON.parse(readFileSync(join(CASES_DIR, c.name, 'expect.json'), 'utf8'))).toEqual(c.expect);
  });

  it('type-checks every generated project in one program', () => {
    const tsconfig = {
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noUnusedLocals: true, noUnusedParameters: true, skipLibCheck: true, types: ['node'], noEmit: true },
      include: ['*/src/**/*.ts'],
    };
    writeFileSync(join(out, 'tsconfig.json'), JSON.stringify(tsconfig));
    const { status, output } = tsc(['-p', join(out, 'tsconfig.json')]);
    expect(output.split('\n').slice(0, 40).join('\n')).toBe('');
    expect(status).toBe(0);
  });

  it.each(generating)('$name keeps the text as data in openapi.json and the README tables', (c) => {
    const text = (c.expect as { text: string }).text;
    const openapi = JSON.parse(readFileSync(join(out, c.name, 'openapi.json'), 'utf8')) as unknown;
    expect(strings(openapi)).toContain(text);
    const readme = readFileSync(join(out, c.name, 'README.md'), 'utf8').split('\n');
    const routeRows = readme.filter((l) => l.startsWith('| GET |'));
    const toolRows = readme.filter((l) => l.startsWith('| `get-item` |'));
    expect(routeRows).toHaveLength(1);
    expect(toolRows).toHaveLength(1);
    expect(cells(routeRows[0]!)).toBe(cells(readme.find((l) => l.startsWith('| method |'))!));
    expect(cells(toolRows[0]!)).toBe(cells(readme.find((l) => l.startsWith('| tool |'))!));
    // The README is prose: no raw controls, bidi or zero-width characters, and no HTML from the spec.
    const readmeText = readme.join('\n');
    expect(readmeText).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
    expect(readmeText.split('\n').slice(1).join('\n')).not.toMatch(/<[a-z/!]/i);
    // The generated sources hold the text only inside string literals: no raw control characters.
    for (const file of results.get(c.name)!.files.filter((f) => f.path.endsWith('.ts'))) {
      expect(file.contents, file.path).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
    }
  });

  describe.each(generating.filter((c) => (c.expect as { run?: boolean }).run))('$name running', (c) => {
    const text = (c.expect as { text: string }).text;
    const fitsInUrl = encodeURIComponent(text).length < 8_000;
    let upstream: FakeUpstream;
    let copy: string;
    let service: Awaited<ReturnType<typeof startService>>;

    beforeAll(async () => {
      upstream = await startFakeUpstream();
      copy = buildProjectCopy(join(out, c.name));
      const env = readFileSync(join(copy, '.env.example'), 'utf8');
      const baseUrlEnv = /^([A-Z0-9_]+_BASE_URL)=/m.exec(env)![1]!;
      service = await startService(copy, { [baseUrlEnv]: `${upstream.url}/base`, REST_PORT: '0', MCP_PORT: '0' }, ['rest', 'mcp']);
    });

    afterAll(async () => {
      await service?.stop();
      await upstream?.close();
      if (copy) removeProjectCopy(copy);
    });

    it('lists the tool with the description unchanged', async () => {
      const client = new Client({ name: 'hostile', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
      const { tools } = await client.listTools();
      const result = await client.callTool({ name: 'get-item', arguments: { id: 'abc' } });
      await client.close();
      expect(tools.map((t) => t.description)).toEqual([text]);
      if (!fitsInUrl) return;
      expect(result.isError ?? false).toBe(false);
      const seen = upstream.requests.at(-1)!;
      expect(seen.path).toBe('/base/items/abc');
      expect(seen.query.get('q')).toBe(text);
    });

    it('sends the text as the fixed query value over REST and serves it in /openapi.json', async () => {
      const openapi = (await (await fetch(`${service.urls.rest}/openapi.json`)).json()) as unknown;
      expect(strings(openapi)).toContain(text);
      const res = await fetch(`${service.urls.rest}/items/abc`);
      // A query value longer than an HTTP server accepts comes back as the upstream's 431.
      expect(res.status).toBe(fitsInUrl ? 200 : 431);
      if (!fitsInUrl) return;
      const seen = upstream.requests.at(-1)!;
      expect(seen.path).toBe('/base/items/abc');
      expect([...seen.query.keys()]).toEqual(['q']);
      expect(seen.query.get('q')).toBe(text);
    });
  });
});

describe('nesting deep enough to exhaust the YAML parser', () => {
  it('is a positioned NG0002, not a crash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-deep-'));
    try {
      writeFileSync(join(dir, 'deep.yaml'), `naftiko: 1.0.0-alpha2\nx: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
      const result = await generate(dir, 'deep.yaml');
      expectNoCrash(result.diagnostics);
      expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([['NG0002', 'YAML syntax error: nesting deeper than 64 levels']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('imports from URLs', () => {
  it('are refused without any request being made', async () => {
    const server = await startFakeUpstream();
    const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-url-import-'));
    try {
      const spec = buildSpec({ text: 't' });
      const capability = { ...(spec.capability as object), consumes: [{ location: `${server.url}/shared.yaml`, import: 'up' }] };
      writeFileSync(join(dir, 'spec.yaml'), stringify({ ...spec, capability }));
      const result = await generate(dir, 'spec.yaml');
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toContain('NG2118');
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a 50 MB spec', () => {
  it('is rejected from its size (NG0007) without being parsed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'naftiko-gen-huge-'));
    try {
      const line = `# ${'x'.repeat(1021)}\n`;
      writeFileSync(join(dir, 'huge.yaml'), `naftiko: 1.0.0-alpha2\n${line.repeat(50 * 1024)}`);
      const result = await generate(dir, 'huge.yaml');
      expect(result.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([['NG0007', 1, 1]]);
      expect(result.diagnostics[0]!.message).toMatch(/50\.\d MB, more than the 10\.0 MB limit/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves no case folder without an expect.json', () => {
    for (const c of CASES) expect(existsSync(join(CASES_DIR, c.name, 'expect.json')) || UPDATE, c.name).toBe(true);
  });
});

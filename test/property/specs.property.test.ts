/**
 * Property-based tests (fast-check, fixed seeds; a failure prints the seed and the shrunk case):
 *  - random valid capabilities (names, parameters, paths, methods, hints, hostile text) always
 *    generate; every project type-checks in one tsc program, and a sample is built, started and
 *    called over REST and MCP with the fake upstream seeing the request;
 *  - random hostile text with canaries at random positions of any field (of random valid
 *    capabilities, and of the rich specs the every-position proof walks) never crashes the
 *    generator, and no canary of what generates stands outside data (test/hostile/scan.ts);
 *  - random mutations of corpus files never crash the generator, never print a stack trace, always
 *    position their diagnostics, and whatever they still generate type-checks.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../../src/batch.js';
import type { ImportResolver } from '../../src/model/imports.js';
import { analyzeSpec, runPipeline } from '../../src/pipeline.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { loadTemplates } from '../../src/templates.js';
import { writeProject } from '../../src/write/write.js';
import { TEST_GENERATOR } from '../helpers/cases.js';
import { corpusEntries } from '../helpers/corpus.js';
import { startFakeUpstream } from '../../templates/runtime/fake-upstream.js';
import { buildProjectCopy, removeProjectCopy, startService } from '../helpers/service.js';
import { tsc } from '../helpers/tsc.js';
import { fieldOf, mutantOf, type Edit } from '../hostile/mutants.js';
import { canaryName } from '../hostile/payloads.js';
import { positionsOf } from '../hostile/positions.js';
import { loadScanner, scanProject } from '../hostile/scan.js';
import { loadUnits, type Unit } from '../hostile/units.js';
import { buildSpec, type SpecParts } from '../hostile/spec-builder.js';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
const SEED = Number(process.env.PROPERTY_SEED ?? 20261123);
const templates = loadTemplates();

let out: string;
let work: string;
const generated: Array<{ id: string; parts?: SpecParts }> = [];

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'naftiko-gen-property-'));
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-property-specs-'));
  symlinkSync(NODE_MODULES, join(out, 'node_modules'), 'dir');
});

afterAll(() => {
  for (const dir of [out, work]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function generateText(id: string, text: string | Buffer) {
  const dir = join(work, id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${id}.yaml`), text);
  const { results } = await runBatch([{ path: join(dir, `${id}.yaml`), root: dir }], { templates, generator: TEST_GENERATOR, emit: true });
  return results[0]!;
}

function expectWellFormed(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(d.message, d.code).not.toMatch(/\n\s+at \S|internal error/);
    expect(d.line, `${d.code} ${d.message}`).toBeGreaterThan(0);
    expect(d.col, `${d.code} ${d.message}`).toBeGreaterThan(0);
  }
}

const HOSTILE_UNITS = ['*/', '/*', '`', '${', '}', '"', "'", '\\', '\n', '\r\n', '\t', '\u2028', '\u2029', '\u0000', '\u001b', '\u007f', '\u0085', '\u202e', '</script>', '|', '#', ': ', '- ', '&', '*', '%', '?', '😀', 'é'];
/** Free text; never a caller-input reference (`{{x}}`, `rest.x`, `tools.x`, `<namespace>.x`). */
const text = fc
  .string({ unit: fc.oneof(fc.constantFrom(...HOSTILE_UNITS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 40 })
  .filter((t) => !/\{\{|^[A-Za-z0-9_-]+\./.test(t.trim()) && t.trim() !== '');
const kebab = (max: number) => fc.stringMatching(new RegExp(`^[a-z][a-z0-9]{0,${max}}(-[a-z0-9]{1,6}){0,2}$`));
const parts: fc.Arbitrary<SpecParts> = fc
  .record({
    text,
    namespace: kebab(12),
    operation: fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,20}$/),
    tool: fc.stringMatching(/^[a-z][a-z0-9_-]{0,30}$/),
    pathParam: fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/),
    resource: kebab(12),
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    hints: fc.record({ readOnly: fc.boolean(), destructive: fc.boolean(), idempotent: fc.boolean() }),
  })
  // `q` is the builder's fixed query parameter; Windows device names are NG3001 by design.
  .filter((p) => p.pathParam !== 'q' && !/^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i.test(p.namespace));

describe('random valid capabilities', () => {
  it('always generate without errors', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(parts, async (p) => {
        const id = `valid-${String(n++).padStart(3, '0')}`;
        const result = await generateText(id, stringify(buildSpec(p)));
        expectWellFormed(result.diagnostics);
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(result.files.length).toBeGreaterThan(10);
        writeProject(out, id, result.files);
        generated.push({ id, parts: p });
      }),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
  }, 300_000);

  it('and a sample of them runs: a route and a tool reach the upstream unchanged', async () => {
    const sample = generated.filter((g) => g.parts).slice(0, 3);
    expect(sample.length).toBe(3);
    for (const { id, parts: p } of sample) {
      const upstream = await startFakeUpstream();
      const copy = buildProjectCopy(join(out, id));
      const env = readFileSync(join(copy, '.env.example'), 'utf8');
      const baseUrlEnv = /^([A-Z0-9_]+_BASE_URL)=/m.exec(env)![1]!;
      const service = await startService(copy, { [baseUrlEnv]: `${upstream.url}/base`, REST_PORT: '0', MCP_PORT: '0' }, ['rest', 'mcp']);
      try {
        const res = await fetch(`${service.urls.rest}/items/a%2Fb`, { method: p!.method! });
        expect(res.status, id).toBeLessThan(300);
        const rest = upstream.requests.at(-1)!;
        expect(rest.method).toBe(p!.method);
        expect(rest.path).toBe('/base/items/a%2Fb');
        expect(rest.query.get('q')).toBe(p!.text);
        const client = new Client({ name: 'property', version: '1.0.0' });
        await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
        const { tools } = await client.listTools();
        expect(tools.map((t) => [t.name, t.description])).toEqual([[p!.tool, p!.text]]);
        const result = await client.callTool({ name: p!.tool!, arguments: { [p!.pathParam!]: '../x' } });
        await client.close();
        expect(result.isError ?? false, JSON.stringify(result.content)).toBe(false);
        const tool = upstream.requests.at(-1)!;
        expect(tool.path).toBe('/base/items/..%2Fx');
        expect(tool.query.get('q')).toBe(p!.text);
      } finally {
        await service.stop();
        await upstream.close();
        removeProjectCopy(copy);
      }
    }
  }, 120_000);
});

/**
 * Random hostile text at random string positions (any field, name keys included: positions.ts
 * walks the document) of random valid capabilities and of the rich specs the every-position proof
 * walks (seeds, golden cases, framework examples, with the files they import): code-breaking units
 * around canary calls, text the proof's fixed payloads do not try. Edits are added one at a time,
 * each kept when validate still accepts the spec (so a reference or an enum refusing its edit does
 * not make the whole run a rejection); every verdict must be well formed, and the spec with every
 * kept edit is built: no crash, every canary inside strings, comments or other data (the
 * every-position scanners), and it type-checks (the last test below).
 */
const hostileEdit = fc.record({
  pick: fc.nat(),
  replace: fc.boolean(),
  before: fc.array(fc.constantFrom(...HOSTILE_UNITS), { maxLength: 4 }),
  after: fc.array(fc.constantFrom(...HOSTILE_UNITS), { maxLength: 4 }),
});
type HostileEdit = typeof hostileEdit extends fc.Arbitrary<infer E> ? E : never;

/** A random valid capability as a unit of one document. */
function builderUnit(p: SpecParts, id: string): Unit {
  const data = buildSpec(p);
  const resolver: ImportResolver = () => ({ error: 'a built capability imports nothing' });
  return { name: id, id, docs: [{ file: `${id}.yaml`, data }], resolver, positions: positionsOf(data, 0), options: {} };
}

/** Builds `unit` with the edits validate accepts; true when it generated (always, unless the spec alone does not). */
async function buildHostile(id: string, unit: Unit, picks: readonly HostileEdit[]): Promise<boolean> {
  const kept: Edit[] = [];
  for (const [i, e] of picks.entries()) {
    const index = e.pick % unit.positions.length;
    const position = unit.positions[index]!;
    if (kept.some((k) => k.index === index)) continue;
    const edit = { index, position, text: `${e.replace ? '' : position.original}${e.before.join('')}${canaryName(i)}()${e.after.join('')}` };
    const mutant = mutantOf(unit, [...kept, edit]);
    const { model, diagnostics } = analyzeSpec(mutant.input, { imports: mutant.imports, ...mutant.options });
    expectWellFormed(diagnostics);
    if (model) kept.push(edit);
  }
  const mutant = mutantOf(unit, kept);
  const result = await runPipeline(mutant.input, { templates, generator: TEST_GENERATOR, emit: true, imports: mutant.imports, ...mutant.options });
  expectWellFormed(result.diagnostics);
  if (result.files.length === 0) return false;
  expect(scanProject(result.files), `${id}: ${unit.name} ${kept.map((e) => `${fieldOf(e.position)} = ${JSON.stringify(e.text)}`).join(', ')}`).toEqual([]);
  writeProject(out, id, result.files);
  generated.push({ id });
  return kept.length > 0;
}

describe('random hostile text in any field', () => {
  beforeAll(() => loadScanner());
  const edits = fc.array(hostileEdit, { minLength: 1, maxLength: 12 });

  it('never crashes, and what generates keeps every canary as data', async () => {
    let n = 0;
    let built = 0;
    await fc.assert(
      fc.asyncProperty(parts, edits, async (p, picks) => {
        const id = `any-field-${String(n++).padStart(3, '0')}`;
        if (await buildHostile(id, builderUnit(p, id), picks)) built++;
      }),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
    // Most runs must build hostile text, not only reject it.
    expect(built).toBeGreaterThan(45);
  }, 300_000);

  it('nor in any field of the rich specs', async () => {
    const units = loadUnits();
    let n = 0;
    let built = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: units.length - 1 }), edits, async (which, picks) => {
        const id = `rich-field-${String(n++).padStart(3, '0')}`;
        if (await buildHostile(id, units[which]!, picks)) built++;
      }),
      { seed: SEED, numRuns: 30, endOnFailure: true },
    );
    expect(built).toBeGreaterThan(20);
  }, 300_000);
});

/** One random edit of a YAML text. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...HOSTILE_UNITS, '\n  x: 1\n', '&a ', '*a', '!!binary ', '[', '{', '<<: *a\n', '"\\u', '---\n', '\ufeff', '\u00ff') }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(source: Buffer, edits: readonly Mutation[]): Buffer {
  let bytes = source;
  for (const edit of edits) {
    const lines = bytes.toString('latin1').split('\n');
    const line = lines.length > 0 ? edit.at % lines.length : 0;
    switch (edit.kind) {
      case 'delete-line':
        lines.splice(line, 1);
        break;
      case 'duplicate-line':
        lines.splice(line, 0, lines[line] ?? '');
        break;
      case 'swap-lines': {
        const other = edit.to % lines.length;
        [lines[line], lines[other]] = [lines[other] ?? '', lines[line] ?? ''];
        break;
      }
      case 'indent':
        lines[line] = edit.by >= 0 ? ' '.repeat(edit.by) + (lines[line] ?? '') : (lines[line] ?? '').slice(-edit.by);
        break;
      case 'truncate':
        bytes = bytes.subarray(0, edit.at % (bytes.length + 1));
        continue;
      case 'insert': {
        const at = edit.at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.text, 'utf8'), bytes.subarray(at)]);
        continue;
      }
      case 'bytes': {
        const at = edit.at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(edit.bytes), bytes.subarray(at)]);
        continue;
      }
    }
    bytes = Buffer.from(lines.join('\n'), 'latin1');
  }
  return bytes;
}

describe('random mutations of corpus files', () => {
  const corpus = corpusEntries().map((e) => e.path);

  it('never crash, never print a stack, and position every diagnostic', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (index, edits) => {
        const id = `mutant-${String(n++).padStart(3, '0')}`;
        const result = await generateText(id, mutate(readFileSync(corpus[index]!), edits));
        expectWellFormed(result.diagnostics);
        if (result.files.length > 0) {
          writeProject(out, id, result.files);
          generated.push({ id });
        }
      }),
      { seed: SEED, numRuns: 80, endOnFailure: true },
    );
  }, 600_000);
});

describe('everything generated above', () => {
  it('type-checks in one program', () => {
    expect(generated.length).toBeGreaterThan(60);
    const tsconfig = {
      compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noUnusedLocals: true, noUnusedParameters: true, skipLibCheck: true, types: ['node'], noEmit: true },
      include: generated.map((g) => `${g.id}/src/**/*.ts`),
    };
    writeFileSync(join(out, 'tsconfig.json'), JSON.stringify(tsconfig));
    const { status, output } = tsc(['-p', join(out, 'tsconfig.json')]);
    expect(output.split('\n').slice(0, 40).join('\n'), `seed ${SEED}`).toBe('');
    expect(status).toBe(0);
  }, 600_000);
});

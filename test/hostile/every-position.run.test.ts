/**
 * The every-string-position proof, run for real on a small fixed sample: a few accepted mutants
 * (the largest built group of a chosen round of a chosen unit, so hundreds of payloads at once) are
 * written out, type-checked with tsc and started, with every canary defined as a trap that writes a
 * marker file and exits 7 when any code touches it. The service must start, serve its adapters'
 * /health, list every tool under its spec name, call each with arguments of its input types without
 * an internal error (500), serve /openapi.json equal to the written file, and never trip a trap.
 * The same for the names that mean something to JavaScript objects (`__proto__`, `constructor`,
 * `toString`) at every name position validate accepts. Then the issue's own case: an MCP adapter
 * namespace `m *\/ process.exit(7); /* ` and its template-literal variant, through validate, build
 * and, when it builds, tsc and a start that must not exit 7.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSpec, runPipeline } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/templates.js';
import { writeProject } from '../../src/write/write.js';
import { TEST_GENERATOR } from '../helpers/cases.js';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream.js';
import { httpAdapters, serviceEnv } from '../helpers/framework-examples.js';
import { buildProjectCopy, removeProjectCopy, startService, type RunningService } from '../helpers/service.js';
import type { ToolInput } from '../../src/model/types.js';
import { mutantOf, newTally, type Edit } from './mutants.js';
import { copyData } from './positions.js';
import { CANARY, PAYLOADS } from './payloads.js';
import { MutantRunner, type Built } from './runner.js';
import { loadScanner, scanProject } from './scan.js';
import { loadUnits, type Unit } from './units.js';

/** Unit and round of each sample: the three kinds of breakers, over REST + MCP, outputs and prompts. */
const SAMPLE: readonly (readonly [string, string])[] = [
  ['specs/lago-customers.yaml', 'comment-breakers'],
  ['golden/mapped-outputs-typed', 'quote-breakers'],
  ['golden/mcp-resources-prompts', 'markup'],
];

const templates = loadTemplates();
let work: string;
let upstream: FakeUpstream;

beforeAll(async () => {
  await loadScanner();
  work = mkdtempSync(join(tmpdir(), 'naftiko-gen-every-position-run-'));
  upstream = await startFakeUpstream();
});

afterAll(async () => {
  await upstream?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** A preload module defining each canary as a getter that leaves a marker file and exits 7. */
function trapModule(canaries: readonly string[], marker: string): string {
  const path = join(work, `trap-${canaries.length}-${Date.now()}.mjs`);
  writeFileSync(
    path,
    `import { writeFileSync } from 'node:fs';\n` +
      `for (const name of ${JSON.stringify(canaries)}) Object.defineProperty(globalThis, name, { configurable: true, get() { writeFileSync(${JSON.stringify(marker)}, name); process.exit(7); } });\n`,
  );
  return path;
}

/** Builds a project copy, starts it with the traps set, and exercises every HTTP adapter. */
async function exercise(id: string, built: Pick<Built, 'files' | 'model'>): Promise<void> {
  writeProject(work, id, built.files);
  const canaries = [...new Set(built.files.flatMap((f) => [...f.contents.matchAll(CANARY)].map((m) => m[0])))];
  const marker = join(work, `${id}.tripped`);
  const copy = buildProjectCopy(join(work, id));
  let service: RunningService | undefined;
  try {
    const env = { ...serviceEnv(built.model, upstream.url), NODE_OPTIONS: `--import=${trapModule(canaries, marker)}` };
    service = await startService(copy, env, httpAdapters(built.model));
    for (const url of Object.values(service.urls)) expect((await fetch(`${url}/health`)).status, `${id} ${url}/health`).toBeLessThan(500);
    if (service.urls.mcp) {
      const client = new Client({ name: 'every-position', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
      const { tools } = await client.listTools();
      // Every tool is listed under its spec name, whatever that name means to a JavaScript object.
      expect(tools.map((t) => t.name).sort(), id).toEqual(built.model.mcp!.tools.map((t) => t.name).sort());
      for (const tool of built.model.mcp!.tools) {
        const result = await client.callTool({ name: tool.name, arguments: argumentsFor(tool.inputs) }).catch((error: unknown) => ({ isError: true, structuredContent: { status: 0, error: String(error) } }));
        // A failing upstream or refused arguments are fine; an internal error is a crash on spec text.
        if (result.isError) expect((result.structuredContent as { status?: number } | undefined)?.status, `${id} ${tool.name} ${JSON.stringify(result)}`.slice(0, 400)).not.toBe(500);
      }
      await client.close();
    }
    if (service.urls.rest) {
      const openapi = await fetch(`${service.urls.rest}/openapi.json`);
      expect(openapi.status, id).toBe(200);
      expect(JSON.stringify(await openapi.json()), id).toBe(JSON.stringify(JSON.parse(built.files.find((f) => f.path === 'openapi.json')!.contents)));
    }
    expect(existsSync(marker), `${id}: a canary ran as code (${existsSync(marker) ? 'see marker' : ''})`).toBe(false);
    expect(service.process.exitCode, `${id} exited`).toBeNull();
  } catch (error) {
    // The service's own account of what failed (its last log lines) goes with the failure.
    throw new Error(`${String(error)}\n${id} service log:\n${(service?.logs ?? []).slice(-8).join('\n').slice(0, 3000)}`, { cause: error });
  } finally {
    await service?.stop();
    removeProjectCopy(copy);
  }
}

/** A value of each input's type, so every parameter, whatever its name, reaches the tool. */
function argumentsFor(inputs: readonly ToolInput[]): Record<string, unknown> {
  const value = (type: string): unknown => ({ number: 1, integer: 1, boolean: true, array: [], object: {} })[type] ?? 'v';
  const args: Record<string, unknown> = {};
  for (const input of inputs) Object.defineProperty(args, input.name, { value: value(input.type), enumerable: true });
  return args;
}

/**
 * The unit with `__proto__`, `constructor` and `toString` (in turn) at every name position (keys
 * that are names, `name` and `namespace` values) that validate accepts with the others: names
 * that mean something to JavaScript objects, in one project.
 */
function withObjectNames(unit: Unit): Edit[] {
  const names = ['__proto__', 'constructor', 'toString'];
  const kept: Edit[] = [];
  unit.positions.forEach((position, index) => {
    if (position.kind !== 'key' && !['name', 'namespace'].includes(String(position.path.at(-1)))) return;
    const edit = { index, position, text: names[kept.length % names.length]! };
    const mutant = mutantOf(unit, [...kept, edit]);
    if (analyzeSpec(mutant.input, { imports: mutant.imports, ...mutant.options }).model) kept.push(edit);
  });
  return kept;
}

describe('a sample of accepted mutants, type-checked and started', () => {
  it.each(SAMPLE)('%s with %s', async (unitName, payloadId) => {
    const unit = loadUnits().find((u) => u.name === unitName)!;
    expect(unit, unitName).toBeDefined();
    let largest: Built | undefined;
    const runner = new MutantRunner(unit, templates, newTally(), (built) => {
      if (!largest || built.edits.length > largest.edits.length) largest = built;
    });
    await runner.probe();
    await runner.round(PAYLOADS.findIndex((p) => p.id === payloadId));
    expect(largest, 'no mutant of the round was accepted').toBeDefined();
    expect(largest!.edits.length).toBeGreaterThan(20);
    await exercise(`${unit.id}-${payloadId}`, largest!);
  }, 300_000);
});

describe('names that mean something to JavaScript objects, started and called', () => {
  it.each(['specs/lago-customers.yaml', 'golden/mcp-resources-prompts'])('%s', async (unitName) => {
    const unit = loadUnits().find((u) => u.name === unitName)!;
    const edits = withObjectNames(unit);
    // Each of the three names is kept somewhere (names validate refuses, such as tool names, are not).
    expect(new Set(edits.map((e) => e.text)).size, 'names accepted').toBe(3);
    const mutant = mutantOf(unit, edits);
    const result = await runPipeline(mutant.input, { templates, generator: TEST_GENERATOR, emit: true, imports: mutant.imports, ...mutant.options });
    expect(scanProject(result.files)).toEqual([]);
    await exercise(`${unit.id}-object-names`, { files: result.files, model: result.model! });
  }, 300_000);
});

describe('the MCP namespace of issue 12', () => {
  const lago = loadUnits().find((u) => u.name === 'specs/lago-customers.yaml')!;

  /** The lago seed with its MCP adapter's namespace replaced. */
  function withNamespace(namespace: string): string {
    const spec = copyData(lago.docs[0]!.data) as { capability: { exposes: { type: string; namespace: string }[] } };
    spec.capability.exposes.find((e) => e.type === 'mcp')!.namespace = namespace;
    return stringify(spec);
  }

  it.each([['m */ process.exit(7); /* '], ['mcp`${process.exit(7)}`*/"); ("']])('%s: validate and build agree, and what builds never runs it', async (namespace) => {
    const input = { file: 'issue-12.yaml', text: withNamespace(namespace), id: 'issue-12' };
    const validated = analyzeSpec(input);
    const built = await runPipeline(input, { templates, generator: TEST_GENERATOR, emit: true });
    expect(built.files.length > 0, 'validate and build agree').toBe(validated.model !== undefined);
    for (const d of built.diagnostics) {
      expect(d.message).not.toMatch(/internal error|\n\s+at /);
      expect(d.line).toBeGreaterThan(0);
    }
    if (!built.model) return;
    writeProject(work, 'issue-12', built.files);
    const copy = buildProjectCopy(join(work, 'issue-12'));
    try {
      // process.exit(7) is the payload itself: a service that runs it dies before listening.
      const service = await startService(copy, serviceEnv(built.model, upstream.url), httpAdapters(built.model));
      const client = new Client({ name: 'issue-12', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${service.urls.mcp}/mcp`)));
      expect((await client.listTools()).tools.length).toBeGreaterThan(0);
      await client.close();
      await service.stop();
    } finally {
      removeProjectCopy(copy);
    }
  }, 120_000);
});

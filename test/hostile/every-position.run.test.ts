/**
 * The every-string-position proof, run for real on a small fixed sample: a few accepted mutants
 * (the largest built group of a chosen round of a chosen unit, so hundreds of payloads at once) are
 * written out, type-checked with tsc and started, with every canary defined as a trap that writes a
 * marker file and exits 7 when any code touches it. The service must start, serve its adapters'
 * /health, list and call its tools, and never trip a trap. Then the issue's own case: an MCP
 * adapter namespace `m *\/ process.exit(7); /* ` and its template-literal variant, through validate,
 * build and, when it builds, tsc and a start that must not exit 7.
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
import { newTally } from './mutants.js';
import { copyData } from './positions.js';
import { CANARY, PAYLOADS } from './payloads.js';
import { MutantRunner, type Built } from './runner.js';
import { loadScanner } from './scan.js';
import { loadUnits } from './units.js';

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
      for (const tool of tools) await client.callTool({ name: tool.name, arguments: {} }).catch(() => undefined);
      await client.close();
    }
    if (service.urls.rest) await fetch(`${service.urls.rest}/openapi.json`);
    expect(existsSync(marker), `${id}: a canary ran as code (${existsSync(marker) ? 'see marker' : ''})`).toBe(false);
    expect(service.process.exitCode, `${id} exited`).toBeNull();
  } finally {
    await service?.stop();
    removeProjectCopy(copy);
  }
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

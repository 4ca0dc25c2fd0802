/**
 * The framework's alpha2 Shipyard tutorial as a run test: every step generated, built, started
 * against the Microcks mock of the engine CI's OpenAPI documents, and every tool and route called
 * and compared with the answer the reference engine gives for the same call
 * (fixtures/alpha2.json, worked out from the engine's source: see its `how`). Where a generated
 * service answers otherwise on purpose, the fixture says what it answers and why.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMicrocks, type MicrocksMock } from './microcks.js';
import {
  ALPHA2_TUTORIAL,
  buildTranspiled,
  callRoute,
  callTool,
  generateTutorial,
  removeDir,
  SHIPYARD_DOCUMENTS,
  startTutorialStep,
  stepNumber,
  type Answer,
  type RunningTutorialStep,
  type TutorialStep,
} from './tutorial.js';

interface Expected extends Answer {
  readonly textPrefix?: string;
}

interface Call {
  readonly id: string;
  readonly steps: readonly number[];
  readonly tool?: string;
  readonly arguments?: Record<string, unknown>;
  readonly route?: string;
  readonly request?: { method: string; url: string; body?: unknown };
  readonly engine: Expected;
  readonly generated?: Expected;
  readonly because?: string;
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/alpha2.json', import.meta.url), 'utf8')) as { calls: Call[] };
const PARITY = readFileSync(new URL('../../docs/engine-parity.md', import.meta.url), 'utf8');
const { root, steps } = await generateTutorial(ALPHA2_TUTORIAL);
let mock: MicrocksMock;

beforeAll(async () => {
  mock = await startMicrocks(SHIPYARD_DOCUMENTS());
});
afterAll(async () => {
  await mock?.close();
  removeDir(root);
});

it('generates all eleven steps', () => expect(steps.map((s) => stepNumber(s.file))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));

it('names a documented reason for every answer that differs from the engine', () => {
  for (const call of fixture.calls.filter((c) => c.generated)) {
    const anchor = call.because?.split('#')[1];
    expect(anchor, call.id).toBeDefined();
    expect(anchors(PARITY), call.id).toContain(anchor);
  }
});

describe.each(steps)('$file', (step: TutorialStep) => {
  const calls = fixture.calls.filter((c) => c.steps.includes(stepNumber(step.file)));
  let dir: string;
  let running: RunningTutorialStep;

  beforeAll(async () => {
    dir = await buildTranspiled(step.dir);
    running = await startTutorialStep(step, dir, mock);
  });
  afterAll(async () => {
    await running?.stop();
    if (dir) removeDir(dir);
  });

  it('has every tool and route called by the fixture', () => {
    expect(new Set(calls.flatMap((c) => (c.tool ? [c.tool] : [])))).toEqual(new Set(step.model.mcp?.tools.map((t) => t.name) ?? []));
    expect(new Set(calls.flatMap((c) => (c.route ? [c.route] : [])))).toEqual(new Set(step.model.rest?.routes.map((r) => r.operationId) ?? []));
  });

  it.each(calls)('$id', async (call) => {
    const answer = call.tool ? await callTool(running.mcp!, call.tool, call.arguments ?? {}) : await callRoute(running, call.request!);
    expectAnswer(answer, call.generated ?? call.engine);
  });
});

function expectAnswer(answer: Answer, expected: Expected): void {
  if (expected.status !== undefined) expect(answer.status, JSON.stringify(answer)).toBe(expected.status);
  expect(answer.isError ?? false, JSON.stringify(answer)).toBe(expected.isError ?? false);
  if (expected.json !== undefined) expect(answer.json).toEqual(expected.json);
  if (expected.text !== undefined) expect(answer.text).toBe(expected.text);
  if (expected.textPrefix !== undefined) expect(answer.text?.startsWith(expected.textPrefix), answer.text).toBe(true);
}

/** GitHub-style anchors of the Markdown headings. */
function anchors(markdown: string): string[] {
  return [...markdown.matchAll(/^#+\s+(.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
}

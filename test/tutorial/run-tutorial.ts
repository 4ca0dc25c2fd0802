/**
 * A tutorial of the reference engine as a run test, driven by one fixture file: the fixture names
 * the tutorial directory (relative to ../shared/corpus) and lists every call with the engine's
 * answer. Every step is generated, built, started against the Microcks mock of the engine CI's
 * OpenAPI documents, and every tool and route it has is called and compared. Where a generated
 * service answers otherwise on purpose, the call says what it answers (`generated`) and names the
 * section of docs/engine-parity.md that says why (`because`).
 *
 * Used by alpha2.run.test.ts and ikanos.run.test.ts (whose fixture takes alpha2's calls).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMicrocks, type MicrocksMock } from './microcks.js';
import {
  buildTranspiled,
  callRoute,
  callTool,
  corpusPath,
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
  /** The text starts with this (the engine's text embeds a Java exception message). */
  readonly textPrefix?: string;
}

export interface TutorialCall {
  readonly id: string;
  /** The step numbers whose services have this tool or route. */
  readonly steps: readonly number[];
  readonly tool?: string;
  readonly arguments?: Record<string, unknown>;
  /** The REST operationId the request reaches. */
  readonly route?: string;
  readonly request?: { method: string; url: string; body?: unknown };
  /** What the engine answers, worked out from its source (never captured from a generated service). */
  readonly engine: Expected;
  /** What a generated service answers where it differs on purpose. */
  readonly generated?: Expected;
  /** `docs/engine-parity.md#<section>` saying why. */
  readonly because?: string;
}

export interface TutorialFixture {
  /** The tutorial directory, relative to ../shared/corpus. */
  readonly tutorial: string;
  /** The step numbers the tutorial has; every one must generate. */
  readonly steps: readonly number[];
  /** The calls, or the fixture file (beside this one) whose calls apply unchanged. */
  readonly calls: readonly TutorialCall[] | { readonly from: string };
}

const PARITY = readFileSync(new URL('../../docs/engine-parity.md', import.meta.url), 'utf8');

/** Declares the vitest suite of one tutorial (call at the top level of a test file, awaited). */
export async function defineTutorialRun(fixtureUrl: URL): Promise<void> {
  const fixture = JSON.parse(readFileSync(fixtureUrl, 'utf8')) as TutorialFixture;
  const allCalls = callsOf(fixture, fixtureUrl);
  const { root, steps } = await generateTutorial(corpusPath(fixture.tutorial));
  let mock: MicrocksMock;

  beforeAll(async () => {
    mock = await startMicrocks(SHIPYARD_DOCUMENTS());
  });
  afterAll(async () => {
    await mock?.close();
    removeDir(root);
  });

  it(`generates every step (${fixture.steps.length})`, () => expect(steps.map((s) => stepNumber(s.file))).toEqual(fixture.steps));

  it('names a documented reason for every answer that differs from the engine', () => {
    const sections = anchors(PARITY);
    for (const call of allCalls.filter((c) => c.generated)) {
      const anchor = call.because?.split('#')[1];
      expect(anchor, call.id).toBeDefined();
      expect(sections, call.id).toContain(anchor);
    }
  });

  describe.each(steps)('$file', (step: TutorialStep) => {
    const calls = allCalls.filter((c) => c.steps.includes(stepNumber(step.file)));
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
}

/** A fixture's own calls, or those of the fixture it names (a tutorial whose steps generate the same services). */
function callsOf(fixture: TutorialFixture, fixtureUrl: URL): readonly TutorialCall[] {
  if (Array.isArray(fixture.calls)) return fixture.calls;
  const { from } = fixture.calls as { from: string };
  return (JSON.parse(readFileSync(new URL(from, fixtureUrl), 'utf8')) as TutorialFixture).calls as readonly TutorialCall[];
}

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

/**
 * The official framework's alpha2 examples, run: every one that generates today is built outside
 * the repository, started against one recording fake upstream standing in for every consumed API,
 * and called on every REST operation of its openapi.json, every forward, every MCP tool, resource
 * and prompt (through the SDK client), its skill catalogue and its control endpoints. Nothing here
 * is listed by hand: an example that starts to generate is run automatically.
 */
import { afterAll, expect, it } from 'vitest';
import { describeExampleRuns } from '../helpers/example-runs.js';
import { generateFrameworkExamples } from '../helpers/framework-examples.js';
import { removeProjectCopy } from '../helpers/service.js';

/** 35 generate today; fewer means examples stopped generating, and fewer are run. */
const MIN_EXAMPLES = 30;
const startedAt = performance.now();
const { root, examples } = await generateFrameworkExamples();
/** Examples whose service started (reported with the wall time). */
let ran = 0;

afterAll(() => {
  removeProjectCopy(root);
  console.log(`framework examples: ${ran} run in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (generation included)`);
});

describeExampleRuns(examples, () => ran++);

// An example that fails to build or start fails every test in its block; this guards the count.
it(`generates at least ${MIN_EXAMPLES} framework examples to run`, () => {
  expect(examples.length).toBeGreaterThanOrEqual(MIN_EXAMPLES);
});

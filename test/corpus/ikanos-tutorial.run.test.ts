/**
 * The Ikanos engine's Shipyard tutorial (modules/ikanos-docs/tutorial, steps 1-11, Ikanos
 * 1.0.0-beta5), run like the framework's alpha2 examples: each step that generates is built,
 * started against the recording fake upstream standing in for the maritime registry and the
 * legacy dockyard APIs, and called on every REST route, MCP tool, resource and prompt and its skill
 * catalogue, checking the upstream traffic and credentials each call implies.
 */
import { afterAll, expect, it } from 'vitest';
import { describeExampleRuns } from '../helpers/example-runs.js';
import { generateFrameworkExamples, IKANOS_GROUP } from '../helpers/framework-examples.js';
import { removeProjectCopy } from '../helpers/service.js';

const TUTORIAL = /\/modules\/ikanos-docs\/tutorial\/step-\d+-[^/]+\.yml$/;
const startedAt = performance.now();
const { root, examples } = await generateFrameworkExamples((e) => e.group === IKANOS_GROUP && TUTORIAL.test(e.path));
let ran = 0;

afterAll(() => {
  removeProjectCopy(root);
  console.log(`Ikanos tutorial: ${ran} steps run in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (generation included)`);
});

describeExampleRuns(examples, () => ran++);

const STEPS = [
  'step-1-shipyard-mock',
  'step-2-shipyard-wiring',
  'step-3-shipyard-auth',
  'step-4-shipyard-output-shaping',
  'step-5-shipyard-multi-source',
  'step-6-shipyard-write-operations',
  'step-7-shipyard-orchestrated-lookup',
  'step-8-shipyard-skill-groups',
  'step-9-shipyard-aggregates',
  'step-10-shipyard-rest-adapter',
  'step-11-shipyard-fleet-manifest',
];

it('generates every one of the 11 tutorial steps', () => {
  expect(examples.map((e) => e.id).sort()).toEqual([...STEPS].sort());
});

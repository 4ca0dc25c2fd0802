/**
 * The Ikanos engine's Shipyard tutorial (modules/ikanos-docs/tutorial, Ikanos 1.0.0-beta5) as a run
 * test (run-tutorial.ts): the eleven steps against the same Microcks mock, every tool and route
 * compared with the engine's answer (fixtures/ikanos.json: see its `how`).
 */
import { defineTutorialRun } from './run-tutorial.js';

await defineTutorialRun(new URL('./fixtures/ikanos.json', import.meta.url));

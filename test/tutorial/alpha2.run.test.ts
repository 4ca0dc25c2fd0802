/**
 * The framework's alpha2 Shipyard tutorial as a run test (run-tutorial.ts): eleven steps, every
 * tool and route compared with the reference engine's answer (fixtures/alpha2.json, worked out
 * from the engine's source: see its `how`).
 */
import { defineTutorialRun } from './run-tutorial.js';

await defineTutorialRun(new URL('./fixtures/alpha2.json', import.meta.url));

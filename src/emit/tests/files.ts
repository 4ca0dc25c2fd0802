/** The generated test suite of a project: a harness, and one test file per adapter the spec exposes. */
import type { CapabilityModel } from '../../model/types.js';
import type { GeneratedFile } from '../types.js';
import { emitControlTests, emitSkillTests } from './catalogue-tests.js';
import { emitHarness } from './harness.js';
import { emitMcpTests } from './mcp-tests.js';
import { emitRestTests } from './rest-tests.js';

export function emitTestFiles(model: CapabilityModel): GeneratedFile[] {
  return [
    emitHarness(model),
    ...(model.rest ? [emitRestTests(model)] : []),
    ...(model.mcp ? [emitMcpTests(model)] : []),
    ...(model.skill ? [emitSkillTests(model)] : []),
    ...(model.control ? [emitControlTests(model)] : []),
  ];
}

/** The generator's and the generated tests' runtime's ExpectedRequest types stay the same (see the fixture). */
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { tsc } from '../helpers/tsc.js';

it('the expectations the generator writes are what the tests read, and back', () => {
  const file = fileURLToPath(new URL('./fixtures/expected-request-contract.ts', import.meta.url));
  const options = ['--ignoreConfig', '--strict', '--exactOptionalPropertyTypes', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node', '--noEmit'];
  const { status, output } = tsc([...options, file]);
  expect(output).toBe('');
  expect(status).toBe(0);
});

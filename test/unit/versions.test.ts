/** Generated projects pin exactly the versions this repository tests with. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_DEPENDENCIES, GENERATED_DEV_DEPENDENCIES } from '../../src/emit/versions.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };

describe('generated dependency versions', () => {
  it.each(Object.entries({ ...GENERATED_DEPENDENCIES, ...GENERATED_DEV_DEPENDENCIES }))('%s is %s here too', (name, version) => {
    const root = name === 'zod' ? (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> }).dependencies[name] : pkg.devDependencies[name];
    expect(root).toBe(version);
  });
});

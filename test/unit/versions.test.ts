/** Generated projects pin exactly the versions this repository tests with, on the Node lines CI runs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCKER_NODE_VERSION, GENERATED_DEPENDENCIES, GENERATED_DEV_DEPENDENCIES, NODE_ENGINES } from '../../src/emit/versions.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
/** The exact binaries CI installs (scripts/node-binaries.mjs), by line. */
const ciNodes = Object.fromEntries(
  [...readFileSync(new URL('../../scripts/node-binaries.mjs', import.meta.url), 'utf8').matchAll(/(\d+): '(\d+\.\d+\.\d+)'/g)].map((m) => [m[1]!, m[2]!]),
);

describe('generated dependency versions', () => {
  it.each(Object.entries({ ...GENERATED_DEPENDENCIES, ...GENERATED_DEV_DEPENDENCIES }))('%s is %s here too', (name, version) => {
    // zod and yaml are the generator's own dependencies too.
    const root = name === 'zod' || name === 'yaml' ? pkg.dependencies[name] : pkg.devDependencies[name];
    expect(root).toBe(version);
  });

  it('defaults the Dockerfile to the Node 24 release CI tests on, with @types/node of that line', () => {
    expect(Object.keys(ciNodes).sort()).toEqual(['22', '24']);
    expect(ciNodes['24']!.startsWith(`${DOCKER_NODE_VERSION}.`)).toBe(true);
    expect(GENERATED_DEV_DEPENDENCIES['@types/node']!.split('.')[0]).toBe('24');
  });

  it('states in engines exactly the lines that are tested: 20.19+, 22 and 24', () => {
    expect(NODE_ENGINES.split(' || ').map((range) => range.replace(/^\^/, '').split('.')[0])).toEqual(['20', '22', '24']);
    expect(NODE_ENGINES).toContain('^20.19.0');
    expect(ciNodes['22']! >= '22.12.0').toBe(true);
  });
});

/** Every generated project and its generated tests type-check under its own emitted tsconfig (strict, no unused code). */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tsc } from '../helpers/tsc.js';
import { CASES_DIR, GENERATED_DIR } from '../helpers/cases.js';

const projects = [
  ...readdirSync(CASES_DIR)
    .map((name) => join(CASES_DIR, name, 'expected'))
    .filter((dir) => existsSync(dir)),
  ...readdirSync(GENERATED_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(GENERATED_DIR, e.name)),
];

describe('generated projects type-check, their tests included', () => {
  it.each(projects)('%s', (dir) => {
    const { status, output } = tsc(['-p', join(dir, 'tsconfig.test.json'), '--noEmit']);
    expect(output).toBe('');
    expect(status).toBe(0);
  });
});

/** A case's types.check.ts asserts facts about its generated types (e.g. mapped outputs are not unknown). */
const checks = readdirSync(CASES_DIR)
  .map((name) => join(CASES_DIR, name, 'types.check.ts'))
  .filter((file) => existsSync(file));

describe('generated types meet their cases\' compile-time checks', () => {
  it.each(checks)('%s', (file) => {
    const options = ['--ignoreConfig', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', '--types', 'node'];
    const { status, output } = tsc([...options, '--noEmit', file]);
    expect(output).toBe('');
    expect(status).toBe(0);
  });
});

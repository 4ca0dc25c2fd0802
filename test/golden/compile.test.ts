/** Every generated project and its generated tests type-check under its own emitted tsconfig (strict, no unused code). */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject } from '../helpers/npm-test.js';
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

/** The "Customising this service" example of a project's README is real code: it compiles as that project's src/hooks.ts. */
describe("the README's hooks example compiles in its project", () => {
  const seeds = readdirSync(GENERATED_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(GENERATED_DIR, e.name));
  it.each(seeds)('%s', (dir) => {
    const copy = copyProject(dir);
    try {
      const readme = readFileSync(join(copy, 'README.md'), 'utf8');
      const start = readme.indexOf("import { defineHooks } from './hooks.gen.js';");
      expect(start).toBeGreaterThan(0);
      writeFileSync(join(copy, 'src/hooks.ts'), readme.slice(start, readme.indexOf('```', start)));
      const { status, output } = tsc(['-p', join(copy, 'tsconfig.test.json'), '--noEmit']);
      expect(output).toBe('');
      expect(status).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

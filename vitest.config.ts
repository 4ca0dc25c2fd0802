import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Golden projects carry their own node:test suites (run by test/run/generated-tests.run.test.ts).
    exclude: [...configDefaults.exclude, 'test/golden/cases/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generated projects carry their own node:test suites (run by test/run/generated-tests.run.test.ts):
    // the golden ones, and the corpus projects test/corpus writes under test/.tmp (which a second
    // pass, on Node 24, would otherwise collect).
    exclude: [...configDefaults.exclude, 'test/golden/cases/**', 'test/.tmp/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});

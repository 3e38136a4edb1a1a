import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,etl,api,data,migrations,web,test}/**/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['test/support/globalSetup.ts'],
    // Each embedded engine takes about 1 GB and a core: two test files at a time on this 2-core machine.
    pool: 'forks',
    maxWorkers: 2,
    // Memory tests measure the heap after a forced collection.
    execArgv: ['--expose-gc'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});

// Vitest: the suite under test/, mirroring src/, run in Node.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // The largest inputs (a megabyte of source, 10,000 levels of parentheses) take a few seconds.
    testTimeout: 30_000,
  },
});

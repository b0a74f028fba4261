// The playground's end-to-end tests: the built site served locally, driven in headless Chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test-browser/**/*.test.ts'],
    globalSetup: ['test-browser/serve.ts'],
    // One browser, one page at a time: the machine is small and the training test takes seconds.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

// Serves web/dist (built by `npm run build:web`) on a free local port for the browser tests, after
// checking that Chromium is there: without it the run fails here, before any test, rather than
// reporting the tests as skipped.
import { existsSync } from 'node:fs';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { requireChromium } from './browser';

export default async function serve(project: TestProject): Promise<() => Promise<void>> {
  requireChromium();
  if (!existsSync('web/dist/index.html')) throw new Error('web/dist is not built: run `npm run build:web` (npm run test:browser does)');
  const server = await preview({ configFile: 'web/vite.config.ts', preview: { port: 0, strictPort: false, host: '127.0.0.1' }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its address');
  project.provide('baseUrl', url);
  return () => new Promise<void>((resolve, reject) => server.httpServer.close((err) => (err ? reject(err) : resolve())));
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    shims: true,
    sourcemap: true,
    target: 'node20',
    external: ['@tensorflow/tfjs'],
  },
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    // Each command's action imports what it runs; split into chunks, start-up loads none of them.
    splitting: true,
    sourcemap: true,
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // nearley and moo are CommonJS: imported from the ESM bundle as packages, Node's translation
    // of them cost `eval` more CPU at start-up than all the rest of its work (bench/startup.ts).
    noExternal: ['nearley', 'moo'],
    define: { GRADLAB_VERSION: JSON.stringify(version) },
    // An optional peer of the benchmark harness: loaded at run time when installed, never bundled.
    external: ['@tensorflow/tfjs'],
  },
]);

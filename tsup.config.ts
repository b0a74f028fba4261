import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig([
  // The library: the core (browser-safe, no Node built-in, so no shims), gradlab/nn and the
  // Node-only gradlab/bench. Shared code goes to chunks, in CJS too, so that state the entries share
  // (the digits handed over by loadDigits) is one module, not a copy per entry. No source maps:
  // the output is unminified, readable as it is, and maps with full sources would double the tarball.
  {
    entry: { index: 'src/index.ts', nn: 'src/nn.ts', bench: 'src/bench.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    shims: false,
    splitting: true,
    sourcemap: false,
    target: 'es2022',
    // Optional peers, loaded at run time when installed, never bundled.
    external: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@jax-js/jax', 'vega', 'vega-lite', 'mnist'],
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
    // Optional peers of the benchmark harness: loaded at run time when installed, never bundled.
    external: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@jax-js/jax'],
  },
]);

// The training study's peers: TF.js on its CPU and WASM backends and jax-js each run the same
// step when installed (the WASM binaries found in node_modules, nothing downloaded), and each is
// reported unavailable, with the package to install, when it is not.
import { afterEach, describe, expect, it, vi } from 'vitest';

const SMALL = { networks: [[4, 3, 2]], batch: 4, budget: 0.02, methods: ['manual'] as const };

afterEach(() => {
  vi.doUnmock('@jax-js/jax');
  vi.doUnmock('@tensorflow/tfjs-backend-wasm');
  vi.resetModules();
});

describe('installed (as here)', () => {
  it('each peer times a step beside manual, its note naming backend and precision', async () => {
    const { trainingStudy } = await import('../../src/harness/studies/training');
    const rows = await trainingStudy({ ...SMALL, tfjs: true });
    const by = Object.fromEntries(rows.map((r) => [r.method, r]));
    expect(Object.keys(by)).toEqual(['manual', 'tfjs', 'tfjs-wasm', 'jax-js']);
    for (const m of ['tfjs', 'tfjs-wasm', 'jax-js']) {
      expect(by[m].secondsPerStep).toBeGreaterThan(0);
      expect(by[m].ratioToManual).toBeGreaterThan(0);
    }
    expect(by.tfjs.note).toMatch(/cpu backend, float32/);
    expect(by['tfjs-wasm'].note).toMatch(/wasm backend, float32/);
    expect(by['jax-js'].note).toMatch(/wasm device, float64/);
  });

  it('TF.js is back on its CPU backend after the WASM one ran', async () => {
    const { loadTfjs, loadTfjsWasm } = await import('../../src/harness/tfjs');
    expect(typeof (await loadTfjsWasm())).not.toBe('string');
    expect((await loadTfjs())!.getBackend()).toBe('cpu');
  });

  it('peers off: each row says not run', async () => {
    const { trainingStudy } = await import('../../src/harness/studies/training');
    const rows = await trainingStudy({ ...SMALL, tfjs: false });
    expect(rows.filter((r) => r.method !== 'manual').map((r) => [r.method, r.secondsPerStep, r.note])).toEqual([
      ['tfjs', null, 'not run'],
      ['tfjs-wasm', null, 'not run'],
      ['jax-js', null, 'not run'],
    ]);
  });
});

describe('not installed', () => {
  it.each([
    ['@jax-js/jax', 'jax-js', /@jax-js\/jax not installed \(an optional peer: npm install @jax-js\/jax\)/],
    ['@tensorflow/tfjs-backend-wasm', 'tfjs-wasm', /@tensorflow\/tfjs-backend-wasm not installed \(an optional peer: npm install @tensorflow\/tfjs-backend-wasm\)/],
  ] as const)('%s: its row is null with the message, the others still run', async (pkg, method, message) => {
    vi.resetModules();
    vi.doMock(pkg, () => {
      throw new Error(`Cannot find package '${pkg}'`);
    });
    const { trainingStudy } = await import('../../src/harness/studies/training');
    const rows = await trainingStudy({ ...SMALL, tfjs: true });
    const row = rows.find((r) => r.method === method)!;
    expect(row.secondsPerStep).toBeNull();
    expect(row.note).toMatch(message);
    expect(rows.find((r) => r.method === 'tfjs')!.secondsPerStep).toBeGreaterThan(0);
  });
});

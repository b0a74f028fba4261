// Every training method computes the same gradient of the same batch loss: the four
// differentiators against hand-derived backprop, and backprop against central differences of the
// typed-array forward pass; each returns the loss that meanLoss gives.
import { describe, expect, it } from 'vitest';
import {
  architecture, forwardPass, meanLoss, parameterCount,
  type Activation, type Architecture, type LossName, type OutputActivation,
} from '../../src/nn/network';
import { Rng } from '../../src/nn/rng';
import { gradientStep, TRAIN_METHODS, type TrainMethod } from '../../src/nn/train';

interface Case {
  readonly name: string;
  readonly arch: Architecture;
  readonly n: number;
}

const NETWORKS: [number[], Activation, LossName, OutputActivation?][] = [
  [[2, 3, 1],    'sigmoid', 'bce'],
  [[3, 4, 2],    'tanh',    'ce'],
  [[2, 5, 4, 1], 'relu',    'mse'],
  [[4, 3, 3],    'sigmoid', 'mse', 'sigmoid'],
];
const BATCHES = [1, 5];

const CASES: Case[] = NETWORKS.flatMap(([sizes, activation, loss, output]) =>
  BATCHES.map((n) => {
    const arch = architecture(sizes, activation, loss, output);
    return { name: `${sizes.join('-')} ${activation}, ${arch.output} + ${loss}, batch ${n}`, arch, n };
  }),
);

/** Exact methods carry only float64 rounding; finite differences also truncation. */
const TOLERANCE: Record<TrainMethod, number> = { finite: 1e-6, symbolic: 1e-10, forward: 1e-10, reverse: 1e-10, manual: 1e-10 };

/** Parameters, inputs and targets drawn from one seed. Every parameter, biases too, is random:
 *  zero biases would put a dead ReLU unit's successors exactly on the kink at 0. */
function batchOf({ arch, n }: Case, seed = 11) {
  const rng = new Rng(seed);
  const [d, k] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
  const params = Float64Array.from({ length: parameterCount(arch) }, () => 0.7 * rng.normal());
  const x = Float64Array.from({ length: n * d }, () => rng.normal());
  const y = new Float64Array(n * k);
  for (let s = 0; s < n; s++) {
    if (arch.loss === 'ce') y[s * k + rng.int(k)] = 1;
    else if (arch.loss === 'bce') y[s] = rng.int(2);
    else for (let j = 0; j < k; j++) y[s * k + j] = rng.uniform();
  }
  return { params, x, y };
}

function lossAt(arch: Architecture, params: Float64Array, x: Float64Array, y: Float64Array, n: number): number {
  const { z, a } = forwardPass(arch, params, x, n);
  return meanLoss(arch, z[z.length - 1], a[a.length - 1], y, n);
}

/** Central differences of the forward pass, independent of every method under test. */
function centralDifferences(arch: Architecture, params: Float64Array, x: Float64Array, y: Float64Array, n: number): Float64Array {
  const g = new Float64Array(params.length);
  const p = Float64Array.from(params);
  for (let i = 0; i < p.length; i++) {
    const h = 1e-6 * Math.max(1, Math.abs(params[i]));
    p[i] = params[i] + h;
    const up = lossAt(arch, p, x, y, n);
    p[i] = params[i] - h;
    const down = lossAt(arch, p, x, y, n);
    p[i] = params[i];
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/** The largest |got − want| relative to max(1, |want|), entry by entry. */
function worstError(got: Float64Array, want: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
  return worst;
}

function gradientBy(method: TrainMethod, c: Case): { grad: Float64Array; loss: number } {
  const { params, x, y } = batchOf(c);
  const grad = new Float64Array(params.length).fill(NaN);
  const loss = gradientStep(c.arch, method)(params, x, y, c.n, grad);
  return { grad, loss };
}

describe('the batch is away from every ReLU kink', () => {
  // Central differences straddling a kink would disagree with every exact method, for no fault of theirs.
  it.each(CASES.filter((c) => c.arch.activation === 'relu').map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { params, x } = batchOf(c);
    const { z } = forwardPass(c.arch, params, x, c.n);
    const nearest = Math.min(...z.slice(0, -1).flatMap((zl) => Array.from(zl, Math.abs)));
    expect(nearest).toBeGreaterThan(1e-3);
  });
});

describe.each(TRAIN_METHODS.filter((m) => m !== 'manual'))('%s', (method) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: the gradient of hand-derived backprop', (_, c) => {
    const want = gradientBy('manual', c).grad;
    const { grad } = gradientBy(method, c);
    expect(worstError(grad, want)).toBeLessThan(TOLERANCE[method]);
  });
});

describe('manual', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: the gradient of central differences of the forward pass', (_, c) => {
    const { params, x, y } = batchOf(c);
    const want = centralDifferences(c.arch, params, x, y, c.n);
    expect(worstError(gradientBy('manual', c).grad, want)).toBeLessThan(1e-6);
  });
});

describe.each(TRAIN_METHODS)('%s returns the loss', (method) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: meanLoss of the forward pass', (_, c) => {
    const { params, x, y } = batchOf(c);
    const want = lossAt(c.arch, params, x, y, c.n);
    expect(Math.abs(gradientBy(method, c).loss - want)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));
  });
});

describe('a gradient step', () => {
  it.each(TRAIN_METHODS)('%s leaves the parameters and the batch as they were', (method) => {
    const c = CASES[3];
    const { params, x, y } = batchOf(c);
    const copies = [params, x, y].map((v) => Float64Array.from(v));
    gradientStep(c.arch, method)(params, x, y, c.n, new Float64Array(params.length));
    expect([params, x, y]).toEqual(copies);
  });

  it.each(TRAIN_METHODS)('%s handles batches of different sizes with one step function', (method) => {
    // Training's last batch is often smaller; a graph kept for the first size must not be reused.
    const [big, small] = [CASES[1], CASES[0]];
    const step = gradientStep(big.arch, method);
    for (const c of [big, small, big]) {
      const { params, x, y } = batchOf(c);
      const grad = new Float64Array(params.length);
      expect(step(params, x, y, c.n, grad)).toBeCloseTo(lossAt(c.arch, params, x, y, c.n), 12);
      expect(worstError(grad, gradientBy('manual', c).grad)).toBeLessThan(TOLERANCE[method]);
    }
  });
});

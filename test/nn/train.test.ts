// Training: replayable from a seed, good enough on the classic problems by every method, batching,
// clipping, weight decay and divergence as promised.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset, type Dataset, type DatasetName } from '../../src/nn/data';
import { architecture, initialise, layersOf, type Activation, type Architecture, type LossName } from '../../src/nn/network';
import type { OptimizerName } from '../../src/nn/optimizers';
import { Rng } from '../../src/nn/rng';
import { train, TRAIN_METHODS, type TrainOptions, type TrainResult } from '../../src/nn/train';

const data = new Map<DatasetName, Dataset>();
/** Each dataset with its default data seed, loaded once. */
const load = (name: DatasetName): Dataset => data.get(name) ?? data.set(name, loadDataset(name)).get(name)!;

const bits = (v: Float64Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));

/** The weights alone, every layer's W without its b. */
const weightsOf = (arch: Architecture, params: Float64Array) => layersOf(arch).flatMap((l) => Array.from(params.subarray(l.weights, l.biases)));

const MOONS = architecture([2, 16, 16, 1], 'relu', 'bce');
const QUICK: TrainOptions = { optimizer: 'adam', lr: 0.01, batch: 32, epochs: 5 };

describe('reproducibility', () => {
  it.each(['reverse', 'manual'] as const)('%s: the same seed gives bit-identical parameters and history', (method) => {
    const [a, b] = [1, 2].map(() => train(MOONS, load('moons'), { ...QUICK, method, seed: 7 }));
    expect(bits(a.params)).toBe(bits(b.params));
    expect(a.history).toEqual(b.history);
    expect(a.steps).toBe(b.steps);
  });

  it.each(['reverse', 'manual'] as const)('%s: a different seed gives different parameters and history', (method) => {
    const [a, b] = [7, 8].map((seed) => train(MOONS, load('moons'), { ...QUICK, method, seed }));
    expect(bits(a.params)).not.toBe(bits(b.params));
    expect(a.history).not.toEqual(b.history);
  });

  it('a different seed also shuffles differently: the same start diverges by the order of the batches', () => {
    const params = initialise(MOONS, new Rng(3));
    const [a, b] = [7, 8].map((seed) => train(MOONS, load('moons'), { ...QUICK, epochs: 1, method: 'manual', seed, params }));
    expect(bits(a.params)).not.toBe(bits(b.params));
  });
});

// XOR: 2-4-1 tanh, bce, Adam lr 0.1, full batch (4), 100 epochs, seed 1. Of seeds 1 to 20, only
// 3 and 4 start this network where it settles in a local minimum at 50%.
const XOR = architecture([2, 4, 1], 'tanh', 'bce');
const XOR_RUN: TrainOptions = { optimizer: 'adam', lr: 0.1, batch: 4, epochs: 100, seed: 1 };

describe('XOR', () => {
  let reverse: TrainResult;
  beforeAll(() => {
    reverse = train(XOR, load('xor'), { ...XOR_RUN, method: 'reverse' });
  });

  it('is solved by reverse', () => {
    expect(reverse.test.accuracy).toBe(1);
    expect(reverse.train.loss).toBeLessThan(0.05);
  });

  it.each(TRAIN_METHODS.filter((m) => m !== 'reverse'))('%s reaches what reverse reaches', (method) => {
    const r = train(XOR, load('xor'), { ...XOR_RUN, method });
    expect(r.test.accuracy).toBe(reverse.test.accuracy);
    expect(Math.abs(r.train.loss - reverse.train.loss)).toBeLessThan(1e-6);
  });
});

/** Dataset, network, optimizer settings, and the test accuracy each run must reach. */
const QUALITY: [DatasetName, number[], Activation, LossName, OptimizerName, number, number, number, number][] = [
  // data     layers          act        loss   opt     lr    batch epochs minimum
  ['moons',   [2, 16, 16, 1], 'relu',    'bce', 'adam', 0.01, 32,   100,   0.97],
  ['circles', [2, 16, 16, 1], 'relu',    'bce', 'adam', 0.01, 32,   100,   0.97],
  // Iris's test split has 39 flowers, so 95% allows one mistake. Two virginicas in it (test rows
  // 12 and 26 with data seed 0) lie among the versicolors; networks that fit the training split
  // closely (tanh 4-16-3, and most with 8 or more hidden units) miss both: 94.9%. Four sigmoid
  // units with Adam at 0.01 keep the boundary smooth: 97.4% with 16 of 20 initialisation seeds
  // at epoch 500, and for seed 1 at every epoch from 400 to 600.
  ['iris',    [4, 4, 3],      'sigmoid', 'ce',  'adam', 0.01, 16,   400,   0.95],
];

describe.each(['reverse', 'manual'] as const)('%s reaches the promised test accuracy', (method) => {
  it.each(QUALITY)('%s: %j %s %s, %s lr %d, batch %d, %d epochs: ≥ %d', (name, sizes, act, loss, optimizer, lr, batch, epochs, minimum) => {
    const r = train(architecture(sizes, act, loss), load(name), { method, optimizer, lr, batch, epochs, seed: 1 });
    expect(r.diverged).toBeUndefined();
    expect(r.test.accuracy).toBeGreaterThanOrEqual(minimum);
  });
});

describe('batching', () => {
  const n = load('moons').train.n;
  // The last batch of an epoch takes what is left, so an epoch is ⌈n/m⌉ steps.
  it.each([
    ['full batch',  'manual',  n,     1],
    ['stochastic',  'manual',  1,     n],
    ['mini-batch',  'manual',  32,    Math.ceil(n / 32)],
    ['mini-batch',  'manual',  7,     Math.ceil(n / 7)],
    ['mini-batch',  'reverse', 32,    Math.ceil(n / 32)],
    ['over-full',   'manual',  n + 5, 1],
  ] as const)('%s (%s, batch %d): steps per epoch = %d', (_, method, batch, perEpoch) => {
    const epochs = 2;
    const counts: number[] = [];
    let steps = 0;
    const r = train(MOONS, load('moons'), {
      method, batch, epochs, optimizer: 'sgd', lr: 0.01, seed: 1,
      onStep: () => steps++,
      onEpoch: () => counts.push(steps),
    });
    expect(counts).toEqual([perEpoch, 2 * perEpoch]);
    expect(r.steps).toBe(epochs * perEpoch);
  });
});

describe('clipping by norm', () => {
  // With plain SGD and no decay a step moves the parameters by exactly −η·g, so the gradient each
  // step applied is (before − after)/η.
  const LR = 0.1;
  const C = 0.05;
  function appliedNorms(clipNorm?: number): number[] {
    const start = initialise(MOONS, new Rng(4));
    let before = Float64Array.from(start);
    const norms: number[] = [];
    train(MOONS, load('moons'), {
      method: 'manual', optimizer: 'sgd', lr: LR, batch: 32, epochs: 3, seed: 1, params: start, clipNorm,
      onStep: (params) => {
        norms.push(norm(params.map((p, i) => (before[i] - p) / LR)));
        before = Float64Array.from(params);
      },
    });
    return norms;
  }

  it('without it, the gradient is larger than c at some step', () => {
    expect(Math.max(...appliedNorms())).toBeGreaterThan(2 * C);
  });

  it('keeps the gradient of every step at norm ≤ c, and rescales the larger ones to c', () => {
    const free = appliedNorms();
    const clipped = appliedNorms(C);
    expect(clipped).toHaveLength(free.length);
    for (const g of clipped) expect(g).toBeLessThanOrEqual(C * (1 + 1e-9));
    expect(clipped.filter((g) => Math.abs(g - C) < 1e-9 * C).length).toBeGreaterThan(clipped.length / 2);
  });
});

describe('divergence', () => {
  const REGRESSION = architecture([1, 16, 16, 1], 'relu', 'mse');
  const EPOCHS = 50;

  it.each(['reverse', 'manual'] as const)('%s: sgd at lr 1e6 stops early and says where', (method) => {
    const r = train(REGRESSION, load('regression'), { method, optimizer: 'sgd', lr: 1e6, batch: 32, epochs: EPOCHS, seed: 1 });
    expect(r.diverged).toBeDefined();
    expect(r.diverged).toMatch(/\bepoch \d+\b/);
    expect(r.diverged).toMatch(/\blayer \d+\b|\bthe loss\b/);
    expect(r.epochs).toBeLessThan(EPOCHS);
    expect(r.history.length).toBe(r.epochs);
    expect(r.steps).toBeLessThan(EPOCHS * Math.ceil(load('regression').train.n / 32));
  });

  it.each(['reverse', 'manual'] as const)('%s: a sane learning rate does not set it', (method) => {
    const r = train(REGRESSION, load('regression'), { method, optimizer: 'sgd', lr: 0.01, batch: 32, epochs: 5, seed: 1 });
    expect(r.diverged).toBeUndefined();
    expect(r.epochs).toBe(5);
  });
});

describe('weight decay', () => {
  it.each([
    ['sgd',  0.1,  1e-2],
    ['adam', 0.01, 1e-2],
  ] as const)('%s (lr %d): λ = %d leaves smaller weights than none', (optimizer, lr, weightDecay) => {
    const run = (decay: number) => train(MOONS, load('moons'), { method: 'manual', optimizer, lr, batch: 32, epochs: 20, seed: 1, weightDecay: decay });
    const [free, decayed] = [run(0), run(weightDecay)];
    expect(norm(weightsOf(MOONS, decayed.params))).toBeLessThan(0.95 * norm(weightsOf(MOONS, free.params)));
  });
});

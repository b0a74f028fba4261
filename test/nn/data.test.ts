// The datasets: replayable from a seed, the promised shapes and balance, scaled on the training split only.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/errors';
import { DATASETS, loadDataset, type DataOptions, type Dataset, type DatasetName, type Split } from '../../src/nn/data';
import { loadDigits } from '../../src/nn/digits';
import { caught } from '../support/helpers';

// The digits come from the optional peer `mnist`, imported once by loadDigits.
beforeAll(() => loadDigits());

/** Options that keep each load quick: digits are cut to 20 images a digit. */
const QUICK: Record<DatasetName, DataOptions> = {
  xor: {}, moons: {}, circles: {}, spirals: {}, regression: {}, iris: {}, digits: { perClass: 20, downsample: 4 },
};
const load = (name: DatasetName, options: DataOptions = {}) => loadDataset(name, { ...QUICK[name], ...options });

/** Name, task, features, outputs, classes, rows of each class before splitting (one entry for regression). */
const SHAPES: [DatasetName, string, number, number, number, number[]][] = [
  ['xor',        'binary',     2,  1,  2,  [2, 2]],
  ['moons',      'binary',     2,  1,  2,  [200, 200]],
  ['circles',    'binary',     2,  1,  2,  [200, 200]],
  ['spirals',    'binary',     2,  1,  2,  [200, 200]],
  ['regression', 'regression', 1,  1,  0,  [200]],
  ['iris',       'multiclass', 4,  3,  3,  [50, 50, 50]],
  ['digits',     'multiclass', 49, 10, 10, new Array(10).fill(20)],
];

const STANDARDISED = DATASETS.filter((name) => name !== 'xor' && name !== 'digits');
const CLASSIFIED = DATASETS.filter((name) => name !== 'regression');

const column = (s: Split, d: number, j: number) => Array.from({ length: s.n }, (_, i) => s.x[i * d + j]);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};
const counts = (labels: Int32Array, k: number) => Array.from({ length: k }, (_, c) => labels.filter((l) => l === c).length);

describe('reproducibility', () => {
  it.each(DATASETS)('%s: the same seed gives identical splits', (name) => {
    expect(load(name, { seed: 3 })).toEqual(load(name, { seed: 3 }));
  });

  it.each(DATASETS.filter((name) => name !== 'xor'))('%s: a different seed gives different data', (name) => {
    const a = load(name, { seed: 3 });
    const b = load(name, { seed: 4 });
    expect(a.train.x).not.toEqual(b.train.x);
    expect(a.test.y).not.toEqual(b.test.y);
  });

  it('xor is the same four points whatever the seed', () => {
    expect(load('xor', { seed: 1 })).toEqual(load('xor', { seed: 2 }));
  });
});

describe('shapes and balance', () => {
  it.each(SHAPES)('%s is %s with %d features, %d outputs, %d classes', (name, task, features, outputs, classes, perClass) => {
    const d = load(name);
    expect([d.name, d.task, d.features, d.outputs, d.classes]).toEqual([name, task, features, outputs, classes]);
    for (const s of [d.train, d.test]) {
      expect([s.x.length, s.y.length, s.label.length]).toEqual([s.n * features, s.n * outputs, s.n]);
    }
    const total = name === 'xor' ? d.train : { label: Int32Array.from([...d.train.label, ...d.test.label]) };
    expect(counts(total.label, Math.max(classes, 1))).toEqual(perClass);
  });

  const SPLIT_BY_CLASS = CLASSIFIED.filter((name) => name !== 'xor');
  it.each(SPLIT_BY_CLASS)('%s: each class puts a quarter of its rows in the test split', (name) => {
    const d = load(name);
    const all = counts(Int32Array.from([...d.train.label, ...d.test.label]), d.classes);
    expect(counts(d.test.label, d.classes)).toEqual(all.map((m) => Math.round(m / 4)));
  });

  it.each([0.1, 0.5, 0.9])('testFraction %s sends that share of the rows to the test split', (testFraction) => {
    const d = load('moons', { testFraction });
    expect(d.test.n).toBe(2 * Math.round(200 * testFraction));
    expect(d.train.n + d.test.n).toBe(400);
  });

  const SIZES = [['moons', 101], ['circles', 9], ['spirals', 1000], ['regression', 37]] as const;
  it.each(SIZES)('%s makes the %d samples asked for', (name, samples) => {
    const d = load(name, { samples });
    expect(d.train.n + d.test.n).toBe(samples);
  });

  it('shuffles the rows, so a split does not list one class and then the other', () => {
    const { label } = load('moons').train;
    expect(label.slice(0, 40).some((l) => l === 0) && label.slice(0, 40).some((l) => l === 1)).toBe(true);
  });
});

describe('labels and targets', () => {
  it.each(CLASSIFIED.filter((name) => name !== 'iris' && name !== 'digits'))('%s: y is the 0/1 label', (name) => {
    const d = load(name);
    expect(Array.from(d.train.y)).toEqual(Array.from(d.train.label));
  });

  it.each(['iris', 'digits'] as const)('%s: every y row is one-hot at the label', (name) => {
    const d = load(name);
    for (const s of [d.train, d.test]) {
      for (let i = 0; i < s.n; i++) {
        const row = Array.from(s.y.subarray(i * d.outputs, (i + 1) * d.outputs));
        expect(row.reduce((a, b) => a + b, 0)).toBe(1);
        expect(row[s.label[i]]).toBe(1);
      }
    }
  });

  it('xor is the truth table, unscaled, with train and test both all four points', () => {
    const d = load('xor');
    for (const s of [d.train, d.test]) {
      const rows = Array.from({ length: 4 }, (_, i) => [s.x[2 * i], s.x[2 * i + 1], s.y[i]]);
      expect(rows.sort()).toEqual([[0, 0, 0], [0, 1, 1], [1, 0, 1], [1, 1, 0]]);
    }
  });

  it('regression without noise is sin 2πx exactly: targets fill [−1, 1] and never leave it', () => {
    const { train, test } = load('regression', { noise: 0, samples: 2000 });
    const y = [...train.y, ...test.y];
    expect(Math.max(...y)).toBeLessThanOrEqual(1);
    expect(Math.min(...y)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...y)).toBeGreaterThan(0.999);
    expect(Math.min(...y)).toBeLessThan(-0.999);
  });

  it('regression noise spreads the targets beyond [−1, 1]', () => {
    const { train } = load('regression', { noise: 0.5 });
    expect(Array.from(train.y).some((y) => Math.abs(y) > 1.2)).toBe(true);
  });

  it('circles without noise: every inner point is nearer the centre than every outer one', () => {
    const { train } = load('circles', { noise: 0 });
    const radius = (i: number) => Math.hypot(train.x[2 * i], train.x[2 * i + 1]);
    const rows = Array.from({ length: train.n }, (_, i) => i);
    const inner = rows.filter((i) => train.label[i] === 1).map(radius);
    const outer = rows.filter((i) => train.label[i] === 0).map(radius);
    expect(Math.max(...inner)).toBeLessThan(Math.min(...outer));
  });

  // One nearest neighbour reads the classes straight off the geometry: labels and points belong together.
  it.each([['moons', 0.97], ['circles', 0.97], ['spirals', 0.97], ['iris', 0.85], ['digits', 0.7]] as const)(
    '%s: the nearest training point predicts the test class at least %s of the time',
    (name, floor) => {
      const d = load(name, name === 'digits' ? { perClass: 60 } : {});
      expect(nearestNeighbourAccuracy(d)).toBeGreaterThanOrEqual(floor);
    },
  );
});

describe('scaling', () => {
  it.each(STANDARDISED)('%s: every training feature has mean 0 and sd 1', (name) => {
    const d = load(name);
    for (let j = 0; j < d.features; j++) {
      expect(mean(column(d.train, d.features, j))).toBeCloseTo(0, 12);
      expect(sd(column(d.train, d.features, j))).toBeCloseTo(1, 12);
    }
  });

  it.each(STANDARDISED)('%s: the test split is scaled by the training statistics, not its own', (name) => {
    const d = load(name);
    const off = Array.from({ length: d.features }, (_, j) => Math.abs(mean(column(d.test, d.features, j))));
    expect(Math.max(...off)).toBeGreaterThan(1e-6);
    expect(Math.max(...off)).toBeLessThan(0.5);
  });

  it.each([[1, 784], [2, 196], [4, 49]] as const)('digits at downsample %d: %d pixels in [0, 1]', (f, features) => {
    const d = load('digits', { downsample: f, perClass: 5 });
    expect(d.features).toBe(features);
    expect(d.train.n + d.test.n).toBe(50);
    for (const v of d.train.x) expect(v >= 0 && v <= 1).toBe(true);
    expect(Math.max(...d.train.x)).toBeGreaterThan(0.5);
  });

  it('downsampling averages blocks: each image keeps its mean brightness', () => {
    const full = load('digits', { downsample: 1, perClass: 5 }).train;
    const small = load('digits', { downsample: 4, perClass: 5 }).train;
    expect(small.label).toEqual(full.label);
    for (let i = 0; i < full.n; i++) {
      const brightness = (s: Split, d: number) => mean(Array.from(s.x.subarray(i * d, (i + 1) * d)));
      expect(brightness(small, 49)).toBeCloseTo(brightness(full, 784), 12);
    }
  });
});

describe('the shipped datasets', () => {
  afterEach(() => vi.restoreAllMocks());

  it('iris has its 150 rows, 50 of each species', () => {
    const d = load('iris');
    expect(d.train.n + d.test.n).toBe(150);
    expect(counts(Int32Array.from([...d.train.label, ...d.test.label]), 3)).toEqual([50, 50, 50]);
  });

  it('digits by default are all 10,000 images of the package, 784 pixels each', () => {
    const d = loadDataset('digits');
    expect([d.features, d.train.n + d.test.n]).toEqual([784, 10_000]);
    const perDigit = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
    expect(counts(Int32Array.from([...d.train.label, ...d.test.label]), 10)).toEqual(perDigit);
  });

  it.each([2, 37, 863])('digits with perClass %d take that many of each digit', (perClass) => {
    const d = load('digits', { perClass });
    expect(counts(Int32Array.from([...d.train.label, ...d.test.label]), 10)).toEqual(new Array(10).fill(perClass));
  });

  it('digits never reach the package’s Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    load('digits', { perClass: 30 });
    expect(random).not.toHaveBeenCalled();
  });
});

describe('bad requests', () => {
  it.each([
    ['an unknown name', 'mnist', {}, /unknown dataset 'mnist': choose one of xor, moons, circles, spirals, regression, iris, digits/],
    ['too few samples', 'moons', { samples: 3 }, /samples must be a whole number from 8 to/],
    ['fractional samples', 'spirals', { samples: 100.5 }, /samples must be a whole number/],
    ['negative noise', 'circles', { noise: -0.1 }, /noise must be a number ≥ 0/],
    ['a test fraction of 1', 'regression', { testFraction: 1 }, /testFraction must be strictly between 0 and 1/],
    ['a test fraction of 0', 'iris', { testFraction: 0 }, /testFraction must be strictly between 0 and 1/],
    ['downsample 3', 'digits', { downsample: 3 }, /downsample must be 1, 2 or 4/],
    ['perClass 1', 'digits', { perClass: 1 }, /perClass must be a whole number ≥ 2/],
    ['more per class than the rarest digit has', 'digits', { perClass: 900 }, /perClass must be at most 863/],
    ['a fractional seed', 'moons', { seed: 0.5 }, /seed must be a whole number/],
    ['noise on iris', 'iris', { noise: 0.1 }, /'iris' does not take the option 'noise'; it takes seed, testFraction/],
    ['samples on digits', 'digits', { samples: 100 },
      /'digits' does not take the option 'samples'; it takes seed, downsample, perClass, testFraction/],
    ['a test split of xor', 'xor', { testFraction: 0.5 }, /'xor' does not take the option 'testFraction'; it takes seed$/],
    ['downsample on moons', 'moons', { downsample: 2 }, /'moons' does not take the option 'downsample'/],
    ['a misspelt option', 'moons', { sample: 100 },
      /'moons' does not take the option 'sample'; it takes seed, samples, noise, testFraction/],
  ])('%s is refused, naming the choices', (_, name, options, message) => {
    expect(caught(() => loadDataset(name as DatasetName, options as DataOptions), UsageError).message).toMatch(message);
  });

  it('an option left undefined means its default', () => {
    expect(loadDataset('iris', { noise: undefined, seed: 2 })).toEqual(loadDataset('iris', { seed: 2 }));
  });
});

function nearestNeighbourAccuracy(d: Dataset): number {
  const { train, test, features: k } = d;
  let right = 0;
  for (let i = 0; i < test.n; i++) {
    let best = Infinity;
    let label = -1;
    for (let j = 0; j < train.n; j++) {
      let dist = 0;
      for (let f = 0; f < k; f++) dist += (test.x[i * k + f] - train.x[j * k + f]) ** 2;
      if (dist < best) [best, label] = [dist, train.label[j]];
    }
    if (label === test.label[i]) right++;
  }
  return right / test.n;
}

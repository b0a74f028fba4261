// The classic lessons of backprop as runnable experiments; each returns plain data for a chart.
import * as ast from '../ast';
import type { Expr } from '../ast';
import { fromExpressions } from '../diff/built';
import { timePerCall } from '../diff/compare';
import { relativeError } from '../diff/distance';
import { compile } from '../diff/fn';
import { reference } from '../diff/reference';
import { differentiators, hessiansOf, METHODS } from '../diff/registry';
import type { MethodName, Stats } from '../diff/types';
import { loadDataset } from './data';
import { architecture, initialise, parameterCount, type Activation } from './network';
import { optimizer, OPTIMIZERS, DEFAULT_LR, type OptimizerName } from './optimizers';
import { Rng } from './rng';
import { gradientStep, train, type StepMetrics, type TrainResult } from './train';

const leaf = (name: string, k: number) => ast.index(name, ast.num(k + 1));
const call = (op: string, ...args: Expr[]) => ast.call(op, args);

/** ½ mean (w₁x₁ + w₂x₂ − y)² over a batch: a two-parameter problem whose loss we can draw. */
function twoParameterLoss(batch: number) {
  const w = [leaf('w', 0), leaf('w', 1)];
  const X = Array.from({ length: 2 * batch }, (_, i) => leaf('X', i));
  const Y = Array.from({ length: batch }, (_, i) => leaf('Y', i));
  const terms = Y.map((y, s) => {
    const r = call('subtract', call('dot', w[0], w[1], X[2 * s], X[2 * s + 1]), y);
    return call('multiply', r, r);
  });
  const loss = call('multiply', ast.num(0.5 / batch), call('sum', ...terms));
  return fromExpressions([loss], [{ name: 'w', leaves: w }], [{ name: 'X', leaves: X }, { name: 'Y', leaves: Y }]);
}

export interface Trajectory {
  readonly name: string;
  readonly batch: number;
  readonly path: [number, number][];
  readonly finalLoss: number;
}

export interface Trajectories {
  readonly grid: { w1: number; w2: number; loss: number }[];
  readonly step: [number, number];
  readonly optimum: [number, number];
  /** The loss at the optimum, and level lines of the loss (ellipses: it is quadratic in w). */
  readonly optimalLoss: number;
  readonly contours: { level: number; points: [number, number][] }[];
  readonly runs: Trajectory[];
}

/** Full-batch GD, SGD, mini-batch and momentum from one start on ill-conditioned least squares. */
export function trajectories(seed = 1, epochs = 40): Trajectories {
  const rng = new Rng(seed);
  const n = 64;
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    x[2 * s] = rng.normal();
    x[2 * s + 1] = 0.35 * rng.normal();
    y[s] = 1.5 * x[2 * s] - 2 * x[2 * s + 1] + 0.1 * rng.normal();
  }
  const fullLoss = (w1: number, w2: number) => {
    let t = 0;
    for (let s = 0; s < n; s++) t += 0.5 * (w1 * x[2 * s] + w2 * x[2 * s + 1] - y[s]) ** 2;
    return t / n;
  };
  const configs: { name: string; batch: number; opt: OptimizerName; lr: number }[] = [
    { name: 'full-batch GD', batch: n, opt: 'sgd', lr: 0.8 },
    { name: 'SGD (batch 1)', batch: 1, opt: 'sgd', lr: 0.05 },
    { name: 'mini-batch (8)', batch: 8, opt: 'sgd', lr: 0.3 },
    { name: 'momentum (full batch)', batch: n, opt: 'momentum', lr: 0.3 },
  ];
  const runs = configs.map((c) => {
    const fns = new Map<number, ReturnType<typeof twoParameterLoss>>();
    const order = new Rng(seed + 1);
    const w = Float64Array.from([-2.5, 2.5]);
    const path: [number, number][] = [[w[0], w[1]]];
    const update = optimizer(c.opt, 2, { lr: c.lr });
    const grad = new Float64Array(2);
    for (let e = 0; e < epochs; e++) {
      const perm = order.permutation(n);
      for (let from = 0; from < n; from += c.batch) {
        const m = Math.min(c.batch, n - from);
        const xb = new Float64Array(2 * m);
        const yb = new Float64Array(m);
        for (let s = 0; s < m; s++) {
          xb.set(x.subarray(2 * perm[from + s], 2 * perm[from + s] + 2), 2 * s);
          yb[s] = y[perm[from + s]];
        }
        let fn = fns.get(m);
        if (!fn) fns.set(m, (fn = twoParameterLoss(m)));
        fn.data.set('X', xb);
        fn.data.set('Y', yb);
        grad.set(differentiators.reverse.gradient(fn, { w }).result);
        update.step(w, grad);
        path.push([w[0], w[1]]);
      }
    }
    return { name: c.name, batch: c.batch, path, finalLoss: fullLoss(w[0], w[1]) };
  });
  const all = runs.flatMap((r) => r.path);
  const span = (k: 0 | 1) => {
    const v = all.map((p) => p[k]);
    const [lo, hi] = [Math.min(...v), Math.max(...v)];
    return [lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo)];
  };
  const [[lo1, hi1], [lo2, hi2], cells] = [span(0), span(1), 50];
  const step: [number, number] = [(hi1 - lo1) / cells, (hi2 - lo2) / cells];
  const grid: Trajectories['grid'] = [];
  for (let i = 0; i < cells; i++) {
    for (let j = 0; j < cells; j++) {
      const [w1, w2] = [lo1 + i * step[0], lo2 + j * step[1]];
      grid.push({ w1, w2, loss: Math.log10(fullLoss(w1 + step[0] / 2, w2 + step[1] / 2)) });
    }
  }
  // The least-squares optimum, by the 2×2 normal equations.
  let [a, b, c2, d, e] = [0, 0, 0, 0, 0];
  for (let s = 0; s < n; s++) {
    a += x[2 * s] ** 2;
    b += x[2 * s] * x[2 * s + 1];
    c2 += x[2 * s + 1] ** 2;
    d += x[2 * s] * y[s];
    e += x[2 * s + 1] * y[s];
  }
  const det = a * c2 - b * b;
  const optimum: [number, number] = [(c2 * d - b * e) / det, (a * e - b * d) / det];
  const optimalLoss = fullLoss(...optimum);
  // L(w) = L* + ½ (w − w*)ᵀ A (w − w*), A = XᵀX / n: each level is an ellipse along A's eigenvectors.
  const [p, q, r] = [a / n, b / n, c2 / n];
  const mid = (p + r) / 2;
  const half = Math.hypot((p - r) / 2, q);
  const angle = 0.5 * Math.atan2(2 * q, p - r);
  const axes: [number, number][] = [[Math.cos(angle), Math.sin(angle)], [-Math.sin(angle), Math.cos(angle)]];
  const lambdas = [mid + half, mid - half];
  const contours = [0.01, 0.03, 0.1, 0.3, 1, 3, 10].map((excess) => {
    const radii = lambdas.map((l) => Math.sqrt((2 * excess) / l));
    const points = Array.from({ length: 97 }, (_, k): [number, number] => {
      const t = (2 * Math.PI * k) / 96;
      const [u, v] = [radii[0] * Math.cos(t), radii[1] * Math.sin(t)];
      return [optimum[0] + u * axes[0][0] + v * axes[1][0], optimum[1] + u * axes[0][1] + v * axes[1][1]];
    });
    return { level: optimalLoss + excess, points };
  });
  return { grid, step, optimum, optimalLoss, contours, runs };
}

export interface DepthRow {
  readonly activation: Activation;
  readonly hiddenLayers: number;
  /** ‖∂L/∂W‖ of each layer at initialisation, first layer first (mean over seeds). */
  readonly norms: number[];
}

/** Per-layer gradient norms at initialisation against depth: sigmoid's shrink layer by layer. */
export function vanishing(depths: readonly number[] = [2, 3, 4, 5, 6, 7, 8, 9, 10], seeds = 5, width = 16): DepthRow[] {
  const data = loadDataset('moons', { seed: 1 });
  const n = 64;
  const x = data.train.x.subarray(0, 2 * n);
  const y = data.train.y.subarray(0, n);
  const rows: DepthRow[] = [];
  for (const activation of ['sigmoid', 'relu'] as const) {
    for (const depth of depths) {
      const arch = architecture([2, ...new Array<number>(depth).fill(width), 1], activation, 'bce');
      const step = gradientStep(arch, 'reverse');
      const grad = new Float64Array(parameterCount(arch));
      const norms = new Array<number>(depth + 1).fill(0);
      for (let seed = 1; seed <= seeds; seed++) {
        const params = initialise(arch, new Rng(seed), activation === 'relu' ? 'he' : 'glorot');
        step(params, x, y, n, grad);
        let offset = 0;
        for (let l = 1; l < arch.sizes.length; l++) {
          const size = arch.sizes[l - 1] * arch.sizes[l];
          norms[l - 1] += Math.hypot(...grad.subarray(offset, offset + size)) / seeds;
          offset += size + arch.sizes[l];
        }
      }
      rows.push({ activation, hiddenLayers: depth, norms });
    }
  }
  return rows;
}

/** The divergence lesson's problem: full-batch SGD on the regression data, 1-16-1 tanh. */
const DIVERGING = { data: 'regression', sizes: [1, 16, 1], epochs: 300, lr: [0.2, 3] as [number, number] } as const;

function divergingRun(lr: number, extra: { clipNorm?: number; weightDecay?: number } = {}): TrainResult {
  const data = loadDataset(DIVERGING.data, { seed: 1 });
  const arch = architecture(DIVERGING.sizes, 'tanh', 'mse');
  return train(arch, data, { method: 'reverse', optimizer: 'sgd', lr, batch: data.train.n, epochs: DIVERGING.epochs, seed: 1, ...extra });
}

/** The same problem at a sane and at a far too large learning rate: the second is caught. */
export function divergence(): { sane: TrainResult; tooLarge: TrainResult; lr: [number, number] } {
  return { sane: divergingRun(DIVERGING.lr[0]), tooLarge: divergingRun(DIVERGING.lr[1]), lr: [...DIVERGING.lr] };
}

export interface ClippingRun {
  readonly label: string;
  readonly clipNorm?: number;
  readonly weightDecay?: number;
  readonly result: TrainResult;
}

/** The diverging run of `divergence` (its too-large rate) as it is, with the gradient's norm
 *  clipped, and with weight decay: which of the two cures keep it finite, and where it lands. */
export function clipping(clipNorm = 0.1, weightDecay = 0.3): { lr: number; runs: ClippingRun[] } {
  const lr = DIVERGING.lr[1];
  return {
    lr,
    runs: [
      { label: 'no clipping', result: divergingRun(lr) },
      { label: `--clip-norm ${clipNorm}`, clipNorm, result: divergingRun(lr, { clipNorm }) },
      { label: `--weight-decay ${weightDecay}`, weightDecay, result: divergingRun(lr, { weightDecay }) },
      { label: `both`, clipNorm, weightDecay, result: divergingRun(lr, { clipNorm, weightDecay }) },
    ],
  };
}

export interface BatchRun {
  readonly label: string;
  readonly batch: number;
  readonly steps: readonly StepMetrics[];
  /** Mean |Δ training loss| from one step to the next. */
  readonly meanStepChange: number;
  /** The share of steps after which the training loss was higher than before. */
  readonly uphill: number;
  /** First step whose training loss is at or below the target, and the time spent until then. */
  readonly stepsToTarget: number | null;
  readonly secondsToTarget: number | null;
  readonly epochsToTarget: number | null;
  readonly finalLoss: number;
}

/**
 * One problem and seed, plain SGD at one rate, batches of 1, 8, 32 and the whole training set:
 * the loss after every step, how jittery it is, and how many steps and seconds reach a target.
 * Each run takes up to `maxSteps` steps, and no more than `maxEpochs` passes over the data.
 */
export function batchSizes(maxSteps = 3000, maxEpochs = 300, lr = 1, target = 0.15): { data: string; network: string; lr: number; target: number; runs: BatchRun[] } {
  const data = loadDataset('moons', { seed: 1 });
  const arch = architecture([2, 8, 1], 'tanh', 'bce');
  const sizes: [string, number][] = [['batch 1', 1], ['batch 8', 8], ['batch 32', 32], [`full batch (${data.train.n})`, data.train.n]];
  const runs = sizes.map(([label, batch]): BatchRun => {
    const epochs = Math.min(maxEpochs, Math.ceil(maxSteps / Math.ceil(data.train.n / batch)));
    const r = train(arch, data, { method: 'reverse', optimizer: 'sgd', lr, batch, epochs, seed: 1, history: 'steps' });
    const steps = r.stepHistory!;
    const deltas = steps.slice(1).map((s, i) => s.trainLoss - steps[i].trainLoss);
    const hit = steps.find((s) => s.trainLoss <= target);
    return {
      label,
      batch,
      steps,
      meanStepChange: deltas.reduce((a, d) => a + Math.abs(d), 0) / Math.max(deltas.length, 1),
      uphill: deltas.filter((d) => d > 0).length / Math.max(deltas.length, 1),
      stepsToTarget: hit?.step ?? null,
      secondsToTarget: hit?.seconds ?? null,
      epochsToTarget: hit?.epoch ?? null,
      finalLoss: r.train.loss,
    };
  });
  return { data: data.name, network: '2-8-1 tanh', lr, target, runs };
}

/** The lectures' network f: R³ → R², one hidden layer of four tanh units, written out in gradlab's
 *  language with fixed weights (so every method, symbolic included, reads the same function). */
export const NETWORK_FUNCTION = {
  source: [
    'h1 = tanh(0.5 x[1] - 0.4 x[2] + 0.3 x[3] + 0.1)',
    'h2 = tanh(-0.3 x[1] + 0.8 x[2] + 0.2 x[3] - 0.2)',
    'h3 = tanh(0.7 x[1] + 0.1 x[2] - 0.6 x[3])',
    'h4 = tanh(0.2 x[1] + 0.5 x[2] + 0.9 x[3] + 0.3)',
    '[0.6 h1 - 0.5 h2 + 0.4 h3 + 0.2 h4 + 0.1, -0.3 h1 + 0.7 h2 + 0.2 h3 - 0.8 h4]',
  ].join('\n'),
  at: { x: [0.5, -1, 2] },
};

export interface JacobianRow {
  readonly method: MethodName;
  readonly jacobian: number[][];
  readonly hessians: number[][][];
  /** −log₁₀ of the relative error: of J against the 50-digit reference, of each Hessian against forward mode's. */
  readonly jacobianDigits: number;
  readonly hessianDigits: number;
  readonly jacobianSeconds: number;
  readonly hessianSeconds: number;
  readonly jacobianStats: Stats;
  readonly hessianStats: Stats;
}

const digitsOf = (e: number) => Math.min(17, -Math.log10(Math.max(e, 1e-17)));

/** The Jacobian (2×3) and the Hessian of each output (two 3×3) of the network function by every
 *  method, with the digits each agrees to and the time each takes. */
export function jacobianDemo(budget = 0.2): { source: string; at: { x: number[] }; reference: number[][]; rows: JacobianRow[] } {
  const fn = compile(NETWORK_FUNCTION.source);
  const at = NETWORK_FUNCTION.at;
  const ref = reference(fn, at).jacobian;
  const exactH = hessiansOf(differentiators.forward, fn, at).result;
  const rows = METHODS.map((method): JacobianRow => {
    const d = differentiators[method];
    const J = d.jacobian(fn, at);
    const H = hessiansOf(d, fn, at);
    return {
      method,
      jacobian: J.result,
      hessians: H.result,
      jacobianDigits: digitsOf(relativeError(J.result.flat(), ref.flat())),
      hessianDigits: digitsOf(relativeError(H.result.flat(2), exactH.flat(2))),
      jacobianSeconds: timePerCall(() => d.jacobian(fn, at), budget),
      hessianSeconds: timePerCall(() => hessiansOf(d, fn, at), budget),
      jacobianStats: J.stats,
      hessianStats: H.stats,
    };
  });
  return { source: NETWORK_FUNCTION.source, at: { x: [...at.x] }, reference: ref, rows };
}

export interface SweepRun {
  readonly name: OptimizerName;
  readonly lr: number;
  readonly result: TrainResult;
  /** The training loss it ended at (Infinity where it diverged). */
  readonly finalLoss: number;
}

/** Learning rates tried per optimizer: half-decades spanning every rule's usual rate. */
export const SWEEP_RATES: readonly number[] = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1];

/** Every optimizer at every rate of the sweep on one problem, same seed, same batches; each rule's
 *  best rate is the one with the lowest final training loss, so rules are compared at their best. */
export function optimizers(epochs = 40, rates: readonly number[] = SWEEP_RATES): { sweep: SweepRun[]; best: SweepRun[]; defaults: Record<OptimizerName, number> } {
  const data = loadDataset('moons', { seed: 1 });
  const arch = architecture([2, 16, 16, 1], 'relu', 'bce');
  const sweep = OPTIMIZERS.flatMap((name) =>
    rates.map((lr): SweepRun => {
      const result = train(arch, data, { method: 'reverse', optimizer: name, lr, batch: 32, epochs, seed: 1 });
      return { name, lr, result, finalLoss: result.diverged ? Infinity : result.train.loss };
    }),
  );
  const best = OPTIMIZERS.map((name) => sweep.filter((r) => r.name === name).reduce((a, b) => (b.finalLoss < a.finalLoss ? b : a)));
  return { sweep, best, defaults: { ...DEFAULT_LR } };
}

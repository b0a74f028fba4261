// The classic lessons of backprop as runnable experiments; each returns plain data for a chart.
import * as ast from '../ast';
import type { Expr } from '../ast';
import { fromExpressions } from '../diff/built';
import { differentiators } from '../diff/registry';
import { loadDataset } from './data';
import { architecture, initialise, parameterCount, type Activation } from './network';
import { optimizer, OPTIMIZERS, DEFAULT_LR, type OptimizerName } from './optimizers';
import { Rng } from './rng';
import { gradientStep, train, type TrainResult } from './train';

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
  return { grid, step, optimum: [(c2 * d - b * e) / det, (a * e - b * d) / det], runs };
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

/** The same problem at a sane and at a far too large learning rate: the second is caught. */
export function divergence(): { sane: TrainResult; tooLarge: TrainResult; lr: [number, number] } {
  const data = loadDataset('regression', { seed: 1 });
  const arch = architecture([1, 16, 1], 'tanh', 'mse');
  const lr: [number, number] = [0.2, 3];
  const run = (rate: number) => train(arch, data, { method: 'reverse', optimizer: 'sgd', lr: rate, batch: data.train.n, epochs: 300, seed: 1 });
  return { sane: run(lr[0]), tooLarge: run(lr[1]), lr };
}

/** Every optimizer at its usual learning rate on one problem, same seed, same batches. */
export function optimizers(epochs = 60): { name: OptimizerName; lr: number; result: TrainResult }[] {
  const data = loadDataset('moons', { seed: 1 });
  const arch = architecture([2, 16, 16, 1], 'relu', 'bce');
  return OPTIMIZERS.map((name) => ({
    name,
    lr: DEFAULT_LR[name],
    result: train(arch, data, { method: 'reverse', optimizer: name, batch: 32, epochs, seed: 1 }),
  }));
}

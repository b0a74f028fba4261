// The optimizers: each finds the minimum of a quadratic, each first step matches its stated rule, and clipping.
import { describe, expect, it } from 'vitest';
import { EvalError, UsageError } from '../../src/errors';
import {
  clipByNorm, clipByValue, DEFAULT_LR, optimizer, OPTIMIZERS, type OptimizerName, type OptimizerOptions,
} from '../../src/nn/optimizers';
import { caught } from '../support/helpers';

// f(w) = ½‖Aw − b‖², ∇f = Aᵀ(Aw − b); A is invertible, so the minimum is w* = A⁻¹b where f = 0.
const A = [[2, 0.5], [0.3, 1]];
const b = [1, -1];
const det = A[0][0] * A[1][1] - A[0][1] * A[1][0];
const OPTIMUM = [(b[0] * A[1][1] - A[0][1] * b[1]) / det, (A[0][0] * b[1] - A[1][0] * b[0]) / det];
const START = [3, -2];

function gradient(w: Float64Array, g: Float64Array): void {
  const r0 = A[0][0] * w[0] + A[0][1] * w[1] - b[0];
  const r1 = A[1][0] * w[0] + A[1][1] * w[1] - b[1];
  g[0] = A[0][0] * r0 + A[1][0] * r1;
  g[1] = A[0][1] * r0 + A[1][1] * r1;
}

/** The iterates w₁ … w_steps from START. */
function path(name: OptimizerName, steps: number, options?: OptimizerOptions): number[][] {
  const opt = optimizer(name, 2, options);
  const w = Float64Array.from(START);
  const g = new Float64Array(2);
  const out: number[][] = [];
  for (let t = 0; t < steps; t++) {
    gradient(w, g);
    opt.step(w, g);
    out.push(Array.from(w));
  }
  return out;
}

const distance = (w: number[]) => Math.hypot(w[0] - OPTIMUM[0], w[1] - OPTIMUM[1]);

describe('minimising ½‖Aw − b‖² from (3, −2) with the default settings', () => {
  // RMSProp's step stays about η in size however close it gets, so it hovers near the optimum.
  it.each([
    ['sgd', 1e-10], ['momentum', 1e-10], ['nesterov', 1e-10], ['adagrad', 1e-5], ['rmsprop', 1e-3], ['adam', 1e-5], ['nadam', 1e-5],
  ] as const)('%s ends within %s of the optimum after 10,000 steps', (name, tolerance) => {
    const ws = path(name, 10_000);
    expect(distance(ws[ws.length - 1])).toBeLessThan(tolerance);
  });

  it('covers every optimizer', () => {
    expect(OPTIMIZERS).toEqual(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'nadam']);
    expect(Object.keys(DEFAULT_LR).sort()).toEqual([...OPTIMIZERS].sort());
  });

  it('momentum and plain SGD take different paths at the same learning rate', () => {
    const sgd = path('sgd', 20, { lr: 0.05 });
    const momentum = path('momentum', 20, { lr: 0.05 });
    expect(momentum[0]).toEqual(sgd[0]);
    expect(momentum[1]).not.toEqual(sgd[1]);
    expect(distance(momentum[19])).not.toBeCloseTo(distance(sgd[19]), 3);
  });

  it.each(OPTIMIZERS)('%s replays exactly: two fresh optimizers, one path', (name) => {
    expect(path(name, 50)).toEqual(path(name, 50));
  });
});

describe('the first step from fresh state, against each stated rule', () => {
  const g = 2;
  const w0 = 1;
  const μ = 0.9;
  const mu = (t: number) => 0.9 * (1 - 0.5 * 0.96 ** (t * 0.004));
  // Each entry: the change in w after one step with gradient g, from the comment's formula by hand.
  const FIRST: [OptimizerName, number][] = [
    ['sgd', -0.1 * g],
    ['momentum', -0.05 * g],
    ['nesterov', -0.05 * (g + μ * g)],
    ['adagrad', (-0.05 * g) / (Math.abs(g) + 1e-10)],
    ['rmsprop', (-0.001 * g) / (Math.sqrt(0.1 * g * g) + 1e-8)],
    ['adam', (-0.001 * g) / (Math.abs(g) + 1e-8)],
    ['nadam', (-0.002 * (g + ((mu(2) / (1 - mu(1) * mu(2))) * 0.1 * g))) / (Math.abs(g) + 1e-8)],
  ];

  it.each(FIRST)('%s: one step of gradient 2 from w = 1 is the stated rule', (name, change) => {
    const w = Float64Array.of(w0);
    optimizer(name, 1).step(w, Float64Array.of(g));
    expect(w[0] - w0).toBeCloseTo(change, 14);
  });

  it('adam’s first step moves every parameter by lr·sign(grad), whatever the gradient’s size', () => {
    const grad = Float64Array.of(1e-3, -5, 200, -0.02, 7e4);
    const w = new Float64Array(5);
    optimizer('adam', 5, { lr: 0.01 }).step(w, grad);
    grad.forEach((gi, i) => expect(w[i]).toBeCloseTo(-0.01 * Math.sign(gi), 6));
  });

  it('momentum’s second step adds μ times the first gradient: w₂ = w₁ − η(μg₁ + g₂)', () => {
    const w = Float64Array.of(0);
    const opt = optimizer('momentum', 1, { lr: 0.1, momentum: 0.5 });
    opt.step(w, Float64Array.of(1));
    opt.step(w, Float64Array.of(3));
    expect(w[0]).toBeCloseTo(-0.1 - 0.1 * (0.5 * 1 + 3), 15);
  });
});

describe('weight decay', () => {
  it('adds λw to the gradient: with a zero gradient sgd shrinks w by the factor 1 − ηλ', () => {
    const w = Float64Array.of(2, -4);
    const g = new Float64Array(2);
    optimizer('sgd', 2, { lr: 0.1, weightDecay: 0.5 }).step(w, g);
    expect(Array.from(w)).toEqual([2 * 0.95, -4 * 0.95]);
    expect(Array.from(g)).toEqual([0, 0]);
  });

  it.each(OPTIMIZERS)('%s leaves the gradient array untouched', (name) => {
    const g = Float64Array.of(0.5, -1.5);
    optimizer(name, 2, { weightDecay: 0.1 }).step(Float64Array.of(1, 1), g);
    expect(Array.from(g)).toEqual([0.5, -1.5]);
  });
});

describe('clipping', () => {
  it('clipByValue clamps each entry to [−limit, limit] and leaves the rest', () => {
    const g = Float64Array.of(-5, -1, 0, 0.5, 3);
    clipByValue(g, 1);
    expect(Array.from(g)).toEqual([-1, -1, 0, 0.5, 1]);
  });

  it('clipByNorm rescales a long gradient to the limit, keeping its direction, and returns the old norm', () => {
    const g = Float64Array.of(3, -4);
    expect(clipByNorm(g, 1)).toBe(5);
    expect(g[0]).toBeCloseTo(0.6, 15);
    expect(g[1]).toBeCloseTo(-0.8, 15);
  });

  it('clipByNorm leaves a short gradient as it is', () => {
    const g = Float64Array.of(0.3, 0.4);
    expect(clipByNorm(g, 1)).toBeCloseTo(0.5, 15);
    expect(Array.from(g)).toEqual([0.3, 0.4]);
  });

  it.each([
    ['clipByValue with limit 0', () => clipByValue(new Float64Array(1), 0)],
    ['clipByValue with limit NaN', () => clipByValue(new Float64Array(1), NaN)],
    ['clipByNorm with a negative norm', () => clipByNorm(new Float64Array(1), -1)],
  ])('%s is refused', (_, run) => {
    expect(caught(run, UsageError).message).toMatch(/must be a number > 0/);
  });
});

describe('bad requests', () => {
  it.each([
    ['an unknown optimizer', () => optimizer('lbfgs' as OptimizerName, 2),
      /unknown optimizer 'lbfgs': choose one of sgd, momentum, nesterov, adagrad, rmsprop, adam, nadam/],
    ['an unknown option', () => optimizer('adam', 2, { beta: 0.9 } as OptimizerOptions),
      /unknown optimizer option 'beta': choose from lr, momentum, beta1, beta2, rho, eps, weightDecay/],
    ['a negative learning rate', () => optimizer('sgd', 2, { lr: -0.1 }), /lr must be a number > 0/],
    ['β₂ = 1', () => optimizer('adam', 2, { beta2: 1 }), /beta2 must be in \[0, 1\)/],
    ['negative weight decay', () => optimizer('sgd', 2, { weightDecay: -1 }), /weightDecay must be a number ≥ 0/],
    ['a fractional size', () => optimizer('sgd', 2.5), /whole number of parameters/],
  ])('%s is refused', (_, run, message) => {
    expect(caught(run, UsageError).message).toMatch(message);
  });

  it('a step with vectors of the wrong length is a shape error', () => {
    const e = caught(() => optimizer('adam', 3).step(new Float64Array(3), new Float64Array(2)), EvalError);
    expect(e.code).toBe('shape');
    expect(e.message).toMatch(/adam was made for 3 parameters but got 3 parameters and 2 gradient entries/);
  });
});

// Every derivative rule in the primitive table, checked against differences of the op's own
// function: in float64 (Ridders) and in 60-digit BigNumbers, at many in-domain points.
import type { BigNumber } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { algebraOf, float, gradient, partialOf, PRIMITIVES, reference } from '../../src/index';
import { partialsOf } from '../../src/diff/codegen';
import { bignumber } from '../../src/domains/bignumber';

const FLOAT = algebraOf(float);
const BIG = bignumber(60);

/** In-domain points per op, away from kinks; ops not listed use a few points in (0, 1.5). */
const POINTS: Record<string, number[][]> = {
  add: [[1.3, -0.7]], subtract: [[1.3, -0.7]], multiply: [[1.3, -0.7], [2, 5]], divide: [[1.3, -0.7], [2, 5]],
  pow: [[1.7, 2.3], [0.5, -1.5], [2, 3]], log: [[2.5], [0.3], [5, 2], [0.7, 10]], log10: [[2.5], [40]], log2: [[3], [0.2]], log1p: [[2e-9], [-0.6]], expm1: [[-3e-11], [2.5]],
  sqrt: [[2], [0.04]], cbrt: [[-8.5], [0.3]], nthRoot: [[2], [16.2, 4], [-2.7, 3]], asin: [[0.3], [-0.6]], acos: [[0.3], [-0.6]],
  atan: [[2.1], [-0.4]], atan2: [[1.5, 2], [-1, -0.5]], xlogy: [[1.5, 2.3], [-0.7, 0.4]], asec: [[1.8], [-2.5]], acsc: [[1.8], [-2.5]], acot: [[0.75], [-1.3]],
  acosh: [[1.6], [3]], atanh: [[0.55], [-0.2]], asech: [[0.4], [0.9]], acsch: [[1.7], [-0.8]], acoth: [[2.2], [-1.5]],
  abs: [[-2.5], [1.2]], sign: [[0.5], [-3]], heaviside: [[-0.5], [0.5]], relu: [[1.4], [-0.5]], softplus: [[-1.2], [0.8]],
  sigmoid: [[0.3], [-2]], max: [[1, 2, 0.5], [3, -1, 2]], min: [[1, 2, 0.5], [3, -1, 2]], hypot: [[3, 4, 12], [-1, 2]],
  sum: [[1, 2, 3]], dot: [[1, 2, 3, 4], [0.5, -2]], logsumexp: [[0.1, 0.2, 0.3], [5, -3]], tan: [[0.3], [-1.2]],
  cot: [[0.7], [-0.3]], csc: [[1.1], [-0.4]], sec: [[0.4], [2.5]], csch: [[0.9], [-2]], coth: [[1.3], [-0.6]],
};

const rows = [...PRIMITIVES.values()].filter((p) => p.name !== 'pi' && p.name !== 'e');
const cases = rows.flatMap((p) =>
  (POINTS[p.name] ?? [[0.3], [0.7], [1.3]]).flatMap((x) =>
    x
      .map((_, i) => [p.name, x, i] as const)
      // A negative number has a real n-th root only at odd whole n: no derivative in n there.
      .filter(([name, at, i]) => !(name === 'nthRoot' && at[0] < 0 && i === 1)),
  ),
);

/** ∂f/∂x[i] by a central difference in 60-digit arithmetic: error about h², far below float64. */
function bigDifference(name: string, x: readonly number[], i: number): number {
  const p = PRIMITIVES.get(name)!;
  const h = BIG.fromString('1e-25');
  const shifted = (sign: 1 | -1): BigNumber =>
    BIG.apply(p, x.map((v, k) => (k === i ? (sign > 0 ? BIG.fromNumber(v).plus(h) : BIG.fromNumber(v).minus(h)) : BIG.fromNumber(v))));
  return BIG.toNumber(shifted(1).minus(shifted(-1)).div(h.times(2)));
}

/** Ridders' extrapolation in float64. */
function floatDifference(fn: (...x: number[]) => number, x: readonly number[], i: number): number {
  const at = (t: number) => fn(...x.map((v, k) => (k === i ? v + t : v)));
  let h = 0.05 * Math.max(1, Math.abs(x[i]));
  let prev: number[] = [(at(h) - at(-h)) / (2 * h)];
  let best = prev[0];
  let err = Infinity;
  for (let r = 1; r < 8; r++) {
    h /= 2;
    const row = [(at(h) - at(-h)) / (2 * h)];
    for (let k = 1; k <= r; k++) {
      row.push((4 ** k * row[k - 1] - prev[k - 1]) / (4 ** k - 1));
      const e = Math.abs(row[k] - row[k - 1]);
      if (e < err) [err, best] = [e, row[k]];
    }
    prev = row;
  }
  return best;
}

describe.each(cases)('%s at %j, argument %i', (name, x, i) => {
  const p = PRIMITIVES.get(name)!;
  const out = p.fn(...x);
  const rule = partialOf(p, i)(FLOAT, x, out, i);
  const scale = Math.max(1, Math.abs(rule));

  it('matches a 60-digit difference of the function', () => {
    expect(Math.abs(rule - bigDifference(name, x, i))).toBeLessThan(1e-12 * scale);
  });

  it('matches a float64 Richardson difference of the function', () => {
    expect(Math.abs(rule - floatDifference(p.fn, x, i))).toBeLessThan(1e-6 * scale);
  });

  it('is what the generated JavaScript partials compute', () => {
    const into = new Float64Array(x.length);
    const slots = Int32Array.from(x, (_, k) => k);
    partialsOf(p, x.length)(Float64Array.from(x), slots, 0, x.length, out, into, (1 << x.length) - 1);
    expect(into[i]).toBeCloseTo(rule, 14);
  });
});

describe('one convention at non-differentiable points, for every exact method and the reference', () => {
  const exact = ['symbolic', 'forward', 'reverse'] as const;
  it.each([
    ['abs(x)', 0, 0],
    ['relu(x)', 0, 0],
    ['sign(x)', 0, 0],
    ['heaviside(x)', 0, 0],
    ['sqrt(x)', 0, Infinity],
  ])("d/dx %s at %d is %d", (f, at, want) => {
    for (const method of exact) expect(gradient(f, { x: at }, { method }).x).toBe(want);
    expect(reference(f, { x: at }).jacobian[0][0]).toBe(want);
  });

  it('ties in max and min go to the first argument', () => {
    for (const method of exact) {
      expect(gradient('max(x, y)', { x: 1, y: 1 }, { method })).toEqual({ x: 1, y: 0 });
      expect(gradient('min(x, y, z)', { x: 2, y: 1, z: 1 }, { method })).toEqual({ x: 0, y: 1, z: 0 });
    }
  });

});

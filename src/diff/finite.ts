// Finite differences: stencils over evaluations of f, with steps scaled to each coordinate, a
// Richardson (Ridders) extrapolation that estimates its own error, and the complex step.
import { complex, complexOf, type Complex } from '../domains/complex';
import { fromJacobian, hvpFromHessian, largest, norm, requireLength, requireScalar, unit } from './common';
import type { Fn, Layout, Point } from './fn';
import { outputsOf, run, trace, valueAt } from './trace';
import type { Answer, Differentiator, Options, Scheme, Stats } from './types';

const EPS = Number.EPSILON;

/** The order of each scheme's error in h, so the step balancing truncation against round-off
 *  is about ε^(1/(order+1)). */
const ORDER: Record<Exclude<Scheme, 'complex-step' | 'richardson'>, number> = { forward: 1, backward: 1, central: 2, 'five-point': 4 };

export function defaultStep(scheme: Scheme, xj: number): number {
  const scale = Math.max(Math.abs(xj), 1);
  switch (scheme) {
    case 'complex-step':
      return 1e-20 * scale;
    case 'richardson':
      return 0.1 * scale;
    default:
      return Math.pow(EPS, 1 / (ORDER[scheme] + 1)) * scale;
  }
}

/** The step for coordinate j: the user's (one for all, or per input) or the scheme's default. */
function stepFor(options: Options, scheme: Scheme, x: Float64Array, j: number): number {
  const s = options.step;
  if (typeof s === 'number') return s;
  if (s) return s[j];
  // Representable: x + h - x must equal h exactly, or the stencil divides by the wrong width.
  const h = defaultStep(scheme, x[j]);
  return scheme === 'complex-step' ? h : x[j] + h - x[j];
}

interface Column {
  readonly d: number[];
  readonly evaluations: number;
  readonly error?: number[];
}

/** ∂f/∂(direction v) for all outputs with step h along v. */
function directional(f: (x: Float64Array) => number[], x: Float64Array, v: ArrayLike<number>, h: number, scheme: Scheme, f0: () => number[]): Column {
  const at = (t: number) => f(Float64Array.from(x, (xi, i) => xi + t * v[i]));
  const combine = (terms: [number, number[]][], scale: number) =>
    terms[0][1].map((_, o) => terms.reduce((s, [c, y]) => s + c * y[o], 0) / scale);
  switch (scheme) {
    case 'forward':
      return { d: combine([[1, at(h)], [-1, f0()]], h), evaluations: 1 };
    case 'backward':
      return { d: combine([[1, f0()], [-1, at(-h)]], h), evaluations: 1 };
    case 'central':
      return { d: combine([[1, at(h)], [-1, at(-h)]], 2 * h), evaluations: 2 };
    case 'five-point':
      return { d: combine([[-1, at(2 * h)], [8, at(h)], [-8, at(-h)], [1, at(-2 * h)]], 12 * h), evaluations: 4 };
    case 'richardson':
      return ridders(at, h);
    case 'complex-step':
      throw new Error('the complex step is not a real stencil');
  }
}

/** Ridders' extrapolation of central differences at h, h/2, h/4, …: a tableau whose diagonal
 *  converges to h → 0, stopping once the error estimate stops improving. */
function ridders(at: (t: number) => number[], h0: number): Column {
  const SHRINK = 2;
  const ROWS = 10;
  let evaluations = 0;
  const central = (h: number) => {
    evaluations += 2;
    const [a, b] = [at(h), at(-h)];
    return a.map((ai, o) => (ai - b[o]) / (2 * h));
  };
  let prev: number[][] = [central(h0)];
  let best = prev[0];
  let error = best.map(() => Infinity);
  let h = h0;
  for (let i = 1; i < ROWS; i++) {
    h /= SHRINK;
    const row: number[][] = [central(h)];
    let factor = SHRINK * SHRINK;
    for (let k = 1; k <= i; k++) {
      row.push(row[k - 1].map((r, o) => (factor * r - prev[k - 1][o]) / (factor - 1)));
      factor *= SHRINK * SHRINK;
      const e = row[k].map((r, o) => Math.max(Math.abs(r - row[k - 1][o]), Math.abs(r - prev[k - 1][o])));
      if (largest(e) <= largest(error)) {
        error = e;
        best = row[k];
      }
    }
    const drift = row[i].map((r, o) => Math.abs(r - prev[i - 1][o]));
    prev = row;
    if (largest(drift) >= 2 * largest(error)) break;
  }
  return { d: best, evaluations, error };
}

function complexColumn(fn: Fn, layout: Layout, x: Float64Array, j: number, h: number, options: Options): Column {
  const out = run<Complex>(fn, layout, complex, (k) => complexOf(x[k], k === j ? h : 0), options);
  return { d: outputsOf(out).outs.map((z) => z.im / h), evaluations: 1 };
}

function jacobianOf(fn: Fn, at: Point, options: Options): Answer<number[][]> {
  const scheme = options.scheme ?? 'central';
  const t = trace(fn, at, options);
  const { layout, x } = t;
  const f = (p: Float64Array) => valueAt(fn, layout, p, options);
  let base: number[] | undefined;
  const f0 = () => (base ??= typeof t.value === 'number' ? [t.value] : t.value);
  const m = typeof t.value === 'number' ? 1 : t.value.length;
  const J = Array.from({ length: m }, () => new Array<number>(layout.n).fill(0));
  const stats: Stats = { evaluations: 1, steps: [] };
  const errors: number[] = [];
  for (let j = 0; j < layout.n; j++) {
    const h = stepFor(options, scheme, x, j);
    const col = scheme === 'complex-step' ? complexColumn(fn, layout, x, j, h, options) : directional(f, x, unit(layout.n, j), h, scheme, f0);
    col.d.forEach((d, i) => (J[i][j] = d));
    stats.evaluations! += col.evaluations;
    stats.steps!.push(h);
    if (col.error) errors.push(largest(col.error));
  }
  if (errors.length) stats.errorEstimate = errors;
  return { value: t.value, result: J, stats };
}

/** Second differences with steps about ε^(1/4)·max(|xᵢ|, 1). */
function hessianOf(fn: Fn, at: Point, options: Options): Answer<number[][]> {
  const t = trace(fn, at, options);
  const y0 = requireScalar(t.value, 'a Hessian');
  const { layout, x } = t;
  const n = layout.n;
  const hs = Array.from(x, (xi, j) => (typeof options.step === 'number' ? options.step : options.step?.[j] ?? xi + Math.pow(EPS, 1 / 4) * Math.max(Math.abs(xi), 1) - xi));
  let evaluations = 1;
  const f = (di: number, i: number, dj: number, j: number) => {
    evaluations++;
    const p = Float64Array.from(x);
    p[i] += di * hs[i];
    p[j] += dj * hs[j];
    return valueAt(fn, layout, p, options)[0];
  };
  const H = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    H[i][i] = (f(1, i, 0, i) - 2 * y0 + f(-1, i, 0, i)) / (hs[i] * hs[i]);
    for (let j = i + 1; j < n; j++) {
      H[i][j] = H[j][i] = (f(1, i, 1, j) - f(1, i, -1, j) - f(-1, i, 1, j) + f(-1, i, -1, j)) / (4 * hs[i] * hs[j]);
    }
  }
  return { value: t.value, result: H, stats: { evaluations, steps: hs } };
}

export const finite: Differentiator = {
  name: 'finite',
  description: 'finite differences: forward, backward, central, five-point, Richardson, complex step',
  ...fromJacobian(jacobianOf),
  jvp(f, at, v, options = {}) {
    const scheme = options.scheme ?? 'central';
    if (scheme === 'complex-step') return fromJacobian(jacobianOf).jvp(f, at, v, options);
    const t = trace(f, at, options);
    const { layout, x } = t;
    requireLength(v, layout.n, 'the tangent');
    const length = norm(v) || 1;
    const h = (typeof options.step === 'number' ? options.step : defaultStep(scheme, norm(x) / Math.sqrt(layout.n || 1))) / length;
    const f0 = () => (typeof t.value === 'number' ? [t.value] : t.value);
    const col = directional((p) => valueAt(f, layout, p, options), x, v, h, scheme, f0);
    return { value: t.value, result: col.d, stats: { evaluations: col.evaluations + 1, steps: [h], errorEstimate: col.error } };
  },
  hessian: (f, at, options = {}) => hessianOf(f, at, options),
  hvp: hvpFromHessian(hessianOf),
};

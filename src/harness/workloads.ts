// The harness's workloads, written in the gradlab language: the accuracy suite (each function with
// a sampler of points inside its domain), extended Rosenbrock and its hand-written gradient, and
// the families whose symbolic derivatives swell.
import type { Point } from '../diff/fn';
import type { Rng } from '../nn/rng';
import type { AccuracyRow } from './types';

export interface Workload {
  /** What the reports call it: the source itself where it fits on a line. */
  readonly name: string;
  readonly kind: AccuracyRow['kind'];
  readonly source: string;
  /** A point inside the domain; every input drawn uniformly from its range. */
  readonly sample: (rng: Rng) => Point;
  /** False where f has kinks or input-dependent branches: a sampled point may lie near one. */
  readonly smooth: boolean;
}

/** Ranges of the inputs: `[lo, hi]` for a scalar, `[n, lo, hi]` for a vector of n. */
type Ranges = Readonly<Record<string, readonly [number, number] | readonly [number, number, number]>>;

function sampler(ranges: Ranges): (rng: Rng) => Point {
  const draw = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng.uniform();
  return (rng) =>
    Object.fromEntries(
      Object.entries(ranges).map(([name, r]) =>
        r.length === 2 ? [name, draw(rng, r[0], r[1])] : [name, Array.from({ length: r[0] }, () => draw(rng, r[1], r[2]))],
      ),
    );
}

type Entry = readonly [source: string, ranges: Ranges, smooth?: boolean, name?: string];

const suite = (kind: Workload['kind'], entries: readonly Entry[]): Workload[] =>
  entries.map(([source, ranges, smooth = true, name = source]) => ({ name, kind, source, sample: sampler(ranges), smooth }));

const x = (lo: number, hi: number) => ({ x: [lo, hi] as const });

/** The seed loop: halves x until |x| ≤ 5, so f is (x/2ᵏ)² on each band 5·2ᵏ⁻¹ < |x| ≤ 5·2ᵏ. */
export const SEED_LOOP = 'while abs(x) > 5 { x = x / 2 } return x^2';

const seeds = suite('seed', [
  ['2x + 3x^2 + x(6 - 2)', x(-3, 3)],
  ['sin(x)^2 + cos(x)^2', x(-3, 3)],
  [SEED_LOOP, x(-40, 40), false],
]);

const expressions = suite('expression', [
  ['x^3 - 2x^2 + x - 7', x(-2, 2)], ['(x - 1)(x + 2)(x - 3)', x(-3, 3)], ['(1 + x)^7', x(-1, 1)],
  ['1 / (1 + x^2)', x(-3, 3)], ['(x^2 - 1) / (x^2 + 1)', x(-3, 3)], ['1 / (1 + 1 / (1 + 1 / (1 + 1 / (1 + x))))', x(0.1, 3)],
  ['exp(x)', x(-5, 5)], ['exp(-x^2)', x(-2, 2)], ['exp(exp(x))', x(-1, 1.5)], ['2^x', x(-3, 3)],
  ['log(x)', x(0.1, 10)], ['log10(x)', x(0.5, 100)], ['log(log(x))', x(1.5, 10)], ['x log(x) - x', x(0.1, 5)],
  ['log(1 + x^2)', x(-3, 3)], ['x^x', x(0.2, 3)], ['cbrt(x)', x(0.5, 8)], ['nthRoot(x, 4)', x(0.5, 20)],
  ['sqrt(1 + sqrt(x))', x(0.1, 10)], ['sqrt(1 + sqrt(1 + sqrt(1 + sqrt(1 + x))))', x(0, 5)],
  ['sin(x)', x(-3, 3)], ['tan(x)', x(-1.4, 1.4)], ['sin(2x) cos(3x)', x(-3, 3)], ['sin(x) / x', x(0.1, 5)],
  ['asin(x)', x(-0.95, 0.95)], ['atan(x)', x(-5, 5)], ['asec(x)', x(1.1, 5)], ['atan2(1, x)', x(-3, 3)],
  ['sin(cos(tan(x)))', x(-1.2, 1.2)], ['x sin(1/x)', x(0.05, 2)], ['sin(sin(sin(sin(sin(sin(sin(sin(x))))))))', x(-3, 3)],
  ['exp(sin(exp(sin(x))))', x(-2, 2)], ['((((x^2)^2)^2)^2)', x(0.5, 1.2)],
  ['tanh(x)', x(-3, 3)], ['acosh(x)', x(1.1, 5)], ['atanh(x)', x(-0.9, 0.9)], ['cosh(x)^2 - sinh(x)^2', x(-3, 3)],
  ['sigmoid(x)', x(-6, 6)], ['softplus(2x - 1)', x(-3, 3)], ['log(sigmoid(x))', x(-10, 5)], ['hypot(x, 3)', x(-4, 4)],
  ['abs(x^3 - 1)', x(-2, 2), false], ['relu(x) + relu(-x)', x(-2, 2), false], ['max(x, 2x, 3)', x(-3, 3), false],
]);

const multivariable = suite('multivariable', [
  ['x^2 y + sin(x y)', { x: [-2, 2], y: [-2, 2] }], ['x / y', { x: [-3, 3], y: [0.5, 3] }],
  ['exp(x - y) log(y)', { x: [-1, 1], y: [0.5, 3] }], ['hypot(x, y)', { x: [1, 3], y: [-3, -1] }],
  ['atan2(y, x)', { x: [0.5, 2], y: [-2, 2] }], ['x^y', { x: [0.5, 2], y: [-2, 3] }],
  ['100(y - x^2)^2 + (1 - x)^2', { x: [-2, 2], y: [-2, 2] }], ['sigmoid(w1 x1 + w2 x2 + b)', { w1: [-2, 2], x1: [-2, 2], w2: [-2, 2], x2: [-2, 2], b: [-1, 1] }],
  ['log(exp(x) + exp(y))', { x: [-3, 3], y: [-3, 3] }], ['x y z + x^2 z - y^3', { x: [-2, 2], y: [-2, 2], z: [-2, 2] }],
  ['exp(-(x^2 + y^2) / 2) cos(x y)', { x: [-2, 2], y: [-2, 2] }], ['log(sum(exp(v[1]), exp(v[2]), exp(v[3])))', { v: [3, -2, 2] }],
  ['hypot(v)', { v: [5, 0.5, 3] }], ['max(x, y)', { x: [-2, 2], y: [-2, 2] }, false],
]);

const vectorValued = suite('vector', [
  ['[x y, x + y, exp(x)]', { x: [-2, 2], y: [-2, 2] }], ['[r cos(t), r sin(t)]', { r: [0.5, 3], t: [-3, 3] }],
  ['[x^2, x^3, x^4, x^5]', x(-2, 2)], ['[x / y, y / x]', { x: [0.5, 3], y: [0.5, 3] }],
  ['[sum(v), v[1] v[2], v[3]^2]', { v: [3, -2, 2] }], ['[sin(x) cos(y), sin(x) sin(y), cos(x)]', { x: [-3, 3], y: [-3, 3] }],
  ['[softplus(a - b), tanh(a b), sigmoid(a + b)]', { a: [-2, 2], b: [-2, 2] }],
]);

const programs = suite('program', [
  ['for i = 1:5 { x = x - (x^2 - 2) / (2x) }; x', x(0.5, 3), true, "Newton's method for √2, 5 steps"],
  ['y = 1; for i = 1:10 { y = y * x / i }; y', x(-3, 3), true, 'x¹⁰/10! by a loop'],
  ['s = 0; for k = 1:8 { s = s + sin(k x) / k }; s', x(-3, 3), true, 'Fourier sum, 8 terms'],
  ['r = x; for i = 1:6 { r = 3.7 r (1 - r) }; r', x(0.1, 0.9), true, 'logistic map, 6 steps'],
  ['y = 1; for i = 1:10 { y = y + 0.1 (sin(y) - k y) }; y', { k: [0.5, 2] }, true, 'Euler steps of an ODE'],
  ['c = [1, -2, 3, -4, 5]; y = 0; for i = 1:5 { y = y x + c[i] }; y', x(-2, 2), true, "Horner's rule, degree 4"],
  ['s = 0\nfor i = 1:length(x) - 1 {\n  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s', { x: [5, -2, 2] }, true, 'extended Rosenbrock, n = 5'],
  ['s = 0; for i = 1:length(v) { s = s + v[i]^2 }; sqrt(s)', { v: [4, 0.5, 2] }, true, 'norm by a loop'],
  ['p = 1; for i = 1:length(v) { p = p v[i] }; p', { v: [4, 0.5, 2] }, true, 'product by a loop'],
  ['a = x; b = y; for i = 1:4 { t = a; a = a b; b = t + b }; a + b', { x: [0.2, 1.2], y: [0.2, 1.2] }, true, 'coupled recurrence'],
  ['if x > 0 { y = x^2 } else { y = -x^3 }; y', x(-2, 2), false, 'if: x² or −x³'],
  ['if x < 1 { y = sin(x) } else if x < 2 { y = cos(x) } else { y = x }; y', x(0, 3), false, 'if / else if / else'],
  ['t = 0; for i = 1:3 { if t < x { t = t + x / 2 } }; t', x(0.1, 3), false, 'if inside a loop'],
  ['m = max(x, y); m + (x - m)^2', { x: [-2, 2], y: [-2, 2] }, false, 'max then a square'],
  ['n = 0; while x > 2 { x = sqrt(x); n = n + 1 }; x + n', x(2.5, 200), false, 'while: square roots down to 2'],
  ['y = x; while y < 100 { y = y * 1.5 + x }; y', x(0.5, 5), false, 'while: grow past 100'],
  // The program's derivative, not sqrt's: on each of its 2³⁰ pieces lo = c·x, so d lo/dx = lo/x ≈ 1/√x,
  // which the exact methods and the reference give, while a difference stencil spans many pieces
  // and finds 1/(2√x), the slope of the function the program approximates.
  ['lo = 0; hi = x; for i = 1:30 { m = (lo + hi) / 2; if m m > x { hi = m } else { lo = m } }; lo', x(1.5, 10), false, 'bisection for √x, 30 steps'],
]);

/** The accuracy suite: seed examples, expressions, functions of several inputs, vector-valued functions, programs. */
export const ACCURACY_SUITE: readonly Workload[] = [...seeds, ...expressions, ...multivariable, ...vectorValued, ...programs];

/** Extended Rosenbrock: Σ 100(x[i+1] − x[i]²)² + (1 − x[i])² over consecutive pairs. */
export const ROSENBROCK = `s = 0
for i = 1:length(x) - 1 {
  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2
}
return s`;

/** The classic starting point (−1.2, 1, −1.2, 1, …). */
export function rosenbrockPoint(n: number): { x: number[] } {
  return { x: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1)) };
}

/** Rosenbrock's gradient derived by hand, on typed arrays: the speed reference for the cost study.
 *  With tᵢ = xᵢ₊₁ − xᵢ²: ∂/∂xᵢ += −400xᵢtᵢ − 2(1 − xᵢ), ∂/∂xᵢ₊₁ += 200tᵢ. */
export function rosenbrockGradient(x: Float64Array, grad: Float64Array): number {
  grad.fill(0);
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const t = x[i + 1] - x[i] * x[i];
    const u = 1 - x[i];
    s += 100 * t * t + u * u;
    grad[i] += -400 * x[i] * t - 2 * u;
    grad[i + 1] += 200 * t;
  }
  return s;
}

/** (x+1)(x+2)…(x+k): the product rule's swell, and mathjs's simplifier's trap. */
export const product = (k: number): string => Array.from({ length: k }, (_, i) => `(x + ${i + 1})`).join('');

/** sin(sin(…sin(x)…)), k deep. */
export const nestedSin = (k: number): string => 'sin('.repeat(k) + 'x' + ')'.repeat(k);

/** The logistic map r·x(1 − x) iterated k times: written out, x appears 2ᵏ times; run on symbols,
 *  each step is one shared node. */
export const logisticMap = (k: number): string => `for i = 1:${k} { x = 3.7 x (1 - x) }; x`;

// Checking a claimed gradient g of f at x without choosing a step: along a seeded random direction
// v the Taylor remainder r(t) = |f(x + t·v) − f(x) − t·⟨g, v⟩| falls as t² when g = ∇f(x) and only
// as t when it is not, so the slope of log r against log t tells them apart; forward mode's
// gradient and the relative error stand beside it.
import { relativeError } from '../diff/distance';
import { compile, flatten, layoutOf, toArray, unflatten, type CompileOptions, type Fn, type FnLike, type Layout, type Point } from '../diff/fn';
import { differentiators } from '../diff/registry';
import { trace, valueAt } from '../diff/trace';
import { EvalError, GradlabError } from '../errors';
import type { RunOptions } from '../interpret/interpret';
import { Rng } from '../nn/rng';

export type Verdict = 'ok' | 'wrong' | 'inconclusive';

export interface CheckOptions extends CompileOptions {
  /** Seed of the random direction (default 1). */
  readonly seed?: number;
  /** The direction v instead of a random one: flat, or shaped like the point. */
  readonly direction?: readonly number[] | Point;
  /** The steps t, largest first (default 2⁻¹, 2⁻², …, 2⁻²⁰). */
  readonly steps?: readonly number[];
  readonly maxIterations?: number;
}

export interface TaylorPoint {
  readonly t: number;
  /** r(t); null where f could not be evaluated at x + t·v. */
  readonly remainder: number | null;
  /** Whether the point is in the fit: above round-off, among the smallest `WINDOW` such t, and not
   *  an outlier of the line. */
  readonly used: boolean;
}

export interface GradientCheck {
  readonly verdict: Verdict;
  /** Least-squares slope of log r against log t over the points used; null with fewer than 3 above round-off. */
  readonly slope: number | null;
  readonly reason: string;
  /** f(x). */
  readonly value: number;
  /** The direction v, flat (inputs in order of first appearance, vectors flattened). */
  readonly direction: number[];
  readonly points: TaylorPoint[];
  readonly claimed: Record<string, number | number[]>;
  /** Forward mode's gradient, shaped like the inputs, and ‖g − forward‖₂ / ‖forward‖₂. */
  readonly forward: Record<string, number | number[]>;
  readonly relError: number;
}

/** Slopes at or above this say O(t²) (a slope above 2 means vᵀ∇²f v ≈ 0: still right). */
const OK_SLOPE = 1.8;
/** Slopes at or below this say O(t): a first-order error. */
const WRONG_SLOPE = 1.2;
/**
 * Remainders below this many ε·(|f(x)| + |f(x + tv)| + t|⟨g, v⟩| + Σ|∂f/∂xᵢ|·|xᵢ + t·vᵢ|) are
 * round-off, not signal; the last term stands for terms of f that cancel (3x − 2y + 1 at (1, 2) is 0,
 * yet each evaluation rounds at the size of 3x and 2y).
 */
const ROUNDOFF = 1e3;
/** The fit uses at most this many points, the smallest t above round-off: the asymptotic end. */
const WINDOW = 8;
const STEPS = Array.from({ length: 20 }, (_, k) => 2 ** -(k + 1));

/** The claimed gradient made flat, checked against the layout entry by entry. */
function flatClaim(layout: Layout, claimed: readonly number[] | Point): Float64Array {
  if (Array.isArray(claimed) || claimed instanceof Float64Array) {
    if (claimed.length !== layout.n) throw new EvalError('shape', `the claimed gradient has ${claimed.length} entries; the function has ${layout.n} inputs`);
    return Float64Array.from(claimed as ArrayLike<number>);
  }
  const point = claimed as Point;
  const names = layout.entries.map((e) => e.name);
  for (const name of Object.keys(point)) {
    if (!names.includes(name)) throw new EvalError('unknown-input', `'${name}' in the claimed gradient is not an input (inputs: ${names.join(', ') || 'none'})`);
  }
  for (const e of layout.entries) {
    const g = point[e.name];
    if (g === undefined) throw new EvalError('missing-input', `the claimed gradient has no entry for '${e.name}'`);
    const size = typeof g === 'number' ? null : g.length;
    if (size !== e.size) {
      const what = (s: number | null) => (s === null ? 'a number' : `a vector of ${s}`);
      throw new EvalError('shape', `the claimed gradient for '${e.name}' is ${what(size)}; the input is ${what(e.size)}`);
    }
  }
  return flatten(layout, point);
}

function randomDirection(x: Float64Array, seed: number): number[] {
  const rng = new Rng(seed);
  const u = Array.from(x, () => rng.normal());
  const norm = Math.hypot(...u) || 1;
  // Scaled per coordinate to max(|xᵢ|, 1), as finite-difference steps are.
  return u.map((ui, i) => (ui / norm) * Math.max(Math.abs(x[i]), 1));
}

/** Slope and intercept of the least-squares line through (log₂ t, log₂ r). */
function line(points: readonly { t: number; r: number }[]): { slope: number; at: (t: number) => number } {
  const xs = points.map((p) => Math.log2(p.t));
  const ys = points.map((p) => Math.log2(p.r));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  const slope = num / den;
  return { slope, at: (t) => my + slope * (Math.log2(t) - mx) };
}

/**
 * The least-squares fit, refitted without its worst point while that lies more than a factor 2 off
 * the line: where two terms of the remainder cancel (t² against t³, or a wrong t against t²) it dips
 * at one t, and one such point would bend the slope.
 */
function robustFit(points: readonly { t: number; r: number }[]): { slope: number; kept: { t: number; r: number }[] } {
  let kept = [...points];
  for (;;) {
    const fit = line(kept);
    const residuals = kept.map((p) => Math.abs(Math.log2(p.r) - fit.at(p.t)));
    const worst = residuals.indexOf(Math.max(...residuals));
    if (kept.length <= 4 || residuals[worst] <= 1) return { slope: fit.slope, kept };
    kept = kept.filter((_, i) => i !== worst);
  }
}

interface Measured {
  readonly t: number;
  readonly r: number | null;
  /** Below this, r is round-off. */
  readonly floor: number;
}

/** r(t) at each step, with its round-off floor; null where f cannot be evaluated at x + t·v. */
function remainders(fn: Fn, layout: Layout, x: Float64Array, v: readonly number[], g: Float64Array, forward: readonly number[], steps: readonly number[], run: RunOptions): Measured[] {
  const f0 = valueAt(fn, layout, x, run)[0];
  const gv = v.reduce((s, vi, i) => s + vi * g[i], 0);
  const sensitivity = (t: number) => forward.reduce((s, di, i) => s + (Number.isFinite(di) ? Math.abs(di) * Math.abs(x[i] + t * v[i]) : 0), 0);
  return steps.map((t) => {
    const xt = Float64Array.from(x, (xi, i) => xi + t * v[i]);
    let ft: number;
    try {
      ft = valueAt(fn, layout, xt, run)[0];
    } catch (err) {
      // Past the edge of f's domain along v: this t says nothing, smaller ones may.
      if (err instanceof GradlabError) return { t, r: null, floor: 0 };
      throw err;
    }
    if (!Number.isFinite(ft)) return { t, r: null, floor: 0 };
    const size = Math.abs(f0) + Math.abs(ft) + Math.abs(t * gv) + sensitivity(t);
    return { t, r: Math.abs(ft - f0 - t * gv), floor: ROUNDOFF * Number.EPSILON * size };
  });
}

/** Largest t first, the points until the remainder sinks into round-off, less a tail that has
 *  stopped falling (round-off the floor underestimated). */
function aboveRoundoff(measured: readonly Measured[]): { t: number; r: number }[] {
  const signal: { t: number; r: number }[] = [];
  for (const p of measured) {
    if (p.r === null) continue;
    if (p.r <= p.floor) break;
    signal.push({ t: p.t, r: p.r });
  }
  while (signal.length >= 2 && signal[signal.length - 1].r > 0.7 * signal[signal.length - 2].r) signal.pop();
  return signal;
}

function judge(slope: number | null, measured: readonly Measured[], signal: readonly unknown[], window: number): { verdict: Verdict; reason: string } {
  if (slope !== null) {
    if (slope >= OK_SLOPE) return { verdict: 'ok', reason: `the remainder falls as t^${slope.toFixed(2)}: g predicts f to second order along v` };
    if (slope <= WRONG_SLOPE) {
      return { verdict: 'wrong', reason: `the remainder falls only as t^${slope.toFixed(2)}: ⟨g, v⟩ is not the directional derivative, so g is not the gradient (or f has a kink at x)` };
    }
    return { verdict: 'inconclusive', reason: `a slope of ${slope.toFixed(2)} is neither 1 nor 2: try another seed, or a point away from kinks and branch boundaries` };
  }
  const evaluated = measured.filter((p) => p.r !== null).length;
  if (evaluated === 0) return { verdict: 'inconclusive', reason: 'f could not be evaluated at any x + t·v: give steps inside its domain' };
  if (signal.length === 0 && measured.every((p) => p.r === null || p.r <= p.floor)) {
    return { verdict: 'ok', reason: 'the remainder is at round-off for every t: g predicts f along v to working precision (f is linear along v)' };
  }
  return { verdict: 'inconclusive', reason: `only ${window} of ${evaluated} points lie above round-off: too few to fit a slope` };
}

/** Is `claimed` the gradient of the scalar `f` at `at`? */
export function checkGradient(f: FnLike, at: Point, claimed: readonly number[] | Point, options: CheckOptions = {}): GradientCheck {
  const fn = compile(f, options);
  const layout = layoutOf(fn, at);
  const x = flatten(layout, at);
  const run = { maxIterations: options.maxIterations };
  const value = trace(fn, at, run).value;
  if (typeof value !== 'number') {
    throw new EvalError('shape', `a gradient check needs a function with one output; this one returns ${value.length}: check each output, or a vjp`);
  }
  const g = flatClaim(layout, claimed);
  const d = options.direction;
  const v = d === undefined ? randomDirection(x, options.seed ?? 1) : Array.isArray(d) ? [...(d as readonly number[])] : Array.from(flatten(layout, d as Point));
  if (v.length !== layout.n) throw new EvalError('shape', `the direction has ${v.length} entries; the function has ${layout.n} inputs`);
  const forward = toArray(differentiators.forward.gradient(fn, at, run).result);

  const measured = remainders(fn, layout, x, v, g, forward, options.steps ?? STEPS, run);
  const signal = aboveRoundoff(measured);
  const window = signal.slice(-WINDOW);
  const fit = window.length >= 3 ? robustFit(window) : null;
  const slope = fit?.slope ?? null;
  return {
    ...judge(slope, measured, signal, window.length),
    slope,
    value,
    direction: v,
    points: measured.map((p) => ({ t: p.t, remainder: p.r, used: fit?.kept.some((q) => q.t === p.t) ?? false })),
    claimed: unflatten(layout, g),
    forward: unflatten(layout, forward),
    relError: relativeError(Array.from(g), forward),
  };
}

// What generated code calls at run time: growable stacks, and the n-ary ops over whole vectors
// (sum and dot accumulate from 0 in argument order, exactly as their table rows do).
import { algebraOf, float } from '../interpret/domain';
import { partialOf, primitive } from '../primitives';
import { DOT_KERNELS } from './dot-kernels';

const FLOAT = algebraOf(float);

/** Thrown by generated code where the interpreter would raise an error. */
export const BAIL: unique symbol = Symbol('bail to the interpreter');

/** The arguments of an n-ary call as one flat list: scalars and vectors in order. */
function cat(parts: readonly (number | Float64Array)[]): number[] {
  const out: number[] = [];
  for (const p of parts) {
    if (typeof p === 'number') out.push(p);
    else for (let k = 0; k < p.length; k++) out.push(p[k]);
  }
  return out;
}

function sum(parts: readonly (number | Float64Array)[]): number {
  let s = 0;
  for (const p of parts) {
    if (typeof p === 'number') s += p;
    else for (let k = 0; k < p.length; k++) s += p[k];
  }
  return s;
}

/** max and min of one vector: Math.max folded pairwise is Math.max of the whole list (NaN and
 *  the sign of zero included), without spreading 10⁵ arguments onto the stack. */
function max(v: Float64Array): number {
  let m = -Infinity;
  for (let k = 0; k < v.length; k++) m = Math.max(m, v[k]);
  return m;
}

function min(v: Float64Array): number {
  let m = Infinity;
  for (let k = 0; k < v.length; k++) m = Math.min(m, v[k]);
  return m;
}

/** dot(a, b) of two vectors: the halves of the spread list are a and b when their lengths agree. */
function dot(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return primitive('dot').apply(cat([a, b]));
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

/** An n-ary row on its arguments as one array (never spread: 10⁵ arguments overflow the stack). */
function apply(op: string, xs: readonly number[]): number {
  return primitive(op).apply(xs);
}

/** Every partial of an n-ary op whose argument count is known only at run time, from its rule. */
function partials(op: string, xs: readonly number[], out: number): Float64Array {
  if (op === 'max' || op === 'min') return firstWinner(xs, op === 'max');
  const p = primitive(op);
  return Float64Array.from(xs, (_, i) => partialOf(p, i)(FLOAT, xs, out, i));
}

/** max and min's rule (1 for the first extremum, ties to the first argument) in one pass: the
 *  rule as written multiplies n steps per argument, n² in all, which a vector of 10⁵ cannot
 *  afford. Kept equal to the rule by test/compile/runtime.test.ts. */
function firstWinner(xs: ArrayLike<number>, max: boolean): Float64Array {
  const d = new Float64Array(xs.length);
  if (xs.length) d[winner(xs, max)] = 1;
  return d;
}

/** The index of the first largest (or smallest) entry: where max's (min's) derivative is 1. */
function winner(xs: ArrayLike<number>, max: boolean): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (max ? xs[i] > xs[best] : xs[i] < xs[best]) best = i;
  return best;
}

/** a + g·D[i] for each position i in turn: the adjoint of a variable that fills positions `at`
 *  of a many-argument call, summed as one statement per argument would sum it. */
function accumulate(a: number, g: number, D: ArrayLike<number>, at: readonly number[]): number {
  for (let k = 0; k < at.length; k++) a += g * D[at[k]];
  return a;
}

/** Σ g·D[i] over positions `at`, left to right: a variable's forward coefficient in such a call. */
function coefficient(g: number, D: ArrayLike<number>, at: readonly number[]): number {
  let c = g * D[at[0]];
  for (let k = 1; k < at.length; k++) c = c + g * D[at[k]];
  return c;
}

/** A stack twice the size, holding the old one's values. */
function grow(s: Float64Array): Float64Array {
  const t = new Float64Array(Math.max(1024, s.length * 2));
  t.set(s);
  return t;
}

/** Forward mode's tangents of a vector kept for elements lo … hi − 1 (W lanes each), widened to
 *  hold element k: at least doubled, within the vector's n elements; the new elements' are zero. */
function widen(d: Float64Array, lo: number, hi: number, k: number, n: number, W: number): { d: Float64Array; lo: number; hi: number } {
  const grow = Math.max(hi - lo, 1);
  const nlo = hi <= lo ? k : k < lo ? Math.max(0, Math.min(k, lo - grow)) : lo;
  const nhi = hi <= lo ? k + 1 : k >= hi ? Math.min(n, Math.max(k + 1, hi + grow)) : hi;
  const out = new Float64Array((nhi - nlo) * W);
  if (hi > lo) out.set(d.subarray(0, (hi - lo) * W), (lo - nlo) * W);
  return { d: out, lo: nlo, hi: nhi };
}

/** A vector's tangents for all n elements from those kept for lo … hi − 1. */
function dense(d: Float64Array, lo: number, hi: number, n: number, W: number): Float64Array {
  const out = new Float64Array(n * W);
  if (hi > lo) out.set(d.subarray(0, (hi - lo) * W), lo * W);
  return out;
}

/** Whether the 1-based ranges [a, b] in pairs cover 1 … n (see cover.ts): the covered prefix
 *  grown until no range extends it (a loop's few ranges: no allocation, no sort). */
function covered(ranges: readonly number[], n: number): boolean {
  let next = 1;
  for (let grown = true; grown && next <= n; ) {
    grown = false;
    for (let k = 0; k < ranges.length; k += 2) {
      if (ranges[k] <= next && ranges[k + 1] >= next) {
        next = ranges[k + 1] + 1;
        grown = true;
      }
    }
  }
  return next > n;
}

export const RUNTIME = { covered, accumulate, coefficient, apply, cat, sum, dot, max, min, winner, grow, partials, widen, dense, ...DOT_KERNELS };
export type Runtime = typeof RUNTIME;

// Small pieces every differentiator shares: shape checks and the linear algebra of J, v and w.
import { EvalError } from '../errors';
import { primitive } from '../primitives';
import type { Fn, Point } from './fn';
import type { Answer, Differentiator, Options } from './types';

export function requireScalar(value: number | number[], what: string): number {
  if (typeof value !== 'number') {
    throw new EvalError('shape', `${what} needs a function with one output; this one returns ${value.length}: use the jacobian`);
  }
  return value;
}

export function requireLength(v: readonly number[], n: number, what: string): void {
  if (v.length !== n) throw new EvalError('shape', `${what} has ${v.length} entries; the function has ${n}`);
  if (v.some((c) => typeof c !== 'number' || Number.isNaN(c))) throw new EvalError('type', `${what} must hold numbers`);
}

export function outputCount(value: number | number[]): number {
  return typeof value === 'number' ? 1 : value.length;
}

/** J v for J with rows as outputs. */
export function matVec(J: readonly (readonly number[])[], v: readonly number[]): number[] {
  return J.map((row) => row.reduce((s, a, k) => s + a * v[k], 0));
}

/** wᵀ J. */
export function vecMat(w: readonly number[], J: readonly (readonly number[])[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  J.forEach((row, i) => row.forEach((a, k) => (out[k] += w[i] * a)));
  return out;
}

/** The largest entry and the Euclidean norm, as loops (a spread of 10⁶ numbers overflows the stack). */
export const largest = (xs: readonly number[]): number => primitive('max').apply(xs);
export const norm = (xs: ArrayLike<number>): number => primitive('hypot').apply(Array.from(xs));

export function unit(n: number, j: number): number[] {
  const e = new Array<number>(n).fill(0);
  e[j] = 1;
  return e;
}

type Full = (f: Fn, at: Point, options: Options) => Answer<number[][]>;

/** What follows from a method's full Jacobian: the gradient (its one row), J·v and wᵀJ. A method
 *  with a cheaper route to one of them overrides it. */
export function fromJacobian(jacobianOf: Full): Pick<Differentiator, 'gradient' | 'jacobian' | 'jvp' | 'vjp'> {
  return {
    gradient(f, at, options = {}) {
      const { value, result, stats } = jacobianOf(f, at, options);
      requireScalar(value, 'a gradient');
      return { value, result: result[0], stats };
    },
    jacobian: (f, at, options = {}) => jacobianOf(f, at, options),
    jvp(f, at, v, options = {}) {
      const { value, result, stats } = jacobianOf(f, at, options);
      requireLength(v, result[0]?.length ?? 0, 'the tangent');
      return { value, result: matVec(result, v), stats };
    },
    vjp(f, at, w, options = {}) {
      const { value, result, stats } = jacobianOf(f, at, options);
      requireLength(w, result.length, 'the cotangent');
      return { value, result: vecMat(w, result, result[0]?.length ?? 0), stats };
    },
  };
}

/** The Hessian-vector product as H·v, for methods that form H anyway. */
export function hvpFromHessian(hessianOf: Full): Differentiator['hvp'] {
  return (f, at, v, options = {}) => {
    const { value, result, stats } = hessianOf(f, at, options);
    requireLength(v, result.length, 'the direction');
    return { value, result: matVec(result, v), stats };
  };
}

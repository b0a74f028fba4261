// Small pieces every differentiator shares: shape checks and the linear algebra of J, v and w.
import * as ast from '../ast';
import type { Expr, Stmt } from '../ast';
import { EvalError, UnsupportedError } from '../errors';
import { primitive } from '../primitives';
import type { Fn, Point } from './fn';
import type { Answer, Differentiator, Options, Stats } from './types';

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

/** A name no source can write, so it cannot capture a variable of the program it is added to. */
const PICKED = 'output·picked';

/** `return e` and a final expression `e` made to give element `k` (1-based) of e. */
function pickIn(body: readonly Stmt[], k: number, last: boolean): Stmt[] {
  return body.flatMap((s, i): Stmt[] => {
    const pick = (value: Expr, then: (e: Expr) => Stmt): Stmt[] => [{ kind: 'assign', name: PICKED, value, span: s.span }, then(ast.index(PICKED, ast.num(k), s.span))];
    switch (s.kind) {
      case 'return':
        return pick(s.value, (e) => ({ kind: 'return', value: e, span: s.span }));
      case 'expr':
        return last && i === body.length - 1 ? pick(s.value, (e) => ({ kind: 'expr', value: e, span: s.span })) : [s];
      case 'if':
        return [{ ...s, then: pickIn(s.then, k, false), else: s.else && pickIn(s.else, k, false) }];
      case 'while':
      case 'for':
        return [{ ...s, body: pickIn(s.body, k, false) }];
      default:
        return [s];
    }
  });
}

/**
 * Output i (0-based) of a vector-valued f as a scalar function of the same inputs: what every
 * method's second-order verbs take, so the Hessian of each output of f: Rⁿ → Rᵐ needs nothing
 * new from the methods. Kept in f's cache, so each output's traces and derivatives are reused.
 */
export function outputOf(fn: Fn, i: number): Fn {
  const key = `output:${i}`;
  const cached = fn.cache.get(key) as Fn | undefined;
  if (cached) return cached;
  const program = fn.program;
  if (!program) throw new UnsupportedError('this function was built as expressions: its outputs have no program to take second derivatives of', undefined, 'expression');
  // The same function otherwise (its inputs, data and, for a JS function, the source its spans point into).
  const out: Fn = { ...fn, program: ast.program(pickIn(program.body, i + 1, true), program.span), cache: new Map() };
  fn.cache.set(key, out);
  return out;
}

/** What the per-output answers did together: counts add up, and a flag holds if it held for all. */
function mergeStats(all: readonly Stats[]): Stats {
  const out: Stats = {};
  for (const key of ['evaluations', 'sweeps', 'tapeLength', 'tapeBytes', 'treeNodes', 'dagNodes'] as const) {
    const values = all.flatMap((s) => (s[key] === undefined ? [] : [s[key]!]));
    if (values.length) out[key] = values.reduce((a, b) => a + b, 0);
  }
  for (const key of ['replayed', 'simplified'] as const) {
    const values = all.flatMap((s) => (s[key] === undefined ? [] : [s[key]!]));
    if (values.length) out[key] = values.every(Boolean);
  }
  const steps = all.find((s) => s.steps)?.steps;
  return steps ? { ...out, steps } : out;
}

/**
 * A scalar second-order verb (Hessian, H·v) lifted to f: Rⁿ → Rᵐ: one answer per output, each the
 * method's own verb on that output alone (one answer for a scalar f); `value` is f's, whole.
 */
export function perOutput<V>(second: (f: Fn) => Answer<V>, fn: Fn, value: number | number[]): Answer<V[]> {
  if (typeof value === 'number') {
    const a = second(fn);
    return { value: a.value, result: [a.result], stats: a.stats };
  }
  const answers = value.map((_, i) => second(outputOf(fn, i)));
  return { value, result: answers.map((a) => a.result), stats: mergeStats(answers.map((a) => a.stats)) };
}

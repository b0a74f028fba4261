// The registry of differentiators, and the JAX-style verbs over it: gradient, jacobian, hessian,
// jvp, vjp, hvp, each taking source text, a parsed program or a compiled function; the second-order
// verbs take f: Rⁿ → Rᵐ too, one output at a time.
import { EvalError, UsageError } from '../errors';
import { compiledForward, compiledReverse, pointOf, withEngine } from '../compile/methods';
import { compiledSecondOrder } from '../compile/second';
import { compiledSymbolic } from '../compile/symbolic';
import { perOutput } from './common';
import { compile, flatten, layoutOf, unflatten, type CompileOptions, type Fn, type FnLike, type Point } from './fn';
import { finite } from './finite';
import { forward } from './forward';
import { reverse } from './reverse';
import { MAX_BUILT_INPUTS, MAX_PIECES, symbolic } from './symbolic';
import type { Answer, Differentiator, Method, MethodFacts, MethodName, Options } from './types';

function hasNaN(row: readonly number[]): boolean {
  for (let i = 0; i < row.length; i++) if (row[i] !== row[i]) return true;
  return false;
}

/** A NaN in an answer means the derivative does not exist there: say so instead of returning it. */
function guarded(d: Differentiator, facts: MethodFacts): Method {
  const check = <V>(what: string, a: Answer<V>): Answer<V> => {
    const result = a.result as unknown as number[] | number[][];
    const rows = (Array.isArray(result[0]) ? result : [result]) as number[][];
    if (rows.some(hasNaN)) {
      throw new EvalError('domain', `the ${what} is not a real number at this point (${d.name} found NaN)`);
    }
    return a;
  };
  return {
    name: d.name,
    description: d.description,
    facts,
    gradient: (f, at, o) => check('gradient', d.gradient(f, at, o)),
    jacobian: (f, at, o) => check('Jacobian', d.jacobian(f, at, o)),
    hessian: (f, at, o) => check('Hessian', d.hessian(f, at, o)),
    jvp: (f, at, v, o) => check('Jacobian-vector product', d.jvp(f, at, v, o)),
    vjp: (f, at, w, o) => check('vector-Jacobian product', d.vjp(f, at, w, o)),
    hvp: (f, at, v, o) => check('Hessian-vector product', d.hvp(f, at, v, o)),
  };
}

/** Each method's promises: the one place a study, the trainer or a benchmark learns them. */
const FACTS: Readonly<Record<MethodName, MethodFacts>> = {
  finite: {
    exact: false,
    tolerance: 1e-5,
    costGrowth: 2,
    cost: '2n + 1 evaluations of f (central differences)',
    inputLimit: 5_000,
    refuses: [],
  },
  symbolic: {
    exact: true,
    tolerance: 1e-12,
    costGrowth: 1,
    cost: 'one derivation and simplification, then one evaluation of the derivative',
    inputLimit: 20_000,
    refuses: [
      `more than ${MAX_PIECES} paths through input-dependent branches`,
      'the Hessian of a piecewise function',
      `a function built as expressions of more than ${MAX_BUILT_INPUTS.toLocaleString('en-US')} inputs`,
    ],
  },
  forward: {
    exact: true,
    tolerance: 1e-12,
    costGrowth: 2,
    cost: '⌈n/16⌉ sweeps of 16 tangents',
    inputLimit: 5_000,
    refuses: [],
  },
  reverse: {
    exact: true,
    tolerance: 1e-12,
    costGrowth: 1,
    cost: 'one sweep per output, a few evaluations of f',
    inputLimit: Infinity,
    refuses: [],
  },
};

export const differentiators: Readonly<Record<MethodName, Method>> = {
  finite: guarded(withEngine(finite, {}), FACTS.finite),
  symbolic: guarded(withEngine(symbolic, compiledSymbolic), FACTS.symbolic),
  forward: guarded(withEngine(forward, compiledForward), FACTS.forward),
  reverse: guarded(withEngine(reverse, { ...compiledReverse, ...compiledSecondOrder }), FACTS.reverse),
};

export const METHODS = Object.keys(differentiators) as MethodName[];

/** The methods exact up to rounding (every one but finite differences), in registry order. */
export const EXACT_METHODS: readonly MethodName[] = METHODS.filter((m) => differentiators[m].facts.exact);

export interface MethodOptions extends Options, CompileOptions {
  /** Which differentiator to use (default: reverse; forward for jvp). */
  method?: MethodName;
}

export function differentiator(name: string): Method {
  const d = differentiators[name as MethodName];
  if (!d) throw new UsageError(`no method '${name}': choose one of ${METHODS.join(', ')}`);
  return d;
}

/** A direction given flat or shaped like the point (`{x: 1, v: [0, 1]}`). */
function directionOf(f: FnLike, at: Point, d: readonly number[] | Point, options: CompileOptions): number[] {
  if (Array.isArray(d)) return [...d];
  return Array.from(flatten(layoutOf(compile(f, options), at), d as Point));
}

/** ∇f at `at`, shaped like the inputs: `{x: 1.5}` or `{v: [1, 2]}`. */
export function gradient(f: FnLike, at: Point, options: MethodOptions = {}): Record<string, number | number[]> {
  const fn = compile(f, options);
  const r = differentiator(options.method ?? 'reverse').gradient(fn, at, options);
  return unflatten(layoutOf(fn, at), r.result);
}

/** The Jacobian: rows are outputs, columns the inputs flattened in order of first appearance. */
export function jacobian(f: FnLike, at: Point, options: MethodOptions = {}): number[][] {
  return differentiator(options.method ?? 'reverse').jacobian(compile(f, options), at, options).result;
}

/** The Hessian of each output of f: Rⁿ → Rᵐ by one method (one matrix for a scalar f), each by
 *  the method's own Hessian of that output, with what they cost together. */
export function hessiansOf(d: Differentiator, fn: Fn, at: Point, options: Options = {}): Answer<number[][][]> {
  return perOutput((g) => d.hessian(g, at, options), fn, pointOf(fn, at, options).value);
}

/** H·v for each output of f: Rⁿ → Rᵐ (one vector for a scalar f), flat like the inputs. */
export function hvpsOf(d: Differentiator, fn: Fn, at: Point, direction: readonly number[], options: Options = {}): Answer<number[][]> {
  return perOutput((g) => d.hvp(g, at, direction, options), fn, pointOf(fn, at, options).value);
}

/**
 * The Hessian of a scalar f; of f: Rⁿ → Rᵐ, m Hessians, one per output (as JAX's hessian of a
 * vector function): `hessian<number[][][]>(f, at)` types that case.
 */
export function hessian<H extends number[][] | number[][][] = number[][]>(f: FnLike, at: Point, options: MethodOptions = {}): H {
  const r = hessiansOf(differentiator(options.method ?? 'reverse'), compile(f, options), at, options);
  return (typeof r.value === 'number' ? r.result[0] : r.result) as H;
}

/** J·v: how the outputs move along the input direction v. */
export function jvp(f: FnLike, at: Point, tangent: readonly number[] | Point, options: MethodOptions = {}): number | number[] {
  const r = differentiator(options.method ?? 'forward').jvp(compile(f, options), at, directionOf(f, at, tangent, options), options);
  return typeof r.value === 'number' ? r.result[0] : r.result;
}

/** wᵀJ, shaped like the inputs. */
export function vjp(f: FnLike, at: Point, cotangent: number | readonly number[], options: MethodOptions = {}): Record<string, number | number[]> {
  const fn = compile(f, options);
  const w = typeof cotangent === 'number' ? [cotangent] : [...cotangent];
  const r = differentiator(options.method ?? 'reverse').vjp(fn, at, w, options);
  return unflatten(layoutOf(fn, at), r.result);
}

type Shaped = Record<string, number | number[]>;

/** H·v, shaped like the inputs; of f: Rⁿ → Rᵐ, one per output (`hvp<Shaped[]>` types that case). */
export function hvp<R extends Shaped | Shaped[] = Shaped>(f: FnLike, at: Point, direction: readonly number[] | Point, options: MethodOptions = {}): R {
  const fn = compile(f, options);
  const layout = layoutOf(fn, at);
  const r = hvpsOf(differentiator(options.method ?? 'reverse'), fn, at, directionOf(fn, at, direction, options), options);
  const shaped = r.result.map((v) => unflatten(layout, v));
  return (typeof r.value === 'number' ? shaped[0] : shaped) as R;
}

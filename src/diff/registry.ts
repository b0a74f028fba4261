// The registry of differentiators, and the JAX-style verbs over it: gradient, jacobian, hessian,
// jvp, vjp, hvp, each taking source text, a parsed program or a compiled function; the second-order
// verbs take f: Rⁿ → Rᵐ too, one output at a time.
import { EvalError, UsageError } from '../errors';
import { compiledForward, compiledReverse, FINITE, pointOf, withEngine } from '../compile/methods';
import { compiledSecondOrder } from '../compile/second';
import { compiledSymbolic } from '../compile/symbolic';
import { perOutput } from './common';
import { acceptedLayout, asKind, compile, flatten, layoutOf, typedPoint, unflattenLike, type CompileOptions, type Fn, type FnLike, type Point } from './fn';
import { finite } from './finite';
import { forward } from './forward';
import { reverse } from './reverse';
import { MAX_BUILT_INPUTS, MAX_PIECES, symbolic } from './symbolic';
import type { Answer, Differentiator, FlatOf, Method, MethodFacts, MethodName, Options, Vector } from './types';

function hasNaN(row: ArrayLike<number>): boolean {
  for (let i = 0; i < row.length; i++) if (row[i] !== row[i]) return true;
  return false;
}

/**
 * The registered form of a method: a NaN in an answer means the derivative does not exist there
 * (say so instead of returning it), and each flat answer (a vector, or each row of a matrix) is
 * the kind the point asks for (`typedPoint`): a fresh Float64Array, or a number[].
 */
function guarded(d: Differentiator, facts: MethodFacts): Method {
  const fail = (what: string) => {
    throw new EvalError('domain', `the ${what} is not a real number at this point (${d.name} found NaN)`);
  };
  const flat = (what: string, at: Point, o: Options | undefined, run: (o: Options | undefined) => Answer<Vector>): Answer<never> => {
    const out = o?.out;
    if (out !== undefined) checkOut(out, at);
    const a = run(o);
    if (!FINITE.has(a.result) && hasNaN(a.result)) fail(what);
    if (out === undefined) return { ...a, result: asKind(a.result, typedPoint(at)) } as Answer<never>;
    if (a.result !== out) {
      if (a.result.length !== out.length) throw new UsageError(`out has ${out.length} entries; the answer has ${a.result.length}`);
      for (let i = 0; i < out.length; i++) out[i] = a.result[i];
    }
    return { ...a, result: out } as Answer<never>;
  };
  const refuseOut = (verb: string, o: Options | undefined) => {
    if (o?.out !== undefined) throw new UsageError(`out takes one flat answer (gradient, vjp, hvp); ${verb} answers rows`);
  };
  const rows = (what: string, at: Point, a: Answer<Vector[]>): Answer<never> => {
    if (!FINITE.has(a.result) && a.result.some(hasNaN)) fail(what);
    const typed = typedPoint(at);
    return { ...a, result: a.result.map((row) => asKind(row, typed)) } as Answer<never>;
  };
  return {
    name: d.name,
    description: d.description,
    facts,
    gradient: (f, at, o) => flat('gradient', at, o, (p) => d.gradient(f, at, p)),
    jacobian: (f, at, o) => (refuseOut('jacobian', o), rows('Jacobian', at, d.jacobian(f, at, o))),
    hessian: (f, at, o) => (refuseOut('hessian', o), rows('Hessian', at, d.hessian(f, at, o))),
    jvp: (f, at, v, o) => {
      refuseOut('jvp', o);
      const a = d.jvp(f, at, v, o);
      if (hasNaN(a.result)) fail('Jacobian-vector product');
      return a;
    },
    vjp: (f, at, w, o) => flat('vector-Jacobian product', at, o, (p) => d.vjp(f, at, w, p)),
    hvp: (f, at, v, o) => flat('Hessian-vector product', at, o, (p) => d.hvp(f, at, v, p)),
  };
}

/** `out` is a Float64Array that no input shares memory with (the sweeps read the inputs while
 *  they write the answer). */
function checkOut(out: unknown, at: Point): void {
  if (!(out instanceof Float64Array)) throw new UsageError(`out must be a Float64Array, got ${out === null ? 'null' : typeof out}`);
  for (const name in at) {
    const v = at[name];
    if (v instanceof Float64Array && v.buffer === out.buffer) throw new UsageError(`out shares memory with the input '${name}': give it an array of its own`);
  }
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

/** An answer shaped like a point of type P: a number per scalar input, and per vector input the
 *  kind it was given as (a Float64Array input's entry is a fresh Float64Array, an array's a number[]). */
export type ShapedOf<P> = { -readonly [K in keyof P]: KindOf<P[K]> };
type KindOf<V> = V extends number ? number : V extends Float64Array ? Float64Array : number[];

/** ∇f at `at`, shaped like the inputs: `{x: 1.5}`, `{v: [1, 2]}`, or `{v: Float64Array}` for a
 *  Float64Array input. */
export function gradient<P extends Point>(f: FnLike, at: P, options: MethodOptions = {}): ShapedOf<P> {
  const fn = compile(f, options);
  const r = differentiator(options.method ?? 'reverse').gradient(fn, at, options);
  return unflattenLike(acceptedLayout(fn, at), r.result, at) as ShapedOf<P>;
}

/** The Jacobian: rows are outputs, columns the inputs flattened in order of first appearance
 *  (each row a fresh Float64Array where the point's vectors are all Float64Arrays). */
export function jacobian<P extends Point>(f: FnLike, at: P, options: MethodOptions = {}): FlatOf<P>[] {
  return differentiator(options.method ?? 'reverse').jacobian(compile(f, options), at, options).result;
}

/** The Hessian of each output of f: Rⁿ → Rᵐ by one method (one matrix for a scalar f), each by
 *  the method's own Hessian of that output, with what they cost together. */
export function hessiansOf<P extends Point>(d: Method, fn: Fn, at: P, options: Options = {}): Answer<FlatOf<P>[][]> {
  return perOutput((g) => d.hessian(g, at, options), fn, pointOf(fn, at, options).value);
}

/** H·v for each output of f: Rⁿ → Rᵐ (one vector for a scalar f), flat like the inputs. */
export function hvpsOf<P extends Point>(d: Method, fn: Fn, at: P, direction: readonly number[], options: Options = {}): Answer<FlatOf<P>[]> {
  const value = pointOf(fn, at, options).value;
  if (options.out !== undefined && typeof value !== 'number') throw new UsageError(`out holds one H·v; this function has ${value.length} outputs`);
  return perOutput((g) => d.hvp(g, at, direction, options), fn, value);
}

/**
 * The Hessian of a scalar f, its rows of the point's kind; of f: Rⁿ → Rᵐ, m Hessians, one per
 * output (as JAX's hessian of a vector function): `hessian<number[][][]>(f, at)` types that case.
 */
export function hessian<P extends Point>(f: FnLike, at: P, options?: MethodOptions): FlatOf<P>[];
export function hessian<H extends Vector[] | Vector[][]>(f: FnLike, at: Point, options?: MethodOptions): H;
export function hessian(f: FnLike, at: Point, options: MethodOptions = {}): Vector[] | Vector[][] {
  const r = hessiansOf(differentiator(options.method ?? 'reverse'), compile(f, options), at, options);
  return typeof r.value === 'number' ? r.result[0] : r.result;
}

/** J·v: how the outputs move along the input direction v (output-shaped: a number or number[]). */
export function jvp(f: FnLike, at: Point, tangent: readonly number[] | Point, options: MethodOptions = {}): number | number[] {
  const r = differentiator(options.method ?? 'forward').jvp(compile(f, options), at, directionOf(f, at, tangent, options), options);
  return typeof r.value === 'number' ? r.result[0] : r.result;
}

/** wᵀJ, shaped like the inputs (of their kinds, as `gradient`). */
export function vjp<P extends Point>(f: FnLike, at: P, cotangent: number | readonly number[], options: MethodOptions = {}): ShapedOf<P> {
  const fn = compile(f, options);
  const w = typeof cotangent === 'number' ? [cotangent] : [...cotangent];
  const r = differentiator(options.method ?? 'reverse').vjp(fn, at, w, options);
  return unflattenLike(acceptedLayout(fn, at), r.result, at) as ShapedOf<P>;
}

type Shaped = Record<string, number | number[] | Float64Array>;

/** H·v, shaped like the inputs (of their kinds, as `gradient`); of f: Rⁿ → Rᵐ, one per output
 *  (`hvp<Shaped[]>` types that case). */
export function hvp<P extends Point>(f: FnLike, at: P, direction: readonly number[] | Point, options?: MethodOptions): ShapedOf<P>;
export function hvp<R extends Shaped | Shaped[]>(f: FnLike, at: Point, direction: readonly number[] | Point, options?: MethodOptions): R;
export function hvp(f: FnLike, at: Point, direction: readonly number[] | Point, options: MethodOptions = {}): Shaped | Shaped[] {
  const fn = compile(f, options);
  const layout = layoutOf(fn, at);
  const r = hvpsOf(differentiator(options.method ?? 'reverse'), fn, at, directionOf(fn, at, direction, options), options);
  const shaped = r.result.map((v) => unflattenLike(layout, v, at));
  return typeof r.value === 'number' ? shaped[0] : shaped;
}

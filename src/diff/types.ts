// The one interface every differentiator implements, and what its answers carry.
import type { Fn, Point } from './fn';

/** A flat vector over the n inputs (a gradient, one row of a Jacobian or Hessian, H·v). */
export type Vector = number[] | Float64Array;

/** Whether every vector input of a point type is a Float64Array (and it has one): such a point's
 *  flat answers are Float64Arrays. */
type TypedPoint<P> = [P[keyof P]] extends [number | Float64Array] ? ([Extract<P[keyof P], Float64Array>] extends [never] ? false : true) : false;
/** Whether a point type may hold a Float64Array at all. */
type MayBeTyped<P> = [Extract<P[keyof P], Float64Array>] extends [never] ? false : true;

/**
 * The flat answer's kind for a point of type P: a fresh Float64Array for a point whose vector
 * inputs are all Float64Arrays, a number[] for one given as plain numbers and arrays, and
 * either for a point typed only as `Point` (the kind is decided at run time, the same rule).
 */
export type FlatOf<P> = TypedPoint<P> extends true ? Float64Array : MayBeTyped<P> extends true ? Vector : number[];

export type MethodName = 'finite' | 'symbolic' | 'forward' | 'reverse';

/** Operation counts that show what a method did (each method fills what applies to it). */
export interface Stats {
  /** Evaluations of f (finite differences). */
  evaluations?: number;
  /** Forward or reverse sweeps over the program or its graph. */
  sweeps?: number;
  /** Entries on the reverse-mode tape, and its size in bytes. */
  tapeLength?: number;
  tapeBytes?: number;
  /** Symbolic derivative size as a tree (shared parts counted each time) and as a DAG. */
  treeNodes?: number;
  dagNodes?: number;
  /** Whether the answer came from a graph traced once and replayed (no input-dependent branch). */
  replayed?: boolean;
  /** The step used, per input, by finite differences. */
  steps?: number[];
  /** An estimate of the absolute error, per component, where the scheme has one. */
  errorEstimate?: number[];
  /** Whether the simplifier finished within its budget. */
  simplified?: boolean;
  /** Which engine ran: generated JavaScript or the interpreters, and why not the compiled one. */
  engine?: Engine;
  engineNote?: string;
  /** Milliseconds this call spent generating code (0 when it was cached). */
  compileMs?: number;
}

export type Engine = 'compiled' | 'interpreted';

/** f: Rⁿ → Rᵐ at a point; vectors are flat, inputs in order of first appearance. */
export interface Answer<V> {
  /** f(x): a number, or m numbers when f returns a vector. */
  readonly value: number | number[];
  readonly result: V;
  readonly stats: Stats;
}

export interface Options {
  /** Finite differences: the scheme and the step (per input, or one for all). */
  scheme?: Scheme;
  step?: number | readonly number[];
  /** Forward mode: tangents carried per sweep. */
  chunk?: number;
  maxIterations?: number;
  /** Generated JavaScript (default) or the interpreters (the reference and teaching path). */
  engine?: Engine;
  /** `gradient`, `vjp` and `hvp` of a scalar f: the flat answer is written into this array of n
   *  entries, which is returned as the answer (ForwardDiff's `gradient!`: nothing is allocated for
   *  it). It must not share memory with an input; the other verbs refuse it. */
  out?: Float64Array;
}

export type Scheme = 'forward' | 'backward' | 'central' | 'five-point' | 'richardson' | 'complex-step';

/** What a method promises, stated once as data: compare, the studies, the trainer, the CLI and
 *  the benchmarks read these instead of keeping their own lists of methods. */
export interface MethodFacts {
  /** Exact up to float64 rounding (no truncation error), so it is judged by `tolerance` alone. */
  readonly exact: boolean;
  /** Relative error against the 50-digit reference beyond which `compare` warns. */
  readonly tolerance: number;
  /** The exponent k in cost ∝ nᵏ of one gradient of an f whose own cost is O(n). */
  readonly costGrowth: 1 | 2;
  /** Why the cost grows so, in one line. */
  readonly cost: string;
  /** Inputs beyond which the studies and benchmarks do not run the method by default: one
   *  gradient there takes minutes on a shared 2-core machine. */
  readonly inputLimit: number;
  /** What the method refuses by design (raised as `unsupported`, never as a wrong number). */
  readonly refuses: readonly string[];
}

/** A method's implementation. Its flat answers may be either kind of `Vector` (a Float64Array
 *  one is the caller's own, never a buffer the method reuses); the registry (`Method`) gives each
 *  answer the kind its point asks for. */
export interface Differentiator {
  readonly name: MethodName;
  readonly description: string;
  gradient(f: Fn, at: Point, options?: Options): Answer<Vector>;
  /** J·v: one entry per output of f (not per input), always a number[]. */
  jvp(f: Fn, at: Point, tangent: readonly number[], options?: Options): Answer<number[]>;
  vjp(f: Fn, at: Point, cotangent: readonly number[], options?: Options): Answer<Vector>;
  /** Rows are outputs, columns inputs. */
  jacobian(f: Fn, at: Point, options?: Options): Answer<Vector[]>;
  hessian(f: Fn, at: Point, options?: Options): Answer<Vector[]>;
  hvp(f: Fn, at: Point, direction: readonly number[], options?: Options): Answer<Vector>;
}

/** A registered differentiator: the interface and the facts it promises. Flat answers (the
 *  gradient, each row of the Jacobian and Hessian, vᵀJ, H·v) are fresh Float64Arrays where every
 *  vector input of the point is a Float64Array, number[]s otherwise (`FlatOf`). */
export interface Method extends Differentiator {
  readonly facts: MethodFacts;
  /** With `out`, the answer is `out`. */
  gradient<P extends Point>(f: Fn, at: P, options: Options & { out: Float64Array }): Answer<Float64Array>;
  gradient<P extends Point>(f: Fn, at: P, options?: Options): Answer<FlatOf<P>>;
  vjp<P extends Point>(f: Fn, at: P, cotangent: readonly number[], options: Options & { out: Float64Array }): Answer<Float64Array>;
  vjp<P extends Point>(f: Fn, at: P, cotangent: readonly number[], options?: Options): Answer<FlatOf<P>>;
  jacobian<P extends Point>(f: Fn, at: P, options?: Options): Answer<FlatOf<P>[]>;
  hessian<P extends Point>(f: Fn, at: P, options?: Options): Answer<FlatOf<P>[]>;
  hvp<P extends Point>(f: Fn, at: P, direction: readonly number[], options: Options & { out: Float64Array }): Answer<Float64Array>;
  hvp<P extends Point>(f: Fn, at: P, direction: readonly number[], options?: Options): Answer<FlatOf<P>>;
}

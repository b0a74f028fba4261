// The one interface every differentiator implements, and what its answers carry.
import type { Fn, Point } from './fn';

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

export interface Differentiator {
  readonly name: MethodName;
  readonly description: string;
  gradient(f: Fn, at: Point, options?: Options): Answer<number[]>;
  jvp(f: Fn, at: Point, tangent: readonly number[], options?: Options): Answer<number[]>;
  vjp(f: Fn, at: Point, cotangent: readonly number[], options?: Options): Answer<number[]>;
  /** Rows are outputs, columns inputs. */
  jacobian(f: Fn, at: Point, options?: Options): Answer<number[][]>;
  hessian(f: Fn, at: Point, options?: Options): Answer<number[][]>;
  hvp(f: Fn, at: Point, direction: readonly number[], options?: Options): Answer<number[]>;
}

/** A registered differentiator: the interface and the facts it promises. */
export interface Method extends Differentiator {
  readonly facts: MethodFacts;
}

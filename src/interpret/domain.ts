// A Domain is a kind of number the interpreter can run a program on: plain float64 here; dual
// numbers, tape variables, complex numbers, BigNumbers and symbolic expressions elsewhere.
import type { CompareOp, Span } from '../ast';
import type { Algebra, Primitive } from '../primitives';

/** Where the interpreter needs a value's float64 primal to decide something. */
export interface Site {
  readonly kind: 'while' | 'if' | 'for' | 'index';
  readonly span: Span;
}
import { primitive } from '../primitives';

export interface Domain<T> {
  readonly name: string;
  /** A literal or loop counter as a value of this domain. */
  constant(value: number): T;
  /** One primitive applied to values of this domain. */
  apply(op: Primitive, args: readonly T[]): T;
  /** The float64 value, read by comparisons, indexing and loop bounds: a decision at `site`. */
  primal(x: T, site?: Site): number;
  /** Decides a comparison at a branch; by default the primals are compared. */
  compare?(op: CompareOp, a: T, b: T, site: Site): boolean;
  /** The float64 value for checks that decide nothing (a NaN test); defaults to `primal`. */
  peek?(x: T): number;
}

/** A value a program computes: a scalar of the domain or a vector of them.
 *  Domains must not use arrays as their scalars, so that the two stay apart. */
export type Value<T> = T | T[];

export function isVector<T>(v: Value<T>): v is T[] {
  return Array.isArray(v);
}

/** The generic algebra of the primitive table's derivative rules, over any domain. */
export function algebraOf<T>(domain: Domain<T>): Algebra<T> {
  const [add, sub, mul, div, neg, pow] = ['add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'pow'].map(primitive);
  return {
    lift: (c) => domain.constant(c),
    add: (a, b) => domain.apply(add, [a, b]),
    sub: (a, b) => domain.apply(sub, [a, b]),
    mul: (a, b) => domain.apply(mul, [a, b]),
    div: (a, b) => domain.apply(div, [a, b]),
    neg: (a) => domain.apply(neg, [a]),
    pow: (a, b) => domain.apply(pow, [a, b]),
    call: (op, ...args) => domain.apply(primitive(op), args),
  };
}

/** IEEE float64, the domain of `evaluate`. */
export const float: Domain<number> = {
  name: 'float64',
  constant: (value) => value,
  apply: (op, args) => op.apply(args),
  primal: (x) => x,
};

// A Domain is a kind of number the interpreter can run a program on: plain float64 here; dual
// numbers, tape variables, complex numbers, BigNumbers and symbolic expressions elsewhere.
import type { Algebra, Primitive } from '../primitives';
import { primitive } from '../primitives';

export interface Domain<T> {
  readonly name: string;
  /** A literal or loop counter as a value of this domain. */
  constant(value: number): T;
  /** One primitive applied to values of this domain. */
  apply(op: Primitive, args: readonly T[]): T;
  /** The float64 value, read by comparisons, indexing and loop bounds. */
  primal(x: T): number;
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
  apply: (op, args) => op.fn(...args),
  primal: (x) => x,
};

// Points inside each primitive's real domain and away from its kinks, shared by the domain tests;
// a primitive added to the table without points here fails them.

/** Argument lists, each differentiated in every argument unless `wrt` names which. */
export interface Case {
  readonly at: readonly number[];
  readonly wrt?: readonly number[];
}

const anywhere = [-2.3, -0.4, 0.7, 1.9];
const positive = [0.05, 0.7, 3.2, 45];
const unit = [-0.9, -0.3, 0.2, 0.75];
const outside = [-3.5, -1.4, 1.2, 6];
const each = (xs: readonly number[]): Case[] => xs.map((x) => ({ at: [x] }));
const lists = (xss: readonly (readonly number[])[]): Case[] => xss.map((at) => ({ at }));
const pairs = lists([[1.3, -0.4], [-2.2, 3.7], [0.6, 0.25]]);

// prettier-ignore
export const POINTS: Readonly<Record<string, readonly Case[]>> = {
  add: pairs, subtract: pairs, multiply: pairs, divide: pairs, unaryMinus: each(anywhere),
  // A negative base has no step in the exponent: log of it is not real.
  pow: [...lists([[1.5, 2.3], [0.7, -1.2], [3.1, 2], [2.2, 0.5]]), { at: [-1.7, 3], wrt: [0] }],
  pi: [{ at: [] }], e: [{ at: [] }],
  exp: each(anywhere),
  log: [...each(positive), ...lists([[2.5, 10], [0.3, 0.5]])], log10: each(positive), log2: each(positive),
  // Tiny arguments too: what these two rows are for.
  log1p: each([-0.9, -1e-9, 3e-12, 0.7, 45]), expm1: each([-40, -0.4, -2e-10, 1e-13, 1.9]),
  sqrt: each(positive), cbrt: each(anywhere),
  // An odd root of a negative x is real only at integer n, so n has no step there.
  nthRoot: [...lists([[2.7], [5.2, 3], [0.4, 2.5]]), { at: [-5.2, 3], wrt: [0] }],
  sin: each(anywhere), cos: each(anywhere), tan: each([-1.2, 0.3, 1.4]),
  sec: each([-1.2, 0.3, 1.4]), csc: each([-2.1, 0.3, 1.4, 2.8]), cot: each([-2.1, 0.3, 1.4, 2.8]),
  asin: each(unit), acos: each(unit), atan: each(anywhere),
  xlogy: lists([[1.5, 2.3], [-0.7, 0.4], [3.1, 12], [0.2, 0.9]]),
  atan2: lists([[0.5, 1.2], [1.3, -0.4], [-0.8, -2.1], [-2, 0.3], [3, 0.1], [0.2, -5]]),
  asec: each(outside), acsc: each(outside), acot: each(anywhere),
  sinh: each(anywhere), cosh: each(anywhere), tanh: each(anywhere),
  sech: each(anywhere), csch: each(anywhere), coth: each(anywhere),
  asinh: each(anywhere), acosh: each([1.1, 2.5, 30]), atanh: each(unit),
  asech: each([0.1, 0.5, 0.93]), acsch: each(anywhere), acoth: each(outside),
  abs: each(anywhere), sign: each(anywhere), heaviside: each(anywhere),
  max: lists([[0.7], [0.7, -1.3, 0.4], [-2, 1.5], [1.5, -2, 1.499]]),
  min: lists([[0.7], [0.7, -1.3, 0.4], [-2, 1.5], [-1.5, 2, -1.499]]),
  hypot: lists([[-1.3], [0.7, -1.3, 0.4], [3, 4]]),
  sum: lists([[0.7], [0.7, -1.3, 0.4]]),
  dot: lists([[0.7, -1.3], [0.7, -1.3, 0.4, 2.2]]),
  logsumexp: lists([[0.7], [0.7, -1.3, 0.4], [30, 29]]),
  sigmoid: each([-40, ...anywhere, 25]), relu: each(anywhere), softplus: each([-40, ...anywhere, 25]),
};

/** Arguments outside an op's real domain, where float64 gives NaN and so must every domain. */
export const OFF_DOMAIN: readonly (readonly [string, readonly number[]])[] = [
    ['sqrt', [-1]],
    ['log', [-2]],
    ['log10', [-2]],
    ['log2', [-2]],
    ['log', [2, -3]],
    ['asin', [1.5]],
    ['acos', [-1.5]],
    ['acosh', [0.5]],
    ['atanh', [1.5]],
    ['asec', [0.5]],
    ['acsc', [-0.5]],
    ['asech', [2]],
    ['acoth', [0.5]],
    ['pow', [-2, 0.5]],
    ['nthRoot', [-8, 2]],
    ['nthRoot', [-8, 2.5]],
    ['dot', [1, 2, 3]],
];

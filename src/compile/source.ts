// JavaScript source for the primitive table: how a call is spelled in generated code, and an
// algebra over source text that writes the table's derivative rules as JavaScript expressions.
import { PRIMITIVES, type Algebra, type Primitive } from '../primitives';

/** Row functions that are `Math` members, so generated code calls the builtin V8 inlines. */
const MATH_NAMES = new Map<unknown, string>(
  Object.getOwnPropertyNames(Math)
    .filter((k) => typeof (Math as unknown as Record<string, unknown>)[k] === 'function')
    .map((k) => [(Math as unknown as Record<string, unknown>)[k], `Math.${k}`]),
);

/** The row functions by name, bound as `F` in every generated factory. */
export const FNS: Readonly<Record<string, (...x: number[]) => number>> = Object.fromEntries([...PRIMITIVES.values()].map((p) => [p.name, p.fn]));

/** How generated code calls a row's `fn`: the Math builtin it is, or `F.name`. */
export function fnRef(p: Primitive): string {
  return MATH_NAMES.get(p.fn) ?? `F.${p.name}`;
}

/** A JavaScript literal for a float64, exact (String round-trips) and safe in any position. */
export function literal(c: number): string {
  if (Object.is(c, -0)) return '(-0)';
  if (Number.isNaN(c)) return 'NaN';
  return c < 0 ? `(${c})` : String(c);
}

/** The number a literal stands for, or undefined for other text. */
export function literalValue(s: string): number | undefined {
  const t = s.startsWith('(') && s.endsWith(')') ? s.slice(1, -1) : s;
  if (!/^-?(\d+(\.\d*)?(e[+-]?\d+)?|Infinity|NaN)$/.test(t)) return undefined;
  return Number(t);
}

// The hot few, spelled inline: each equals its row's `fn` to the last bit (test/compile/source.test.ts
// checks them against the rows), and everything else calls the row.
const INLINE: Record<string, (a: readonly string[]) => string | null> = {
  add: ([a, b]) => `(${a} + ${b})`,
  subtract: ([a, b]) => `(${a} - ${b})`,
  multiply: ([a, b]) => `(${a} * ${b})`,
  divide: ([a, b]) => `(${a} / ${b})`,
  unaryMinus: ([a]) => `(-${a})`,
  // Math.pow(x, 2) and x·x agree to the bit in V8; the square is the common case (x^2).
  pow: ([a, b]) => (literalValue(b) === 2 ? `(${a} * ${a})` : null),
  // log with one argument is Math.log in its row.
  log: (a) => (a.length === 1 ? `Math.log(${a[0]})` : null),
  // sum and dot accumulate from 0 in argument order, as their rows do.
  sum: (a) => `(0 + ${a.join(' + ')})`,
  dot: (a) => {
    if (a.length % 2 !== 0) return 'NaN';
    const k = a.length / 2;
    return `(0 + ${a.slice(0, k).map((x, i) => `${x} * ${a[k + i]}`).join(' + ')})`;
  },
};

/** One call of primitive `p` on scalar arguments (JavaScript expressions). */
export function callSource(p: Primitive, args: readonly string[]): string {
  const inline = INLINE[p.name]?.(args);
  return inline ?? `${fnRef(p)}(${args.join(', ')})`;
}

/** Ops whose row returns NaN whenever an argument is NaN, so a NaN inside an expression of them
 *  reaches the expression's value and one check there suffices. Others (pow(NaN, 0) = 1,
 *  heaviside, relu, hypot with an infinity, nthRoot) get their arguments checked. */
export function propagatesNaN(p: Primitive, args: readonly string[]): boolean {
  // x^c for a literal c ≠ 0 is NaN whenever x is.
  if (p.name === 'pow') return (literalValue(args[1]) ?? 0) !== 0;
  // The row's fact, tested both ways against its fn (test/diff/facts.test.ts): the NaN analysis
  // (nan.ts) is sound only if every row that can turn a NaN into a number says so.
  return !p.masksNaN;
}

/** Source text as values of the rules' algebra, folding literal arithmetic (exact: the same
 *  float64 operation done at compile time) and the identities 1·a = a and a¹ = a. */
export const SOURCE: Algebra<string> = {
  lift: literal,
  add: (a, b) => fold(a, b, (x, y) => x + y) ?? `(${a} + ${b})`,
  sub: (a, b) => fold(a, b, (x, y) => x - y) ?? `(${a} - ${b})`,
  mul: (a, b) => fold(a, b, (x, y) => x * y) ?? (literalValue(a) === 1 ? b : literalValue(b) === 1 ? a : `(${a} * ${b})`),
  div: (a, b) => fold(a, b, (x, y) => x / y) ?? (literalValue(b) === 1 ? a : `(${a} / ${b})`),
  neg: (a) => {
    const v = literalValue(a);
    return v === undefined ? `(-${a})` : literal(-v);
  },
  pow: (a, b) => fold(a, b, Math.pow) ?? (literalValue(b) === 1 ? a : `Math.pow(${a}, ${b})`),
  call: (op, ...args) => {
    const p = PRIMITIVES.get(op)!;
    const vs = args.map(literalValue);
    if (vs.every((v) => v !== undefined)) return literal(p.fn(...(vs as number[])));
    return callSource(p, args);
  },
};

function fold(a: string, b: string, f: (x: number, y: number) => number): string | undefined {
  const x = literalValue(a);
  const y = literalValue(b);
  return x !== undefined && y !== undefined ? literal(f(x, y)) : undefined;
}

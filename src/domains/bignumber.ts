// mathjs BigNumbers as a Domain: every primitive to `digits` significant digits, the
// high-precision reference that float64 methods are measured against.
//
// Off an op's real domain the value is NaN, as in float64, so the interpreter reports a domain
// error; mathjs's `predictable` mode gives NaN where it would otherwise return a Complex.
import { all, create, type BigNumber, type MathJsInstance } from 'mathjs';
import type { Domain } from '../interpret/domain';

/** Digits carried beyond those promised, so that rounding in a chain of ops stays out of sight. */
export const GUARD_DIGITS = 10;

export interface BigNumberDomain extends Domain<BigNumber> {
  /** Significant digits promised; the work is done at digits + GUARD_DIGITS. */
  readonly digits: number;
  /** A float64 by its shortest decimal string, so 0.1 is exactly one tenth. */
  fromNumber(value: number): BigNumber;
  /** A decimal string such as '0.1' or '1e-30', kept exactly. */
  fromString(text: string): BigNumber;
  /** The nearest float64. */
  toNumber(x: BigNumber): number;
  /** `significant` digits (default: those promised), trailing zeros kept, as a decimal string. */
  format(x: BigNumber, significant?: number): string;
}

type Op = (...x: BigNumber[]) => BigNumber;

const instances = new Map<number, MathJsInstance>();

function mathAt(precision: number): MathJsInstance {
  let m = instances.get(precision);
  if (!m) {
    m = create(all, { number: 'BigNumber', precision, predictable: true });
    instances.set(precision, m);
  }
  return m;
}

/** Every primitive over one mathjs instance's BigNumbers. */
function opsOf(m: MathJsInstance): Readonly<Record<string, Op>> {
  const big = (value: number | string): BigNumber => m.bignumber(value);
  const zero = big(0);
  const one = big(1);
  const two = big(2);

  /** A mathjs function, its result checked: mathjs's typings allow Complex, number or Unit. */
  const lib =
    (f: (...x: BigNumber[]) => unknown): Op =>
    (...x) => {
      const out = f(...x);
      if (!m.isBigNumber(out)) throw new Error(`mathjs returned ${typeof out} ${String(out)}, not a BigNumber`);
      return out;
    };

  const add = lib(m.add);
  const sub = lib(m.subtract);
  const mul = lib(m.multiply);
  const div = lib(m.divide);
  const neg = lib(m.unaryMinus);
  const pow = lib(m.pow);
  const exp = lib(m.exp);
  // mathjs's log1p is ln(1 + u) with 1 + u rounded, losing the digits of a tiny u; decimal.js's
  // atanh raises its precision to keep them, and log1p u = 2 atanh(u/(2 + u)).
  const log1p = (u: BigNumber) => mul(two, lib(m.atanh)(div(u, add(two, u))));
  const abs = lib(m.abs);
  const sqrt = lib(m.sqrt);
  // mathjs's atan2 takes BigNumbers, though its typings say only numbers and collections.
  const atan2 = lib(m.atan2 as unknown as (y: BigNumber, x: BigNumber) => unknown);
  const gt = (x: BigNumber, y: BigNumber) => x.greaterThan(y);
  // In BigNumber mode mathjs's pi and e are BigNumbers to the working precision; typed as numbers.
  const pi = lib(() => m.pi)();
  const e = lib(() => m.e)();

  // ---- Special cases ---------------------------------------------------------------------------
  // mathjs's max and min compare with a tolerance (relTol 1e-12, absTol 1e-15), so max(1, 1 + 1e-20)
  // is 1 and max(-1e-300, 0) is -1e-300. Ties and NaN as float64: the first wins; NaN if any.
  const extreme =
    (beats: (a: BigNumber, b: BigNumber) => boolean) =>
    (...x: BigNumber[]) =>
      x.some((v) => v.isNaN()) ? big(NaN) : x.reduce((best, v) => (beats(v, best) ? v : best));
  const max = extreme((a, b) => a.greaterThan(b));
  const min = extreme((a, b) => a.lessThan(b));
  /** √Σx², infinite if any x is, as IEEE hypot (even beside a NaN). */
  const hypot = (...x: BigNumber[]) =>
    x.some((v) => !v.isFinite() && !v.isNaN()) ? big(Infinity) : sqrt(x.reduce((s, v) => add(s, mul(v, v)), zero));
  // decimal.js's sinh, cosh and tanh reduce the argument by a series whose cost grows with |x|:
  // seconds at |x| = 1e5, hours beyond. Outside [-1, 1], exp is fast and nothing cancels.
  const sinh = (x: BigNumber) => (abs(x).lessThanOrEqualTo(one) ? lib(m.sinh)(x) : div(sub(exp(x), exp(neg(x))), two));
  const cosh = (x: BigNumber) => div(add(exp(x), exp(neg(x))), two);
  const tanh = (x: BigNumber) => {
    if (abs(x).lessThanOrEqualTo(one) || x.isNaN()) return lib(m.tanh)(x);
    const t = sub(one, div(two, add(exp(mul(two, abs(x))), one)));
    return x.isNegative() ? neg(t) : t;
  };
  // decimal.js's tan is sin/√(1 − sin²), which cancels near odd multiples of π/2 (16 digits lost
  // at float64's π/2), and mathjs's cot is 1/tan. sin and cos keep their digits there.
  const sin = lib(m.sin);
  const cos = lib(m.cos);
  const tan = (x: BigNumber) => div(sin(x), cos(x));
  // mathjs's nthRoot throws for a zero root or a negative x with an even root, and returns the JS
  // number 0 for x = 0. float64's nthRoot is x^(1/n), with the real root of a negative x for odd n.
  const nthRoot = (x: BigNumber, n: BigNumber = two) => {
    const odd = n.isInteger() && n.mod(two).abs().equals(one);
    return x.isNegative() && odd ? neg(pow(neg(x), div(one, n))) : pow(x, div(one, n));
  };

  const dot = (...x: BigNumber[]) => {
    const k = x.length / 2;
    return Number.isInteger(k) ? x.slice(0, k).reduce((s, a, i) => add(s, mul(a, x[k + i])), zero) : big(NaN);
  };
  /** top + log1p(Σ e^(x − top)) over all but the top term, whose e⁰ = 1 would swamp the rest. */
  const logsumexp = (...x: BigNumber[]) => {
    const top = max(...x);
    if (!top.isFinite()) return top;
    const k = x.findIndex((v) => v.equals(top));
    return add(top, log1p(x.reduce((s, v, i) => (i === k ? s : add(s, exp(sub(v, top)))), zero)));
  };

  // prettier-ignore
  return {
    add, subtract: sub, multiply: mul, divide: div, unaryMinus: neg, pow,
    pi: () => pi, e: () => e,
    exp, log: lib(m.log), log10: lib(m.log10), log2: lib(m.log2),
    sqrt, cbrt: lib(m.cbrt), nthRoot,
    sin, cos, tan, sec: lib(m.sec), csc: lib(m.csc), cot: (x) => div(cos(x), sin(x)),
    asin: lib(m.asin), acos: lib(m.acos), atan: lib(m.atan), atan2,
    asec: lib(m.asec), acsc: lib(m.acsc), acot: lib(m.acot),
    sinh, cosh, tanh, sech: (x) => div(one, cosh(x)), csch: (x) => div(one, sinh(x)), coth: (x) => div(one, tanh(x)),
    asinh: lib(m.asinh), acosh: lib(m.acosh), atanh: lib(m.atanh),
    asech: lib(m.asech), acsch: lib(m.acsch), acoth: lib(m.acoth),
    abs, sign: lib(m.sign), heaviside: (x) => (gt(x, zero) ? one : zero),
    max, min, hypot, sum: lib(m.sum), dot, logsumexp,
    sigmoid: (x) => div(one, add(one, exp(neg(x)))),                                   // 1/(1 + e^-x)
    relu: (x) => (gt(x, zero) ? x : zero),
    softplus: (x) => add(max(x, zero), log1p(exp(neg(abs(x))))),                        // max(x, 0) + log1p(e^-|x|)
  };
}

/** BigNumbers good to `digits` significant digits (50 by default), for every primitive. */
export function bignumber(digits = 50): BigNumberDomain {
  if (!Number.isInteger(digits) || digits < 1) throw new RangeError(`digits must be a positive integer, got ${digits}`);
  const m = mathAt(digits + GUARD_DIGITS);
  const ops = opsOf(m);
  const fromString = (text: string): BigNumber => m.bignumber(text);
  // String(-0) is '0', and atan2(-0, -1) = -π needs the sign.
  const fromNumber = (value: number) => fromString(Object.is(value, -0) ? '-0' : String(value));
  return {
    name: `bignumber(${digits})`,
    digits,
    constant: fromNumber,
    apply(op, args) {
      const f = ops[op.name];
      if (!f) throw new Error(`the bignumber domain has no function for '${op.name}'; add one to src/domains/bignumber.ts`);
      return f(...args);
    },
    primal: (x) => x.toNumber(),
    fromNumber,
    fromString,
    toNumber: (x) => x.toNumber(),
    format: (x, significant = digits) => x.toPrecision(significant),
  };
}

// mathjs BigNumbers as a Domain: every primitive to `digits` significant digits, the
// high-precision reference that float64 methods are measured against.
//
// Off an op's real domain the value is NaN, as in float64, so the interpreter reports a domain
// error; mathjs's `predictable` mode gives NaN where it would otherwise return a Complex. Every
// op leaves decimal.js's precision as it found it, even when it throws, and whatever fails in
// mathjs or decimal.js comes out as a GradlabError naming the op.
import { all, create, type BigNumber, type MathJsInstance } from 'mathjs';
import { EvalError, GradlabError } from '../errors';
import { algebraOf, type Domain } from '../interpret/domain';

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
  /** Runs `work` with a time limit on this domain's operations: past `seconds`, the next op throws
   *  a `time-limit` EvalError (a reference that would run for minutes gives up instead). */
  within<R>(seconds: number, work: () => R): R;
}

/** An op over its arguments as one array, so n-ary ops take vectors of any length. */
type Op = (x: readonly BigNumber[]) => BigNumber;

/** Largest trigonometric argument: float64's range. Beyond it the float64 methods see Infinity
 *  (no sine), and reducing x mod π would need more digits of π than decimal.js holds (1025). */
const TRIG_LIMIT = Number.MAX_VALUE;

/** decimal.js holds π and ln 10 to 1025 digits: the working precision stays within them. */
export const MAX_DIGITS = 1025 - GUARD_DIGITS;

/** Ops between two looks at the clock: a look costs about as much as a cheap op. */
const CLOCK_EVERY = 256;

const instances = new Map<number, MathJsInstance>();

function mathAt(precision: number): MathJsInstance {
  let m = instances.get(precision);
  if (!m) {
    m = create(all, { number: 'BigNumber', precision, predictable: true });
    instances.set(precision, m);
  }
  return m;
}

type Scalar = (...x: BigNumber[]) => BigNumber;

/** Every primitive over one mathjs instance's BigNumbers, good to `digits` digits. */
function opsOf(m: MathJsInstance, digits: number): Readonly<Record<string, Op>> {
  const big = (value: number | string): BigNumber => m.bignumber(value);
  const zero = big(0);
  const one = big(1);
  const two = big(2);

  /** A mathjs function, its result checked: mathjs's typings allow Complex, number or Unit. The
   *  spread is over the op's own few arguments (n-ary ops below take arrays). */
  const lib =
    (f: (...x: BigNumber[]) => unknown): Scalar =>
    (...x) => {
      const out = f(...x);
      if (!m.isBigNumber(out)) throw new Error(`mathjs returned ${typeof out} ${String(out)}, not a BigNumber`);
      return out;
    };

  /** A sum whose terms cancel below `digits` of the largest is zero: what is left is rounding noise
   *  of the working precision (sin² + cos² − 1 leaves 1e-60, not 0), and a float64 method's exact 0
   *  must not be judged against it. `top` is the largest term's decimal exponent. */
  const settled = (sum: BigNumber, top: number): BigNumber => (sum.isFinite() && !sum.isZero() && top - sum.e > digits ? zero : sum);
  /** The decimal exponent of a term; a zero term has none, so it sets no scale. */
  const exponent = (x: BigNumber) => (x.isZero() ? -Infinity : x.e);
  const plus = lib(m.add);
  const minus = lib(m.subtract);
  const add = (a: BigNumber, b: BigNumber) => settled(plus(a, b), Math.max(exponent(a), exponent(b)));
  const sub = (a: BigNumber, b: BigNumber) => settled(minus(a, b), Math.max(exponent(a), exponent(b)));
  const mul = lib(m.multiply);
  const div = lib(m.divide);
  const neg = lib(m.unaryMinus);
  const pow = lib(m.pow);
  const exp = lib(m.exp);
  // mathjs's log1p is ln(1 + u) with 1 + u rounded, losing the digits of a tiny u; decimal.js's
  // atanh raises its precision to keep them, and log1p u = 2 atanh(u/(2 + u)).
  const log1p = (u: BigNumber) => mul(two, lib(m.atanh)(div(u, add(two, u))));
  const abs = lib(m.abs);
  // e^u - 1 cancels for a tiny u (mathjs's expm1 is that difference); 2t/(1 - t) with t = tanh(u/2) does not.
  const expm1 = (u: BigNumber) => {
    if (abs(u).greaterThanOrEqualTo(one) || u.isNaN()) return sub(exp(u), one);
    const t = lib(m.tanh)(div(u, two));
    return div(mul(two, t), sub(one, t));
  };
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
  const extreme = (beats: (a: BigNumber, b: BigNumber) => boolean) => (x: readonly BigNumber[]) => {
    let best = x[0];
    for (const v of x) {
      if (v.isNaN()) return big(NaN);
      if (beats(v, best)) best = v;
    }
    return best;
  };
  const max = extreme((a, b) => a.greaterThan(b));
  const min = extreme((a, b) => a.lessThan(b));
  /** √Σx², infinite if any x is, as IEEE hypot (even beside a NaN). */
  const hypot = (x: readonly BigNumber[]) => {
    if (x.some((v) => !v.isFinite() && !v.isNaN())) return big(Infinity);
    let s = zero;
    for (const v of x) s = plus(s, mul(v, v));
    return sqrt(s);
  };
  /** Σx with the cancellation rule of `add` applied to the whole sum, not term by term. */
  const sum = (x: readonly BigNumber[]) => {
    let s = zero;
    let top = -Infinity;
    for (const v of x) {
      s = plus(s, v);
      top = Math.max(top, exponent(v));
    }
    return settled(s, top);
  };
  // decimal.js's sinh, cosh and tanh reduce the argument by a series whose cost grows with |x|:
  // seconds at |x| = 1e5, hours beyond. Outside [-1, 1], exp is fast and nothing cancels.
  const sinh = (x: BigNumber) => (abs(x).lessThanOrEqualTo(one) ? lib(m.sinh)(x) : div(sub(exp(x), exp(neg(x))), two));
  const cosh = (x: BigNumber) => div(add(exp(x), exp(neg(x))), two);
  const tanh = (x: BigNumber) => {
    if (abs(x).lessThanOrEqualTo(one) || x.isNaN()) return lib(m.tanh)(x);
    const t = sub(one, div(two, add(exp(mul(two, abs(x))), one)));
    return x.isNegative() ? neg(t) : t;
  };
  // decimal.js reduces a trigonometric argument mod π with π to as many digits as the argument has
  // before its point: past its 1025 digits of π it throws, and well before that it is slow.
  const reduced = (name: string, f: Scalar) => (x: BigNumber) => {
    if (x.isFinite() && x.abs().greaterThan(TRIG_LIMIT)) {
      throw new EvalError('precision-limit', `${name}(${x.toPrecision(3)}): the reference does not reduce trigonometric arguments beyond float64's range (±${TRIG_LIMIT.toPrecision(3)}), where float64 has no sine either`);
    }
    return f(x);
  };
  // decimal.js's tan is sin/√(1 − sin²), which cancels near odd multiples of π/2 (16 digits lost
  // at float64's π/2), and mathjs's cot is 1/tan. sin and cos keep their digits there.
  const sine = lib(m.sin);
  const cosine = lib(m.cos);
  const sin = reduced('sin', sine);
  const cos = reduced('cos', cosine);
  const tan = reduced('tan', (x) => div(sine(x), cosine(x)));
  // mathjs's nthRoot throws for a zero root or a negative x with an even root, and returns the JS
  // number 0 for x = 0. float64's nthRoot is x^(1/n), with the real root of a negative x for odd n.
  const nthRoot = (x: BigNumber, n: BigNumber = two) => {
    const odd = n.isInteger() && n.mod(two).abs().equals(one);
    return x.isNegative() && odd ? neg(pow(neg(x), div(one, n))) : pow(x, div(one, n));
  };

  /** Σ aᵢbᵢ, zero where the products cancel as in `sum`. */
  const dot = (x: readonly BigNumber[]) => {
    const k = x.length / 2;
    if (!Number.isInteger(k)) return big(NaN);
    const products: BigNumber[] = new Array(k);
    for (let i = 0; i < k; i++) products[i] = mul(x[i], x[k + i]);
    return sum(products);
  };
  /** top + log1p(Σ e^(x − top)) over all but the top term, whose e⁰ = 1 would swamp the rest. */
  const logsumexp = (x: readonly BigNumber[]) => {
    const top = max(x);
    if (!top.isFinite()) return top;
    const k = x.findIndex((v) => v.equals(top));
    let rest = zero;
    for (let i = 0; i < x.length; i++) if (i !== k) rest = plus(rest, exp(minus(x[i], top)));
    return add(top, log1p(rest));
  };

  // prettier-ignore
  const scalar: Record<string, Scalar> = {
    add, subtract: sub, multiply: mul, divide: div, unaryMinus: neg, pow,
    pi: () => pi, e: () => e,
    exp, log: lib(m.log), log10: lib(m.log10), log2: lib(m.log2),
    log1p, expm1,
    xlogy: (x, y) => (x.isZero() && !y.isNaN() ? zero : mul(x, lib(m.log)(y))),       // 0 where x = 0, as the row
    sqrt, cbrt: lib(m.cbrt), nthRoot,
    sin, cos, tan, sec: reduced('sec', lib(m.sec)), csc: reduced('csc', lib(m.csc)), cot: reduced('cot', (x) => div(cosine(x), sine(x))),
    asin: lib(m.asin), acos: lib(m.acos), atan: lib(m.atan), atan2,
    asec: lib(m.asec), acsc: lib(m.acsc), acot: lib(m.acot),
    sinh, cosh, tanh, // sech, csch and coth are their table rows' identities: 1/cosh x, 1/sinh x, 1/tanh x
    asinh: lib(m.asinh), acosh: lib(m.acosh), atanh: lib(m.atanh),
    asech: lib(m.asech), acsch: lib(m.acsch), acoth: lib(m.acoth),
    abs, sign: lib(m.sign), heaviside: (x) => (gt(x, zero) ? one : zero),
    sigmoid: (x) => div(one, add(one, exp(neg(x)))),                                   // 1/(1 + e^-x)
    relu: (x) => (gt(x, zero) ? x : zero),
    softplus: (x) => add(max([x, zero]), log1p(exp(neg(abs(x))))),                      // max(x, 0) + log1p(e^-|x|)
  };
  const nary: Record<string, Op> = { max, min, hypot, sum, dot, logsumexp };
  // A fixed-arity op takes at most two arguments, so spreading them is safe.
  return { ...Object.fromEntries(Object.entries(scalar).map(([name, f]) => [name, (x: readonly BigNumber[]) => f(...x)])), ...nary };
}

/** BigNumbers good to `digits` significant digits (50 by default), for every primitive. */
export function bignumber(digits = 50): BigNumberDomain {
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS) {
    throw new RangeError(`digits must be a whole number from 1 to ${MAX_DIGITS}, got ${digits}`);
  }
  const m = mathAt(digits + GUARD_DIGITS);
  const ops = opsOf(m, digits);
  // decimal.js raises its constructor's precision inside sin, ln, … and lowers it on the way out;
  // an op that throws midway would leave every later op in the process at the raised precision.
  const Decimal = (m as unknown as { BigNumber: { precision: number; rounding: number } }).BigNumber;
  const fromString = (text: string): BigNumber => m.bignumber(text);
  // String(-0) is '0', and atan2(-0, -1) = -π needs the sign.
  const fromNumber = (value: number) => fromString(Object.is(value, -0) ? '-0' : String(value));
  let budget: { seconds: number; deadline: number; ops: number } | null = null;
  const domain: BigNumberDomain = {
    name: `bignumber(${digits})`,
    digits,
    constant: fromNumber,
    apply(op, args) {
      const f = ops[op.name];
      // A row defined by an identity (sech = 1/cosh) runs it here, op by op.
      if (!f && op.identity) return op.identity(algebra, args);
      if (!f) throw new Error(`the bignumber domain has no function for '${op.name}'; add one to src/domains/bignumber.ts`);
      if (budget && ++budget.ops % CLOCK_EVERY === 0 && performance.now() > budget.deadline) {
        throw new EvalError(
          'time-limit',
          `the ${digits}-digit reference ran past its time limit of ${budget.seconds} s (${budget.ops.toLocaleString('en-US')} BigNumber operations); raise it with timeLimit (gradlab compare --reference-time-limit)`,
        );
      }
      const { precision, rounding } = Decimal;
      try {
        return f(args);
      } catch (err) {
        if (err instanceof GradlabError) throw err;
        const shown = args.map((a) => a.toPrecision(6)).join(', ');
        throw new EvalError('precision-limit', `${op.name}(${shown}) failed in the ${digits}-digit reference: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        Decimal.precision = precision;
        Decimal.rounding = rounding;
      }
    },
    primal: (x) => x.toNumber(),
    fromNumber,
    fromString,
    toNumber: (x) => x.toNumber(),
    format: (x, significant = digits) => x.toPrecision(significant),
    within(seconds, work) {
      const outer = budget;
      budget = { seconds, deadline: performance.now() + seconds * 1000, ops: 0 };
      try {
        return work();
      } finally {
        budget = outer;
      }
    },
  };
  const algebra = algebraOf(domain);
  return domain;
}

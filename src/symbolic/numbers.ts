// Numbers for constant folding: exact rationals while they fit in safe integers, float64 after.
import type { Exact } from '../primitives';

/** An exact p/q in lowest terms, q ≥ 1, both safe integers. */
export interface Rational {
  readonly p: number;
  readonly q: number;
}

/** A folded constant: exact where it can be, otherwise an (inexact) float64. */
export type Num = Rational | number;

export const ZERO: Rational = { p: 0, q: 1 };
export const ONE: Rational = { p: 1, q: 1 };
export const MINUS_ONE: Rational = { p: -1, q: 1 };
export const HALF: Rational = { p: 1, q: 2 };

export const isExact = (x: Num): x is Rational => typeof x !== 'number';
export const value = (x: Num): number => (isExact(x) ? x.p / x.q : x);
export const isZero = (x: Num): boolean => value(x) === 0;
export const isOne = (x: Num): boolean => value(x) === 1;
export const sign = (x: Num): number => Math.sign(value(x));
export const isInteger = (x: Num): boolean => isExact(x) && x.q === 1;
export const isEvenInteger = (x: Num): boolean => isExact(x) && x.q === 1 && x.p % 2 === 0;
export const equals = (a: Num, b: Num): boolean => value(a) === value(b) && isExact(a) === isExact(b);

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** The largest c with a/c and b/c both integers: gcd(2/3, 1/2) = 1/6. */
export function gcdOf(a: Rational, b: Rational): Num {
  return rational(gcd(a.p, b.p), (a.q / gcd(a.q, b.q)) * b.q);
}

/** p/q reduced, or the float p/q when either part has left the safe integers. */
export function rational(p: number, q: number): Num {
  if (!Number.isSafeInteger(p) || !Number.isSafeInteger(q) || q === 0) return p / q;
  const g = gcd(p, q) * Math.sign(q);
  return { p: p / g || 0, q: q / g };
}

/** Short decimals are what the user meant exactly (0.1 is 1/10); long ones are float results. */
const SHORT_DECIMAL = /^-?\d{1,6}\.\d{1,6}$/;
const MAX_DECIMAL_DENOMINATOR = 1000;

export function fromLiteral(v: number): Num {
  // -0 stays a float: 1 / -0 is -Infinity, and an exact 0 has no sign.
  if (Object.is(v, -0)) return v;
  if (Number.isSafeInteger(v)) return { p: v, q: 1 };
  const text = String(v);
  if (!SHORT_DECIMAL.test(text)) return v;
  const places = text.length - text.indexOf('.') - 1;
  const r = rational(Number(text.replace('.', '')), 10 ** places);
  return isExact(r) && r.q <= MAX_DECIMAL_DENOMINATOR ? r : v;
}

export function add(a: Num, b: Num): Num {
  if (!isExact(a) || !isExact(b)) return value(a) + value(b);
  const [x, y] = [a.p * b.q, b.p * a.q];
  return Number.isSafeInteger(x) && Number.isSafeInteger(y) ? rational(x + y, a.q * b.q) : value(a) + value(b);
}

export function mul(a: Num, b: Num): Num {
  if (isExact(a) && isExact(b)) return rational(a.p * b.p, a.q * b.q);
  return value(a) * value(b);
}

export const neg = (a: Num): Num => (isExact(a) ? { p: -a.p || 0, q: a.q } : -a);

/** a / b, or null for b = 0. */
export function div(a: Num, b: Num): Num | null {
  if (isZero(b)) return null;
  if (isExact(a) && isExact(b)) return rational(a.p * b.q, a.q * b.p);
  return value(a) / value(b);
}

/** n^k for a safe integer n and k ≥ 0, or null once it leaves the safe integers. */
function intPow(n: number, k: number): number | null {
  if (n === 0) return k === 0 ? 1 : 0;
  if (n === 1 || n === -1) return k % 2 === 0 ? 1 : n;
  let out = 1;
  for (let i = 0; i < k; i++) {
    out *= n;
    if (!Number.isSafeInteger(out)) return null;
  }
  return out;
}

/** The integer r with r^k = n exactly, if there is one. */
function intRoot(n: number, k: number): number | null {
  const r = Math.round(Math.pow(n, 1 / k));
  return intPow(r, k) === n ? r : null;
}

/**
 * a^b when the result is known exactly: rational powers with integer exponents, and roots of
 * perfect powers (4^(1/2) = 2). Null where folding would round (2^(1/2)), overflow, or produce
 * NaN (a negative base under a root): those stay symbolic.
 */
export function pow(a: Num, b: Num): Num | null {
  if (!isExact(b) || !isExact(a)) {
    if (!isInteger(b)) return null;
    const r = Math.pow(value(a), value(b));
    // Overflow stays symbolic; a NaN or infinite base was never a number to keep exact, and
    // (±0)^-k = ±Infinity is exact.
    return Number.isFinite(r) || !Number.isFinite(value(a)) || value(a) === 0 ? r : null;
  }
  if (b.q === 1) {
    const k = Math.abs(b.p);
    const p = intPow(a.p, k);
    const q = intPow(a.q, k);
    if (p === null || q === null) {
      const r = Math.pow(value(a), b.p);
      return Number.isFinite(r) && r !== 0 ? r : null;
    }
    return b.p >= 0 ? { p, q } : div(ONE, { p, q });
  }
  if (a.p < 0) return null;
  const p = intRoot(a.p, b.q);
  const q = intRoot(a.q, b.q);
  return p === null || q === null ? null : pow({ p, q }, { p: b.p, q: 1 });
}

/** These numbers as the primitive table's rows fold them. */
export const EXACT: Exact<Num> = {
  lift: (k) => rational(k, 1),
  neg,
  sign,
  is: (a, k) => isExact(a) && value(a) === k,
  less: (a, b) => value(a) < value(b),
  root: (a, n) => pow(a, { p: 1, q: n }),
};

// Complex numbers for the complex-step derivative f'(x) ≈ Im f(x + ih)/h: every primitive as a
// complex-analytic formula arranged so that an imaginary part as small as 1e-200 is never lost.
//
// Two rules hold for every op, so that a complex-step run branches and fails exactly where
// `evaluate` does: the real part of f(a + ib) with b tiny is float64's own f(a), bit for bit; and
// where float64's f(a) is not finite (off f's real domain, at a pole) that is the value, with a NaN
// imaginary part, never a principal branch whose Im would pass for a derivative. Non-analytic ops
// follow the complex-step-friendly conventions of Martins, Sturdza & Alonso (2003): decide by Re z.
import { algebraOf, type Domain } from '../interpret/domain';
import { primitive } from '../primitives';

/** a + ib, immutable; never an array, so the interpreter tells it from a vector. */
export interface Complex {
  readonly re: number;
  readonly im: number;
}

export const complexOf = (re: number, im = 0): Complex => ({ re, im });

const c = complexOf;
const ZERO = c(0);
const ONE = c(1);
const NAN = c(NaN, NaN);

const add = (z: Complex, w: Complex) => c(z.re + w.re, z.im + w.im);
const sub = (z: Complex, w: Complex) => c(z.re - w.re, z.im - w.im);
const neg = (z: Complex) => c(-z.re, -z.im);
const scale = (z: Complex, s: number) => c(z.re * s, z.im * s);
const mul = (z: Complex, w: Complex) => c(z.re * w.re - z.im * w.im, z.re * w.im + z.im * w.re);

/** Smith's division: no overflow in |w|², and a real divisor divides exactly as float64 does. */
function div(z: Complex, w: Complex): Complex {
  if (w.im === 0) return c(z.re / w.re, z.im / w.re);
  if (Math.abs(w.re) === Infinity || Math.abs(w.im) === Infinity) return scale(z, 0);
  if (Math.abs(w.im) <= Math.abs(w.re)) {
    const r = w.im / w.re;
    const d = w.re + w.im * r;
    return c((z.re + z.im * r) / d, (z.im - z.re * r) / d);
  }
  const r = w.re / w.im;
  const d = w.re * r + w.im;
  return c((z.re * r + z.im) / d, (z.im * r - z.re) / d);
}

const recip = (z: Complex) => div(ONE, z);

// ---- Exponentials, logarithms and powers -------------------------------------------------------

function exp(z: Complex): Complex {
  const m = Math.exp(z.re);
  return c(m * Math.cos(z.im), m * Math.sin(z.im));
}

/** Principal log z with `log` (Math.log, log10, log2) measuring in `unit`s of ln: ln|z| from the
 *  larger part, so the real part is float64's log(a) whenever b is small. */
function logIn(log: (x: number) => number, unit: number) {
  return (z: Complex): Complex => {
    const a = Math.abs(z.re);
    const b = Math.abs(z.im);
    const big = Math.max(a, b);
    const small = Math.min(a, b);
    const re = small === 0 ? log(big) : log(big) + Math.log1p((small / big) ** 2) / (2 * unit);
    return c(re, Math.atan2(z.im, z.re) / unit);
  };
}

const ln = logIn(Math.log, 1);

/** log(1 + w) where 1 + u > 0 (softplus's, and log1p's there): exact for tiny u and v alike. */
function log1p(w: Complex): Complex {
  const u1 = 1 + w.re;
  return c(Math.log1p(w.re) + 0.5 * Math.log1p((w.im / u1) ** 2), Math.atan2(w.im, u1));
}

/** e^w - 1 = expm1(u)·cos v - 2 sin²(v/2) + i·e^u sin v: exact for tiny u and v alike. */
function expm1(w: Complex): Complex {
  const s = Math.sin(w.im / 2);
  return c(Math.expm1(w.re) * Math.cos(w.im) - 2 * s * s, Math.exp(w.re) * Math.sin(w.im));
}

/** Principal square root, valid on the whole plane (the inverse trig formulas need it there). */
function csqrt(z: Complex): Complex {
  const { re: a, im: b } = z;
  if (b === 0) return a >= 0 ? c(Math.sqrt(a), b) : c(0, Math.sqrt(-a));
  const t = Math.sqrt(0.5 * Math.abs(a) + 0.5 * Math.hypot(a, b));
  return a >= 0 ? c(t, b / (2 * t)) : c(Math.abs(b) / (2 * t), b < 0 ? -t : t);
}

/** (1 + it)^p on the principal branch, for |t| ≤ 1. */
function onePlusItPow(t: number, p: number): Complex {
  const m = Math.exp(0.5 * p * Math.log1p(t * t));
  const angle = p * Math.atan(t);
  return c(m * Math.cos(angle), m * Math.sin(angle));
}

/** (ib)^p, with whole quarter turns exact so that (ib)^1 has no stray real part. */
function imaginaryPow(b: number, p: number): Complex {
  const m = Math.pow(Math.abs(b), p);
  const turns = b < 0 ? -p : p;
  if (Number.isInteger(p)) return [c(m, 0), c(0, m), c(-m, 0), c(0, -m)][((turns % 4) + 4) % 4];
  return c(m * Math.cos((turns * Math.PI) / 2), m * Math.sin((turns * Math.PI) / 2));
}

/** z^p for real p as a^p·(1 + ib/a)^p, where `ap` is float64's a^p (Math.pow, or Math.cbrt for
 *  the real cube root): no log, so nothing cancels, and a negative a with a fractional p is NaN. */
function powReal(z: Complex, p: number, ap = Math.pow(z.re, p)): Complex {
  const { re: a, im: b } = z;
  if (b === 0) return c(ap, 0);
  if (Number.isNaN(ap)) return NAN;
  if (Math.abs(a) >= Math.abs(b)) return scale(onePlusItPow(b / a, p), ap);
  return mul(imaginaryPow(b, p), onePlusItPow(-a / b, p));
}

/** z^w = z^p · z^(iq), the second factor exp(iq log z) carrying the step in the exponent. */
function pow(z: Complex, w: Complex): Complex {
  const base = powReal(z, w.re);
  if (w.im === 0 || Number.isNaN(base.re) || (z.re === 0 && z.im === 0)) return base;
  // A negative base has no real log: keep the value, but the step in the exponent has no answer,
  // as the table's rule out·log(a) has none.
  if (z.re < 0) return c(base.re, NaN);
  const l = ln(z);
  const m = Math.exp(-w.im * l.im);
  return mul(base, c(m * Math.cos(w.im * l.re), m * Math.sin(w.im * l.re)));
}

/** The real cube root continued off the axis: odd, so cbrt(-z) = -cbrt(z). */
function cbrt(z: Complex): Complex {
  const right = (u: Complex) => powReal(u, 1 / 3, Math.cbrt(u.re));
  return z.re < 0 ? neg(right(neg(z))) : right(z);
}

/** As float64's nthRoot: an odd integer n takes the real root of a negative x. */
function nthRoot(z: Complex, n: Complex = c(2)): Complex {
  const odd = Number.isInteger(n.re) && Math.abs(n.re) % 2 === 1;
  return z.re < 0 && odd ? neg(pow(neg(z), recip(n))) : pow(z, recip(n));
}

// ---- Trigonometric and hyperbolic ---------------------------------------------------------------

const sin = (z: Complex) => c(Math.sin(z.re) * Math.cosh(z.im), Math.cos(z.re) * Math.sinh(z.im));
const cos = (z: Complex) => c(Math.cos(z.re) * Math.cosh(z.im), -Math.sin(z.re) * Math.sinh(z.im));
const sinh = (z: Complex) => c(Math.sinh(z.re) * Math.cos(z.im), Math.cosh(z.re) * Math.sin(z.im));
const cosh = (z: Complex) => c(Math.cosh(z.re) * Math.cos(z.im), Math.sinh(z.re) * Math.sin(z.im));

/** tan(a + ib) = (tan a + i tanh b)/(1 − i tan a tanh b), with 1 − tanh² b as sech² b: no
 *  cancellation, and the real part is Math.tan(a) itself when b is small. */
function tan(z: Complex): Complex {
  const t = Math.tan(z.re);
  const s = Math.tanh(z.im);
  const d = 1 + t * t * s * s;
  return c(t / Math.cosh(z.im) ** 2 / d, (s * (1 + t * t)) / d);
}

/** tanh(a + ib) = (tanh a + i tan b)/(1 + i tanh a tan b), with 1 − tanh² a as sech² a. */
function tanh(z: Complex): Complex {
  const t = Math.tanh(z.re);
  const s = Math.tan(z.im);
  const d = 1 + t * t * s * s;
  return c((t * (1 + s * s)) / d, s / Math.cosh(z.re) ** 2 / d);
}

/** atan z = (i/2)(log(1 − iz) − log(1 + iz)): the real part is ½(atan2(a, 1−b) + atan2(a, 1+b)),
 *  Math.atan(a) exactly when b is small; the imaginary part a log1p, exact for small b. */
function atan(z: Complex): Complex {
  const { re: a, im: b } = z;
  return c(0.5 * (Math.atan2(a, 1 - b) + Math.atan2(a, 1 + b)), 0.25 * Math.log1p((4 * b) / ((1 - b) ** 2 + a * a)));
}

/** atanh z = ½(log(1 + z) − log(1 − z)), its real part written as atanh(a) plus a correction in b. */
function atanh(z: Complex): Complex {
  const { re: a, im: b } = z;
  if (b === 0) return c(Math.atanh(a), 0);
  const correction = 0.25 * (Math.log1p((b / (1 + a)) ** 2) - Math.log1p((b / (1 - a)) ** 2));
  return c(Math.atanh(a) + correction, 0.5 * (Math.atan2(b, 1 + a) + Math.atan2(b, 1 - a)));
}

// Kahan, "Branch cuts for complex elementary functions" (1987): products of square roots in which
// nothing cancels, so a tiny imaginary part survives.
function asinKahan(z: Complex): Complex {
  const s = csqrt(sub(ONE, z));
  const t = csqrt(add(ONE, z));
  return c(Math.atan2(z.re, s.re * t.re - s.im * t.im), Math.asinh(s.re * t.im - s.im * t.re));
}

function acosKahan(z: Complex): Complex {
  const s = csqrt(sub(ONE, z));
  const t = csqrt(add(ONE, z));
  return c(2 * Math.atan2(s.re, t.re), Math.asinh(t.re * s.im - t.im * s.re));
}

function acoshKahan(z: Complex): Complex {
  const s = csqrt(sub(z, ONE));
  const t = csqrt(add(z, ONE));
  return c(Math.asinh(s.re * t.re + s.im * t.im), 2 * Math.atan2(s.im, t.re));
}

/** asinh z = −i asin(iz). */
function asinhKahan(z: Complex): Complex {
  const w = asinKahan(c(-z.im, z.re));
  return c(w.im, -w.re);
}

/** Kahan's real parts are right to a few ulps, not float64's bits: since Re f(a + ib) = f(a) + O(b²),
 *  rebase the real part on float64's f(a), so it is f(a) exactly when b is small, and keep the
 *  formula's change with b. */
function rebased(f: (x: number) => number, F: (z: Complex) => Complex) {
  return (z: Complex): Complex => {
    const w = F(z);
    return c(f(z.re) + (w.re - F(c(z.re, 0)).re), w.im);
  };
}

const ofRecip = (F: (z: Complex) => Complex) => (z: Complex) => F(recip(z));
const floatOf = (name: string) => primitive(name).fn;
const asin = rebased(floatOf('asin'), asinKahan);
const acos = rebased(floatOf('acos'), acosKahan);
const asinh = rebased(floatOf('asinh'), asinhKahan);
const acosh = rebased(floatOf('acosh'), acoshKahan);
const asec = rebased(floatOf('asec'), ofRecip(acosKahan));
const acsc = rebased(floatOf('acsc'), ofRecip(asinKahan));
const asech = rebased(floatOf('asech'), ofRecip(acoshKahan));
const acsch = rebased(floatOf('acsch'), ofRecip(asinhKahan));

/** atan2(y, x) = atan(y/x) + a constant fixed by the quadrant of the real parts; near the y axis,
 *  ±π/2 − atan(x/y). The constant is taken from Math.atan2 so the real part is its bits. */
function atan2(y: Complex, x: Complex): Complex {
  const angle = Math.atan2(y.re, x.re);
  if (y.re === 0 && x.re === 0) return c(angle, NaN); // the origin: no direction to step in
  const [w, ratio, sign] = Math.abs(x.re) >= Math.abs(y.re) ? [atan(div(y, x)), y.re / x.re, 1] : [atan(div(x, y)), x.re / y.re, -1];
  return c(angle + sign * (w.re - Math.atan(ratio)), sign * w.im);
}

// ---- Piecewise and n-ary: decided by the real parts; n-ary ops take one array, of any length ------

/** |z| continued as z·sign(Re z), so abs' = sign and abs'(0) = 0. */
const abs = (z: Complex) => c(Math.abs(z.re), Math.sign(z.re) * z.im);

type Nary = (zs: readonly Complex[]) => Complex;

/** The first argument whose real part no later one beats. */
function extreme(beats: (a: number, b: number) => boolean): Nary {
  return (zs) => zs.reduce((best, z) => (beats(z.re, best.re) ? z : best));
}

const reals = (zs: readonly Complex[]) => zs.map((z) => z.re);

/** √(Σ zₖ²) as r·√(1 + δ), r float64's hypot of the real parts: no overflow, and no cancellation. */
function hypot(zs: readonly Complex[]): Complex {
  const r = primitive('hypot').apply(reals(zs));
  if (r === 0) return csqrt(zs.reduce((s, z) => add(s, mul(z, z)), ZERO));
  const delta = zs.reduce((s, z) => {
    const [u, v] = [z.re / r, z.im / r];
    return c(s.re - v * v, s.im + 2 * u * v);
  }, ZERO);
  return scale(csqrt(c(1 + delta.re, delta.im)), r);
}

/** Σ aᵢbᵢ over the two halves of the arguments (an even count: an odd one is NaN in float64). */
function dot(zs: readonly Complex[]): Complex {
  const k = zs.length / 2;
  return zs.slice(0, k).reduce((s, a, i) => add(s, mul(a, zs[k + i])), ZERO);
}

/** log Σ eᶻ shifted by the largest real part, as float64 computes it. */
function logsumexp(zs: readonly Complex[]): Complex {
  const m = primitive('max').apply(reals(zs));
  return add(c(m), ln(zs.reduce((s, z) => add(s, exp(c(z.re - m, z.im))), ZERO)));
}

/** As float64's sigmoid: exp of a non-positive real part only, so nothing overflows. */
const sigmoid = (z: Complex) => (z.re >= 0 ? recip(add(ONE, exp(neg(z)))) : div(exp(z), add(ONE, exp(z))));

/** log(1 + eᶻ) as float64 computes it: max(a, 0) + log1p(e^−|z|). */
const softplus = (z: Complex) => (z.re >= 0 ? add(z, log1p(exp(neg(z)))) : log1p(exp(z)));

// prettier-ignore
const SCALAR: Readonly<Record<string, (...z: Complex[]) => Complex>> = {
  add, subtract: sub, multiply: mul, divide: div, unaryMinus: neg, pow,
  pi: () => c(Math.PI), e: () => c(Math.E),
  exp, log: (z, base) => (base === undefined ? ln(z) : div(ln(z), ln(base))),
  xlogy: (z, w) => (z.re === 0 && z.im === 0 && !Number.isNaN(w.re) ? ZERO : mul(z, ln(w))), // 0 where z = 0, as the row
  log10: logIn(Math.log10, Math.LN10), log2: logIn(Math.log2, Math.LN2),
  log1p: (w) => (1 + w.re > 0 ? log1p(w) : ln(add(ONE, w))), expm1,
  sqrt: csqrt, cbrt, nthRoot,
  // sec, csc, cot, acot, sech, csch, coth and acoth are their table rows' identities (1/cos z, atan(1/z)).
  sin, cos, tan,
  asin, acos, atan, atan2,
  asec, acsc,
  sinh, cosh, tanh,
  asinh, acosh, atanh,
  asech, acsch,
  abs, sign: (z) => c(Math.sign(z.re)), heaviside: (z) => c(z.re > 0 ? 1 : 0),
  sigmoid, relu: (z) => (z.re > 0 ? z : ZERO), softplus,
};

const NARY: Readonly<Record<string, Nary>> = {
  max: extreme((a, b) => a > b), min: extreme((a, b) => a < b), hypot,
  sum: (zs) => zs.reduce(add, ZERO), dot, logsumexp,
};

// A fixed-arity op takes at most two arguments, so spreading them is safe.
const OPS: Readonly<Record<string, Nary>> = {
  ...Object.fromEntries(Object.entries(SCALAR).map(([name, f]) => [name, (zs: readonly Complex[]) => f(...zs)])),
  ...NARY,
};

/** Complex numbers: run a program at x + ih and read the derivative from the imaginary part. */
export const complex: Domain<Complex> = {
  name: 'complex',
  constant: (value) => c(value),
  apply(op, args) {
    const f = OPS[op.name] ?? (op.identity ? (zs: readonly Complex[]) => op.identity!(ALGEBRA, zs) : undefined);
    if (!f) throw new Error(`the complex domain has no formula for '${op.name}'; add one to src/domains/complex.ts`);
    const value = op.apply(reals(args));
    // Real arguments: float64's own value, so a constant stays one (exp(1000) has no NaN in Im).
    if (args.every((z) => z.im === 0)) return c(value);
    // Off the real domain, at a pole or an infinity: float64's value, and no derivative to report.
    if (!Number.isFinite(value) || !args.every((z) => Number.isFinite(z.re))) return c(value, NaN);
    return f(args);
  },
  primal: (z) => z.re,
};

/** The domain as the rules' algebra, for the rows defined by an identity. */
const ALGEBRA = algebraOf(complex);

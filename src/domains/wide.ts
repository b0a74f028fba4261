// Wide floats: a float64 significand with an unbounded binary exponent, so that the chain rule's
// products neither overflow nor underflow. d/dx 1/csch(x) at x = 1e-300 is (-1e-600)·(-1e600) = 1,
// which float64 reads as (-0)·(-∞) = NaN. Infinities and NaN keep their IEEE meaning.
import type { Domain } from '../interpret/domain';

/** The value m·2^e, with 1 ≤ |m| < 2; zeros, infinities and NaN have e = 0. */
export class Wide {
  constructor(
    readonly m: number,
    readonly e: number,
  ) {}
}

const view = new DataView(new ArrayBuffer(8));
const TWO_64 = 2 ** 64;

/** x as m·2^e with 1 ≤ |m| < 2, read from the float's exponent bits. */
export function wide(x: number): Wide {
  if (x === 0 || !Number.isFinite(x)) return new Wide(x, 0);
  // A subnormal has no leading 1 in its bits: scale it into the normal range first.
  const sub = Math.abs(x) < 2 ** -1022;
  const y = sub ? x * TWO_64 : x;
  view.setFloat64(0, y);
  const biased = (view.getUint16(0) >> 4) & 0x7ff;
  const e = biased - 1023;
  view.setUint16(0, (view.getUint16(0) & 0x800f) | (1023 << 4));
  return new Wide(view.getFloat64(0), sub ? e - 64 : e);
}

/** m·2^k for 1 ≤ |m| < 2 and any integer k, by two exact factors within float64's range (one
 *  2^k alone would overflow before the product does). */
function scale(m: number, k: number): number {
  if (k > 1024) return m * Infinity;
  if (k < -1080) return m * 0;
  const h = Math.trunc(k / 2);
  return m * 2 ** h * 2 ** (k - h);
}

/** The nearest float64: ±Infinity beyond its range, ±0 below it. */
export function narrow(w: Wide): number {
  return w.e === 0 ? w.m : scale(w.m, w.e);
}

const normal = (m: number, e: number): Wide => {
  if (m === 0 || !Number.isFinite(m)) return new Wide(m, 0);
  const n = wide(m);
  return new Wide(n.m, n.e + e);
};

const special = (w: Wide) => w.m === 0 || !Number.isFinite(w.m);

export function mul(a: Wide, b: Wide): Wide {
  if (special(a) || special(b)) return new Wide(a.m * b.m, 0);
  return normal(a.m * b.m, a.e + b.e);
}

export function div(a: Wide, b: Wide): Wide {
  if (special(a) || special(b)) return new Wide(a.m / b.m, 0);
  return normal(a.m / b.m, a.e - b.e);
}

export function add(a: Wide, b: Wide): Wide {
  if (special(a) || special(b)) return a.m === 0 ? (b.m === 0 ? new Wide(a.m + b.m, 0) : b) : b.m === 0 ? a : new Wide(a.m + b.m, 0);
  // Beyond 60 binary places apart, the smaller one is below the larger's last bit.
  const d = a.e - b.e;
  if (d > 60) return a;
  if (d < -60) return b;
  return d >= 0 ? normal(a.m + b.m * 2 ** -d, a.e) : normal(a.m * 2 ** d + b.m, b.e);
}

export const neg = (a: Wide): Wide => new Wide(-a.m, a.e);

/** ln of a wide value, which is always within float64's range. */
const ln = (a: Wide): number => Math.log(a.m) + a.e * Math.LN2;

/** Ops computed on the wide value itself; the rest round their arguments to float64 and compute
 *  there, so that a partial overflows exactly where the primal it mirrors does (cosh' = sinh). */
const NATIVE: Readonly<Record<string, (x: readonly Wide[]) => Wide>> = {
  add: ([a, b]) => add(a, b),
  subtract: ([a, b]) => add(a, neg(b)),
  multiply: ([a, b]) => mul(a, b),
  divide: ([a, b]) => div(a, b),
  unaryMinus: ([a]) => neg(a),
  abs: ([a]) => new Wide(Math.abs(a.m), a.e),
  sign: ([a]) => new Wide(Math.sign(a.m), 0),
  heaviside: ([a]) => new Wide(a.m > 0 ? 1 : 0, 0),
  sqrt: ([a]) => (special(a) || a.m < 0 ? new Wide(Math.sqrt(a.m), 0) : normal(Math.sqrt(a.e % 2 === 0 ? a.m : a.m * 2), Math.floor(a.e / 2))),
  log: ([a, b]) => wide(b === undefined ? ln(a) : ln(a) / ln(b)),
  xlogy: ([a, b]) => (a.m === 0 && !Number.isNaN(b.m) ? wide(0) : mul(a, wide(ln(b)))),
};

/** Wide floats as a Domain, for the derivative rules of the primitive table. */
export const wideDomain: Domain<Wide> = {
  name: 'wide float64',
  constant: wide,
  apply(op, args) {
    const f = NATIVE[op.name];
    if (f) return f(args);
    const xs = new Array<number>(args.length);
    for (let i = 0; i < args.length; i++) xs[i] = narrow(args[i]);
    return wide(op.apply(xs));
  },
  primal: narrow,
};

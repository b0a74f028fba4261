// The exact reference: forward mode over 50-digit BigNumbers, valid for programs with loops too,
// that every float64 method is judged against.
import type { BigNumber } from 'mathjs';
import { EvalError } from '../errors';
import { bignumber, type BigNumberDomain } from '../domains/bignumber';
import type { RunOptions } from '../interpret/interpret';
import { Dual, dualDomain, lanes } from './dual';
import { compile, flatten, layoutOf, slotName, type FnLike, type Point } from './fn';
import { outputsOf, run } from './trace';

/** Tangents carried per sweep: BigNumber work grows with the width, so inputs go in chunks. */
const CHUNK = 32;

export interface Reference {
  readonly value: number | number[];
  /** Rows are outputs, columns inputs, rounded to float64 from `digits` significant digits. */
  readonly jacobian: number[][];
  /** The same, as decimal strings of `digits` significant digits. */
  readonly exact: string[][];
}

/** The exact decimal value of a float64 (every double is a finite binary fraction). */
export function exactDecimal(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const shift = 1075 - (biased === 0 ? 1 : biased);
  // x = mantissa / 2^shift = mantissa·5^shift / 10^shift.
  const digits = (mantissa * 5n ** BigInt(shift)).toString().padStart(shift + 1, '0');
  return `${sign}${digits.slice(0, -shift)}.${digits.slice(-shift)}`;
}

const domains = new Map<number, BigNumberDomain>();

/** Seconds a reference may take before it gives up (`timeLimit`). */
export const DEFAULT_TIME_LIMIT = 30;

export interface ReferenceOptions extends RunOptions {
  /** Significant digits (default 50). */
  digits?: number;
  /** Seconds before the reference gives up with a `time-limit` error (default 30). */
  timeLimit?: number;
}

export function reference(f: FnLike, at: Point, options: ReferenceOptions = {}): Reference {
  const fn = compile(f);
  const digits = options.digits ?? 50;
  const big = domains.get(digits) ?? bignumber(digits);
  domains.set(digits, big);
  const layout = layoutOf(fn, at);
  const x = flatten(layout, at);
  const n = layout.n;
  const lifted = Array.from(x, (v) => big.fromString(exactDecimal(v)));
  let value: BigNumber[] = [];
  let vector = false;
  const columns: BigNumber[][][] = [];
  big.within(options.timeLimit ?? DEFAULT_TIME_LIMIT, () => {
    for (let c0 = 0; c0 < Math.max(n, 1); c0 += CHUNK) {
      const width = Math.max(1, Math.min(CHUNK, n - c0));
      const D = dualDomain(big, width);
      const seed = (j: number) => new Dual(lifted[j], lanes(big, Array.from({ length: width }, (_, c) => (j === c0 + c ? 1 : 0))));
      const out = outputsOf(run(fn, layout, D, seed, options));
      vector = out.vector;
      value = out.outs.map((d) => d.v);
      columns.push(out.outs.map((d) => Array.from({ length: width }, (_, c) => d.t?.[c] ?? big.constant(0))));
    }
  });
  const exact = value.map((_, i) => columns.flatMap((block) => block[i]).slice(0, n));
  exact.forEach((row, i) => {
    const j = row.findIndex((v) => v.isNaN());
    if (j < 0) return;
    const output = vector ? `f[${i + 1}]` : 'f';
    throw new EvalError('domain', `the derivative is not a real number at this point (the reference finds ∂${output}/∂${slotName(layout, j)} = NaN)`);
  });
  const values = value.map((v) => big.toNumber(v));
  return {
    value: vector ? values : values[0],
    jacobian: exact.map((row) => row.map((v) => big.toNumber(v))),
    exact: exact.map((row) => row.map((v) => big.format(v))),
  };
}

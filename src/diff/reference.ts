// The exact reference: forward mode over 50-digit BigNumbers, valid for programs with loops too,
// that every float64 method is judged against.
import type { BigNumber } from 'mathjs';
import { bignumber, type BigNumberDomain } from '../domains/bignumber';
import type { RunOptions } from '../interpret/interpret';
import { Dual, dualDomain } from './dual';
import { compile, flatten, layoutOf, type FnLike, type Point } from './fn';
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

export function reference(f: FnLike, at: Point, options: RunOptions & { digits?: number } = {}): Reference {
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
  for (let c0 = 0; c0 < Math.max(n, 1); c0 += CHUNK) {
    const width = Math.max(1, Math.min(CHUNK, n - c0));
    const D = dualDomain(big, width);
    const seed = (j: number) => new Dual(lifted[j], Array.from({ length: width }, (_, c) => big.constant(j === c0 + c ? 1 : 0)));
    const out = outputsOf(run(fn, layout, D, seed, options));
    vector = out.vector;
    value = out.outs.map((d) => d.v);
    columns.push(out.outs.map((d) => (d.t ? [...d.t] : Array.from({ length: width }, () => big.constant(0)))));
  }
  const exact = value.map((_, i) => columns.flatMap((block) => block[i]).slice(0, n));
  const values = value.map((v) => big.toNumber(v));
  return {
    value: vector ? values : values[0],
    jacobian: exact.map((row) => row.map((v) => big.toNumber(v))),
    exact: exact.map((row) => row.map((v) => big.format(v))),
  };
}

// Reverse mode's second-order verbs on generated code: H·v in one sweep of one lane, the Hessian in
// ⌈n/chunk⌉ sweeps of `chunk` lanes (16 by default), by forward over generated reverse (hvp.ts).
import { requireLength, requireScalar } from '../diff/common';
import type { Fn, Layout, Point } from '../diff/fn';
import type { Answer, Options, Stats } from '../diff/types';
import { DEFAULT_MAX_ITERATIONS } from '../interpret/interpret';
import { orInterpreter, part, type Compiled } from './engine';
import { Refused } from './analyze';
import { hvpSource, naryLanes, type HvpCode, type HvpState } from './hvp';
import { generatedFor, shaped, type CompiledVerbs } from './methods';

/** Lanes per sweep of the Hessian, as forward mode's chunk. */
const CHUNK = 16;

function hvpOf(fn: Fn, c: Compiled): HvpCode | string {
  return part<HvpCode>(c, 'hvp', () => {
    // The lanes' generator binds no Fn.data (a training batch): the interpreted sweeps take those.
    if (c.dataNames.length) throw new Refused('second order is not compiled for a program that reads Fn.data');
    return hvpSource(fn.program!, fn.inputs, c.kinds);
  });
}

/** Stacks kept per Fn and shape, reused by later calls. */
function stateOf(c: Compiled): HvpState {
  let st = c.parts.get('hvp-state') as HvpState | undefined;
  if (!st) {
    st = { S: new Float64Array(1024), D: new Float64Array(1024), O: [], seed: () => 1, pushed: 0, L: naryLanes };
    c.parts.set('hvp-state', st);
  }
  return st;
}

/** The output's cotangent: 1, for a function with one output (the others are refused as the
 *  interpreted path refuses them). */
function seed(value: number | Float64Array): number {
  requireScalar(typeof value === 'number' ? value : Array.from(value), 'a Hessian');
  return 1;
}

/** H·D for `total` directions, `width` lanes a sweep: `fill(T, c0, width)` seeds lanes c0 … c0 + width − 1. */
function sweeps(
  f: Fn,
  at: Point,
  options: Options,
  total: (layout: Layout) => number,
  chunk: number,
  fill: (T: Float64Array, c0: number, width: number, n: number) => void,
): { value: number | number[]; rows: number[][]; stats: Stats } | string {
  const g = generatedFor(f, at, 'hvp', hvpOf);
  if (typeof g === 'string') return g;
  const { layout, c, x, code, compileMs } = g;
  const n = layout.n;
  const k = total(layout);
  const budget = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const st = stateOf(c);
  st.seed = seed;
  const rows: number[][] = [];
  let value: number | Float64Array = 0;
  let count = 0;
  let pushed = 0;
  try {
    for (let c0 = 0; c0 < k || count === 0; c0 += chunk) {
      const width = Math.max(1, Math.min(chunk, k - c0));
      const T = new Float64Array(n * width);
      fill(T, c0, width, n);
      const G = new Float64Array(n);
      const H = new Float64Array(n * width);
      st.O.length = 0;
      value = orInterpreter(f, layout, x, options.maxIterations, () => code(x, c.off, c.len, budget, st, width, T, G, H));
      pushed = st.pushed;
      count++;
      for (let j = 0; j < width && c0 + j < k; j++) {
        const row = new Array<number>(n);
        for (let i = 0; i < n; i++) row[i] = H[i * width + j];
        rows.push(row);
      }
    }
  } catch (err) {
    // What the lanes do not cover at run time (a dot of unequal lengths) goes to the interpreter.
    if (typeof err === 'string') return err;
    throw err;
  }
  const stats: Stats = { sweeps: count, tapeLength: pushed, tapeBytes: pushed * 8, replayed: false, engine: 'compiled', compileMs };
  return { value: shaped(value), rows, stats };
}

export const compiledSecondOrder: CompiledVerbs = {
  hessian: (f, at, _, options) => {
    const chunk = Math.max(1, options.chunk ?? CHUNK);
    const r = sweeps(f, at, options, (layout) => layout.n, chunk, (T, c0, width) => {
      for (let j = 0; j < width; j++) T[(c0 + j) * width + j] = 1;
    });
    return typeof r === 'string' ? r : ({ value: r.value, result: r.rows, stats: r.stats } as Answer<never>);
  },
  hvp: (f, at, v: readonly number[], options) => {
    const r = sweeps(f, at, options, (layout) => {
      requireLength(v, layout.n, 'the direction');
      return 1;
    }, 1, (T) => T.set(v));
    return typeof r === 'string' ? r : ({ value: r.value, result: r.rows[0], stats: r.stats } as Answer<never>);
  },
};

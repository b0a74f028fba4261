// The engine seam: each differentiator's verbs run generated code by default and the interpreter
// where asked (`engine: 'interpreted'`) or where the compiler does not cover the function, with
// the stats saying which engine ran and why.
import { requireLength, requireScalar } from '../diff/common';
import { finiteTyped, flatten, layoutOf, plainPoint, toArray, typedPoint, type Fn, type Layout, type Point } from '../diff/fn';
import { trace, valueAt } from '../diff/trace';
import type { Answer, Differentiator, Options, Stats } from '../diff/types';
import { DEFAULT_MAX_ITERATIONS } from '../interpret/interpret';
import { compiledFor, compiledPullback, compiledValue, forwardOf, orInterpreter, refusal, reverseOf, type Compiled } from './engine';

type Verb = 'gradient' | 'jacobian' | 'jvp' | 'vjp' | 'hessian' | 'hvp';
const VERBS: readonly Verb[] = ['gradient', 'jacobian', 'jvp', 'vjp', 'hessian', 'hvp'];

/** A verb on generated code: its answer, or the reason it does not apply to this function. */
export type CompiledVerbs = { [V in Verb]?: (f: Fn, at: Point, arg: never, options: Options) => Answer<never> | string };

export function withEngine(d: Differentiator, compiled: CompiledVerbs): Differentiator {
  const out = { name: d.name, description: d.description } as Record<string, unknown>;
  for (const verb of VERBS) {
    const takesArg = verb === 'jvp' || verb === 'vjp' || verb === 'hvp';
    out[verb] = (f: Fn, at: Point, a?: unknown, b?: unknown) => {
      const options = ((takesArg ? b : a) ?? {}) as Options;
      let why = refusal(f, options.engine);
      const run = compiled[verb];
      if (why === undefined && run) {
        const r = generated(() => run(f, at, (takesArg ? a : undefined) as never, options));
        if (typeof r === 'string') why = r;
        else if (FINITE.has(r.result as object) || finite(r.result as ArrayLike<number>)) {
          FINITE.add(r.result as object);
          return r;
        }
        // Float64 may have lost a chain-rule product (0·∞ of an overflow): the interpreted sweeps
        // redo it in wide floats (src/diff/wide-sweep.ts) and keep a direction no input moves in at 0.
        else why = 'a non-finite result, where float64 may have lost a product: the interpreted sweeps check it';
      }
      const answer = (takesArg ? (d[verb] as (...x: unknown[]) => Answer<unknown>)(f, at, a, options) : (d[verb] as (...x: unknown[]) => Answer<unknown>)(f, at, options));
      const note = why ?? (d.name === 'finite' ? finiteNote(f, at, options) : `${verb} is not compiled for ${d.name}`);
      const engine = note === undefined ? 'compiled' : 'interpreted';
      return { ...answer, stats: { ...answer.stats, engine, ...(note === undefined ? {} : { engineNote: note }) } };
    };
  }
  return out as unknown as Differentiator;
}

/** Answers (flat vectors or row lists) of generated code already scanned and found finite here,
 *  so that the registry's NaN guard need not scan them again. */
export const FINITE = new WeakSet<object>();

/** Generated code's answer, or why there is none. Generated code takes n-ary calls over long
 *  vectors and calls of very many arguments as arrays and loops (test/diff/long.test.ts); should a
 *  program still exhaust the stack (a frame of 10⁵ distinct intermediates), the interpreters take it. */
function generated<R>(run: () => R): R | string {
  try {
    return run();
  } catch (err) {
    if (err instanceof RangeError) return `generated code ran out of stack (${err.message}): the interpreters take this call`;
    throw err;
  }
}

/** Whether every entry of a flat answer, or of each row of a matrix, is finite. */
function finite(result: ArrayLike<number> | readonly ArrayLike<number>[]): boolean {
  const rows = typeof result[0] === 'object' ? (result as readonly ArrayLike<number>[]) : [result as ArrayLike<number>];
  for (const row of rows) {
    // x − x is 0 for a finite number, NaN for ±∞ and NaN.
    for (let i = 0; i < row.length; i++) if (row[i] - row[i] !== 0) return false;
  }
  return true;
}

/** Finite differences evaluate f by the compiled primal unless it is refused or the scheme is the
 *  complex step (which runs the interpreter over complex numbers). */
function finiteNote(f: Fn, at: Point, options: Options): string | undefined {
  if (options.scheme === 'complex-step') return 'the complex step runs the interpreter over complex numbers';
  const why = refusal(f, options.engine);
  if (why) return why;
  const c = compiledFor(f, layoutOf(f, at));
  return typeof c === 'string' ? c : undefined;
}

/** A flat-point buffer kept on f for points copied from plain arrays: each verb is done with its
 *  point before it returns, so the next call may overwrite it (no 10⁵-element garbage per call). */
function scratch(f: Fn, n: number): Float64Array {
  let x = f.cache.get('scratch:point') as Float64Array | undefined;
  if (x?.length !== n) f.cache.set('scratch:point', (x = new Float64Array(n)));
  return x;
}

/** The compiled code for f at this point, or why there is none. */
export function setup(f: Fn, at: Point, trust = false): { layout: Layout; c: Compiled; x: Float64Array; checked: boolean } | string {
  // One pass checks and copies a plain point; anything else takes layoutOf, which names the fault.
  // With `trust`, a single Float64Array input is left for the caller to test (plainPoint).
  const plain = plainPoint(f, at, (n) => scratch(f, n), trust);
  const layout = plain?.layout ?? layoutOf(f, at);
  const c = compiledFor(f, layout);
  if (typeof c === 'string') {
    if (plain && !plain.checked && !finiteTyped(plain.x)) layoutOf(f, at);
    return c;
  }
  return { layout, c, x: plain?.x ?? flatten(layout, at), checked: plain?.checked ?? true };
}

/** `setup`, then the code of one mode (`reverseOf`, `forwardOf`, `hvpOf`: part `mode` of the
 *  compiled code), with the milliseconds this call spent generating it (0 once cached). */
export function generatedFor<T>(f: Fn, at: Point, mode: string, codeOf: (f: Fn, c: Compiled) => T | string, trust = false): { layout: Layout; c: Compiled; x: Float64Array; checked: boolean; code: T; compileMs: number } | string {
  const s = setup(f, at, trust);
  if (typeof s === 'string') return s;
  const before = s.c.compileMs[mode];
  const code = codeOf(f, s.c);
  if (typeof code === 'string') {
    // Refused: the interpreters take the call, on a point tested as before.
    if (!s.checked && !finiteTyped(s.x)) layoutOf(f, at);
    return code;
  }
  return { ...s, code, compileMs: before === undefined ? s.c.compileMs[mode] : 0 };
}

export const shaped = (v: number | Float64Array): number | number[] => (typeof v === 'number' ? v : toArray(v));
const outputs = (v: number | Float64Array): number => (typeof v === 'number' ? 1 : v.length);

function pullbacks(f: Fn, at: Point, options: Options, cotangents: (m: number) => Float64Array[] | null, first: (value: number | Float64Array) => Float64Array): { value: number | number[]; rows: (number[] | Float64Array)[]; stats: Stats } | string {
  // A Float64Array point is tested by the forward sweep's reads where they cover it (cover.ts),
  // otherwise by one pass (`verify`), which throws the error layoutOf gives any non-finite point.
  const g = generatedFor(f, at, 'reverse', reverseOf, true);
  if (typeof g === 'string') return g;
  const { layout, c, x, code, compileMs } = g;
  const verify = g.checked ? undefined : () => {
    if (!finiteTyped(x)) layoutOf(f, at);
  };
  let m = 0;
  // A typed answer is a fresh buffer the sweep accumulates into (zeroed by its allocation),
  // scanned once; a plain one is copied out of the buffer kept per shape, scanned in the copy.
  // The caller's `out` is the answer itself (the registry allows it for one row only).
  const into = options.out;
  const typed = typedPoint(at) || into !== undefined;
  const own = typed ? scanned : copyPlain;
  const r0 = compiledPullback(f, layout, c, code, x, options.maxIterations, (v) => {
    m = outputs(v);
    return first(v);
  }, !typed, into, verify);
  // An adjoint sweep that tested its own writes (answerTest in reverse.ts) needs no scan.
  if (r0.finite && typed) FINITE.add(r0.grad);
  const rows = [r0.finite && typed ? r0.grad : own(r0.grad)];
  for (const w of cotangents(m) ?? []) rows.push(own(compiledPullback(f, layout, c, code, x, options.maxIterations, () => w, !typed).grad));
  if (rows.every((r) => FINITE.has(r))) FINITE.add(rows);
  const stats: Stats = { sweeps: rows.length, tapeLength: r0.pushed, tapeBytes: r0.pushed * 8, replayed: false, engine: 'compiled', compileMs };
  return { value: shaped(r0.value), rows, stats };
}

/** A sweep's own fresh buffer, recorded in FINITE when every entry is finite (x − x stays 0 for
 *  finite entries and is NaN otherwise). */
function scanned(g: Float64Array): Float64Array {
  let bad = 0;
  for (let i = 0; i < g.length; i++) bad += g[i] - g[i];
  if (bad === 0) FINITE.add(g);
  return g;
}

/** A plain copy of the buffer kept per shape, recorded in FINITE as `scanned` (one pass for both). */
function copyPlain(g: Float64Array): number[] {
  const out = new Array<number>(g.length);
  let bad = 0;
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    out[i] = v;
    bad += v - v;
  }
  if (bad === 0) FINITE.add(out);
  return out;
}

const unitRow = (m: number, i: number) => {
  const w = new Float64Array(m);
  w[i] = 1;
  return w;
};

export const compiledReverse: CompiledVerbs = {
  gradient: (f, at, _, options) => {
    const r = pullbacks(f, at, options, () => null, (v) => {
      requireScalar(shaped(v), 'a gradient');
      return unitRow(1, 0);
    });
    return typeof r === 'string' ? r : ({ value: r.value, result: r.rows[0], stats: r.stats } as Answer<never>);
  },
  vjp: (f, at, w: readonly number[], options) => {
    const r = pullbacks(f, at, options, () => null, (v) => {
      requireLength(w, outputs(v), 'the cotangent');
      return Float64Array.from(w);
    });
    return typeof r === 'string' ? r : ({ value: r.value, result: r.rows[0], stats: r.stats } as Answer<never>);
  },
  jacobian: (f, at, _, options) => {
    const r = pullbacks(f, at, options, (m) => Array.from({ length: m - 1 }, (_, i) => unitRow(m, i + 1)), (v) => unitRow(outputs(v), 0));
    return typeof r === 'string' ? r : ({ value: r.value, result: r.rows, stats: r.stats } as Answer<never>);
  },
};

/** f at a flat point for finite differences: the compiled primal where it applies. */
export function valueOf(fn: Fn, layout: Layout, x: Float64Array, options: Options = {}): number[] {
  if (refusal(fn, options.engine) === undefined) {
    const c = compiledFor(fn, layout);
    if (typeof c !== 'string') {
      const v = compiledValue(fn, layout, c, x, options.maxIterations);
      return typeof v === 'number' ? [v] : Array.from(v);
    }
  }
  return valueAt(fn, layout, x, options);
}

/** The point's layout, flat vector and f there, by the compiled primal where it applies (no tape). */
export function pointOf(fn: Fn, at: Point, options: Options = {}): { layout: Layout; x: Float64Array; value: number | number[] } {
  if (refusal(fn, options.engine) === undefined) {
    const layout = layoutOf(fn, at);
    const c = compiledFor(fn, layout);
    if (typeof c !== 'string') {
      const x = flatten(layout, at);
      return { layout, x, value: shaped(compiledValue(fn, layout, c, x, options.maxIterations)) };
    }
  }
  return trace(fn, at, options);
}

/** Forward mode's default chunk: tangents carried per sweep. */
const CHUNK = 16;

/** J·V for blocks of tangent columns. `seed(c0, width)` gives the block's seeds: the flat slots
 *  lo … hi − 1 they touch and their (hi − lo)·width values (every other slot's seed is zero). */
function pushforwards(f: Fn, at: Point, options: Options, columns: (n: number) => number, seed: (c0: number, width: number, n: number) => { T: Float64Array; lo: number; hi: number }, chunk: number) {
  const g = generatedFor(f, at, 'forward', forwardOf);
  if (typeof g === 'string') return g;
  const { layout, c, x, code, compileMs } = g;
  const n = layout.n;
  const total = columns(n);
  const budget = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  let value: number | Float64Array = 0;
  let J: number[][] = [];
  let sweeps = 0;
  for (let c0 = 0; c0 < total || sweeps === 0; c0 += chunk) {
    const width = Math.max(1, Math.min(chunk, total - c0));
    const { T, lo, hi } = seed(c0, width, n);
    const r = orInterpreter(f, layout, x, options.maxIterations, () => code(x, c.off, c.len, budget, width, T, lo, hi));
    sweeps++;
    value = r.value;
    const m = outputs(r.value);
    if (J.length === 0) J = Array.from({ length: m }, () => new Array<number>(total).fill(0));
    for (let i = 0; i < m; i++) for (let k = 0; k < width && c0 + k < total; k++) J[i][c0 + k] = r.tangents[i * width + k];
  }
  const stats: Stats = { sweeps, replayed: false, engine: 'compiled', compileMs };
  return { value: shaped(value), J, stats };
}

/** Unit seeds for columns c0 … c0 + width − 1 of the identity: slot c0 + k in lane k. */
function unitSeeds(c0: number, width: number, n: number): { T: Float64Array; lo: number; hi: number } {
  const hi = Math.min(n, c0 + width);
  const T = new Float64Array((hi - c0) * width);
  for (let k = 0; c0 + k < hi; k++) T[k * width + k] = 1;
  return { T, lo: c0, hi };
}

export const compiledForward: CompiledVerbs = {
  jacobian: (f, at, _, options) => {
    const chunk = Math.max(1, options.chunk ?? CHUNK);
    const r = pushforwards(f, at, options, (n) => n, unitSeeds, chunk);
    return typeof r === 'string' ? r : ({ value: r.value, result: r.J, stats: r.stats } as Answer<never>);
  },
  gradient: (f, at, _, options) => {
    const r = compiledForward.jacobian!(f, at, undefined as never, options);
    if (typeof r === 'string') return r;
    const a = r as Answer<number[][]>;
    requireScalar(a.value, 'a gradient');
    return { value: a.value, result: a.result[0], stats: a.stats } as Answer<never>;
  },
  jvp: (f, at, v: readonly number[], options) => {
    const s = setup(f, at);
    if (typeof s === 'string') return s;
    requireLength(v, s.layout.n, 'the tangent');
    const n = s.layout.n;
    const r = pushforwards(f, at, options, () => 1, () => ({ T: Float64Array.from(v), lo: 0, hi: n }), 1);
    return typeof r === 'string' ? r : ({ value: r.value, result: r.J.map((row) => row[0]), stats: r.stats } as Answer<never>);
  },
};

// The compiled engine against hand-written JavaScript (and the interpreted engine), timed in one
// run so that the ratios hold on a shared machine:
// `node --import tsx bench/compiled.ts [--quick] [--rosenbrock=1e4,1e5]`.
import { compile, differentiators, evaluate, gradient, type Fn, type Point } from '../src/index';
import { flatten, layoutOf } from '../src/diff/fn';
import { compiledFor, compiledPullback, compiledValue, forwardOf, reverseOf, type Compiled } from '../src/compile/engine';
import { ROSENBROCK, rosenbrockPoint } from './workloads';
import { race } from './race';
import { llsq, llsqGradient, llsqSource, LSE, lse, lseGradient, rosenbrock, rosenbrockGradient } from './handwritten';

const quick = process.argv.includes('--quick');
const TIMING = { warmupMs: quick ? 200 : 600, batchMs: quick ? 10 : 25, rounds: quick ? 3 : 7 };

interface Workload {
  readonly name: string;
  readonly source: string;
  readonly at: Point;
  readonly f: (x: Float64Array) => number;
  readonly grad: (x: Float64Array, g: Float64Array) => number;
  /** Forward mode: the whole gradient, or one chunk of 16 tangents (when n/16 sweeps take too long). */
  readonly forward: 'gradient' | 'chunk' | 'none';
  readonly interpreted: boolean;
}

const random = (n: number) => ({ x: Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5) });
const ONE = new Float64Array([1]);
const rows: { workload: string; what: string; seconds: number; ratio: string; target: string }[] = [];

function core(fn: Fn, at: Point): { c: Compiled; x: Float64Array; layout: ReturnType<typeof layoutOf> } {
  const layout = layoutOf(fn, at);
  return { c: compiledFor(fn, layout) as Compiled, x: flatten(layout, at), layout };
}

/** The point with its vectors as Float64Arrays, as a user holding typed arrays passes it. */
const typedOf = (at: Point): Point => Object.fromEntries(Object.entries(at).map(([k, v]) => [k, typeof v === 'number' ? v : Float64Array.from(v)]));

function run(w: Workload): void {
  const typed = typedOf(w.at);
  // Compile time and the first call (the public verb on the typed point), on a fresh Fn.
  const fresh = compile(w.source);
  const t0 = performance.now();
  gradient(fresh, typed);
  const first = (performance.now() - t0) / 1000;
  const { c: c0 } = core(fresh, w.at);
  const fn = compile(w.source);
  const { c, x, layout } = core(fn, w.at);
  const n = layout.n;
  const g = new Float64Array(n);
  // The caller's own buffer for `out` (ForwardDiff's gradient!).
  const out = new Float64Array(n);
  const rev = reverseOf(fn, c);
  const fwd = forwardOf(fn, c);
  if (typeof rev === 'string' || typeof fwd === 'string') throw new Error('not compiled');
  // One chunk's seeds: slots 0 … 15 in lanes 0 … 15 (forward code takes the seeded slots only).
  const T = new Float64Array(16 * 16);
  for (let k = 0; k < 16; k++) T[k * 16 + k] = 1;
  if (w.interpreted) differentiators.reverse.gradient(fn, w.at, { engine: 'interpreted' });
  const t = race({
    hf: () => w.f(x),
    hg: () => w.grad(x, g),
    primal: () => compiledValue(fn, layout, c, x),
    evaluate: () => evaluate(fn, w.at as never),
    evaluateTyped: () => evaluate(fn, typed as never),
    // The generated code alone: the gradient buffer kept per shape, as gradient() keeps it.
    revCore: () => compiledPullback(fn, layout, c, rev, x, undefined, () => ONE, true),
    // The public verb as a user calls it: a Float64Array in and out, and plain arrays.
    revApi: () => gradient(fn, typed),
    revApiOut: () => gradient(fn, typed, { out }),
    revApiPlain: () => gradient(fn, w.at),
    chunk: () => fwd(x, c.off, c.len, 1e6, 16, T, 0, 16),
    ...(w.interpreted ? { interpreted: () => differentiators.reverse.gradient(fn, w.at, { engine: 'interpreted' }) } : {}),
  }, TIMING);
  const later = t.revApi;
  const compileMs = (c0.compileMs.reverse ?? 0) / 1000;
  const add = (what: string, seconds: number, base: number, baseName: string, target: string) =>
    rows.push({ workload: w.name, what, seconds, ratio: `${(seconds / base).toFixed(2)}× ${baseName}`, target });
  add('hand-written f', t.hf, t.hf, 'hand f', '');
  add('hand-written gradient', t.hg, t.hg, 'hand ∇', '');
  add('compiled primal (generated code)', t.primal, t.hf, 'hand f', '≤ 1.5×');
  add('compiled primal (evaluate(), Float64Array in)', t.evaluateTyped, t.hf, 'hand f', '≤ 1.5×');
  add('compiled primal (evaluate(), number[] in)', t.evaluate, t.hf, 'hand f', '≤ 1.5×');
  add('compiled reverse gradient (generated code)', t.revCore, t.hg, 'hand ∇', '≤ 3×');
  add('reverse gradient (gradient(), Float64Array in/out)', t.revApi, t.hg, 'hand ∇', '≤ 3×');
  add('reverse gradient (gradient(), Float64Array, out)', t.revApiOut, t.hg, 'hand ∇', '≤ 3×');
  add('reverse gradient (gradient(), number[] in/out)', t.revApiPlain, t.hg, 'hand ∇', '≤ 3×');
  add('compiled forward, one chunk of 16 tangents', t.chunk, t.primal, 'compiled primal', '≤ 4×');
  if (w.forward === 'gradient') {
    // The fastest of three calls (the first warms the verb's own code up).
    let full = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      differentiators.forward.gradient(fn, w.at);
      full = Math.min(full, (performance.now() - t0) / 1000);
    }
    add(`compiled forward gradient (${Math.ceil(n / 16)} sweeps, best of 3)`, full, t.primal * (n / 16), '(n/16)·primal', '≤ 4×');
  }
  if (w.interpreted) add('interpreted reverse gradient (before)', t.interpreted, t.hg, 'hand ∇', '');
  add('compile (reverse code, once per shape)', compileMs, 1, 's', '≤ 50 ms');
  add('first gradient call (fresh Fn)', first, later + compileMs, 'later call + compile', '≤ 2×');
  print();
}

function print(): void {
  console.log('workload             | measured                                        | seconds   | ratio                          | target');
  for (const r of rows.splice(0)) console.log(`${r.workload.padEnd(21)}| ${r.what.padEnd(48)}| ${r.seconds.toExponential(2).padEnd(10)}| ${r.ratio.padEnd(31)}| ${r.target}`);
}

// `--rosenbrock=1e4,1e5` picks Rosenbrock's sizes (default: 10⁴ with --quick, both without).
const sizesArg = process.argv.find((a) => a.startsWith('--rosenbrock='));
const sizes = sizesArg ? sizesArg.slice('--rosenbrock='.length).split(',').map(Number) : quick ? [1e4] : [1e4, 1e5];
for (const n of sizes) {
  run({ name: `rosenbrock n=${n}`, source: ROSENBROCK, at: rosenbrockPoint(n), f: rosenbrock, grad: rosenbrockGradient, forward: n <= 1e4 && !quick ? 'gradient' : 'chunk', interpreted: true });
}
run({ name: 'llsq n=1024 m=128', source: llsqSource(1024), at: random(128), f: (x) => llsq(x, 1024), grad: (x, g) => llsqGradient(x, 1024, g), forward: quick ? 'chunk' : 'gradient', interpreted: !quick });
// The interpreted lse is left out: its tape takes max's rule as written, n² steps for n = 40,000.
run({ name: 'lse n=40000', source: LSE, at: random(40000), f: lse, grad: lseGradient, forward: 'chunk', interpreted: false });

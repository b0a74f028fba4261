// The compiled engine against hand-written JavaScript (and the interpreted engine), timed in one
// run so that the ratios hold on a shared machine: `node --import tsx bench/compiled.ts [--quick]`.
import { compile, differentiators, type Fn, type Point } from '../src/index';
import { flatten, layoutOf } from '../src/diff/fn';
import { timePerCall } from '../src/diff/compare';
import { compiledFor, compiledPullback, compiledValue, forwardOf, reverseOf, type Compiled } from '../src/compile/engine';
import { ROSENBROCK, rosenbrockPoint } from './workloads';
import { llsq, llsqGradient, llsqSource, LSE, lse, lseGradient, rosenbrock, rosenbrockGradient } from './handwritten';

const quick = process.argv.includes('--quick');
const BUDGET = quick ? 0.05 : 0.25;
/** Seconds per call once the JIT has tiered up: a warm-up, then the best of three medians (the
 *  machine is shared; the least disturbed sample is the closest to the code's own cost). */
function time(f: () => unknown, budget = BUDGET): number {
  const until = performance.now() + 1000 * Math.max(0.1, budget);
  let calls = 0;
  while (performance.now() < until || calls < 3) f(), calls++;
  return Math.min(...[0, 1, 2].map(() => timePerCall(f, budget / 3)));
}

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
const rows: { workload: string; what: string; seconds: number; ratio: string; target: string }[] = [];

function core(fn: Fn, at: Point): { c: Compiled; x: Float64Array; layout: ReturnType<typeof layoutOf> } {
  const layout = layoutOf(fn, at);
  return { c: compiledFor(fn, layout) as Compiled, x: flatten(layout, at), layout };
}

function run(w: Workload): void {
  // Compile time and the first call, on a fresh Fn.
  const fresh = compile(w.source);
  const t0 = performance.now();
  differentiators.reverse.gradient(fresh, w.at);
  const first = (performance.now() - t0) / 1000;
  const { c: c0 } = core(fresh, w.at);
  const fn = compile(w.source);
  const { c, x, layout } = core(fn, w.at);
  const n = layout.n;
  const g = new Float64Array(n);
  const hf = time(() => w.f(x));
  const hg = time(() => w.grad(x, g));
  const primal = time(() => compiledValue(fn, layout, c, x));
  const rev = reverseOf(fn, c);
  if (typeof rev === 'string') throw new Error(rev);
  const revCore = time(() => compiledPullback(fn, layout, c, rev, x, undefined, () => new Float64Array([1])));
  const revApi = time(() => differentiators.reverse.gradient(fn, w.at));
  const later = revApi;
  const compileMs = (c0.compileMs.reverse ?? 0) / 1000;
  const add = (what: string, seconds: number, base: number, baseName: string, target: string) =>
    rows.push({ workload: w.name, what, seconds, ratio: `${(seconds / base).toFixed(2)}× ${baseName}`, target });
  add('hand-written f', hf, hf, 'hand f', '');
  add('hand-written gradient', hg, hg, 'hand ∇', '');
  add('compiled primal', primal, hf, 'hand f', '≤ 1.5×');
  add('compiled reverse gradient (generated code)', revCore, hg, 'hand ∇', '≤ 3×');
  add('compiled reverse gradient (public gradient())', revApi, hg, 'hand ∇', '≤ 3×');
  if (w.forward !== 'none') {
    const fwd = forwardOf(fn, c);
    if (typeof fwd === 'string') throw new Error(fwd);
    const T = new Float64Array(n * 16);
    for (let k = 0; k < 16; k++) T[k * 16 + k] = 1;
    const chunk = time(() => fwd(x, c.off, c.len, 1e6, 16, T));
    add('compiled forward, one chunk of 16 tangents', chunk, primal, 'compiled primal', '≤ 4×');
    if (w.forward === 'gradient') {
      const full = time(() => differentiators.forward.gradient(fn, w.at));
      add(`compiled forward gradient (${Math.ceil(n / 16)} sweeps)`, full, primal * (n / 16), '(n/16)·primal', '≤ 4×');
    }
  }
  if (w.interpreted) {
    differentiators.reverse.gradient(fn, w.at, { engine: 'interpreted' });
    add('interpreted reverse gradient (before)', time(() => differentiators.reverse.gradient(fn, w.at, { engine: 'interpreted' })), hg, 'hand ∇', '');
  }
  add('compile (reverse code, once per shape)', compileMs, 1, 's', '≤ 50 ms');
  add('first gradient call (fresh Fn)', first, later + compileMs, 'later call + compile', '≤ 2×');
}

const sizes = quick ? [1e4] : [1e4, 1e5];
for (const n of sizes) {
  run({ name: `rosenbrock n=${n}`, source: ROSENBROCK, at: rosenbrockPoint(n), f: rosenbrock, grad: rosenbrockGradient, forward: n <= 1e4 ? 'gradient' : 'chunk', interpreted: true });
}
run({ name: 'llsq n=1024 m=128', source: llsqSource(1024), at: random(128), f: (x) => llsq(x, 1024), grad: (x, g) => llsqGradient(x, 1024, g), forward: 'gradient', interpreted: !quick });
run({ name: 'lse n=40000', source: LSE, at: random(40000), f: lse, grad: lseGradient, forward: 'chunk', interpreted: !quick });

console.log('workload             | measured                                        | seconds   | ratio                          | target');
for (const r of rows) console.log(`${r.workload.padEnd(21)}| ${r.what.padEnd(48)}| ${r.seconds.toExponential(2).padEnd(10)}| ${r.ratio.padEnd(31)}| ${r.target}`);

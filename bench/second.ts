// Second order and symbolic on the compiled engine against the interpreted one, timed in one run so
// the ratios hold on a shared machine: `node --import tsx bench/second.ts [--quick]`.
import { compile, differentiators, type Point } from '../src/index';
import { layoutOf } from '../src/diff/fn';
import { ROSENBROCK, rosenbrockPoint } from './workloads';
import { race } from './race';
import { LSE } from './handwritten';

const quick = process.argv.includes('--quick');
const TIMING = { warmupMs: quick ? 150 : 500, batchMs: quick ? 20 : 50, rounds: quick ? 3 : 5 };


const rows: { workload: string; what: string; compiled: number; interpreted: number }[] = [];
const fmt = (s: number) => (s < 1e-3 ? `${(s * 1e6).toFixed(1)} µs` : s < 1 ? `${(s * 1e3).toFixed(2)} ms` : `${s.toFixed(2)} s`);

/** One verb on both engines (fresh Fn per engine, so neither shares the other's caches). */
function pair(workload: string, what: string, source: string, run: (fn: ReturnType<typeof compile>, engine: 'compiled' | 'interpreted') => unknown): void {
  const a = compile(source);
  const b = compile(source);
  // The first call derives (symbolic) and generates code: outside the race, so the warm-up is V8's.
  run(a, 'compiled');
  run(b, 'interpreted');
  const t = race({ compiled: () => run(a, 'compiled'), interpreted: () => run(b, 'interpreted') }, TIMING);
  rows.push({ workload, what, compiled: t.compiled, interpreted: t.interpreted });
}

const direction = (n: number) => Array.from({ length: n }, (_, i) => Math.cos(i));
const R = differentiators.reverse;
const S = differentiators.symbolic;

for (const n of [100, 1000]) {
  const at = rosenbrockPoint(n);
  const v = direction(n);
  const name = `Rosenbrock n = ${n}`;
  pair(name, 'reverse gradient (for scale)', ROSENBROCK, (fn, engine) => R.gradient(fn, at, { engine }));
  pair(name, 'reverse hvp', ROSENBROCK, (fn, engine) => R.hvp(fn, at, v, { engine }));
  pair(name, 'reverse hessian', ROSENBROCK, (fn, engine) => R.hessian(fn, at, { engine }));
}

const lseAt = { x: Array.from({ length: 10_000 }, (_, i) => Math.sin(i * 12.9898) * 3) };
const lseV = direction(10_000);
pair('lse n = 10⁴', 'reverse hvp', LSE, (fn, engine) => R.hvp(fn, lseAt, lseV, { engine }));

const LOOP = 'n = 0\nwhile x > 1 {\n  x = sqrt(x) - y / 10\n  if x > 3 { n = n + x y } else { n = n - y^2 }\n}\nx^3 + n y';
const loopAt: Point = { x: 1e6, y: 0.7 };
pair('loop program (while, if)', 'reverse hvp', LOOP, (fn, engine) => R.hvp(fn, loopAt, [1, 0.5], { engine }));
pair('loop program (while, if)', 'reverse hessian', LOOP, (fn, engine) => R.hessian(fn, loopAt, { engine }));

for (const n of [10, 100]) {
  const at = rosenbrockPoint(n);
  pair(`Rosenbrock n = ${n}`, 'symbolic gradient', ROSENBROCK, (fn, engine) => S.gradient(fn, at, { engine }));
}
const SMALL = 'y = sin(x) exp(x y)\nif x > y { z = y^2 log(x) } else { z = x / y }\nz + y';
pair('small program (if)', 'symbolic gradient', SMALL, (fn, engine) => S.gradient(fn, { x: 1.3, y: 0.4 }, { engine }));

console.log('| workload | what | compiled | interpreted | interpreted / compiled |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.workload} | ${r.what} | ${fmt(r.compiled)} | ${fmt(r.interpreted)} | ${(r.interpreted / r.compiled).toFixed(1)}× |`);
const check = compile(ROSENBROCK);
const at = rosenbrockPoint(1000);
console.log(`\nRosenbrock n = 1000 hessian: ${R.hessian(check, at).stats.sweeps} sweeps of 16 lanes; compile ${compile(ROSENBROCK) && R.hessian(compile(ROSENBROCK), at).stats.compileMs?.toFixed(1)} ms (layout n = ${layoutOf(check, at).n})`);

// Gradient cost against n on extended Rosenbrock: every registered method, and plain evaluation,
// timed in one run so that the ratios hold on a shared, noisy machine.
import b from 'benny';
import { compile, differentiators, layoutOf, type Fn } from '../src/index';
import type { Method } from '../src/diff/types';
import { flatten } from '../src/diff/fn';
import { valueAt } from '../src/diff/trace';
import { evaluate } from '../src/evaluate';
import { ROSENBROCK, rosenbrockPoint } from './workloads';

/** A method is left out above its registered input limit (a gradient there takes minutes). */
const runs = (d: Method, n: number): boolean => n <= d.facts.inputLimit;

export interface Row {
  n: number;
  method: string;
  secondsPerCall: number;
}

export async function gradientSuite(sizes: readonly number[], rows: Row[]): Promise<void> {
  for (const n of sizes) {
    const fn: Fn = compile(ROSENBROCK);
    const at = rosenbrockPoint(n);
    const layout = layoutOf(fn, at);
    const x = flatten(layout, at);
    for (const d of Object.values(differentiators)) if (runs(d, n)) d.gradient(fn, at); // trace, derive, compile once
    const cases = [
      b.add('evaluate (graph replay)', () => valueAt(fn, layout, x)),
      b.add('evaluate (interpreter)', () => evaluate(fn.program!, at)),
      ...Object.values(differentiators)
        .filter((d) => runs(d, n))
        .map((d) => b.add(`${d.name} gradient`, () => d.gradient(fn, at))),
    ];
    const summary = await b.suite(
      `rosenbrock n=${n}`,
      ...cases,
      b.configure({ cases: { minTime: 0.5, maxTime: 2 } }),
      b.cycle(),
      b.complete(),
      b.save({ file: `gradient-n${n}`, folder: 'bench/results', format: 'json' }),
    );
    for (const r of summary.results) if (r.ops > 0) rows.push({ n, method: r.name, secondsPerCall: 1 / r.ops });
  }
}

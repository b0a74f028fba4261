// cost: time per gradient of extended Rosenbrock against n for every method and for a gradient
// written by hand, beside the fastest evaluation of f, with the operation counts that explain it.
import { compile, flatten, layoutOf } from '../../diff/fn';
import { differentiators, METHODS } from '../../diff/registry';
import { trace, valueAt } from '../../diff/trace';
import type { MethodName } from '../../diff/types';
import { breathe, secondsAfterFirst, steadySeconds, timed, type Progress } from '../measure';
import type { CostRow } from '../types';
import { ROSENBROCK, rosenbrockGradient, rosenbrockPoint } from '../workloads';

export interface CostOptions {
  readonly sizes: readonly number[];
  /** Seconds spent timing each method at each n. */
  readonly budget: number;
  /** A method is left out at an n where one gradient is predicted to take longer than this (s). */
  readonly limit: number;
  /** The same for symbolic's one-off derivation, which then serves every gradient. */
  readonly deriveLimit: number;
  readonly onProgress?: Progress;
}

export const COST_WORKLOAD = 'extended Rosenbrock';

/** How the first gradient's time grows with n: the method's own fact (finite differences make
 *  2n + 1 evaluations of an O(n) function, forward mode ⌈n/16⌉ sweeps of an O(n) graph). */
const growthOf = (method: MethodName): number => differentiators[method].facts.costGrowth;

export async function costStudy(options: CostOptions): Promise<CostRow[]> {
  const rows: CostRow[] = [];
  const last = new Map<MethodName, { n: number; seconds: number }>();
  for (const [i, n] of options.sizes.entries()) {
    const fn = compile(ROSENBROCK);
    const at = rosenbrockPoint(n);
    const layout = layoutOf(fn, at);
    const x = flatten(layout, at);
    trace(fn, at); // record the graph once: every method after this replays it
    const secondsPerEvaluation = steadySeconds(() => valueAt(fn, layout, x), options.budget);
    const base = { workload: COST_WORKLOAD, n, secondsPerEvaluation };
    for (const method of METHODS) {
      const prev = last.get(method);
      const predicted = prev ? prev.seconds * Math.pow(n / prev.n, growthOf(method)) : 0;
      const limit = method === 'symbolic' ? options.deriveLimit : options.limit;
      if (predicted > limit) {
        const growth = growthOf(method) === 2 ? 'n²' : 'n';
        const what = method === 'symbolic' ? 'the derivation' : 'one gradient';
        rows.push({ ...base, method, secondsPerGradient: null, note: `not run: ${what} would take about ${Math.round(predicted)} s (grows as ${growth}; limit ${limit} s)` });
        continue;
      }
      const d = differentiators[method];
      const first = timed(() => d.gradient(fn, at));
      const seconds = secondsAfterFirst(() => d.gradient(fn, at), first.seconds, options.budget);
      last.set(method, { n, seconds: first.seconds });
      const s = first.value.stats;
      rows.push({
        ...base,
        method,
        secondsPerGradient: seconds,
        ...(s.evaluations !== undefined ? { evaluations: s.evaluations } : {}),
        ...(s.sweeps !== undefined ? { sweeps: s.sweeps } : {}),
        ...(s.tapeLength !== undefined ? { tapeLength: s.tapeLength, tapeBytes: s.tapeBytes } : {}),
        ...(method === 'symbolic' ? { treeNodes: s.treeNodes, dagNodes: s.dagNodes, deriveSeconds: first.seconds } : {}),
        ...(method === 'symbolic' && s.simplified === false ? { note: 'derivative compiled unsimplified (too large for the simplifier)' } : {}),
      });
      await breathe();
    }
    const grad = new Float64Array(n);
    rows.push({ ...base, method: 'manual', secondsPerGradient: steadySeconds(() => rosenbrockGradient(x, grad), options.budget), note: 'the gradient derived by hand, in TypeScript' });
    options.onProgress?.(i + 1, options.sizes.length);
    await breathe();
  }
  return rows;
}

// stability: the error of each finite-difference scheme against its step h, where truncation
// (large h) meets round-off (small h), beside the exact methods, which have no step.
import { defaultStep } from '../../diff/finite';
import { compile } from '../../diff/fn';
import { reference } from '../../diff/reference';
import { differentiators, EXACT_METHODS } from '../../diff/registry';
import type { Scheme } from '../../diff/types';
import { attempt, breathe, relError, type Progress } from '../measure';
import type { StabilityRow } from '../types';
import { SEED_LOOP } from '../workloads';

export interface StabilityCase {
  readonly function: string;
  readonly at: number;
}

export const STABILITY_CASES: readonly StabilityCase[] = [
  { function: 'exp(x)', at: 1 },
  { function: 'sin(x)', at: 1 },
  { function: 'x^x', at: 1.5 },
  { function: '1 / (1 + x^2)', at: 0.5 },
  // Far from 1, where the step is scaled to |x|: log's derivative 1/x is small beside x itself.
  { function: 'log(x)', at: 40 },
  // Quadratic on its band (5, 10] ∪ (10, 20]: truncation vanishes, so round-off alone shapes the curve.
  { function: SEED_LOOP, at: 12 },
];

export const STABILITY_SCHEMES: readonly Scheme[] = ['forward', 'backward', 'central', 'five-point', 'richardson', 'complex-step'];

/** Error order p of each stencil: the step balancing truncation (∝ hᵖ) against round-off (∝ ε/h)
 *  is about ε^(1/(p+1)), scaled to the point as max(|x|, 1). Richardson extrapolates from its
 *  initial step and the complex step has no round-off to balance, so neither has one. */
const ORDER: Partial<Record<Scheme, number>> = { forward: 1, backward: 1, central: 2, 'five-point': 4 };

export function optimalStep(scheme: Scheme, x: number): number | undefined {
  const p = ORDER[scheme];
  return p === undefined ? undefined : Math.pow(Number.EPSILON, 1 / (p + 1)) * Math.max(Math.abs(x), 1);
}

/** The step the scheme takes when none is given (made representable as finite.ts does). */
export function automaticStep(scheme: Scheme, x: number): number {
  const h = defaultStep(scheme, x);
  return scheme === 'complex-step' ? h : x + h - x;
}

/** 10⁻¹ … 10⁻¹⁶ at `perDecade` steps a decade. */
export function stepGrid(perDecade: number): number[] {
  return Array.from({ length: 15 * perDecade + 1 }, (_, i) => Math.pow(10, -1 - i / perDecade));
}


export interface StabilityOptions {
  /** Steps per decade from 10⁻¹ to 10⁻¹⁶ (2: half-decades). */
  readonly perDecade: number;
  readonly cases?: readonly StabilityCase[];
  readonly onProgress?: Progress;
}

export async function stabilityStudy(options: StabilityOptions): Promise<StabilityRow[]> {
  const cases = options.cases ?? STABILITY_CASES;
  const steps = stepGrid(options.perDecade);
  const rows: StabilityRow[] = [];
  for (const [i, c] of cases.entries()) {
    const fn = compile(c.function);
    const at = { x: c.at };
    const want = reference(fn, at).jacobian[0];
    const errorOf = (got: readonly number[]) => relError(got, want);
    for (const scheme of STABILITY_SCHEMES) {
      const base = { function: c.function, at: c.at, method: `finite:${scheme}` };
      const chosen = { optimalStep: optimalStep(scheme, c.at), automaticStep: automaticStep(scheme, c.at) };
      const automatic = attempt(() => differentiators.finite.gradient(fn, at, { scheme }).result);
      const automaticRelError = automatic.ok ? { automaticRelError: errorOf(automatic.value) } : {};
      for (const h of steps) {
        const r = attempt(() => differentiators.finite.gradient(fn, at, { scheme, step: h }).result);
        // A stencil whose points leave the domain has no error to plot; the curve has a gap there.
        if (r.ok) rows.push({ ...base, h, relError: errorOf(r.value), ...chosen, ...automaticRelError });
      }
    }
    for (const method of EXACT_METHODS) {
      const r = attempt(() => differentiators[method].gradient(fn, at).result);
      // Symbolic refuses the loop: it has no line on this chart (the accuracy study says why).
      if (r.ok) rows.push({ function: c.function, at: c.at, method, h: null, relError: errorOf(r.value) });
    }
    options.onProgress?.(i + 1, cases.length);
    await breathe();
  }
  return rows;
}

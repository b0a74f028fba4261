// accuracy: every method and finite-difference scheme on the workload suite, at many sampled
// points, as correct digits against the 50-digit reference.
import { compile, type Fn, type Point } from '../../diff/fn';
import { reference } from '../../diff/reference';
import { differentiator } from '../../diff/registry';
import { Rng } from '../../nn/rng';
import { ALL_METHODS, attempt, breathe, digitsOf, median, mixedError, type Progress } from '../measure';
import type { AccuracyRow } from '../types';
import { ACCURACY_SUITE, type Workload } from '../workloads';

export interface AccuracyOptions {
  /** Points sampled per workload. */
  readonly points: number;
  readonly workloads?: readonly Workload[];
  readonly seed?: number;
  readonly onProgress?: Progress;
}

/** Draws beyond `points` allowed for points where even the reference has no value. */
const REDRAWS = 10;

/** A workload's own random stream: its points do not change when the suite around it does. */
function streamOf(w: Workload, seed: number): Rng {
  let h = 2166136261;
  for (const c of w.source) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return new Rng(seed * 2 ** 32 + (h >>> 0));
}

export interface ReferencePoint {
  readonly at: Point;
  /** The reference Jacobian, flattened (the gradient for a scalar f). */
  readonly want: number[];
}

/** Sampled points of the workload (the same for every study and seed) with their references. */
export function referencePoints(fn: Fn, w: Workload, count: number, seed: number): ReferencePoint[] {
  const rng = streamOf(w, seed);
  const out: ReferencePoint[] = [];
  for (let draws = 0; out.length < count && draws < count + REDRAWS; draws++) {
    const at = w.sample(rng);
    const ref = attempt(() => reference(fn, at));
    if (ref.ok && ref.value.jacobian.flat().every(Number.isFinite)) out.push({ at, want: ref.value.jacobian.flat() });
  }
  return out;
}

function rowsFor(fn: Fn, w: Workload, points: readonly ReferencePoint[]): AccuracyRow[] {
  return ALL_METHODS.map((m) => {
    const d = differentiator(m.method);
    const digits: number[] = [];
    const errors: string[] = [];
    for (const p of points) {
      const r = attempt(() => d.jacobian(fn, p.at, m.options).result.flatMap((row) => [...row]));
      if (r.ok) digits.push(digitsOf(mixedError(r.value, p.want)));
      else errors.push(r.error);
    }
    const base = { workload: w.name, kind: w.kind, method: m.label, points: points.length };
    if (digits.length === 0) return { ...base, medianDigits: null, worstDigits: null, error: errors[0] ?? 'no point inside the domain was found' };
    const partial = errors.length ? { error: `failed at ${errors.length} of ${points.length} points: ${errors[0]}` } : {};
    return { ...base, medianDigits: median(digits), worstDigits: Math.min(...digits), ...partial };
  });
}

export async function accuracyStudy(options: AccuracyOptions): Promise<AccuracyRow[]> {
  const suite = options.workloads ?? ACCURACY_SUITE;
  const rows: AccuracyRow[] = [];
  for (const [i, w] of suite.entries()) {
    // One compiled function per workload, so traces and symbolic derivatives are made once.
    const fn = compile(w.source);
    rows.push(...rowsFor(fn, w, referencePoints(fn, w, options.points, options.seed ?? 1)));
    options.onProgress?.(i + 1, suite.length);
    await breathe();
  }
  return rows;
}

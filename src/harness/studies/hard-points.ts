// hard points: what every method returns where derivatives are treacherous (kinks, branch
// boundaries, cancellation, overflow, domain edges), against the reference where it exists.
import { compile } from '../../diff/fn';
import { reference } from '../../diff/reference';
import { differentiator, differentiators } from '../../diff/registry';
import type { MethodName } from '../../diff/types';
import { ALL_METHODS, attempt, breathe, median, relError, type Progress } from '../measure';
import type { HardPointRow } from '../types';
import { SEED_LOOP } from '../workloads';

export interface HardCase {
  readonly case: string;
  readonly category: 'kink' | 'branch' | 'cancellation' | 'overflow' | 'domain';
  readonly source: string;
  readonly at: number;
}

export const HARD_CASES: readonly HardCase[] = [
  { case: 'abs at its kink', category: 'kink', source: 'abs(x)', at: 0 },
  { case: 'relu at its kink', category: 'kink', source: 'relu(x)', at: 0 },
  { case: 'max at a tie', category: 'kink', source: 'max(x, 0)', at: 0 },
  // |x| = 10 halves once to exactly 5, which stops the loop: f jumps from (x/2)² to (x/4)² here.
  { case: 'seed loop at x = 10 (band edge)', category: 'branch', source: SEED_LOOP, at: 10 },
  { case: 'seed loop at x = 20 (band edge)', category: 'branch', source: SEED_LOOP, at: 20 },
  { case: 'if joining two pieces smoothly', category: 'branch', source: 'if x > 1 { y = x^2 } else { y = 2x - 1 }; y', at: 1 },
  { case: '(1 - cos x) / x² near 0', category: 'cancellation', source: '(1 - cos(x)) / x^2', at: 1e-5 },
  { case: 'log(1 + x) near 0', category: 'cancellation', source: 'log(1 + x)', at: 1e-10 },
  { case: 'exp overflows', category: 'overflow', source: 'exp(x)', at: 800 },
  { case: 'log of an overflowed exp', category: 'overflow', source: 'log(exp(x))', at: 800 },
  { case: 'sqrt at 0', category: 'domain', source: 'sqrt(x)', at: 0 },
  { case: 'log near 0', category: 'domain', source: 'log(x)', at: 1e-300 },
];

/** Agreement with the reference expected of each method before a result is flagged: exact
 *  methods carry rounding only; a stencil also truncation (one-sided ones about 1e-8). */
const HARD_POINT_FLOOR = 1e-8;
/** Each method's own tolerance, never tighter than the floor: at these points the exact methods'
 *  rounding is amplified by the conditioning of f, which `compare`'s 1e-12 does not allow for. */
const toleranceOf = (method: MethodName): number => Math.max(differentiators[method].facts.tolerance, HARD_POINT_FLOOR);

interface Result {
  readonly method: string;
  readonly tolerance: number;
  readonly value: number | null;
  readonly functionValue?: number;
  readonly error?: string;
  readonly refused: boolean;
}

function resultsAt(c: HardCase): Result[] {
  const fn = compile(c.source);
  return ALL_METHODS.map((m) => {
    const r = attempt(() => differentiator(m.method).jacobian(fn, { x: c.at }, m.options));
    const tolerance = toleranceOf(m.method);
    if (!r.ok) return { method: m.label, tolerance, value: null, error: r.error, refused: r.refused };
    const v = r.value.value;
    return { method: m.label, tolerance, value: r.value.result[0][0], functionValue: typeof v === 'number' ? v : v[0], refused: false };
  });
}

/**
 * Flagged: a value that disagrees with the reference beyond the method's tolerance, or a failure
 * where the reference has a derivative. A method that refuses by design (symbolic on a loop it
 * cannot follow) is not flagged. Without a reference, values are judged against their median.
 */
function flag(r: Result, want: number | null, consensus: number | null): { relError: number | null; flagged: boolean } {
  if (r.value === null) return { relError: null, flagged: !r.refused && want !== null };
  if (want !== null) {
    const error = relError([r.value], [want]);
    return { relError: error, flagged: !(error <= r.tolerance) };
  }
  return { relError: null, flagged: consensus !== null && !(relError([r.value], [consensus]) <= r.tolerance) };
}

export async function hardPointsStudy(options: { cases?: readonly HardCase[]; onProgress?: Progress } = {}): Promise<HardPointRow[]> {
  const cases = options.cases ?? HARD_CASES;
  const rows: HardPointRow[] = [];
  for (const [i, c] of cases.entries()) {
    const ref = attempt(() => reference(c.source, { x: c.at }).jacobian[0][0]);
    const want = ref.ok && !Number.isNaN(ref.value) ? ref.value : null;
    const results = resultsAt(c);
    const values = results.flatMap((r) => (r.value === null || Number.isNaN(r.value) ? [] : [r.value]));
    const consensus = values.length ? median(values) : null;
    for (const r of results) {
      rows.push({
        case: c.case,
        category: c.category,
        source: c.source,
        at: { x: c.at },
        method: r.method,
        value: r.value,
        ...(r.functionValue !== undefined ? { functionValue: r.functionValue } : {}),
        reference: want,
        ...flag(r, want, consensus),
        ...(r.error !== undefined ? { error: r.error } : {}),
      });
    }
    options.onProgress?.(i + 1, cases.length);
    await breathe();
  }
  return rows;
}

// The sections on getting the number right: accuracy against the reference, the step trade-off
// of finite differences, and what each method returns at hard points.
import type { AccuracyRow, HardPointRow, StabilityRow } from '../types';
import { clip, DASH, digits, distinct, figure, median, precise, sci } from './format';
import { table, type Section } from './model';

export function accuracySection(rows: readonly AccuracyRow[]): Section {
  const methods = distinct(rows.map((r) => r.method));
  const workloads = distinct(rows.map((r) => r.workload));
  const cell = (workload: string, method: string): string => {
    const r = rows.find((x) => x.workload === workload && x.method === method);
    if (!r) return DASH;
    return r.medianDigits === null ? 'failed' : `${digits(r.medianDigits)} / ${digits(r.worstDigits)}`;
  };
  const kind = (w: string) => rows.find((r) => r.workload === w)!.kind;
  const medians = methods
    .map((m) => ({ m, d: median(rows.filter((r) => r.method === m && r.medianDigits !== null).map((r) => r.medianDigits!)) }))
    .filter((x): x is { m: string; d: number } => x.d !== null)
    .sort((a, b) => b.d - a.d);
  const failed = rows.filter((r) => r.medianDigits === null);
  const failures = methods.flatMap((m) => {
    const own = failed.filter((r) => r.method === m);
    return own.length ? [`${m} failed on ${own.length} of ${rows.filter((r) => r.method === m).length} workloads (${own.map((r) => r.workload).slice(0, 3).join('; ')}${own.length > 3 ? '; …' : ''}).`] : [];
  });
  return {
    study: 'accuracy',
    title: 'Accuracy',
    shows:
      'How many digits of each gradient are correct, judged against the 50-digit reference (forward mode over ' +
      'BigNumbers), per workload: the median and the worst over its points of −log₁₀ of the relative error, capped ' +
      'at 17. Symbolic, forward and reverse mode are exact up to the rounding of float64 arithmetic, so they should ' +
      'keep 15 or 16 digits; a finite difference trades truncation against round-off and keeps about half the digits ' +
      '(one-sided), two thirds (central) or more (five-point, Richardson), while the complex step keeps them all.',
    findings: [
      ...(medians.length ? [`Median correct digits over the ${workloads.length} workloads: ${medians.map((x) => `${x.m} ${digits(x.d)}`).join(', ')}.`] : []),
      ...failures,
    ],
    tables: [
      table(`ll${'r'.repeat(methods.length)}`, ['workload', 'kind', ...methods], workloads.map((w) => [w, kind(w), ...methods.map((m) => cell(w, m))]), 'correct digits, median / worst over the points'),
      ...(failed.length ? [table('lll', ['workload', 'method', 'why it failed'], failed.map((r) => [r.workload, r.method, r.error ?? '']), 'failures')] : []),
    ],
    charts: rows.length ? ['accuracy'] : [],
    ...(medians.length ? { captions: { accuracy: accuracyCaption(rows, medians) } } : {}),
  };
}

function accuracyCaption(rows: readonly AccuracyRow[], medians: readonly { m: string; d: number }[]): string {
  const top = medians[0];
  const low = medians[medians.length - 1];
  const worst = rows.filter((r) => r.medianDigits !== null).reduce((a, b) => (b.medianDigits! < a.medianDigits! ? b : a));
  return (
    `The black ticks run from ${low.m} at ${digits(low.d)} digits to ${top.m} at ${digits(top.d)}; ` +
    `the leftmost dot is ${worst.method} on ${clip(worst.workload, 50)}, at ${digits(worst.medianDigits)}.`
  );
}

interface Curve {
  readonly fn: string;
  readonly at: number;
  readonly method: string;
  readonly rows: readonly StabilityRow[];
}

/** Rows grouped into one error-against-step curve per function, point and method. */
export function curves(rows: readonly StabilityRow[]): Curve[] {
  const panels = distinct(rows.map((r) => JSON.stringify([r.function, r.at])));
  const keys = panels.flatMap((p) => distinct(rows.filter((r) => JSON.stringify([r.function, r.at]) === p).map((r) => JSON.stringify([r.function, r.at, r.method]))));
  return keys.map((k) => {
    const [fn, at, method] = JSON.parse(k) as [string, number, string];
    const own = rows.filter((r) => r.function === fn && r.at === at && r.method === method);
    return { fn, at, method, rows: [...own].sort((a, b) => (a.h ?? 0) - (b.h ?? 0)) };
  });
}

/** The step with the smallest error on a curve (null for an exact method, which has no step). */
export function best(c: Curve): { h: number | null; relError: number } {
  // Rows run by increasing h, so on ties (a flat stretch of exact answers) the largest step wins.
  return c.rows.reduce((b, r) => (r.relError <= b.relError ? { h: r.h, relError: r.relError } : b), { h: c.rows[0].h, relError: c.rows[0].relError });
}

const firstDefined = (rows: readonly StabilityRow[], f: (r: StabilityRow) => number | undefined) => rows.map(f).find((v) => v !== undefined);

export function stabilitySection(rows: readonly StabilityRow[]): Section {
  const all = curves(rows);
  const body = all.map((c) => {
    const b = best(c);
    return [
      c.fn,
      figure(c.at),
      c.method,
      b.h === null ? 'exact' : sci(b.h),
      sci(b.relError),
      sci(firstDefined(c.rows, (r) => r.optimalStep)),
      sci(firstDefined(c.rows, (r) => r.automaticStep)),
      sci(firstDefined(c.rows, (r) => r.automaticRelError)),
    ];
  });
  const findings = distinct(all.map((c) => c.method)).flatMap((method) => {
    const own = all.filter((c) => c.method === method);
    const factors = own
      .map((c) => ({ h: best(c).h, opt: firstDefined(c.rows, (r) => r.optimalStep) }))
      .filter((x): x is { h: number; opt: number } => x.h !== null && x.opt !== undefined && x.opt > 0)
      .map((x) => x.h / x.opt);
    if (factors.length === 0) return [];
    const [lo, hi] = [Math.min(...factors), Math.max(...factors)];
    const span = lo === hi ? `${figure(lo)}×` : `${figure(lo)}× to ${figure(hi)}×`;
    const automatic = own.flatMap((c) => {
      const e = firstDefined(c.rows, (r) => r.automaticRelError);
      return e === undefined ? [] : [e];
    });
    const atAutomatic = automatic.length ? `; at the automatic step, a median error of ${sci(median(automatic))}` : '';
    return [`${method}: best step ${span} the theoretical optimum over ${factors.length} function${factors.length > 1 ? 's' : ''}${atAutomatic}.`];
  });
  return {
    study: 'stability',
    title: 'Stability of finite differences',
    shows:
      'The error of each finite-difference scheme against its step h, on log-log axes. For large h the truncation ' +
      'error falls as hᵖ, p the order of the scheme; for small h round-off grows as ε/h, so each curve is a V whose ' +
      'bottom is the best step, near the theoretical optimum (ε^(1/(p+1)) scaled to the point) that the automatic step ' +
      'aims for. Methods without a step (automatic differentiation, symbolic) are flat lines, and the complex step has ' +
      'no round-off to fight, so its curve only falls.',
    findings,
    tables: [table('lrlrrrrr', ['function', 'at', 'method', 'best h', 'error there', 'optimal h (theory)', 'automatic h', 'error there'], body)],
    charts: rows.length ? ['stability'] : [],
    ...(all.length ? { captions: { stability: stabilityCaption(all) } } : {}),
  };
}

/** Which scheme's best error is smallest in the median over the functions, and how the V's bottoms compare. */
function stabilityCaption(all: readonly Curve[]): string {
  const schemes = distinct(all.filter((c) => best(c).h !== null).map((c) => c.method));
  const bestOf = schemes.map((m) => ({ m, e: median(all.filter((c) => c.method === m).map((c) => best(c).relError)) ?? NaN }));
  const parts = bestOf.map((b) => `${b.m.replace(/^finite:/, '')} ${sci(b.e)}`);
  return `The bottoms of the V's, as the median best error over the ${distinct(all.map((c) => `${c.fn}@${c.at}`)).length} functions: ${parts.join(', ')}`;
}

const point = (at: Readonly<Record<string, number>>) =>
  Object.entries(at)
    .map(([k, v]) => `${k}=${figure(v)}`)
    .join(', ');

export function hardPointsSection(rows: readonly HardPointRow[]): Section {
  const flagged = rows.filter((r) => r.flagged);
  const cases = distinct(rows.map((r) => r.case));
  const methods = distinct(rows.map((r) => r.method));
  const categories = rows.some((r) => r.category !== undefined);
  // One row per case, a column per method: the value, marked ⚑ where flagged (the second table says why).
  const cell = (r: HardPointRow | undefined) => (!r ? DASH : `${r.value === null ? 'failed' : precise(r.value)}${r.flagged ? ' ⚑' : ''}`);
  const body = cases.map((c) => {
    const own = rows.filter((r) => r.case === c);
    const first = own[0];
    return [
      ...(categories ? [first.category ?? ''] : []),
      c,
      clip(first.source, 48),
      point(first.at),
      precise(first.reference),
      ...methods.map((m) => cell(own.find((r) => r.method === m))),
    ];
  });
  const why = flagged.map((r) => [r.case, r.method, r.value === null ? 'failed' : precise(r.value), sci(r.relError), clip(r.error ?? '', 90)]);
  const byMethod = methods.map((m) => `${m} ${flagged.filter((r) => r.method === m).length}/${rows.filter((r) => r.method === m).length}`);
  return {
    study: 'hard-points',
    title: 'Hard points',
    shows:
      'What each method returns where derivatives are treacherous: at kinks and branch boundaries (where every method ' +
      'follows one documented convention, but a finite-difference stencil straddles the two sides), under cancellation, ' +
      'near overflow and the edge of a domain, and in loops whose trip count depends on the input. A result is flagged (⚑) ' +
      'where the method disagrees with the reference beyond its tolerance or fails.',
    findings: rows.length ? [`${flagged.length} of ${rows.length} results flagged over ${cases.length} cases; flagged per method: ${byMethod.join(', ')}.`] : [],
    tables: [
      table(`${categories ? 'l' : ''}lllr${'r'.repeat(methods.length)}`, [...(categories ? ['category'] : []), 'case', 'source', 'at', 'reference', ...methods], body, 'the derivative each method returns; ⚑ flagged'),
      ...(why.length ? [table('llrrl', ['case', 'method', 'value', 'rel. error', 'error'], why, 'the flagged results')] : []),
    ],
    charts: [],
  };
}

// The V curve: the error of each finite-difference scheme against its step h at the point.
// Large steps lose to truncation (error ∝ hᵖ), small ones to round-off (∝ ε/h); the optimum
// sits where they meet. The complex step has no subtraction, hence no round-off arm.
import { differentiator, GradlabError, relativeError, type Fn, type Point, type Scheme } from 'gradlab';
import { draw, HEIGHT } from './charts';

const SCHEMES: readonly Scheme[] = ['forward', 'backward', 'central', 'five-point', 'complex-step'];
/** Steps 10⁻¹⁶ … 10⁰, four per decade. */
const STEPS = Array.from({ length: 65 }, (_, i) => 10 ** (-16 + i / 4));
/** Where an error is exactly 0, drawn at this floor so the log axis can show it. */
const FLOOR = 1e-17;

export interface CurvePoint {
  readonly scheme: Scheme;
  readonly h: number;
  readonly error: number;
}

export interface VCurve {
  readonly points: CurvePoint[];
  /** Each scheme's best step, with its error. */
  readonly optima: CurvePoint[];
  /** Schemes that cannot run here, with the reason (the complex step on a non-analytic function). */
  readonly failed: Record<string, string>;
}

export function vCurve(fn: Fn, at: Point, referenceGradient: readonly number[]): VCurve {
  const finite = differentiator('finite');
  const points: CurvePoint[] = [];
  const optima: CurvePoint[] = [];
  const failed: Record<string, string> = {};
  for (const scheme of SCHEMES) {
    const mine: CurvePoint[] = [];
    for (const h of STEPS) {
      try {
        const g = finite.gradient(fn, at, { scheme, step: h }).result;
        const error = relativeError(g, referenceGradient);
        if (Number.isFinite(error)) mine.push({ scheme, h, error: Math.max(error, FLOOR) });
      } catch (err) {
        if (!(err instanceof GradlabError)) throw err;
        failed[scheme] ??= err.message;
      }
    }
    if (mine.length) optima.push(mine.reduce((a, b) => (b.error < a.error ? b : a)));
    points.push(...mine);
  }
  return { points, optima, failed };
}

export function drawVCurve(el: HTMLElement, curve: VCurve): Promise<void> {
  el.dataset.optima = JSON.stringify(curve.optima);
  return draw(el, {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 360,
    height: HEIGHT,
    layer: [
      {
        data: { values: curve.points },
        mark: { type: 'line', point: { size: 12 } },
        encoding: {
          x: { field: 'h', type: 'quantitative', scale: { type: 'log' }, title: 'step h', axis: { format: '.0e' } },
          y: { field: 'error', type: 'quantitative', scale: { type: 'log' }, title: 'relative error', axis: { format: '.0e' } },
          color: { field: 'scheme', type: 'nominal', sort: [...SCHEMES], legend: { orient: 'bottom', columns: 3 } },
          tooltip: [{ field: 'scheme' }, { field: 'h', format: '.1e' }, { field: 'error', format: '.2e' }],
        },
      },
      {
        data: { values: curve.optima },
        mark: { type: 'point', shape: 'diamond', size: 140, filled: true, stroke: 'black' },
        encoding: {
          x: { field: 'h', type: 'quantitative' },
          y: { field: 'error', type: 'quantitative' },
          color: { field: 'scheme', type: 'nominal', sort: [...SCHEMES] },
          tooltip: [{ field: 'scheme', title: 'optimum of' }, { field: 'h', format: '.1e' }, { field: 'error', format: '.2e' }],
        },
      },
    ],
  });
}

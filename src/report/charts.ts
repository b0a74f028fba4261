// Charts as self-contained SVG, drawn by vega-lite and vega at generation time (no network, no
// browser): line charts of series, and a map of a function over a plane with points or paths.
import type { TopLevelSpec } from 'vega-lite';
import { missingPackage } from '../errors';

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface LineOptions {
  readonly title: string;
  readonly x: string;
  readonly y: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly width?: number;
  readonly height?: number;
}

const CHARTS = ['vega', 'vega-lite'];

/** vega and vega-lite, optional peers: loaded on first use (together they take longer to load
 *  than most commands take to run), a MissingPackageError naming both when either is absent. */
export function loadCharts(): Promise<[typeof import('vega'), typeof import('vega-lite')]> {
  return Promise.all([import('vega'), import('vega-lite')]).catch(missingPackage(CHARTS, 'charts'));
}

export async function render(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await loadCharts();
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

const finite = (v: number) => Number.isFinite(v);

/** One line per series, on linear or log axes (non-finite and, on log axes, non-positive points
 *  are left out rather than drawn at a wrong place). */
export function lineChart(series: readonly Series[], o: LineOptions): Promise<string> {
  const values = series.flatMap((s) =>
    s.points
      .filter(([x, y]) => finite(x) && finite(y) && (!o.logX || x > 0) && (!o.logY || y > 0))
      .map(([x, y]) => ({ series: s.name, x, y })),
  );
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.title,
    width: o.width ?? 560,
    height: o.height ?? 320,
    data: { values },
    mark: { type: 'line', point: values.length <= 200 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: o.x, scale: o.logX ? { type: 'log' } : { zero: false } },
      y: { field: 'y', type: 'quantitative', title: o.y, scale: o.logY ? { type: 'log' } : { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  });
}

export interface Field {
  /** Grid cells: centre and value. */
  readonly cells: readonly { x: number; y: number; value: number }[];
  readonly step: readonly [number, number];
}

/** A function over a plane as a shaded grid, with labelled points or paths drawn over it. */
export function planeChart(
  field: Field,
  overlay: { readonly kind: 'points' | 'paths'; readonly items: readonly { series: string; x: number; y: number; order?: number }[] },
  o: { title: string; x: string; y: string; value: string; scheme?: string; width?: number; height?: number },
): Promise<string> {
  const [dx, dy] = field.step;
  const cells = field.cells.map((c) => ({ ...c, x2: c.x + dx, y2: c.y + dy }));
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.title,
    width: o.width ?? 420,
    height: o.height ?? 420,
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect', opacity: 0.85 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: o.x, scale: { zero: false, nice: false } },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', title: o.y, scale: { zero: false, nice: false } },
          y2: { field: 'y2' },
          color: { field: 'value', type: 'quantitative', title: o.value, scale: { scheme: o.scheme ?? 'blueorange' } },
        },
      },
      {
        data: { values: overlay.items as { series: string; x: number; y: number; order?: number }[] },
        mark: overlay.kind === 'points' ? { type: 'point', filled: true, size: 18, stroke: 'black', strokeWidth: 0.4 } : { type: 'line', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative' },
          ...(overlay.kind === 'paths' ? { order: { field: 'order', type: 'quantitative' } } : {}),
          shape: overlay.kind === 'points' ? { field: 'series', type: 'nominal', title: null } : undefined,
          color: overlay.kind === 'paths' ? { field: 'series', type: 'nominal', title: null, scale: { scheme: 'dark2' } } : undefined,
          fill: overlay.kind === 'points' ? { field: 'series', type: 'nominal', title: 'class', scale: { scheme: 'set1' } } : undefined,
        },
      },
    ],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec);
}

export interface Dot {
  readonly category: string;
  readonly value: number;
  readonly series: string;
}

/** A dot per (category, value), categories down the side in order of first appearance, coloured
 *  by series: for comparing one figure across methods (non-finite values, and non-positive ones on
 *  a log axis, are left out). */
export function dotChart(
  dots: readonly Dot[],
  o: { title: string; subtitle?: string; category: string; value: string; logValue?: boolean; domain?: readonly [number, number]; width?: number; median?: boolean },
): Promise<string> {
  const values = dots.filter((d) => finite(d.value) && (!o.logValue || d.value > 0)).map((d) => ({ ...d }));
  const categories = [...new Set(values.map((d) => d.category))];
  const series = [...new Set(values.map((d) => d.series))];
  const y = { field: 'category', type: 'nominal', title: o.category, sort: categories };
  const x = {
    field: 'value',
    type: 'quantitative',
    title: o.value,
    scale: { ...(o.logValue ? { type: 'log' as const } : { zero: false }), padding: 12, ...(o.domain ? { domain: [...o.domain] } : {}) },
  };
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.subtitle ? { text: o.title, subtitle: o.subtitle } : o.title,
    width: o.width ?? 480,
    height: { step: 26 },
    config: { legend: { labelLimit: 280 } },
    data: { values },
    layer: [
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 0.7 },
        encoding: { y, x, color: { field: 'series', type: 'nominal', title: null, scale: { domain: series, scheme: 'category10' } } },
      },
      // The median over each category's dots, as a black tick.
      ...(o.median ? [{ mark: { type: 'tick', color: 'black', thickness: 3, size: 18 }, encoding: { y, x: { ...x, aggregate: 'median' } } }] : []),
    ],
  } as TopLevelSpec);
}

// Charts as self-contained SVG, drawn by vega-lite and vega at generation time (no network, no
// browser): line charts of series, and a map of a function over a plane with points or paths.
import type { TopLevelSpec } from 'vega-lite';

export interface Series {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

export async function render(spec: TopLevelSpec): Promise<string> {
  // Loaded on first use: together they take longer to load than most commands take to run.
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

const finite = (v: number) => Number.isFinite(v);

export interface LineOptions {
  readonly title: string;
  readonly subtitle?: string | readonly string[];
  readonly x: string;
  readonly y: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** x counts something (epochs, steps, layers): whole-number ticks. */
  readonly integerX?: boolean;
  /** Series drawn dashed (the legend shows the dash as well as the colour). */
  readonly dashed?: readonly string[];
  /** Vertical rules with a label beside them, e.g. where a run was stopped. */
  readonly rules?: readonly { readonly x: number; readonly label: string; readonly series?: string }[];
  /** Points marked ◆ over the lines, e.g. each run's best, with a label beside unless it is ''. */
  readonly marks?: readonly { readonly x: number; readonly y: number; readonly label: string; readonly series?: string }[];
  /** The y range shown: points beyond it are clipped at the edge, so one wild run cannot flatten the rest. */
  readonly yDomain?: readonly [number, number];
  readonly width?: number;
  readonly height?: number;
}

/** Tick labels on a log axis, one style throughout and only at powers of ten: 1e-7, 1e-3, 1e0,
 *  1e3 (never 0.000001 beside 1e-7); the ticks between stay, unlabelled. */
const MANTISSA = 'round(datum.value / pow(10, floor(log(datum.value) / LN10 + 1e-9)))';
export const LOG_LABELS = `${MANTISSA} == 1 ? replace(format(datum.value, '~e'), 'e+', 'e') : ''`;

/** An axis for a quantitative field: log ticks as powers of ten, counts as whole numbers. */
export function axisOf(o: { log?: boolean; integer?: boolean }): object {
  if (o.log) return { labelExpr: LOG_LABELS };
  return o.integer ? { format: 'd', tickMinStep: 1 } : { format: '~g' };
}

/** The width charts are drawn at: the report's and the README's column, legend included. */
export const COLUMN = 560;

const titleOf = (title: string, subtitle?: string | readonly string[]) => (subtitle ? { text: title, subtitle: typeof subtitle === 'string' ? subtitle : [...subtitle] } : title);

/** One line per series, on linear or log axes (non-finite and, on log axes, non-positive points
 *  are left out rather than drawn at a wrong place), with optional rules and labelled points. */
export function lineChart(series: readonly Series[], o: LineOptions): Promise<string> {
  const shown = (x: number, y: number) => finite(x) && finite(y) && (!o.logX || x > 0) && (!o.logY || y > 0);
  const values = series.flatMap((s) => s.points.filter(([x, y]) => shown(x, y)).map(([x, y]) => ({ series: s.name, x, y })));
  const names = series.map((s) => s.name);
  const dashed = new Set(o.dashed ?? []);
  const xScale = { ...(o.logX ? { type: 'log' } : { zero: false }), nice: false };
  const yScale = { ...(o.logY ? { type: 'log' } : { zero: false }), ...(o.yDomain ? { domain: [...o.yDomain] } : {}) };
  const x = { field: 'x', type: 'quantitative', title: o.x, scale: xScale, axis: axisOf({ log: o.logX, integer: o.integerX }) };
  const y = { field: 'y', type: 'quantitative', title: o.y, scale: yScale, axis: axisOf({ log: o.logY }) };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: names, scheme: 'category10' } };
  const dash = { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: names.map((n) => (dashed.has(n) ? [6, 3] : [1, 0])) } };
  const rules = (o.rules ?? []).map((r) => ({ ...r }));
  const marks = (o.marks ?? []).filter((m) => shown(m.x, m.y)).map((m) => ({ ...m }));
  const labelled = marks.filter((m) => m.label);
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: titleOf(o.title, o.subtitle),
    width: o.width ?? COLUMN,
    height: o.height ?? 320,
    config: { legend: { labelLimit: 320, symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolSize: 260 } },
    layer: [
      {
        data: { values },
        mark: { type: 'line', clip: true, point: values.length <= 120 ? { size: 18 } : false },
        encoding: { x, y, color, ...(dashed.size ? { strokeDash: dash } : {}) },
      },
      ...(rules.length
        ? [
            { data: { values: rules }, mark: { type: 'rule', strokeDash: [3, 3], color: '#555' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
            // Along its rule, reading downwards, so the labels of close rules cannot overlap.
            { data: { values: rules }, mark: { type: 'text', angle: 90, align: 'left', baseline: 'bottom', dx: 6, dy: -3, fontSize: 11, color: '#333' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
          ]
        : []),
      ...(marks.length
        ? [
            { data: { values: marks }, mark: { type: 'point', shape: 'diamond', filled: true, size: 90, color: 'black' }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } },
            ...(labelled.length ? [{ data: { values: labelled }, mark: { type: 'text', align: 'left', dx: 7, dy: -7, fontSize: 11 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } } }] : []),
          ]
        : []),
    ],
  } as TopLevelSpec);
}

export interface Field {
  /** Grid cells: centre and value. */
  readonly cells: readonly { x: number; y: number; value: number }[];
  readonly step: readonly [number, number];
}

export interface PlaneExtras {
  /** Level lines of the function: each a closed path of points, labelled by its level. */
  readonly contours?: readonly { readonly label: string; readonly points: readonly (readonly [number, number])[] }[];
  /** Points marked and named over everything (an optimum). */
  readonly marks?: readonly { readonly x: number; readonly y: number; readonly label: string }[];
  /** Paths drawn wider, under the rest, so the others cannot hide them. */
  readonly wide?: readonly string[];
}

/** A function over a plane as a shaded grid, with labelled points or paths drawn over it, and on
 *  request its level lines and marked points. */
export function planeChart(
  field: Field,
  overlay: { readonly kind: 'points' | 'paths'; readonly items: readonly { series: string; x: number; y: number; order?: number }[] },
  o: { title: string; subtitle?: string | readonly string[]; x: string; y: string; value: string; scheme?: string; width?: number; height?: number } & PlaneExtras,
): Promise<string> {
  const [dx, dy] = field.step;
  const cells = field.cells.map((c) => ({ ...c, x2: c.x + dx, y2: c.y + dy }));
  const [xs, ys] = [cells.flatMap((c) => [c.x, c.x2]), cells.flatMap((c) => [c.y, c.y2])];
  const domain = (v: number[]) => [Math.min(...v), Math.max(...v)];
  const x = { field: 'x', type: 'quantitative', title: o.x, scale: { zero: false, nice: false, domain: domain(xs) }, axis: axisOf({}) };
  const y = { field: 'y', type: 'quantitative', title: o.y, scale: { zero: false, nice: false, domain: domain(ys) }, axis: axisOf({}) };
  const plain = { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } };
  const wide = new Set(o.wide ?? []);
  const items = overlay.items.map((it) => ({ ...it, width: wide.has(it.series) ? 5 : 1.6 }));
  const series = [...new Set(items.map((it) => it.series))].sort((a, b) => Number(wide.has(b)) - Number(wide.has(a)));
  const contours = (o.contours ?? []).flatMap((c, k) => c.points.map(([px, py], order) => ({ label: c.label, k, x: px, y: py, order })));
  // Each level named at its highest point, where nested ellipses lie farthest apart.
  const labels = (o.contours ?? []).flatMap((c) => {
    const top = c.points.reduce<readonly [number, number] | undefined>((a, p) => (a === undefined || p[1] > a[1] ? p : a), undefined);
    return top ? [{ label: c.label, x: top[0], y: top[1] }] : [];
  });
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: titleOf(o.title, o.subtitle),
    width: o.width ?? 420,
    height: o.height ?? 420,
    config: { legend: { labelLimit: 320 } },
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect', opacity: 0.85, strokeWidth: 0 },
        encoding: { x, x2: { field: 'x2' }, y, y2: { field: 'y2' }, color: { field: 'value', type: 'quantitative', title: o.value, scale: { scheme: o.scheme ?? 'blueorange' } } },
      },
      ...(contours.length
        ? [
            { data: { values: contours }, mark: { type: 'line', clip: true, stroke: 'white', strokeWidth: 0.8, opacity: 0.8 }, encoding: { ...plain, detail: { field: 'k' }, order: { field: 'order', type: 'quantitative' } } },
            { data: { values: labels }, mark: { type: 'text', clip: true, color: 'white', fontSize: 9, dy: -4 }, encoding: { ...plain, text: { field: 'label' } } },
          ]
        : []),
      {
        data: { values: items },
        mark: overlay.kind === 'points' ? { type: 'point', filled: true, size: 18, stroke: 'black', strokeWidth: 0.4 } : { type: 'line', clip: true },
        encoding: {
          ...plain,
          ...(overlay.kind === 'paths' ? { order: { field: 'order', type: 'quantitative' }, strokeWidth: { field: 'width', type: 'quantitative', scale: null, legend: null } } : {}),
          shape: overlay.kind === 'points' ? { field: 'series', type: 'nominal', title: null } : undefined,
          color: overlay.kind === 'paths' ? { field: 'series', type: 'nominal', title: null, scale: { scheme: 'dark2', domain: series } } : undefined,
          fill: overlay.kind === 'points' ? { field: 'series', type: 'nominal', title: 'class', scale: { scheme: 'set1' } } : undefined,
        },
      },
      ...(o.marks?.length
        ? [
            { data: { values: o.marks.map((m) => ({ ...m })) }, mark: { type: 'point', shape: 'cross', filled: true, size: 160, color: 'red', stroke: 'white', strokeWidth: 0.8 }, encoding: plain },
            { data: { values: o.marks.map((m) => ({ ...m })) }, mark: { type: 'text', align: 'left', dx: 9, dy: 10, fontWeight: 'bold', color: 'red' }, encoding: { ...plain, text: { field: 'label' } } },
          ]
        : []),
    ],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec);
}

export interface Dot {
  readonly category: string;
  readonly value: number;
  readonly series: string;
}

/** Two dot charts side by side over the same categories (e.g. agreement and cost per method). */
export function dotPanels(
  panels: readonly { readonly dots: readonly Dot[]; readonly value: string; readonly logValue?: boolean; readonly domain?: readonly [number, number] }[],
  o: { title: string; subtitle?: string | readonly string[]; category: string },
): Promise<string> {
  const width = Math.floor((COLUMN - 140) / panels.length);
  const categories = [...new Set(panels.flatMap((p) => p.dots.map((d) => d.category)))];
  const series = [...new Set(panels.flatMap((p) => p.dots.map((d) => d.series)))];
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: titleOf(o.title, o.subtitle),
    config: { legend: { labelLimit: 280, orient: 'bottom' } },
    hconcat: panels.map((p, k) => ({
      width,
      height: { step: 30 },
      data: { values: p.dots.filter((d) => finite(d.value) && (!p.logValue || d.value > 0)).map((d) => ({ ...d })) },
      mark: { type: 'point', filled: true, size: 80, opacity: 0.85 },
      encoding: {
        y: { field: 'category', type: 'nominal', title: k === 0 ? o.category : null, sort: categories, axis: k === 0 ? {} : { labels: false, ticks: false } },
        x: { field: 'value', type: 'quantitative', title: p.value, scale: { ...(p.logValue ? { type: 'log' } : { zero: false }), padding: 10, ...(p.domain ? { domain: [...p.domain] } : {}) }, axis: axisOf({ log: p.logValue }) },
        color: { field: 'series', type: 'nominal', title: null, scale: { domain: series, scheme: 'category10' } },
        shape: { field: 'series', type: 'nominal', title: null, scale: { domain: series } },
      },
    })),
  } as TopLevelSpec);
}

/** A dot per (category, value), categories down the side in order of first appearance, coloured
 *  by series: for comparing one figure across methods (non-finite values, and non-positive ones on
 *  a log axis, are left out). */
export function dotChart(
  dots: readonly Dot[],
  o: { title: string; subtitle?: string | readonly string[]; category: string; value: string; logValue?: boolean; domain?: readonly [number, number]; width?: number; median?: boolean },
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
    axis: axisOf({ log: o.logValue }),
  };
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: titleOf(o.title, o.subtitle),
    width: o.width ?? COLUMN - 120,
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

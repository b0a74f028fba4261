// The report's charts as SVG, each drawn from a study's rows (the registry names them by key):
// digits per method, the V of error against step, time against n, tree against DAG size, step times.
import type { TopLevelSpec } from 'vega-lite';
import { axisOf, COLUMN, dotChart, render } from '../../report/charts';
import type { Results } from '../types';
import { best, curves } from './accuracy';
import { distinct, median } from './format';
import { aboutTraining } from './speed';

/** Where an error of exactly 0 is drawn on a log axis (below any float64 relative error). */
const ZERO_FLOOR = 1e-17;

/** One mark of a panel chart: a point of a line, a marked point, or a vertical rule. */
interface Mark {
  readonly panel: string;
  readonly series: string;
  readonly x: number;
  readonly y: number;
  readonly kind: 'line' | 'marker' | 'rule';
}

/** How a series is stroked: dashed (the legend shows the dash too) and how wide. Wider lines are
 *  drawn first, so a thin line lying on a wide one leaves both visible. */
interface Stroke {
  readonly dash?: readonly number[];
  readonly width?: number;
}

interface PanelOptions {
  readonly title: string;
  readonly subtitle?: string | readonly string[];
  readonly x: string;
  readonly y: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** x counts something: whole-number ticks. */
  readonly integerX?: boolean;
  /** Tick values of x, where the automatic ones would be too few. */
  readonly xTicks?: readonly number[];
  /** Each panel its own axes (when panels measure different ranges). */
  readonly independent?: boolean;
  readonly strokes?: Readonly<Record<string, Stroke>>;
}

const PANEL_WIDTH = Math.floor((COLUMN - 60) / 2);

/** Lines per series in one small panel per `panel` value (two to a row), with markers and rules;
 *  the legend shows each series' colour and dash. */
function panels(marks: readonly Mark[], o: PanelOptions): Promise<string> {
  const values = marks.filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y) && (!o.logX || m.x > 0) && (!o.logY || m.y > 0));
  const names = distinct(values.map((m) => m.panel));
  const width = (s: string) => o.strokes?.[s]?.width ?? 1.6;
  const series = distinct(values.map((m) => m.series));
  const rows = values.map((m) => ({ ...m, width: width(m.series) })).sort((a, b) => b.width - a.width);
  const scaleOf = (log?: boolean) => (log ? { type: 'log' } : { zero: false });
  const x = { field: 'x', type: 'quantitative', title: o.x, scale: { ...scaleOf(o.logX), nice: false }, axis: { ...axisOf({ log: o.logX, integer: o.integerX }), ...(o.xTicks ? { values: [...o.xTicks] } : {}) } };
  const y = { field: 'y', type: 'quantitative', title: o.y, scale: scaleOf(o.logY), axis: axisOf({ log: o.logY }) };
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: series, scheme: 'category10' } };
  const strokeDash = { field: 'series', type: 'nominal', title: null, scale: { domain: series, range: series.map((s) => [...(o.strokes?.[s]?.dash ?? [1, 0])]) } };
  const only = (kind: Mark['kind']) => [{ filter: `datum.kind === '${kind}'` }];
  const single = names.length === 1;
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.subtitle ? { text: o.title, subtitle: typeof o.subtitle === 'string' ? o.subtitle : [...o.subtitle] } : o.title,
    config: { legend: { labelLimit: 320, symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolSize: 300, orient: 'bottom', columns: 2 } },
    data: { values: rows },
    // Long panel titles (a program's source) are cut to the panel's width, so the columns stay close.
    facet: { field: 'panel', type: 'nominal', title: null, sort: names, header: { labelLimit: single ? COLUMN : PANEL_WIDTH, labelFontSize: 11 } },
    columns: single ? 1 : 2,
    spec: {
      width: single ? COLUMN - 60 : PANEL_WIDTH,
      height: single ? 300 : 190,
      layer: [
        {
          transform: only('line'),
          mark: { type: 'line', clip: true },
          encoding: { x, y, color, strokeDash, strokeWidth: { field: 'width', type: 'quantitative', scale: null, legend: null }, detail: { field: 'series' }, order: { field: 'x', type: 'quantitative' } },
        },
        {
          transform: only('marker'),
          mark: { type: 'point', shape: 'diamond', filled: true, size: 90, stroke: 'black', strokeWidth: 0.7 },
          encoding: { x, y, color },
        },
        { transform: only('rule'), mark: { type: 'rule', strokeDash: [2, 2], strokeWidth: 1 }, encoding: { x, color } },
      ],
    },
    ...(o.independent ? { resolve: { scale: { x: 'independent', y: 'independent' } } } : {}),
  } as TopLevelSpec);
}

export function accuracyChart(r: Results): Promise<string> {
  const rows = r.accuracy ?? [];
  return dotChart(
    rows.filter((a) => a.medianDigits !== null).map((a) => ({ category: a.method, value: a.medianDigits!, series: a.kind })),
    {
      title: 'Correct digits of the gradient per workload and method',
      subtitle: 'a dot per workload (the median over its points), a black tick at the median over workloads',
      category: 'method',
      value: 'correct digits (−log₁₀ relative error)',
      domain: [0, 17],
      median: true,
    },
  );
}

export function stabilityChart(r: Results): Promise<string> {
  const all = curves(r.stability ?? []);
  const panel = (c: (typeof all)[number]) => `${c.fn} at ${c.at}`;
  const hs = (p: string) => all.filter((c) => panel(c) === p).flatMap((c) => c.rows.flatMap((row) => (row.h !== null && row.h > 0 ? [row.h] : [])));
  const err = (e: number) => (e > 0 ? e : ZERO_FLOOR);
  const strokes: Record<string, { dash?: number[]; width?: number }> = {
    'finite:backward': { dash: [5, 2] },
    // Its truncation arm runs exactly along central's (both O(h²)): dashed and wide, underneath.
    'finite:complex-step': { dash: [6, 3], width: 3.5 },
  };
  // The exact methods' flat lines often coincide: one line per error, naming every method on it.
  const exact = distinct(all.map(panel)).flatMap((p) => {
    const flat = all.filter((c) => panel(c) === p && best(c).h === null);
    const range = hs(p);
    const [lo, hi] = range.length ? [Math.min(...range), Math.max(...range)] : [1e-16, 1];
    return distinct(flat.map((c) => err(best(c).relError))).flatMap((e): Mark[] => {
      const series = `${flat.filter((c) => err(best(c).relError) === e).map((c) => c.method).join(' = ')} (no step)`;
      strokes[series] = { dash: [2, 2], width: 2.5 };
      return [lo, hi].map((h) => ({ panel: p, series, x: h, y: e, kind: 'line' }));
    });
  });
  const schemes = all.filter((c) => best(c).h !== null).flatMap((c): Mark[] => {
    const p = panel(c);
    const b = best(c);
    const optimum = c.rows.map((row) => row.optimalStep).find((v) => v !== undefined);
    return [
      ...c.rows.filter((row) => row.h !== null).map((row): Mark => ({ panel: p, series: c.method, x: row.h!, y: err(row.relError), kind: 'line' })),
      { panel: p, series: c.method, x: b.h!, y: err(b.relError), kind: 'marker' },
      ...(optimum !== undefined ? [{ panel: p, series: c.method, x: optimum, y: 1, kind: 'rule' } as Mark] : []),
    ];
  });
  return panels([...schemes, ...exact], {
    title: 'Relative error of the derivative against the step h',
    subtitle: ['◆ the best step observed · dotted rule: the theoretical optimum', 'dotted lines: methods without a step, one per error (an error of 0 is drawn at 1e-17)'],
    x: 'step h',
    y: 'relative error',
    logX: true,
    logY: true,
    xTicks: Array.from({ length: 8 }, (_, k) => Math.pow(10, -16 + 2 * k)),
    strokes,
  });
}

export function costChart(r: Results): Promise<string> {
  const rows = r.cost ?? [];
  const evaluation = distinct(rows.map((c) => JSON.stringify([c.workload, c.n]))).map((k) => {
    const [w, n] = JSON.parse(k) as [string, number];
    const t = median(rows.filter((c) => c.workload === w && c.n === n).map((c) => c.secondsPerEvaluation));
    return { panel: w, series: 'one evaluation of f', x: n, y: t ?? NaN, kind: 'line' } as Mark;
  });
  const marks = rows.filter((c) => c.secondsPerGradient !== null).map((c): Mark => ({ panel: c.workload, series: c.method, x: c.n, y: c.secondsPerGradient!, kind: 'line' }));
  // TF.js's gradient of the same workload, from the peers rows (`<workload>, n = <n>`).
  const tfjs = (r.peers ?? []).flatMap((p): Mark[] => {
    const m = /^(.*), n = (\d+)$/.exec(p.workload);
    if (p.peer !== 'tfjs' || !m || !/seconds per gradient/.test(p.metric) || p.peerValue === null) return [];
    return rows.some((c) => c.workload === m[1]) ? [{ panel: m[1], series: TFJS, x: Number(m[2]), y: p.peerValue, kind: 'line' }] : [];
  });
  return panels([...marks, ...tfjs, ...evaluation], {
    title: 'Time per gradient against the number of inputs',
    subtitle: `dashed: one evaluation of f${tfjs.length ? ' · TF.js: tf.grad in float32 on its CPU backend' : ''}`,
    x: 'n (inputs)',
    y: 'seconds per gradient',
    logX: true,
    logY: true,
    independent: true,
    strokes: { 'one evaluation of f': { dash: [6, 3], width: 2 }, [TFJS]: { dash: [2, 2], width: 2.5 } },
  });
}

/** TensorFlow.js under one name wherever it appears. */
const TFJS = 'TF.js (CPU)';

export function swellChart(r: Results): Promise<string> {
  const marks = (r.swell ?? []).flatMap((s): Mark[] => [
    { panel: s.family, series: 'derivative as a tree', x: s.k, y: s.treeNodes, kind: 'line' },
    { panel: s.family, series: 'derivative as a DAG', x: s.k, y: s.dagNodes, kind: 'line' },
    { panel: s.family, series: 'simplified tree', x: s.k, y: s.simplifiedTreeNodes, kind: 'line' },
    { panel: s.family, series: 'simplified DAG', x: s.k, y: s.simplifiedDagNodes, kind: 'line' },
    { panel: s.family, series: 'expression (tree)', x: s.k, y: s.expressionNodes, kind: 'line' },
    ...(s.expressionDagNodes !== undefined ? [{ panel: s.family, series: 'expression (DAG)', x: s.k, y: s.expressionDagNodes, kind: 'line' } as Mark] : []),
  ]);
  return panels(marks, {
    title: 'Size of the symbolic derivative against k',
    subtitle: 'wide: the derivative before simplifying · thin dashed on top: after · dotted: the expression itself',
    x: 'k',
    y: 'nodes',
    logY: true,
    integerX: true,
    independent: true,
    strokes: {
      'derivative as a tree': { width: 5 },
      'derivative as a DAG': { width: 5 },
      'simplified tree': { dash: [5, 3], width: 1.8 },
      'simplified DAG': { dash: [5, 3], width: 1.8 },
      'expression (tree)': { dash: [1, 2], width: 1.5 },
      'expression (DAG)': { dash: [1, 2], width: 1.5 },
    },
  });
}

export function trainingChart(r: Results): Promise<string> {
  const rows = r.training ?? [];
  const label = (t: { network: string; batch: number }) => `${t.network}, batch ${t.batch}`;
  const labels = distinct(rows.map(label));
  // TF.js's step time, from the peers rows, on the line of the network and batch it ran.
  const tfjs = distinct((r.peers ?? []).filter((p) => p.peer === 'tfjs' && aboutTraining(p) && p.peerValue !== null).map((p) => p.workload)).map((workload) => {
    const p = r.peers!.find((q) => q.peer === 'tfjs' && q.workload === workload && q.peerValue !== null)!;
    const series = labels.find((l) => workload.includes(l)) ?? workload;
    return { category: TFJS, value: p.peerValue!, series };
  });
  // The training rows' own TF.js step is the same measurement: keep one dot per network.
  const own = rows.filter((t) => t.secondsPerStep !== null).map((t) => ({ category: t.method === 'tfjs' ? TFJS : t.method, value: t.secondsPerStep!, series: label(t) }));
  return dotChart(
    [...own, ...tfjs.filter((d) => !own.some((o) => o.category === TFJS && o.series === d.series))],
    { title: 'Time per training step', category: 'method', value: 'seconds per step (log scale)', logValue: true },
  );
}

export function trainingLossChart(r: Results): Promise<string> {
  const marks = (r.trainingCurves ?? []).flatMap((c) =>
    c.loss.map((loss, i): Mark => ({ panel: c.network ? `${c.data}, ${c.network}` : c.data, series: c.method, x: i + 1, y: loss, kind: 'line' })),
  );
  const methods = distinct(marks.map((m) => m.series));
  // Where the gradients agree the curves coincide: each method a little narrower than the one before, so all show.
  const strokes = Object.fromEntries(methods.map((m, k) => [m, { width: 1.2 + 1.4 * (methods.length - 1 - k), dash: k % 2 ? [6, 2] : [1, 0] }]));
  return panels(marks, { title: 'Training loss per epoch', subtitle: 'every method from the same seed: where the gradients agree, the curves coincide', x: 'epoch', y: 'loss', logY: true, integerX: true, strokes });
}

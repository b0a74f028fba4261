// The report's charts as SVG, each drawn from a study's rows (the registry names them by key):
// digits per method, the V of error against step, time against n, tree against DAG size, step times.
import type { TopLevelSpec } from 'vega-lite';
import { dotChart, render } from '../../report/charts';
import type { Results } from '../types';
import { best, curves } from './accuracy';
import { distinct, median } from './format';
import { aboutTraining } from './speed';

/** Where an error of exactly 0 is drawn on a log axis (below any float64 relative error). */
const ZERO_FLOOR = 1e-17;

/** One mark of a panel chart: a point of a line, of a dashed line, a marked point, or a vertical rule. */
interface Mark {
  readonly panel: string;
  readonly series: string;
  readonly x: number;
  readonly y: number;
  readonly kind: 'line' | 'dash' | 'marker' | 'rule';
}

interface PanelOptions {
  readonly title: string;
  readonly subtitle?: string | readonly string[];
  readonly x: string;
  readonly y: string;
  readonly logX?: boolean;
  readonly logY?: boolean;
  /** Each panel its own axes (when panels measure different ranges). */
  readonly independent?: boolean;
}

/** Colours follow the order series first appear in, the same in every panel and layer. */
const layerOf = (kind: Mark['kind'], series: readonly string[], mark: object, extra: object = {}) => ({
  transform: [{ filter: `datum.kind === '${kind}'` }],
  mark,
  encoding: { color: { field: 'series', type: 'nominal', title: null, scale: { domain: [...series], scheme: 'category10' } }, detail: { field: 'series' }, ...extra },
});

/** Lines per series in one small panel per `panel` value, with markers and vertical rules. */
function panels(marks: readonly Mark[], o: PanelOptions): Promise<string> {
  const values = marks.filter((m) => Number.isFinite(m.x) && Number.isFinite(m.y) && (!o.logX || m.x > 0) && (!o.logY || m.y > 0)).map((m) => ({ ...m }));
  const names = distinct(values.map((m) => m.panel));
  const series = distinct(values.map((m) => m.series));
  const x = { field: 'x', type: 'quantitative', title: o.x, scale: o.logX ? { type: 'log' } : { zero: false } };
  const y = { field: 'y', type: 'quantitative', title: o.y, scale: o.logY ? { type: 'log' } : { zero: false } };
  return render({
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: o.subtitle ? { text: o.title, subtitle: typeof o.subtitle === 'string' ? o.subtitle : [...o.subtitle] } : o.title,
    config: { legend: { labelLimit: 280 } },
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: names },
    columns: names.length > 1 ? 2 : 1,
    spec: {
      width: names.length > 1 ? 300 : 560,
      height: names.length > 1 ? 220 : 320,
      layer: [
        layerOf('line', series, { type: 'line', point: values.length <= 300 }, { x, y }),
        layerOf('dash', series, { type: 'line', strokeDash: [5, 3] }, { x, y }),
        layerOf('marker', series, { type: 'point', shape: 'diamond', filled: true, size: 110, stroke: 'black', strokeWidth: 0.7 }, { x, y }),
        layerOf('rule', series, { type: 'rule', strokeDash: [2, 2], strokeWidth: 1 }, { x }),
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
  const marks = all.flatMap((c): Mark[] => {
    const p = panel(c);
    const err = (e: number) => (e > 0 ? e : ZERO_FLOOR);
    const b = best(c);
    if (b.h === null) {
      const range = hs(p);
      const [lo, hi] = range.length ? [Math.min(...range), Math.max(...range)] : [1e-16, 1];
      return [lo, hi].map((h) => ({ panel: p, series: c.method, x: h, y: err(b.relError), kind: 'dash' }));
    }
    const optimum = c.rows.map((row) => row.optimalStep).find((v) => v !== undefined);
    return [
      ...c.rows.filter((row) => row.h !== null).map((row): Mark => ({ panel: p, series: c.method, x: row.h!, y: err(row.relError), kind: 'line' })),
      { panel: p, series: c.method, x: b.h, y: err(b.relError), kind: 'marker' },
      ...(optimum !== undefined ? [{ panel: p, series: c.method, x: optimum, y: 1, kind: 'rule' } as Mark] : []),
    ];
  });
  return panels(marks, {
    title: 'Relative error of the derivative against the step h',
    subtitle: ['◆ the best step observed · dotted rule: the theoretical optimum', 'dashed: methods without a step (an error of 0 is drawn at 1e-17)'],
    x: 'step h',
    y: 'relative error',
    logX: true,
    logY: true,
  });
}

export function costChart(r: Results): Promise<string> {
  const rows = r.cost ?? [];
  const evaluation = distinct(rows.map((c) => JSON.stringify([c.workload, c.n]))).map((k) => {
    const [w, n] = JSON.parse(k) as [string, number];
    const t = median(rows.filter((c) => c.workload === w && c.n === n).map((c) => c.secondsPerEvaluation));
    return { panel: w, series: 'evaluation of f', x: n, y: t ?? NaN, kind: 'dash' } as Mark;
  });
  const marks = rows.filter((c) => c.secondsPerGradient !== null).map((c): Mark => ({ panel: c.workload, series: c.method, x: c.n, y: c.secondsPerGradient!, kind: 'line' }));
  return panels([...marks, ...evaluation], { title: 'Time per gradient against the number of inputs', subtitle: 'dashed: one evaluation of f', x: 'n (inputs)', y: 'seconds per gradient', logX: true, logY: true, independent: true });
}

export function swellChart(r: Results): Promise<string> {
  const marks = (r.swell ?? []).flatMap((s): Mark[] => [
    { panel: s.family, series: 'expression (tree)', x: s.k, y: s.expressionNodes, kind: 'dash' },
    ...(s.expressionDagNodes !== undefined ? [{ panel: s.family, series: 'expression (DAG)', x: s.k, y: s.expressionDagNodes, kind: 'dash' } as Mark] : []),
    { panel: s.family, series: 'tree', x: s.k, y: s.treeNodes, kind: 'line' },
    { panel: s.family, series: 'DAG', x: s.k, y: s.dagNodes, kind: 'line' },
    { panel: s.family, series: 'simplified tree', x: s.k, y: s.simplifiedTreeNodes, kind: 'line' },
    { panel: s.family, series: 'simplified DAG', x: s.k, y: s.simplifiedDagNodes, kind: 'line' },
  ]);
  return panels(marks, { title: 'Size of the symbolic derivative against k', subtitle: 'solid: the derivative as a tree and as a DAG, before and after simplifying · dashed: the expression itself', x: 'k', y: 'nodes', logY: true, independent: true });
}

export function trainingChart(r: Results): Promise<string> {
  const rows = r.training ?? [];
  const label = (t: { network: string; batch: number }) => `${t.network}, batch ${t.batch}`;
  const labels = distinct(rows.map(label));
  // TF.js's step time, from the peers rows, on the line of the network and batch it ran.
  const tfjs = distinct((r.peers ?? []).filter((p) => p.peer === 'tfjs' && aboutTraining(p) && p.peerValue !== null).map((p) => p.workload)).map((workload) => {
    const p = r.peers!.find((q) => q.peer === 'tfjs' && q.workload === workload && q.peerValue !== null)!;
    const series = labels.find((l) => workload.includes(l)) ?? workload;
    return { category: 'TF.js (CPU)', value: p.peerValue!, series };
  });
  return dotChart(
    [...rows.filter((t) => t.secondsPerStep !== null).map((t) => ({ category: t.method, value: t.secondsPerStep!, series: label(t) })), ...tfjs],
    { title: 'Time per training step', category: 'method', value: 'seconds per step (log scale)', logValue: true },
  );
}

export function trainingLossChart(r: Results): Promise<string> {
  const marks = (r.trainingCurves ?? []).flatMap((c) =>
    c.loss.map((loss, i): Mark => ({ panel: c.network ? `${c.data}, ${c.network}` : c.data, series: c.method, x: i + 1, y: loss, kind: 'line' })),
  );
  return panels(marks, { title: 'Training loss per epoch', subtitle: 'every method from the same seed: where the gradients agree, the curves coincide', x: 'epoch', y: 'loss', logY: true });
}

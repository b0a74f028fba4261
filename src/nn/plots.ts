// The pictures a training run leaves behind: loss curves, per-layer gradient norms, and the
// decision boundary of a two-feature classifier over its data.
import { lineChart, planeChart } from '../report/charts';
import type { Dataset } from './data';
import { forwardPass, type Architecture } from './network';
import type { TrainResult } from './train';

export function lossCurve(results: readonly { label: string; result: TrainResult }[], title = 'Loss per epoch'): Promise<string> {
  const series = results.flatMap(({ label, result }) => [
    { name: `${label} train`, points: result.history.map((h) => [h.epoch, h.train.loss] as const) },
    ...(result.history.some((h) => Number.isFinite(h.test.loss)) ? [{ name: `${label} test`, points: result.history.map((h) => [h.epoch, h.test.loss] as const) }] : []),
  ]);
  return lineChart(series, { title, x: 'epoch', y: 'mean loss', logY: true });
}

export function gradientNormChart(result: TrainResult): Promise<string> {
  const layers = result.history[0]?.gradientNorms.length ?? 0;
  const series = Array.from({ length: layers }, (_, l) => ({
    name: `layer ${l + 1}`,
    points: result.history.map((h) => [h.epoch, h.gradientNorms[l]] as const),
  }));
  return lineChart(series, { title: 'Mean gradient norm ‖∂L/∂W‖ per layer', x: 'epoch', y: '‖∂L/∂W‖', logY: true });
}

/** The model's output over a grid spanning the data, with the test points on top. */
export function decisionBoundary(arch: Architecture, params: Float64Array, data: Dataset, resolution = 60): Promise<string> {
  const all = [data.train, data.test];
  const xs = all.flatMap((s) => Array.from({ length: s.n }, (_, i) => s.x[2 * i]));
  const ys = all.flatMap((s) => Array.from({ length: s.n }, (_, i) => s.x[2 * i + 1]));
  const pad = (lo: number, hi: number) => [lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo)];
  const [x0, x1] = pad(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = pad(Math.min(...ys), Math.max(...ys));
  const [dx, dy] = [(x1 - x0) / resolution, (y1 - y0) / resolution];
  const grid = new Float64Array(resolution * resolution * 2);
  for (let i = 0; i < resolution; i++) {
    for (let j = 0; j < resolution; j++) {
      grid[2 * (i * resolution + j)] = x0 + (i + 0.5) * dx;
      grid[2 * (i * resolution + j) + 1] = y0 + (j + 0.5) * dy;
    }
  }
  const { a } = forwardPass(arch, params, grid, resolution * resolution);
  const out = a[a.length - 1];
  const k = arch.sizes[arch.sizes.length - 1];
  const cells = Array.from({ length: resolution * resolution }, (_, c) => ({
    x: grid[2 * c] - dx / 2,
    y: grid[2 * c + 1] - dy / 2,
    value: k === 1 ? out[c] : argmax(out.subarray(c * k, (c + 1) * k)),
  }));
  const points = Array.from({ length: data.test.n }, (_, i) => ({ series: `class ${data.test.label[i]}`, x: data.test.x[2 * i], y: data.test.x[2 * i + 1] }));
  return planeChart({ cells, step: [dx, dy] }, { kind: 'points', items: points }, {
    title: `Decision boundary on ${data.name} (test points)`,
    x: 'feature 1',
    y: 'feature 2',
    value: k === 1 ? 'p(class 1)' : 'class',
  });
}

function argmax(v: Float64Array): number {
  let best = 0;
  for (let j = 1; j < v.length; j++) if (v[j] > v[best]) best = j;
  return best;
}

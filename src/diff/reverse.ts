// Reverse mode: a tape recorded while the program runs, swept backwards once per output, so the
// whole gradient costs one sweep whatever n; second derivatives by forward-over-reverse.
import { float } from '../interpret/domain';
import { fromJacobian, requireLength, requireScalar, unit } from './common';
import { Dual, dualDomain, lanes } from './dual';
import type { Fn, Point } from './fn';
import { backward } from './graph';
import { graphAt, record, trace, type Traced } from './trace';
import type { Answer, Differentiator, Options, Stats } from './types';

/** wᵀJ for one cotangent w (one entry per output). */
function pullback(t: Traced, w: readonly number[]): number[] {
  if (t.graph && t.values) {
    const adj = backward(t.graph, t.values, w);
    const n = t.layout.n;
    const out = new Array<number>(n);
    for (let j = 0; j < n; j++) out[j] = adj[j];
    return out;
  }
  const rec = t.recording!;
  const seeds = new Map<number, number>();
  rec.outs.forEach((o, i) => {
    if (o.id >= 0 && w[i] !== 0) seeds.set(o.id, (seeds.get(o.id) ?? 0) + w[i]);
  });
  const adj = rec.tape.backward(seeds);
  if (adj.every(Number.isFinite)) return adj;
  // Float64 may have lost a product (0·∞): the graph sweep of this tape redoes it in wide floats.
  const { graph, values } = graphAt(t);
  return Array.from(backward(graph, values, w).subarray(0, t.layout.n));
}

function tapeStats(t: Traced, sweeps: number): Stats {
  const graph = t.graph;
  if (graph) return { sweeps, tapeLength: graph.ops, tapeBytes: graph.bytes, replayed: true };
  const tape = t.recording!.tape;
  return { sweeps, tapeLength: tape.length, tapeBytes: tape.bytes, replayed: false };
}

function jacobianOf(f: Fn, at: Point, options: Options): Answer<number[][]> {
  const t = trace(f, at, options);
  const m = typeof t.value === 'number' ? 1 : t.value.length;
  const J = Array.from({ length: m }, (_, i) => pullback(t, unit(m, i)));
  return { value: t.value, result: J, stats: tapeStats(t, m) };
}

/** Forward-over-reverse: a tape over dual numbers whose tangents are the directions `dirs`. */
function secondOrder(f: Fn, at: Point, directions: (n: number) => readonly (readonly number[])[], options: Options): { value: number | number[]; rows: number[][]; stats: Stats } {
  const t = trace(f, at, options);
  requireScalar(t.value, 'a Hessian');
  const n = t.layout.n;
  const dirs = directions(n);
  const D = dualDomain(float, dirs.length);
  const rec = record(f, t.layout, D, (j) => new Dual(t.x[j], lanes(float, dirs.map((d) => d[j]))), options);
  const out = rec.outs[0];
  const adj = out.id < 0 ? [] : rec.tape.backward(new Map([[out.id, D.constant(1)]]));
  // The adjoint of xᵢ is ∂f/∂xᵢ carried as a dual: its tangent k is (H dₖ)ᵢ.
  const rows = dirs.map((_, k) => Array.from({ length: n }, (_, i) => adj[i]?.t?.[k] ?? 0));
  return { value: t.value, rows, stats: { sweeps: 1, tapeLength: rec.tape.length, tapeBytes: rec.tape.bytes, replayed: false } };
}

export const reverse: Differentiator = {
  name: 'reverse',
  description: 'a tape recorded as the program runs, swept backwards: one sweep per output',
  ...fromJacobian(jacobianOf),
  gradient(f, at, options = {}) {
    const t = trace(f, at, options);
    requireScalar(t.value, 'a gradient');
    return { value: t.value, result: pullback(t, [1]), stats: tapeStats(t, 1) };
  },
  vjp(f, at, w, options = {}) {
    const t = trace(f, at, options);
    requireLength(w, typeof t.value === 'number' ? 1 : t.value.length, 'the cotangent');
    return { value: t.value, result: pullback(t, w), stats: tapeStats(t, 1) };
  },
  hessian(f, at, options = {}) {
    const { value, rows, stats } = secondOrder(f, at, (n) => Array.from({ length: n }, (_, k) => unit(n, k)), options);
    return { value, result: rows, stats };
  },
  hvp(f, at, v, options = {}) {
    const { value, rows, stats } = secondOrder(f, at, (n) => {
      requireLength(v, n, 'the direction');
      return [v];
    }, options);
    return { value, result: rows[0], stats };
  },
};

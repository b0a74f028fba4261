// Forward mode: dual numbers carrying a chunk of tangents, so a gradient of n inputs takes
// ⌈n/chunk⌉ sweeps; nested duals give second derivatives.
import { float } from '../interpret/domain';
import { fromJacobian, requireLength, requireScalar, unit } from './common';
import { Dual, dualDomain, lanes, laneValues } from './dual';
import type { Fn, Point } from './fn';
import { forward as sweep } from './graph';
import { graphAt, outputsOf, run, trace, type Traced } from './trace';
import type { Answer, Differentiator, Options } from './types';

/** ForwardDiff.jl picks chunks of at most 12; a little wider suits the flat graph. */
export const DEFAULT_CHUNK = 16;

/** J·V for a block of tangent columns: `tangent(j, c)` is column c's entry for input j. */
function pushforward(t: Traced, width: number, tangent: (j: number, c: number) => number, options: Options): number[][] {
  if (!(t.graph && t.values)) {
    const D = dualDomain(float, width);
    const out = run(t.fn, t.layout, D, (j) => new Dual(t.x[j], lanes(float, Array.from({ length: width }, (_, c) => tangent(j, c)))), options);
    const rows = outputsOf(out).outs.map((d) => laneValues(d.t, width));
    if (rows.every((row) => row.every(Number.isFinite))) return rows;
    // Float64 may have lost a product (0·∞): the graph sweep of this point's tape redoes it in wide floats.
  }
  const { graph: g, values } = graphAt(t);
  const T = sweep(g, values, width, (j, tj) => {
    for (let c = 0; c < width; c++) tj[c] = tangent(j, c);
  });
  return Array.from(g.outputs, (o) => Array.from(T.subarray(o * width, (o + 1) * width)));
}

function jacobianOf(f: Fn, at: Point, options: Options): Answer<number[][]> {
  const t = trace(f, at, options);
  const n = t.layout.n;
  const chunk = Math.max(1, Math.min(options.chunk ?? DEFAULT_CHUNK, n));
  const m = typeof t.value === 'number' ? 1 : t.value.length;
  const J = Array.from({ length: m }, () => new Array<number>(n).fill(0));
  let sweeps = 0;
  for (let c0 = 0; c0 < n; c0 += chunk) {
    const width = Math.min(chunk, n - c0);
    const block = pushforward(t, width, (j, c) => (j === c0 + c ? 1 : 0), options);
    sweeps++;
    block.forEach((row, i) => row.forEach((d, c) => (J[i][c0 + c] = d)));
  }
  return { value: t.value, result: J, stats: { sweeps, replayed: t.graph !== null } };
}

/** Nested duals: inner tangents the gradient, outer tangents the directions in `dirs`. */
function secondOrder(f: Fn, at: Point, directions: (n: number) => readonly (readonly number[])[], options: Options) {
  const t = trace(f, at, options);
  requireScalar(t.value, 'a Hessian');
  const n = t.layout.n;
  const dirs = directions(n);
  const inner = dualDomain(float, n);
  const outer = dualDomain(inner, dirs.length);
  const lift = (j: number) =>
    new Dual(
      new Dual(t.x[j], lanes(float, unit(n, j))),
      dirs.map((d) => (d[j] === 0 ? null : new Dual(d[j], null))),
    );
  const y = run(f, t.layout, outer, lift, options) as Dual<Dual<number>>;
  // ∂²f/∂d ∂xᵢ: the outer tangent (direction d) of the inner tangent i.
  const rows = dirs.map((_, k) => {
    const tk = y.t?.[k];
    return Array.from({ length: n }, (_, i) => tk?.t?.[i] ?? 0);
  });
  return { value: t.value, rows, n };
}

export const forward: Differentiator = {
  name: 'forward',
  description: 'dual numbers with chunked tangents: ⌈n/chunk⌉ sweeps for n inputs',
  ...fromJacobian(jacobianOf),
  jvp(f, at, v, options = {}) {
    const t = trace(f, at, options);
    requireLength(v, t.layout.n, 'the tangent');
    const block = pushforward(t, 1, (j) => v[j], options);
    return { value: t.value, result: block.map((row) => row[0]), stats: { sweeps: 1, replayed: t.graph !== null } };
  },
  hessian(f, at, options = {}) {
    const { value, rows } = secondOrder(f, at, (n) => Array.from({ length: n }, (_, k) => unit(n, k)), options);
    return { value, result: rows, stats: { sweeps: 1 } };
  },
  hvp(f, at, v, options = {}) {
    const { value, rows } = secondOrder(f, at, (n) => {
      requireLength(v, n, 'the direction');
      return [v];
    }, options);
    return { value, result: rows[0], stats: { sweeps: 1 } };
  },
};

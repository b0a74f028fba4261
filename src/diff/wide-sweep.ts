// The graph's sweeps again in wide floats, for the rare point where float64 loses a chain-rule
// product: d/dx 1/csch(x) at x = 1e-300 is a partial that underflows (-1e-600 → -0) times one that
// overflows (-1e600 → -∞). Primal values stay float64's, so an overflowed primal still gives the
// NaN it gives forward mode (log(exp(800)): 0·∞); only partials, adjoints and tangents are wide.
// An adjoint or tangent lane that no seed reaches is null: exactly zero, also against an infinite
// partial, where a computed zero (relu'(-1), an underflow) times ∞ is NaN.
import { add, mul, narrow, wide, wideDomain, type Wide } from '../domains/wide';
import { algebraOf } from '../interpret/domain';
import { partials } from '../primitives';
import type { Graph } from './graph';

const W = algebraOf(wideDomain);

const plus = (sum: Wide | null, term: Wide): Wide => (sum === null ? term : add(sum, term));

/** Node i's partials in wide floats, for its active arguments. */
function partialsAt(g: Graph, v: Float64Array, i: number): (Wide | undefined)[] {
  const s = g.start[i];
  const x = new Array<Wide>(g.start[i + 1] - s);
  for (let k = 0; k < x.length; k++) x[k] = wide(v[g.arg[s + k]]);
  return partials(g.opOf[i]!, W, x, wide(v[i]), (k) => g.active[g.arg[s + k]] === 1);
}

/** Adjoints of every node for output cotangents `seed`, as `backward` gives them. */
export function wideBackward(g: Graph, v: Float64Array, seed: ArrayLike<number>): Float64Array {
  const adj = new Array<Wide | null>(g.size).fill(null);
  for (let o = 0; o < g.outputs.length; o++) if (seed[o] !== 0) adj[g.outputs[o]] = plus(adj[g.outputs[o]], wide(seed[o]));
  for (let i = g.size - 1; i >= g.n; i--) {
    const gi = adj[i];
    if (gi === null || !g.active[i] || !g.opOf[i]) continue;
    const d = partialsAt(g, v, i);
    for (let k = g.start[i]; k < g.start[i + 1]; k++) {
      const a = g.arg[k];
      if (g.active[a]) adj[a] = plus(adj[a], mul(gi, d[k - g.start[i]]!));
    }
  }
  return Float64Array.from(adj, (a) => (a === null ? 0 : narrow(a)));
}

/** `width` tangents per node (node-major), as `forward` gives them; `seed(j, t)` fills input j's. */
export function wideForward(g: Graph, v: Float64Array, width: number, seed: (j: number, t: Float64Array) => void): Float64Array {
  const lanes = new Array<(Wide | null)[] | null>(g.size).fill(null);
  const t = new Float64Array(width);
  for (let j = 0; j < g.n; j++) {
    t.fill(0);
    seed(j, t);
    if (t.some((c) => c !== 0)) lanes[j] = Array.from(t, (c) => (c === 0 ? null : wide(c)));
  }
  for (let i = g.n; i < g.size; i++) {
    if (!g.active[i] || !g.opOf[i]) continue;
    const s = g.start[i];
    const e = g.start[i + 1];
    let reached = false;
    for (let k = s; k < e && !reached; k++) reached = lanes[g.arg[k]] !== null;
    if (!reached) continue;
    const d = partialsAt(g, v, i);
    const out = new Array<Wide | null>(width).fill(null);
    for (let k = s; k < e; k++) {
      const la = lanes[g.arg[k]];
      if (!la) continue;
      for (let c = 0; c < width; c++) if (la[c] !== null) out[c] = plus(out[c], mul(d[k - s]!, la[c]!));
    }
    lanes[i] = out;
  }
  const T = new Float64Array(g.size * width);
  lanes.forEach((l, i) => l?.forEach((c, k) => (T[i * width + k] = c === null ? 0 : narrow(c))));
  return T;
}

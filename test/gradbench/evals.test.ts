// ode and kmeans, which have no recorded cases here: every method against the formulas GradBench's
// C++ manual tool answers with, on inputs shaped as GradBench's evals make them, by its 1e-4 rule.
import { describe, expect, it } from 'vitest';
import { differentiator, METHODS } from '../../src/diff/registry';
import { Tool } from '../../src/gradbench/tool';
import { mismatches } from './support';

const runs = { min_runs: 1, min_seconds: 0 };

function answer(method: string, module: string, fn: string, input: object): unknown {
  const r = new Tool({ method: differentiator(method) }).respond({ id: 0, kind: 'evaluate', module, function: fn, input: { ...input, ...runs } });
  if (!('success' in r) || !r.success) throw new Error(`${module} ${fn}: ${JSON.stringify(r)}`);
  return r.output;
}

/** A seeded stream in [0, 1), as GradBench's numpy.random.rand is. */
function uniform(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

/** The manual tool's ode gradient: the exact solution's last element, Π xᵢ · 2ⁿ / n!, over xᵢ. */
function odeGradient(x: readonly number[]): number[] {
  let y = x[0] * 2;
  for (let i = 1; i < x.length; i++) y *= (x[i] * 2) / (i + 1);
  return x.map((xi) => y / xi);
}

/** RK4 by hand, the C++ reference's loops. */
function odePrimal(x: readonly number[], s: number): number[] {
  const n = x.length;
  const h = 2 / s;
  const y = new Array<number>(n).fill(0);
  const f = (v: readonly number[]) => v.map((_, i) => (i === 0 ? x[0] : x[i] * v[i - 1]));
  for (let step = 0; step < s; step++) {
    const k1 = f(y);
    const k2 = f(y.map((v, i) => v + (h * k1[i]) / 2));
    const k3 = f(y.map((v, i) => v + (h * k2[i]) / 2));
    const k4 = f(y.map((v, i) => v + h * k3[i]));
    for (let i = 0; i < n; i++) y[i] += (h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i])) / 6;
  }
  return y;
}

describe.each(METHODS)('ode, %s', (method) => {
  // RK4 is exact for this ODE while yₙ₋₁ has degree ≤ 4 (n ≤ 4); at GradBench's n = 1000 both
  // sides are below 1e-300, which the rule's max(1, ·) lets pass as GradBench does.
  const sizes: [number, number][] = method === 'reverse' ? [[4, 1], [4, 3], [1000, 1]] : [[4, 1], [4, 3], [30, 2]];
  it.each(sizes)('n = %i, s = %i', (n, s) => {
    const rand = uniform(n + s);
    const x = Array.from({ length: n }, rand);
    expect(mismatches(odePrimal(x, s), answer(method, 'ode', 'primal', { x, s }))).toEqual([]);
    expect(mismatches(odeGradient(x), answer(method, 'ode', 'gradient', { x, s }))).toEqual([]);
  });
});

/** The manual tool's kmeans dir: each centroid minus the mean of the points closest to it. */
function kmeansDir(points: number[][], centroids: number[][]): number[][] {
  const dist = (a: number[], b: number[]) => a.reduce((s, v, l) => s + (v - b[l]) ** 2, 0);
  const sums = centroids.map((c) => c.map(() => 0));
  const counts = centroids.map(() => 0);
  for (const p of points) {
    let best = 0;
    centroids.forEach((c, j) => (dist(p, c) < dist(p, centroids[best]) ? (best = j) : 0));
    counts[best]++;
    p.forEach((v, l) => (sums[best][l] += v));
  }
  return centroids.map((c, j) => c.map((v, l) => -(sums[j][l] / counts[j] - v)));
}

describe.each(METHODS)('kmeans, %s', (method) => {
  // Finite differences and symbolic form the whole Hessian, points included, to get H·1.
  const sizes: [number, number, number][] = method === 'reverse' || method === 'forward' ? [[40, 3, 2], [25, 4, 3]] : [[12, 3, 2]];
  it.each(sizes)('n = %i, k = %i, d = %i', (n, k, d) => {
    const rand = uniform(n * k * d);
    const points = Array.from({ length: n }, () => Array.from({ length: d }, rand));
    // As GradBench's eval: the last k points are the centroids, so no cluster is empty.
    const centroids = points.slice(-k);
    const cost = points.reduce((s, p) => s + Math.min(...centroids.map((c) => c.reduce((t, v, l) => t + (v - p[l]) ** 2, 0))), 0);
    expect(mismatches(cost, answer(method, 'kmeans', 'cost', { points, centroids }))).toEqual([]);
    expect(mismatches(kmeansDir(points, centroids), answer(method, 'kmeans', 'dir', { points, centroids }))).toEqual([]);
  });
});

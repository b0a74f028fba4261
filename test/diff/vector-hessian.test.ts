// Hessians of vector-valued functions: one matrix per output by every method, and H·v to match.
import { describe, expect, it } from 'vitest';
import { hessian, hessiansOf, hvp, differentiators, METHODS } from '../../src/diff/registry';
import { compile } from '../../src/diff/fn';

const f = '[x^2 y, sin(x) z]';
const at = { x: 1, y: 2, z: 3 };
// ∇²(x²y) and ∇²(z sin x), by hand.
const H = [
  [[2 * 2, 2 * 1, 0], [2 * 1, 0, 0], [0, 0, 0]],
  [[-3 * Math.sin(1), 0, Math.cos(1)], [0, 0, 0], [Math.cos(1), 0, 0]],
];
const tol = (method: string) => (method === 'finite' ? 1e-6 : 1e-13);

describe('the Hessian of f: R³ → R² is two matrices', () => {
  it.each(METHODS.map((m) => [m]))('%s', (method) => {
    const got = hessian<number[][][]>(f, at, { method });
    expect(got).toHaveLength(2);
    got.forEach((Hi, i) => Hi.flat().forEach((v, k) => expect(Math.abs(v - H[i].flat()[k])).toBeLessThan(tol(method))));
  });

  it.each(METHODS.map((m) => [m]))('%s H·v is one vector per output, keyed like the inputs', (method) => {
    const v = [0.5, -1, 2];
    const got = hvp<Record<string, number>[]>(f, at, v, { method });
    expect(got).toHaveLength(2);
    got.forEach((r, i) => {
      const want = H[i].map((row) => row.reduce((s, a, k) => s + a * v[k], 0));
      expect(Math.abs(r.x - want[0]) + Math.abs(r.y - want[1]) + Math.abs(r.z - want[2])).toBeLessThan(10 * tol(method));
    });
  });

  it('a scalar f still gets one matrix', () => {
    const got = hessian('x^2 y', { x: 1, y: 2 });
    expect(got).toEqual([[4, 2], [2, 0]]);
  });

  it('follows a return inside a branch and a vector held in a variable', () => {
    const g = 'v = [x^3, x y]\nif x > 0 { return v } else { return [x, y] }';
    for (const method of ['forward', 'reverse'] as const) {
      expect(hessian(g, { x: 1, y: 2 }, { method })).toEqual([[[6, 0], [0, 0]], [[0, 1], [1, 0]]]);
      expect(hessian(g, { x: -1, y: 2 }, { method })).toEqual([[[0, 0], [0, 0]], [[0, 0], [0, 0]]]);
    }
  });

  it('sums what the outputs cost', () => {
    const one = differentiators.forward.hessian(compile('x^2 y'), { x: 1, y: 2 });
    const both = hessiansOf(differentiators.forward, compile('[x^2 y, x y^2]'), { x: 1, y: 2 });
    expect(both.stats.sweeps).toBe(2 * one.stats.sweeps!);
    expect(both.value).toEqual([2, 4]);
  });
});

// gmm, which has no recorded cases here: the objective against GradBench's naive definition (the
// densities multiplied out, evaluated by its eval's own Python on inputs from its generator, seed
// 31337), and the jacobian of every method against central differences of the hand-written JS.
import { describe, expect, it } from 'vitest';
import { gmmObjective, type GmmInput } from '../../bench/gradbench-js';
import { differentiator, METHODS } from '../../src/diff/registry';
import { logGammaHalf } from '../../src/gradbench/gmm';
import { Tool } from '../../src/gradbench/tool';
import CASES from './gmm-cases.json';
import { mismatches } from './support';

function answer(method: string, fn: string, input: GmmInput): unknown {
  const r = new Tool({ method: differentiator(method) }).respond({ id: 0, kind: 'evaluate', module: 'gmm', function: fn, input: { ...input, min_runs: 1, min_seconds: 0 } });
  if (!('success' in r) || !r.success) throw new Error(`gmm ${fn}: ${JSON.stringify(r)}`);
  return r.output;
}

/** ∂F/∂θ for every entry of alpha, mu, q and l, by central differences of the hand-written F. */
function differences(input: GmmInput): Record<string, unknown> {
  const h = 1e-6;
  const at = (name: 'alpha' | 'mu' | 'q' | 'l', path: number[]) => {
    const moved = (s: number) => {
      const c = structuredClone(input);
      if (name === 'alpha') c.alpha[path[0]] += s;
      else c[name][path[0]][path[1]] += s;
      return gmmObjective(c);
    };
    return (moved(h) - moved(-h)) / (2 * h);
  };
  const rows = (name: 'mu' | 'q' | 'l') => input[name].map((row, i) => row.map((_, j) => at(name, [i, j])));
  return { alpha: input.alpha.map((_, i) => at('alpha', [i])), mu: rows('mu'), q: rows('q'), l: rows('l') };
}

it('log Γ at multiples of ½ is exact: Γ(5) = 24, Γ(½) = √π, Γ(7/2) = 15√π/8', () => {
  expect(logGammaHalf(5)).toBeCloseTo(Math.log(24), 14);
  expect(logGammaHalf(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  expect(logGammaHalf(3.5)).toBeCloseTo(Math.log((15 * Math.sqrt(Math.PI)) / 8), 14);
});

it('runs at a size where the loops run thousands of times (its loop budget holds), reverse mode', () => {
  const rand = (s => () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648))(7);
  const [d, k, n] = [3, 4, 300];
  const rows = (count: number, cols: number) => Array.from({ length: count }, () => Array.from({ length: cols }, () => rand() - 0.5));
  const input: GmmInput = { d, k, n, m: 1, gamma: 1.5, alpha: rows(1, k)[0], mu: rows(k, d), q: rows(k, d), l: rows(k, 3), x: rows(n, d) };
  expect(mismatches(gmmObjective(input), answer('reverse', 'objective', input))).toEqual([]);
  expect(answer('reverse', 'jacobian', input)).toMatchObject({ alpha: expect.any(Array) });
});

describe.each(METHODS)('gmm, %s', (method) => {
  it.each(CASES.map((c) => [`d = ${c.input.d}, k = ${c.input.k}, n = ${c.input.n}, m = ${c.input.m}`, c] as const))('%s', (_, c) => {
    const input = c.input as GmmInput;
    expect(mismatches(c.objective, answer(method, 'objective', input))).toEqual([]);
    const jacobian = answer(method, 'jacobian', input) as Record<string, unknown>;
    expect(Object.keys(jacobian).sort()).toEqual(['alpha', 'l', 'mu', 'q']);
    const expected = differences(input);
    for (const key of Object.keys(expected)) expect(mismatches(expected[key], jacobian[key], key)).toEqual([]);
  });
});

// Loop budgets: GradBench's own llsq sizes run more than 10⁶ loop iterations, which the protocol
// mode allows by itself; the same program elsewhere still stops at the default with a clear error.
import { describe, expect, it } from 'vitest';
import { differentiator } from '../../src/diff/registry';
import { evaluate } from '../../src/evaluate';
import { GradlabError } from '../../src/errors';
import { detBudget, detSource } from '../../src/gradbench/det';
import { llsqSource } from '../../src/gradbench/llsq';
import { Tool } from '../../src/gradbench/tool';
import { DEFAULT_MAX_ITERATIONS } from '../../src/interpret/interpret';

const x = Array.from({ length: 128 }, (_, j) => Math.cos(j));
const n = 8196; // GradBench's default sizes: n·m = 1,049,088 inner iterations at m = 128

describe('loop budgets', () => {
  it('llsq at n = 8196, m = 128 runs under the protocol without raising maxIterations', () => {
    expect(n * x.length).toBeGreaterThan(DEFAULT_MAX_ITERATIONS);
    const r = new Tool({ method: differentiator('reverse') }).respond({ id: 0, kind: 'evaluate', module: 'llsq', function: 'primal', input: { x, n, min_runs: 1, min_seconds: 0 } });
    expect(r).toMatchObject({ id: 0, success: true, output: expect.any(Number) });
  }, 60_000);

  it('the same program outside the protocol stops at the default budget, naming the way out', () => {
    let err: unknown;
    try {
      evaluate(llsqSource(n), { x });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GradlabError);
    expect(err).toMatchObject({ code: 'iteration-budget', message: expect.stringMatching(/budget of 1,000,000 iterations; raise it with maxIterations/) });
  }, 60_000);

  it.each([1, 2, 3, 4, 7])('det at ℓ = %i runs within its budget and equals the determinant by elimination', (ell) => {
    const A = Array.from({ length: ell * ell }, (_, k) => Math.sin(k + 1) + (k % (ell + 1) === 0 ? 2 : 0));
    expect(evaluate(detSource(ell), { A }, { maxIterations: detBudget(ell) })).toBeCloseTo(eliminated(A, ell), 12);
    expect(Number.isSafeInteger(detBudget(11))).toBe(true);
  });
});

/** det A by Gaussian elimination with partial pivoting: another way, to check the minors. */
function eliminated(values: readonly number[], ell: number): number {
  const a = Array.from({ length: ell }, (_, i) => values.slice(i * ell, (i + 1) * ell));
  let det = 1;
  for (let k = 0; k < ell; k++) {
    let p = k;
    for (let i = k + 1; i < ell; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
    if (p !== k) [a[p], a[k], det] = [a[k], a[p], -det];
    det *= a[k][k];
    for (let i = k + 1; i < ell; i++) {
      const f = a[i][k] / a[k][k];
      for (let j = k; j < ell; j++) a[i][j] -= f * a[k][j];
    }
  }
  return det;
}

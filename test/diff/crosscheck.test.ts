// Cross-checks beyond the corpus: random expressions through every method, and the symbolic
// derivative against mathjs.derivative, both judged by evaluation at points.
import fc from 'fast-check';
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { compile, derivative, differentiators, evaluate, GradlabError, print, reference } from '../../src/index';
import { exprArb, programOf } from '../support/arbitraries';
import { mixedError } from '../../src/diff/distance';
import { CORPUS } from './corpus';

const TOLERANCE = { finite: 1e-5, symbolic: 1e-9, forward: 1e-9, reverse: 1e-9 } as const;

describe('random smooth expressions: every method agrees with the reference', () => {
  const smooth = exprArb({
    ops: ['add', 'subtract', 'multiply', 'unaryMinus', 'sin', 'cos', 'exp', 'tanh', 'sigmoid', 'atan', 'softplus'],
    names: ['x', 'y'],
    numbers: fc.integer({ min: 1, max: 5 }),
    vectors: false,
    maxDepth: 4,
  });
  const point = fc.record({ x: fc.double({ min: -1.5, max: 1.5, noNaN: true }), y: fc.double({ min: -1.5, max: 1.5, noNaN: true }) });

  it.each(Object.values(differentiators).map((d) => [d.name, d] as const))('%s', (_, d) => {
    fc.assert(
      fc.property(smooth, point, (e, p) => {
        const fn = compile(programOf(e));
        const at = Object.fromEntries(fn.inputs.map((name) => [name, p[name as 'x' | 'y']]));
        let want: number[];
        try {
          want = reference(fn, at).jacobian.flat();
        } catch (err) {
          if (err instanceof GradlabError) return true; // outside the domain at this point
          throw err;
        }
        if (!want.every(Number.isFinite) || want.some((v) => Math.abs(v) > 1e6)) return true;
        const got = d.jacobian(fn, at).result.flat();
        return mixedError(got, want) < TOLERANCE[d.name];
      }),
      { numRuns: 60 },
    );
  });
});

describe('symbolic derivatives against mathjs.derivative', () => {
  /** Single-variable corpus expressions in functions mathjs also differentiates. */
  const MATHJS = /^(?:[-+*/^().,\s\dx]|sin|cos|tan|exp|log|sqrt|sinh|cosh|tanh|asin|acos|atan|sec|csc|cot|pi)+$/;
  // mathjs reads `x(…)` as a call of x, and has no derivative for atan2 or log2.
  const cases = CORPUS.filter(
    (c) => typeof c.at.x === 'number' && Object.keys(c.at).length === 1 && MATHJS.test(c.source) && !/x\(|atan2|log2/.test(c.source),
  );

  it('covers a good part of the corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.source, c] as const))('%s', (_, c) => {
    const ours = derivative(c.source, 'x');
    const theirs = math.derivative(c.source, 'x');
    for (const x of [c.at.x as number, (c.at.x as number) * 1.1 + 0.01]) {
      let want: number;
      try {
        want = theirs.evaluate({ x }) as number;
      } catch {
        continue;
      }
      if (typeof want !== 'number' || !Number.isFinite(want)) continue;
      const d = compile(print(ours));
      const got = evaluate(d.program!, d.inputs.includes('x') ? { x } : {}) as number;
      expect(Math.abs(got - want)).toBeLessThan(1e-9 * Math.max(1, Math.abs(want)));
    }
  });
});

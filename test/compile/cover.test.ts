// A Float64Array point is tested for finiteness by the generated code's own reads where its
// loops cover the input (src/compile/cover.ts), by one pass otherwise: either way gradient() and
// evaluate() answer and refuse exactly as the interpreted engine does, and `out` is left as it
// was when the point is refused.
import { describe, expect, it } from 'vitest';
import { outcome } from './support';
import { compile, evaluate, gradient, parse } from '../../src/index';
import { variableKinds, withFinalReturn } from '../../src/compile/analyze';
import { coverPlan } from '../../src/compile/cover';
import { primalSource } from '../../src/compile/primal';
import { reverseSource } from '../../src/compile/reverse';
import { RUNTIME } from '../../src/compile/runtime';
import { LSE } from '../../bench/handwritten';
import { ROSENBROCK } from '../../src/harness/workloads';

const PROGRAMS: readonly [string, string][] = [
  ['Rosenbrock (two reads cover it)', ROSENBROCK],
  ['lse (max, then a loop over all of it)', LSE],
  ['a loop missing the last element', 's = 0\nfor i = 1:length(x) - 1 { s = s + x[i]^2 }\nreturn s'],
  ['a loop from a fractional start', 's = 0\nfor i = 0.5:length(x) { s = s + x[1] * i }\nreturn s'],
  ['one element, no loop', 'return x[1] * 2'],
  ['a loop that may return first', 's = 0\nif length(x) > 3 { return 1 }\nfor i = 1:length(x) { s = s + x[i] }\nreturn s'],
  ['an element read in a branch', 's = 0\nfor i = 1:length(x) { if i > 1 { s = s + x[i] } }\nreturn s + x[1]'],
  ['a loop over an offset', 's = 0\nfor i = 0:length(x) - 1 { s = s + sin(x[i + 1]) }\nreturn s'],
];

const BAD: readonly number[] = [NaN, Infinity, -Infinity];

describe('a non-finite element of a Float64Array point', () => {
  for (const [name, source] of PROGRAMS) {
    describe(name, () => {
      const fn = compile(source);
      for (const bad of BAD) {
        for (const k of [0, 2, 5]) {
          it(`${bad} as element ${k + 1}: the same error (gradient) or answer (evaluate) as the interpreter`, () => {
            const x = Float64Array.from([0.5, -0.25, 0.75, 1.5, -1, 0.125]);
            x[k] = bad;
            const want = outcome(() => gradient(fn, { x: Array.from(x) }, { engine: 'interpreted' }));
            expect(want).toMatchObject({ code: 'type', message: `input 'x' must be a finite number or a vector of them, got ${bad} as element ${k + 1} of 6` });
            expect(outcome(() => gradient(fn, { x }))).toEqual(want);
            const out = new Float64Array(6).fill(7);
            expect(outcome(() => gradient(fn, { x }, { out }))).toEqual(want);
            expect(Array.from(out)).toEqual([7, 7, 7, 7, 7, 7]);
            // evaluate refuses a NaN and runs the interpreter on ±Infinity, as with the interpreted engine.
            expect(outcome(() => evaluate(fn, { x } as never))).toEqual(outcome(() => evaluate(fn, { x } as never, { engine: 'interpreted' })));
          });
        }
      }
      it('a finite point: both engines agree', () => {
        const x = Float64Array.from([0.5, -0.25, 0.75, 1.5, -1, 0.125]);
        const a = gradient(fn, { x }).x;
        const b = gradient(fn, { x }, { engine: 'interpreted' }).x;
        for (let i = 0; i < 6; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(b[i])));
        expect(evaluate(fn, { x } as never)).toBeCloseTo(evaluate(fn, { x } as never, { engine: 'interpreted' }) as number, 14);
      });
    });
  }
  it('non-number elements of a plain point are refused as before', () => {
    const fn = compile(ROSENBROCK);
    for (const v of ['a', null, undefined, {}]) {
      const x = [1, 2, v as never, 4];
      expect(outcome(() => gradient(fn, { x }))).toEqual(outcome(() => gradient(fn, { x }, { engine: 'interpreted' })));
      expect(outcome(() => gradient(fn, { x }))).toMatchObject({ code: 'type' });
    }
  });
  it('a loop of no trips covers nothing: the verb tests the point itself', () => {
    const fn = compile(ROSENBROCK);
    expect(outcome(() => gradient(fn, { x: Float64Array.of(NaN) }))).toMatchObject({ code: 'type', message: "input 'x' must be a finite number or a vector of them, got NaN as element 1 of 1" });
    expect(gradient(fn, { x: Float64Array.of(2) }).x).toEqual(Float64Array.of(0));
  });
  it('finite elements whose sum overflows: the verb tests the point itself and answers', () => {
    const fn = compile('s = 0\nfor i = 1:length(x) { s = s + sin(x[i]) }\nreturn s');
    const x = Float64Array.of(1.7e308, 1.7e308, -1e308);
    expect(Array.from(gradient(fn, { x }).x)).toEqual(gradient(fn, { x: Array.from(x) }, { engine: 'interpreted' }).x);
    expect(evaluate(fn, { x } as never)).toBe(evaluate(fn, { x } as never, { engine: 'interpreted' }));
  });
  it('a point that makes the generated code bail is tested first', () => {
    // x[4] is out of range for 3 elements: the interpreter's index error, unless the point is bad.
    const fn = compile('s = 0\nfor i = 1:4 { s = s + x[i] }\nreturn s');
    expect(outcome(() => gradient(fn, { x: Float64Array.of(1, NaN, 3) }))).toMatchObject({ code: 'type' });
    expect(outcome(() => gradient(fn, { x: Float64Array.of(1, 2, 3) }))).toEqual(outcome(() => gradient(fn, { x: [1, 2, 3] }, { engine: 'interpreted' })));
  });
});

describe('the answer tested by the adjoint sweep’s own writes', () => {
  it('an overflowing gradient still reaches the interpreted sweeps (same answer or error as the interpreted engine)', () => {
    for (const source of ['s = 0\nfor i = 1:length(x) { s = s + exp(x[i]) / 1e300 }\nreturn s', 's = 0\nfor i = 1:length(x) - 1 { s = s + x[i] * x[i + 1] * 1e300 }\nreturn s']) {
      const fn = compile(source);
      const x = Float64Array.of(1, 800, 2, 1e10);
      const want = outcome(() => gradient(fn, { x: Array.from(x) }, { engine: 'interpreted' }));
      const got = outcome(() => gradient(fn, { x }));
      expect(got instanceof Object && 'x' in got ? Array.from((got as { x: Float64Array }).x) : got).toEqual(want instanceof Object && 'x' in want ? (want as { x: number[] }).x : want);
    }
  });
  it('is folded only where every write into the gradient is one `+=` (Rosenbrock), not where a loop over the whole vector writes it', () => {
    const { program, kinds } = planOf(ROSENBROCK);
    expect(reverseSource(program, ['x'], kinds)).toContain('st.finite = AC - AC === 0;');
    const whole = planOf('s = 0\nfor i = 1:length(x) { s = s + x[i] }\nreturn s + sum(x)');
    expect(reverseSource(whole.program, ['x'], whole.kinds)).toContain('st.finite = false;');
  });
});

const planOf = (source: string) => {
  const program = parse(source);
  const kinds = variableKinds(program, new Map([['x', 'vector']]));
  return { program, kinds, cover: coverPlan(withFinalReturn(program), ['x'], kinds) };
};

describe('the plan', () => {
  it('covers Rosenbrock by its two reads, in both sweeps', () => {
    const { program, kinds, cover } = planOf(ROSENBROCK);
    expect([...cover!.loops.values()]).toEqual([[1, 0]]);
    expect(primalSource(program, ['x'], kinds)).toContain('IC - IC === 0 && R.covered(CV, len[0])');
    expect(reverseSource(program, ['x'], kinds)).toContain('st.seed(RES, IC - IC === 0 && R.covered(CV, len[0]))');
  });
  it('has nothing to say where no top-level loop reads the input, or the program writes it', () => {
    expect(planOf('return x[1] * 2').cover).toBeUndefined();
    expect(planOf('x[1] = 2\ns = 0\nfor i = 1:length(x) { s = s + x[i] }\nreturn s').cover).toBeUndefined();
    expect(planOf('s = 0\nfor i = 1:length(x) { for j = 1:2 { s = s + x[i] } }\nreturn s').cover).toBeUndefined();
  });
  it('R.covered: ranges that together cover 1 … n', () => {
    expect(RUNTIME.covered([2, 5, 1, 4], 5)).toBe(true);
    expect(RUNTIME.covered([1, 2, 4, 5], 5)).toBe(false);
    expect(RUNTIME.covered([1, 4], 5)).toBe(false);
    expect(RUNTIME.covered([1, 5], 5)).toBe(true);
    expect(RUNTIME.covered([], 3)).toBe(false);
  });
});

describe('the adjoint sweep’s loop counter', () => {
  it('is exact from an int32 start, a start beyond int32 and a fractional one', () => {
    for (const lo of ['-3', '3000000000', '2147483646', '0.5']) {
      const fn = compile(`s = 0\nfor i = ${lo}:${lo} + 2 { s = s + x[1] * i * i + x[2] * i }\nreturn s`);
      const x = Float64Array.of(0.5, -0.25);
      expect(Array.from(gradient(fn, { x }).x)).toEqual(gradient(fn, { x: Array.from(x) }, { engine: 'interpreted' }).x);
    }
  });
});

// Where a chain-rule product overflows or underflows in float64: forward and reverse agree with
// each other and with the reference, or both raise the typed domain error; never a masked 0.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as ast from '../../src/ast';
import { compile, differentiators, EvalError, GradlabError, reference, type Point } from '../../src/index';
import { mixedError } from '../../src/diff/distance';
import { exprArb, programOf } from '../support/arbitraries';

const exact = ['forward', 'reverse'] as const;
/** The same function with a branch on its input, so that it is recorded anew (no replayed graph). */
const branchy = (source: string) => `if x > -1e308 { y = ${source} } else { y = 0 }\nreturn y`;

function outcome(method: (typeof exact)[number], source: string, at: Point): number[] | 'domain' {
  try {
    return differentiators[method].jacobian(compile(source), at).result.flatMap((r) => [...r]);
  } catch (err) {
    if (err instanceof EvalError && err.code === 'domain') return 'domain';
    throw err;
  }
}

describe.each(exact)('%s', (method) => {
  // A product whose factors are 1e-600 and 1e600 in exact arithmetic: float64 sees -0 · -∞.
  it.each([
    ['1 / csch(x)', { x: 1e-300 }, [1]],
    ['1 / csch(x)', { x: -1e-300 }, [1]],
    ['sinh(x) / csch(x)^2', { x: 1e-200 }, [0]],
    ['x / sech(y)', { x: 2, y: 700 }, [Math.cosh(700), 2 * Math.sinh(700)]],
  ] as const)('d %s at %j is the true value, replayed or recorded', (source, at, want) => {
    for (const f of [source, branchy(source)]) {
      for (let call = 0; call < 2; call++) {
        const got = outcome(method, f, at);
        expect(got).not.toBe('domain');
        (got as number[]).forEach((g, k) => expect(Math.abs(g - want[k])).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(want[k]))));
      }
    }
  });

  // An intermediate primal overflowed: its partials meet as 0 · ∞, as in every other method.
  it.each([
    ['log(cosh(x))', { x: -10500 }],
    ['log(exp(x))', { x: 800 }],
    ['atan(exp(x))', { x: 800 }],
    ['relu(sqrt(x) - 1)', { x: 0 }],
  ] as const)('d %s at %j is a domain error, not 0', (source, at) => {
    expect(outcome(method, source, at)).toBe('domain');
    expect(outcome(method, branchy(source), at)).toBe('domain');
  });

  // A direction that no input moves in stays exactly zero through an infinite partial.
  it('keeps ∂/∂y = 1 of sqrt(x) + y at x = 0, where ∂/∂x = ∞', () => {
    expect(outcome(method, 'sqrt(x) + y', { x: 0, y: 1 })).toEqual([Infinity, 1]);
    expect(outcome(method, '[sqrt(x), y]', { x: 0, y: 1 })).toEqual([Infinity, 0, 0, 1]);
  });
});

it('forward mode moves only along the direction given, and the reference agrees', () => {
  expect(differentiators.forward.jvp(compile('x + sqrt(y)'), { x: 1, y: 0 }, [1, 0]).result).toEqual([1]);
  expect(reference('sqrt(x) + y', { x: 0, y: 1 }).jacobian).toEqual([[Infinity, 1]]);
  expect(differentiators.forward.hessian(compile('x^2 + sqrt(y)'), { x: 1, y: 4 }).result[0][0]).toBe(2);
});

describe('random expressions at points where float64 overflows: forward and reverse agree', () => {
  const ops = ['add', 'subtract', 'multiply', 'divide', 'exp', 'log', 'sinh', 'cosh', 'csch', 'sech', 'tanh', 'atan', 'sqrt', 'relu'];
  const expr = exprArb({ ops, names: ['x', 'y'], numbers: fc.integer({ min: 1, max: 4 }), vectors: false, maxDepth: 4 });
  const magnitude = fc.constantFrom(1e-300, 1e-200, 1e-150, 1.5, 300, 710, 800, -800, 10500, -10500);
  const point = fc.record({ x: magnitude, y: magnitude });

  it('both give the domain error, or the same values (the reference\'s, where it is finite)', () => {
    fc.assert(
      fc.property(expr, point, (e, p) => {
        const program = programOf(ast.call('add', [e, ast.variable('x')]));
        const fn = compile(program);
        const at = Object.fromEntries(fn.inputs.map((name) => [name, p[name as 'x' | 'y']]));
        let results: (number[] | 'domain')[];
        try {
          results = exact.map((m) => {
            try {
              return differentiators[m].jacobian(fn, at).result.flat();
            } catch (err) {
              if (err instanceof EvalError && err.code === 'domain') return 'domain';
              throw err;
            }
          });
        } catch (err) {
          if (err instanceof GradlabError) return true; // f itself has no value here
          throw err;
        }
        const [fwd, rev] = results;
        if (fwd === 'domain' || rev === 'domain') return fwd === rev;
        if (mixedError(fwd, rev) > 1e-12 && !fwd.every((v, k) => v === rev[k])) return false;
        let want: number[];
        try {
          want = reference(fn, at).jacobian.flat();
        } catch (err) {
          if (err instanceof GradlabError) return true;
          throw err;
        }
        return !want.every(Number.isFinite) || !fwd.every(Number.isFinite) || mixedError(fwd, want) < 1e-9;
      }),
      { numRuns: 150 },
    );
  });
});

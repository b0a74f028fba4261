// What each method promises beyond agreement: the seed examples, Jacobians and Hessians against
// closed forms, the adjoint identity, the cost counts, and typed refusals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compile, derivative, differentiators, gradient, hessian, hvp, jacobian, jvp, print, vjp, UnsupportedError, EvalError,
} from '../../src/index';
import { DEFAULT_CHUNK } from '../../src/diff/forward';

const methods = Object.values(differentiators);
const LOOP = 'while abs(x) > 5 {\n  x = x / 2\n}\nreturn x^2';

describe('the seed examples', () => {
  it('d/dx (2x + 3x^2 + x(6 - 2)) prints as 6x + 6', () => {
    expect(['6x + 6', '6(x + 1)']).toContain(print(derivative('2x + 3x^2 + x(6 - 2)', 'x')));
  });

  it('sin(x)^2 + cos(x)^2 has derivative 0', () => {
    expect(print(derivative('sin(x)^2 + cos(x)^2', 'x'))).toBe('0');
  });

  it.each(['forward', 'reverse', 'finite'] as const)('%s follows the loop: 1.5 at x = 12', (method) => {
    expect((gradient(LOOP, { x: 12 }, { method }).x as number)).toBeCloseTo(1.5, 8);
  });

  it('symbolic refuses the loop, naming the while statement and its line', () => {
    const fn = compile(LOOP);
    let caught: unknown;
    try {
      differentiators.symbolic.gradient(fn, { x: 12 });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UnsupportedError);
    const e = caught as UnsupportedError;
    expect(e.construct).toBe('while');
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/while loop/);
  });
});

describe('Jacobians and Hessians against closed forms', () => {
  const f = 'x^2 y + sin(x y)';
  const at = { x: 1.5, y: 2 };
  const H = [
    [2 * 2 - 2 * 2 * Math.sin(3), 2 * 1.5 + Math.cos(3) - 3 * Math.sin(3)],
    [2 * 1.5 + Math.cos(3) - 3 * Math.sin(3), -1.5 * 1.5 * Math.sin(3)],
  ];
  it.each(methods.map((d) => [d.name]))('%s Hessian', (method) => {
    const got = hessian(f, at, { method: method as never });
    const tol = method === 'finite' ? 1e-5 : 1e-12;
    got.flat().forEach((v, k) => expect(Math.abs(v - H.flat()[k])).toBeLessThan(tol));
  });

  it.each(methods.map((d) => [d.name]))('%s Jacobian of [r cos t, r sin t]', (method) => {
    const J = jacobian('[r cos(t), r sin(t)]', { r: 2, t: 0.6 }, { method: method as never });
    const want = [[Math.cos(0.6), -2 * Math.sin(0.6)], [Math.sin(0.6), 2 * Math.cos(0.6)]];
    J.flat().forEach((v, k) => expect(v).toBeCloseTo(want.flat()[k], method === 'finite' ? 7 : 13));
  });

  it.each(methods.map((d) => [d.name]))('%s Hessian-vector product equals H v', (method) => {
    const got = hvp(f, at, [0.3, -0.7], { method: method as never });
    expect(got.x).toBeCloseTo(H[0][0] * 0.3 - H[0][1] * 0.7, method === 'finite' ? 5 : 12);
    expect(got.y).toBeCloseTo(H[1][0] * 0.3 - H[1][1] * 0.7, method === 'finite' ? 5 : 12);
  });
});

describe('the adjoint identity ⟨vjp(ȳ), ẋ⟩ = ⟨ȳ, jvp(ẋ)⟩', () => {
  const f = '[x y z, sin(x) + y^2, exp(z - x)]';
  const vec = fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 });
  it.each(methods.filter((d) => d.name !== 'finite').map((d) => [d.name]))('%s', (method) => {
    fc.assert(
      fc.property(vec, vec, vec, (p, xd, yb) => {
        const at = { x: p[0], y: p[1], z: p[2] };
        const left = Object.values(vjp(f, at, yb, { method: method as never })).reduce((s: number, v, k) => s + (v as number) * xd[k], 0);
        const right = (jvp(f, at, xd, { method: method as never }) as number[]).reduce((s, v, k) => s + v * yb[k], 0);
        return Math.abs(left - right) <= 1e-10 * (1 + Math.abs(left));
      }),
      { numRuns: 50 },
    );
  });
});

describe('what each method costs', () => {
  const rosenbrock = 's = 0\nfor i = 1:length(x) - 1 {\n  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s';
  const at = (n: number) => ({ x: Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1.2)) });

  it.each([5, 16, 40, 100])('forward takes ⌈n/chunk⌉ sweeps (n = %i)', (n) => {
    expect(differentiators.forward.gradient(compile(rosenbrock), at(n)).stats.sweeps).toBe(Math.ceil(n / Math.min(n, DEFAULT_CHUNK)));
  });

  it.each([5, 40, 100])('interpreted reverse takes one sweep and a tape that grows with the program (n = %i)', (n) => {
    const s = differentiators.reverse.gradient(compile(rosenbrock), at(n), { engine: 'interpreted' }).stats;
    expect(s.sweeps).toBe(1);
    expect(s.tapeLength).toBeGreaterThan(5 * (n - 1));
    expect(s.tapeBytes).toBeGreaterThan(s.tapeLength!);
  });

  it.each([3, 10])('finite central differences take 2n + 1 evaluations (n = %i)', (n) => {
    expect(differentiators.finite.gradient(compile(rosenbrock), at(n)).stats.evaluations).toBe(2 * n + 1);
  });

  it('symbolic reports its derivative as a tree and as a smaller DAG', () => {
    const s = differentiators.symbolic.gradient(compile('(x+1)(x+2)(x+3)(x+4)(x+5)(x+6)'), { x: 0.5 }).stats;
    expect(s.treeNodes).toBeGreaterThan(s.dagNodes!);
  });

  it('interpreted: a branch on the input is re-recorded at every point; a branch-free trace is replayed', () => {
    const interpreted = { engine: 'interpreted' } as const;
    expect(differentiators.reverse.gradient(compile(LOOP), { x: 12 }, interpreted).stats.replayed).toBe(false);
    expect(differentiators.reverse.gradient(compile(rosenbrock), at(4), interpreted).stats.replayed).toBe(true);
  });
});

describe('refusals and shapes', () => {
  it('a gradient of a vector-valued function is a shape error pointing to the Jacobian', () => {
    expect(() => gradient('[x, x^2]', { x: 1 })).toThrow(/jacobian/);
  });

  it('a direction of the wrong length is refused', () => {
    expect(() => jvp('x y', { x: 1, y: 2 }, [1])).toThrow(EvalError);
  });

  it('symbolic turns an if on the input into pieces and picks the one that holds', () => {
    const f = 'if x > 0 { y = x^2 } else { y = -x^3 }; y';
    expect(gradient(f, { x: 2 }, { method: 'symbolic' }).x).toBeCloseTo(4, 12);
    expect(gradient(f, { x: -2 }, { method: 'symbolic' }).x).toBeCloseTo(-12, 12);
  });

  it.each(methods.map((d) => [d.name]))('%s reports a domain error, not NaN, at a point outside the domain', (method) => {
    expect(() => gradient('sqrt(x)', { x: -1 }, { method: method as never })).toThrow(/not a real number/);
  });
});

// The complex domain: every primitive's complex step at h = 1e-200 against a 60-digit central
// difference, its real part against float64, its conventions at kinks, and whole programs.
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { bignumber } from '../../src/domains/bignumber';
import { complex, complexOf, type Complex } from '../../src/domains/complex';
import { EvalError } from '../../src/errors';
import { interpret } from '../../src/interpret/interpret';
import { parse } from '../../src/parse/parse';
import { PRIMITIVES, primitive, type Primitive } from '../../src/primitives';
import { OFF_DOMAIN, POINTS } from './points';

const H = 1e-200;
const big = bignumber(60);
const BIG_H = big.fromString('1e-25');

/** The arguments, with the step ih in argument `i`. */
const stepped = (at: readonly number[], i: number, h = H) => at.map((x, j) => complexOf(x, j === i ? h : 0));

const complexStep = (p: Primitive, at: readonly number[], i: number) => complex.apply(p, stepped(at, i)).im / H;

/** ∂f/∂xᵢ by a central difference at h = 1e-25 in 60 digits: truncation ~1e-50, rounding ~1e-45. */
function reference(p: Primitive, at: readonly number[], i: number): number {
  const args = (sign: 1 | -1) => at.map((x, j) => (j === i ? big.fromNumber(x).plus(BIG_H.times(sign)) : big.fromNumber(x)));
  return big.apply(p, args(1)).minus(big.apply(p, args(-1))).div(BIG_H.times(2)).toNumber();
}

const cases = [...PRIMITIVES.values()].flatMap((p) =>
  (POINTS[p.name] ?? []).flatMap(({ at, wrt }) => (wrt ?? at.map((_, i) => i)).map((i) => ({ name: p.name, at, i }))),
);

describe('complex step', () => {
  it.each([...PRIMITIVES.keys()])('%s has points to test at', (name) => {
    expect(POINTS[name]).toBeDefined();
  });

  it.each(cases)('$name at $at: ∂/∂x[$i] matches the 60-digit reference', ({ name, at, i }) => {
    const p = primitive(name);
    const want = reference(p, at, i);
    const got = complexStep(p, at, i);
    expect(Number.isFinite(want)).toBe(true);
    expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-14 * Math.abs(want));
  });

  it.each(cases)('$name at $at: the real part with a step in x[$i] is float64 bit for bit', ({ name, at, i }) => {
    const p = primitive(name);
    expect(complex.apply(p, stepped(at, i)).re).toBe(p.fn(...at));
  });

  it.each([...PRIMITIVES.values()].filter((p) => p.arity === 0))('the constant $name is float64 with no imaginary part', (p) => {
    expect(complex.apply(p, [])).toEqual(complexOf(p.fn(), 0));
  });
});

describe('off the axis, the analytic ops are the principal branches of mathjs Complex', () => {
  // Not principal branches by design: abs, sign, max and min decide by the real part, cbrt is the
  // real cube root. mathjs has no Complex atan2, hypot, nthRoot or dot.
  const skip = new Set(['abs', 'sign', 'max', 'min', 'cbrt', 'atan2', 'hypot', 'nthRoot', 'dot']);
  const mathjs = math as unknown as Record<string, (...z: math.Complex[]) => math.Complex>;
  const offAxis = [...PRIMITIVES.values()]
    .filter((p) => typeof mathjs[p.name] === 'function' && !skip.has(p.name) && p.arity !== 0)
    .flatMap((p) => POINTS[p.name].flatMap(({ at }) => [0.01, -0.7, 2].map((b) => ({ name: p.name, at, b }))));

  it.each(offAxis)('$name at $at with Im = $b on the first argument', ({ name, at, b }) => {
    const got = complex.apply(primitive(name), stepped(at, 0, b));
    const want = mathjs[name](...at.map((x, j) => math.complex(x, j === 0 ? b : 0)));
    expect(Math.hypot(got.re - want.re, got.im - want.im)).toBeLessThanOrEqual(1e-13 * Math.hypot(want.re, want.im));
  });
});

describe('where float64 has no value, neither has the complex step', () => {
  it.each(OFF_DOMAIN)('%s(%s) is NaN', (name, at) => {
    const p = primitive(name);
    expect(p.fn(...at)).toBeNaN();
    expect(complex.apply(p, stepped(at, 0)).re).toBeNaN();
  });

  it('the interpreter reports a domain error', () => {
    const run = () => interpret(parse('sqrt(x)'), complex, { x: complexOf(-1, H) });
    expect(run).toThrow(EvalError);
    expect(run).toThrow(expect.objectContaining({ code: 'domain' }));
  });

  it('a negative base keeps its value, but the step in the exponent has no answer', () => {
    const out = complex.apply(primitive('pow'), stepped([-2, 3], 1));
    expect(out.re).toBe(-8);
    expect(out.im).toBeNaN();
  });
});

describe('kinks follow the conventions, deciding by the real part', () => {
  const d = (name: string, at: readonly number[], i = 0) => complexStep(primitive(name), at, i);

  it.each([
    ['abs', [0], 0, 0],
    ['abs', [-3], 0, -1],
    ['relu', [0], 0, 0],
    ['heaviside', [0], 0, 0],
    ['sign', [0], 0, 0],
    ['max', [1, 1], 0, 1],
    ['max', [1, 1], 1, 0],
    ['min', [1, 1], 0, 1],
    ['min', [1, 1], 1, 0],
  ] as const)('%s(%s): ∂/∂x[%i] = %d', (name, at, i, want) => {
    expect(d(name, at, i)).toBe(want);
  });

  it('atan2 steps across every quadrant and the y axis', () => {
    for (const [y, x] of [[1e-3, -1], [-1e-3, -1], [5, 1e-9], [-5, -1e-9]]) {
      const r2 = x * x + y * y;
      expect(d('atan2', [y, x], 0)).toBeCloseTo(x / r2, 12);
      expect(d('atan2', [y, x], 1)).toBeCloseTo(-y / r2, 12);
    }
  });
});

describe('formulas that must not lose a tiny imaginary part', () => {
  it.each([1e-200, 1e-20, 1e-8])('h = %s still gives sin′(1) = cos(1)', (h) => {
    const out = complex.apply(primitive('sin'), [complexOf(1, h)]);
    expect(out.im / h).toBeCloseTo(Math.cos(1), 15);
  });

  it('x^n at x = 0 has no stray real part, and n·x^(n-1) as its step', () => {
    const pow = primitive('pow');
    expect(complex.apply(pow, [complexOf(0, H), complexOf(1)])).toEqual(complexOf(0, H));
    expect(complex.apply(pow, [complexOf(0, H), complexOf(2)]).im).toBe(0);
  });

  it('an overflowing exp keeps an exact constant, and a tanh or sech past overflow its limit', () => {
    expect(complex.apply(primitive('exp'), [complexOf(1000)])).toEqual(complexOf(Infinity, 0));
    expect(complex.apply(primitive('tanh'), [complexOf(800, H)])).toEqual(complexOf(1, 0));
    expect(complex.apply(primitive('sech'), [complexOf(1e300, H)]).re).toBe(0);
  });

  it.each([
    ['divide', [1, 0], 1, Infinity],
    ['log', [0], 0, -Infinity],
    ['exp', [Infinity], 0, Infinity],
  ] as const)('at a pole or an infinity, %s(%s) is float64’s value with no derivative', (name, at, i, want) => {
    const out = complex.apply(primitive(name), stepped(at, i));
    expect(out.re).toBe(want);
    expect(out.im).toBeNaN();
  });
});

describe('whole programs', () => {
  const derivative = (source: string, x: number) => (interpret(parse(source), complex, { x: complexOf(x, H) }) as Complex).im / H;

  it('runs a while loop: halving 12 until it is at most 5, then squaring, has derivative 1.5', () => {
    const out = interpret(parse('while abs(x) > 5 { x = x / 2 }; return x^2'), complex, { x: complexOf(12, H) }) as Complex;
    expect(out.re).toBe(9);
    expect(out.im / H).toBe(1.5);
  });

  it('runs a for loop with vectors: Σ sin(i·x) for i = 1..3', () => {
    const source = 'v = [0, 0, 0]; for i = 1:3 { v[i] = sin(i * x) }; return sum(v)';
    expect(derivative(source, 0.4)).toBeCloseTo(Math.cos(0.4) + 2 * Math.cos(0.8) + 3 * Math.cos(1.2), 14);
  });

  it('differentiates Newton’s square root through its iterations', () => {
    const source = 'y = x; for i = 1:30 { y = (y + x / y) / 2 }; return y';
    expect(derivative(source, 2)).toBeCloseTo(1 / (2 * Math.SQRT2), 15);
  });
});

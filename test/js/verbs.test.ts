// Every verb takes a JS function through the one seam, compile(); and text, programs and compiled
// functions everywhere too (simplify included).
import { describe, expect, it } from 'vitest';
import {
  checkGradient, compare, compile, derivative, evaluate, gradient, hessian, hvp, jacobian, jvp, parse, print, simplify, UsageError, vjp,
} from '../../src/index';

const f = (x: number, y: number) => x * x * y + Math.sin(x * y);
const g = 'x * x * y + sin(x * y)';
const at = { x: 1.5, y: 2 };

describe('every verb takes a JS function', () => {
  it.each([
    ['gradient', () => gradient(f, at), () => gradient(g, at)],
    ['jacobian', () => jacobian((x: number, y: number) => [x * y, Math.sin(x)], at), () => jacobian('[x * y, sin(x)]', at)],
    ['hessian', () => hessian(f, at), () => hessian(g, at)],
    ['jvp', () => jvp(f, at, [1, -1]), () => jvp(g, at, [1, -1])],
    ['vjp', () => vjp((x: number, y: number) => [x * y, Math.sin(x)], at, [1, 2]), () => vjp('[x * y, sin(x)]', at, [1, 2])],
    ['hvp', () => hvp(f, at, [1, 0]), () => hvp(g, at, [1, 0])],
    ['evaluate', () => evaluate(f, at), () => evaluate(g, at)],
    ['checkGradient', () => checkGradient(f, at, gradient(g, at)).verdict, () => checkGradient(g, at, gradient(g, at)).verdict],
    ['compile', () => compile(f).inputs, () => compile(g).inputs],
  ])('%s', (_, js, text) => {
    expect(js()).toEqual(text());
  });

  it('derivative', () => {
    expect(print(derivative((x: number) => 2 * x + 3 * x ** 2 + x * (6 - 2), 'x'))).toBe(print(derivative('2x + 3x^2 + x(6 - 2)', 'x')));
    expect(print(derivative((x: number) => 2 * x + 3 * x ** 2 + x * (6 - 2), 'x'))).toBe('6x + 6');
  });

  it('compare: symbolic refuses the while, naming it at its JS line; the others agree', () => {
    const r = compare(function (x: number) {
      while (Math.abs(x) > 5) x = x / 2;
      return x ** 2;
    }, { x: 12 });
    const by = Object.fromEntries(r.methods.map((m) => [m.method, m]));
    expect(by.symbolic.ok).toBe(false);
    expect(by.symbolic.error).toMatch(/while loop .* at 2:\d+$/);
    for (const m of ['forward', 'reverse']) expect(by[m].gradient).toEqual({ x: 1.5 });
  });

  it('simplify: of a function, its return expression', () => {
    expect(print(simplify((x: number) => Math.sin(x) ** 2 + Math.cos(x) ** 2).expr)).toBe('1');
    expect(print(simplify((x: number) => { const y = x + x; return y * 3; }).expr)).toBe(print(simplify('(x + x) * 3').expr));
  });

  it('constants bind free variables, in compile and every verb through it', () => {
    const h = (x: number) => k * x;
    expect(gradient(compile(h, { constants: { k: 3 } }), { x: 2 })).toEqual({ x: 3 });
    expect(compile(h, { constants: { k: 3 } })).toBe(compile(h, { constants: { k: 3 } }));
    expect(() => compile(h, { constants: { k: NaN } })).toThrow(UsageError);
  });
});

describe('source text, programs and compiled functions everywhere', () => {
  it('simplify takes text, a program, a compiled function and an expression', () => {
    const want = print(simplify('x+x').expr);
    expect(want).toBe('2x');
    expect(print(simplify(parse('x+x')).expr)).toBe(want);
    expect(print(simplify(compile('x+x')).expr)).toBe(want);
    expect(print(simplify(parse('y = x\nreturn y + y')).expr)).toBe(want);
  });

  it('an unknown method is a UsageError', () => {
    expect(() => gradient(f, at, { method: 'bogus' as never })).toThrow(UsageError);
  });

  it('a value that is no function is a UsageError, not a TypeError', () => {
    expect(() => gradient(42 as never, at)).toThrow(UsageError);
    expect(() => simplify(null as never)).toThrow(UsageError);
    expect(() => evaluate({} as never)).toThrow(UsageError);
  });
});

declare const k: number;

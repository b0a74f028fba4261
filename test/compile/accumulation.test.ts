// Reverse mode's accumulation loops (`for i = a:b { z = z + t }`, t not reading z: a dot product,
// a sum), which save z once per loop instead of once per trip: the same gradients and errors as
// the interpreted tape, and the stack holds one entry per loop, not one per trip.
import { describe, expect, it } from 'vitest';
import { compile, differentiators, GradlabError, type Point } from '../../src/index';

const CASES: readonly { name: string; source: string; at: Point }[] = [
  { name: 'a dot product', source: 's = 0\nfor i = 1:length(u) { s = s + u[i] * v[i] }\nreturn s^2', at: { u: [1, -2, 3.5], v: [0.5, 4, -1] } },
  { name: 'z read after the loop and before it', source: 'z = x\nfor i = 1:3 { z = z + sin(x * i) }\ny = z * x\nz = z^2\nreturn y + z', at: { x: 0.7 } },
  { name: 'nested: one accumulator per outer trip', source: 't = 0\nfor j = 1:2 {\n  z = 0\n  for i = 1:3 { z = z + w[(j - 1) * 3 + i] * i }\n  t = t + tanh(z)\n}\nreturn t', at: { w: [0.1, -0.2, 0.3, 0.4, -0.5, 0.6] } },
  { name: 'a fractional start (the counter saved per trip)', source: 'z = 0\nfor i = 0.5:3 { z = z + x^i }\nreturn z', at: { x: 1.3 } },
  { name: 'no trips', source: 'z = x\nfor i = 3:1 { z = z + x }\nreturn z * x', at: { x: 2 } },
  { name: 'the counter read after the loop', source: 'z = 0\nfor i = 1:4 { z = z + x * i }\nreturn z + i * x', at: { x: 1.5 } },
  { name: 'an inactive term (z keeps its adjoint)', source: 'z = x\nfor i = 1:3 { z = z + i }\nreturn z^2', at: { x: 2 } },
];

describe('compiled reverse over accumulation loops equals the interpreted tape', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const fn = compile(c.source);
    const got = differentiators.reverse.gradient(fn, c.at);
    const want = differentiators.reverse.gradient(fn, c.at, { engine: 'interpreted' });
    expect(got.stats.engine).toBe('compiled');
    expect(got.value).toBe(want.value);
    got.result.forEach((g, i) => expect(Math.abs(g - want.result[i])).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(want.result[i]))));
  });
});

describe('the stack', () => {
  it('holds a constant number of entries for a dot product, whatever its length', () => {
    const fn = compile('s = 0\nfor i = 1:length(u) { s = s + u[i] * v[i] }\nreturn s');
    const pushed = (n: number) => differentiators.reverse.gradient(fn, { u: new Array(n).fill(1), v: new Array(n).fill(2) }).stats.tapeLength;
    expect(pushed(10)).toBe(pushed(1000));
  });
});

describe('errors inside an accumulation loop are the interpreter\'s', () => {
  it.each([
    ['an index out of range', 's = 0\nfor i = 1:4 { s = s + u[i] }\nreturn s', { u: [1, 2, 3] }],
    ['a call outside its domain', 's = 0\nfor i = 1:3 { s = s + sqrt(u[i]) }\nreturn s', { u: [1, -2, 3] }],
    ['the iteration budget (every trip counted)', 's = 0\nfor i = 1:1000001 { s = s + x }\nreturn s', { x: 1 }],
    ['inf − inf in the sum', 's = 0\nfor i = 1:2 { s = s + u[i] * 1e308 * 10 * (3 - 2 * i) }\nreturn s', { u: [1, 1] }],
  ] as const)('%s', (_, source, at) => {
    const fn = compile(source);
    const outcome = (engine: 'compiled' | 'interpreted') => {
      try {
        differentiators.reverse.gradient(fn, at as Point, { engine });
        return 'no error';
      } catch (err) {
        if (!(err instanceof GradlabError)) throw err;
        return `${err.code}: ${err.message}`;
      }
    };
    const want = outcome('interpreted');
    expect(want).not.toBe('no error');
    expect(outcome('compiled')).toBe(want);
  });
});

describe('a zero adjoint over an infinite partial (0·∞) is not skipped', () => {
  it('the same outcome as the interpreted tape', () => {
    const fn = compile('s = 0\nfor i = 1:2 { s = s + sqrt(u[i]) }\nreturn 0 * s + u[2]');
    const outcome = (engine: 'compiled' | 'interpreted') => {
      try {
        return JSON.stringify(differentiators.reverse.gradient(fn, { u: [0, 1] }, { engine }).result);
      } catch (err) {
        if (!(err instanceof GradlabError)) throw err;
        return `${err.code}: ${err.message}`;
      }
    };
    expect(outcome('compiled')).toBe(outcome('interpreted'));
  });
});

// evaluate: the seed examples at known points, vector programs against plain JavaScript, and
// the checks on what callers pass in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EvalError } from '../src/errors';
import { evaluate, type Inputs } from '../src/evaluate';
import { parse } from '../src/parse/parse';
import { caught, close } from './support/helpers';

const LOOP = 'while abs(x) > 5 {\n  x = x / 2\n}\nreturn x^2';

describe('known values', () => {
  it.each<[string, Inputs, number]>([
    [LOOP, { x: 12 }, 9],
    [LOOP, { x: 3 }, 9],
    [LOOP, { x: -40 }, 25],
    ['while abs(x) > 5 { x = x / 2 } return x^2', { x: 12 }, 9],
    ['2x + 3x^2 + x(6 - 2)', { x: 2 }, 24],
    ['2x + 3x^2 + x(6 - 2)', { x: 0 }, 0],
    ['1/2x', { x: 6 }, 3],
    ['a/2x', { a: 6, x: 3 }, 1],
    ['2^3^2', {}, 512],
    ['-x^2', { x: 3 }, -9],
    ['2^-x', { x: 2 }, 0.25],
    ['(a+b)(a-b)', { a: 5, b: 3 }, 16],
    ['x(6 - 2)', { x: 3 }, 12],
    ['sigmoid(w1 x1 + w2 x2 + b)', { w1: 0.5, x1: 1, w2: -0.25, x2: 2, b: 0 }, 0.5],
    ['log(8, 2)', {}, 3],
    ['nthRoot(-8, 3)', {}, -2],
    ['max(1, x, 3)', { x: 7 }, 7],
  ])('%j at %j is %d', (source, inputs, expected) => {
    expect(evaluate(source, inputs)).toBeCloseTo(expected, 12);
  });

  it.each([0.3, 2, -7.5, 100])('sin(x)^2 + cos(x)^2 is 1 at %d', (x) => {
    expect(evaluate('sin(x)^2 + cos(x)^2', { x })).toBeCloseTo(1, 14);
  });

  it('takes a parsed program as well as source', () => {
    expect(evaluate(parse(LOOP), { x: -40 })).toBe(25);
  });
});

describe('vector programs', () => {
  const CHAINED = 's = 0\nfor i = 1:length(x) - 1 {\n  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s';
  const PAIRED = 's = 0\nfor j = 1:length(x) / 2 {\n  i = 2j - 1\n  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s';
  const SQUARES = 's = 0\nfor i = 1:length(x) { s = s + x[i]^2 }\ns';

  const chained = (x: number[]) => x.slice(0, -1).reduce((s, xi, i) => s + 100 * (x[i + 1] - xi ** 2) ** 2 + (1 - xi) ** 2, 0);
  const paired = (x: number[]) => x.reduce((s, xi, i) => (i % 2 === 0 ? s + 100 * (x[i + 1] - xi ** 2) ** 2 + (1 - xi) ** 2 : s), 0);
  const squares = (x: number[]) => x.reduce((s, xi) => s + xi ** 2, 0);

  it.each([
    ['Rosenbrock, chained, at its minimum', CHAINED, [1, 1, 1, 1], 0],
    ['Rosenbrock, chained, at the classic start', CHAINED, [-1.2, 1, -1.2, 1], 532.4],
    ['Rosenbrock, paired, at its minimum', PAIRED, [1, 1, 1, 1], 0],
    ['Rosenbrock, paired, at the classic start', PAIRED, [-1.2, 1, -1.2, 1], 48.4],
    ['the sum of squares', SQUARES, [1, 2, 3], 14],
  ])('%s', (_, source, x, expected) => {
    expect(evaluate(source, { x })).toBeCloseTo(expected, 10);
  });

  it.each([
    ['Rosenbrock, chained', CHAINED, chained],
    ['Rosenbrock, paired', PAIRED, paired],
    ['the sum of squares', SQUARES, squares],
  ])('%s agrees with plain JavaScript on random vectors', (_, source, reference) => {
    const program = parse(source);
    const vectors = fc.integer({ min: 1, max: 6 }).chain((n) => fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 2 * n, maxLength: 2 * n }));
    fc.assert(
      fc.property(vectors, (x) => {
        const [got, want] = [evaluate(program, { x }) as number, reference(x)];
        expect(close(got, want), `${got} against ${want}`).toBe(true);
      }),
    );
  });
});

describe('inputs', () => {
  it.each([
    ['NaN', Number.NaN],
    ['a vector holding NaN', [1, Number.NaN]],
    ['a string', 'a'],
    ['null', null],
  ])('refuses %s', (_, value) => {
    const err = caught(() => evaluate('x', { x: value as unknown as number }), EvalError);
    expect(err.code).toBe('type');
    expect(err.message).toMatch(/^input 'x' must be a number or a vector of numbers, got /);
  });

  it('passes infinities through', () => {
    expect(evaluate('x', { x: Infinity })).toBe(Infinity);
  });
});

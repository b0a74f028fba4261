// The symbolic `derivative`: partials with respect to variables the expression does not read,
// 0^f(x), nesting as deep as the parser allows through derivative, printer and LaTeX, and loop
// bounds and indices computed from an input's length.
import { describe, expect, it } from 'vitest';
import { derivative, differentiate, symbolic } from '../../src/diff/symbolic';
import { compile } from '../../src/diff/fn';
import { gradient } from '../../src/index';
import { UnsupportedError, UsageError } from '../../src/errors';
import { parseExpression } from '../../src/parse/parse';
import { toLatex } from '../../src/print/latex';
import { print } from '../../src/print/print';

describe('derivative', () => {
  it.each([
    ['5', 'x', '0'],
    ['pi', 'x', '0'],
    ['y', 'x', '0'],
    ['sin(y) * y', 'x', '0'],
    ['y / x', 'x', '-y / x^2'],
  ])('d/d%s of %s', (source, wrt, expected) => {
    expect(print(derivative(source, wrt))).toBe(expected);
  });

  it('refuses a name that is not a variable', () => {
    expect(() => derivative('x^2', '2x')).toThrow(UsageError);
  });

  it.each([
    ['0^x', '0'],
    ['pow(0, x^2)', '0'],
    ['0^(x + 1) + x', '1'],
  ])('d/dx %s is 0 where 0^f is (f > 0), not 0·log(0)', (source, expected) => {
    expect(print(derivative(source, 'x'))).toBe(expected);
  });

  it('differentiates x^x^…^x 1,400 deep (within the parser limit), and prints and typesets the result', () => {
    const d = differentiate(parseExpression(Array(1400).fill('x').join('^')), 'x');
    const text = print(d.pieces[0].expr);
    expect(text.length).toBeGreaterThan(1400);
    expect(toLatex(d.pieces[0].expr).length).toBeGreaterThan(1400);
  });
});

describe('loops and indices computed from the shape', () => {
  const A = [1, 2, 3, 4, 5, 6, 7, 8, 9];

  it.each([
    ['s = 0; for k = 1:sqrt(length(A)) { s = s + A[k]^2 * k }; return s', [2, 8, 18, 0, 0, 0, 0, 0, 0]],
    ['s = 0; for k = 1:length(A) / 2 { s = s + A[k] }; return s', [1, 1, 1, 1, 0, 0, 0, 0, 0]],
    ['return A[sqrt(length(A))] * A[1]', [3, 0, 1, 0, 0, 0, 0, 0, 0]],
    ['if length(A) > sqrt(4) { return A[2]^2 } return A[1]', [0, 4, 0, 0, 0, 0, 0, 0, 0]],
  ])('%s: a bound from length(A) depends only on its shape, and symbolic follows it', (source, expected) => {
    const fn = compile(source);
    const got = gradient(fn, { A }, { method: 'symbolic' }) as { A: number[] };
    expect(got.A).toEqual(expected);
    expect(got.A).toEqual((gradient(fn, { A }, { method: 'reverse' }) as { A: number[] }).A);
  });

  it('still refuses a bound that reads an element of the input', () => {
    expect(() => symbolic.gradient(compile('s = 0; for k = 1:A[1] { s = s + A[k] }; return s'), { A: [2, 1] })).toThrow(UnsupportedError);
  });
});

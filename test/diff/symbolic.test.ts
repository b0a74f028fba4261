// The symbolic `derivative`: partials with respect to variables the expression does not read,
// 0^f(x), and nesting as deep as the parser allows through derivative, printer and LaTeX.
import { describe, expect, it } from 'vitest';
import { derivative, differentiate } from '../../src/diff/symbolic';
import { UsageError } from '../../src/errors';
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

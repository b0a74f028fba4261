// The printer: canonical text for each form, and round trips through the parser for every tree
// the parser can build; the text is also mathjs, which must compute the same values from it.
import fc from 'fast-check';
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import * as ast from '../../src/ast';
import { stripSpans, type Expr } from '../../src/ast';
import { EvalError } from '../../src/errors';
import { evaluate } from '../../src/evaluate';
import { inputsOf } from '../../src/interpret/inputs';
import { parse } from '../../src/parse/parse';
import { print } from '../../src/print/print';
import { exprArb, programArb, programOf } from '../support/arbitraries';
import { close } from '../support/helpers';

describe('canonical text', () => {
  it.each([
    ['2x + 3x^2 + x(6 - 2)', '2x + 3x^2 + x * (6 - 2)'],
    ['a - b - c', 'a - b - c'],
    ['a - (b - c)', 'a - (b - c)'],
    ['a - (b + c)', 'a - (b + c)'],
    ['(a - b) + c', 'a - b + c'],
    ['a / b / c', 'a / b / c'],
    ['a / (b / c)', 'a / (b / c)'],
    ['a / (b * c)', 'a / (b * c)'],
    ['(a + b) * c', '(a + b) * c'],
    ['2^3^2', '2^3^2'],
    ['(2^3)^2', '(2^3)^2'],
    ['-x^2', '-x^2'],
    ['(-x)^2', '(-x)^2'],
    ['2^-x', '2^-x'],
    ['2^(-x)', '2^-x'],
    ['2^-(x + 1)', '2^-(x + 1)'],
    ['x^(2y)', 'x^(2y)'],
    ['x^-2x', 'x^-2 * x'],
    ['--x', '--x'],
    ['a - -b', 'a - -b'],
    ['a * -b', 'a * -b'],
    ['2x^2', '2x^2'],
    ['x^2 y', 'x^2 * y'],
    ['1/2x', '1 / 2 * x'],
    ['a/2x', 'a / (2x)'],
    ['2 x y', '2x * y'],
    ['(a+b)(a-b)', '(a + b) * (a - b)'],
    ['2(x+1)', '2(x + 1)'],
    ['2(3x)', '2(3x)'],
    ['2(x y)', '2(x * y)'],
    ['2 sin(x)^2', '2sin(x)^2'],
    ['2 * 3', '2 * 3'],
    ['2 * 3^x', '2 * 3^x'],
    ['2 pi', '2pi'],
    ['2 e', '2e'],
    ['2 v[1]', '2v[1]'],
    ['2 length(v)', '2length(v)'],
    ['2 * [1, 2]', '2 * [1, 2]'],
    ['sin(x)^2 + cos(x)^2', 'sin(x)^2 + cos(x)^2'],
    ['max(1,2 ,3)', 'max(1, 2, 3)'],
    ['log(x, 2)', 'log(x, 2)'],
    ['add(1, 2)', '1 + 2'],
    ['unaryMinus(pow(x, 2))', '-x^2'],
    ['[1,x,[]]', '[1, x, []]'],
    ['1e21 + 1e-7 + 0.5', '1e+21 + 1e-7 + 0.5'],
  ])('prints %s as %s', (source, printed) => {
    expect(print(parse(source))).toBe(printed);
  });

  it.each<[string, Expr, string]>([
    // Trees the parser never builds (negative literals), as a differentiator may.
    ['a negative literal', ast.num(-2), '-2'],
    ['negative zero', ast.num(-0), '-0'],
    ['a negative base', ast.call('pow', [ast.num(-2), ast.num(2)]), '(-2)^2'],
    ['a negative exponent', ast.call('pow', [ast.num(2), ast.num(-1)]), '2^-1'],
    ['a negative factor', ast.call('multiply', [ast.num(-2), ast.variable('x')]), '-2 * x'],
    ['a negative right operand', ast.call('subtract', [ast.variable('x'), ast.num(-1)]), 'x - -1'],
    // A name after a literal must not read as the literal's exponent.
    ['2 times e1', ast.call('multiply', [ast.num(2), ast.variable('e1')]), '2 * e1'],
    ['2 times E5', ast.call('multiply', [ast.num(2), ast.variable('E5')]), '2 * E5'],
    ['2 times e_1', ast.call('multiply', [ast.num(2), ast.variable('e_1')]), '2e_1'],
    ['2 times e1^2', ast.call('multiply', [ast.num(2), ast.call('pow', [ast.variable('e1'), ast.num(2)])]), '2 * e1^2'],
    ['2 times rate', ast.call('multiply', [ast.num(2), ast.variable('rate')]), '2rate'],
    // Nor, for mathjs, as a hexadecimal, binary or octal literal.
    ['0 times x', ast.call('multiply', [ast.num(0), ast.variable('x')]), '0 * x'],
    ['0 times b1', ast.call('multiply', [ast.num(0), ast.variable('b1')]), '0 * b1'],
    ['0 times o', ast.call('multiply', [ast.num(0), ast.variable('o')]), '0 * o'],
    ['0 times y', ast.call('multiply', [ast.num(0), ast.variable('y')]), '0y'],
    ['10 times x', ast.call('multiply', [ast.num(10), ast.variable('x')]), '10x'],
  ])('prints %s', (_, tree, printed) => {
    expect(print(tree)).toBe(printed);
  });

  it.each([
    ['a < b and c < d or e < f', 'a < b and c < d or e < f'],
    ['a < b or c < d and e < f', 'a < b or c < d and e < f'],
    ['(a < b or c < d) and e < f', '(a < b or c < d) and e < f'],
    ['a < b or (c < d or e < f)', 'a < b or (c < d or e < f)'],
    ['not (a < b) and c != d', 'not a < b and c != d'],
    ['not (a < b and c >= d)', 'not (a < b and c >= d)'],
    ['not not a <= b', 'not not a <= b'],
    ['a == b', 'a == b'],
  ])('prints the condition %s as %s', (source, printed) => {
    expect(print(parse(`if ${source} { }`))).toBe(`if ${printed} {\n}`);
  });

  it.each([
    ['while abs(x) > 5 { x = x / 2 } return x^2', 'while abs(x) > 5 {\n  x = x / 2\n}\nreturn x^2'],
    ['v[i+1] = 2v[i]', 'v[i + 1] = 2v[i]'],
    ['for i = 1:n { s = s + i }', 'for i = 1:n {\n  s = s + i\n}'],
    ['if x > 0 { y = 1 } else if x < 0 { y = 2 } else { y = 3 }', 'if x > 0 {\n  y = 1\n} else if x < 0 {\n  y = 2\n} else {\n  y = 3\n}'],
    ['if x > 0 { } else { }', 'if x > 0 {\n} else {\n}'],
    ['for i = 1:2 { if i > 1 { while i < 0 { i = 0 } } }', 'for i = 1:2 {\n  if i > 1 {\n    while i < 0 {\n      i = 0\n    }\n  }\n}'],
  ])('prints the program %j', (source, printed) => {
    expect(print(parse(source))).toBe(printed);
  });

  it('prints a single statement or condition on its own', () => {
    const [loop] = parse('while x > 1 { x = x / 2 }').body;
    expect(print(loop)).toBe('while x > 1 {\n  x = x / 2\n}');
    expect(loop.kind === 'while' && print(loop.cond)).toBe('x > 1');
  });
});

describe('round trips', () => {
  it('parses the printed text of any expression back to the same tree', () => {
    fc.assert(
      fc.property(exprArb(), (e) => {
        const program = programOf(e);
        expect(stripSpans(parse(print(program))), print(program)).toEqual(stripSpans(program));
      }),
      { numRuns: 2000 },
    );
  });

  it('parses the printed text of any program back to the same tree', () => {
    fc.assert(
      fc.property(programArb(), (program) => {
        expect(stripSpans(parse(print(program))), print(program)).toEqual(stripSpans(program));
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    '2x + 3x^2 + x(6 - 2)',
    'sigmoid(w1 x1 + w2 x2 + b)',
    'x^-y^2 / 2pi e - -3/4(x + 1)',
    's = 0\nfor i = 1:length(x) - 1 {\n  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s',
    'if not (a < b or c < d) { } else if a == b { return 1 } else { v[1] = 2 }',
  ])('prints %j to a fixed point', (source) => {
    const once = print(parse(source));
    expect(print(parse(once))).toBe(once);
  });
});

describe('as mathjs', () => {
  const ops = ['add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'pow', 'sin', 'cos', 'tan', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'atan'];
  const shape = {
    ops,
    names: ['x', 'y', 'z'],
    numbers: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }).map(Math.abs)),
    vectors: false,
    maxDepth: 5,
  };
  const point = fc.record({
    x: fc.double({ min: -5, max: 5, noNaN: true }),
    y: fc.double({ min: -5, max: 5, noNaN: true }),
    z: fc.double({ min: -5, max: 5, noNaN: true }),
  });

  it('computes what mathjs computes from the printed text', () => {
    let compared = 0;
    const runs = 1000;
    fc.assert(
      fc.property(exprArb(shape), point, (e, at) => {
        const program = programOf(e);
        const ours = evaluateOrSkip(program, at);
        if (ours === undefined) return;
        const theirs = math.evaluate(print(program), { ...at });
        if (typeof theirs !== 'number' || !Number.isFinite(theirs)) return;
        compared++;
        expect(close(ours, theirs), `${print(program)} at ${JSON.stringify(at)}: ours ${ours}, mathjs ${theirs}`).toBe(true);
      }),
      { numRuns: runs },
    );
    // Out-of-domain points are skipped; most must still be compared for the test to mean anything.
    expect(compared).toBeGreaterThan(runs / 4);
  });
});

/** Our value at `at`, or undefined where it is not a finite real number. */
function evaluateOrSkip(program: ast.Program, at: Record<string, number>): number | undefined {
  const inputs = Object.fromEntries(inputsOf(program).map((u) => [u.name, at[u.name]]));
  try {
    const v = evaluate(program, inputs);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  } catch (err) {
    if (err instanceof EvalError && err.code === 'domain') return undefined;
    throw err;
  }
}

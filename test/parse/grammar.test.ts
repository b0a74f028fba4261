// The grammar: how operators group, every statement form, and how the lexer shapes the tokens.
import { describe, expect, it } from 'vitest';
import * as ast from '../../src/ast';
import { parse, parseExpression } from '../../src/parse/parse';
import { print } from '../../src/print/print';
import { condition, grouped, groupedCond, statements, tree } from '../support/helpers';

describe('precedence and associativity', () => {
  it.each([
    // Left associativity of the four arithmetic operators.
    ['a - b - c', '((a - b) - c)'],
    ['a / b / c', '((a / b) / c)'],
    ['a + b - c + d', '(((a + b) - c) + d)'],
    ['a * b / c * d', '(((a * b) / c) * d)'],
    // Power is right associative and binds tighter than unary minus on its left.
    ['2^3^2', '(2 ^ (3 ^ 2))'],
    ['-x^2', '(-(x ^ 2))'],
    ['-2^2', '(-(2 ^ 2))'],
    ['2^-x', '(2 ^ (-x))'],
    ['2^-x^2', '(2 ^ (-(x ^ 2)))'],
    ['x^2^-1', '(x ^ (2 ^ (-1)))'],
    ['--x', '(-(-x))'],
    ['+x', 'x'],
    ['a * -b', '(a * (-b))'],
    ['a - -b', '(a - (-b))'],
    // Implicit products bind tighter than * and /, looser than ^.
    ['2x^2', '(2 * (x ^ 2))'],
    ['x^2 y', '((x ^ 2) * y)'],
    ['2 x y', '((2 * x) * y)'],
    ['-2x', '(-(2 * x))'],
    ['a/2x', '(a / (2 * x))'],
    ['a * 2x', '(a * (2 * x))'],
    ['2x / y', '((2 * x) / y)'],
    ['(a+b)(a-b)', '((a + b) * (a - b))'],
    ['2(x+1)', '(2 * (x + 1))'],
    ['2(x+1)^2', '(2 * ((x + 1) ^ 2))'],
    ['2sin(x)', '(2 * sin(x))'],
    ['2 sin(x)^2', '(2 * (sin(x) ^ 2))'],
    ['sin(x) cos(x)', '(sin(x) * cos(x))'],
    ['2pi x', '((2 * pi) * x)'],
    ['3 v[2]', '(3 * v[2])'],
    // A number over a number, directly before a name or `(`, is one fraction (as in mathjs).
    ['1/2x', '((1 / 2) * x)'],
    ['1/2 x', '((1 / 2) * x)'],
    ['3/4(x + 1)', '((3 / 4) * (x + 1))'],
    ['1/2*x', '((1 / 2) * x)'],
    ['1/2', '(1 / 2)'],
    ['x^1/2y', '((x ^ 1) / (2 * y))'],
    // One-letter names before `(` are products; known names are calls.
    ['x(6 - 2)', '(x * (6 - 2))'],
    ['k1(x + 1)', '(k1 * (x + 1))'],
    ['a_b(2)', '(a_b * 2)'],
    ['e(2)', '(e * 2)'],
    ['pi(x)', '(pi * x)'],
    ['x(6 - 2) + 2x', '((x * (6 - 2)) + (2 * x))'],
    ['sin(x)^2 + cos(x)^2', '((sin(x) ^ 2) + (cos(x) ^ 2))'],
    ['max(1, 2, 3)', 'max(1, 2, 3)'],
    ['log(x, 2)', 'log(x, 2)'],
    ['length(v) - 1', '(length(v) - 1)'],
    ['[1, x, 2y]', '[1, x, (2 * y)]'],
    ['[]', '[]'],
    ['v[i + 1]^2', '(v[(i + 1)] ^ 2)'],
  ])('%s groups as %s', (source, expected) => {
    expect(grouped(tree(source))).toBe(expected);
  });

  it.each([
    ['a < b', '(a < b)'],
    ['a + 1 <= 2b', '((a + 1) <= (2 * b))'],
    ['a > b', '(a > b)'],
    ['a >= b', '(a >= b)'],
    ['a == b', '(a == b)'],
    ['a != b', '(a != b)'],
    ['a < b and c < d or e < f', '(((a < b) and (c < d)) or (e < f))'],
    ['a < b or c < d and e < f', '((a < b) or ((c < d) and (e < f)))'],
    ['not a < b and c < d', '((not (a < b)) and (c < d))'],
    ['not (a < b and c < d)', '(not ((a < b) and (c < d)))'],
    ['not not a < b', '(not (not (a < b)))'],
    ['a < b or c < d or e < f', '(((a < b) or (c < d)) or (e < f))'],
    ['a < b and c < d and e < f', '(((a < b) and (c < d)) and (e < f))'],
    ['(a < b or c < d) and e < f', '(((a < b) or (c < d)) and (e < f))'],
    ['(a + b) < c', '((a + b) < c)'],
    ['abs(x) > 5', '(abs(x) > 5)'],
  ])('condition %s groups as %s', (source, expected) => {
    expect(groupedCond(condition(source))).toBe(expected);
  });
});

describe('trees', () => {
  it('builds operators as calls of the primitive table', () => {
    expect(tree('2x + 1')).toEqual(
      ast.stripSpans(ast.call('add', [ast.call('multiply', [ast.num(2), ast.variable('x')]), ast.num(1)])),
    );
  });

  it.each([
    ['pi', ast.constant('pi')],
    ['e', ast.constant('e')],
    ['x', ast.variable('x')],
    ['0.5', ast.num(0.5)],
    ['.5', ast.num(0.5)],
    ['5.', ast.num(5)],
    ['1e3', ast.num(1000)],
    ['2.5E-3', ast.num(0.0025)],
    ['v[1]', ast.index('v', ast.num(1))],
    ['length(v)', ast.length(ast.variable('v'))],
    ['-3', ast.call('unaryMinus', [ast.num(3)])],
    ['add(1, 2)', ast.call('add', [ast.num(1), ast.num(2)])],
  ])('%s', (source, expected) => {
    expect(tree(source)).toEqual(ast.stripSpans(expected));
  });

  it.each([
    ['2e', '(2 * e)'],
    ['2e1', '20'],
    ['2e1x', '(20 * x)'],
    ['2 e1', '(2 * e1)'],
  ])('reads %s as %s: an exponent needs digits', (source, expected) => {
    expect(grouped(tree(source))).toBe(expected);
  });

  it.each([
    ['x', { start: 0, end: 1, line: 1, column: 1 }],
    ['  2x + 1', { start: 2, end: 8, line: 1, column: 3 }],
    ['\n\nsin(x)', { start: 2, end: 8, line: 3, column: 1 }],
    ['(a + b)', { start: 1, end: 6, line: 1, column: 2 }],
    ['[1, 2]', { start: 0, end: 6, line: 1, column: 1 }],
  ])('the expression in %j spans %j', (source, span) => {
    expect(parseExpression(source).span).toEqual(span);
  });

  it('gives every statement the line and column where it starts', () => {
    const body = parse('x = 1\nwhile x < 3 {\n  x = x + 1\n}\nreturn x').body;
    expect(body.map((s) => [s.kind, s.span.line, s.span.column])).toEqual([
      ['assign', 1, 1],
      ['while', 2, 1],
      ['return', 5, 1],
    ]);
  });
});

const S = ast.NO_SPAN;
const x = ast.variable('x');
const one = ast.num(1);

describe('statements', () => {
  it.each<[string, string, ast.Stmt]>([
    ['assignment', 'x = 1', { kind: 'assign', name: 'x', value: one, span: S }],
    ['element assignment', 'v[2] = x', { kind: 'assignIndex', name: 'v', index: ast.num(2), value: x, span: S }],
    ['return', 'return x', { kind: 'return', value: x, span: S }],
    ['expression', 'x', { kind: 'expr', value: x, span: S }],
    ['while', 'while x < 1 { x = 1 }', { kind: 'while', cond: ast.compare('<', x, one), body: [{ kind: 'assign', name: 'x', value: one, span: S }], span: S }],
    ['if', 'if x < 1 { return x }', { kind: 'if', cond: ast.compare('<', x, one), then: [{ kind: 'return', value: x, span: S }], else: null, span: S }],
    ['if/else', 'if x < 1 { } else { return x }', { kind: 'if', cond: ast.compare('<', x, one), then: [], else: [{ kind: 'return', value: x, span: S }], span: S }],
    [
      'else if',
      'if x < 1 { } else if x > 1 { } else { }',
      {
        kind: 'if',
        cond: ast.compare('<', x, one),
        then: [],
        else: [{ kind: 'if', cond: ast.compare('>', x, one), then: [], else: [], span: S }],
        span: S,
      },
    ],
    ['for', 'for i = 1:x { }', { kind: 'for', name: 'i', from: one, to: x, body: [], span: S }],
  ])('%s: %s', (_, source, expected) => {
    expect(statements(source)).toEqual([ast.stripSpans(expected)]);
  });

  it('reads `else { if ... }` and `else if ...` as the same tree', () => {
    expect(statements('if x < 1 { } else { if x > 1 { } }')).toEqual(statements('if x < 1 { } else if x > 1 { }'));
  });

  it.each([
    ['newlines', 'a = 1\nb = 2\nreturn a + b'],
    ['semicolons', 'a = 1; b = 2; return a + b'],
    ['runs of separators', '\n\na = 1;;\n;b = 2\n\n\nreturn a + b;\n'],
    ['comments', '# a sum\na = 1 # first\nb = 2\n# the result:\nreturn a + b # done'],
    ['Windows line ends', 'a = 1\r\nb = 2\r\nreturn a + b\r\n'],
    ['lines broken inside parentheses', 'a = (1\n)\nb = (\n2)\nreturn a + (\nb)'],
  ])('separates statements with %s', (_, source) => {
    expect(statements(source)).toEqual(statements('a = 1\nb = 2\nreturn a + b'));
  });

  it('joins lines broken inside brackets', () => {
    expect(statements('v = [1,\n  2]\nreturn v[\n1]').map((s) => s.kind)).toEqual(['assign', 'return']);
  });

  it.each([
    ['one line', 'while abs(x) > 5 { x = x / 2 } return x^2'],
    ['several lines', 'while abs(x) > 5 {\n  x = x / 2\n}\nreturn x^2'],
    ['blank lines', '\nwhile abs(x) > 5 {\n\n  x = x / 2\n\n}\n\nreturn x^2\n'],
    ['semicolons', 'while abs(x) > 5 { x = x / 2; }; return x^2'],
  ])('reads the seed loop on %s', (_, source) => {
    expect(print(parse(source))).toBe('while abs(x) > 5 {\n  x = x / 2\n}\nreturn x^2');
  });

  it.each([
    ['if on one line', 'if x > 0 { y = 1 } else { y = 2 } return y', 'if x > 0 {\n  y = 1\n} else {\n  y = 2\n}\nreturn y'],
    ['else on its own line', 'if x > 0 {\n  y = 1\n}\nelse {\n  y = 2\n}\ny', 'if x > 0 {\n  y = 1\n} else {\n  y = 2\n}\ny'],
    ['for on one line', 's = 0; for i = 1:3 { s = s + i } s', 's = 0\nfor i = 1:3 {\n  s = s + i\n}\ns'],
    ['nested blocks', 'for i = 1:2 { for j = 1:2 { if i == j { s = s + 1 } } }', 'for i = 1:2 {\n  for j = 1:2 {\n    if i == j {\n      s = s + 1\n    }\n  }\n}'],
    ['an empty program', '', ''],
    ['only comments', '# nothing\n# here\n', ''],
  ])('%s', (_, source, printed) => {
    expect(print(parse(source))).toBe(printed);
  });
});

describe('unambiguity', () => {
  // The parse wrapper throws on more than one parse; a corpus of every form keeps the grammar honest.
  it.each([
    '2x + 3x^2 + x(6 - 2)',
    'sigmoid(w1 x1 + w2 x2 + b)',
    's = 0\nfor i = 1:length(x) - 1 {\n  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s',
    'if (a < b) or not (c < d and e < f) { } else if a == b { } else { }',
    'x = (a + b)(a - b) - -c^-d^2 / 2pi e',
    'v[i] = v[i - 1] + length([1, 2])',
    'return max(1, 2x, 3 y^2, sum([1, 2, 3]))',
  ])('%j has exactly one parse', (source) => {
    expect(() => parse(source)).not.toThrow();
  });
});

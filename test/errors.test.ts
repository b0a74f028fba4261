// The error family and formatError: `message at L:C`, the source line, a caret under the column.
import { describe, expect, it } from 'vitest';
import { EvalError, formatError, GradlabError, ParseError, UsageError } from '../src/errors';
import { parse } from '../src/parse/parse';
import { caught } from './support/helpers';

const at = (start: number, end: number, line: number, column: number) => ({ start, end, line, column });

describe('formatError', () => {
  it('writes the message alone when there is no position', () => {
    expect(formatError(new UsageError('give an expression'))).toBe('error: give an expression');
  });

  it('adds the line and column', () => {
    expect(formatError(new EvalError('domain', 'sqrt(-1) is not a real number', at(0, 8, 1, 1)))).toBe('error: sqrt(-1) is not a real number at 1:1');
  });

  it('shows the source line with a caret under the offending token', () => {
    const source = '1 + * 2';
    expect(formatError(caught(() => parse(source), ParseError), source).split('\n')).toEqual([
      "error: unexpected '*', expected a function call, a name, a number, '-', '(', '[' or '+' at 1:5",
      '1 | 1 + * 2',
      '  |     ^',
    ]);
  });

  it('picks the line of the error and widens the gutter for its number', () => {
    const source = 'x = 1\n'.repeat(11) + 'y = sine(x)';
    expect(formatError(caught(() => parse(source), ParseError), source).split('\n').slice(1)).toEqual([
      '12 | y = sine(x)',
      '   |     ^^^^',
    ]);
  });

  it.each([
    ['a one-character span', 'abc + sin(x)', at(2, 3, 1, 3), 1],
    ['a token', 'abc + sin(x)', at(6, 9, 1, 7), 3],
    ['an empty span at the end of input', '1 +', at(3, 3, 1, 4), 1],
    ['a span that runs past its line', 'abc + sin(x)\nmore', at(6, 30, 1, 7), 6],
    ['a span longer than 40 characters', 'x'.repeat(80), at(0, 80, 1, 1), 40],
  ])('draws a caret as wide as %s', (_, source, span, width) => {
    const caret = formatError(new EvalError('type', 'm', span), source).split('\n')[2];
    expect(caret).toBe('  | ' + ' '.repeat(span.column - 1) + '^'.repeat(width));
  });

  it.each([1, 50, 150, 251, 300])('keeps the caret under column %i of a long line', (column) => {
    const line = Array.from({ length: 300 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const [, shown, caret] = formatError(new ParseError('syntax', 'm', at(column - 1, column, 1, column), ''), line).split('\n');
    const excerpt = shown.slice('1 | '.length);
    const under = caret.indexOf('^') - '1 | '.length;
    expect(excerpt.length).toBeLessThanOrEqual(102);
    expect(excerpt[under]).toBe(line[column - 1]);
    expect(excerpt.startsWith('…')).toBe(column > 51);
    expect(excerpt.endsWith('…')).toBe(column < 251);
  });
});

describe('the error classes', () => {
  it.each([
    ['ParseError', new ParseError('syntax', 'm', at(0, 1, 2, 3), 'x'), 'syntax', 2, 3],
    ['EvalError', new EvalError('index', 'm', at(0, 1, 4, 5)), 'index', 4, 5],
    ['UsageError', new UsageError('m'), 'usage', undefined, undefined],
  ])('%s carries its code, line and column', (name, err, code, line, column) => {
    expect(err).toBeInstanceOf(GradlabError);
    expect(err).toBeInstanceOf(Error);
    expect([err.name, err.code, err.line, err.column]).toEqual([name, code, line, column]);
  });
});

// Parse errors: each kind, with its code, its line and column, and what it says was expected.
import { describe, expect, it } from 'vitest';
import { GradlabError, ParseError } from '../../src/errors';
import { MAX_DEPTH, parse, parseExpression } from '../../src/parse/parse';
import { caught } from '../support/helpers';

const parseError = (source: string) => caught(() => parse(source), ParseError);

describe('unexpected tokens', () => {
  it.each([
    // source, line, column, the token, one thing the message says was expected
    ['1 + * 2', 1, 5, '*', 'a number'],
    ['x = 1\n  y = )', 2, 7, ')', 'a name'],
    ['(1 + 2))', 1, 8, ')', "'+'"],
    ['x = 1 2', 1, 7, '2', 'a newline or ;'],
    ['x = 1 }', 1, 7, '}', "'*'"],
    ['max()', 1, 5, ')', 'a number'],
    ['if x { }', 1, 6, '{', "'<'"],
    ['if a < b < c { }', 1, 10, '<', "'and'"],
    ['a < b', 1, 3, '<', "'='"],
    ['for i = 1 { }', 1, 11, '{', "':'"],
    ['2[1, 2]', 1, 2, '[', "'^'"],
    ['x 2', 1, 3, '2', "'*'"],
    ['while x > 5\n{ x = 1 }', 1, 12, '\n', "'{'"],
  ])('%j: unexpected token at %i:%i', (source, line, column, token, expected) => {
    const err = parseError(source);
    expect(err.code).toBe('syntax');
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.token).toBe(token);
    expect(err.expected).toContain(expected);
    expect(err.message).toMatch(/^unexpected .+, expected /);
  });

  it('names a line break as the end of a line', () => {
    expect(parseError('while x > 5\n{ x = 1 }').message).toMatch(/^unexpected end of line/);
  });
});

describe('unexpected end of input', () => {
  it.each([
    ['1 +', 1, 4],
    ['(1 + 2', 1, 7],
    ['x = ', 1, 5],
    ['return', 1, 7],
    ['x = [1, 2', 1, 10],
    ['while x > 1 {', 1, 14],
    ['if x < 1 { y = 1 } else', 1, 24],
    ['2 +\n', 2, 1],
    ['1 +\n\n', 3, 1],
  ])('%j ends early at %i:%i', (source, line, column) => {
    const err = parseError(source);
    expect(err.code).toBe('syntax');
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.span?.start).toBe(source.length);
    expect(err.token).toBe('');
    expect(err.expected.length).toBeGreaterThan(0);
    expect(err.message).toBe(`unexpected end of input, expected ${wordsOf(err.expected)}`);
  });

  it('lists what an unclosed parenthesis may be followed by', () => {
    expect(parseError('(1 + 2').expected).toEqual(expect.arrayContaining(["')'", "'+'", "'*'"]));
  });

  it("lists `else`'s two continuations", () => {
    expect(parseError('if x < 1 { y = 1 } else').expected).toEqual(["'{'", "'if'"]);
  });
});

function wordsOf(list: readonly string[]): string {
  return list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
}

describe('unexpected characters', () => {
  it.each([
    ['@', 1, 1, '@'],
    ['x = 1\ny = $', 2, 5, '$'],
    ['x = 1\n  y = 2 ~ 3', 2, 9, '~'],
    ['x = 2 & 3', 1, 7, '&'],
    ['x = "a"', 1, 5, '"'],
  ])('%j has %s at %i:%i', (source, line, column, char) => {
    const err = parseError(source);
    expect(err.code).toBe('syntax');
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.token).toBe(char);
    expect(err.message).toBe(`unexpected character '${char}'`);
    expect(err.span?.end).toBe((err.span?.start ?? NaN) + 1);
  });
});

describe('names', () => {
  it.each([
    ['foo(1)', 1, 1, "unknown function 'foo'; for a product write 'foo * (...)'"],
    ['xy(2)', 1, 1, "unknown function 'xy'; for a product write 'xy * (...)'"],
    ['f(x, y)', 1, 1, "unknown function 'f'"],
    ['y = 1 + sine(x)', 1, 9, "unknown function 'sine'; for a product write 'sine * (...)'"],
    ['x = 1\n\n  2 rate(3)', 3, 5, "unknown function 'rate'; for a product write 'rate * (...)'"],
  ])('%j calls an unknown function at %i:%i', (source, line, column, message) => {
    const err = parseError(source);
    expect(err.code).toBe('unknown-function');
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.message).toBe(message);
  });

  it.each([
    ['sin(1, 2)', 1, 1, "'sin' takes 1 argument, got 2"],
    ['atan2(1)', 1, 1, "'atan2' takes 2 arguments, got 1"],
    ['nthRoot(1, 2, 3)', 1, 1, "'nthRoot' takes 1 or 2 arguments, got 3"],
    ['log(1, 2, 3)', 1, 1, "'log' takes 1 or 2 arguments, got 3"],
    ['length(v, w)', 1, 1, "'length' takes 1 argument, got 2"],
    ['max(1, sin(2, 3))', 1, 8, "'sin' takes 1 argument, got 2"],
    ['x = 1\ny = pow(x)', 2, 5, "'pow' takes 2 arguments, got 1"],
  ])('%j has the wrong number of arguments at %i:%i', (source, line, column, message) => {
    const err = parseError(source);
    expect(err.code).toBe('arity');
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.message).toBe(message);
  });

  it.each([
    ['pi = 3', 1, 1, "cannot assign to 'pi': it is a constant"],
    ['x = 1\ne = 2', 2, 1, "cannot assign to 'e': it is a constant"],
    ['sin = 3', 1, 1, "cannot assign to 'sin': it is a function"],
    ['x = 1; length = 2', 1, 8, "cannot assign to 'length': it is a function"],
    ['for pi = 1:2 { }', 1, 5, "cannot assign to 'pi': it is a constant"],
    ['for sum = 1:2 { }', 1, 5, "cannot assign to 'sum': it is a function"],
  ])('%j assigns to a name that is not a variable, at %i:%i', (source, line, column, message) => {
    const err = parseError(source);
    expect(err.code).toBe('assign-constant');
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.message).toBe(message);
  });

  it.each([
    ['sin', "'sin' is a function: call it as sin(...)"],
    ['2 + exp', "'exp' is a function: call it as exp(...)"],
    ['length + 1', "'length' is a function: call it as length(...)"],
  ])('%j uses a function as a value', (source, message) => {
    const err = parseError(source);
    expect(err.code).toBe('syntax');
    expect(err.message).toBe(message);
    expect(err.expected).toEqual(["'('"]);
  });

  it.each([
    ['x = 1 + pi[2]', 1, 9],
    ['e[1] = 2', 1, 1],
  ])('%j indexes a constant, at %i:%i', (source, line, column) => {
    const err = parseError(source);
    expect([err.code, err.line, err.column]).toEqual(['type', line, column]);
  });

  it('refuses a literal too large for float64', () => {
    const err = parseError('x = 1e999');
    expect([err.code, err.line, err.column, err.message]).toEqual(['syntax', 1, 5, 'number 1e999 is too large for float64']);
  });
});

describe('nesting', () => {
  it.each([
    ['unary minus', (n: number) => '-'.repeat(n) + 'x'],
    ['right-nested sums', (n: number) => '(1 + '.repeat(n) + '1' + ')'.repeat(n)],
    ['left-nested sums', (n: number) => '1 + '.repeat(n) + '1'],
    ['calls', (n: number) => 'sin('.repeat(n) + 'x' + ')'.repeat(n)],
    ['blocks', (n: number) => 'if x > 0 { '.repeat(n) + 'y = 1' + ' }'.repeat(n)],
    ['powers', (n: number) => Array(n + 1).fill('x').join('^')],
    ['signed powers', (n: number) => Array(n + 1).fill('x').join('^-')],
    ['powers of calls and indices', (n: number) => Array(n + 1).fill('sin(x)^v[1]').join('^')],
    ['else if chains', (n: number) => 'if x > 0 { y = 1 }' + ' else if x > 0 { y = 1 }'.repeat(n)],
    ['vectors', (n: number) => '['.repeat(n) + '1' + ']'.repeat(n)],
  ])('refuses %s nested past MAX_DEPTH with code nesting', (_, nest) => {
    const err = parseError(nest(MAX_DEPTH + 1));
    expect(err.code).toBe('nesting');
    expect(err.message).toBe(`expression nests deeper than ${MAX_DEPTH} levels`);
    expect(err.line).toBe(1);
    expect(err.column).toBeGreaterThan(1);
  });

  it.each([
    ['unary minus', '-'.repeat(MAX_DEPTH - 10) + 'x'],
    ['calls', 'sin('.repeat(MAX_DEPTH - 10) + 'x' + ')'.repeat(MAX_DEPTH - 10)],
    ['else if chains', 'if x > 0 { y = 1 }' + ' else if x > 0 { y = 1 }'.repeat(MAX_DEPTH - 10)],
  ])('accepts %s nested just inside MAX_DEPTH', (_, source) => {
    expect(() => parse(source)).not.toThrow();
  });

  // The program is level 0 and the statement level 1, so k powers put the innermost x at k + 2:
  // the check before the parse must not refuse what the exact check after it accepts.
  it('accepts the deepest chain of powers the limit allows, and refuses one more', () => {
    const chain = (k: number) => Array(k + 1).fill('x').join('^');
    expect(() => parse(chain(MAX_DEPTH - 2))).not.toThrow();
    expect(parseError(chain(MAX_DEPTH - 1)).code).toBe('nesting');
  });

  it('refuses 10,000 powers deep from the tokens, at the first power of the chain', () => {
    const err = parseError(Array(10_001).fill('x').join('^'));
    expect(err.code).toBe('nesting');
    expect([err.line, err.column]).toEqual([1, 2]);
  });
});

describe('the error objects', () => {
  it('are GradlabErrors with a code, a span and the offending token', () => {
    const err = parseError('1 + * 2');
    expect(err).toBeInstanceOf(GradlabError);
    expect(err.name).toBe('ParseError');
    expect(err.span).toEqual({ start: 4, end: 5, line: 1, column: 5 });
  });

  it('refuse a program where one expression is wanted', () => {
    const err = caught(() => parseExpression('x = 1\nx'), ParseError);
    expect([err.code, err.message]).toEqual(['syntax', 'expected a single expression, not a program']);
  });

  it('refuse source that is not text', () => {
    expect(() => parse(42 as unknown as string)).toThrow(TypeError);
  });
});

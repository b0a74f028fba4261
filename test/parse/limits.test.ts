// Large and deep inputs: every walker (parser, depth check, interpreter, printers) stays off the
// call-stack limit, and what is too deep is refused with a ParseError, never a RangeError.
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors';
import { evaluate } from '../../src/evaluate';
import { inputsOf } from '../../src/interpret/inputs';
import { MAX_DEPTH, parse } from '../../src/parse/parse';
import { print } from '../../src/print/print';
import { toLatex } from '../../src/print/latex';
import { caught } from '../support/helpers';

describe('deep nesting', () => {
  it('evaluates x inside 10,000 parentheses', () => {
    const source = '('.repeat(10_000) + 'x' + ')'.repeat(10_000);
    expect(evaluate(source, { x: 3 })).toBe(3);
  });

  it('refuses (1+(1+(...))) 10,000 deep with a nesting ParseError', () => {
    const source = '(1+'.repeat(10_000) + '1' + ')'.repeat(10_000);
    const err = caught(() => parse(source), ParseError);
    expect(err.code).toBe('nesting');
  });

  it('runs every walker over a tree just inside MAX_DEPTH', () => {
    const depth = MAX_DEPTH - 10;
    const source = '(1 + '.repeat(depth) + 'x' + ')'.repeat(depth);
    const program = parse(source);
    expect(evaluate(program, { x: 0.5 })).toBe(depth + 0.5);
    expect(inputsOf(program).map((u) => u.name)).toEqual(['x']);
    expect(print(program)).toBe('1 + ('.repeat(depth - 1) + '1 + x' + ')'.repeat(depth - 1));
    expect(toLatex(program)).toMatch(/^1 \+ \\left\(1 \+ /);
  });
});

describe('large input', () => {
  const terms = 100_000;
  const source = 'sum(' + Array.from({ length: terms }, (_, i) => `${i + 1}x - 1`).join(', ') + ')';

  it('is a megabyte of source', () => {
    expect(source.length).toBeGreaterThan(1_000_000);
  });

  it('parses and evaluates a sum of 100,000 terms', () => {
    // Σ (i·x − 1) for i = 1..n at x = 2 is n(n + 1) − n = n².
    expect(evaluate(source, { x: 2 })).toBe(terms * terms);
  });

  // The time limit is the assertion: work quadratic in the number of statements (a program
  // rebuilt at every statement boundary) takes over a minute here, linear work about a second.
  it('parses and runs a program of 30,000 statements', { timeout: 15_000 }, () => {
    const program = 's = 0\n' + 's = s + 1\n'.repeat(30_000) + 'return s';
    expect(evaluate(program)).toBe(30_000);
  });
});

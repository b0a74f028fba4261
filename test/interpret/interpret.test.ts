// The interpreter: what each statement does, the errors a run can raise (with their positions),
// the iteration budget, and that any Domain sees every arithmetic step.
import { describe, expect, it } from 'vitest';
import { EvalError } from '../../src/errors';
import { evaluate, type Inputs } from '../../src/evaluate';
import type { Domain } from '../../src/interpret/domain';
import { DEFAULT_MAX_ITERATIONS, interpret } from '../../src/interpret/interpret';
import { parse } from '../../src/parse/parse';
import { caught } from '../support/helpers';

describe('statements', () => {
  it.each<[string, string, Inputs, number | number[]]>([
    ['assignment, then the final expression', 'y = 2x\ny + 1', { x: 3 }, 7],
    ['reassignment', 'x = x + 1; x = 2x; x', { x: 1 }, 4],
    ['a while loop', 'n = 0\nwhile x > 1 { x = x / 2; n = n + 1 }\nn', { x: 20 }, 5],
    ['a while loop that never runs', 'n = 0\nwhile x > 100 { n = n + 1 }\nn', { x: 20 }, 0],
    ['if, taken', 'y = 0\nif x > 0 { y = 1 }\ny', { x: 2 }, 1],
    ['if, not taken', 'y = 0\nif x > 0 { y = 1 }\ny', { x: -2 }, 0],
    ['if/else', 'if x > 0 { y = 1 } else { y = -1 }\ny', { x: -2 }, -1],
    ['else if, first branch', 'if x < 0 { y = -1 } else if x == 0 { y = 0 } else { y = 1 }\ny', { x: -5 }, -1],
    ['else if, second branch', 'if x < 0 { y = -1 } else if x == 0 { y = 0 } else { y = 1 }\ny', { x: 0 }, 0],
    ['else if, last branch', 'if x < 0 { y = -1 } else if x == 0 { y = 0 } else { y = 1 }\ny', { x: 5 }, 1],
    ['for, bounds inclusive', 's = 0\nfor i = 1:5 { s = s + i }\ns', {}, 15],
    ['for, one iteration', 's = 0\nfor i = 3:3 { s = s + i }\ns', {}, 3],
    ['for, no iterations', 's = 0\nfor i = 3:1 { s = s + i }\ns', {}, 0],
    ['for, bounds read once', 'n = 3; s = 0\nfor i = 1:n { n = 10; s = s + 1 }\ns', {}, 3],
    ['for, fractional bounds step by one', 's = 0\nfor i = 0.5:2.5 { s = s + i }\ns', {}, 4.5],
    ['for, the counter keeps its last value', 'for i = 1:3 { }\ni', {}, 3],
    ['nested for', 's = 0\nfor i = 1:3 { for j = 1:i { s = s + 1 } }\ns', {}, 6],
    ['return from inside nested loops', 'for i = 1:10 { for j = 1:10 { if i * j == 12 { return 100i + j } } }\n0', {}, 206],
    ['return ends the program', 'return 1\nreturn 2', {}, 1],
    ['statements after return do not run', 'return x\nsqrt(-1)', { x: 4 }, 4],
    ['the last of several expressions', '1; 2; 3', {}, 3],
    ['a program of one expression', '2x + 3x^2 + x(6 - 2)', { x: 2 }, 24],
  ])('%s', (_, source, inputs, expected) => {
    expect(evaluate(source, inputs)).toEqual(expected);
  });

  it.each([
    ['<', [1, 0, 0]],
    ['<=', [1, 1, 0]],
    ['>', [0, 0, 1]],
    ['>=', [0, 1, 1]],
    ['==', [0, 1, 0]],
    ['!=', [1, 0, 1]],
  ])('compares with %s', (op, expected) => {
    const source = `if a ${op} b { r = 1 } else { r = 0 }\nr`;
    expect([1, 2, 3].map((a) => evaluate(source, { a, b: 2 }))).toEqual(expected);
  });

  it.each([
    ['and', 'x > 0 and sqrt(x) > 1', -4, 0],
    ['or', 'x < 0 or sqrt(x) > 1', -4, 1],
    ['not', 'not (x < 0 or sqrt(x) > 1)', -4, 0],
  ])('%s decides without evaluating what cannot matter', (_, cond, x, expected) => {
    expect(evaluate(`r = 0\nif ${cond} { r = 1 }\nr`, { x })).toBe(expected);
  });

  it('evaluates expression statements that are not last, so their errors surface', () => {
    expect(caught(() => evaluate('sqrt(-1); 2'), EvalError).code).toBe('domain');
  });
});

describe('vectors', () => {
  it.each<[string, string, Inputs, number | number[]]>([
    ['an element, 1-based', 'v[1] + v[3]', { v: [1, 2, 3] }, 4],
    ['an element at a computed index', 'v[length(v)]', { v: [4, 5, 6] }, 6],
    ['a literal', 'v = [1, 2x, x^2]\nv', { x: 3 }, [1, 6, 9]],
    ['an empty literal', 'length([])', {}, 0],
    ['an element assigned', 'v[2] = 10\nv', { v: [1, 2, 3] }, [1, 10, 3]],
    ['a vector result', 'return [x, 2x]', { x: 2 }, [2, 4]],
    ['sum of squares', 's = 0\nfor i = 1:length(v) { s = s + v[i]^2 }\ns', { v: [1, 2, 3] }, 14],
    ['n-ary ops take vectors apart', 'sum(v, 10, w)', { v: [1, 2], w: [3] }, 16],
    ['max over a vector', 'max(v)', { v: [3, 9, 2] }, 9],
    ['hypot over a vector', 'hypot(v)', { v: [3, 4] }, 5],
  ])('%s', (_, source, inputs, expected) => {
    expect(evaluate(source, inputs)).toEqual(expected);
  });

  it('copies on assignment: changing w leaves v alone', () => {
    expect(evaluate('w = v\nw[1] = 9\n[v[1], w[1]]', { v: [1, 2] })).toEqual([1, 9]);
  });

  it("never changes the caller's vectors", () => {
    const v = [1, 2, 3];
    evaluate('v[1] = 100\nv', { v });
    expect(v).toEqual([1, 2, 3]);
  });
});

describe('errors', () => {
  it.each<[string, string, Inputs, string, number | undefined, number | undefined]>([
    // kind, source, inputs, code, line, column
    ['an input without a value', 'y = 2\nz = y + x\nz', {}, 'missing-input', 2, 9],
    ['a value for no input', 'x', { x: 1, y: 2 }, 'unknown-input', undefined, undefined],
    ['a name assigned only on a path not taken', 'if x > 0 { y = 1 }\ny', { x: -1 }, 'undefined-variable', 2, 1],
    ['a for counter after no iterations', 'for i = 1:0 { }\ni', {}, 'undefined-variable', 2, 1],
    ['indexing a number', 'x = 3\nx[1]', {}, 'type', 2, 1],
    ['assigning an element of a number', 'x = 1\nx[1] = 2\nx', {}, 'type', 2, 1],
    ['a vector where a number is needed', 'v = [1, 2]\nsin(v)', {}, 'type', 2, 5],
    ['a vector as an operand', 'v + 1', { v: [1, 2] }, 'type', 1, 1],
    ['a vector in a comparison', 'while v > 1 { }\n1', { v: [1, 2] }, 'type', 1, 7],
    ['a vector as a loop bound', 'for i = 1:v { }\n1', { v: [1, 2] }, 'type', 1, 11],
    ['a vector inside a vector', 'x = [v, 1]\nx', { v: [1, 2] }, 'type', 1, 6],
    ['a vector as an index', 'v[v]', { v: [1, 2] }, 'type', 1, 3],
    ['length of a number', 'length(x)', { x: 1 }, 'type', 1, 8],
    ['index past the end', 'v = [1, 2]\nv[3]', {}, 'index', 2, 3],
    ['index zero', 'v[0]', { v: [1, 2] }, 'index', 1, 3],
    ['a fractional index', 'v[1.5]', { v: [1, 2] }, 'index', 1, 3],
    ['assigning past the end', 'v[3] = 1\nv', { v: [1, 2] }, 'index', 1, 3],
    ['an n-ary op on an empty vector', 'max(v)', { v: [] }, 'arity', 1, 1],
    ['sqrt(-1)', 'y = 1\ny + sqrt(-1)', {}, 'domain', 2, 5],
    ['0/0', '0/0', {}, 'domain', 1, 1],
    ['log of a negative', 'log(-1)', {}, 'domain', 1, 1],
    ['asin(2)', 'asin(2)', {}, 'domain', 1, 1],
    ['Infinity - Infinity', 'a = 1e308 * 10\na - a', {}, 'domain', 2, 1],
    ['an infinite loop bound', 'for i = 1:1/0 { }\n1', {}, 'domain', 1, 11],
    ['an empty program', '', {}, 'no-result', undefined, undefined],
    ['a program ending in an assignment', 'x = 1', {}, 'no-result', 1, 1],
    ['a program ending in a block', 'x = 1\nif x > 0 { 5 }', {}, 'no-result', 2, 1],
  ])('%s', (_, source, inputs, code, line, column) => {
    const err = caught(() => evaluate(source, inputs), EvalError);
    expect(err.code).toBe(code);
    expect([err.line, err.column]).toEqual([line, column]);
  });

  it.each([
    ['sqrt(-1)', 'sqrt(-1) is not a real number'],
    ['0/0', '0 / 0 is not a real number'],
    ['log(-2, 3)', 'log(-2, 3) is not a real number'],
  ])('names the point outside the domain: %s', (source, message) => {
    expect(caught(() => evaluate(source), EvalError).message).toBe(message);
  });

  it('allows infinities that are limits, such as log(0)', () => {
    expect(evaluate('log(0)')).toBe(-Infinity);
    expect(evaluate('1/0')).toBe(Infinity);
  });

  it('names the inputs when given one the program lacks', () => {
    expect(caught(() => evaluate('x + y', { x: 1, y: 2, z: 3 }), EvalError).message).toBe("'z' is not an input of this program (its inputs: x, y); leave 'z' out of the point, or use it in the program to make it an input");
    expect(caught(() => evaluate('1', { z: 3 }), EvalError).message).toBe("'z' is not an input of this program (its inputs: none); leave 'z' out of the point, or use it in the program to make it an input");
  });
});

describe('the iteration budget', () => {
  const spin = 'n = 0\nwhile n < k { n = n + 1 }\nn';

  it('lets a loop run exactly maxIterations times', () => {
    expect(evaluate(spin, { k: 50 }, { maxIterations: 50 })).toBe(50);
  });

  it.each([
    ['a while loop', spin, { k: 51 }, 2, 1],
    ['a for loop', 'for i = 1:51 { }\n1', {}, 1, 1],
    ['all loops together', 'for i = 1:30 { }\nfor j = 1:30 { }\n1', {}, 2, 1],
    ['nested loops', 'for i = 1:10 { for j = 1:10 { } }\n1', {}, 1, 16],
  ])('stops %s past a custom budget', (_, source, inputs, line, column) => {
    const err = caught(() => evaluate(source, inputs, { maxIterations: 50 }), EvalError);
    expect([err.code, err.line, err.column]).toEqual(['iteration-budget', line, column]);
    expect(err.message).toMatch(/past the budget of 50 iterations; raise it with maxIterations/);
  });

  it(`stops an endless loop after the default ${DEFAULT_MAX_ITERATIONS.toLocaleString('en-US')} iterations`, () => {
    const err = caught(() => evaluate('while 1 > 0 { }\n1'), EvalError);
    expect(err.code).toBe('iteration-budget');
    expect(err.message).toContain('1,000,000');
  });
});

describe('domains', () => {
  // A domain that writes each step as text, alongside its float value.
  type Traced = { readonly value: number; readonly text: string };
  const traced: Domain<Traced> = {
    name: 'traced',
    constant: (value) => ({ value, text: String(value) }),
    apply: (op, args) => ({ value: op.fn(...args.map((a) => a.value)), text: `${op.name}(${args.map((a) => a.text).join(', ')})` }),
    primal: (x) => x.value,
  };
  const input = (text: string, value: number): Traced => ({ value, text });

  it('hands every arithmetic step to the domain', () => {
    const out = interpret(parse('2x + sin(x)^2'), traced, { x: input('x', 1) });
    expect(out).toEqual({ value: 2 + Math.sin(1) ** 2, text: 'add(multiply(2, x), pow(sin(x), 2))' });
  });

  it('reads primals to decide branches and loops', () => {
    const out = interpret(parse('while x > 5 { x = x / 2 }\nreturn x^2'), traced, { x: input('x', 12) });
    expect(out).toEqual({ value: 9, text: 'pow(divide(divide(x, 2), 2), 2)' });
  });

  it('gives constants through the table, so a domain may supply its own digits', () => {
    expect(interpret(parse('pi + e'), traced, {})).toEqual({ value: Math.PI + Math.E, text: 'add(pi(), e())' });
  });
});

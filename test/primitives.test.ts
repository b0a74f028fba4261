// The primitive table: each row's arity as the parser enforces it, and each row's value through
// the parser and interpreter, against mathjs where mathjs has the function.
// (The derivative rules, the `d` column, are tested with the differentiators.)
import * as math from 'mathjs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../src/errors';
import { evaluate } from '../src/evaluate';
import { parse } from '../src/parse/parse';
import { arityRange, CONSTANT_NAMES, OPERATOR_NAMES, primitive, PRIMITIVES } from '../src/primitives';
import { caught, close } from './support/helpers';
import { compare } from '../src/diff/compare';
import { bignumber } from '../src/domains/bignumber';
import { complex, complexOf } from '../src/domains/complex';
import { print } from '../src/print/print';
import { toLatex } from '../src/print/latex';

const ROWS = [...PRIMITIVES.values()];
const CALLABLE = ROWS.filter((p) => !CONSTANT_NAMES.has(p.name));
const call = (name: string, args: readonly number[]) => `${name}(${args.join(', ')})`;

/** Arities other than one argument; every other row takes exactly one. */
const ARITY: Record<string, number | readonly [number, number]> = {
  add: 2, subtract: 2, multiply: 2, divide: 2, pow: 2, atan2: 2, xlogy: 2,
  pi: 0, e: 0,
  log: [1, 2], nthRoot: [1, 2],
  max: [1, Infinity], min: [1, Infinity], hypot: [1, Infinity], sum: [1, Infinity],
  dot: [2, Infinity], logsumexp: [1, Infinity],
};

/** In-domain points for each row; rows not listed use DEFAULT_POINTS. */
const DEFAULT_POINTS = [[0.3], [0.7], [-1.3], [2.5]];
const POINTS: Record<string, number[][]> = {
  add: [[1, 2], [-0.5, 3.25]], subtract: [[1, 2], [-0.5, 3.25]], multiply: [[3, -4], [0.5, 0.25]],
  divide: [[1, 4], [-3, 0.5]], pow: [[2, 10], [2.5, -1.5], [-2, 3]],
  pi: [[]], e: [[]],
  log: [[0.3], [8], [8, 2], [100, 10]], log10: [[0.3], [1000]], log2: [[0.3], [1024]], log1p: [[0.3], [-0.5], [2.5], [1e-12]],
  sqrt: [[0.3], [16]], nthRoot: [[16], [27, 3], [-8, 3], [16, 4]],
  asin: [[0.3], [-0.7]], acos: [[0.3], [-0.7]], atanh: [[0.3], [-0.7]], asech: [[0.3], [0.9]],
  acosh: [[1.5], [4]], asec: [[1.5], [-3]], acsc: [[1.5], [-3]], acoth: [[1.5], [-3]],
  atan2: [[1, 2], [-1, -2], [1, -2]], xlogy: [[2, 3], [-1.5, 0.5], [0, 4]],
  max: [[3], [3, 4], [-1, 2, 0.5]], min: [[3], [3, 4], [-1, 2, 0.5]],
  hypot: [[3], [3, 4], [-1, 2, 0.5]], sum: [[3], [3, 4], [-1, 2, 0.5]],
  dot: [[3, 4], [1, 2, 3, 4]], logsumexp: [[3], [0.5, -2, 1]],
};
const pointsOf = (name: string) => POINTS[name] ?? DEFAULT_POINTS;

/** Rows mathjs lacks, checked against values worked out by hand. */
const KNOWN: Record<string, [number[], number][]> = {
  heaviside: [[[-2], 0], [[0], 0], [[3], 1]],
  sigmoid: [[[0], 0.5], [[Math.log(3)], 0.75], [[-Math.log(3)], 0.25], [[-800], 0], [[800], 1]],
  relu: [[[-2], 0], [[0], 0], [[3], 3]],
  softplus: [[[0], Math.LN2], [[Math.log(Math.E - 1)], 1], [[-800], 0], [[800], 800]],
  logsumexp: [[[0, 0], Math.LN2], [[800, 800], 800 + Math.LN2], [[-800], -800]],
  xlogy: [[[0, 0], 0], [[0, 3], 0], [[2, Math.E], 2], [[-3, 1], -0], [[0.5, 4], Math.LN2]],
};

describe('arity', () => {
  it.each(ROWS)('$name takes the arguments it should', (p) => {
    expect(p.arity).toEqual(ARITY[p.name] ?? 1);
  });

  it('lists every operator and constant as a row', () => {
    for (const name of [...OPERATOR_NAMES, ...CONSTANT_NAMES]) expect(PRIMITIVES.has(name), name).toBe(true);
  });

  it.each(CALLABLE)('the parser accepts $name with as few and as many arguments as it takes', (p) => {
    const [min, max] = arityRange(p);
    for (const n of [min, Math.min(max, min + 3)]) {
      expect(() => parse(call(p.name, Array(n).fill(1)))).not.toThrow();
    }
  });

  it.each(CALLABLE.filter((p) => arityRange(p)[1] !== Infinity))('the parser refuses $name with one argument too many', (p) => {
    const n = arityRange(p)[1] + 1;
    const err = caught(() => parse(call(p.name, Array(n).fill(1))), ParseError);
    expect(err.code).toBe('arity');
    expect(err.message).toMatch(new RegExp(`^'${p.name}' takes .*, got ${n}$`));
  });

  it.each(CALLABLE.filter((p) => arityRange(p)[0] > 1))('the parser refuses $name with one argument too few', (p) => {
    const n = arityRange(p)[0] - 1;
    expect(caught(() => parse(call(p.name, Array(n).fill(1))), ParseError).code).toBe('arity');
  });

  it.each(CALLABLE)('the parser refuses $name with no arguments', (p) => {
    expect(() => parse(`${p.name}()`)).toThrow(ParseError);
  });

  it('looks rows up by name and refuses names it lacks', () => {
    expect(primitive('sin')).toBe(PRIMITIVES.get('sin'));
    expect(() => primitive('sine')).toThrow("no primitive 'sine' in the table");
  });

  it('gives every row a one-line doc', () => {
    for (const p of ROWS) expect(p.doc, p.name).toMatch(/^[^\n]+$/);
  });
});

describe('values', () => {
  const cases = ROWS.flatMap((p) => pointsOf(p.name).map((args) => ({ name: p.name, args })));

  it.each(cases)('$name($args) evaluates to the row function', ({ name, args }) => {
    const source = CONSTANT_NAMES.has(name) ? name : call(name, args);
    const value = evaluate(source);
    expect(value).toBe(primitive(name).fn(...args));
    expect(Number.isFinite(value)).toBe(true);
  });

  const mathjs = math as unknown as Record<string, unknown>;
  const shared = cases.filter(({ name }) => name in mathjs);

  it.each(shared)('$name($args) matches mathjs', ({ name, args }) => {
    // mathjs's dot takes two vectors; ours takes their elements, first halves then second.
    const spread = name === 'dot' ? [args.slice(0, args.length / 2), args.slice(args.length / 2)] : args;
    const theirs = CONSTANT_NAMES.has(name) ? mathjs[name] : (mathjs[name] as (...x: unknown[]) => unknown)(...spread);
    const ours = evaluate(CONSTANT_NAMES.has(name) ? name : call(name, args)) as number;
    expect(typeof theirs).toBe('number');
    expect(close(ours, theirs as number, 1e-13), `ours ${ours}, mathjs ${String(theirs)}`).toBe(true);
  });

  it('knows which rows mathjs lacks', () => {
    expect(ROWS.map((p) => p.name).filter((name) => !(name in mathjs)).sort()).toEqual(Object.keys(KNOWN).sort());
  });

  it.each(Object.entries(KNOWN).flatMap(([name, rows]) => rows.map(([args, value]) => ({ name, args, value }))))(
    '$name($args) is $value',
    ({ name, args, value }) => {
      expect(close(evaluate(call(name, args)) as number, value, 1e-15)).toBe(true);
    },
  );
});

describe("the rows' other facts", () => {
  it('the operators are the rows with an operator, the constants the nullary rows', () => {
    expect([...OPERATOR_NAMES].sort()).toEqual(['add', 'divide', 'multiply', 'pow', 'subtract', 'unaryMinus']);
    expect([...CONSTANT_NAMES].sort()).toEqual(['e', 'pi']);
  });

  it.each(ROWS.filter((p) => p.operator && p.operator.binding !== 'unary'))('$name is printed with its operator symbol', (p) => {
    expect(print(parse(`a ${p.operator!.symbol} b`))).toBe(`a ${p.operator!.symbol} b`.replace('a ^ b', 'a^b'));
  });

  const kinked = ROWS.filter((p) => p.kink);
  it('the kinks are those of the piecewise rows', () => {
    expect(kinked.map((p) => p.name).sort()).toEqual(['abs', 'heaviside', 'max', 'min', 'relu', 'sign']);
  });

  it.each(kinked)('$name changes side at its kink, and compare warns within a step of it', (p) => {
    const args = arityRange(p)[0] === 1 && arityRange(p)[1] === 1 ? ['x'] : ['x', '0'];
    const at = (x: number) => p.kink!(args.map((a) => (a === 'x' ? x : 0)));
    expect(at(-1)).not.toBe(at(1));
    const warnings = compare(`${p.name}(${args.join(', ')})`, { x: 1e-12 }, { timing: 0, methods: ['reverse'] }).warnings;
    expect(warnings.join(' ')).toContain(`a kink of ${p.name}`);
  });

  it('a smooth row has no kink to warn of', () => {
    expect(compare('sin(x)', { x: 1e-12 }, { timing: 0, methods: ['reverse'] }).warnings).toEqual([]);
  });

  it.each([...CONSTANT_NAMES])('the constant %s is written in LaTeX as its row says', (name) => {
    expect(toLatex(parse(name))).toBe(primitive(name).tex);
  });

  it.each(CALLABLE.filter((p) => p.tex !== undefined))('$name is written in LaTeX as its row says', (p) => {
    const n = arityRange(p)[0];
    const names = ['x', 'y'].slice(0, n);
    const tex = toLatex(parse(`${p.name}(${names.join(', ')})`));
    if (typeof p.tex === 'function') expect(tex).toBe(p.tex(names));
    else expect(tex).toBe(`${p.tex}\\left(${names.join(', ')}\\right)`);
  });

  it('a row without a TeX spelling is an operatorname', () => {
    expect(toLatex(parse('softplus(x)'))).toBe('\\operatorname{softplus}\\left(x\\right)');
  });

  const identities = ROWS.filter((p) => p.identity);
  it('the reciprocal rows are defined by identities', () => {
    expect(identities.map((p) => p.name).sort()).toEqual(['acot', 'acoth', 'acsc', 'acsch', 'asec', 'asech', 'cot', 'coth', 'csc', 'csch', 'sec', 'sech'].sort());
  });

  it.each(identities)('$name: the float function is the identity, bit for bit', (p) => {
    const direct: Record<string, (x: number) => number> = {
      sec: (x) => 1 / Math.cos(x), csc: (x) => 1 / Math.sin(x), cot: (x) => 1 / Math.tan(x),
      sech: (x) => 1 / Math.cosh(x), csch: (x) => 1 / Math.sinh(x), coth: (x) => 1 / Math.tanh(x),
      asec: (x) => Math.acos(1 / x), acsc: (x) => Math.asin(1 / x), acot: (x) => Math.atan(1 / x),
      asech: (x) => Math.acosh(1 / x), acsch: (x) => Math.asinh(1 / x), acoth: (x) => Math.atanh(1 / x),
    };
    for (const x of [0.3, 0.9, 1.5, -2.5, 7, 1e-8]) expect(Object.is(p.fn(x), direct[p.name](x)), `${p.name}(${x})`).toBe(true);
  });

  it.each(identities)('$name runs in the complex and 30-digit domains by its identity', (p) => {
    // In each row's real domain: asech wants (0, 1], the other inverses |x| ≥ 1 or any x.
    const x = p.name === 'asech' ? 0.6 : p.name.startsWith('a') ? 1.7 : 0.6;
    const z = complex.apply(p, [complexOf(x, 1e-20)]);
    expect(z.re).toBe(p.fn(x));
    const big = bignumber(30);
    expect(close(big.toNumber(big.apply(p, [big.fromNumber(x)])), p.fn(x), 1e-14)).toBe(true);
  });
});

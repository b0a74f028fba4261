// The reference's promises at hard points: a NaN derivative is a domain error; cancellation below
// its working precision is zero; its limits end in typed errors and leave the process sound.
import { describe, expect, it } from 'vitest';
import { compare, EvalError, reference } from '../../src/index';
import { relativeError } from '../../src/diff/distance';
import { bignumber } from '../../src/domains/bignumber';
import { primitive } from '../../src/primitives';
import { caught } from '../support/helpers';

describe('a NaN derivative in the reference is a domain error', () => {
  it.each([
    ['x^x', { x: 0 }, '∂f/∂x'],
    ['x x^-x', { x: -3 }, '∂f/∂x'],
    ['[y, x^y]', { x: -2, y: 3 }, '∂f[2]/∂y'],
  ] as const)('%s at %j', (source, at, which) => {
    const err = caught(() => reference(source, at), EvalError);
    expect(err.code).toBe('domain');
    expect(err.message).toContain(`${which} = NaN`);
  });

  it('compare reports it, and says which methods disagree', () => {
    const c = compare('x^x', { x: 0 }, { timing: 0.001 });
    expect(c.reference).toBeNull();
    expect(c.referenceError).toMatch(/not a real number/);
    expect(c.value).toBe(1);
    const symbolic = c.methods.find((m) => m.method === 'symbolic')!;
    expect(symbolic.ok).toBe(true);
    expect(c.methods.find((m) => m.method === 'reverse')!.ok).toBe(false);
    expect(c.warnings.join('\n')).toMatch(/the methods disagree where the reference has no value .*symbolic gives -Infinity.*reverse.* find none/);
  });

  it('compare says so where a method finds no derivative that the reference has', () => {
    const c = compare('log(exp(x))', { x: 800 }, { timing: 0.001 });
    expect(c.reference).toEqual({ x: 1 });
    expect(c.warnings).toContain('reverse disagrees with the reference: it finds no real derivative where the reference does');
  });
});

describe('a reference that cancels below its working precision is zero', () => {
  it.each([
    ['sin(x)^2 + cos(x)^2', [0.3, 1.3, 2, -2.7]],
    ['cosh(x)^2 - sinh(x)^2', [0.4, 1.7]],
    ['tan(x) - sin(x) / cos(x)', [0.2, 1.1]],
    ['dot([sin(x), cos(x)], [sin(x), cos(x)])', [0.9, -1.6]],
  ] as const)('%s: an exact 0 is not called wrong', (source, xs) => {
    for (const x of xs) {
      const c = compare(source, { x }, { timing: 0.001 });
      expect(Object.values(c.reference!).flat().every((v) => v === 0)).toBe(true);
      expect(c.warnings).toEqual([]);
    }
  });

  it('keeps what is small but significant', () => {
    const big = bignumber();
    const add = primitive('add');
    expect(big.apply(add, [big.fromString('1'), big.fromString('-0.99999999999999999999999999999999999999999')]).toString()).toBe('1e-41');
    expect(big.apply(add, [big.fromString('0'), big.fromString('1e-70')]).toString()).toBe('1e-70');
    expect(big.apply(add, [big.fromString('1'), big.fromString('-0.999999999999999999999999999999999999999999999999999999')]).isZero()).toBe(true);
  });

  it('relative error against an exact zero calls an exact zero right', () => {
    expect(relativeError([0], [0])).toBe(0);
    expect(relativeError([1e-17], [0])).toBe(1e-17);
  });
});

describe('the reference at its limits', () => {
  it('refuses a trigonometric argument beyond float64, with a typed error at the call', () => {
    for (const source of ['sin(x * 10^1000)', 'cos(10^400 x)', 'tan(5^x)']) {
      const at = { x: source === 'tan(5^x)' ? 10002 : 1 };
      const err = caught(() => reference(source, at), EvalError);
      expect(err.code).toBe('precision-limit');
      expect(err.message).toMatch(/beyond float64's range/);
      expect(err.line).toBe(1);
    }
  });

  it('leaves the process sound afterwards', () => {
    expect(() => reference('sin(x * 10^1000)', { x: 1 })).toThrow(EvalError);
    expect(reference('sin(x)', { x: 1 }).exact[0][0]).toBe('0.54030230586813971740093660744297660373231042061792');
  });

  it('refuses more digits than decimal.js has for π, which every trigonometric op needs', () => {
    expect(() => bignumber(1016)).toThrow(RangeError);
  });

  it('compare throws no untyped error there', () => {
    const err = caught(() => compare('sin(x * 10^1000)', { x: 1 }, { timing: 0.001 }), EvalError);
    expect(err.code).toBe('domain');
  });

  it('gives up after its time limit with a typed error saying why', () => {
    // 20,000 BigNumber sines take a good part of a second; float64 runs them in a millisecond.
    const loop = 'y = x; for i = 1:20000 { y = sin(y) + x }; return y';
    const err = caught(() => reference(loop, { x: 0.5 }, { timeLimit: 0.01 }), EvalError);
    expect(err.code).toBe('time-limit');
    expect(err.message).toMatch(/ran past its time limit of 0.01 s .*raise it with timeLimit/);
    expect(reference('x^2', { x: 3 }).jacobian).toEqual([[6]]);
    const c = compare(loop, { x: 0.5 }, { timing: 0.001, referenceTimeLimit: 0.01, methods: ['reverse'] });
    expect(c.reference).toBeNull();
    expect(c.referenceError).toMatch(/time limit/);
    expect(c.methods[0].ok).toBe(true);
  });

  it('wraps what decimal.js throws in a GradlabError naming the op, and restores its precision', () => {
    // At 1000 digits, reducing 1e10 needs π to more than the 1025 digits decimal.js holds.
    const big = bignumber(1000);
    const err = caught(() => big.apply(primitive('sin'), [big.fromString('1e10')]), EvalError);
    expect(err.code).toBe('precision-limit');
    expect(err.message).toMatch(/^sin\(1\.00000e\+10\) failed in the 1000-digit reference: \[DecimalError\] Precision limit exceeded/);
    expect(big.format(big.apply(primitive('sin'), [big.fromString('1')]), 20)).toBe('0.84147098480789650665');
    expect(big.format(big.apply(primitive('divide'), [big.fromString('1'), big.fromString('3')])).length).toBe(1002);
  });
});

// The BigNumber domain: every primitive against float64 and against itself at more digits, known
// constants to 50 digits, NaN off the real domain, and whole programs through the interpreter.
import { isBigNumber, type BigNumber } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { bignumber, type BigNumberDomain } from '../../src/domains/bignumber';
import { EvalError } from '../../src/errors';
import { interpret } from '../../src/interpret/interpret';
import { parse } from '../../src/parse/parse';
import { PRIMITIVES, primitive } from '../../src/primitives';
import { OFF_DOMAIN, POINTS } from './points';

const big = bignumber();
const finer = bignumber(80);

const run = (d: BigNumberDomain, name: string, at: readonly number[]) => d.apply(primitive(name), at.map((x) => d.fromNumber(x)));

/** |x − y| ≤ tol·|y|, read in the finer domain so that no digit of either is lost. */
function agrees(x: BigNumber, y: BigNumber, tol: string): boolean {
  if (x.isNaN() || y.isNaN()) return x.isNaN() && y.isNaN();
  const [a, b] = [finer.fromString(x.toString()), finer.fromString(y.toString())];
  return a.equals(b) || a.minus(b).abs().lessThanOrEqualTo(b.abs().times(tol));
}

const cases = [...PRIMITIVES.values()].flatMap((p) => (POINTS[p.name] ?? []).map(({ at }) => ({ name: p.name, at })));

describe('every primitive', () => {
  it.each([...PRIMITIVES.keys()])('%s has points to test at', (name) => {
    expect(POINTS[name]).toBeDefined();
  });

  it.each(cases)('$name at $at is a BigNumber agreeing with float64 to 1e-15', ({ name, at }) => {
    const out = run(big, name, at);
    expect(isBigNumber(out)).toBe(true);
    const want = primitive(name).fn(...at);
    expect(Math.abs(out.toNumber() - want)).toBeLessThanOrEqual(1e-15 * Math.abs(want));
  });

  it.each(cases)('$name at $at holds 50 digits: it agrees with 80-digit work to 1e-50', ({ name, at }) => {
    expect(agrees(run(big, name, at), run(finer, name, at), '1e-50')).toBe(true);
  });

  // Where mathjs or decimal.js alone lose digits: tan near π/2 (sin/√(1 − sin²)), log1p of a tiny
  // argument (ln of a rounded 1 + u), and logsumexp whose top term swamps the rest.
  it.each([
    ['tan', [1.5707963267948966]],
    ['cot', [1.5707963267948966]],
    ['tan', [-4.71238898038469]],
    ['softplus', [-100]],
    ['logsumexp', [0, -100]],
    ['sigmoid', [-1000]],
  ] as const)('%s(%s) holds 50 digits where the library alone does not', (name, at) => {
    expect(agrees(run(big, name, at), run(finer, name, at), '1e-50')).toBe(true);
  });

  // decimal.js's own sinh, cosh and tanh take seconds at |x| = 1e5 and hours beyond.
  it.each(['sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth'])('%s at ±1e6 answers as float64 does', (name) => {
    for (const x of [1e6, -1e6]) expect(run(big, name, [x]).toNumber()).toBe(primitive(name).fn(x));
  });
});

describe('known values to 50 digits', () => {
  it.each([
    ['pi', [], '3.1415926535897932384626433832795028841971693993751'],
    ['e', [], '2.7182818284590452353602874713526624977572470937000'],
    ['sqrt', [2], '1.4142135623730950488016887242096980785696718753769'],
    ['exp', [1], '2.7182818284590452353602874713526624977572470937000'],
    ['log', [2], '0.69314718055994530941723212145817656807550013436026'],
    ['sin', [1], '0.84147098480789650665250232163029899962256306079837'],
    ['nthRoot', [2], '1.4142135623730950488016887242096980785696718753769'],
    ['atan2', [1, 1], '0.78539816339744830961566084581987572104929234984378'],
  ] as const)('%s(%s) = %s', (name, at, digits) => {
    expect(big.format(run(big, name, at), 50)).toBe(digits);
  });

  it.each([
    ['max', ['1', '1.00000000000000000001'], '1.00000000000000000001'],
    ['max', ['-1e-300', '0'], '0'],
    ['min', ['0', '1e-300'], '0'],
    ['min', ['1.00000000000000000001', '1'], '1'],
  ] as const)('%s(%s) compares exactly, unlike mathjs’s tolerant max and min', (name, at, want) => {
    const out = big.apply(primitive(name), at.map((x) => big.fromString(x)));
    expect(out.equals(big.fromString(want))).toBe(true);
  });

  it('keeps the sign of zero, and hypot’s infinity beside a NaN, as float64', () => {
    expect(run(big, 'atan2', [-0, -1]).toNumber()).toBe(-Math.PI);
    expect(run(big, 'hypot', [NaN, -Infinity]).toNumber()).toBe(Infinity);
  });

  it('reads a literal by its shortest decimal: 0.1 + 0.2 is exactly 0.3', () => {
    const sum = big.apply(primitive('add'), [big.constant(0.1), big.constant(0.2)]);
    expect(sum.equals(big.fromString('0.3'))).toBe(true);
  });
});

describe('off the real domain, NaN', () => {
  it.each([...OFF_DOMAIN, ['nthRoot', [1, 0]] as const])('%s(%s) is a NaN BigNumber, as float64 gives NaN', (name, at) => {
    expect(primitive(name).fn(...at)).toBeNaN();
    const out = run(big, name, at);
    expect(isBigNumber(out) && out.isNaN()).toBe(true);
  });

  it.each([
    ['nthRoot', [-8, 3], -2],
    ['nthRoot', [0, 3], 0],
    ['nthRoot', [8, 0], Infinity],
    ['pow', [-2, 3], -8],
    ['log', [0], -Infinity],
    ['atanh', [1], Infinity],
  ] as const)('but %s(%s) = %d, as float64', (name, at, want) => {
    expect(run(big, name, at).toNumber()).toBe(want);
  });

  it('the interpreter reports a domain error', () => {
    const run = () => interpret(parse('sqrt(x - 3)'), big, { x: big.fromNumber(2) });
    expect(run).toThrow(EvalError);
    expect(run).toThrow(expect.objectContaining({ code: 'domain' }));
  });
});

describe('whole programs', () => {
  it('runs Newton’s square root in a for loop to 50 digits', () => {
    const out = interpret(parse('y = x; for i = 1:10 { y = (y + x / y) / 2 }; return y'), big, { x: big.fromNumber(2) });
    expect(big.format(out as BigNumber, 50)).toBe('1.4142135623730950488016887242096980785696718753769');
  });

  it('runs a while loop on vectors: halving until below 5, then a dot product', () => {
    const source = 'while abs(x) > 5 { x = x / 2 }; v = [x, 0.1]; return dot(v, v)';
    const out = interpret(parse(source), big, { x: big.fromNumber(12) });
    expect(big.format(out as BigNumber)).toBe(big.format(big.fromString('9.01')));
  });

  it('refuses a precision that is not a positive whole number of digits', () => {
    expect(() => bignumber(0)).toThrow(RangeError);
  });
});

// Facts stated once. Each op's facts live on its row of the primitive table and are checked here
// against the row's own float function, both ways where a fact can be missing (a row that is odd
// says so); method facts live on the registered differentiators, and every list of methods
// elsewhere is a projection of the registry: a method added there appears in each list.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bignumber } from '../../src/domains/bignumber';
import { arityRange, primitive, PRIMITIVES, type Primitive } from '../../src/primitives';
import * as N from '../../src/symbolic/numbers';
import { differentiators, EXACT_METHODS, METHODS } from '../../src/diff/registry';
import { compare, parseMethods, SCHEMES } from '../../src/diff/compare';
import { TRAIN_METHODS } from '../../src/nn/train';
import { CURVE_METHODS } from '../../src/harness/studies/training-curves';
import { ALL_METHODS } from '../../src/harness/measure';

const ROWS = [...PRIMITIVES.values()];
const UNARY = ROWS.filter((p) => p.arity === 1);
/** Rows that take one argument (log(x) among them), but not the n-ary ones, where max(x) = x. */
const ONE_ARGUMENT = ROWS.filter((p) => arityRange(p)[0] === 1 && arityRange(p)[1] <= 2);
const WITH_ARGUMENTS = ROWS.filter((p) => arityRange(p)[1] > 0);
/** Equal to the last bit, the sign of a zero included; NaN equals NaN. */
const same = (a: number, b: number): boolean => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

/** Every tuple of `values` for each argument count the row takes, up to two. */
function tuples<T>(p: Primitive, values: readonly T[]): T[][] {
  const [least, most] = arityRange(p);
  const out: T[][] = [];
  for (let n = Math.max(least, 1); n <= Math.min(most, Math.max(least, 1) + 1, 2); n++) {
    let level: T[][] = [[]];
    for (let i = 0; i < n; i++) level = level.flatMap((t) => values.map((v) => [...t, v]));
    out.push(...level);
  }
  return out;
}

describe('the facts each op states, against its own function', () => {
  /** Magnitudes from the smallest subnormal to Infinity; each is tried with both signs. */
  const MAGNITUDES = [0, 5e-324, 1e-300, 1e-8, 0.3, 0.7, 1, 1.3, Math.PI / 2, 2.5, 10, 1e3, 1e300, Infinity];

  it.each(UNARY.filter((p) => p.parity))('$name is $parity: f(-x) = ∓f(x) to the last bit, zeros and infinities included', (p) => {
    const mirrored = (y: number) => (p.parity === 'odd' ? -y : y);
    for (const x of MAGNITUDES) expect(same(p.fn(-x), mirrored(p.fn(x))), `${p.name}(-${x})`).toBe(true);
    expect(MAGNITUDES.filter((x) => Number.isFinite(p.fn(x))).length).toBeGreaterThan(2);
  });

  it.each(UNARY.filter((p) => !p.parity))('$name states no parity, and is neither odd nor even', (p) => {
    expect(MAGNITUDES.some((x) => !same(p.fn(-x), -p.fn(x)))).toBe(true);
    expect(MAGNITUDES.some((x) => !same(p.fn(-x), p.fn(x)))).toBe(true);
  });

  /** Where inverses are well conditioned: tanh(20) is 1 in float64, so atanh cannot undo it. */
  const GRID = [-5, -2.5, -1.5, -1, -0.9, -0.5, -0.1, -0, 0, 0.1, 0.5, 0.9, 1, 1.5, 2.5, 5];
  /** Whether f(g(x)) = x at every point of the grid where g(x) is defined, and there are some. */
  const undoes = (f: Primitive, g: Primitive): boolean => {
    const xs = GRID.filter((x) => Number.isFinite(g.fn(x)));
    return xs.length > 2 && xs.every((x) => Math.abs(f.fn(g.fn(x)) - x) <= 1e-9 * Math.max(1, Math.abs(x)));
  };

  it.each(ROWS.filter((p) => p.inverse))('$name undoes $inverse: f(g(x)) = x wherever g(x) is defined', (p) => {
    const g = primitive(p.inverse!);
    expect(arityRange(g)[0]).toBe(1);
    expect(undoes(p, g)).toBe(true);
  });

  it('every one-argument row that undoes another names it as its inverse', () => {
    const found = ONE_ARGUMENT.flatMap((f) => ONE_ARGUMENT.filter((g) => undoes(f, g)).map((g) => `${f.name}(${g.name})`));
    expect(found.sort()).toEqual(ROWS.filter((p) => p.inverse).map((p) => `${p.name}(${p.inverse})`).sort());
  });

  const SIGNED = MAGNITUDES.flatMap((m) => [m, -m]);
  /** f = 1/g to the last bit, 1/0 = Infinity included, where g is defined. */
  const reciprocal = (f: Primitive, g: Primitive): boolean => SIGNED.every((x) => same(f.fn(x), 1 / g.fn(x))) && SIGNED.some((x) => Number.isFinite(f.fn(x)) && f.fn(x) !== 0);

  it.each(ROWS.filter((p) => p.reciprocal))('$name is 1/$reciprocal, f·g = 1', (p) => {
    const g = primitive(p.reciprocal!);
    expect(reciprocal(p, g)).toBe(true);
    for (const x of [0.3, -1.3, 2.5]) expect(Math.abs(p.fn(x) * g.fn(x) - 1)).toBeLessThan(1e-15);
  });

  it("every row that is another one's reciprocal names it (cos is 1/sec only up to rounding)", () => {
    const found = UNARY.flatMap((f) => UNARY.filter((g) => f !== g && reciprocal(f, g)).map((g) => `${f.name} = 1/${g.name}`));
    const stated = ROWS.filter((p) => p.reciprocal).map((p) => `${p.name} = 1/${p.reciprocal}`);
    expect(found.sort()).toEqual(stated.sort());
  });

  // Poles of the table's ops lie at small arguments (0, ±1, π/2); large ones can only overflow.
  const SMALL = [0, 5e-324, 1e-300, 1e-8, 0.5, 1, Math.PI / 2, 2, Math.PI, 10, 20].flatMap((m) => [m, -m]);
  const LARGE = [710, 1e4, 1e8, 1e300, Number.MAX_VALUE].flatMap((m) => [m, -m]);
  /** A value no finite op reaches below |x| = 20 but a pole's neighbourhood does (tan(π/2) is 1.6e16). */
  const POLE = 1e12;
  const big = bignumber(20);
  const exactly = (p: Primitive, x: readonly number[]) => big.toNumber(big.apply(p, x.map((v) => big.fromNumber(v))));

  it.each(WITH_ARGUMENTS.filter((p) => p.finite))('$name is finite at finite arguments: no pole, and infinite only where its exact value overflows', (p) => {
    for (const x of tuples(p, SMALL)) {
      const v = p.apply(x);
      expect(Number.isNaN(v) || Math.abs(v) < POLE, `${p.name}(${x.join(', ')}) = ${v}`).toBe(true);
    }
    for (const x of tuples(p, [...SMALL, ...LARGE])) {
      const v = p.apply(x);
      // exp(710) is Infinity because e^710 is beyond float64; the 20-digit reference says so.
      if (!Number.isFinite(v) && !Number.isNaN(v)) expect(exactly(p, x), `${p.name}(${x.join(', ')})`).toBe(v);
    }
  });

  it.each(WITH_ARGUMENTS.filter((p) => !p.finite))('$name states no finiteness, and has a pole', (p) => {
    expect(tuples(p, SMALL).some((x) => !(Math.abs(p.apply(x)) < POLE))).toBe(true);
  });

  /** Below +0: negative, or -0. */
  const belowZero = (v: number) => v < 0 || Object.is(v, -0);

  it.each(WITH_ARGUMENTS.filter((p) => p.nonNegative))('$name is never below +0: no negative value, no -0', (p) => {
    for (const x of tuples(p, SIGNED)) expect(belowZero(p.apply(x)), `${p.name}(${x.join(', ')}) = ${p.apply(x)}`).toBe(false);
  });

  it.each(WITH_ARGUMENTS.filter((p) => !p.nonNegative))('$name states no lower bound, and goes below +0', (p) => {
    expect(tuples(p, SIGNED).some((x) => belowZero(p.apply(x)))).toBe(true);
  });

  const OTHERS = [0, -0, 1, -1, 2, 0.5, Infinity, -Infinity];
  /** Every tuple with a NaN in some place and the other arguments from OTHERS. */
  const withNaN = (p: Primitive) => tuples(p, [NaN, ...OTHERS]).filter((x) => x.some(Number.isNaN));

  it.each(WITH_ARGUMENTS.filter((p) => p.masksNaN))('$name masks a NaN: some NaN argument gives a number', (p) => {
    expect(withNaN(p).some((x) => !Number.isNaN(p.apply(x)))).toBe(true);
  });

  it.each(WITH_ARGUMENTS.filter((p) => !p.masksNaN))('$name is NaN wherever an argument is', (p) => {
    for (const x of withNaN(p)) expect(p.apply(x), `${p.name}(${x.join(', ')})`).toBeNaN();
  });

  /** Rationals, perfect squares and cubes among them, and a zero. */
  const RATIONALS: readonly N.Num[] = [[0, 1], [1, 1], [-1, 1], [1, 2], [-1, 2], [2, 1], [4, 1], [9, 4], [-27, 8], [8, 1], [1, 3], [16, 81]].map(([p, q]) => N.rational(p, q));

  it.each(ROWS.filter((p) => p.fold))('$name folds exact arguments to an exact value, its own', (p) => {
    let folded = 0;
    for (const x of tuples(p, RATIONALS)) {
      const r = p.fold!(N.EXACT, x);
      if (r === null) continue;
      folded++;
      expect(N.isExact(r), `${p.name}(${x.map(N.value).join(', ')})`).toBe(true);
      const v = p.apply(x.map(N.value));
      expect(Math.abs(N.value(r) - v), `${p.name}(${x.map(N.value).join(', ')})`).toBeLessThanOrEqual(2.3e-16 * Math.abs(v));
    }
    expect(folded).toBeGreaterThan(0);
  });

  it('a fold leaves a value it cannot give exactly unfolded: sqrt(2), cbrt(3), sin(1/2)', () => {
    expect(primitive('sqrt').fold!(N.EXACT, [N.rational(2, 1)])).toBeNull();
    expect(primitive('cbrt').fold!(N.EXACT, [N.rational(3, 1)])).toBeNull();
    expect(primitive('sin').fold!(N.EXACT, [N.HALF])).toBeNull();
  });
});

describe('the facts each method states', () => {
  it.each(METHODS)('%s states every fact, in range', (m) => {
    const f = differentiators[m].facts;
    expect(typeof f.exact).toBe('boolean');
    expect(f.tolerance).toBeGreaterThan(0);
    expect(f.tolerance).toBeLessThan(1e-3);
    expect([1, 2]).toContain(f.costGrowth);
    expect(f.cost.length).toBeGreaterThan(0);
    expect(f.inputLimit).toBeGreaterThan(0);
    expect(Array.isArray(f.refuses)).toBe(true);
  });

  it('an exact method is held to a tighter tolerance than finite differences', () => {
    for (const m of EXACT_METHODS) expect(differentiators[m].facts.tolerance).toBeLessThan(differentiators.finite.facts.tolerance);
  });

  it('symbolic states its refusals; reverse mode scales to any input count', () => {
    expect(differentiators.symbolic.facts.refuses.join(' ')).toMatch(/branches/);
    expect(differentiators.reverse.facts.inputLimit).toBe(Infinity);
  });

  it('forward mode and finite differences grow as n², the others as n', () => {
    expect(METHODS.filter((m) => differentiators[m].facts.costGrowth === 2)).toEqual(['finite', 'forward']);
  });
});

describe('the lists are projections of the registry', () => {
  it('METHODS is the registry keys, each registered under its own name', () => {
    expect(METHODS).toEqual(Object.keys(differentiators));
    for (const m of METHODS) expect(differentiators[m].name).toBe(m);
  });

  it('EXACT_METHODS are those whose facts say exact', () => {
    expect(EXACT_METHODS).toEqual(METHODS.filter((m) => differentiators[m].facts.exact));
  });

  it("the trainer's and the training curves' lists are every method and manual", () => {
    expect(TRAIN_METHODS).toEqual([...METHODS, 'manual']);
    expect(CURVE_METHODS).toEqual(TRAIN_METHODS);
  });

  it("'all' and the studies' list are every scheme of finite, then every other method", () => {
    const labels = [...SCHEMES.map((s) => `finite:${s}`), ...METHODS.filter((m) => m !== 'finite')];
    expect(parseMethods(['all']).map((s) => s.label)).toEqual(labels);
    expect(ALL_METHODS.map((s) => s.label)).toEqual(labels);
  });

  it('compare runs every registered method by default', () => {
    expect(compare('x^2', { x: 1.5 }, { timing: 0 }).methods.map((r) => r.method)).toEqual(METHODS);
  });
});

describe('a method added to the registry', () => {
  afterEach(() => {
    vi.doUnmock('../../src/diff/registry');
    vi.resetModules();
  });

  it('appears in the trainer, the curves, compare and every study list', async () => {
    vi.resetModules();
    vi.doMock('../../src/diff/registry', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../src/diff/registry')>();
      const extra = { ...real.differentiators.reverse, name: 'extra' };
      const all = { ...real.differentiators, extra } as unknown as typeof real.differentiators;
      const names = Object.keys(all) as typeof real.METHODS;
      return {
        ...real,
        differentiators: all,
        METHODS: names,
        differentiator: (n: string) => (n === 'extra' ? extra : real.differentiator(n)),
      };
    });
    const train = await import('../../src/nn/train');
    const curves = await import('../../src/harness/studies/training-curves');
    const cmp = await import('../../src/diff/compare');
    const measure = await import('../../src/harness/measure');
    expect(train.TRAIN_METHODS).toContain('extra');
    expect(curves.CURVE_METHODS).toContain('extra');
    expect(cmp.parseMethods(['all']).map((s) => s.label)).toContain('extra');
    expect(measure.ALL_METHODS.map((s) => s.label)).toContain('extra');
    expect(cmp.compare('x^2', { x: 1.5 }, { timing: 0 }).methods.map((r) => r.method)).toContain('extra');
  });
});

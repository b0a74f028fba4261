// The corpus and the accuracy suite through both engines: primals identical to the last bit,
// derivatives within 1e-14 (mixed error; identical where the operations run in the same order),
// errors identical in code, message and position.
import { describe, expect, it } from 'vitest';
import { bothEngineCases, label, outcome } from './support';
import { compile, differentiators, evaluate, type Point } from '../../src/index';
import { mixedError } from '../../src/diff/distance';
import { layoutOf } from '../../src/diff/fn';
import { compiledFor, forwardOf, type Compiled } from '../../src/compile/engine';
import type { ForwardCode } from '../../src/compile/forward';

const CASES = bothEngineCases(11);


describe('the compiled primal equals the interpreter to the last bit', () => {
  it.each(CASES.map((c) => [label(c.source), c] as const))('%s', (_, c) => {
    const fn = compile(c.source);
    const got = evaluate(fn, c.at as never);
    const want = evaluate(fn, c.at as never, { engine: 'interpreted' });
    expect(Object.is(got, want) || JSON.stringify(got) === JSON.stringify(want)).toBe(true);
  });
});

describe.each(['reverse', 'forward', 'finite'] as const)('%s: compiled against interpreted', (name) => {
  const d = differentiators[name];
  it.each(CASES.map((c) => [label(c.source), c] as const))('%s', (_, c) => {
    const fn = compile(c.source);
    const got = d.jacobian(fn, c.at);
    const want = d.jacobian(fn, c.at, { engine: 'interpreted' });
    expect(got.stats.engine).toBe('compiled');
    expect(want.stats.engine).toBe('interpreted');
    expect(got.value).toEqual(want.value);
    const [a, b] = [got.result.flatMap((r) => [...r]), want.result.flatMap((r) => [...r])];
    expect(a).toHaveLength(b.length);
    // Finite differences evaluate f identically on both engines, so their stencils agree exactly.
    if (name === 'finite') expect(a).toEqual(b);
    else expect(mixedError(a, b)).toBeLessThanOrEqual(1e-14);
  });
});

it('most of the corpus differentiates bit-identically on both engines', () => {
  let same = 0;
  for (const c of CASES) {
    const fn = compile(c.source);
    const a = differentiators.reverse.jacobian(fn, c.at).result.flat();
    const b = differentiators.reverse.jacobian(fn, c.at, { engine: 'interpreted' }).result.flat();
    if (a.every((v, k) => Object.is(v, b[k]))) same++;
  }
  expect(same / CASES.length).toBeGreaterThan(0.9);
});

describe('errors are the interpreter’s, whichever engine runs', () => {
  const failing: readonly [string, Point, string][] = [
    ['log(x)', { x: -1 }, 'domain'],
    ['y = x - x; y / y + sqrt(x)', { x: 2 }, 'domain'],
    ['s = 0; for i = 1:4 { s = s + v[i] }; s', { v: [1, 2, 3] }, 'index'],
    ['v[1.5] + 1', { v: [1, 2] }, 'index'],
    ['while x > 0 { x = x + 1 }; x', { x: 1 }, 'iteration-budget'],
    ['if x > 5 { y = x }; y', { x: 1 }, 'undefined-variable'],
    ['v = [x, 1]; sin(v)', { x: 1 }, 'type'],
    ['y = x; y[1]', { x: 1 }, 'type'],
    ['for i = 1:x { x = x }; 1 / 0 - 1 / 0', { x: 2 }, 'domain'],
    ['dot(v, w)', { v: [1, 2], w: [1] }, 'domain'],
    ['if x > 1 { return x }', { x: 0 }, 'no-result'],
    ['pow(0 / 0 + x, 0)', { x: 1 }, 'domain'],
    ['relu(log(x - 2))', { x: 1 }, 'domain'],
    ['y = 5; length(y) + x', { x: 1 }, 'type'],
  ];
  it.each(failing)('%s', (source, at, code) => {
    const fn = compile(source);
    const options = { maxIterations: 1000 };
    const interpreted = outcome(() => evaluate(fn, at as never, { ...options, engine: 'interpreted' }));
    expect(interpreted).toMatchObject({ code });
    expect(outcome(() => evaluate(fn, at as never, options))).toEqual(interpreted);
    for (const d of [differentiators.reverse, differentiators.forward]) {
      const want = outcome(() => d.gradient(fn, at, { ...options, engine: 'interpreted' }));
      expect(outcome(() => d.gradient(fn, at, options))).toEqual(want);
    }
  });
});

describe('what the compiled engine covers, and says', () => {
  it('data-dependent while loops and branches compile, and their code does not grow with the trip count', () => {
    const fn = compile('n = 0; while x > 1 { x = sqrt(x); if x > 3 { n = n + x } else { n = n - 1 } }; x + n');
    for (const x of [1.5, 50, 1e6, 1e300]) {
      const got = differentiators.reverse.gradient(fn, { x });
      expect(got.stats.engine).toBe('compiled');
      expect(got.result[0]).toBeCloseTo(differentiators.reverse.gradient(fn, { x }, { engine: 'interpreted' }).result[0], 12);
    }
    // One compiled form per input shape, whatever the vectors' lengths.
    const rosenbrock = compile('s = 0; for i = 1:length(x) - 1 { s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2 }; s');
    differentiators.reverse.gradient(rosenbrock, { x: [1, 2, 3] });
    differentiators.reverse.gradient(rosenbrock, { x: Array.from({ length: 5000 }, (_, i) => i / 5000) });
    expect([...rosenbrock.cache.keys()].filter((k) => k.startsWith('compiled:'))).toHaveLength(1);
  });

  it('a zero adjoint times an infinite partial is NaN, so a typed error, not a silent 0', () => {
    const fn = compile('0 * sqrt(x)');
    expect(() => differentiators.reverse.gradient(fn, { x: 0 })).toThrow(/not a real number/);
    expect(() => differentiators.forward.gradient(fn, { x: 0 })).toThrow(/not a real number/);
  });

  it('falls back to the interpreter where the compiler does not reach, saying why', () => {
    const inLoop = differentiators.reverse.gradient(compile('for i = 1:3 { if x > i { return x i } }; return x'), { x: 2.5 });
    expect(inLoop.stats).toMatchObject({ engine: 'interpreted', engineNote: expect.stringMatching(/return.*inside a for loop/) });
    expect(inLoop.result).toEqual([1]);
    const mixed = differentiators.reverse.gradient(compile('v = x; v = [x, 2]; v[1] v[2]'), { x: 3 });
    expect(mixed.stats).toMatchObject({ engine: 'interpreted', engineNote: expect.stringMatching(/both a number and a vector/) });
    const asked = differentiators.forward.gradient(compile('x^2'), { x: 3 }, { engine: 'interpreted' });
    expect(asked.stats).toMatchObject({ engine: 'interpreted', engineNote: 'the interpreted engine was asked for' });
  });

  it('loop counters: fractional starts, and bodies that assign the counter, replay exactly', () => {
    for (const source of ['s = 0; for i = 0.1:3.5 { s = s + x^i }; s', 's = 0; for i = 1:3 { i = i * x; s = s + i }; s + i', 'for i = 1:2 { for j = i:3 { x = x * j / i } }; x']) {
      const fn = compile(source);
      for (const d of [differentiators.reverse, differentiators.forward]) {
        const got = d.gradient(fn, { x: 1.3 });
        expect(got.stats.engine).toBe('compiled');
        expect(mixedError(got.result, d.gradient(fn, { x: 1.3 }, { engine: 'interpreted' }).result)).toBeLessThanOrEqual(1e-14);
      }
    }
  });

  it('returns inside branches compile: each path ends in its own return', () => {
    const fn = compile('if x > 0 { y = x^2; if y > 4 { return y x } } else { return -x }; y + 1');
    for (const x of [-1, 1, 3]) {
      const got = differentiators.reverse.gradient(fn, { x });
      expect(got.stats.engine).toBe('compiled');
      expect(got.result).toEqual(differentiators.reverse.gradient(fn, { x }, { engine: 'interpreted' }).result);
    }
  });

  it('stats count the stack and the compile time, which is spent once', () => {
    const fn = compile('s = 1; for i = 1:length(x) { s = s * x[i] }; s');
    const first = differentiators.reverse.gradient(fn, { x: [1, 2, 3] }).stats;
    const later = differentiators.reverse.gradient(fn, { x: [1, 2, 3] }).stats;
    const longer = differentiators.reverse.gradient(fn, { x: [1, 2, 3, 4, 5, 6] }).stats;
    // One entry per iteration (the overwritten s, which s·x[i]'s partial reads); the counter is
    // recomputed, not stored.
    expect(longer.tapeLength! - first.tapeLength!).toBe(3);
    expect(first.compileMs).toBeGreaterThan(0);
    expect(later.compileMs).toBe(0);
  });

  it('saves only what the adjoint sweep reads: a sum\'s old values never, an exp once', () => {
    const tape = (source: string, n: number) => differentiators.reverse.gradient(compile(source), { x: Array.from({ length: n }, (_, i) => i / n) }).stats.tapeLength!;
    // s + x[i]^2's partials do not read s: nothing is stored per iteration.
    expect(tape('s = 0; for i = 1:length(x) { s = s + x[i]^2 }; s', 6) - tape('s = 0; for i = 1:length(x) { s = s + x[i]^2 }; s', 3)).toBe(0);
    // exp's partial is its value: saved once per iteration, not recomputed.
    expect(tape('s = 0; for i = 1:length(x) { s = s + exp(x[i]) }; log(s)', 6) - tape('s = 0; for i = 1:length(x) { s = s + exp(x[i]) }; log(s)', 3)).toBe(3);
  });
});

describe('sparse forward lanes', () => {
  const run = (source: string, x: number[], T: number[], lo: number, hi: number, W: number) => {
    const fn = compile(source);
    const layout = layoutOf(fn, { x });
    const c = compiledFor(fn, layout) as Compiled;
    const code = forwardOf(fn, c) as ForwardCode;
    return code(Float64Array.from(x), c.off, c.len, 1e6, W, Float64Array.from(T), lo, hi);
  };

  it('a leaf outside the seeded slots is zero, yet 0 · ∞ is NaN as in the dense sweep', () => {
    // y = sqrt(x[1]) at x[1] = 0 has an infinite partial; only x[2] is seeded.
    const source = 'y = sqrt(x[1]); y + x[2]';
    const sparse = run(source, [0, 1], [1], 1, 2, 1);
    const dense = run(source, [0, 1], [0, 1], 0, 2, 1);
    expect(sparse.tangents[0]).toBeNaN();
    expect(dense.tangents[0]).toBeNaN();
  });

  it('chunks of seeds give the dense Jacobian, with elements written outside the seeded range', () => {
    const source = 'y = x; for i = 1:length(x) { y[i] = x[i]^2 + y[length(x) + 1 - i] }; y';
    const x = [0.5, -1, 2, 3, -0.25];
    const want = differentiators.forward.jacobian(compile(source), { x }, { engine: 'interpreted' }).result;
    for (const chunk of [1, 2, 16]) {
      const got = differentiators.forward.jacobian(compile(source), { x }, { chunk });
      expect(got.stats.engine).toBe('compiled');
      got.result.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 14)));
    }
  });
});

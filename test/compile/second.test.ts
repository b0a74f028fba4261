// Second order on both engines: the corpus and the accuracy suite's Hessians and H·v by forward over
// generated reverse against the interpreted tape of duals, within 1e-14 (mixed error), errors identical.
import { describe, expect, it } from 'vitest';
import { bothEngineCases, label, outcome } from './support';
import { compile, differentiators, hessian, hvp, type Point } from '../../src/index';
import { mixedError } from '../../src/diff/distance';
import { layoutOf } from '../../src/diff/fn';

const CASES = bothEngineCases(13);
const d = differentiators.reverse;


/** The same answer within 1e-14, or the same error. */
function agree(got: unknown, want: unknown): void {
  if (want && typeof want === 'object' && 'code' in want) {
    expect(got).toEqual(want);
    return;
  }
  const [a, b] = [got as { value: unknown; result: number[] | number[][] }, want as typeof got as { value: unknown; result: number[] | number[][] }];
  expect(a.value).toEqual(b.value);
  const [x, y] = [a.result.flat(), b.result.flat()];
  expect(x).toHaveLength(y.length);
  expect(mixedError(x, y)).toBeLessThanOrEqual(1e-14);
}

/** A direction with no zero entry, so every lane of the interpreted duals is reached. */
const direction = (n: number) => Array.from({ length: n }, (_, i) => 0.5 + ((i * 7) % 5) / 4);

describe.each(['hessian', 'hvp'] as const)('reverse %s: compiled against interpreted', (verb) => {
  it.each(CASES.map((c) => [label(c.source), c] as const))('%s', (_, c) => {
    const fn = compile(c.source);
    const run = (engine: 'compiled' | 'interpreted') =>
      outcome(() => (verb === 'hessian' ? d.hessian(fn, c.at, { engine }) : d.hvp(fn, c.at, direction(layoutOf(fn, c.at).n), { engine })));
    agree(run('compiled'), run('interpreted'));
  });
});

it('nearly all of the corpus runs its second order compiled', () => {
  let compiled = 0;
  let answered = 0;
  for (const c of CASES) {
    const a = outcome(() => d.hessian(compile(c.source), c.at));
    if ('stats' in (a as object)) {
      answered++;
      if ((a as { stats: { engine?: string } }).stats.engine === 'compiled') compiled++;
    }
  }
  expect(answered).toBeGreaterThan(100);
  expect(compiled / answered).toBeGreaterThan(0.9);
});

describe('programs with loops, while and if', () => {
  const programs: readonly [string, Point][] = [
    ['s = 0; for i = 1:length(x) - 1 { s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2 }; s', { x: [1.2, 0.7, -0.3, 2, 0.1] }],
    ['n = 0; while x > 1 { x = sqrt(x); if x > 3 { n = n + x y } else { n = n - y^2 } }; x^3 + n y', { x: 50, y: 0.7 }],
    ['if x > y { z = x^2 y } else { z = exp(x - y) }; for k = 1:3 { z = z sin(z) + x }; z', { x: 0.4, y: 0.9 }],
    ['if x > y { z = x^2 y } else { z = exp(x - y) }; for k = 1:3 { z = z sin(z) + x }; z', { x: 1.4, y: 0.9 }],
    ['s = 0; for i = 0.5:3.5 { s = s + x^i y }; s', { x: 1.3, y: 2 }],
    ['s = 0; for i = 1:3 { i = i * x; s = s + i^2 y }; s + i', { x: 1.3, y: 0.2 }],
    ['i = x; for i = 1:3 { y = y * i + x }; y i', { x: 0.6, y: 1.5 }],
    ['w = v; for i = 1:length(w) { w[i] = w[i] * sum(v) + max(w)^2 }; dot(w, v) + w[2]^3', { v: [0.3, -1.2, 0.8] }],
    ['w = [x^2, x y, 1]; w[3] = w[1] * w[2]; u = w; u[1] * u[3] + log(sum(u))', { x: 1.1, y: 0.4 }],
    ['for i = 1:2 { for j = i:3 { x = x * j / i + y^2 } }; x y', { x: 1.3, y: 0.8 }],
    // n-ary ops over whole vectors whose partials' lanes are taken at run time.
    ['m = max(x); s = 0; for i = 1:length(x) { s = s + exp(x[i] - m) }; log(s) + m + logsumexp(x) hypot(x)', { x: [0.3, -1.2, 0.8, 2] }],
    ['w = v; w[2] = w[1] w[3]; logsumexp(w) * max(w, v) + hypot(w)^3', { v: [0.3, 1.7, 0.8] }],
    ['y = x; y = logsumexp(v, y); w = v; w[2] = hypot(w); y^2 + logsumexp(w) w[2]', { v: [0.3, 1.7, 0.8], x: 0.6 }],
    ['y = x^2; w = v; w[1] = x y; logsumexp(w, y, v[2]) + hypot(x, w, 3)^2', { v: [0.3, 1.7, 0.8], x: 0.6 }],
  ];
  it.each(programs)('%s', (source, at) => {
    const fn = compile(source);
    const n = layoutOf(fn, at).n;
    for (const engine of ['compiled', 'interpreted'] as const) expect(d.hessian(fn, at, { engine }).stats.engine).toBe(engine);
    agree(d.hessian(fn, at), d.hessian(fn, at, { engine: 'interpreted' }));
    agree(d.hvp(fn, at, direction(n)), d.hvp(fn, at, direction(n), { engine: 'interpreted' }));
    // The chunked Hessian is the same whatever the chunk.
    expect(d.hessian(fn, at, { chunk: 2 }).result).toEqual(d.hessian(fn, at).result);
  });

  it('a data-dependent while compiles once: its code does not grow with the trip count', () => {
    const fn = compile('while x > 1 { x = sqrt(x) y }; x^2 y');
    for (const x of [1.5, 1e6, 1e300]) agree(d.hessian(fn, { x, y: 0.9 }), d.hessian(fn, { x, y: 0.9 }, { engine: 'interpreted' }));
    expect([...fn.cache.keys()].filter((k) => k.startsWith('compiled:'))).toHaveLength(1);
  });
});

describe('what the compiled second order says, and where it hands over', () => {
  it('counts its sweeps (n/chunk for a Hessian, one for H·v) and its compile time once', () => {
    const fn = compile('s = 0; for i = 1:length(x) { s = s + x[i]^2 x[1] }; s');
    const x = Array.from({ length: 20 }, (_, i) => i / 10);
    const first = d.hessian(fn, { x });
    expect(first.stats).toMatchObject({ engine: 'compiled', sweeps: 2 });
    expect(first.stats.compileMs).toBeGreaterThan(0);
    expect(d.hessian(fn, { x }, { chunk: 5 }).stats).toMatchObject({ sweeps: 4, compileMs: 0 });
    expect(d.hvp(fn, { x }, direction(20)).stats).toMatchObject({ engine: 'compiled', sweeps: 1, compileMs: 0 });
  });

  it('errors are the interpreter’s', () => {
    const failing: readonly [string, Point][] = [
      ['log(x) y', { x: -1, y: 1 }],
      ['s = 0; for i = 1:4 { s = s + v[i]^2 }; s', { v: [1, 2, 3] }],
      ['while x > 0 { x = x + 1 }; x', { x: 1 }],
      ['if x > 5 { y = x }; y^2', { x: 1 }],
      ['[x^2, x]', { x: 1 }],
      ['0 * sqrt(x) + x^2', { x: 0 }],
    ];
    for (const [source, at] of failing) {
      const fn = compile(source);
      const options = { maxIterations: 1000 };
      const want = outcome(() => d.hessian(fn, at, { ...options, engine: 'interpreted' }));
      expect(want).toMatchObject({ code: expect.any(String) });
      expect(outcome(() => d.hessian(fn, at, options))).toEqual(want);
      const n = layoutOf(fn, at).n;
      expect(outcome(() => d.hvp(fn, at, direction(n), options))).toEqual(outcome(() => d.hvp(fn, at, direction(n), { ...options, engine: 'interpreted' })));
    }
    expect(outcome(() => d.hvp(compile('x^2 y'), { x: 1, y: 2 }, [1]))).toMatchObject({ code: 'shape' });
  });

  it('hands to the interpreter what the lanes do not cover, saying why', () => {
    const mixed = d.hessian(compile('logsumexp(v, x^2)'), { v: [0.1, 0.2, 0.3], x: 1 });
    expect(mixed.stats).toMatchObject({ engine: 'interpreted', engineNote: expect.stringMatching(/logsumexp over a whole vector and an active scalar expression/) });
    const unequal = d.hessian(compile('dot(v, w)'), { v: [1, 2, 3], w: [4] });
    expect(unequal.stats).toMatchObject({ engine: 'interpreted', engineNote: expect.stringMatching(/different lengths/) });
    const inLoop = d.hessian(compile('for i = 1:3 { if x > i { return x^(i + 1) } }; return x'), { x: 2.5 });
    expect(inLoop.stats).toMatchObject({ engine: 'interpreted', engineNote: expect.stringMatching(/return.*inside a for loop/) });
    expect(inLoop.result).toEqual([[2]]);
  });

  it('the public verbs run it, per output for f: Rⁿ → Rᵐ', () => {
    expect(hessian<number[][][]>('[x^2 y, sin(x) y]', { x: 1, y: 2 })).toEqual(hessian<number[][][]>('[x^2 y, sin(x) y]', { x: 1, y: 2 }, { engine: 'interpreted' }));
    expect(hvp('x^2 y', { x: 1, y: 2 }, [1, 0])).toEqual({ x: 4, y: 2 });
  });
});

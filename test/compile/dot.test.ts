// Reverse mode's dot-product loops (`z = z + A[affine] * B[affine]`) run as kernel calls: the same
// value and gradient to the bit as the trips they replace (the same program with the product
// written 1 * A[…] * B[…], which the kernel does not take), the interpreted tape's within 1e-14,
// and the interpreter's errors where a read is out of range.
import { describe, expect, it } from 'vitest';
import { outcome } from './support';
import { compile, differentiators, type Point } from '../../src/index';
import { parse } from '../../src/parse/parse';
import { reverseSource } from '../../src/compile/reverse';
import { variableKinds } from '../../src/compile/analyze';

const d = differentiators.reverse;
const u = [0.3, -1.2, 2, 0.7, -0.4, 1.1, 0.9];
const v = [1.5, 0.25, -3, 0.6, 2.2, -0.8, 0.35];
const w = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.05, -0.15, 0.25, 0.7, -0.9, 0.45];

const CASES: readonly [string, string, Point][] = [
  ['stride 1, every remainder of the unrolling', 's = 0\nfor n = 1:7 {\n  z = 0\n  for i = 1:n { z = z + u[i] * v[i] }\n  s = s + z * z\n}\nreturn s', { u, v }],
  ['a matrix row by a data-like input, nested (one factor constant)', 't = 0\nfor j = 1:3 {\n  z = 0.5\n  for i = 1:4 { z = z + w[(j - 1) * 4 + i] * x[i] }\n  t = t + tanh(z)\n}\nreturn t', { w, x: [1, 2, -1, 0.5] }],
  ['strides 2 and −1', 'z = 0\nfor i = 1:3 { z = z + u[2 * i] * v[8 - i] }\nreturn z * u[1]', { u, v }],
  ['one vector twice, the same element', 'z = 0\nfor i = 1:length(u) { z = z + u[i] * u[i] }\nreturn sqrt(z)', { u }],
  ['one vector twice, neighbouring elements', 'z = 0\nfor i = 1:6 { z = z + u[i] * u[i + 1] }\nreturn z', { u }],
  ['stride 0: an outer loop’s element', 't = 0\nfor j = 1:3 {\n  z = 0\n  for i = 1:5 { z = z + u[j] * v[i] }\n  t = t + z * u[j]\n}\nreturn t', { u, v }],
  ['relu units that are off (a zero adjoint, skipped)', 't = 0\nfor j = 1:3 {\n  z = 0\n  for i = 1:4 { z = z + w[(j - 1) * 4 + i] * u[i] }\n  t = t + relu(z)\n}\nreturn t', { w, u }],
  ['a fractional start (the trips, not the kernel)', 'z = 0\nfor i = 0.5:2.5 { z = z + u[2 * i] * v[2 * i] }\nreturn z', { u, v }],
  ['a fractional start, reads an outer loop tests (the trips, not the kernel)', 't = 0\nfor j = 1:2 {\n  z = 0\n  for i = 0.5:3 { z = z + u[j] * v[j] }\n  t = t + z * z\n}\nreturn t', { u, v }],
  ['a fractional coefficient (the trips, not the kernel)', 'c = 0.5\nz = 0\nfor i = 1:3 { z = z + u[2 * c * i] * v[i] }\nreturn z', { u, v }],
  ['no trips', 'z = u[1]\nfor i = 3:1 { z = z + u[i] * v[i] }\nreturn z * v[1]', { u, v }],
  ['the counter read after the loop', 'z = 0\nfor i = 2:5 { z = z + u[i] * v[i - 1] }\nreturn z * i', { u, v }],
];

/** The product written so that the kernel does not take it (1·a is a exactly, so is its partial). */
const plain = (source: string) => source.replace(/([yz]) = \1 \+ (\w+\[)/g, '$1 = $1 + 1 * $2');

/** The compiled engine's answer equals the written-out trips' to the bit, and the interpreted engine's within 1e-14. */
function expectTripsResults(source: string, at: Parameters<typeof d.gradient>[1]): void {
    const got = d.gradient(compile(source), at);
    const trips = d.gradient(compile(plain(source)), at);
    const tape = d.gradient(compile(source), at, { engine: 'interpreted' });
    expect(got.stats.engine).toBe('compiled');
    expect(got.value).toBe(trips.value);
    expect(got.result).toEqual(trips.result);
    expect(got.value).toBe(tape.value);
    got.result.forEach((g, i) => expect(Math.abs(g - tape.result[i])).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(tape.result[i]))));
}

describe('a dot-product loop runs as kernel calls with the trips’ results', () => {
  it.each(CASES)('%s', (_, source, at) => {
    expectTripsResults(source, at);
  });

  it('is what the generated code calls for such a loop, and not for the written-out product', () => {
    const source = 'z = 0\nfor i = 1:length(u) { z = z + u[i] * v[i] }\nreturn z';
    const gen = (s: string) => {
      const program = parse(s);
      const kinds = variableKinds(program, new Map([['u', 'vector'], ['v', 'vector']]));
      return reverseSource(program, ['u', 'v'], kinds);
    };
    expect(gen(source)).toContain('R.dotForward(');
    expect(gen(source)).toContain('R.dotAdjoint(');
    expect(gen(plain(source))).not.toContain('R.dot');
  });
});

describe('zero adjoints and infinite factors', () => {
  it('0·∞ reaches the caller as the tape has it (z infinite: the adjoint is not skipped)', () => {
    // a[1] = 1e309 = ∞, so z = ∞ and relu(−z) = 0: its adjoint is 0, and 0·a[1] is NaN.
    const source = 'a = [x * 1e308 * 10, 1]\nz = 0\nfor i = 1:2 { z = z + a[i] * u[i] }\nreturn relu(-z) + x';
    const at = { x: 1, u: [1, 2] };
    expect(outcome(() => d.gradient(compile(source), at).result)).toEqual(outcome(() => d.gradient(compile(source), at, { engine: 'interpreted' }).result));
  });
});

describe('errors inside a dot-product loop are the interpreter’s', () => {
  it.each([
    ['the first read past the end', 'z = 0\nfor i = 1:8 { z = z + u[i] * v[i] }\nreturn z', { u, v }],
    ['a read before the start', 'z = 0\nfor i = 0:3 { z = z + u[i] * v[i] }\nreturn z', { u, v }],
    ['a stride that leaves the vector', 'z = 0\nfor i = 1:4 { z = z + u[2 * i] * v[i] }\nreturn z', { u, v }],
    ['inf − inf in the sum', 'a = [x * 1e308 * 10, -x * 1e308 * 10]\nz = 0\nfor i = 1:2 { z = z + a[i] * u[i] }\nreturn z', { x: 1, u: [1, 2] }],
  ] as const)('%s', (_, source, at) => {
    const want = outcome(() => d.gradient(compile(source), at, { engine: 'interpreted' }));
    expect(want).toHaveProperty('code');
    expect(outcome(() => d.gradient(compile(source), at))).toEqual(want);
  });
});

// Loops over units around a dot-product loop: every unit's z computed before the trips, four units
// at a time, each unit's additions in its own order (matvec.ts, dot-kernels.ts's dotRows).
const W = Array.from({ length: 48 }, (_, k) => (Math.sin(1.7 * k + 0.3) * (1 + (k % 5))) / 10);
const X = [0.8, -1.1, 0.45, 2.3, -0.6, 1.9];
const layer = (m: number, read: string, z0 = '0', f = 'tanh') =>
  `t = 0\nh = [${new Array(m).fill(0).join(', ')}]\nfor j = 1:${m} {\n  z = ${z0}\n  for i = 1:6 { z = z + ${read} }\n  h[j] = ${f}(z + w[40 + j])\n  t = t + h[j] * h[j]\n}\nreturn t`;

const MATVEC: readonly [string, string, Point][] = [
  ['a row per unit by a shared input (7 units: four, then three one by one)', layer(7, 'w[(j - 1) * 6 + i] * x[i]'), { w: W, x: X }],
  ['the shared factor first', layer(5, 'x[i] * w[(j - 1) * 6 + i]', '0.25'), { w: W, x: X }],
  ['a column per unit (the transpose: stride 6 along i, 1 along j)', layer(6, 'w[(i - 1) * 6 + j] * x[i]'), { w: W, x: X }],
  ['both factors moving with the unit', layer(4, 'w[(j - 1) * 6 + i] * w[2 * j + i]'), { w: W }],
  ['both factors moving, the counter negated', layer(4, 'w[30 - j - i] * x[7 - i]'), { w: W, x: X }],
  [
    'bounds from length and a scalar, two layers inside a loop over samples',
    'n = length(x)\nt = 0\nh = [0, 0, 0, 0, 0]\ng = [0, 0]\nfor s = 0:1 {\n  for j = 1:5 {\n    z = 0\n    for i = 2:n { z = z + w[(j - 1) * n + i + s] * x[i] }\n    h[j] = tanh(z)\n  }\n  for j = 1:2 {\n    z = 0\n    for i = 1:5 { z = z + w[30 + (j - 1) * 5 + i] * h[i] }\n    g[j] = z\n  }\n  t = t + g[1] * g[2]\n}\nreturn t',
    { w: W, x: X },
  ],
  [
    'a loop over units inside another’s body (both rows needed at once)',
    't = 0\nfor j = 1:5 {\n  z = 0\n  for i = 1:6 { z = z + w[(j - 1) * 6 + i] * x[i] }\n  for k = 1:3 {\n    y = 0.5\n    for l = 1:4 { y = y + w[(k - 1) * 4 + l + j] * x[l] }\n    t = t + tanh(y) * z\n  }\n  t = t + tanh(z)\n}\nreturn t',
    { w: W, x: X },
  ],
  ['relu units, the first one’s row zero (units that are off: their adjoints skipped)', layer(4, 'w[(j - 1) * 6 + i] * x[i]', '0', 'relu'), { w: W.map((x, k) => (k < 6 ? 0 : x)), x: X }],
];

describe('a loop over units around a dot-product loop computes every unit’s z with the trips’ results', () => {
  it.each(MATVEC)('%s', (_, source, at) => {
    const vectors = Object.keys(at);
    expect(generated(source, vectors)).toContain('R.dotRows(');
    expectTripsResults(source, at);
  });

  it.each([
    ['z starts from a variable', layer(4, 'w[(j - 1) * 6 + i] * x[i]', 'x[1]')],
    ['the body writes a factor', layer(4, 'w[(j - 1) * 6 + i] * x[i]').replace('h[j] = ', 'x[j] = 1\n  h[j] = ')],
    ['an index reads a scalar the body changes', layer(4, 'w[(j - 1) * 6 + i + c] * x[i]').replace('t = 0\n', 't = 0\nc = 0\n').replace('  z = 0\n', '  c = 0\n  z = 0\n')],
    ['the inner bounds move with the unit (a triangle)', layer(4, 'w[(j - 1) * 6 + i] * x[i]').replace('for i = 1:6', 'for i = 1:j + 2')],
    ['a product of the two counters in an index', layer(4, 'w[j * i] * x[i]')],
  ])('is not taken where %s, and the results are still the trips’', (_, source) => {
    const at = { w: W, x: X };
    expect(generated(source, ['w', 'x'])).not.toContain('R.dotRows(');
    const got = d.gradient(compile(source), at);
    const trips = d.gradient(compile(plain(source)), at);
    expect(got.value).toBe(trips.value);
    expect(got.result).toEqual(trips.result);
  });

  it('gives the trips’ results with a fractional start of the units’ loop (no rows) and a fractional end of the inner loop', () => {
    for (const source of [layer(4, 'w[(j - 1) * 6 + i] * x[i]').replace('for j = 1:4', 'for j = 0.5:3.5').replace('(j - 1)', '(j - 0.5)'), layer(4, 'w[(j - 1) * 6 + i] * x[i]').replace('for i = 1:6', 'for i = 1:5.5')]) {
      const at = { w: W, x: X };
      const got = outcome(() => d.gradient(compile(source), at));
      const tape = outcome(() => d.gradient(compile(source), at, { engine: 'interpreted' }));
      if ('code' in tape) expect(got).toEqual(tape);
      else {
        const g = got as typeof tape;
        expect(g.value).toBe(d.gradient(compile(plain(source)), at).value);
        expect(g.result).toEqual(d.gradient(compile(plain(source)), at).result);
      }
    }
  });
});

describe('errors inside a loop over units are the interpreter’s', () => {
  it.each([
    ['the last unit’s last read past the end', layer(7, 'w[(j - 1) * 6 + i + 1] * x[i]'), { w: W.slice(0, 42), x: X }],
    ['the first unit’s first read before the start', layer(4, 'w[(j - 2) * 6 + i] * x[i]'), { w: W, x: X }],
    ['inf − inf in the third unit', layer(4, 'w[(j - 1) * 6 + i] * x[i]'), { w: W.map((x, k) => (k === 12 ? 1e308 * 10 : k === 13 ? -1e308 * 10 : x)), x: [1, 1, 1, 1, 1, 1] }],
  ] as const)('%s', (_, source, at) => {
    expect(generated(source, Object.keys(at))).toContain('R.dotRows(');
    const want = outcome(() => d.gradient(compile(source), at, { engine: 'interpreted' }));
    expect(want).toHaveProperty('code');
    expect(outcome(() => d.gradient(compile(source), at))).toEqual(want);
  });

  it('the iteration budget: the rows are not computed past it, and the bail is the interpreter’s', () => {
    const source = layer(7, 'w[(j - 1) * 6 + i] * x[i]');
    const at = { w: W, x: X };
    for (const maxIterations of [5, 30, 47, 48, 49, 60]) {
      const want = outcome(() => d.gradient(compile(source), at, { engine: 'interpreted', maxIterations }));
      const got = outcome(() => d.gradient(compile(source), at, { maxIterations }));
      if ('code' in want) expect(got).toEqual(want);
      else expect((got as typeof want).value).toBe(want.value);
    }
  });
});

/** The reverse-mode source generated for a program over the given vector inputs. */
function generated(source: string, vectors: readonly string[]): string {
  const program = parse(source);
  const kinds = variableKinds(program, new Map(vectors.map((n) => [n, 'vector'] as const)));
  return reverseSource(program, vectors, kinds);
}

// Range checks taken out of for loops: an affine read out of range on any trip gives the
// interpreter's error on every generated mode, and reads the pre-test cannot vouch for (guarded,
// fractional counters) still run compiled with the interpreter's results.
import { describe, expect, it } from 'vitest';
import { outcome } from './support';
import { compile, differentiators, evaluate, type Point } from '../../src/index';
import { parse } from '../../src/parse/parse';
import { primalSource } from '../../src/compile/primal';
import { variableKinds } from '../../src/compile/analyze';


const d = differentiators.reverse;
const f = differentiators.forward;
/** Every generated mode: the primal, reverse and forward gradients, forward over reverse. */
const MODES = {
  evaluate: (fn: ReturnType<typeof compile>, at: Point, engine: 'compiled' | 'interpreted') => evaluate(fn, at as never, { engine }),
  reverse: (fn: ReturnType<typeof compile>, at: Point, engine: 'compiled' | 'interpreted') => d.gradient(fn, at, { engine }),
  forward: (fn: ReturnType<typeof compile>, at: Point, engine: 'compiled' | 'interpreted') => f.gradient(fn, at, { engine }),
  hessian: (fn: ReturnType<typeof compile>, at: Point, engine: 'compiled' | 'interpreted') => d.hessian(fn, at, { engine }),
  hvp: (fn: ReturnType<typeof compile>, at: Point, engine: 'compiled' | 'interpreted') => d.hvp(fn, at, [0.5, 1, 1.5], { engine }),
};

const x3 = { x: [0.3, -1.2, 2] };
const failing: readonly [string, string, Point][] = [
  ['first trip', 's = 0\nfor i = 0:3 {\n  s = s + x[i] * x[i]\n}\ns', x3],
  ['last trip', 's = 0\nfor i = 1:4 {\n  s = s + x[i] * x[i]\n}\ns', x3],
  ['negative step, first trip', 's = 0\nfor i = 1:3 {\n  s = s + x[length(x) - i + 2] * x[i]\n}\ns', x3],
  ['negative step, last trip', 'n = 3\ns = 0\nfor i = 1:n {\n  s = s + x[n - i] * x[i]\n}\ns', x3],
  ['nested, last trip of the last outer trip', 's = 0\nfor j = 1:2 {\n  for i = 1:2 {\n    s = s + x[(j - 1) * 2 + i] ^ 2\n  }\n}\ns', x3],
  ['a read in a condition (no NaN to bail on)', 's = 0\nfor i = 1:4 {\n  if x[i] > 0 {\n    s = s + x[1]\n  }\n}\ns', x3],
  ['a write', 'y = x\nfor i = 2:4 {\n  y[i] = x[1] * i\n}\nsum(y) * x[2]', x3],
  ['empty loop, then a read', 's = x[1]\nfor i = 3:1 {\n  s = s + x[i + 10]\n}\ns * x[4]', x3],
];

describe('an affine index out of range gives the interpreter’s error on every mode', () => {
  for (const [name, source, at] of failing) {
    it.each(Object.keys(MODES) as (keyof typeof MODES)[])(`${name}: %s`, (mode) => {
      const fn = compile(source);
      const want = outcome(() => MODES[mode](fn, at, 'interpreted'));
      expect(want).toMatchObject({ code: 'index' });
      expect(outcome(() => MODES[mode](fn, at, 'compiled'))).toEqual(want);
    });
  }
});

const passing: readonly [string, string, Point][] = [
  ['guarded by a branch', 's = 0\nfor i = 1:3 {\n  if i > 1 {\n    s = s + x[i - 1] * x[i]\n  }\n}\ns', x3],
  ['a fractional counter', 's = 0\nfor i = 0.5:1.5 {\n  s = s + x[2 * i] * x[i + 0.5]\n}\ns', x3],
  ['an empty loop', 's = x[1]\nfor i = 3:1 {\n  s = s + x[i + 10]\n}\ns * x[2]', x3],
  ['a descending read', 's = 0\nfor i = 1:length(x) {\n  s = s + x[length(x) + 1 - i] * x[i] ^ 2\n}\ns', x3],
];

describe('reads the pre-test does not vouch for run compiled, with the interpreter’s results', () => {
  for (const [name, source, at] of passing) {
    it.each(['reverse', 'forward', 'hessian', 'hvp'] as const)(`${name}: %s`, (mode) => {
      const fn = compile(source);
      const got = MODES[mode](fn, at, 'compiled');
      const want = MODES[mode](fn, at, 'interpreted');
      expect(got.stats.engine).toBe('compiled');
      expect(got.value).toEqual(want.value);
      const flat = (v: typeof got.result) => (typeof v[0] === 'object' ? (v as readonly ArrayLike<number>[]).flatMap((r) => Array.from(r)) : Array.from(v as ArrayLike<number>));
      expect(flat(got.result)).toEqual(flat(want.result));
    });
  }
});

it('a loop whose reads pass the test runs a copy without their per-trip checks', () => {
  const program = parse('s = 0\nfor i = 1:length(x) - 1 {\n  s = s + (x[i + 1] - x[i]) ^ 2\n}\ns');
  const code = primalSource(program, ['x'], variableKinds(program, new Map([['x', 'vector']])));
  const copies = code.split(/for \(let i = lo/).slice(1);
  expect(copies).toHaveLength(2);
  expect(copies[0]).not.toMatch(/>>> 0/);
  expect(copies[1].match(/>>> 0/g)).toHaveLength(2);
});

// What the generated code assumes of the primitive table, checked against the rows: the inlined
// spellings of the hot few equal their rows' functions to the bit, and the ops trusted to carry a
// NaN through do so for every argument.
import { describe, expect, it } from 'vitest';
import { arityRange, PRIMITIVES } from '../../src/primitives';
import { build } from '../../src/compile/emit';
import { callSource, propagatesNaN, SOURCE } from '../../src/compile/source';
import { partialOf } from '../../src/primitives';
import { algebraOf, float } from '../../src/interpret/domain';

const SAMPLES = [-3.5, -1, -0, 0, 0.5, 1, 2, 7.25, 1e-300, -1e300, Infinity, -Infinity];
const argCount = (name: string) => {
  const [min, max] = arityRange(PRIMITIVES.get(name)!);
  return max === Infinity ? Math.max(min, 4) : max;
};

describe('inlined calls equal the row', () => {
  it.each(['add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'pow', 'sum', 'dot', 'exp', 'sigmoid', 'max'])('%s', (name) => {
    const p = PRIMITIVES.get(name)!;
    const k = argCount(name);
    const names = Array.from({ length: k }, (_, i) => `a${i}`);
    for (const literal of [false, true]) {
      // With a literal 2 as the last argument, pow is spelled as a square.
      const args = literal ? [...names.slice(0, -1), '2'] : names;
      const f = build<(...x: number[]) => number>(`return function (${names.join(', ')}) { return ${callSource(p, args)}; };`);
      for (let t = 0; t < 200; t++) {
        const xs = names.map((_, i) => SAMPLES[(t * (i + 3) + i) % SAMPLES.length] * (1 + t / 97));
        if (literal) xs[k - 1] = 2;
        expect(Object.is(f(...xs), p.fn(...xs))).toBe(true);
      }
    }
  });
});

it('log of one argument is spelled Math.log, and equals the row', () => {
  const log = PRIMITIVES.get('log')!;
  expect(callSource(log, ['a'])).toBe('Math.log(a)');
  for (const x of [...SAMPLES, 3.7, 1e-5]) expect(Object.is(Math.log(x), log.fn(x))).toBe(true);
});

describe('ops trusted to propagate NaN return NaN for a NaN in any argument', () => {
  const trusted = [...PRIMITIVES.values()].filter((p) => arityRange(p)[1] > 0 && propagatesNaN(p, ['a', 'b']));
  it.each(trusted.map((p) => [p.name, p] as const))('%s', (_, p) => {
    const k = argCount(p.name);
    for (let at = 0; at < k; at++) {
      for (const other of SAMPLES) {
        const xs = Array.from({ length: k }, (_, i) => (i === at ? NaN : other));
        expect(p.fn(...xs)).toBeNaN();
      }
    }
  });

  it('pow with a literal non-zero exponent propagates; with a variable one it may not (NaN^0 = 1)', () => {
    const pow = PRIMITIVES.get('pow')!;
    expect(propagatesNaN(pow, ['a', '3'])).toBe(true);
    expect(propagatesNaN(pow, ['a', 'b'])).toBe(false);
    expect(pow.fn(NaN, 0)).toBe(1);
  });
});

it('the source algebra writes each rule as code that computes what the float algebra computes', () => {
  const FLOAT = algebraOf(float);
  for (const p of PRIMITIVES.values()) {
    const [min, max] = arityRange(p);
    if (min === 0) continue;
    const k = max === Infinity ? 3 : max;
    const names = Array.from({ length: k }, (_, i) => `a${i}`);
    const xs = [0.7, 1.9, 0.3].slice(0, k);
    const out = p.fn(...xs);
    for (let i = 0; i < k; i++) {
      const code = partialOf(p, i)(SOURCE, names, 'out', i);
      const f = build<(...x: number[]) => number>(`return function (${names.join(', ')}, out) { return ${code}; };`);
      const got = f(...xs, out);
      const want = partialOf(p, i)(FLOAT, xs, out, i);
      expect(Object.is(got, want) || Math.abs(got - want) <= 1e-15 * Math.abs(want)).toBe(true);
    }
  }
});

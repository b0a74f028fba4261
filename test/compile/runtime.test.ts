// The run-time helpers of generated code against the primitive table's rows and rules.
import { describe, expect, it } from 'vitest';
import { algebraOf, float } from '../../src/interpret/domain';
import { partialOf, PRIMITIVES } from '../../src/primitives';
import { RUNTIME } from '../../src/compile/runtime';
import { Rng } from '../../src/nn/rng';

const FLOAT = algebraOf(float);
const rng = new Rng(5);
/** Short vectors with many ties, so that the first-winner convention is exercised. */
const vectors = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(rng.uniform() * 6) }, () => Math.floor(rng.uniform() * 4) - 2));

describe.each(['max', 'min', 'hypot', 'logsumexp', 'sum', 'dot'])('%s: run-time partials equal the rule', (name) => {
  const p = PRIMITIVES.get(name)!;
  it('on vectors with ties', () => {
    for (const raw of vectors) {
      const xs = name === 'dot' && raw.length % 2 ? [...raw, 1] : raw.map((v) => (name === 'hypot' ? v + 0.5 : v));
      const out = p.fn(...xs);
      const want = xs.map((_, i) => partialOf(p, i)(FLOAT, xs, out, i));
      expect(Array.from(RUNTIME.partials(name, xs, out))).toEqual(want);
    }
  });
});

it('sum, dot, max and min over vectors compute what their rows do', () => {
  for (const raw of vectors) {
    const a = Float64Array.from(raw, (v) => v * 0.1 + 1e-17);
    expect(Object.is(RUNTIME.sum([a, 3, a]), PRIMITIVES.get('sum')!.fn(...a, 3, ...a))).toBe(true);
    expect(Object.is(RUNTIME.dot(a, a.map((v) => v * 3.3)), PRIMITIVES.get('dot')!.fn(...a, ...a.map((v) => v * 3.3)))).toBe(true);
  }
  expect(RUNTIME.dot(new Float64Array([1, 2, 3]), new Float64Array([1]))).toBe(PRIMITIVES.get('dot')!.fn(1, 2, 3, 1));
  for (const v of [[-0, 0], [0, -0], [-0], [3, NaN, 4], [1, 5, 5, -2]]) {
    expect(Object.is(RUNTIME.max(Float64Array.from(v)), Math.max(...v))).toBe(true);
    expect(Object.is(RUNTIME.min(Float64Array.from(v)), Math.min(...v))).toBe(true);
  }
});

it('stacks grow and keep what they held', () => {
  const s = Float64Array.from({ length: 1024 }, (_, i) => i);
  const t = RUNTIME.grow(s);
  expect(t.length).toBe(2048);
  expect(Array.from(t.subarray(0, 1024))).toEqual(Array.from(s));
});

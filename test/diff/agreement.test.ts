// All four methods agree with the 50-digit reference on the corpus, each within its tolerance;
// symbolic refuses exactly the loops it cannot follow, naming them.
import { describe, expect, it } from 'vitest';
import { compile, differentiators, reference, UnsupportedError } from '../../src/index';
import { mixedError } from '../../src/diff/distance';
import { CORPUS } from './corpus';

/** Exact methods carry only float64 rounding; central differences also truncation. */
const TOLERANCE = { finite: 1e-6, symbolic: 1e-10, forward: 1e-10, reverse: 1e-10 } as const;

describe.each(Object.values(differentiators))('$name', (d) => {
  it.each(CORPUS.map((c) => [c.source.replace(/\n/g, '; '), c] as const))('%s', (_, c) => {
    const fn = compile(c.source);
    if (d.name === 'symbolic' && c.symbolicFails) {
      expect(() => d.jacobian(fn, c.at)).toThrow(UnsupportedError);
      return;
    }
    const want = reference(fn, c.at).jacobian.flat();
    const got = d.jacobian(fn, c.at).result.flatMap((r) => [...r]);
    expect(got).toHaveLength(want.length);
    expect(mixedError(got, want)).toBeLessThan(TOLERANCE[d.name]);
  });
});

it('the corpus is large and varied', () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(150);
  expect(CORPUS.filter((c) => c.symbolicFails).length).toBeGreaterThanOrEqual(5);
});

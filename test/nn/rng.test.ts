// The seeded stream: replayable, well spread from any seed, and correctly distributed.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors';
import { Rng } from '../../src/nn/rng';
import { caught } from '../support/helpers';

/** Twenty draws of each kind, so a test sees every method's sequence. */
const DRAWS: [string, (r: Rng) => unknown][] = [
  ['uniform', (r) => Array.from({ length: 20 }, () => r.uniform())],
  ['normal', (r) => Array.from({ length: 20 }, () => r.normal())],
  ['int', (r) => Array.from({ length: 20 }, () => r.int(1000))],
  ['shuffle', (r) => r.shuffle(Array.from({ length: 20 }, (_, i) => i))],
  ['permutation', (r) => Array.from(r.permutation(20))],
];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

describe('reproducibility', () => {
  it.each(DRAWS)('%s: the same seed gives the same sequence', (_, draw) => {
    expect(draw(new Rng(7))).toEqual(draw(new Rng(7)));
  });

  it.each(DRAWS)('%s: a different seed gives a different sequence', (_, draw) => {
    expect(draw(new Rng(7))).not.toEqual(draw(new Rng(8)));
  });

  it('replays seed 42 exactly as recorded, so runs compare across machines and installs', () => {
    const r = new Rng(42);
    expect([r.uniform(), r.uniform(), r.uniform()]).toEqual([0.8410001364947368, 0.6954326493858226, 0.6542505876179852]);
    expect(r.int(1000)).toBe(878);
    expect(Array.from(r.permutation(8))).toEqual([2, 5, 6, 1, 3, 4, 0, 7]);
  });

  it.each([
    ['seeds 2^32 apart', 1, 1 + 2 ** 32],
    ['a seed and its negation', 5, -5],
    ['the largest safe seeds', Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1],
  ])('%s give different streams', (_, a, b) => {
    expect(new Rng(a).uniform()).not.toBe(new Rng(b).uniform());
  });

  // pure-rand seeds xoroshiro128+ with the bare seed, so its first uniform() is about 1 for every small seed.
  it('spreads the first draw of consecutive seeds over [0, 1)', () => {
    const firsts = Array.from({ length: 200 }, (_, seed) => new Rng(seed).uniform());
    expect(Math.abs(mean(firsts) - 0.5)).toBeLessThan(0.06);
    expect(Math.min(...firsts)).toBeLessThan(0.05);
    expect(Math.max(...firsts)).toBeGreaterThan(0.95);
  });
});

describe('distributions', () => {
  it('uniform lies in [0, 1) on multiples of 2^-53, using bits below 2^-32', () => {
    const r = new Rng(1);
    const us = Array.from({ length: 10_000 }, () => r.uniform());
    for (const u of us) {
      expect(u >= 0 && u < 1).toBe(true);
      expect(Number.isInteger(u * 2 ** 53)).toBe(true);
    }
    expect(us.some((u) => !Number.isInteger(u * 2 ** 32))).toBe(true);
    expect(mean(us)).toBeCloseTo(0.5, 2);
  });

  it('normal has mean 0, sd 1 and symmetric tails', () => {
    const r = new Rng(2);
    const zs = Array.from({ length: 40_000 }, () => r.normal());
    expect(Math.abs(mean(zs))).toBeLessThan(0.02);
    expect(Math.abs(sd(zs) - 1)).toBeLessThan(0.02);
    const share = (tail: (z: number) => boolean) => zs.filter(tail).length / zs.length;
    expect(share((z) => z > 1.96)).toBeCloseTo(0.025, 2);
    expect(share((z) => z < -1.96)).toBeCloseTo(0.025, 2);
  });

  it.each([1, 2, 7, 1000, 2 ** 40])('int(%d) stays in [0, n) and is a whole number', (n) => {
    const r = new Rng(3);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(n);
      expect(Number.isInteger(k) && k >= 0 && k < n).toBe(true);
    }
  });

  it('int(6) is uniform: each face within 5% of its share', () => {
    const r = new Rng(4);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('shuffle permutes in place and returns the same array', () => {
    const a = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const out = new Rng(5).shuffle(a);
    expect(out).toBe(a);
    expect([...a].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('shuffle makes all six orders of three items about equally often', () => {
    const r = new Rng(6);
    const counts = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = r.shuffle([0, 1, 2]).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(100);
  });

  it.each([0, 1, 2, 50])('permutation(%d) holds each of 0 … n−1 once', (n) => {
    const p = new Rng(7).permutation(n);
    expect(p).toBeInstanceOf(Int32Array);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});

describe('bad arguments', () => {
  it.each([
    ['a fractional seed', () => new Rng(1.5), /seed must be a whole number/],
    ['an unsafe seed', () => new Rng(2 ** 60), /seed must be a whole number/],
    ['NaN as a seed', () => new Rng(NaN), /seed must be a whole number/],
    ['int(0)', () => new Rng(1).int(0), /int\(n\) needs a whole number n ≥ 1/],
    ['int(2.5)', () => new Rng(1).int(2.5), /int\(n\) needs a whole number n ≥ 1/],
    ['permutation(-1)', () => new Rng(1).permutation(-1), /permutation\(n\) needs/],
  ])('%s is refused', (_, run, message) => {
    expect(caught(run, UsageError).message).toMatch(message);
  });
});

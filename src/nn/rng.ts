// A seeded random stream (pure-rand's xoroshiro128+): the same seed replays a training run bit for bit.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { UsageError } from '../errors';

/** What `shuffle` can permute in place: arrays and typed arrays alike. */
type Permutable = { length: number; [index: number]: unknown };

export class Rng {
  private readonly gen: RandomGenerator;
  /** Box–Muller draws normals in pairs; the second waits here for the next call. */
  private spare = NaN;

  /** `seed` is any safe integer; equal seeds give equal streams. */
  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed)) throw new UsageError(`the seed must be a whole number within ±2^53, not ${seed}`);
    this.gen = xoroshiro128plusFromState(expand(seed));
  }

  /** Uniform on [0, 1): a multiple of 2^-53, so all 53 bits of the mantissa are random. */
  uniform(): number {
    return uniformFloat64(this.gen);
  }

  /** Standard normal N(0, 1), by Box–Muller: √(−2 ln u₁)·(cos 2πu₂, sin 2πu₂). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform())); // 1 − u lies in (0, 1], so the log is finite
    const angle = 2 * Math.PI * this.uniform();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Uniform integer in [0, n), without the modulo bias of ⌊n·uniform()⌋ for large n. */
  int(n: number): number {
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`int(n) needs a whole number n ≥ 1, not ${n}`);
    return uniformInt(this.gen, 0, n - 1);
  }

  /** Shuffles in place (Fisher–Yates, every order equally likely) and returns the same array. */
  shuffle<T>(array: T[]): T[] {
    fisherYates(this, array);
    return array;
  }

  /** A uniformly random ordering of 0 … n−1. */
  permutation(n: number): Int32Array {
    if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 31 - 1) throw new UsageError(`permutation(n) needs a whole number n ≥ 0, not ${n}`);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    fisherYates(this, order);
    return order;
  }
}

function fisherYates(rng: Rng, a: Permutable): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

// pure-rand's own xoroshiro128plus(seed) puts the seed into the state unmixed: its first output is
// ~seed, so every small seed starts with uniform() ≈ 1, and seeds 2^32 apart give the same stream.
// Both 32-bit halves of the seed are therefore run through a SplitMix-style sequence (a Weyl
// step, then MurmurHash3's fmix32) to fill the 128-bit state; the four words are never all zero.
function expand(seed: number): number[] {
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) | 0;
  let x = low ^ fmix32(high ^ 0x5bd1e995);
  const state: number[] = [];
  for (let i = 0; i < 4; i++) {
    x = (x + 0x9e3779b9) | 0;
    state.push(fmix32(x));
  }
  return state;
}

/** MurmurHash3's finaliser: a bijection on 32 bits in which every input bit flips about half the output bits. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

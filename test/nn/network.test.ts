// The network's activations, slopes, softmax and losses are the primitive table's rows: each
// agrees with its row (value and derivative rule) to the bit, the fenced special cases included.
import { describe, expect, it } from 'vitest';
import { algebraOf, float } from '../../src/interpret/domain';
import { activate, ACTIVATIONS, architecture, meanLoss, slope, softmax } from '../../src/nn/network';
import { partialOf, primitive } from '../../src/primitives';

const FLOAT = algebraOf(float);
const POINTS = [-40, -3.5, -1, -1e-300, -0, 0, 1e-300, 0.25, 1, 2.5, 40];

describe.each(ACTIVATIONS.filter((f) => f !== 'linear'))('%s', (f) => {
  const row = primitive(f);
  it.each(POINTS)('at %d: the row\'s value and its derivative rule', (z) => {
    const a = activate(f, z);
    expect(Object.is(a, row.fn(z))).toBe(true);
    expect(Object.is(slope(f, z, a), partialOf(row, 0)(FLOAT, [z], a, 0))).toBe(true);
  });
});

describe('linear (fenced: the identity, no row)', () => {
  it.each(POINTS)('at %d: z, with slope 1', (z) => {
    expect(Object.is(activate('linear', z), z)).toBe(true);
    expect(slope('linear', z, z)).toBe(1);
  });
});

describe('softmax (fenced: the gradient of the logsumexp row)', () => {
  it.each([[[0, 0]], [[1, 2, 3]], [[-800, 0, 800]], [[1e-3, -2, 5, 5]]])('%j: the rows partials, summing to 1', (z) => {
    const out = new Float64Array(z.length);
    softmax(Float64Array.from(z), out);
    const lse = primitive('logsumexp').apply(z);
    z.forEach((_, j) => expect(Object.is(out[j], partialOf(primitive('logsumexp'), j)(FLOAT, z, lse, j))).toBe(true));
    expect(out.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
  });
});

describe('meanLoss reads the softplus and logsumexp rows', () => {
  it('bce is softplus(z) − y·z, averaged', () => {
    const arch = architecture([2, 1], 'tanh', 'bce');
    const z = Float64Array.of(-30, 0.5, 40);
    const y = Float64Array.of(1, 0, 1);
    const want = z.reduce((s, zi, i) => s + primitive('softplus').fn(zi) - y[i] * zi, 0) / 3;
    expect(meanLoss(arch, z, z, y, 3)).toBe(want);
  });

  it('ce is logsumexp(z) − Σ yⱼzⱼ, averaged, and finite for logits of ±800', () => {
    const arch = architecture([2, 3], 'tanh', 'ce');
    const z = Float64Array.of(800, -800, 0, 1, 2, 3);
    const y = Float64Array.of(0, 1, 0, 0, 0, 1);
    const lse = primitive('logsumexp');
    const want = (lse.apply([800, -800, 0]) - -800 + (lse.apply([1, 2, 3]) - 3)) / 2;
    expect(meanLoss(arch, z, z, y, 2)).toBe(want);
    expect(Number.isFinite(want)).toBe(true);
  });
});

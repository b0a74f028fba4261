// The lessons as experiments: each demo's figures say what its lesson claims, from one seed.
import { describe, expect, it } from 'vitest';
import { batchSizes, clipping, jacobianDemo, optimizers, trajectories } from '../../src/nn/demos';
import { loadDataset } from '../../src/nn/data';
import { architecture } from '../../src/nn/network';
import { train } from '../../src/nn/train';

describe('per-step history', () => {
  it('records every step: its batch loss, the training loss after it, and time that only grows', () => {
    const data = loadDataset('xor');
    const r = train(architecture([2, 4, 1], 'tanh', 'bce'), data, { optimizer: 'adam', lr: 0.1, batch: 2, epochs: 3, history: 'steps' });
    const steps = r.stepHistory!;
    expect(steps).toHaveLength(r.steps);
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: r.steps }, (_, i) => i + 1));
    expect(steps.map((s) => s.epoch)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(steps[steps.length - 1].trainLoss).toBeCloseTo(r.train.loss, 12);
    steps.slice(1).forEach((s, i) => expect(s.seconds).toBeGreaterThanOrEqual(steps[i].seconds));
  });

  it('is absent unless asked for', () => {
    const r = train(architecture([2, 4, 1], 'tanh', 'bce'), loadDataset('xor'), { epochs: 1 });
    expect(r.stepHistory).toBeUndefined();
  });
});

describe('batch-size', () => {
  const b = batchSizes(400, 40);
  it('runs batch 1, 8, 32 and full on one problem, full batch without a single uphill step', () => {
    expect(b.runs.map((r) => r.batch)).toEqual([1, 8, 32, 300]);
    const full = b.runs[3];
    expect(full.uphill).toBe(0);
    expect(b.runs[0].uphill).toBeGreaterThan(0.3);
    expect(b.runs[0].meanStepChange).toBeGreaterThan(full.meanStepChange);
  });

  it('says how many steps reached the target and how long they took, or that none did', () => {
    for (const r of b.runs) {
      if (r.stepsToTarget === null) expect(r.steps.every((s) => s.trainLoss > b.target)).toBe(true);
      else {
        expect(r.steps[r.stepsToTarget - 1].trainLoss).toBeLessThanOrEqual(b.target);
        expect(r.steps.slice(0, r.stepsToTarget - 1).every((s) => s.trainLoss > b.target)).toBe(true);
        expect(r.secondsToTarget).toBeGreaterThan(0);
      }
    }
  });
});

describe('clipping', () => {
  it('the divergence demo\'s run diverges unclipped and stays finite with the gradient norm clipped', () => {
    const c = clipping();
    expect(c.lr).toBe(3);
    const [none, clipped] = c.runs;
    expect(none.result.diverged).toMatch(/diverged at epoch/);
    expect(clipped.result.diverged).toBeUndefined();
    expect(Number.isFinite(clipped.result.train.loss)).toBe(true);
  });
});

describe('jacobian', () => {
  const j = jacobianDemo(0.01);
  it('gives a 2×3 Jacobian and two 3×3 Hessians by every method, the exact ones agreeing to 14 digits', () => {
    expect(j.rows.map((r) => r.method).sort()).toEqual(['finite', 'forward', 'reverse', 'symbolic']);
    for (const r of j.rows) {
      expect(r.jacobian).toHaveLength(2);
      expect(r.jacobian[0]).toHaveLength(3);
      expect(r.hessians).toHaveLength(2);
      r.hessians.forEach((H) => expect(H.map((row) => row.length)).toEqual([3, 3, 3]));
      if (r.method !== 'finite') expect(Math.min(r.jacobianDigits, r.hessianDigits)).toBeGreaterThan(14);
      expect(r.jacobianSeconds).toBeGreaterThan(0);
    }
    const finite = j.rows.find((r) => r.method === 'finite')!;
    expect(finite.hessianDigits).toBeGreaterThan(5);
    expect(finite.hessianDigits).toBeLessThan(12);
  });

  it('has symmetric Hessians', () => {
    for (const H of j.rows.find((r) => r.method === 'reverse')!.hessians) {
      for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) expect(H[a][b]).toBeCloseTo(H[b][a], 14);
    }
  });
});

describe('optimizers', () => {
  it('picks each rule\'s rate with the lowest final loss from its sweep', () => {
    const o = optimizers(3, [0.01, 0.1]);
    expect(o.sweep).toHaveLength(2 * o.best.length);
    for (const b of o.best) {
      const own = o.sweep.filter((r) => r.name === b.name);
      expect(b.finalLoss).toBe(Math.min(...own.map((r) => r.finalLoss)));
    }
  });
});

describe('trajectories', () => {
  it('draws level lines, each above the loss at the optimum, which no run beats', () => {
    const t = trajectories(1, 2);
    expect(t.contours.length).toBeGreaterThan(3);
    expect(t.optimalLoss).toBeLessThan(Math.min(...t.runs.map((r) => r.finalLoss)) + 1e-12);
    expect(t.contours.every((c) => c.level > t.optimalLoss)).toBe(true);
  });
});

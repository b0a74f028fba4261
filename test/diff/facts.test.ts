// Method facts live on the registered differentiators, and every list of methods elsewhere is a
// projection of the registry: a method added there appears in each list, with nothing to edit.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { differentiators, EXACT_METHODS, METHODS } from '../../src/diff/registry';
import { compare, parseMethods, SCHEMES } from '../../src/diff/compare';
import { TRAIN_METHODS } from '../../src/nn/train';
import { CURVE_METHODS } from '../../src/harness/studies/training-curves';
import { ALL_METHODS } from '../../src/harness/measure';

describe('the facts each method states', () => {
  it.each(METHODS)('%s states every fact, in range', (m) => {
    const f = differentiators[m].facts;
    expect(typeof f.exact).toBe('boolean');
    expect(f.tolerance).toBeGreaterThan(0);
    expect(f.tolerance).toBeLessThan(1e-3);
    expect([1, 2]).toContain(f.costGrowth);
    expect(f.cost.length).toBeGreaterThan(0);
    expect(f.inputLimit).toBeGreaterThan(0);
    expect(Array.isArray(f.refuses)).toBe(true);
  });

  it('an exact method is held to a tighter tolerance than finite differences', () => {
    for (const m of EXACT_METHODS) expect(differentiators[m].facts.tolerance).toBeLessThan(differentiators.finite.facts.tolerance);
  });

  it('symbolic states its refusals; reverse mode scales to any input count', () => {
    expect(differentiators.symbolic.facts.refuses.join(' ')).toMatch(/branches/);
    expect(differentiators.reverse.facts.inputLimit).toBe(Infinity);
  });

  it('forward mode and finite differences grow as n², the others as n', () => {
    expect(METHODS.filter((m) => differentiators[m].facts.costGrowth === 2)).toEqual(['finite', 'forward']);
  });
});

describe('the lists are projections of the registry', () => {
  it('METHODS is the registry keys, each registered under its own name', () => {
    expect(METHODS).toEqual(Object.keys(differentiators));
    for (const m of METHODS) expect(differentiators[m].name).toBe(m);
  });

  it('EXACT_METHODS are those whose facts say exact', () => {
    expect(EXACT_METHODS).toEqual(METHODS.filter((m) => differentiators[m].facts.exact));
  });

  it("the trainer's and the training curves' lists are every method and manual", () => {
    expect(TRAIN_METHODS).toEqual([...METHODS, 'manual']);
    expect(CURVE_METHODS).toEqual(TRAIN_METHODS);
  });

  it("'all' and the studies' list are every scheme of finite, then every other method", () => {
    const labels = [...SCHEMES.map((s) => `finite:${s}`), ...METHODS.filter((m) => m !== 'finite')];
    expect(parseMethods(['all']).map((s) => s.label)).toEqual(labels);
    expect(ALL_METHODS.map((s) => s.label)).toEqual(labels);
  });

  it('compare runs every registered method by default', () => {
    expect(compare('x^2', { x: 1.5 }, { timing: 0 }).methods.map((r) => r.method)).toEqual(METHODS);
  });
});

describe('a method added to the registry', () => {
  afterEach(() => {
    vi.doUnmock('../../src/diff/registry');
    vi.resetModules();
  });

  it('appears in the trainer, the curves, compare and every study list', async () => {
    vi.resetModules();
    vi.doMock('../../src/diff/registry', async (importOriginal) => {
      const real = await importOriginal<typeof import('../../src/diff/registry')>();
      const extra = { ...real.differentiators.reverse, name: 'extra' };
      const all = { ...real.differentiators, extra } as unknown as typeof real.differentiators;
      const names = Object.keys(all) as typeof real.METHODS;
      return {
        ...real,
        differentiators: all,
        METHODS: names,
        differentiator: (n: string) => (n === 'extra' ? extra : real.differentiator(n)),
      };
    });
    const train = await import('../../src/nn/train');
    const curves = await import('../../src/harness/studies/training-curves');
    const cmp = await import('../../src/diff/compare');
    const measure = await import('../../src/harness/measure');
    expect(train.TRAIN_METHODS).toContain('extra');
    expect(curves.CURVE_METHODS).toContain('extra');
    expect(cmp.parseMethods(['all']).map((s) => s.label)).toContain('extra');
    expect(measure.ALL_METHODS.map((s) => s.label)).toContain('extra');
    expect(cmp.compare('x^2', { x: 1.5 }, { timing: 0 }).methods.map((r) => r.method)).toContain('extra');
  });
});

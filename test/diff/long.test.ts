// Long vectors: n-ary ops take their arguments as arrays, so nothing spreads 10⁶ numbers onto the
// stack; max and min have one-hot partials, linear in n, with ties to the first argument.
import { describe, expect, it } from 'vitest';
import * as ast from '../../src/ast';
import { compile, differentiators, evaluate, gradient, jvp } from '../../src/index';

const vector = (n: number) => Float64Array.from({ length: n }, (_, i) => Math.sin(i) / 2);
const total = (v: Float64Array) => v.reduce((s, x) => s + x, 0);

describe('n-ary ops on long vectors', () => {
  const v = vector(150_000);
  const plain = Array.from(v);

  it.each(['sum(v)', 'logsumexp(v)', 'dot(v, v)', 'max(v)', 'min(v)', 'hypot(v)'])('%s of 150,000 evaluates and differentiates', (source) => {
    expect(Number.isFinite(evaluate(source, { v: plain }))).toBe(true);
    const g = gradient(source, { v }).v;
    expect(g).toHaveLength(v.length);
    expect(g.every(Number.isFinite)).toBe(true);
  });

  it.each(['sum(v)', 'logsumexp(v)', 'dot(v, v)', 'max(v)', 'min(v)', 'hypot(v)'])('%s of 150,000: the generated code answers, as the interpreter does', (source) => {
    const fn = compile(source);
    const compiled = differentiators.reverse.gradient(fn, { v });
    expect(compiled.stats.engine).toBe('compiled');
    expect(compiled.value).toBe(differentiators.reverse.gradient(fn, { v }, { engine: 'interpreted' }).value);
    const tangent = differentiators.forward.jvp(fn, { v }, plain);
    expect(tangent.stats.engine).toBe('compiled');
  });

  it('a call with 150,000 arguments: sum(x, x, …), by generated code', () => {
    const call = ast.call('sum', Array.from({ length: 150_000 }, () => ast.variable('x')));
    const fn = compile(ast.program([{ kind: 'expr', value: call, span: ast.NO_SPAN }]));
    const reverse = differentiators.reverse.gradient(fn, { x: 2 });
    expect(reverse.result).toEqual([150_000]);
    expect(reverse.stats.engine).toBe('compiled');
    const forward = differentiators.forward.gradient(fn, { x: 2 });
    expect(forward.result).toEqual([150_000]);
    expect(forward.stats.engine).toBe('compiled');
    expect(evaluate(fn, { x: 2 })).toBe(300_000);
  });

  it('a finite-difference JVP at 150,000', () => {
    const want = total(v) + 2 * total(v.map((x) => x * x));
    expect(Math.abs((jvp('sum(v) + dot(v, v)', { v }, plain, { method: 'finite' }) as number) - want)).toBeLessThan(1e-4 * Math.abs(want));
  });

  it('10⁶ elements: evaluation, a reverse gradient and a forward JVP', () => {
    const big = vector(1_000_000);
    const fn = compile('sum(v) + dot(v, v)');
    const want = total(big) + 2 * total(big.map((x) => x * x));
    expect(evaluate('sum(v)', { v: Array.from(big) })).toBeCloseTo(total(big), 6);
    expect(differentiators.reverse.gradient(fn, { v: big }).result[999_999]).toBeCloseTo(1 + 2 * big[999_999], 12);
    expect(jvp(fn, { v: big }, Array.from(big)) as number).toBeCloseTo(want, 6);
  }, 120_000);
});

describe('max and min: one-hot partials, ties to the first', () => {
  it.each(['forward', 'reverse', 'symbolic'] as const)('%s', (method) => {
    // A forward gradient takes n/16 sweeps of the whole program, so n² work in any case.
    const n = { symbolic: 40, forward: 2_000, reverse: 20_000 }[method];
    const v = Array.from(vector(n));
    v[7] = v[n - 3] = 2;
    v[11] = v[n - 5] = -2;
    for (const [source, winner] of [['max(v)', 7], ['min(v)', 11]] as const) {
      const g = gradient(source, { v }, { method }).v as number[];
      expect(g[winner]).toBe(1);
      expect(g.reduce((s, x) => s + Math.abs(x), 0)).toBe(1);
    }
    expect(gradient('max(x, y, z)', { x: 1, y: 3, z: 3 }, { method })).toEqual({ x: 0, y: 1, z: 0 });
  });
});

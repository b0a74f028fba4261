// Symbolic derivatives on both engines: the simplified derivative as generated JavaScript against
// the graph evaluator, over the corpus and the accuracy suite, to the last bit; errors identical.
import { describe, expect, it } from 'vitest';
import { bothEngineCases, label, outcome } from './support';
import { compile, differentiators, gradient } from '../../src/index';
import { graphSource } from '../../src/compile/symbolic';
import { build } from '../../src/compile/emit';
import { buildGraph, evaluate } from '../../src/diff/graph';
import { primitive } from '../../src/primitives';
import { CORPUS } from '../diff/corpus';

const CASES = bothEngineCases(17);
const S = differentiators.symbolic;


/** The answer without the stats that name the engine. */
function bare(a: unknown): unknown {
  if (!(a && typeof a === 'object' && 'stats' in a)) return a;
  const { value, result } = a as unknown as { value: unknown; result: unknown };
  return { value, result };
}

describe('symbolic jacobian: compiled against interpreted, bit for bit', () => {
  it.each(CASES.map((c) => [label(c.source), c] as const))('%s', (_, c) => {
    const fn = compile(c.source);
    const got = outcome(() => S.jacobian(fn, c.at));
    const want = outcome(() => S.jacobian(fn, c.at, { engine: 'interpreted' }));
    expect(bare(got)).toEqual(bare(want));
    if ('stats' in (got as object)) expect((got as { stats: { engine: string } }).stats.engine).toBe('compiled');
  });
});

describe('symbolic hessian: compiled against interpreted, bit for bit', () => {
  it.each(CORPUS.map((c) => [label(c.source), c] as const))('%s', (_, c) => {
    const fn = compile(c.source);
    expect(bare(outcome(() => S.hessian(fn, c.at)))).toEqual(bare(outcome(() => S.hessian(fn, c.at, { engine: 'interpreted' }))));
  });
});

describe('the compiled symbolic engine', () => {
  it('picks the piece of a piecewise derivative by its conditions, and says what ran', () => {
    const fn = compile('if x > y { z = x^2 y } else { z = sin(x) / y }; z + x');
    for (const at of [{ x: 2, y: 1 }, { x: 0.5, y: 1 }]) {
      const got = S.gradient(fn, at);
      expect(got.stats).toMatchObject({ engine: 'compiled', simplified: true });
      expect(got.result).toEqual(S.gradient(fn, at, { engine: 'interpreted' }).result);
    }
    expect(gradient(fn, { x: 2, y: 1 }, { method: 'symbolic' })).toEqual({ x: 5, y: 4 });
  });

  it('spends its compile time once per plan', () => {
    const fn = compile('s = 0; for i = 1:length(v) { s = s + exp(v[i]) v[1] }; s');
    expect(S.gradient(fn, { v: [1, 2, 3] }).stats.compileMs).toBeGreaterThan(0);
    expect(S.gradient(fn, { v: [3, 2, 1] }).stats.compileMs).toBe(0);
    expect(S.vjp(fn, { v: [3, 2, 1] }, [2]).result).toEqual(S.vjp(fn, { v: [3, 2, 1] }, [2], { engine: 'interpreted' }).result);
    expect(S.jvp(fn, { v: [3, 2, 1] }, [1, 0, 1]).result).toEqual(S.jvp(fn, { v: [3, 2, 1] }, [1, 0, 1], { engine: 'interpreted' }).result);
  });

  it('errors are the interpreter’s: a refused loop, a domain error, a NaN derivative', () => {
    for (const [source, at] of [
      ['while x > 1 { x = x / 2 }; x', { x: 3 }],
      ['log(x)', { x: -1 }],
      ['asin(x) + x', { x: 2 }],
      ['[x, x^2]', { x: 1 }],
    ] as const) {
      const fn = compile(source);
      const want = outcome(() => S.gradient(fn, at, { engine: 'interpreted' }));
      expect(want).toMatchObject({ code: expect.any(String) });
      expect(outcome(() => S.gradient(fn, at))).toEqual(want);
    }
  });

  it('splits a long derivative into functions of bounded size, reading across them through one array', () => {
    // sin(sin(… sin(x) …)) + x, 5000 deep: every node reads the one before, across the chunks.
    const sin = primitive('sin');
    const nodes = Array.from({ length: 5000 }, (_, i) => ({ op: sin, args: [{ node: i }] }));
    const g = buildGraph(1, [...nodes, { op: primitive('add'), args: [{ node: 5000 }, { node: 0 }] }], [{ node: 5001 }, { value: 2 }]);
    const src = graphSource(g);
    expect(src.match(/function part\d+\(x, v\)/g)!.length).toBeGreaterThan(10);
    const out = new Float64Array(2);
    build<(x: Float64Array, out: Float64Array) => void>(src)(Float64Array.of(0.7), out);
    const v = evaluate(g, [0.7]);
    expect([...out]).toEqual([v[g.outputs[0]], 2]);
  });

  it('second order runs its Hessian graph as code too, bit for bit', () => {
    for (const [source, at] of [
      ['x^2 y + sin(x y)', { x: 1.5, y: 2 }],
      ['s = 0; for i = 1:length(x) - 1 { s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2 }; s', { x: [1.2, 0.7, -0.3, 2] }],
      ['y = exp(x) / (1 + z^2); log(y) * atan2(x, z)', { x: 0.3, z: 0.8 }],
    ] as const) {
      const fn = compile(source);
      const h = S.hessian(fn, at);
      expect(h.stats.engine).toBe('compiled');
      expect(bare(h)).toEqual(bare(S.hessian(fn, at, { engine: 'interpreted' })));
      const n = h.result.length;
      const v = Array.from({ length: n }, (_, i) => i - 0.5);
      expect(bare(S.hvp(fn, at, v))).toEqual(bare(S.hvp(fn, at, v, { engine: 'interpreted' })));
    }
    const piecewise = outcome(() => S.hessian(compile('if x > 1 { x^2 } else { x^3 }'), { x: 2 }));
    expect(piecewise).toEqual(outcome(() => S.hessian(compile('if x > 1 { x^2 } else { x^3 }'), { x: 2 }, { engine: 'interpreted' })));
  });
});

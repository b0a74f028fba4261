// The graph's sweeps are generated from the primitive table; what stays hand-written (the sum and
// dot loops, fenced in graph.ts) is checked here against the rows' functions and partials.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algebraOf, float } from '../../src/interpret/domain';
import { arityRange, partials, PRIMITIVES, type Primitive } from '../../src/primitives';
import { backward, buildGraph, evaluate, forward, type Ref } from '../../src/diff/graph';

const FLOAT = algebraOf(float);

/** One node of `p` over n inputs (inputs marked constant in `fixed` are literals instead). */
function single(p: Primitive, x: readonly number[], fixed: readonly boolean[] = x.map(() => false)) {
  const inputs = x.filter((_, k) => !fixed[k]);
  let j = 0;
  const args: Ref[] = x.map((v, k) => (fixed[k] ? { value: v } : { node: j++ }));
  const g = buildGraph(inputs.length, [{ op: p, args }], [{ node: inputs.length }]);
  return { g, inputs: Float64Array.from(inputs) };
}

/** The row's own answers: its value and its partials by the float algebra. */
function byRow(p: Primitive, x: readonly number[]) {
  const out = p.apply(x);
  return { out, d: partials(p, FLOAT, x, out) as number[] };
}

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

const POINTS = [[0.3], [0.7, 1.9], [-1.3, 0.4], [2.5, 3], [-0.6, -2.2]];

describe('every op in the generated sweeps, against its row', () => {
  const rows = [...PRIMITIVES.values()].filter((p) => arityRange(p)[0] > 0);
  const cases = rows.flatMap((p) => {
    const [lo, hi] = arityRange(p);
    const ns = hi === Infinity ? [1, 2, 3, 4] : Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
    return ns.flatMap((n) => POINTS.map((pt) => [p.name, Array.from({ length: n }, (_, k) => pt[k % pt.length] + 0.1 * k)] as const));
  });

  it.each(cases)('%s at %j: value and adjoints are the row\'s, bit for bit', (name, x) => {
    const p = PRIMITIVES.get(name)!;
    const { g, inputs } = single(p, x);
    const v = evaluate(g, inputs);
    const want = byRow(p, x);
    expect(same(v[g.outputs[0]], want.out), `value ${v[g.outputs[0]]} vs ${want.out}`).toBe(true);
    if (!Number.isFinite(want.out) || want.d.some((d) => !Number.isFinite(d))) return; // the wide sweep's business
    const adj = backward(g, v, [1]);
    // An adjoint starts at 0 and adds seed·∂, so a -0 partial arrives as 0.
    for (let k = 0; k < x.length; k++) expect(same(adj[k], 0 + want.d[k]), `∂/∂x${k}: ${adj[k]} vs ${want.d[k]}`).toBe(true);
  });
});

describe('the fenced sum and dot loops', () => {
  const sum = PRIMITIVES.get('sum')!;
  const dot = PRIMITIVES.get('dot')!;
  const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 40 });

  it('sum: the row value, adjoint 1 for each argument, tangents summed', () => {
    fc.assert(
      fc.property(values, (x) => {
        const { g, inputs } = single(sum, x);
        const v = evaluate(g, inputs);
        expect(same(v[g.outputs[0]], sum.apply(x))).toBe(true);
        const adj = backward(g, v, [2.5]);
        for (let k = 0; k < x.length; k++) expect(adj[k]).toBe(2.5);
        const T = forward(g, v, 1, (j, t) => (t[0] = j + 1));
        const want = x.reduce((s, _, k) => s + (k + 1), 0);
        expect(T[g.outputs[0]]).toBe(want);
      }),
    );
  });

  it('dot: the row value and the row partials, whichever halves carry derivatives', () => {
    const halves = fc.integer({ min: 1, max: 20 }).chain((k) =>
      fc.tuple(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2 * k, maxLength: 2 * k }),
        fc.array(fc.boolean(), { minLength: 2 * k, maxLength: 2 * k }),
      ),
    );
    fc.assert(
      fc.property(halves, ([x, fixedAt]) => {
        const k = x.length / 2;
        // Every pattern the sweep tells apart: weights only, data only, both, and mixed.
        for (const fixed of [x.map((_, i) => i >= k), x.map((_, i) => i < k), x.map(() => false), fixedAt]) {
          if (fixed.every(Boolean)) continue;
          const { g, inputs } = single(dot, x, fixed);
          const v = evaluate(g, inputs);
          const want = byRow(dot, x);
          expect(same(v[g.outputs[0]], want.out)).toBe(true);
          const adj = backward(g, v, [1]);
          const free = x.map((_, i) => i).filter((i) => !fixed[i]);
          free.forEach((i, j) => expect(same(adj[j], 0 + want.d[i]), `∂/∂x${i}`).toBe(true));
          const T = forward(g, v, 1, (j, t) => (t[0] = 1));
          const tangent = free.reduce((s, i) => s + want.d[i], 0);
          expect(T[g.outputs[0]]).toBeCloseTo(tangent, 9);
        }
      }),
    );
  });

  it('dot of an odd count is NaN, as its row', () => {
    const { g, inputs } = single(dot, [1, 2, 3]);
    expect(evaluate(g, inputs)[g.outputs[0]]).toBeNaN();
    expect(dot.apply([1, 2, 3])).toBeNaN();
  });
});

describe('a zero adjoint against an infinite partial', () => {
  it('multiply: 0·∞ is not taken for 0, the sweep is redone wide', () => {
    // Outputs x·y and x with cotangents (0, 1) at y = ∞: wᵀJ for x is exactly 1, as the product's
    // adjoint is an exact zero (0·∞ in float64 would make it NaN).
    const mul = PRIMITIVES.get('multiply')!;
    const g = buildGraph(2, [{ op: mul, args: [{ node: 0 }, { node: 1 }] }], [{ node: 2 }, { node: 0 }]);
    const v = evaluate(g, [2, Infinity]);
    expect(backward(g, v, [0, 1])[0]).toBe(1);
  });
});

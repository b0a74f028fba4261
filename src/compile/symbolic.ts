// Symbolic derivatives as generated JavaScript: each piece's graph (f and its simplified Jacobian,
// shared subexpressions as one node) and its branch tests, and the Hessian's graph, written as
// straight-line code, one statement per node through the table's spelling of each call, built
// once per derivative.
import { requireLength, requireScalar, matVec, vecMat } from '../diff/common';
import { flatten, layoutOf, type Fn, type Point } from '../diff/fn';
import type { Graph } from '../diff/graph';
import { hessianPlan, HOLDS, planFor, type Plan } from '../diff/symbolic';
import type { Answer, Options } from '../diff/types';
import { float } from '../interpret/domain';
import { interpret } from '../interpret/interpret';
import { build, indent } from './emit';
import type { CompiledVerbs } from './methods';
import { callSource, literal } from './source';

/** Statements per generated function: V8 optimizes small functions well. Rosenbrock n = 100's
 *  gradient (1,584 nodes) took 60–140 µs as one function and 2–11 µs as functions of 250–300. */
const CHUNK = 250;

/** Every output of a graph at x, into `out`. */
type GraphCode = (x: Float64Array, out: Float64Array) => void;

interface PieceCode {
  readonly tests: GraphCode;
  readonly values: GraphCode;
  /** Scratch for the tests' operands and the values, reused by every call. */
  readonly testOut: Float64Array;
  readonly out: Float64Array;
}

/** A graph as code: node values in locals within a chunk of statements, in the shared array `v`
 *  where a later chunk or an output reads them. */
export function graphSource(g: Graph): string {
  const chunkOf = (i: number) => Math.floor((i - g.n) / CHUNK);
  const shared = new Uint8Array(g.size);
  for (const o of g.outputs) shared[o] = 1;
  for (let i = g.n; i < g.size; i++) {
    for (let k = g.start[i]; k < g.start[i + 1]; k++) {
      const a = g.arg[k];
      if (a >= g.n && g.opOf[a] && chunkOf(a) !== chunkOf(i)) shared[a] = 1;
    }
  }
  const ref = (a: number, chunk: number): string => {
    if (a < g.n) return `x[${a}]`;
    if (!g.opOf[a]) return literal(g.constants[a]);
    return chunkOf(a) === chunk ? `n${a}` : `v[${a}]`;
  };
  const chunks: string[][] = [];
  for (let i = g.n; i < g.size; i++) {
    const p = g.opOf[i];
    if (!p) continue;
    const c = chunkOf(i);
    (chunks[c] ??= []).push(`const n${i} = ${callSource(p, Array.from(g.arg.subarray(g.start[i], g.start[i + 1]), (a) => ref(a, c)))};`);
    if (shared[i]) chunks[c].push(`v[${i}] = n${i};`);
  }
  const outs = Array.from(g.outputs, (o, k) => `out[${k}] = ${o < g.n ? `x[${o}]` : g.opOf[o] ? `v[${o}]` : literal(g.constants[o])};`);
  const lines = [
    'const parts = [',
    ...chunks.filter(Boolean).flatMap((c, k) => [`function part${k}(x, v) {`, ...c, '},']),
    '];',
    // One scratch array per graph, reused by every call (allocating it costs more than a small graph's evaluation).
    `const v = new Float64Array(${g.size});`,
    `return function graph(x, out) {`,
    'for (let k = 0; k < parts.length; k++) parts[k](x, v);',
    ...outs,
    '};',
  ];
  return indent(lines);
}

const codes = new WeakMap<Plan, { pieces: PieceCode[]; ms: number }>();

/** The plan's pieces as code, built on first use; `compileMs` is this call's share. */
function codeOf(plan: Plan): { pieces: PieceCode[]; compileMs: number } {
  const hit = codes.get(plan);
  if (hit) return { pieces: hit.pieces, compileMs: 0 };
  const t0 = performance.now();
  const pieces = plan.pieces.map((p) => ({
    tests: build<GraphCode>(graphSource(p.testGraph)),
    values: build<GraphCode>(graphSource(p.graph)),
    testOut: new Float64Array(p.testGraph.outputs.length),
    out: new Float64Array(p.graph.outputs.length),
  }));
  const ms = performance.now() - t0;
  codes.set(plan, { pieces, ms });
  return { pieces, compileMs: ms };
}

/** `count` entries of a typed array from `from`, as a plain array (no subarray object). */
function slice(a: Float64Array, from: number, count: number): number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = a[from + i];
  return out;
}

/** f and its Jacobian at x by the generated code of the piece whose conditions hold there; the
 *  interpreter names the error where f itself is NaN. */
function jacobianOf(fn: Fn, at: Point, options: Options): Answer<number[][]> | string {
  const layout = layoutOf(fn, at);
  const plan = planFor(fn, layout, options);
  if (plan.pieces.some((p) => p.graph.bindings.length || p.testGraph.bindings.length)) return 'the derivative reads bound data';
  const { pieces, compileMs } = codeOf(plan);
  const x = flatten(layout, at);
  const k = plan.pieces.findIndex((p, i) => {
    if (p.tests.length === 0) return true;
    const v = pieces[i].testOut;
    pieces[i].tests(x, v);
    return p.tests.every((t, j) => HOLDS[t.op](v[2 * j], v[2 * j + 1]) === t.holds);
  });
  if (k < 0) {
    // No piece's conditions hold (a NaN compared): the interpreter says where.
    if (fn.program) interpret(fn.program, float, at as never, options);
    return 'no piece of the symbolic derivative holds at this point';
  }
  const out = pieces[k].out;
  pieces[k].values(x, out);
  const { m } = plan;
  for (let i = 0; i < m; i++) if (Number.isNaN(out[i]) && fn.program) interpret(fn.program, float, at as never, options);
  const n = layout.n;
  const J = Array.from({ length: m }, (_, i) => slice(out, m + i * n, n));
  const value = plan.vector ? slice(out, 0, m) : out[0];
  return { value, result: J, stats: { ...plan.stats, engine: 'compiled', compileMs } };
}

const hessianCodes = new WeakMap<Graph, { code: GraphCode; out: Float64Array }>();

/** f and its Hessian by the generated code of the Hessian's graph. */
function hessianOf(fn: Fn, at: Point, options: Options): Answer<number[][]> {
  const layout = layoutOf(fn, at);
  const { graph, stats } = hessianPlan(fn, layout, options);
  let hit = hessianCodes.get(graph);
  let compileMs = 0;
  if (!hit) {
    const t0 = performance.now();
    hit = { code: build<GraphCode>(graphSource(graph)), out: new Float64Array(graph.outputs.length) };
    compileMs = performance.now() - t0;
    hessianCodes.set(graph, hit);
  }
  hit.code(flatten(layout, at), hit.out);
  const n = layout.n;
  return { value: hit.out[0], result: Array.from({ length: n }, (_, i) => slice(hit.out, 1 + i * n, n)), stats: { ...stats, engine: 'compiled', compileMs } };
}

export const compiledSymbolic: CompiledVerbs = {
  hessian: (f, at, _, options) => hessianOf(f, at, options) as Answer<never>,
  hvp: (f, at, v: readonly number[], options) => {
    const r = hessianOf(f, at, options);
    requireLength(v, r.result.length, 'the direction');
    return { ...r, result: matVec(r.result, v) } as Answer<never>;
  },
  jacobian: (f, at, _, options) => jacobianOf(f, at, options) as Answer<never> | string,
  gradient: (f, at, _, options) => {
    const r = jacobianOf(f, at, options);
    if (typeof r === 'string') return r;
    requireScalar(r.value, 'a gradient');
    return { ...r, result: r.result[0] } as Answer<never>;
  },
  jvp: (f, at, v: readonly number[], options) => {
    const r = jacobianOf(f, at, options);
    if (typeof r === 'string') return r;
    requireLength(v, r.result[0]?.length ?? 0, 'the tangent');
    return { ...r, result: matVec(r.result, v) } as Answer<never>;
  },
  vjp: (f, at, w: readonly number[], options) => {
    const r = jacobianOf(f, at, options);
    if (typeof r === 'string') return r;
    requireLength(w, r.result.length, 'the cotangent');
    return { ...r, result: vecMat(w, r.result, r.result[0]?.length ?? 0) } as Answer<never>;
  },
};

// The fast path: a program traced once (when no branch depended on its inputs) as a flat graph
// in typed arrays, evaluated and swept forward or backward by tight loops, the per-op cases of
// which are generated from the primitive table's functions and rules.
import { callSource, FNS, literalValue } from '../compile/source';
import { EvalError } from '../errors';
import { arityRange, PRIMITIVES, type Primitive } from '../primitives';
import { partialSource, partialsOf, type Partials } from './codegen';
import type { Tape } from './tape';
import { wideBackward, wideForward } from './wide-sweep';

const OPS: readonly Primitive[] = [...PRIMITIVES.values()];
const CODE = new Map(OPS.map((p, i) => [p.name, i]));
const INPUT = -1;
const CONST = -2;
// Special case, fenced: sums and dot products, the bulk of a network's graph, are n-ary loops
// swept inline below (a rule for argument i cannot be written as one expression for every i).
// test/diff/graph.test.ts checks these loops against the rows' functions and partials.
const SUM = CODE.get('sum')!;
const DOT = CODE.get('dot')!;

export interface Graph {
  /** Inputs are nodes 0 … n-1. */
  readonly n: number;
  readonly size: number;
  /** Operation nodes (neither inputs nor constants). */
  readonly ops: number;
  /** Primitive index per node, or INPUT / CONST. */
  readonly code: Int32Array;
  /** Arguments of node i are arg[start[i]] … arg[start[i+1] - 1]. */
  readonly start: Int32Array;
  readonly arg: Int32Array;
  /** Constant nodes' values; the rest is scratch filled by `evaluate`. */
  readonly constants: Float64Array;
  /** Whether a node depends on an input (only those carry derivatives). */
  readonly active: Uint8Array;
  /** Per node, bit k set where argument k is active: the partials worth computing. */
  readonly mask: Int32Array;
  readonly outputs: Int32Array;
  /** Constant nodes that take element `index[k]` of the named data array, set by `bind`. */
  readonly bindings: readonly { readonly name: string; readonly index: Int32Array; readonly nodes: Int32Array }[];
  /** Bytes of the arrays above. */
  readonly bytes: number;
  readonly partials: readonly (Partials | null)[];
  /** Each node's primitive, null for inputs and constants. */
  readonly opOf: readonly (Primitive | null)[];
}

/** An argument of a graph node: an earlier node, a constant value, or element `index` of a data
 *  array bound by name before each evaluation (a placeholder for a training batch). */
export type Ref = { readonly node: number } | { readonly value: number } | { readonly data: string; readonly index: number };

export interface NodeSpec {
  readonly op: Primitive;
  readonly args: readonly Ref[];
}

/** A graph of n inputs (nodes 0 … n-1) and `nodes` in topological order; `outputs` refer to
 *  inputs, nodes (as n + index) or constants. */
export function buildGraph(n: number, nodes: readonly NodeSpec[], outputs: readonly Ref[]): Graph {
  const constIndex = new Map<number, number>();
  const codes: number[] = Array(n).fill(INPUT);
  const values: number[] = Array(n).fill(0);
  const args: number[] = [];
  const starts: number[] = Array(n + 1).fill(0);
  const nodeOf: number[] = Array.from({ length: n }, (_, j) => j);
  const bound = new Map<string, Map<number, number>>();
  const resolve = (r: Ref): number => {
    if ('node' in r) return nodeOf[r.node];
    if ('data' in r) {
      const slots = bound.get(r.data) ?? new Map<number, number>();
      bound.set(r.data, slots);
      let node = slots.get(r.index);
      if (node === undefined) {
        node = codes.length;
        codes.push(CONST);
        values.push(NaN);
        starts.push(args.length);
        slots.set(r.index, node);
      }
      return node;
    }
    let node = constIndex.get(r.value);
    if (node === undefined || !Object.is(values[node], r.value)) {
      node = codes.length;
      codes.push(CONST);
      values.push(r.value);
      starts.push(args.length);
      constIndex.set(r.value, node);
    }
    return node;
  };
  for (const spec of nodes) {
    const refs = spec.args.map(resolve);
    nodeOf.push(codes.length);
    codes.push(CODE.get(spec.op.name)!);
    values.push(0);
    for (const r of refs) args.push(r);
    starts.push(args.length);
  }
  const outs = outputs.map(resolve);
  const size = codes.length;
  const start = Int32Array.from(starts);
  const code = Int32Array.from(codes);
  const arg = Int32Array.from(args);
  const active = new Uint8Array(size);
  const mask = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    if (code[i] === INPUT) active[i] = 1;
    for (let k = start[i]; k < start[i + 1]; k++) {
      if (!active[arg[k]]) continue;
      active[i] = 1;
      if (k - start[i] < 31) mask[i] |= 1 << (k - start[i]);
    }
    if (code[i] === DOT) mask[i] = dotHalves(active, arg, start[i], start[i + 1]);
  }
  // Sums and dot products are swept inline below (the fenced special case).
  const partials = Array.from(code, (c, i) => (c >= 0 && c !== SUM && c !== DOT ? partialsOf(OPS[c], start[i + 1] - start[i]) : null));
  return {
    n,
    size,
    ops: nodes.length,
    code,
    start,
    arg,
    constants: Float64Array.from(values),
    active,
    mask,
    outputs: Int32Array.from(outs),
    bindings: [...bound].map(([name, slots]) => ({ name, index: Int32Array.from(slots.keys()), nodes: Int32Array.from(slots.values()) })),
    bytes: code.byteLength + start.byteLength + arg.byteLength + values.length * 8 + active.byteLength,
    partials,
    opOf: Array.from(code, (c) => (c >= 0 ? OPS[c] : null)),
  };
}

/** The graph of a float tape; `outputs` are the tape's results (id -1 with a value for constants). */
export function graphOf(tape: Tape<number>, outputs: readonly { id: number; v: number }[]): Graph {
  const ref = (id: number, v: number): Ref => (id < 0 ? { value: v } : { node: id });
  const nodes = tape.entries.map((e) => ({ op: e.op, args: e.ids.map((id, i) => ref(id, e.args[i])) }));
  return buildGraph(tape.n, nodes, outputs.map((o) => ref(o.id, o.v)));
}

/** Copies the current data arrays into the graph's placeholder nodes. */
export function bind(g: Graph, data: ReadonlyMap<string, Float64Array>): void {
  for (const b of g.bindings) {
    const values = data.get(b.name);
    if (!values) throw new EvalError('missing-input', `no data bound for '${b.name}'`);
    for (let k = 0; k < b.nodes.length; k++) g.constants[b.nodes[k]] = values[b.index[k]];
  }
}

const scratch = new WeakMap<Graph, { values: Float64Array; adjoints: Float64Array }>();

/** Reusable per-graph arrays for node values and adjoints, so a replayed sweep allocates nothing.
 *  Their contents last until the next sweep of the same graph. */
export function buffers(g: Graph): { values: Float64Array; adjoints: Float64Array } {
  let b = scratch.get(g);
  if (!b) {
    b = { values: new Float64Array(g.size), adjoints: new Float64Array(g.size) };
    scratch.set(g, b);
  }
  return b;
}

/** Every node's value at x (index by node), into `v`. */
export function evaluate(g: Graph, x: ArrayLike<number>, v: Float64Array = new Float64Array(g.size)): Float64Array {
  return (generated ??= generateSweeps()).evaluate(g, x, v, OPS);
}

/** A fixed-arity op's argument counts: one, or each count in [min, max]. */
function counts(p: Primitive): number[] {
  const [lo, hi] = arityRange(p);
  return hi === Infinity ? [] : Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
}

/** `body(n)` for each argument count of `p`, chosen at run time by the node's count. */
function byCount(p: Primitive, body: (n: number) => string): string {
  const ns = counts(p);
  if (ns.length === 1) return body(ns[0]);
  return ns.map((n) => `if (e - s === ${n}) {\n${body(n)}\n} else `).join('') + '{}';
}

/** The graph's evaluation and reverse sweep as JavaScript generated from the table: each op's
 *  case calls its row's function (or the inline form the compiler uses for the hot few) and
 *  accumulates adjoints by the row's own partial rules. */
function generateSweeps(): Sweeps {
  try {
    return { evaluate: generateEvaluate(), backward: generateBackward() };
  } catch (err) {
    // Special case: a Content-Security-Policy without 'unsafe-eval' makes `new Function` throw an
    // EvalError; the sweeps then read the rows directly, slower but the same numbers.
    if (!(err instanceof globalThis.EvalError)) throw err;
    return { evaluate: interpretedEvaluate, backward: interpretedBackward };
  }
}

function generateEvaluate(): Sweeps['evaluate'] {
  const cases = OPS.map((p, c) => {
    if (c === SUM || c === DOT || counts(p).length === 0) return '';
    const value = byCount(p, (n) => `v[i] = ${callSource(p, Array.from({ length: n }, (_, k) => `v[arg[s + ${k}]]`))};`);
    return `case ${c}: { const e = start[i + 1]; ${value} break; }`;
  });
  const source = `return function evaluate(g, x, v, OPS) {
  const { code, start, arg, constants } = g;
  const scratch = [];
  for (let i = 0; i < g.size; i++) {
    const s = start[i];
    switch (code[i]) {
      case ${INPUT}: v[i] = x[i]; break;
      case ${CONST}: v[i] = constants[i]; break;
      ${cases.filter(Boolean).join('\n      ')}
      case ${SUM}: v[i] = sumAt(v, arg, s, start[i + 1]); break;
      case ${DOT}: v[i] = dotAt(v, arg, s, start[i + 1]); break;
      default: v[i] = gathered(OPS[code[i]], v, arg, s, start[i + 1], scratch);
    }
  }
  return v;
};`;
  return new Function('F', 'sumAt', 'dotAt', 'gathered', source)(FNS, sumAt, dotAt, gathered) as Sweeps['evaluate'];
}

/** Fenced: Σ over a node's arguments, from 0 in argument order as the row's function adds. */
function sumAt(v: Float64Array, arg: Int32Array, s: number, e: number): number {
  let acc = 0;
  for (let k = s; k < e; k++) acc += v[arg[k]];
  return acc;
}

/** Fenced: Σ aᵢbᵢ over the two halves of a node's arguments, as the row's function; NaN for an
 *  odd count. */
function dotAt(v: Float64Array, arg: Int32Array, s: number, e: number): number {
  const half = (e - s) >> 1;
  let acc = 0;
  for (let k = s; k < s + half; k++) acc += v[arg[k]] * v[arg[k + half]];
  return (e - s) % 2 === 0 ? acc : NaN;
}

/** An n-ary op's value through its row, its arguments gathered into one array. */
function gathered(p: Primitive, v: Float64Array, arg: Int32Array, s: number, e: number, scratch: number[]): number {
  const n = e - s;
  if (n === 1) return p.fn(v[arg[s]]);
  if (n === 2) return p.fn(v[arg[s]], v[arg[s + 1]]);
  scratch.length = 0;
  for (let k = s; k < e; k++) scratch.push(v[arg[k]]);
  return p.apply(scratch);
}

function interpretedEvaluate(g: Graph, x: ArrayLike<number>, v: Float64Array, ops: readonly Primitive[]): Float64Array {
  const { code, start, arg, constants } = g;
  const scratch: number[] = [];
  for (let i = 0; i < g.size; i++) {
    const c = code[i];
    const s = start[i];
    if (c === INPUT) v[i] = x[i];
    else if (c === CONST) v[i] = constants[i];
    else if (c === SUM) v[i] = sumAt(v, arg, s, start[i + 1]);
    else if (c === DOT) v[i] = dotAt(v, arg, s, start[i + 1]);
    else v[i] = gathered(ops[c], v, arg, s, start[i + 1], scratch);
  }
  return v;
}

interface Sweeps {
  evaluate(g: Graph, x: ArrayLike<number>, v: Float64Array, ops: readonly Primitive[]): Float64Array;
  /** Accumulates adjoints into `adj` (seeded); says whether float64 may have lost a product. */
  backward(g: Graph, v: Float64Array, adj: Float64Array, helpers: BackwardHelpers): boolean;
}

interface BackwardHelpers {
  readonly dotBackward: typeof dotBackward;
  readonly generic: typeof genericBackward;
  readonly allFinite: typeof allFinite;
}

let generated: Sweeps | undefined;

// Scratch for one node's partials (sweeps are never re-entered).
const p = new Float64Array(64);

/** For a dot product, which half carries derivatives: the first (weights), the second, or a mix
 *  that the sweeps test element by element. */
const FIRST_HALF = 1;
const SECOND_HALF = 2;
const BOTH_HALVES = 3;
const MIXED = 4;

function dotHalves(active: Uint8Array, arg: Int32Array, s: number, e: number): number {
  const half = (e - s) >> 1;
  let first = 0;
  let second = 0;
  for (let k = s; k < s + half; k++) {
    first += active[arg[k]];
    second += active[arg[k + half]];
  }
  if (first === half && second === 0) return FIRST_HALF;
  if (second === half && first === 0) return SECOND_HALF;
  if (first === half && second === half) return BOTH_HALVES;
  return MIXED;
}

function allFinite(values: ArrayLike<number>, from = 0, to = values.length): boolean {
  for (let i = from; i < to; i++) if (values[i] - values[i] !== 0) return false;
  return true;
}

/** Reverse sweep: adjoints of every node for output cotangents `seed` (one per output).
 *  Where float64 may have lost a product (an infinite partial, a non-finite input adjoint), the
 *  sweep is done again in wide floats: see wide-sweep.ts. */
export function backward(g: Graph, v: Float64Array, seed: ArrayLike<number>, adj = buffers(g).adjoints): Float64Array {
  adj.fill(0);
  for (let o = 0; o < g.outputs.length; o++) adj[g.outputs[o]] += seed[o];
  const lost = (generated ??= generateSweeps()).backward(g, v, adj, HELPERS);
  if (lost || !allFinite(adj, 0, g.n)) adj.set(wideBackward(g, v, seed));
  return adj;
}

// A node with a zero adjoint is skipped: it adds 0·∂ = 0, unless a partial is infinite, where
// 0·∞ is NaN (or, for an underflowed adjoint, a finite number float64 cannot see). A partial the
// rule makes a constant (add's 1, subtract's -1) never is; the others are computed and looked at.

/** The reverse-sweep case of a fixed-arity op with `n` arguments, from its rules. */
function backwardCase(p: Primitive, n: number): string {
  const d = Array.from({ length: n }, (_, k) => partialSource(p, n, k));
  const constant = d.every((x) => {
    const c = literalValue(x);
    return c !== undefined && Number.isFinite(c);
  });
  // Only the values a rule reads are loaded.
  const text = d.join(' ');
  const reads = [...Array.from({ length: n }, (_, k) => [`x${k}`, `v[arg[s + ${k}]]`]), ['out', 'v[i]']]
    .filter(([name]) => new RegExp(`\\b${name}\\b`).test(text))
    .map(([name, from]) => `const ${name} = ${from};`)
    .join(' ');
  const bit = (k: number) => `(m & ${1 << k}) !== 0`;
  // A literal or an argument costs nothing to apply: into an inactive argument it adds to an
  // adjoint nothing reads. Other rules run only for the arguments that carry a derivative.
  const cheap = (x: string) => literalValue(x) !== undefined || /^x\d+$/.test(x);
  const zero = constant
    ? 'continue;'
    : `if (!lost) { ${reads} lost = ${d.map((x, k) => `(${bit(k)} && !Number.isFinite(${x}))`).join(' || ')}; } continue;`;
  const terms = d
    .map((x, k) => {
      const add = `adj[arg[s + ${k}]] += ${x === '1' ? 'gi' : `gi * ${x}`};`;
      return cheap(x) ? add : `if (${bit(k)}) ${add}`;
    })
    .join(' ');
  return `if (gi === 0) { ${zero} } ${reads} ${terms}`;
}

function generateBackward(): Sweeps['backward'] {
  const cases = OPS.map((p, c) => {
    if (c === SUM || c === DOT || counts(p).length === 0) return '';
    return `case ${c}: { ${byCount(p, (n) => backwardCase(p, n))} break; }`;
  });
  const source = `return function backward(g, v, adj, H) {
  const { code, start, arg, active, mask } = g;
  let lost = false;
  let valuesFinite;
  for (let i = g.size - 1; i >= g.n; i--) {
    const gi = adj[i];
    if (!active[i]) continue;
    const s = start[i];
    const e = start[i + 1];
    const m = mask[i];
    switch (code[i]) {
      ${cases.filter(Boolean).join('\n      ')}
      case ${SUM}:
        if (gi !== 0) for (let k = s; k < e; k++) adj[arg[k]] += gi;
        break;
      case ${DOT}:
        if (gi !== 0) H.dotBackward(v, adj, arg, active, s, e, m, gi);
        else if (!lost) lost = !(valuesFinite ??= H.allFinite(v));
        break;
      default:
        lost = H.generic(g, v, adj, i, gi, lost);
    }
  }
  return lost;
};`;
  return new Function('F', source)(FNS) as Sweeps['backward'];
}

/** Fenced: a dot product's adjoints, gi·bᵢ into aᵢ and gi·aᵢ into bᵢ, the row's partials, by
 *  which halves carry derivatives. */
function dotBackward(v: Float64Array, adj: Float64Array, arg: Int32Array, active: Uint8Array, s: number, e: number, halves: number, gi: number): void {
  const half = (e - s) >> 1;
  if (halves === FIRST_HALF) for (let k = s; k < s + half; k++) adj[arg[k]] += gi * v[arg[k + half]];
  else if (halves === SECOND_HALF) for (let k = s; k < s + half; k++) adj[arg[k + half]] += gi * v[arg[k]];
  else if (halves === BOTH_HALVES) {
    for (let k = s; k < s + half; k++) {
      const a = arg[k];
      const b = arg[k + half];
      adj[a] += gi * v[b];
      adj[b] += gi * v[a];
    }
  } else {
    for (let k = s; k < s + half; k++) {
      const a = arg[k];
      const b = arg[k + half];
      if (active[a]) adj[a] += gi * v[b];
      if (active[b]) adj[b] += gi * v[a];
    }
  }
}

/** Any other node: its partials by `g.partials` (generated per argument count, or the rules
 *  interpreted), accumulated; returns whether a product may now be lost. */
function genericBackward(g: Graph, v: Float64Array, adj: Float64Array, i: number, gi: number, lost: boolean): boolean {
  if (gi === 0 && lost) return true;
  const { start, arg, active, mask } = g;
  const s = start[i];
  const e = start[i + 1];
  const into = e - s <= 64 ? p : new Float64Array(e - s);
  g.partials[i]!(v, arg, s, e - s, v[i], into, mask[i]);
  if (gi === 0) {
    for (let k = s; k < e && !lost; k++) lost = active[arg[k]] === 1 && !Number.isFinite(into[k - s]);
    return lost;
  }
  for (let k = s; k < e; k++) if (active[arg[k]]) adj[arg[k]] += gi * into[k - s];
  return lost;
}

const HELPERS: BackwardHelpers = { dotBackward, generic: genericBackward, allFinite };

function interpretedBackward(g: Graph, v: Float64Array, adj: Float64Array): boolean {
  const { code, start, arg, active, mask } = g;
  let lost = false;
  let valuesFinite: boolean | undefined;
  for (let i = g.size - 1; i >= g.n; i--) {
    const gi = adj[i];
    if (!active[i]) continue;
    const s = start[i];
    const e = start[i + 1];
    if (code[i] === SUM) {
      if (gi !== 0) for (let k = s; k < e; k++) adj[arg[k]] += gi;
    } else if (code[i] === DOT) {
      if (gi !== 0) dotBackward(v, adj, arg, active, s, e, mask[i], gi);
      else if (!lost) lost = !(valuesFinite ??= allFinite(v));
    } else lost = genericBackward(g, v, adj, i, gi, lost);
  }
  return lost;
}

/** Forward sweep with `width` tangents per node: `seed(j, t)` gives input j's tangents. Where an
 *  output tangent is not finite, float64 may have lost a product (an infinite partial times a lane
 *  no input moves, or times an underflowed tangent), and the sweep is done again in wide floats. */
export function forward(g: Graph, v: Float64Array, width: number, seed: (j: number, t: Float64Array) => void): Float64Array {
  const T = new Float64Array(g.size * width);
  for (let j = 0; j < g.n; j++) seed(j, T.subarray(j * width, (j + 1) * width));
  const { code, start, arg, active, mask, partials } = g;
  for (let i = g.n; i < g.size; i++) {
    if (!active[i]) continue;
    const s = start[i];
    const e = start[i + 1];
    const ti = i * width;
    if (code[i] === SUM) {
      for (let k = s; k < e; k++) {
        const ta = arg[k] * width;
        for (let c = 0; c < width; c++) T[ti + c] += T[ta + c];
      }
      continue;
    }
    if (code[i] === DOT) {
      const half = (e - s) >> 1;
      for (let k = s; k < s + half; k++) {
        const a = arg[k];
        const b = arg[k + half];
        if (active[a]) for (let c = 0, va = v[b], ta = a * width; c < width; c++) T[ti + c] += va * T[ta + c];
        if (active[b]) for (let c = 0, vb = v[a], tb = b * width; c < width; c++) T[ti + c] += vb * T[tb + c];
      }
      continue;
    }
    const into = e - s <= 64 ? p : new Float64Array(e - s);
    partials[i]!(v, arg, s, e - s, v[i], into, mask[i]);
    for (let k = s; k < e; k++) {
      if (!active[arg[k]]) continue;
      const pk = into[k - s];
      const ta = arg[k] * width;
      for (let c = 0; c < width; c++) T[ti + c] += pk * T[ta + c];
    }
  }
  // A tangent that is NaN or infinite anywhere stays so downstream, so the outputs tell.
  if (!g.outputs.every((o) => allFinite(T, o * width, (o + 1) * width))) return wideForward(g, v, width, seed);
  return T;
}

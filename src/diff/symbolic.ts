// Symbolic differentiation: the program run on symbols gives one expression per path through its
// `if`s (a piecewise function), the chain rule gives exact derivative expressions, the simplifier
// shortens them, and they compile to a graph for fast evaluation.
import type { CompareOp, Cond, Expr, Program } from '../ast';
import * as ast from '../ast';
import { EvalError, UnsupportedError, UsageError } from '../errors';
import { parseExpression } from '../parse/parse';
import { simplifyAll } from '../symbolic/simplify';
import { derive, gradientOf, sizes } from './chain';
import { fromJacobian, hvpFromHessian, requireScalar } from './common';
import { Builder, Fork, SymbolicDomain } from './expr';
import { compile, flatten, layoutOf, seedInputs, type CompileOptions, type Fn, type FnLike, type Layout, type Point } from './fn';
import { bind, buffers, evaluate, type Graph } from './graph';
import { compileExprs } from './lower';
import { interpret } from '../interpret/interpret';
import { float } from '../interpret/domain';
import { outputsOf } from './trace';
import type { Answer, Differentiator, Options, Stats } from './types';

/** Paths explored through input-dependent `if`s before giving up. */
export const MAX_PIECES = 64;
/** Derivative DAGs larger than this are compiled unsimplified: simplifying costs more per node
 *  than compiling, and a DAG that large is read by no one. */
const SIMPLIFY_NODES = 20_000;
/** Inputs of an expression-built function (a network's parameters) that symbolic derives. */
export const MAX_BUILT_INPUTS = 20_000;

interface Condition {
  readonly op: CompareOp;
  readonly holds: boolean;
}

/** One path through the program: where it holds, and what f is there. */
export interface Piece {
  readonly conditions: readonly (Condition & { a: Expr; b: Expr })[];
  readonly outputs: readonly Expr[];
}

/** Runs f on symbols along every path of its input-dependent `if`s. */
export function piecesOf(fn: Fn, layout: Layout, S: SymbolicDomain, leaves: readonly Expr[], maxIterations?: number): { pieces: Piece[]; vector: boolean } {
  const program = fn.program;
  if (!program) throw new UnsupportedError('this function was built as expressions: it has no program to run on symbols', undefined, 'expression');
  // A derivative is kept per layout, so a batch bound from Fn.data would be baked into it.
  if ([...fn.data.keys()].some((n) => !fn.inputs.includes(n))) {
    throw new UnsupportedError(`symbolic differentiation does not take a program reading data (${[...fn.data.keys()].join(', ')}) from Fn.data; the network's loss has an expression form for it (lossFunction)`, undefined, 'data');
  }
  const pieces: Piece[] = [];
  const pending: boolean[][] = [[]];
  let vector = false;
  while (pending.length) {
    const decisions = pending.pop()!;
    S.decisions = decisions;
    S.path.length = 0;
    try {
      const out = interpret(program, S, seedInputs(layout, (j) => leaves[j]), { maxIterations });
      const o = outputsOf(out);
      vector = o.vector;
      pieces.push({ conditions: S.path.map(({ op, a, b, holds }) => ({ op, a, b, holds })), outputs: o.outs });
    } catch (err) {
      if (!(err instanceof Fork)) throw err;
      if (pieces.length + pending.length + 2 > MAX_PIECES) {
        const site = S.path[S.path.length - 1]?.site;
        throw new UnsupportedError(`symbolic differentiation gives up after ${MAX_PIECES} paths through input-dependent branches`, site?.span, 'if');
      }
      pending.push([...decisions, false], [...decisions, true]);
    }
  }
  return { pieces, vector };
}

/** The leaf symbols of a layout: `x` for a scalar input, `v[k]` for vector elements. */
function leavesOf(layout: Layout, B: Builder): Expr[] {
  const leaves: Expr[] = [];
  for (const e of layout.entries) {
    if (e.size === null) leaves.push(B.leaf(ast.variable(e.name) as never));
    else for (let k = 1; k <= e.size; k++) leaves.push(B.leaf(ast.index(e.name, ast.num(k)) as never));
  }
  return leaves;
}

/**
 * Derivative expressions simplified together, as one DAG (what they share is simplified once and
 * stays shared: the n partials of max(v) read one running maximum), within the simplifier's
 * budget, and interned. Past SIMPLIFY_NODES they are left as the chain rule built them.
 */
function tidy(B: Builder, roots: readonly Expr[]): { exprs: Expr[]; complete: boolean } {
  if (sizes(roots).dagNodes > SIMPLIFY_NODES) return { exprs: [...roots], complete: false };
  const s = simplifyAll(roots);
  return { exprs: B.adoptAll(s.exprs), complete: s.complete };
}

/** `rows` (an array of arrays) with its leaves replaced, in order, by `flat`. */
function reshape<T>(rows: readonly (readonly T[])[], flat: readonly T[]): T[][] {
  let k = 0;
  return rows.map((row) => row.map(() => flat[k++]));
}

export interface CompiledPiece {
  readonly tests: readonly Condition[];
  /** Outputs: the comparison operands a₁, b₁, a₂, b₂, … */
  readonly testGraph: Graph;
  /** Outputs: f, then the Jacobian row by row (m × n). */
  readonly graph: Graph;
}

export interface Plan {
  readonly layout: Layout;
  readonly pieces: readonly CompiledPiece[];
  readonly vector: boolean;
  readonly m: number;
  readonly stats: Stats;
  readonly jacobian: Expr[][][];
}

/** The pieces of f on symbols: from running its program, or as built. */
function symbolsOf(fn: Fn, layout: Layout, options: Options) {
  if (fn.built) {
    // Interned anew, so that leaves the simplifier rebuilds are the same objects as these.
    const S = new SymbolicDomain();
    const B = S.builder;
    const { outputs, leaves, data, vector } = fn.built;
    if (leaves.length > MAX_BUILT_INPUTS) {
      throw new UnsupportedError(
        `symbolic differentiation of a function of ${leaves.length.toLocaleString('en-US')} inputs would build an expression per input; gradlab derives up to ${MAX_BUILT_INPUTS.toLocaleString('en-US')}`,
        undefined,
        'size',
      );
    }
    return {
      S,
      leaves: leaves.map((l) => B.adopt(l)),
      pieces: [{ conditions: [], outputs: outputs.map((o) => B.adopt(o)) }] as Piece[],
      vector,
      data: data.map((d) => ({ name: d.name, leaves: d.leaves.map((l) => B.adopt(l)) })),
    };
  }
  const S = new SymbolicDomain();
  const leaves = leavesOf(layout, S.builder);
  return { S, leaves, ...piecesOf(fn, layout, S, leaves, options.maxIterations), data: [] };
}

export function planFor(fn: Fn, layout: Layout, options: Options): Plan {
  const key = `symbolic:${layout.key}`;
  const cached = fn.cache.get(key) as Plan | undefined;
  if (cached) return cached;
  const { S, leaves, pieces, vector, data } = symbolsOf(fn, layout, options);
  const B = S.builder;
  const raw = pieces.map((p) => p.outputs.map((out) => gradientOf(S, out, leaves)));
  const t = tidy(B, raw.flat(2));
  let k = 0;
  const tidied = raw.map((rows) => reshape(rows, t.exprs.slice(k, (k += rows.length * leaves.length))));
  // The simplifier never returns a larger DAG; counted here by compiled nodes, it is checked.
  const shrank = sizes(tidied.flat(2)).dagNodes <= sizes(raw.flat(2)).dagNodes;
  const jacobian = shrank ? tidied : raw;
  const complete = t.complete && shrank;
  const roots = jacobian.flat(2);
  const { treeNodes, dagNodes } = sizes(roots);
  const compiled = pieces.map((p, k) => ({
    tests: p.conditions.map(({ op, holds }) => ({ op, holds })),
    testGraph: compileExprs(p.conditions.flatMap((c) => [c.a, c.b]), leaves, data),
    graph: compileExprs([...p.outputs, ...jacobian[k].flat()], leaves, data),
  }));
  const plan: Plan = { layout, pieces: compiled, vector, m: pieces[0].outputs.length, stats: { treeNodes, dagNodes, simplified: complete }, jacobian };
  fn.cache.set(key, plan);
  return plan;
}

export const HOLDS: Record<CompareOp, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** f and its Jacobian at x, from the piece whose conditions hold there. */
function jacobianOf(fn: Fn, at: Point, options: Options): Answer<number[][]> {
  const layout = layoutOf(fn, at);
  const plan = planFor(fn, layout, options);
  const x = flatten(layout, at);
  const piece = plan.pieces.find((p) => {
    bind(p.testGraph, fn.data);
    const v = evaluate(p.testGraph, x);
    return p.tests.every((t, i) => HOLDS[t.op](v[p.testGraph.outputs[2 * i]], v[p.testGraph.outputs[2 * i + 1]]) === t.holds);
  })!;
  bind(piece.graph, fn.data);
  const v = evaluate(piece.graph, x, buffers(piece.graph).values);
  const out = Array.from(piece.graph.outputs, (o) => v[o]);
  if (out.slice(0, plan.m).some(Number.isNaN) && fn.program) interpret(fn.program, float, at as never, options);
  const { m } = plan;
  const n = layout.n;
  const J = Array.from({ length: m }, (_, i) => out.slice(m + i * n, m + (i + 1) * n));
  return { value: plan.vector ? out.slice(0, m) : out[0], result: J, stats: plan.stats };
}

export interface Derivative {
  /** The simplified derivative (for a program with input-dependent ifs, one per piece). */
  readonly pieces: readonly { readonly when: readonly Cond[]; readonly expr: Expr }[];
  /** Tree and DAG sizes of the derivative expressions together. */
  readonly treeNodes: number;
  readonly dagNodes: number;
  /** Whether the simplifier finished within its budget. */
  readonly complete: boolean;
}

/** d/d`wrt` of an expression or a program with scalar inputs, simplified. */
export function differentiate(source: Expr | Program, wrt: string): Derivative {
  const program = source.kind === 'program' ? source : ast.program([{ kind: 'expr', value: source, span: source.span }]);
  const fn = compile(program);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(wrt)) throw new UsageError(`cannot differentiate with respect to '${wrt}': not a variable name`);
  const layout = layoutOf(fn, Object.fromEntries(fn.inputs.map((name) => [name, 0])));
  const S = new SymbolicDomain();
  const leaves = leavesOf(layout, S.builder);
  const { pieces, vector } = piecesOf(fn, layout, S, leaves);
  if (vector) throw new EvalError('shape', 'derivative needs a function with one output; use jacobian');
  // A variable the function does not read is a leaf nothing depends on: its partial is 0.
  const at = fn.inputs.includes(wrt) ? leaves[fn.inputs.indexOf(wrt)] : S.builder.leaf(ast.variable(wrt) as never);
  const t = tidy(S.builder, pieces.map((p) => derive(S, p.outputs[0], at)));
  const out = pieces.map((p, k) => ({ when: p.conditions.map(({ op, a, b, holds }) => (holds ? ast.compare(op, a, b) : ast.not(ast.compare(op, a, b)))), expr: t.exprs[k] }));
  return { pieces: out, complete: t.complete, ...sizes(out.map((p) => p.expr)) };
}

/** The simplified symbolic derivative of an expression (text or AST), as an AST. */
export function derivative(expr: string | Expr | FnLike, wrt: string, options: CompileOptions = {}): Expr {
  const e = typeof expr === 'string' ? parseExpression(expr) : typeof expr === 'function' || expr.kind === 'fn' ? programOf(compile(expr, options)) : expr;
  const d = differentiate(e, wrt);
  return d.pieces[0].expr;
}

function programOf(fn: Fn): Program {
  if (!fn.program) throw new UnsupportedError('this function was built as expressions: it has no program to derive', undefined, 'expression');
  return fn.program;
}

/** The Hessian as one graph (f, then H row by row), derived once per layout. */
export function hessianPlan(fn: Fn, layout: Layout, options: Options): { graph: Graph; stats: Stats } {
  const key = `symbolic-hessian:${layout.key}`;
  const S = new SymbolicDomain();
  let cached = fn.cache.get(key) as { graph: Graph; stats: Stats } | undefined;
  if (!cached) {
    const leaves = leavesOf(layout, S.builder);
    const { pieces, vector } = piecesOf(fn, layout, S, leaves, options.maxIterations);
    if (pieces.length > 1) throw new UnsupportedError('the symbolic Hessian of a piecewise function is not supported; use forward or reverse', undefined, 'if');
    if (vector) requireScalar(pieces[0].outputs.map(() => 0), 'a Hessian');
    const raw = gradientOf(S, pieces[0].outputs[0], leaves).map((g) => gradientOf(S, g, leaves));
    const H = reshape(raw, tidy(S.builder, raw.flat()).exprs);
    const roots = [pieces[0].outputs[0], ...H.flat()];
    const { treeNodes, dagNodes } = sizes(roots);
    cached = { graph: compileExprs(roots, leaves), stats: { treeNodes, dagNodes } };
    fn.cache.set(key, cached);
  }
  return cached;
}

function hessianOf(fn: Fn, at: Point, options: Options): Answer<number[][]> {
  const layout = layoutOf(fn, at);
  const cached = hessianPlan(fn, layout, options);
  const v = evaluate(cached.graph, flatten(layout, at));
  const out = Array.from(cached.graph.outputs, (o) => v[o]);
  const n = layout.n;
  return { value: out[0], result: Array.from({ length: n }, (_, i) => out.slice(1 + i * n, 1 + (i + 1) * n)), stats: cached.stats };
}

export const symbolic: Differentiator = {
  name: 'symbolic',
  description: 'the chain rule over expressions, simplified and compiled; programs unrolled, ifs as pieces',
  ...fromJacobian(jacobianOf),
  hessian: (f, at, options = {}) => hessianOf(f, at, options),
  hvp: hvpFromHessian(hessianOf),
};

// The chain rule over an interned expression DAG, without recursion: forward for one variable,
// and reverse accumulation for a whole gradient in one pass (the adjoints share subexpressions).
import type { Expr } from '../ast';
import { partials, primitive, type Algebra } from '../primitives';
import type { SymbolicDomain } from './expr';
import { constantValue } from '../symbolic/zeros';

type Call = Extract<Expr, { kind: 'call' }>;

/** ∂e/∂(argument i) for the arguments that carry a derivative, from the primitive table, all at
 *  once: an extremum's n one-hot partials share one running extremum (linear in n together,
 *  quadratic asked one by one). */
function partialsOf(S: SymbolicDomain, A: Algebra<Expr>, e: Call, active: ReadonlySet<Expr>): (Expr | undefined)[] {
  return partials(primitive(e.op), readable(S, A), e.args, e, (i) => active.has(e.args[i]));
}

const spelled = new WeakMap<Algebra<Expr>, Algebra<Expr>>();

/**
 * The rules' algebra with the masked product `xlogy(x, y)` (pow's slope in the exponent, x^b·log x;
 * nthRoot's in n) written as x·log(y), the form a reader expects (SymPy's), and as 0 where y is a
 * literal 0 (0^b is 0 wherever b > 0, so its slope in b is 0). The two differ only where x = y = 0
 * at run time: there this form is 0·(-Infinity), a typed domain error, not the row's 0.
 */
function readable(S: SymbolicDomain, A: Algebra<Expr>): Algebra<Expr> {
  let B = spelled.get(A);
  if (B) return B;
  B = {
    lift: (c) => A.lift(c),
    add: (a, b) => A.add(a, b),
    sub: (a, b) => A.sub(a, b),
    mul: (a, b) => A.mul(a, b),
    div: (a, b) => A.div(a, b),
    neg: (a) => A.neg(a),
    pow: (a, b) => A.pow(a, b),
    call: (op, ...args) => {
      if (op !== 'xlogy') return A.call(op, ...args);
      const [x, y] = args;
      return constantValue(y, new Map()) === 0 ? S.constant(0) : A.mul(x, A.call('log', y));
    },
  };
  spelled.set(A, B);
  return B;
}

/** Nodes reachable from `roots`, each after its arguments. */
export function topological(roots: readonly Expr[]): Expr[] {
  const order: Expr[] = [];
  const seen = new Set<Expr>();
  const stack: [Expr, boolean][] = roots.map((r) => [r, false]);
  while (stack.length) {
    const [e, expanded] = stack.pop()!;
    if (expanded) {
      order.push(e);
      continue;
    }
    if (seen.has(e)) continue;
    seen.add(e);
    stack.push([e, true]);
    if (e.kind === 'call') for (let i = e.args.length - 1; i >= 0; i--) if (!seen.has(e.args[i])) stack.push([e.args[i], false]);
  }
  return order;
}

/** Which nodes depend on one of `leaves` (only those carry derivatives). */
function activeSet(order: readonly Expr[], leaves: ReadonlySet<Expr>): Set<Expr> {
  const active = new Set<Expr>();
  for (const e of order) {
    if (leaves.has(e) || (e.kind === 'call' && e.args.some((a) => active.has(a)))) active.add(e);
  }
  return active;
}

/** d root / d wrt, by the forward chain rule over the DAG. */
export function derive(S: SymbolicDomain, root: Expr, wrt: Expr): Expr {
  const A = S.algebra();
  const order = topological([root]);
  const active = activeSet(order, new Set([wrt]));
  const d = new Map<Expr, Expr>([[wrt, S.constant(1)]]);
  for (const e of order) {
    if (e === wrt || !active.has(e) || e.kind !== 'call') continue;
    let sum: Expr | null = null;
    const p = partialsOf(S, A, e, active);
    e.args.forEach((a, i) => {
      const da = d.get(a);
      if (!da || !active.has(a)) return;
      const term = A.mul(p[i]!, da);
      sum = sum ? A.add(sum, term) : term;
    });
    if (sum) d.set(e, sum);
  }
  return d.get(root) ?? S.constant(0);
}

/** ∂root/∂leaf for every leaf, by accumulating adjoints backwards through the DAG once. */
export function gradientOf(S: SymbolicDomain, root: Expr, leaves: readonly Expr[]): Expr[] {
  const A = S.algebra();
  const order = topological([root]);
  const leafSet = new Set(leaves);
  const active = activeSet(order, leafSet);
  const adj = new Map<Expr, Expr>();
  if (active.has(root)) adj.set(root, S.constant(1));
  for (let k = order.length - 1; k >= 0; k--) {
    const e = order[k];
    const g = adj.get(e);
    if (!g || e.kind !== 'call' || leafSet.has(e)) continue;
    const p = partialsOf(S, A, e, active);
    e.args.forEach((a, i) => {
      if (!active.has(a)) return;
      const term = A.mul(g, p[i]!);
      const prev = adj.get(a);
      adj.set(a, prev ? A.add(prev, term) : term);
    });
  }
  return leaves.map((l) => adj.get(l) ?? S.constant(0));
}

/** Sizes of the expressions `roots`: as trees (a shared node counted at every use, so the count
 *  may be astronomically large) and as a DAG (each distinct node once), and the deepest path. */
export function sizes(roots: readonly Expr[]): { treeNodes: number; dagNodes: number; depth: number } {
  const order = topological(roots);
  const tree = new Map<Expr, number>();
  const depth = new Map<Expr, number>();
  for (const e of order) {
    const args = e.kind === 'call' ? e.args : [];
    tree.set(e, args.reduce((s, a) => s + tree.get(a)!, 1));
    depth.set(e, args.reduce((d, a) => Math.max(d, depth.get(a)! + 1), 1));
  }
  return {
    treeNodes: roots.reduce((s, r) => s + tree.get(r)!, 0),
    dagNodes: order.length,
    depth: roots.reduce((d, r) => Math.max(d, depth.get(r)!), 0),
  };
}

// The chain rule over an interned expression DAG, without recursion: forward for one variable,
// and reverse accumulation for a whole gradient in one pass (the adjoints share subexpressions).
import type { Expr } from '../ast';
import { partials, primitive, type Algebra } from '../primitives';
import type { SymbolicDomain } from './expr';

type Call = Extract<Expr, { kind: 'call' }>;

/** ∂e/∂(argument i) for the arguments that carry a derivative, from the primitive table, all at
 *  once: an extremum's n one-hot partials share one running extremum (linear in n together,
 *  quadratic asked one by one). */
function partialsOf(S: SymbolicDomain, A: Algebra<Expr>, e: Call, active: ReadonlySet<Expr>): (Expr | undefined)[] {
  const d = partials(primitive(e.op), A, e.args, e, (i) => active.has(e.args[i]));
  // Special case (issue 8): 0^b is the constant 0 wherever b > 0, so its slope in b is 0; the
  // table's a^b·log(a) would be 0·(-Infinity) there.
  if (e.op === 'pow' && e.args[0].kind === 'number' && e.args[0].value === 0) d[1] = S.constant(0);
  return d;
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

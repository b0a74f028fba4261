// Hash-consing: equal subtrees of an Expr become one shared object (a DAG), and the sizes of
// the tree a DAG stands for and of the DAG itself, none of it walking the tree expansion.
import { NO_SPAN, type ConstantName, type Expr } from '../ast';
import { children } from '../parse/parse';

/** The direct subexpressions of an expression, in order. */
export function childrenOf(e: Expr): readonly Expr[] {
  return children(e) as readonly Expr[];
}

/**
 * Calls `visit` once for every node reachable from `root`, children before parents, with an
 * explicit stack: expressions nest up to MAX_DEPTH (1500) and the stack must not care.
 * `children` is asked once per node.
 */
export function postOrder<T>(root: T, children: (node: T) => readonly T[], visit: (node: T) => void): void {
  const seen = new Set<T>([root]);
  const stack: { node: T; kids: readonly T[]; next: number }[] = [{ node: root, kids: children(root), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.kids.length) {
      const kid = top.kids[top.next++];
      if (!seen.has(kid)) {
        seen.add(kid);
        stack.push({ node: kid, kids: children(kid), next: 0 });
      }
    } else {
      stack.pop();
      visit(top.node);
    }
  }
}

/**
 * A table of unique nodes: asking twice for the same op over the same children returns the same
 * object, so structural equality of interned nodes is `===` and a Map keyed by node is a table
 * of subexpressions. Interned nodes carry no span: one node stands for many places.
 */
export class Dag {
  private readonly table = new Map<string, Expr>();
  private readonly ids = new Map<Expr, number>();

  /** How many distinct nodes the table holds. */
  get size(): number {
    return this.ids.size;
  }

  num(value: number): Expr {
    const key = Object.is(value, -0) ? 'n-0' : `n${value}`;
    return this.unique(key, () => ({ kind: 'number', value, span: NO_SPAN }));
  }

  constant(name: ConstantName): Expr {
    return this.unique(`k${name}`, () => ({ kind: 'constant', name, span: NO_SPAN }));
  }

  variable(name: string): Expr {
    return this.unique(`v${name}`, () => ({ kind: 'variable', name, span: NO_SPAN }));
  }

  call(op: string, args: readonly Expr[]): Expr {
    return this.unique(`c${op}(${this.idsOf(args)})`, () => ({ kind: 'call', op, args, span: NO_SPAN }));
  }

  vector(items: readonly Expr[]): Expr {
    return this.unique(`[${this.idsOf(items)}]`, () => ({ kind: 'vector', items, span: NO_SPAN }));
  }

  index(name: string, idx: Expr): Expr {
    return this.unique(`i${name}[${this.idsOf([idx])}]`, () => ({ kind: 'index', name, index: idx, span: NO_SPAN }));
  }

  length(arg: Expr): Expr {
    return this.unique(`l(${this.idsOf([arg])})`, () => ({ kind: 'length', arg, span: NO_SPAN }));
  }

  /** The node `e` with its children replaced by `kids` (already interned), interned. */
  rebuild(e: Expr, kids: readonly Expr[]): Expr {
    switch (e.kind) {
      case 'number':
        return this.num(e.value);
      case 'constant':
        return this.constant(e.name);
      case 'variable':
        return this.variable(e.name);
      case 'call':
        return this.call(e.op, kids);
      case 'vector':
        return this.vector(kids);
      case 'index':
        return this.index(e.name, kids[0]);
      case 'length':
        return this.length(kids[0]);
    }
  }

  /** The shared copy of a whole expression (which may itself already share subtrees). */
  intern(root: Expr): Expr {
    const copy = new Map<Expr, Expr>();
    postOrder(root, childrenOf, (e) => {
      copy.set(e, this.rebuild(e, childrenOf(e).map((k) => copy.get(k)!)));
    });
    return copy.get(root)!;
  }

  private idsOf(nodes: readonly Expr[]): string {
    return nodes
      .map((n) => {
        const id = this.ids.get(n);
        if (id === undefined) throw new Error('a child of an interned node must be interned in the same Dag');
        return id;
      })
      .join(',');
  }

  private unique(key: string, make: () => Expr): Expr {
    let node = this.table.get(key);
    if (node === undefined) {
      node = make();
      this.table.set(key, node);
      this.ids.set(node, this.ids.size);
    }
    return node;
  }
}

/** `expr` with equal subtrees shared. */
export function hashCons(expr: Expr): Expr {
  return new Dag().intern(expr);
}

/**
 * How many nodes the expression has written out as a tree, counting a shared subtree each time
 * it occurs. Memoised per object, so a DAG of n nodes costs O(n) however large its tree; the
 * count is a float, exact up to 2^53 and Infinity beyond about 10^308.
 */
export function treeSize(expr: Expr): number {
  return treeSizes([expr])[0];
}

/** `treeSize` of each of `roots`, counted over their one DAG: O(DAG) for all of them together. */
export function treeSizes(roots: readonly Expr[]): number[] {
  const size = new Map<Expr, number>();
  const visit = (e: Expr) => size.set(e, childrenOf(e).reduce((sum, k) => sum + size.get(k)!, 1));
  for (const r of roots) if (!size.has(r)) postOrder(r, (e) => childrenOf(e).filter((k) => !size.has(k)), visit);
  return roots.map((r) => size.get(r)!);
}

/** How many structurally distinct subexpressions the expression has: its size as a shared DAG. */
export function dagSize(expr: Expr): number {
  const dag = new Dag();
  dag.intern(expr);
  return dag.size;
}

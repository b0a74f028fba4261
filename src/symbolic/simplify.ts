// `simplify`: an expression to canonical form under the kernel and the rule table, within a budget
// of work, and back to an ordinary Expr for the printer.
import * as ast from '../ast';
import type { Expr } from '../ast';
import { Budget, Canon } from './canon';
import { childrenOf, Dag, dagSize, postOrder, treeSize, treeSizes } from './dag';
import { Factorer } from './factor';
import { toCanonical } from './normalize';
import { compile, Rewriter, type RuleIndex } from './pattern';
import { render } from './render';
import { byRegions, withSymbols } from './regions';
import { RULES } from './rules';

export const DEFAULT_BUDGET = 100_000;

export interface SimplifyOptions {
  /** Units of work allowed (nodes built plus pattern nodes compared); default 100,000. */
  readonly budget?: number;
}

export interface Simplified {
  readonly expr: Expr;
  /** False when the budget ran out (or rewrites nested too deep) and `expr` is only partly simplified. */
  readonly complete: boolean;
  /** Units of work spent. */
  readonly steps: number;
}

/** Several expressions simplified together (the partials of one gradient). */
export interface SimplifiedAll {
  readonly exprs: readonly Expr[];
  readonly complete: boolean;
  readonly steps: number;
  /** Nodes of the expressions together as one DAG (each distinct subexpression once), before and after. */
  readonly dagBefore: number;
  readonly dagAfter: number;
}

let compiled: RuleIndex | undefined;

/**
 * The simplest form the kernel, the rules and the factoring pass reach, equal to `expr` wherever
 * `expr` is defined (up to float rounding, with infinities and the zeros whose sign decides a
 * value kept). Shared subexpressions are simplified once and stay shared; a product of sums is
 * expanded only into a bounded number of terms and only where that prints smaller, so work grows
 * polynomially with the size of the DAG. The result is never a larger DAG than `expr`.
 */
export function simplify(expr: Expr, options: SimplifyOptions = {}): Simplified {
  let all = simplifyAll([expr], options);
  // One pass need not reach a fixed point: a square formed late in it (((3x)/(0 - x))^2 becomes
  // 9x^2/(0 - x)^2) meets the even-power rules only in the next. The simplify verb runs passes
  // until nothing changes on inputs that do not share (small by then, so a pass is cheap); a shared
  // input keeps one pass, held by its DAG bound, which a pass over the result would no longer see.
  // A derivative's partials (simplifyAll) get one pass: the speed the corpus measures.
  const size = { tree: treeSize(expr), dag: dagSize(expr) };
  for (let pass = 1; pass < MAX_PASSES && all.complete && size.tree <= 2 * size.dag; pass++) {
    const again = simplifyAll(all.exprs, options);
    const same = sameExpr(again.exprs[0], all.exprs[0]);
    all = { ...again, steps: all.steps + again.steps };
    if (same) break;
  }
  return { expr: all.exprs[0], complete: all.complete, steps: all.steps };
}

/** Passes of `simplify` over an unshared input, at most (two or three reach the fixed point). */
const MAX_PASSES = 4;

/** Whether two expressions are equal as trees (interned in one DAG: one walk of each). */
function sameExpr(a: Expr, b: Expr): boolean {
  const dag = new Dag();
  return dag.intern(a) === dag.intern(b);
}

/**
 * `roots` simplified jointly, as one DAG in one pass: a subexpression they share is simplified
 * once (work grows with the DAG, not with the number of roots), and the results together are
 * never a larger DAG than the roots together. The budget is per root.
 *
 * First every root in canonical form over the whole DAG (the smallest trees). Where the roots
 * share (their trees are more than twice their DAG) and that form unshares past their DAG size
 * (n-ary sums and products absorb what they share: 3.7·x·(1 - x) and x·(1 - x) share nothing),
 * the form by regions (regions.ts): each shared node simplified once with the shared nodes under
 * it as opaque symbols, kept only where it is no larger as a DAG than as written, and tried also
 * with decimals kept as written (3.7 is one node; as 37/10 it is three). Of these and the roots
 * themselves, the one that prints smallest among those no larger as a DAG comes back. Roots that
 * share little (x + x, whose DAG of 2 becomes 2x's 3) are not held to the DAG bound.
 */
export function simplifyAll(roots: readonly Expr[], options: SimplifyOptions = {}): SimplifiedAll {
  const budget = new Budget((options.budget ?? DEFAULT_BUDGET) * Math.max(1, roots.length));
  const canon = new Canon(budget);
  const rewriter = new Rewriter(canon, (compiled ??= compile(RULES)));
  canon.rewrite = (node) => rewriter.rewrite(node);
  const before = measure(roots);
  const shares = before.tree > 2 * before.dag;
  const limit = shares ? before.dag : Infinity;
  let best: { exprs: readonly Expr[]; tree: number; dag: number } = { exprs: roots, ...before };
  const consider = (exprs: readonly Expr[]) => {
    const size = measure(exprs);
    if (size.dag <= limit && size.tree <= best.tree) best = { exprs, ...size };
  };
  consider(whole(roots, canon));
  if (shares && best.exprs === roots) {
    consider(
      byRegions(roots, (locals) => {
        const plain = items(render(toCanonical(ast.vector(locals), canon)));
        const decimal = hasDecimal(locals) ? withSymbols(locals, isDecimal, (r) => whole(r, canon)) : [];
        return locals.map((local, i) => smallestWithin(local, [plain[i], ...(decimal.length ? [decimal[i]] : [])]));
      }),
    );
  }
  return { exprs: best.exprs, complete: !budget.exhausted && !rewriter.cutShort, steps: budget.steps, dagBefore: before.dag, dagAfter: best.dag };
}

/** Each root in canonical form over their one DAG, factored where that prints smaller. */
function whole(roots: readonly Expr[], canon: Canon): Expr[] {
  const canonical = toCanonical(ast.vector(roots), canon);
  const plain = items(render(canonical));
  const factored = items(render(new Factorer(canon).run(canonical)));
  const [plainSizes, factoredSizes] = [treeSizes(plain), treeSizes(factored)];
  return plain.map((p, i) => (factoredSizes[i] <= plainSizes[i] ? factored[i] : p));
}

const items = (e: Expr): Expr[] => [...(e as Extract<Expr, { kind: 'vector' }>).items];

/** Of `written` and its simplified forms, the one that prints smallest among those no larger as a DAG. */
function smallestWithin(written: Expr, simplified: readonly Expr[]): Expr {
  const limit = dagSize(written);
  let best = written;
  let bestTree = treeSize(written);
  for (const s of simplified) {
    const tree = treeSize(s);
    if (tree <= bestTree && dagSize(s) <= limit) [best, bestTree] = [s, tree];
  }
  return best;
}

/** A literal that is not an integer: in canonical form an exact fraction (3.7 is 37/10), which
 *  may print larger than as written. Kept opaque, it stays one node. */
const isDecimal = (e: Expr): boolean => e.kind === 'number' && Number.isFinite(e.value) && !Number.isInteger(e.value);

function hasDecimal(roots: readonly Expr[]): boolean {
  let found = false;
  postOrder(ast.vector(roots), (e) => (found ? [] : childrenOf(e)), (e) => (found ||= isDecimal(e)));
  return found;
}

/** Total tree size of `roots`, and their size as one DAG. */
function measure(roots: readonly Expr[]): { tree: number; dag: number } {
  const carrier = ast.vector(roots);
  return { tree: treeSize(carrier) - 1, dag: dagSize(carrier) - 1 };
}

export function simplifyExpr(expr: Expr): Expr {
  return simplify(expr).expr;
}

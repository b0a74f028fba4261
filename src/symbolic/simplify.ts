// `simplify`: an expression to canonical form under the kernel and the rule table, within a budget
// of work, and back to an ordinary Expr for the printer.
import type { Expr } from '../ast';
import { Budget, Canon } from './canon';
import { dagSize, treeSize } from './dag';
import { Factorer } from './factor';
import { toCanonical } from './normalize';
import { compile, Rewriter, type RuleIndex } from './pattern';
import { render } from './render';
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

let compiled: RuleIndex | undefined;

/**
 * The simplest form the kernel, the rules and the factoring pass reach, equal to `expr` wherever
 * `expr` is defined (up to float rounding, with infinities and the zeros whose sign decides a
 * value kept). Shared subexpressions are simplified once and stay shared; a product of sums is
 * expanded only into a bounded number of terms and only where that prints smaller, so work grows
 * polynomially with the size of the DAG. The result is never a larger DAG than `expr`: where
 * canonical form would unshare more than it saves, `expr` itself comes back.
 */
export function simplify(expr: Expr, options: SimplifyOptions = {}): Simplified {
  const budget = new Budget(options.budget ?? DEFAULT_BUDGET);
  const canon = new Canon(budget);
  const rewriter = new Rewriter(canon, (compiled ??= compile(RULES)));
  canon.rewrite = (node) => rewriter.rewrite(node);
  const canonical = toCanonical(expr, canon);
  const complete = !budget.exhausted && !rewriter.cutShort;
  // Never a larger DAG than a shared input: canonical form may unshare what the input shared (the
  // logistic map's derivative). Of the factored form, the canonical form and the input itself,
  // the one that prints smallest among those no larger as a DAG.
  // An input that shares little (x + x, whose DAG of 2 becomes 2x's 3) is not held to it.
  const inputDag = dagSize(expr);
  const limit = treeSize(expr) > 2 * inputDag ? inputDag : Infinity;
  let best = expr;
  for (const candidate of [render(canonical), render(new Factorer(canon).run(canonical))]) {
    if (dagSize(candidate) <= limit && (best === expr || treeSize(candidate) <= treeSize(best))) best = candidate;
  }
  return { expr: best, complete, steps: budget.steps };
}

export function simplifyExpr(expr: Expr): Expr {
  return simplify(expr).expr;
}

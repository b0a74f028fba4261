// `simplify`: an expression to canonical form under the kernel and the rule table, within a budget
// of work, and back to an ordinary Expr for the printer.
import type { Expr } from '../ast';
import { Budget, Canon } from './canon';
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
 * The simplest form the kernel and rules reach, equal to `expr` wherever `expr` is defined (up to
 * float rounding). Shared subexpressions are simplified once and stay shared; products of sums are
 * never expanded, so work grows polynomially with the size of the DAG.
 */
export function simplify(expr: Expr, options: SimplifyOptions = {}): Simplified {
  const budget = new Budget(options.budget ?? DEFAULT_BUDGET);
  const canon = new Canon(budget);
  const rewriter = new Rewriter(canon, (compiled ??= compile(RULES)));
  canon.rewrite = (node) => rewriter.rewrite(node);
  const normal = new Factorer(canon).run(toCanonical(expr, canon));
  return { expr: render(normal), complete: !budget.exhausted && !rewriter.cutShort, steps: budget.steps };
}

export function simplifyExpr(expr: Expr): Expr {
  return simplify(expr).expr;
}

// The shapes of canonical expressions: numeric literals, terms (coefficient × factors) and
// factors (base ^ exponent), read the same way by the kernel, the order, the matcher and the renderer.
//
// Canonical form, inside src/symbolic only: `add` and `multiply` are n-ary and flat; a product
// carries at most one numeric coefficient, first, and no two factors with one base (exp(a) has
// base e); a - b is a + (-1)·b and a / b is a·b^-1; a sum inside a product or under a small integer
// power has coprime integer coefficients (2x + 2 there is 2·(x + 1)), while a number times a lone
// sum is distributed (2x + 2); a rational constant p/q (q > 1) is the literal `divide(p, q)`, the
// one `divide` left. The renderer turns this back into the binary operators gradlab knows.
import type { Expr } from '../ast';
import { primitive } from '../primitives';
import * as N from './numbers';
import type { Num } from './numbers';

export const ADD = 'add';
/** An argument kept exactly as written (see zeros.ts): opaque to the kernel and the rules. */
export const HELD = 'as-written';
/** An argument kept as written that is no zero, x + 0 where x may be -0: `kept(written,
 *  canonical)`, printed as written, opaque like HELD; a positive power of it is the canonical's. */
export const KEPT = 'kept-as-written';
export const MUL = 'multiply';
export const POW = 'pow';

// Special case: sec and csc are the powers cos^-1 and sin^-1 in canonical form, their rows'
// reciprocals, so that sec(x)²·cos(x) meets as like factors (the table defines them as 1/cos and
// 1/sin, so the floats agree); the renderer prints them back. Only these two: cot, sech, csch and
// coth stay themselves, as the rules that read them (cot-tan, one-minus-tanh, coth-minus-one) want.
/** Ops kept in canonical form as the reciprocal of another: sec → cos. */
export const AS_RECIPROCAL: ReadonlyMap<string, string> = new Map(['sec', 'csc'].map((op) => [op, primitive(op).reciprocal!]));

export type Call = Extract<Expr, { kind: 'call' }>;

export function isCall(e: Expr, op?: string): e is Call {
  return e.kind === 'call' && (op === undefined || e.op === op);
}

/** The value of a numeric literal: an integer or float `number`, or a rational `divide(p, q)`. */
export function numOf(e: Expr): Num | null {
  if (e.kind === 'number') return Number.isSafeInteger(e.value) && !Object.is(e.value, -0) ? { p: e.value, q: 1 } : e.value;
  if (e.kind === 'call' && e.op === 'divide' && e.args.length === 2) {
    const [p, q] = e.args;
    if (p.kind === 'number' && q.kind === 'number' && Number.isSafeInteger(p.value) && !Object.is(p.value, -0) && Number.isSafeInteger(q.value) && q.value > 1) {
      return { p: p.value, q: q.value };
    }
  }
  return null;
}

/** The numeric coefficient of a term: 3 in 3xy, 1 in xy. */
export function coefficientOf(term: Expr): Num {
  if (isCall(term, MUL)) return numOf(term.args[0]) ?? N.ONE;
  return numOf(term) ?? N.ONE;
}

/** The factors of a term without its coefficient: [x, y] for 3xy, [] for 3. */
export function factorsOf(term: Expr): readonly Expr[] {
  if (isCall(term, MUL)) return numOf(term.args[0]) === null ? term.args : term.args.slice(1);
  return numOf(term) === null ? [term] : [];
}

export const baseOf = (factor: Expr): Expr => (isCall(factor, POW) ? factor.args[0] : factor);

/** The exponent of a factor, or null for an implicit 1. */
export const exponentOf = (factor: Expr): Expr | null => (isCall(factor, POW) ? factor.args[1] : null);

/** Whether the expression reads with a leading minus: -3, -2x, -x + 1. */
export function isNegative(e: Expr): boolean {
  if (isCall(e, ADD)) return isNegative(e.args[0]);
  return N.sign(coefficientOf(e)) < 0;
}

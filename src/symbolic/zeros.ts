// Where the sign of a zero decides a value (1/-0 = -Infinity, atan2(0, -0) = π, coth(-0)), read off
// the primitive table, and the float value of an expression without inputs. The kernel folds
// x·0 to an unsigned 0; an argument in a sign-deciding place that folds to 0 is kept as written.
import type { Expr } from '../ast';
import { PRIMITIVES } from '../primitives';
import { childrenOf, postOrder } from './dag';
import { ADD, MUL, numOf, POW } from './forms';
import * as N from './numbers';

/** Values the other arguments take while one argument is probed with -0 and +0. */
const PROBES = [1, -1, 2, -0.5, 0, -0];

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** `op`'s argument positions at which -0 and +0 give different values (not just zeros of two signs). */
const SENSITIVE = new Map<string, Set<number>>();
for (const p of PRIMITIVES.values()) {
  const arity = typeof p.arity === 'number' ? p.arity : Math.min(p.arity[1], 2);
  for (let i = 0; i < arity; i++) {
    const at = (zero: number, other: number) => p.fn(...Array.from({ length: arity }, (_, j) => (j === i ? zero : other)));
    if (PROBES.some((other) => !same(at(-0, other), at(0, other)))) {
      SENSITIVE.set(p.name, (SENSITIVE.get(p.name) ?? new Set()).add(i));
    }
  }
}
// a / b and a^b are calls of `divide` and `pow` in the table, so they are found above.

/** Whether argument `i` of `op` is a place where the sign of a zero decides the value. */
export function decidesBySign(op: string, i: number): boolean {
  return SENSITIVE.get(op)?.has(i) ?? false;
}

/**
 * Whether `e` is an input or a named constant: finite and never -0 (inputs are finite numbers,
 * and the sign of a zero an input is given with is not kept). Any other expression may reach
 * -Infinity or -0 on the way (log(0), 1/-x), where x^(1/2)·x^(1/2) is |x|, not x.
 */
export function isPlain(e: Expr): boolean {
  return e.kind === 'variable' || e.kind === 'index' || e.kind === 'constant';
}

/** Ops finite at every finite argument (overflow aside), their rows say, so that a sum or product
 *  of them, divided out of a sum, cannot meet Infinity / Infinity; canonical + and · among them. */
const FINITE = new Set([...PRIMITIVES.values()].filter((p) => p.finite).map((p) => p.name));
const finiteMemo = new WeakMap<Expr, boolean>();

/** Whether `e` is finite wherever its inputs are finite: inputs, numbers, + · and positive integer powers, finite functions. */
export function isFiniteWhereInputsAre(root: Expr): boolean {
  postOrder(root, (e) => (finiteMemo.has(e) ? [] : childrenOf(e)), (e) => {
    if (finiteMemo.has(e)) return;
    const kids = childrenOf(e).every((k) => finiteMemo.get(k));
    const n = numOf(e);
    let ok: boolean;
    if (n !== null) ok = Number.isFinite(N.value(n));
    else if (e.kind === 'variable' || e.kind === 'index' || e.kind === 'constant') ok = true;
    else if (e.kind !== 'call' || !kids) ok = false;
    else if (FINITE.has(e.op)) ok = true;
    // Special case: pow has a pole (0^-1), but a positive integer power has none.
    else if (e.op === POW) {
      const k = numOf(e.args[1]);
      ok = k !== null && N.isInteger(k) && N.sign(k) > 0;
    } else ok = false;
    finiteMemo.set(e, ok);
  });
  return finiteMemo.get(root)!;
}

/** The float64 value of an expression of numbers, constants and calls, or null if it reads an
 *  input; `memo` carries values (null: not constant) across calls over one expression. */
export function constantValue(root: Expr, memo: Map<Expr, number | null>): number | null {
  postOrder(
    root,
    (e) => (memo.has(e) ? [] : childrenOf(e)),
    (e) => {
      if (memo.has(e)) return;
      const args = childrenOf(e).map((k) => memo.get(k)!);
      if (e.kind === 'number') memo.set(e, e.value);
      else if (e.kind === 'constant') memo.set(e, PRIMITIVES.get(e.name)!.fn());
      else if (e.kind === 'call' && PRIMITIVES.has(e.op) && args.every((a) => a !== null)) memo.set(e, applied(e.op, args as number[]));
      else memo.set(e, null);
    },
  );
  return memo.get(root)!;
}

/** An op at numbers; canonical sums and products are n-ary, the table's + and · binary. */
function applied(op: string, args: readonly number[]): number {
  const fn = PRIMITIVES.get(op)!.fn;
  return (op === ADD || op === MUL) && args.length > 2 ? args.reduce((a, b) => fn(a, b)) : fn(...args);
}

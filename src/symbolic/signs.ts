// The sign of a zero a written expression folds to, read off its structure as IEEE arithmetic
// gives it (x·0 has the sign of x, x - x is +0, sin keeps a zero's sign, abs drops it), so that a
// denominator or an odd negative power of it folds too: 1/(x·0) is Infinity/x, 1/(x - x) is 1/0.
import type { Expr } from '../ast';
import { PRIMITIVES } from '../primitives';
import type { Canon } from './canon';
import { childrenOf } from './dag';
import { ADD, isCall, MUL, numOf, POW } from './forms';
import * as N from './numbers';
import { constantValue } from './zeros';

/** A zero of the form (±0)·f₁·f₂·…, the factors canonical: its value wherever it is defined. */
export interface Zero {
  readonly negative: boolean;
  readonly factors: readonly Expr[];
}

/** Not a zero: a written term that is no zero (the x of x - x). */
const NONZERO = 'nonzero';
type Form = Zero | typeof NONZERO | null;

/** Past this depth a zero's sign is left unknown (the argument is then kept as written). */
const MAX_DEPTH = 64;

/** One-argument functions by what they do to a zero, read off the primitive table: f(±0) = ±0
 *  (sin, sqrt, atan, …) keeps its sign, f(±0) = +0 (abs, relu) drops it. */
const KEEPS = new Set<string>();
const DROPS = new Set<string>();
for (const p of PRIMITIVES.values()) {
  if (p.arity !== 1 && !(Array.isArray(p.arity) && p.arity[0] <= 1)) continue;
  const [pos, neg] = [p.fn(0), p.fn(-0)];
  if (Object.is(pos, 0) && Object.is(neg, -0)) KEEPS.add(p.name);
  else if (Object.is(pos, 0) && Object.is(neg, 0)) DROPS.add(p.name);
}

const PLUS: Zero = { negative: false, factors: [] };
const flip = (z: Form): Form => (z === null || z === NONZERO ? z : { negative: !z.negative, factors: z.factors });

/**
 * Zero forms of written expressions. `canonicalOf` gives a written node's canonical form; a
 * node folds to a zero when that is the number 0 or a product with a factor that is 0.
 */
export class ZeroSigns {
  private readonly memo = new Map<Expr, Form>();

  constructor(
    private readonly canon: Canon,
    private readonly canonicalOf: (written: Expr) => Expr,
    private readonly constants: Map<Expr, number | null>,
  ) {}

  /** The zero `written` is, or null when it is no zero or its sign is not known. */
  of(written: Expr): Zero | null {
    const z = this.form(written, 0);
    return z === NONZERO ? null : z;
  }

  /** Whether `written` is a sum with a term that is +0 wherever defined (x + 0, x + (y - y)): the
   *  sum is then never -0, though what is left of it once the zero is dropped may be. */
  hidesMinusZero(written: Expr): boolean {
    const terms: { e: Expr; negated: boolean }[] = [{ e: written, negated: false }];
    for (let i = 0; i < terms.length && i < MAX_DEPTH; i++) {
      const { e, negated } = terms[i];
      const z = i > 0 ? this.of(e) : null;
      if (z !== null && z.factors.length === 0 && z.negative === negated) return true;
      if (e.kind === 'call' && (e.op === 'add' || e.op === 'subtract')) terms.push({ e: e.args[0], negated }, { e: e.args[1], negated: negated !== (e.op === 'subtract') });
      else if (isCall(e, 'unaryMinus')) terms.push({ e: e.args[0], negated: !negated });
    }
    return false;
  }

  /** Whether a canonical expression is a zero (0, or x·0 left as a product by a folded factor). */
  isZero(canonical: Expr): boolean {
    const zero = (e: Expr) => this.constant(e) === 0;
    return zero(canonical) || (isCall(canonical, MUL) && canonical.args.some(zero));
  }

  private constant(e: Expr): number | null {
    return constantValue(e, this.constants);
  }

  private form(e: Expr, depth: number): Form {
    if (this.memo.has(e)) return this.memo.get(e)!;
    const v = this.constant(e);
    let out: Form;
    if (v !== null) out = v !== 0 ? NONZERO : { negative: Object.is(v, -0), factors: [] };
    else if (!this.isZero(this.canonicalOf(e))) out = NONZERO;
    else out = depth > MAX_DEPTH || e.kind !== 'call' ? null : this.ofCall(e.op, childrenOf(e), depth + 1);
    this.memo.set(e, out);
    return out;
  }

  private ofCall(op: string, args: readonly Expr[], depth: number): Form {
    const [a, b] = args;
    switch (op) {
      case 'unaryMinus':
        return flip(this.form(a, depth));
      case 'add':
      case 'subtract':
        return this.sum(this.form(a, depth), op === 'add' ? this.form(b, depth) : flip(this.form(b, depth)));
      case 'multiply':
        return this.product(this.form(a, depth), a, this.form(b, depth), b);
      case 'divide': {
        const z = this.form(a, depth);
        const over = this.constant(b);
        // a / ±Infinity is a zero with the sign of a, times that of the Infinity.
        if (z === NONZERO && over !== null && !Number.isFinite(over) && !Number.isNaN(over)) return { negative: over < 0, factors: [this.canonicalOf(a)] };
        if (z === null || z === NONZERO) return null;
        return { negative: z.negative, factors: [...z.factors, this.canon.power(this.canonicalOf(b), this.canon.number(N.MINUS_ONE))] };
      }
      case 'pow': {
        const z = this.form(a, depth);
        const k = numOf(this.canonicalOf(b));
        if (z === null || z === NONZERO || k === null || N.sign(k) <= 0) return null;
        // (±0)^k is ±0 for an odd integer k, +0 for any other k > 0.
        return N.isInteger(k) && !N.isEvenInteger(k) ? z : PLUS;
      }
      default:
        if (args.length !== 1 || !(KEEPS.has(op) || DROPS.has(op))) return null;
        const z = this.form(a, depth);
        if (z === null || z === NONZERO) return null;
        return KEEPS.has(op) ? z : PLUS;
    }
  }

  /** A sum is -0 only where every term is -0 (round to nearest), so a term that is no zero, or is
   *  +0, makes it +0; a -0 leaves the other term's sign. */
  private sum(a: Form, b: Form): Form {
    if (a === null || b === null) return null;
    if (a === NONZERO || b === NONZERO) return PLUS;
    const constant = (z: Zero) => z.factors.length === 0;
    if (constant(a) && !a.negative) return PLUS;
    if (constant(b) && !b.negative) return PLUS;
    if (constant(a)) return b;
    if (constant(b)) return a;
    return null;
  }

  /** The sign of a product is the product of its factors' signs; a constant factor gives its own. */
  private product(za: Form, a: Expr, zb: Form, b: Expr): Form {
    if (za === null || zb === null) return null;
    if (za === NONZERO && zb === NONZERO) return null;
    const factors = (z: Form, e: Expr): readonly Expr[] => (z !== NONZERO ? z!.factors : this.constant(e) !== null || isNonNegative(this.canonicalOf(e)) ? [] : [this.canonicalOf(e)]);
    const negative = (z: Form, e: Expr) => (z !== NONZERO ? z!.negative : (this.constant(e) ?? 0) < 0);
    return { negative: negative(za, a) !== negative(zb, b), factors: [...factors(za, a), ...factors(zb, b)] };
  }
}

/** Ops whose value is ≥ +0 wherever defined, their rows say (|a|, exp, cosh, sigmoid, …). */
const NON_NEGATIVE = new Set([...PRIMITIVES.values()].filter((p) => p.nonNegative).map((p) => p.name));

/** Whether a canonical expression is ≥ +0 wherever defined, its sign bit never set: an even or
 *  fractional power (pow(-0, 2) and pow(-0, 1/2) are +0), a non-negative op, a positive number. */
function isNonNegative(e: Expr): boolean {
  const n = numOf(e);
  if (n !== null) return N.value(n) > 0;
  if (!isCall(e)) return false;
  // Special case: pow is negative at some arguments, but not at these exponents.
  const k = e.op === POW ? numOf(e.args[1]) : null;
  if (e.op === POW) return k !== null && (!N.isInteger(k) || N.isEvenInteger(k));
  return NON_NEGATIVE.has(e.op);
}

/** Ops never -0: the non-negative ones, and (special case) cos, which is never a zero of either
 *  sign in float64, as no double is an odd multiple of π/2. */
const NEVER_MINUS_ZERO = new Set([...NON_NEGATIVE, 'cos']);

/** Whether a canonical expression may be -0 (conservatively: true unless shown otherwise). An
 *  input is never -0, and a sum is -0 only where all its terms are. */
export function mayBeMinusZero(e: Expr, depth = 0): boolean {
  if (depth > MAX_DEPTH) return true;
  const n = numOf(e);
  if (n !== null) return Object.is(N.value(n), -0);
  if (e.kind === 'variable' || e.kind === 'index' || e.kind === 'constant') return false;
  if (e.kind !== 'call') return true;
  if (e.op === ADD) return e.args.every((t) => mayBeMinusZero(t, depth + 1));
  if (NEVER_MINUS_ZERO.has(e.op)) return false;
  if (e.op === POW) {
    const k = numOf(e.args[1]);
    return k === null || (N.isInteger(k) && !N.isEvenInteger(k) && mayBeMinusZero(e.args[0], depth + 1));
  }
  return true;
}

// The polynomial/rational pass over canonical form: a sum's common factor taken out (x cos(x) of
// x cos(x)(x² - 6) + 6x cos(x)), denominators brought over one (2/(3x + 2) - 6x/(3x + 2)² is
// 4/(3x + 2)²), and what is left expanded where its terms then cancel. A form is taken only
// when it prints smaller, by `printedSize`.
import type { Expr } from '../ast';
import type { Canon } from './canon';
import { childrenOf, postOrder, treeSize } from './dag';
import { ADD, type Call, coefficientOf, factorsOf, HELD, isCall, KEPT, MUL, numOf, POW } from './forms';
import * as N from './numbers';
import { factsOf } from './order';
import { divideExactly, exprOf, polyOf } from './poly';
import { render } from './render';
import { isFiniteWhereInputsAre } from './zeros';

/** Sums larger than this (canonical nodes) are left as they are: the pass stays near linear. */
const MAX_SUM = 400;
/** Expanding a product of sums stops beyond this many terms. */
const MAX_TERMS = 48;
/** (a + b)^k is expanded up to this k. */
const MAX_POWER = 4;

/** The size the issue measures: nodes of the printed result (the rendered tree). */
export function printedSize(e: Expr): number {
  return treeSize(render(e));
}

/** A factor as base and integer exponent; other factors are their own base with exponent 1. */
function split(f: Expr): { base: Expr; k: number } {
  if (isCall(f, POW)) {
    const k = numOf(f.args[1]);
    if (k !== null && N.isInteger(k)) return { base: f.args[0], k: N.value(k) };
  }
  return { base: f, k: 1 };
}

export class Factorer {
  /** combined() by node: a DAG's shared sums are combined once, not once per path. */
  private readonly combinedMemo = new Map<Expr, Expr | null>();

  constructor(private readonly canon: Canon) {}

  /** `root` with every sum in it, children first, in the smallest form this pass finds. */
  run(root: Expr): Expr {
    const done = new Map<Expr, Expr>();
    const { canon } = this;
    postOrder(root, (e) => (isCall(e, HELD) || isCall(e, KEPT) ? [] : childrenOf(e)), (e) => {
      if (canon.budget.exhausted || (e.kind === 'call' && (e.op === HELD || e.op === KEPT))) {
        done.set(e, e);
        return;
      }
      const kids = childrenOf(e).map((k) => done.get(k)!);
      const same = kids.every((k, i) => k === childrenOf(e)[i]);
      const rebuilt = same ? e : e.kind === 'call' ? canon.build(e.op, kids) : canon.dag.rebuild(e, kids);
      done.set(e, isCall(rebuilt, ADD) ? this.best(rebuilt) : isCall(rebuilt, MUL) ? this.bestProduct(rebuilt) : rebuilt);
    });
    return done.get(root)!;
  }

  /** The smallest of a sum, its expansion, and its common factor times the (expanded) rest. */
  private best(sum: Extract<Expr, { kind: 'call' }>): Expr {
    if (factsOf(sum).size > MAX_SUM) return sum;
    let best: Expr = sum;
    let bestSize = printedSize(sum);
    const consider = (candidate: Expr | null) => {
      if (candidate === null) return;
      const e = isCall(candidate, MUL) ? this.cancel(candidate) : candidate;
      for (const form of [e, isCall(e, MUL) ? this.expandedDenominator(e) : null]) {
        if (form === null || form === best) continue;
        const s = printedSize(form);
        if (s < bestSize) [best, bestSize] = [form, s];
      }
    };
    consider(this.expand(sum));
    // Sums inside the terms over one denominator first, whose factors then come out of the
    // whole: 1/(1 + 1/x) + 1 is x/(x + 1) + 1, which is (2x + 1)/(x + 1).
    const nested = this.pullNested(sum);
    if (nested !== null) consider(this.canon.product([...nested[0], nested[1]]));
    const pulled = this.pullCommon(sum);
    if (pulled !== null) {
      const [common, rest] = pulled;
      consider(this.canon.product([...common, rest]));
      const expanded = this.expand(rest);
      if (expanded !== null) consider(this.canon.product([...common, expanded]));
    }
    return best;
  }

  /**
   * The smaller of a product and the product with each sum in it over one denominator, whose
   * factors may then meet the product's others: x^-2 · (1 + x^-2)^-1 is 1/(x² + 1), and
   * 2(x/√B + 1)/(x + √B) is 2/√B. Each is tried with its polynomial factors cancelled.
   */
  private bestProduct(product: Extract<Expr, { kind: 'call' }>): Expr {
    const plain = this.cancel(product);
    if (factsOf(product).size > MAX_SUM) return plain;
    const rebuilt = this.combined(product);
    const other = rebuilt === null ? plain : isCall(rebuilt, MUL) ? this.cancel(rebuilt) : rebuilt;
    const best = printedSize(other) < printedSize(plain) ? other : plain;
    const expanded = isCall(best, MUL) ? this.expandedDenominator(best) : null;
    return expanded !== null && printedSize(expanded) < printedSize(best) ? expanded : best;
  }

  /** Sums under one power k < 0 multiplied out: 2/((x - 1)(x + 1)) is 2/(x² - 1). Same zeros and
   *  poles, so the value is kept wherever it was defined. */
  private expandedDenominator(product: Call): Expr | null {
    const byPower = new Map<number, Expr[]>();
    for (const f of product.args) {
      const { base, k } = split(f);
      if (isCall(base, ADD) && k < 0) byPower.set(k, [...(byPower.get(k) ?? []), f]);
    }
    for (const [k, factors] of byPower) {
      if (factors.length < 2) continue;
      const expanded = this.expand(this.canon.product(factors.map((f) => split(f).base)));
      if (expanded === null) continue;
      const others = product.args.filter((f) => !factors.includes(f));
      return this.canon.product([...others, this.canon.power(expanded, this.canon.number(N.rational(k, 1)))]);
    }
    return null;
  }

  /** A product (or power) with each sum in it over one denominator, or null if none has one. */
  private combined(product: Call): Expr | null {
    if (this.combinedMemo.has(product)) return this.combinedMemo.get(product)!;
    this.combinedMemo.set(product, null);
    let changed = false;
    const factors = (isCall(product, MUL) ? product.args : [product]).map((f) => {
      const { base, k } = split(f);
      const pulled = isCall(base, ADD) ? this.pullCommon(base) ?? this.pullNested(base) : null;
      if (pulled === null) return f;
      changed = true;
      return this.canon.power(this.canon.product([...pulled[0], pulled[1]]), this.canon.number(N.rational(k, 1)));
    });
    const out = changed ? this.canon.product(factors) : null;
    this.combinedMemo.set(product, out);
    return out;
  }

  /** pullCommon of the sum with the sums inside its terms over one denominator first. */
  private pullNested(sum: Call): [Expr[], Expr] | null {
    const inner = this.canon.sum(sum.args.map((t) => (isCall(t, MUL) || isCall(t, POW) ? this.combined(t) ?? t : t)));
    return isCall(inner, ADD) && inner !== sum ? this.pullCommon(inner) : null;
  }

  /**
   * A product with polynomial factors over and under (one input): each denominator divided
   * out of a numerator it divides exactly, (x² - 1)/(x - 1) = x + 1. Where the denominator is
   * 0 the numerator is too, so the product was 0/0 there, never defined: the value is kept
   * wherever it was defined.
   */
  private cancel(product: Extract<Expr, { kind: 'call' }>): Expr {
    const factors = [...product.args];
    let changed = false;
    for (let i = 0; i < factors.length; i++) {
      const { base: d, k: dk } = split(factors[i]);
      const dp = dk < 0 ? polyOf(d) : null;
      if (dp === null) continue;
      for (let j = 0; j < factors.length && split(factors[i]).k < 0; j++) {
        const { base: n, k: nk } = split(factors[j]);
        if (nk <= 0 || n === d) continue;
        const np = polyOf(n);
        const q = np && divideExactly(np, dp);
        if (!q) continue;
        const power = (b: Expr, k: number) => this.canon.power(b, this.canon.number(N.rational(k, 1)));
        factors[j] = this.canon.product([power(exprOf(q, this.canon), 1), power(n, nk - 1)]);
        const left = split(factors[i]).k + 1;
        factors[i] = power(d, left);
        changed = true;
        j = -1;
        if (left === 0) break;
      }
    }
    return changed ? this.canon.product(factors) : product;
  }

  /**
   * The factors every term shares, at their least exponent (negative for a denominator some
   * term has: the sum over one denominator), and the sum of what is left; null if none. A
   * denominator is brought over only where it is finite, since a/B + c at B = Infinity is c,
   * but (a + cB)/B is Infinity / Infinity.
   */
  private pullCommon(sum: Extract<Expr, { kind: 'call' }>): [Expr[], Expr] | null {
    const terms = sum.args;
    const powers = terms.map((t) => {
      const m = new Map<Expr, number>();
      for (const f of factorsOf(t)) {
        const { base, k } = split(f);
        m.set(base, (m.get(base) ?? 0) + k);
      }
      return m;
    });
    const bases = new Set<Expr>();
    for (const m of powers) for (const b of m.keys()) bases.add(b);
    const common: Expr[] = [];
    const shift = new Map<Expr, number>();
    for (const b of bases) {
      const least = Math.min(...powers.map((m) => m.get(b) ?? 0));
      if (least === 0 || (least < 0 && !isFiniteWhereInputsAre(b))) continue;
      shift.set(b, least);
      common.push(this.canon.power(b, this.canon.number(N.rational(least, 1))));
    }
    if (common.length === 0) return null;
    const rest = terms.map((t) => {
      const kept = factorsOf(t).filter((f) => !shift.has(split(f).base));
      const moved = factorsOf(t).filter((f) => shift.has(split(f).base)).map((f) => split(f));
      const own = new Map<Expr, number>();
      for (const { base, k } of moved) own.set(base, (own.get(base) ?? 0) + k);
      const adjusted = [...shift].map(([b, least]) => this.canon.power(b, this.canon.number(N.rational((own.get(b) ?? 0) - least, 1))));
      return this.canon.product([this.canon.number(coefficientOf(t)), ...kept, ...adjusted]);
    });
    return [common, this.canon.sum(rest)];
  }

  /** A sum (or a term) with its products of sums multiplied out, or null past MAX_TERMS. */
  private expand(e: Expr): Expr | null {
    const terms: Expr[] = [];
    for (const t of isCall(e, ADD) ? e.args : [e]) {
      const out = this.expandTerm(t);
      if (out === null || terms.length + out.length > MAX_TERMS) return null;
      terms.push(...out);
    }
    return this.canon.sum(terms);
  }

  private expandTerm(t: Expr): Expr[] | null {
    // Infinity·(u + v) is not Infinity·u + Infinity·v where u is 0 and v is not; nor is
    // (Infinity + u)^2 a sum with Infinity·u in it.
    const infinite = (e: Expr) => !Number.isFinite(N.value(coefficientOf(e)));
    const sums = factorsOf(t).filter((f) => isCall(split(f).base, ADD) && split(f).k > 0).map((f) => split(f).base as Call);
    if (sums.length > 0 && (infinite(t) || sums.some((b) => b.args.some(infinite)))) return null;
    let partial: Expr[][] = [[this.canon.number(coefficientOf(t))]];
    for (const f of factorsOf(t)) {
      const { base, k } = split(f);
      const sums = isCall(base, ADD) && k > 0 && k <= MAX_POWER ? Array.from({ length: k }, () => base.args) : [[f]];
      for (const choices of sums) {
        if (partial.length * choices.length > MAX_TERMS) return null;
        partial = partial.flatMap((p) => choices.map((c) => [...p, c]));
      }
    }
    return partial.map((p) => this.canon.product(p));
  }
}

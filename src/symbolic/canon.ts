// The kernel: smart constructors that build canonical sums, products and powers (flatten, fold
// constants, collect like terms and like factors, put in order) and hand each new node to the
// rules. Nothing here distributes a product over a sum, so sizes stay polynomial.
import type { Expr } from '../ast';
import { PRIMITIVES } from '../primitives';
import { Dag } from './dag';
import { ADD, AS_RECIPROCAL, type Call, coefficientOf, factorsOf, HELD, isCall, KEPT, MUL, numOf, POW } from './forms';
import * as N from './numbers';
import type { Num } from './numbers';
import { compareFactors, compareTerms, factsOf } from './order';
import { constantValue, isPlain } from './zeros';

/** Units of work (nodes built, pattern nodes visited) allowed, and those spent. */
export class Budget {
  steps = 0;

  constructor(readonly limit: number) {}

  spend(): void {
    this.steps++;
  }

  get exhausted(): boolean {
    return this.steps >= this.limit;
  }
}

/** Rounds of regrouping a product after merged factors changed base; rules terminate far sooner. */
const MAX_REGROUP = 8;
/** (ab)^n is spread into a^n·b^n only up to this |n|: beyond it a^n alone may overflow where
 *  (ab)^n does not ((2·0.5)^2000 = 1, but 2^2000 is Infinity). */
const MAX_SPREAD = 16;
/** k·log(m) becomes log(m^k) only up to this m^k, which prints as a plain integer. */
const MAX_LOG_ARGUMENT = 1e6;

/** An odd integer in value, exact or float (3 · 0.3333333333333333 is the float 1). */
const isOdd = (n: Num): boolean => Number.isInteger(N.value(n)) && N.value(n) % 2 !== 0;

export class Canon {
  readonly dag = new Dag();
  /** Float values of constant subexpressions met so far (null: reads an input). */
  private readonly constants = new Map<Expr, number | null>();
  /** Every new sum, product, power and call passes through here: the simplifier's rules, or
   *  nothing while patterns are compiled. */
  rewrite: (node: Expr) => Expr = (node) => node;

  constructor(readonly budget = new Budget(Infinity)) {}

  number(n: Num): Expr {
    if (!N.isExact(n)) return this.dag.num(n);
    return n.q === 1 ? this.dag.num(n.p) : this.dag.call('divide', [this.dag.num(n.p), this.dag.num(n.q)]);
  }

  /** Any gradlab op over canonical arguments, operators included. */
  build(op: string, args: readonly Expr[]): Expr {
    switch (op) {
      case ADD:
        return this.sum(args);
      case 'subtract':
        return this.sum([args[0], this.negate(args[1])]);
      case MUL:
        return this.product(args);
      case 'divide':
        return this.product([args[0], this.power(args[1], this.number(N.MINUS_ONE))]);
      case 'unaryMinus':
        return this.negate(args[0]);
      case POW:
        return this.power(args[0], args[1]);
      default:
        return this.apply(op, args);
    }
  }

  negate(e: Expr): Expr {
    return this.product([this.number(N.MINUS_ONE), e]);
  }

  /** Terms flattened, like terms collected (2x + 3x = 5x), highest degree first, constant last. */
  sum(terms: readonly Expr[]): Expr {
    this.budget.spend();
    let constant: Num = N.ZERO;
    const groups = new Map<Expr, { coef: Num; term: Expr; count: number }>();
    for (const t of terms) {
      for (const term of isCall(t, ADD) ? t.args : [t]) {
        const n = numOf(term);
        if (n !== null) {
          constant = N.add(constant, n);
          continue;
        }
        const factors = factorsOf(term);
        const rest = factors.length === 1 ? factors[0] : this.dag.call(MUL, factors);
        const group = groups.get(rest);
        if (group) {
          group.coef = N.add(group.coef, coefficientOf(term));
          group.count++;
        } else {
          groups.set(rest, { coef: coefficientOf(term), term, count: 1 });
        }
      }
    }
    const out: Expr[] = [];
    for (const [rest, g] of groups) {
      if (N.isZero(g.coef)) continue;
      const term = g.count === 1 ? g.term : this.product([this.number(g.coef), rest]);
      // Infinity·x - Infinity·x has the coefficient NaN, and the term is the number NaN.
      const n = numOf(term);
      if (n === null) out.push(term);
      else constant = N.add(constant, n);
    }
    if (Number.isNaN(N.value(constant))) return this.number(NaN);
    if (!N.isZero(constant)) out.push(this.number(constant));
    if (out.length <= 1) return out[0] ?? this.number(N.ZERO);
    out.sort(compareTerms);
    return this.make(ADD, out);
  }

  /**
   * Factors flattened, numbers folded into one coefficient, like factors collected
   * (x·x = x^2, x^a·x^b = x^(a+b), x/x = 1, e·exp(a)·exp(b) = e^(1+a+b)), in order. A product that is zero is 0 (x·0 = 0);
   * a number times one sum is distributed (2(x + 1) = 2x + 2), which only copies that sum.
   */
  product(factors: readonly Expr[], depth = 0): Expr {
    this.budget.spend();
    let coef: Num = N.ONE;
    const groups = new Map<Expr, { exponents: Expr[]; factor: Expr }>();
    const pending = [...factors];
    while (pending.length > 0) {
      const f = pending.pop()!;
      if (isCall(f, MUL)) {
        pending.push(...f.args);
        continue;
      }
      const n = numOf(f);
      if (n !== null) {
        coef = N.mul(coef, n);
        continue;
      }
      const content = this.contentOf(f);
      if (content !== null) {
        coef = N.mul(coef, content);
        pending.push(this.divideOut(f, content));
        continue;
      }
      const { base, exponent } = this.split(f);
      const group = groups.get(base);
      if (group) group.exponents.push(exponent);
      else groups.set(base, { exponents: [exponent], factor: f });
    }
    if (N.isZero(coef)) return this.number(N.ZERO);
    if (Number.isNaN(N.value(coef))) return this.number(NaN);
    const out: Expr[] = [];
    let regroup = false;
    for (const [base, g] of groups) {
      for (const f of g.exponents.length === 1 ? [g.factor] : this.merged(base, g.exponents)) {
        const n = numOf(f);
        if (n !== null) coef = N.mul(coef, n);
        else out.push(f);
        // A merged factor may have left its group and meet others: (xy)^(1/2)·(xy)^(1/2) is the
        // product xy, and sqrt(x)^-2 the power x^-1, which must meet the x already here.
        regroup ||= n === null && (isCall(f, MUL) || this.split(f).base !== base);
      }
    }
    if (regroup && depth < MAX_REGROUP) return this.product([this.number(coef), ...out], depth + 1);
    coef = this.intoLogarithm(coef, out);
    if (out.length === 0) return this.number(coef);
    if (N.isOne(coef) && out.length === 1) return out[0];
    // Infinity·(y - 1) is not Infinity·y - Infinity, which is NaN at every y.
    if (out.length === 1 && isCall(out[0], ADD) && Number.isFinite(N.value(coef))) return this.sum(out[0].args.map((t) => this.product([this.number(coef), t])));
    out.sort(compareFactors);
    return this.make(MUL, N.isOne(coef) ? out : [this.number(coef), ...out]);
  }

  /** An integer coefficient k into a logarithm of an integer m, 2·log(10) = log(100), the
   *  smaller form, while m^|k| stays exact (≤ MAX_LOG_ARGUMENT); `out` is changed in place. */
  private intoLogarithm(coef: Num, out: Expr[]): Num {
    if (!N.isInteger(coef) || Math.abs(N.value(coef)) < 2) return coef;
    const at = out.findIndex((f) => isCall(f, 'log') && f.args.length === 1 && numOf(f.args[0]) !== null && N.isInteger(numOf(f.args[0])!) && N.value(numOf(f.args[0])!) >= 2);
    if (at < 0) return coef;
    const k = Math.abs(N.value(coef));
    const m = N.pow(numOf((out[at] as Call).args[0])!, N.rational(k, 1));
    if (m === null || !N.isExact(m) || N.value(m) > MAX_LOG_ARGUMENT) return coef;
    out[at] = this.apply('log', [this.number(m)]);
    return N.rational(Math.sign(N.value(coef)), 1);
  }

  power(base: Expr, exponent: Expr): Expr {
    this.budget.spend();
    const e = numOf(exponent);
    const b = numOf(base);
    if (e !== null && N.isZero(e)) return this.number(N.ONE); // x^0 = 1, as Math.pow has it for every x
    // A held argument is a zero kept for its sign; a positive power of it (1/(1/z) among them) is
    // a zero whose sign no longer decides anything here (a place that it decides holds its own).
    if (isCall(base, HELD) && e !== null && N.sign(e) > 0) return this.number(N.ZERO);
    if (isCall(base, KEPT) && e !== null && N.sign(e) > 0) return this.power(base.args[1], exponent);
    if (e !== null && N.isOne(e)) return base;
    if (b !== null) {
      if (N.isOne(b)) return base; // 1^x = 1
      const folded = e === null ? null : N.pow(b, e);
      if (folded !== null) return this.number(folded);
      // 0^x = 0 for x > 0, and Infinity for x < 0 (printed 1 / 0, which reads back as Infinity).
      if (N.isZero(b) && e !== null) return N.sign(e) > 0 ? base : this.number(Infinity);
      // The same for an exponent of constants (0^e, 0^-pi), read by its float value.
      const v = N.isZero(b) && e === null ? constantValue(exponent, this.constants) : null;
      if (v !== null && v !== 0 && !Number.isNaN(v)) return v > 0 ? base : this.number(Infinity);
    }
    const spread = e !== null && N.isInteger(e) && Math.abs(N.value(e)) <= MAX_SPREAD;
    const content = spread ? this.contentOf(base) : null;
    if (content !== null && N.pow(content, e!) !== null) {
      // (cP)^n = c^n·P^n; only for integer n, since 2^(1/2)·(x + 1)^(1/2) reads worse than (2x + 2)^(1/2).
      return this.product([this.power(this.number(content), exponent), this.power(this.divideOut(base, content), exponent)]);
    }
    if (isCall(base, POW)) {
      const [inner, innerExponent] = base.args;
      const k = numOf(innerExponent);
      // (a^2j)^e = |a|^(2j·e) for fractional e: the even power forgot the sign of a.
      if (k !== null && e !== null && N.isEvenInteger(k) && !N.isInteger(e)) return this.power(this.apply('abs', [inner]), this.number(N.mul(k, e)));
      // (a^k)^e = a^(k·e) for integer k and e. Where either is fractional the left side is ≥ 0
      // wherever it is defined (a ≥ 0, or a = -Infinity), so an odd integer k·e needs |a|:
      // (x^(1/2))^2 is Infinity at x = -Infinity, as |x| is (an input is never -Infinity).
      if (k !== null && e !== null) {
        const ke = N.mul(k, e);
        const odd = isOdd(ke) && !(N.isInteger(k) && N.isInteger(e)) && !isPlain(inner);
        return this.power(odd ? this.apply('abs', [inner]) : inner, this.number(ke));
      }
      // Symbolic exponents: integer e, or k not an even integer, as for numbers.
      if ((e !== null && N.isInteger(e)) || (k !== null && !N.isEvenInteger(k))) {
        return this.power(inner, this.product([innerExponent, exponent]));
      }
    }
    // (ab)^n = a^n·b^n for integer n, unless the coefficient's power overflows (4^512 is Infinity).
    if (isCall(base, MUL) && spread && N.pow(coefficientOf(base), e!) !== null) {
      return this.product(base.args.map((f) => this.power(f, exponent)));
    }
    return this.make(POW, [base, exponent]);
  }

  /**
   * x^a·x^b·… as few powers of x as keep the value. Integer powers merge freely, and so do all
   * powers of an input. A fractional power is defined only at x ≥ 0 and x = -Infinity (and -0),
   * where it is positive, so where
   * exponents of one sign mix the two kinds, the integer ones merge apart (x·x^(1/2) at
   * x = -Infinity is -Infinity, x^(3/2) is Infinity), and fractional ones summing to an odd
   * integer merge to |x|^k (x^(1/2)·x^(1/2) = |x|). Exponents of both signs make 0·Infinity at
   * every such x, so they merge freely.
   */
  private merged(base: Expr, exponents: readonly Expr[]): Expr[] {
    const values = exponents.map(numOf);
    if (isPlain(base) || values.some((v) => v === null) || values.every((v) => N.isInteger(v!))) return [this.power(base, this.sum(exponents))];
    const signs = new Set(values.map((v) => N.sign(v!)));
    if (signs.size > 1) return [this.power(base, this.sum(exponents))];
    const integers = exponents.filter((_, i) => N.isInteger(values[i]!));
    const fractions = exponents.filter((_, i) => !N.isInteger(values[i]!));
    const k = this.sum(fractions);
    const out = [this.power(isOdd(numOf(k)!) ? this.apply('abs', [base]) : base, k)];
    return integers.length === 0 ? out : [this.power(base, this.sum(integers)), ...out];
  }

  /** A call of any other primitive; exact ops on numbers are folded, as are sin, cos and tan
   *  at rational multiples of π (exact, where Math.sin(Math.PI) is 1.2e-16), and a square
   *  root takes out its sum's content where that is a square: sqrt(1 - x²/16) = sqrt(16 - x²)/4. */
  apply(op: string, args: readonly Expr[]): Expr {
    this.budget.spend();
    // The row's own exact values: an argument, its negation, a sign, a root of a perfect power.
    const fold = PRIMITIVES.get(op)?.fold;
    const values = args.map(numOf);
    const folded = fold && values.every((v): v is Num => v !== null) ? fold(N.EXACT, values) : null;
    if (folded !== null) return this.number(folded);
    // Special case: values at multiples of π are exact surds, beyond what a row's fold (rationals
    // in, a rational out) can say.
    const exact = args.length === 1 ? this.atPiMultiple(op, args[0]) : null;
    if (exact !== null) return exact;
    const reciprocal = AS_RECIPROCAL.get(op);
    if (reciprocal !== undefined && args.length === 1) return this.power(this.apply(reciprocal, args), this.number(N.MINUS_ONE));
    if (op === 'sqrt' && args.length === 1) {
      const c = this.contentOf(args[0]);
      const root = c === null ? null : N.pow(c, N.HALF);
      if (root !== null) return this.product([this.number(root), this.apply('sqrt', [this.divideOut(args[0], c!)])]);
    }
    return this.make(op, args);
  }

  /** sin, cos, tan at kπ/12 for the k where the value is a rational or a rational times √2, √3. */
  private atPiMultiple(op: string, arg: Expr): Expr | null {
    if (op !== 'sin' && op !== 'cos' && op !== 'tan') return null;
    const fs = factorsOf(arg);
    if (fs.length !== 1 || fs[0].kind !== 'constant' || fs[0].name !== 'pi') return null;
    const c = coefficientOf(arg);
    if (!N.isExact(c) || 12 % c.q !== 0) return null;
    const k = (((c.p * (12 / c.q)) % 24) + 24) % 24;
    // sin(kπ/12) for k = 0, 2, 3, 4, 6, as [rational, radicand]: 0, 1/2, √2/2, √3/2, 1.
    const SIN: Record<number, [Num, number]> = { 0: [N.ZERO, 1], 2: [N.HALF, 1], 3: [N.HALF, 2], 4: [N.HALF, 3], 6: [N.ONE, 1] };
    const sinAt = (j: number): [Num, number] | null => {
      const m = ((j % 24) + 24) % 24;
      const [q, sign] = m <= 6 ? [m, 1] : m <= 12 ? [12 - m, 1] : m <= 18 ? [m - 12, -1] : [24 - m, -1];
      const v = SIN[q];
      return v ? [N.mul(v[0], N.rational(sign, 1)), v[1]] : null;
    };
    const value = (v: [Num, number]) => this.product([this.number(v[0]), v[1] === 1 ? this.number(N.ONE) : this.apply('sqrt', [this.number(N.rational(v[1], 1))])]);
    const s = sinAt(k);
    const co = sinAt(k + 6);
    if (op === 'sin') return s && value(s);
    if (op === 'cos') return co && value(co);
    if (!s || !co || N.isZero(co[0])) return null;
    // tan = sin/cos: 0, ±1, ±√3, ±√3/3 at these k.
    if (N.isZero(s[0])) return this.number(N.ZERO);
    const ratio = N.div(s[0], co[0])!;
    if (s[1] === co[1]) return this.number(ratio);
    const radicand = s[1] === 1 ? co[1] : s[1];
    const scale = s[1] === 1 ? N.div(ratio, N.rational(radicand, 1))! : ratio;
    return this.product([this.number(scale), this.apply('sqrt', [this.number(N.rational(radicand, 1))])]);
  }

  /**
   * The content c > 0 of a sum, the c that leaves coprime integer coefficients in P = sum / c, as
   * y/3 + 1/6 = (2y + 1)/6; null when c is 1, e is not a sum, or a coefficient is inexact. Sums
   * inside products and powers keep only the P, so that (y/3 + 1/6)/(y + 1/2) finds its common
   * factor; a lone c·P is distributed again. The sign stays inside: 1 - x is not -(x - 1).
   */
  private contentOf(e: Expr): Num | null {
    if (!isCall(e, ADD)) return null;
    let c: Num = N.ZERO;
    for (const t of e.args) {
      const k = coefficientOf(t);
      if (!N.isExact(k) || !N.isExact(c)) return null;
      c = N.gcdOf(c, k);
    }
    return N.isOne(c) || !N.isExact(c) ? null : c;
  }

  /** How a factor meets like factors: x^k under x with exponent k, exp(a) under e with a (the
   *  one call the kernel reads as a power: e·exp(a) = e^(1+a)). */
  private split(f: Expr): { base: Expr; exponent: Expr } {
    if (f.kind !== 'call' || (f.op !== POW && f.op !== 'exp')) return { base: f, exponent: this.number(N.ONE) };
    return f.op === POW ? { base: f.args[0], exponent: f.args[1] } : { base: this.dag.constant('e'), exponent: f.args[0] };
  }

  private divideOut(sum: Expr, c: Num): Expr {
    const inverse = this.number(N.div(N.ONE, c)!);
    return this.sum((isCall(sum, ADD) ? sum.args : [sum]).map((t) => this.product([inverse, t])));
  }

  private make(op: string, args: readonly Expr[]): Expr {
    const node = this.dag.call(op, args);
    factsOf(node);
    return this.rewrite(node);
  }
}

// Canonical form back to the binary operators the printer knows: negative terms as subtraction
// (x - 2y), negative exponents as a denominator (1 / x^2), rationals as fractions (x / 2). Shared nodes stay shared in the output.
import * as ast from '../ast';
import type { Expr } from '../ast';
import { childrenOf, postOrder, treeSize } from './dag';
import { ADD, AS_RECIPROCAL, baseOf, type Call, HELD, KEPT, coefficientOf, exponentOf, factorsOf, isCall, MUL, numOf, POW } from './forms';
import * as N from './numbers';
import type { Num } from './numbers';

/** An expression as a sign and a magnitude, so that a sum can say x - 2y for x + (-2)y. */
interface Signed {
  readonly negative: boolean;
  readonly magnitude: Expr;
  /** How the negated magnitude reads best, where that is not -(magnitude). */
  readonly negated?: Expr;
}

type Get = (node: Expr) => Signed;

export function render(root: Expr): Expr {
  const done = new Map<Expr, Signed>();
  const get: Get = (node) => done.get(node)!;
  // A held argument is printed as written, so nothing under it is rendered.
  postOrder(root, (e) => (isCall(e, HELD) || isCall(e, KEPT) ? [] : childrenOf(e)), (e) => done.set(e, signed(e, get)));
  return whole(get(root));
}

function signed(e: Expr, get: Get): Signed {
  const n = numOf(e);
  if (n !== null) return numberOf(n);
  switch (e.kind) {
    case 'number':
    case 'constant':
    case 'variable':
      return { negative: false, magnitude: e };
    case 'vector':
      return { negative: false, magnitude: ast.vector(e.items.map((i) => whole(get(i)))) };
    case 'index':
      return { negative: false, magnitude: ast.index(e.name, whole(get(e.index))) };
    case 'length':
      return { negative: false, magnitude: ast.length(whole(get(e.arg))) };
    case 'call':
      if (e.op === HELD || e.op === KEPT) return { negative: false, magnitude: e.args[0] };
      if (e.op === ADD) return { negative: false, magnitude: sum(e.args, get) };
      if (e.op === MUL || e.op === POW) return product(e, get);
      return { negative: false, magnitude: ast.call(e.op, e.args.map((a) => whole(get(a)))) };
  }
}

/** cos^-k and sin^-k print as sec^k and csc^k, the ops the kernel keeps as those powers. */
const RECIPROCALS: ReadonlyMap<string, string> = new Map([...AS_RECIPROCAL].map(([op, of]) => [of, op]));

/** Numbers print as literals, fractions as p / q with any minus on p, and 1 / 0 for Infinity. */
function numberOf(n: Num): Signed {
  const v = N.value(n);
  const fraction = (p: number, q: number): Signed => ({
    negative: v < 0,
    magnitude: ast.call('divide', [ast.num(p), ast.num(q)]),
    negated: ast.call('divide', [ast.call('unaryMinus', [ast.num(p)]), ast.num(q)]),
  });
  if (Number.isNaN(v)) return fraction(0, 0);
  if (!Number.isFinite(v)) return fraction(1, 0);
  if (Object.is(v, -0)) return { negative: true, magnitude: ast.num(0) };
  if (N.isExact(n) && n.q !== 1) return fraction(Math.abs(n.p), n.q);
  return { negative: v < 0, magnitude: ast.num(Math.abs(v)) };
}

function whole({ negative, magnitude, negated }: Signed): Expr {
  if (!negative) return magnitude;
  return negated ?? ast.call('unaryMinus', [magnitude]);
}

function sum(terms: readonly Expr[], get: Get): Expr {
  let order = terms;
  // y - x rather than -x + y, 1 - x - y rather than -x - y + 1: a lone positive term goes first
  // when it is one of two or the constant, so the order by degree still reads in longer sums.
  const positive = terms.filter((t) => !get(t).negative);
  const lone = positive.length === 1 ? positive[0] : null;
  if (lone !== null && lone !== terms[0] && (terms.length === 2 || numOf(lone) !== null)) {
    order = [lone, ...terms.filter((t) => t !== lone)];
  }
  return order.slice(1).reduce<Expr>((acc, t) => {
    const { negative, magnitude } = get(t);
    return ast.call(negative ? 'subtract' : 'add', [acc, magnitude]);
  }, whole(get(order[0])));
}

/**
 * A product or power as numerator / denominator, with the coefficient's sign kept apart; a
 * coefficient times a product with one sum in it goes into the sum where that prints smaller:
 * (4x^2 + 2) * exp(x^2), not 2exp(x^2) * (2x^2 + 1). Exact, as the coefficient is rational.
 */
function product(e: Expr, get: Get): Signed {
  const plain = plainProduct(e, get);
  const coef = isCall(e, MUL) ? coefficientOf(e) : N.ONE;
  const sums = factorsOf(e).filter((f) => isCall(f, ADD));
  // A negative one stays out: reading x·(3 - 3pi) back takes out 3 with the sign inside, 3x·(1 - pi).
  if (!isCall(e, MUL) || !N.isExact(coef) || N.isOne(coef) || N.sign(coef) < 0 || sums.length !== 1) return plain;
  const local = new Map<Expr, Signed>();
  const look: Get = (node) => local.get(node) ?? get(node);
  const terms = (sums[0] as Call).args.map((t) => {
    const k = N.mul(coefficientOf(t), coef);
    const fs = factorsOf(t);
    const term = N.isOne(k) && fs.length === 1 ? fs[0] : ast.call(MUL, [numberNode(k), ...fs]);
    if (term !== fs[0]) local.set(term, signed(term, look));
    return term;
  });
  const scaled = ast.call(ADD, terms);
  local.set(scaled, { negative: false, magnitude: sum(terms, look) });
  const other = plainProduct(ast.call(MUL, factorsOf(e).map((f) => (f === sums[0] ? scaled : f))), look);
  return treeSize(whole(other)) < treeSize(whole(plain)) ? other : plain;
}

/** A rational as the canonical literal: an integer, or divide(p, q). */
function numberNode(k: Num): Expr {
  return N.isExact(k) && k.q !== 1 ? ast.call('divide', [ast.num(k.p), ast.num(k.q)]) : ast.num(N.value(k));
}

function plainProduct(e: Expr, get: Get): Signed {
  const coef = isCall(e, MUL) ? coefficientOf(e) : N.ONE;
  const top: Expr[] = [];
  const bottom: Expr[] = [];
  if (N.isExact(coef)) {
    if (Math.abs(coef.p) !== 1) top.push(ast.num(Math.abs(coef.p)));
    if (coef.q !== 1) bottom.push(ast.num(coef.q));
  } else if (Math.abs(coef) !== 1) {
    top.push(numberOf(coef).magnitude);
  }
  for (const f of isCall(e, MUL) ? factorsOf(e) : [e]) {
    const exponent = exponentOf(f);
    if (exponent === null) {
      top.push(whole(get(f)));
      continue;
    }
    const base = whole(get(baseOf(f)));
    const n = numOf(exponent);
    const reciprocal = isCall(baseOf(f)) ? RECIPROCALS.get((baseOf(f) as { op: string }).op) : undefined;
    if (n !== null && N.sign(n) < 0 && reciprocal !== undefined) {
      // cos(x)^-2 reads sec(x)^2: the canonical form keeps sec and csc as reciprocals.
      top.push(raised(ast.call(reciprocal, (base as { args: readonly Expr[] }).args), N.neg(n)));
    } else if (n !== null) {
      if (N.sign(n) < 0) bottom.push(raised(base, N.neg(n)));
      else top.push(raised(base, n));
    } else {
      const { negative, magnitude } = get(exponent);
      (negative ? bottom : top).push(ast.call('pow', [base, magnitude]));
    }
  }
  const over = (numerator: Expr) => (bottom.length > 0 ? ast.call('divide', [numerator, chain(bottom)]) : numerator);
  if (N.sign(coef) >= 0) return { negative: false, magnitude: over(chain(top)) };
  return { negative: true, magnitude: over(chain(top)), negated: over(chain(withMinus(top))) };
}

/** The minus on the first factor, -2x * y and -cos(x) * y, rather than on the whole: -(2x * y). */
function withMinus(top: readonly Expr[]): Expr[] {
  const [first, second, ...rest] = top;
  const minus = (e: Expr) => ast.call('unaryMinus', [e]);
  if (first === undefined) return [minus(ast.num(1))];
  if (second === undefined) return [minus(first)];
  return first.kind === 'number' ? [minus(ast.call('multiply', [first, second])), ...rest] : [minus(first), second, ...rest];
}

function raised(base: Expr, n: Num): Expr {
  if (N.isOne(n)) return base;
  return ast.call('pow', [base, whole(numberOf(n))]);
}

/** Left-nested, as the parser builds `2x * y`; the empty product is 1. */
function chain(factors: readonly Expr[]): Expr {
  return factors.length === 0 ? ast.num(1) : factors.reduce((acc, f) => ast.call('multiply', [acc, f]));
}

// Any Expr into canonical form, children first and without recursion. A chain of + and - (or of
// *, / and unary minus) is gathered into one n-ary sum (product), so a sum of 1500 terms is built
// once, not 1500 times; a subexpression used twice is built once and never gathered twice.
import type { Expr } from '../ast';
import type { Canon } from './canon';
import { childrenOf, postOrder } from './dag';
import { ADD, HELD, KEPT, MUL, numOf, POW } from './forms';
import * as N from './numbers';
import { mayBeMinusZero, ZeroSigns } from './signs';
import { constantValue, decidesBySign } from './zeros';

const SUM_CHAIN = new Set([ADD, 'subtract', 'unaryMinus']);
const PRODUCT_CHAIN = new Set([MUL, 'divide', 'unaryMinus']);

/** One operand of a chain. */
interface Leaf {
  readonly node: Expr;
  /** Negated, in a sum; inverted, in a product. */
  readonly flip: boolean;
}

interface Chain {
  readonly op: typeof ADD | typeof MUL;
  readonly leaves: readonly Leaf[];
  /** Unary minuses met inside a product chain. */
  readonly negations: number;
}

const chainOp = (e: Expr, ops: ReadonlySet<string>): boolean => e.kind === 'call' && ops.has(e.op);

/**
 * The canonical form of `root` built by `canon`. Once `canon.budget` is exhausted the rest is
 * copied as it stands (operators still n-ary, nothing folded), so that a result always comes back.
 */
export function toCanonical(root: Expr, canon: Canon): Expr {
  const parents = countParents(root);
  const chains = new Map<Expr, Chain>();
  const done = new Map<Expr, Expr>();
  const constants = new Map<Expr, number | null>();
  const { dag } = canon;
  const zeros = new ZeroSigns(canon, canonicalOf, constants);

  /** A chain goes through nodes of its own family that nothing else refers to. In a sum a unary
   *  minus flips the sign of what it covers; in a product it joins the coefficient. */
  function gather(top: Expr, ops: ReadonlySet<string>): Chain {
    const op = ops === SUM_CHAIN ? ADD : MUL;
    const leaves: Leaf[] = [];
    let negations = 0;
    const stack: Leaf[] = [{ node: top, flip: false }];
    while (stack.length > 0) {
      const { node, flip } = stack.pop()!;
      const isLeaf = node !== top && !(chainOp(node, ops) && parents.get(node) === 1);
      if (isLeaf || node.kind !== 'call') {
        leaves.push({ node, flip });
        continue;
      }
      const [a, b] = node.args;
      if (node.op === 'unaryMinus') {
        if (op === ADD) stack.push({ node: a, flip: !flip });
        else {
          negations++;
          stack.push({ node: a, flip });
        }
      } else if (node.op === 'subtract' || node.op === 'divide') {
        stack.push({ node: b, flip: !flip }, { node: a, flip });
      } else {
        for (let i = node.args.length - 1; i >= 0; i--) stack.push({ node: node.args[i], flip });
      }
    }
    return { op, leaves, negations };
  }

  function operands(e: Expr): readonly Expr[] {
    const ops = chainOp(e, SUM_CHAIN) ? SUM_CHAIN : chainOp(e, PRODUCT_CHAIN) ? PRODUCT_CHAIN : null;
    if (ops === null) return childrenOf(e);
    const chain = gather(e, ops);
    chains.set(e, chain);
    return chain.leaves.map((l) => l.node);
  }

  postOrder(root, operands, (e) => {
    const kids = childrenOf(e).map((k) => done.get(k)!);
    const chain = chains.get(e);
    if (canon.budget.exhausted) {
      done.set(e, chain ? rawChain(chain) : dag.rebuild(e, kids));
    } else if (chain) {
      done.set(e, canonicalChain(chain));
    } else if (e.kind === 'number') {
      done.set(e, canon.number(N.fromLiteral(e.value)));
    } else if (e.kind === 'call' && e.op === POW && numOf(kids[1]) !== null && N.sign(numOf(kids[1])!) < 0) {
      done.set(e, reciprocal(e.args[0], kids[0], numOf(kids[1])!));
    } else if (e.kind === 'call') {
      // (±0)^k for k > 0 is a zero, whose sign decides nothing here.
      const positivePower = e.op === POW && N.sign(numOf(kids[1]) ?? 0) > 0;
      done.set(e, canon.build(e.op, kids.map((k, i) => (decidesBySign(e.op, i) && !positivePower ? signed(e.args[i], k) : k))));
    } else {
      done.set(e, dag.rebuild(e, kids));
    }
  });
  return done.get(root)!;

  /** The canonical form of a written node, also of one inside a chain (which `done` skips). */
  function canonicalOf(written: Expr): Expr {
    postOrder(written, (e) => (done.has(e) ? [] : childrenOf(e)), (e) => {
      if (!done.has(e)) done.set(e, e.kind === 'call' ? canon.build(e.op, childrenOf(e).map((k) => done.get(k)!)) : dag.rebuild(e, childrenOf(e).map((k) => done.get(k)!)));
    });
    return done.get(written)!;
  }

  /** For a place where the sign of a zero decides the value: a zero with its sign where that is
   *  a constant (x - x is +0, -(x·0)^2 is -0), `written` itself, held, where it folded to a zero
   *  whose sign follows an expression (x·0), and otherwise `canonical`. */
  function signed(written: Expr, canonical: Expr): Expr {
    if (!zeros.isZero(canonical) && constantValue(written, constants) !== 0) {
      // x + 0 is x but at x = -0, where it is +0: it stays as written.
      return zeros.hidesMinusZero(written) && mayBeMinusZero(canonical) ? dag.call(KEPT, [dag.intern(written), canonical]) : canonical;
    }
    const z = zeros.of(written);
    if (z !== null && z.factors.length === 0) return canon.number(z.negative ? -0 : N.ZERO);
    return dag.call(HELD, [dag.intern(written)]);
  }

  /** `written`^k for a number k < 0. A zero's sign decides only an odd power, and there its
   *  factors carry it: (±0·f)^k = (±0)^k·f^k, so 1/(x·0) is Infinity·x^-1; any other power of a
   *  zero is Infinity. */
  function reciprocal(written: Expr, canonical: Expr, k: N.Num): Expr {
    const exponent = canon.number(k);
    const odd = N.isInteger(k) && !N.isEvenInteger(k);
    if (!zeros.isZero(canonical) && constantValue(written, constants) !== 0) {
      const hides = odd && zeros.hidesMinusZero(written) && mayBeMinusZero(canonical);
      return canon.power(hides ? dag.call(KEPT, [dag.intern(written), canonical]) : canonical, exponent);
    }
    if (!odd) return canon.power(canon.number(N.ZERO), exponent);
    const z = zeros.of(written);
    if (z === null) return canon.power(dag.call(HELD, [dag.intern(written)]), exponent);
    return canon.product([canon.power(canon.number(z.negative ? -0 : N.ZERO), exponent), ...z.factors.map((f) => canon.power(f, exponent))]);
  }

  function canonicalChain({ op, leaves, negations }: Chain): Expr {
    const minusOne = canon.number(N.MINUS_ONE);
    const parts = leaves.map(({ node, flip }) => {
      const part = done.get(node)!;
      if (!flip) return part;
      // A denominator is where a zero's sign decides the value.
      return op === ADD ? canon.negate(part) : reciprocal(node, part, N.MINUS_ONE);
    });
    if (op === ADD) return canon.sum(parts);
    return canon.product(negations % 2 === 1 ? [minusOne, ...parts] : parts);
  }

  function rawChain({ op, leaves, negations }: Chain): Expr {
    const minusOne = dag.num(-1);
    const parts = leaves.map(({ node, flip }) => {
      const part = done.get(node)!;
      if (!flip) return part;
      return op === ADD ? dag.call(MUL, [minusOne, part]) : dag.call(POW, [part, minusOne]);
    });
    const all = op === MUL && negations % 2 === 1 ? [minusOne, ...parts] : parts;
    return all.length === 1 ? all[0] : dag.call(op, all);
  }
}

/** How many times each node is referred to from within `root`. */
function countParents(root: Expr): Map<Expr, number> {
  const parents = new Map<Expr, number>();
  postOrder(root, childrenOf, (e) => {
    for (const k of childrenOf(e)) parents.set(k, (parents.get(k) ?? 0) + 1);
  });
  return parents;
}

// Any Expr into canonical form, children first and without recursion. A chain of + and - (or of
// *, / and unary minus) is gathered into one n-ary sum (product), so a sum of 1500 terms is built
// once, not 1500 times; a subexpression used twice is built once and never gathered twice.
import type { Expr } from '../ast';
import type { Canon } from './canon';
import { childrenOf, postOrder } from './dag';
import { ADD, HELD, MUL, numOf, POW } from './forms';
import * as N from './numbers';
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
    } else if (e.kind === 'call') {
      // (±0)^k for k > 0 is a zero, whose sign decides nothing here.
      const positivePower = e.op === POW && N.sign(numOf(kids[1]) ?? 0) > 0;
      done.set(e, canon.build(e.op, kids.map((k, i) => (decidesBySign(e.op, i) && !positivePower ? signed(e.args[i], k) : k))));
    } else {
      done.set(e, dag.rebuild(e, kids));
    }
  });
  return done.get(root)!;

  /** For a place where the sign of a zero decides the value: a constant zero with its float
   *  sign (cbrt(-0) is -0), `written` itself, held, where it folded to a zero that may have had
   *  either sign (x·0), and otherwise `canonical`. */
  function signed(written: Expr, canonical: Expr): Expr {
    const v = constantValue(written, constants);
    if (v === 0) return canon.number(N.fromLiteral(v));
    return constantValue(canonical, constants) === 0 ? dag.call(HELD, [dag.intern(written)]) : canonical;
  }

  function canonicalChain({ op, leaves, negations }: Chain): Expr {
    const minusOne = canon.number(N.MINUS_ONE);
    const parts = leaves.map(({ node, flip }) => {
      const part = done.get(node)!;
      if (!flip) return part;
      // A denominator is where a zero's sign decides the value.
      return op === ADD ? canon.negate(part) : canon.power(signed(node, part), minusOne);
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

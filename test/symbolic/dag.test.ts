// Hash-consing and the two sizes: equal subtrees become one object, and a tree's size is counted
// from its DAG without ever walking the tree.
import { describe, expect, it } from 'vitest';
import * as ast from '../../src/ast';
import type { Expr } from '../../src/ast';
import { parseExpression } from '../../src/parse/parse';
import { childrenOf, Dag, dagSize, hashCons, postOrder, treeSize } from '../../src/symbolic/dag';

/** s₀ = x, sₖ₊₁ = sₖ + sₖ with both arguments one object: a tree of 2^(n+1) - 1 nodes. */
function doubling(n: number): Expr {
  let s: Expr = ast.variable('x');
  for (let k = 0; k < n; k++) s = ast.call('add', [s, s]);
  return s;
}

describe('treeSize and dagSize', () => {
  it.each([
    ['x', 1, 1],
    ['x + 1', 3, 3],
    ['sin(x) + sin(x)', 5, 3],
    ['sin(x) * sin(x) + sin(x)', 8, 4],
    ['(x + 1)^2 - (x + 1)', 9, 6],
    ['[x, x, y]', 4, 3],
    ['v[x + 1] + v[x + 1]', 9, 5],
    ['length(v) * length(v)', 5, 3],
  ])('%s: tree %i, DAG %i', (source, tree, dag) => {
    const e = parseExpression(source);
    expect(treeSize(e)).toBe(tree);
    expect(dagSize(e)).toBe(dag);
  });

  it('counts a shared tree without expanding it', () => {
    const e = doubling(1000);
    expect(dagSize(e)).toBe(1001);
    expect(treeSize(e)).toBeCloseTo(2 ** 1001, -290);
    expect(treeSize(e)).toBeGreaterThan(dagSize(e));
  });

  it('is exact while the count fits in a float64 integer', () => {
    expect(treeSize(doubling(40))).toBe(2 ** 41 - 1);
  });

  it('goes to Infinity past the float64 range, never throwing', () => {
    expect(treeSize(doubling(1500))).toBe(Infinity);
    expect(dagSize(doubling(1500))).toBe(1501);
  });
});

describe('hashCons', () => {
  it('makes structurally equal subtrees one object', () => {
    const e = hashCons(parseExpression('sin(x + 1) * sin(x + 1) + (x + 1)'));
    if (e.kind !== 'call') throw new Error('expected a call');
    const [product, sum] = e.args;
    if (product.kind !== 'call') throw new Error('expected a product');
    expect(product.args[0]).toBe(product.args[1]);
    expect(product.args[0].kind === 'call' && product.args[0].args[0]).toBe(sum);
  });

  it('keeps the meaning and drops the spans', () => {
    const source = 'x^2 - 2x*y + v[2] + length([1, x])';
    const e = parseExpression(source);
    expect(ast.stripSpans(hashCons(e))).toEqual(ast.stripSpans(e));
    expect(hashCons(e).span).toBe(ast.NO_SPAN);
  });

  it('tells 0 from -0 and leaves every number its own key', () => {
    const dag = new Dag();
    expect(dag.num(0)).not.toBe(dag.num(-0));
    expect(dag.num(NaN)).toBe(dag.num(NaN));
    expect(dag.num(0.1 + 0.2)).not.toBe(dag.num(0.3));
  });

  it('interns 1400 levels of nesting without recursion', () => {
    const deep = parseExpression(`${'sin('.repeat(1400)}x${')'.repeat(1400)}`);
    expect(dagSize(deep)).toBe(1401);
    expect(treeSize(hashCons(deep))).toBe(1401);
  });

  it('refuses a child interned elsewhere', () => {
    const other = new Dag().variable('x');
    expect(() => new Dag().call('sin', [other])).toThrow(/same Dag/);
  });
});

describe('postOrder', () => {
  it('visits each node once, children first', () => {
    const e = hashCons(parseExpression('sin(x) + sin(x) * y'));
    const seen: Expr[] = [];
    postOrder(e, childrenOf, (n) => {
      for (const k of childrenOf(n)) expect(seen).toContain(k);
      expect(seen).not.toContain(n);
      seen.push(n);
    });
    expect(seen).toHaveLength(dagSize(e));
    expect(seen[seen.length - 1]).toBe(e);
  });
});

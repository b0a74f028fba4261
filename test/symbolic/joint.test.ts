// Joint simplification: the partials of one gradient simplified as one DAG (work linear in the
// DAG however many partials read it), never a larger DAG than the chain rule built, values kept;
// and the form by regions that keeps shared nodes shared.
import { describe, expect, it } from 'vitest';
import * as ast from '../../src/ast';
import type { Expr } from '../../src/ast';
import { derive, gradientOf } from '../../src/diff/chain';
import { SymbolicDomain } from '../../src/diff/expr';
import { interpret } from '../../src/interpret/interpret';
import { parse, parseExpression } from '../../src/parse/parse';
import { dagSize, treeSize, treeSizes } from '../../src/symbolic/dag';
import { byRegions, withSymbols } from '../../src/symbolic/regions';
import { simplify, simplifyAll } from '../../src/symbolic/simplify';
import { valueAt } from './support';

/** A program of the scalar inputs `names` run on symbols, and its gradient by the chain rule. */
function gradientOfSource(source: string, names: readonly string[]): { partials: Expr[]; leaves: Expr[] } {
  const S = new SymbolicDomain();
  const leaves = names.map((n) => S.builder.leaf(ast.variable(n) as never));
  const root = interpret(parse(source), S, Object.fromEntries(names.map((n, i) => [n, leaves[i]]))) as Expr;
  return { partials: gradientOf(S, root, leaves), leaves };
}

const jointDag = (roots: readonly Expr[]) => dagSize(ast.vector(roots)) - 1;

function extremum(op: 'max' | 'min', n: number) {
  const names = Array.from({ length: n }, (_, i) => `a${i + 1}`);
  return { names, ...gradientOfSource(`${op}(${names.join(', ')})`, names) };
}

describe('simplifyAll', () => {
  it.each(['max', 'min'] as const)('keeps the one-hot partials of %s, ties to the first argument', (op) => {
    const { names, partials } = extremum(op, 6);
    const s = simplifyAll(partials);
    expect(s.complete).toBe(true);
    expect(s.exprs).toHaveLength(6);
    const points = [
      [3, 1, 4, 1, 5, 9],
      [2, 7, 1, 8, 2, 8],
      [5, 5, 5, 5, 5, 5],
      [-1, -3, -3, 0, -1, 0],
    ];
    for (const values of points) {
      const at = Object.fromEntries(names.map((n, i) => [n, values[i]]));
      const got = s.exprs.map((e) => valueAt(e, at));
      expect(got).toEqual(partials.map((e) => valueAt(e, at)));
      const best = op === 'max' ? Math.max(...values) : Math.min(...values);
      expect(got).toEqual(values.map((_, i) => (i === values.indexOf(best) ? 1 : 0)));
    }
  });

  it('spends work in proportion to the gradient of max over n arguments, not n²', () => {
    const steps = [100, 200, 400].map((n) => simplifyAll(extremum('max', n).partials).steps);
    expect(steps[1] / steps[0]).toBeLessThan(2.5);
    expect(steps[2] / steps[1]).toBeLessThan(2.5);
  });

  it('simplifies what partials share once: less work than the partials one by one', () => {
    const { partials } = extremum('max', 200);
    const jointly = simplifyAll(partials).steps;
    const oneByOne = partials.reduce((sum, p) => sum + simplify(p).steps, 0);
    expect(jointly).toBeLessThan(oneByOne);
  });

  it.each([2, 3, 4, 5, 8])('never grows the DAG of the logistic map derivative, %i steps, and shortens its tree', (k) => {
    const S = new SymbolicDomain();
    const x = S.builder.leaf(ast.variable('x') as never);
    const root = interpret(parse(`for i = 1:${k} { x = 3.7 x (1 - x) }; x`), S, { x }) as Expr;
    const raw = derive(S, root, x);
    const s = simplifyAll([raw]);
    expect(s.complete).toBe(true);
    expect(s.dagBefore).toBe(dagSize(raw));
    expect(s.dagAfter).toBe(dagSize(s.exprs[0]));
    expect(s.dagAfter).toBeLessThanOrEqual(s.dagBefore);
    expect(treeSize(s.exprs[0])).toBeLessThan(treeSize(raw));
    for (const at of [0.1, 0.37, 0.8]) {
      const [want, got] = [valueAt(raw, { x: at }) as number, valueAt(s.exprs[0], { x: at }) as number];
      expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    }
  });

  it('never grows the DAG of a gradient of many partials that share (a tanh network by hand)', () => {
    const names = ['w1', 'w2', 'w3', 'w4', 'b'];
    const source = 'h1 = tanh(w1 * 0.5 + b); h2 = tanh(w2 * 0.5 - b); o = w3 * h1 + w4 * h2; (o - 1)^2 + (w3 * h2 - 0.25)^2';
    const { partials } = gradientOfSource(source, names);
    const s = simplifyAll(partials);
    expect(s.dagAfter).toBeLessThanOrEqual(jointDag(partials));
    expect(jointDag(s.exprs)).toBe(s.dagAfter);
    const at = { w1: 0.3, w2: -0.7, w3: 1.1, w4: 0.4, b: 0.2 };
    s.exprs.forEach((e, i) => expect(valueAt(e, at) as number).toBeCloseTo(valueAt(partials[i], at) as number, 12));
  });

  it('gives one root the same result as simplify', () => {
    for (const source of ['x + x', 'sin(x)^2 + cos(x)^2', '(x^2 - 1) / (x - 1)', '2 / sqrt(x * 0)']) {
      const e = parseExpression(source);
      expect(ast.stripSpans(simplifyAll([e]).exprs[0])).toEqual(ast.stripSpans(simplify(e).expr));
    }
  });
});

describe('byRegions', () => {
  const each = (locals: readonly Expr[]) => locals.map((l) => simplify(l).expr);

  it('keeps a node shared by several roots one node, simplified once', () => {
    const shared = parseExpression('sin(x + x) * (y + y)');
    const roots = [ast.call('add', [shared, ast.num(1)]), ast.call('multiply', [shared, shared])];
    const seen: Expr[] = [];
    const out = byRegions(roots, (locals) => {
      seen.push(...locals);
      return each(locals);
    });
    // One region per shared node and per root: sin(x + x) * (y + y) is simplified once.
    expect(seen).toHaveLength(3);
    const [a, b] = out as [Extract<Expr, { kind: 'call' }>, Extract<Expr, { kind: 'call' }>];
    const inner = a.args.find((k) => k.kind === 'call' && k.op === 'multiply')!;
    expect(b.args.filter((k) => k === inner).length + b.args.filter((k) => k.kind === 'call' && k.args.includes(inner)).length).toBeGreaterThan(0);
    expect(valueAt(out[0], { x: 0.4, y: 2 })).toBeCloseTo(valueAt(roots[0], { x: 0.4, y: 2 }) as number, 12);
    expect(valueAt(out[1], { x: 0.4, y: 2 })).toBeCloseTo(valueAt(roots[1], { x: 0.4, y: 2 }) as number, 12);
  });

  it('puts a shared zero back as written where its sign decides a value (1/(x·0) at x < 0 is -Infinity)', () => {
    const zero = parseExpression('x * 0');
    const roots = [ast.call('divide', [ast.num(1), zero]), ast.call('add', [zero, ast.variable('y')])];
    const out = byRegions(roots, each);
    expect(valueAt(out[0], { x: -2 })).toBe(-Infinity);
    expect(valueAt(out[0], { x: 2 })).toBe(Infinity);
    expect(valueAt(out[1], { x: -2, y: 3 })).toBe(3);
  });

  it.each([12, 1400])('walks %i shared levels (a tree of 2^k copies) without recursion', (depth) => {
    let s: Expr = ast.variable('x');
    for (let k = 0; k < depth; k++) s = ast.call('add', [ast.call('sin', [s]), ast.call('cos', [s])]);
    const [out] = byRegions([s], each);
    expect(dagSize(out)).toBeLessThanOrEqual(dagSize(s));
    // Evaluated as a tree: only the shallow one.
    if (depth < 20) expect(valueAt(out, { x: 0.1 })).toBeCloseTo(valueAt(s, { x: 0.1 }) as number, 9);
  });
});

describe('withSymbols', () => {
  it('keeps the chosen nodes as written through a rewrite, and puts them back', () => {
    const e = parseExpression('3.7 * x * (1 - x) + 3.7 * x');
    const [out] = withSymbols([e], (n) => n.kind === 'number' && !Number.isInteger(n.value), (r) => r.map((k) => simplify(k).expr));
    expect(treeSizes([out])[0]).toBeLessThanOrEqual(treeSize(e));
    let decimals = 0;
    const walk = (n: Expr): void => {
      if (n.kind === 'number' && n.value === 3.7) decimals++;
      if (n.kind === 'call') n.args.forEach(walk);
    };
    walk(out);
    expect(decimals).toBeGreaterThan(0);
    expect(valueAt(out, { x: 0.3 }) as number).toBeCloseTo(valueAt(e, { x: 0.3 }) as number, 12);
  });
});

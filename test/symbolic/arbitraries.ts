// Random expressions over x and y for the simplifier's properties, built to meet its rules:
// repeated subexpressions (like terms, x/x), squares of sin and cos, and powers of powers.
import fc from 'fast-check';
import * as ast from '../../src/ast';
import type { Expr } from '../../src/ast';

const UNARY = ['unaryMinus', 'sin', 'cos', 'exp', 'log', 'sqrt', 'abs', 'tanh', 'sinh', 'cosh', 'atan', 'cbrt'];
const BINARY = ['add', 'subtract', 'multiply', 'divide'];
const EXPONENTS = [-2, -1, 2, 3, 0.5].map((v) => (v < 0 ? ast.call('unaryMinus', [ast.num(-v)]) : ast.num(v)));

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom('x', 'y').map((n) => ast.variable(n)),
  fc.constantFrom('x', 'y').map((n) => ast.variable(n)),
  fc.integer({ min: 0, max: 4 }).map((v) => ast.num(v)),
  fc.constantFrom(ast.num(0.5), ast.constant('pi'), ast.constant('e')),
);

const square = (e: Expr): Expr => ast.call('pow', [e, ast.num(2)]);

export const expressionArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie('expr');
  return {
    expr: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'expr' },
      leaf,
      fc.tuple(fc.constantFrom(...UNARY), sub).map(([op, a]) => ast.call(op, [a])),
      fc.tuple(fc.constantFrom(...BINARY), sub, sub).map(([op, a, b]) => ast.call(op, [a, b])),
      fc.tuple(sub, fc.constantFrom(...EXPONENTS)).map(([a, n]) => ast.call('pow', [a, n])),
      // Symbolic exponents over a base that is never negative: a negative base's power is defined
      // only at integer exponents, where rounding in a rewritten exponent would decide the domain.
      fc.tuple(sub, sub).map(([a, b]) => ast.call('pow', [ast.call('abs', [a]), b])),
      // The same subexpression twice: a + a, a - a, a * a, a / a, a + 2a.
      fc.tuple(fc.constantFrom(...BINARY), sub).map(([op, a]) => ast.call(op, [a, a])),
      sub.map((a) => ast.call('add', [a, ast.call('multiply', [ast.num(2), a])])),
      fc.tuple(sub, sub).map(([k, a]) => ast.call('add', [ast.call('multiply', [k, square(ast.call('sin', [a]))]), ast.call('multiply', [k, square(ast.call('cos', [a]))])])),
    ),
  };
}).expr;

/** Points where + - * are exact: multiples of 1/8 in [-3, 3]. */
export const pointArb = fc.record({
  x: fc.integer({ min: -24, max: 24 }).map((k) => k / 8),
  y: fc.integer({ min: -24, max: 24 }).map((k) => k / 8),
});

/** Expressions that meet zeros of both signs and infinities on the way: x·0, -0, 1/0, log(0),
 *  and the operations whose value the sign of a zero decides (a / b, atan2, coth, a^-1). */
const edgeLeaf: fc.Arbitrary<Expr> = fc.oneof(
  leaf,
  fc.constantFrom(ast.num(0), ast.call('unaryMinus', [ast.num(0)]), ast.call('log', [ast.num(0)]), ast.call('divide', [ast.num(1), ast.num(0)])),
);

export const edgeExpressionArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie('expr');
  return {
    expr: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'edge' },
      edgeLeaf,
      fc.tuple(fc.constantFrom('unaryMinus', 'sqrt', 'log', 'log2', 'exp', 'coth', 'cot', 'sin', 'abs', 'cbrt'), sub).map(([op, a]) => ast.call(op, [a])),
      fc.tuple(fc.constantFrom('add', 'subtract', 'multiply', 'divide', 'atan2'), sub, sub).map(([op, a, b]) => ast.call(op, [a, b])),
      fc.tuple(fc.constantFrom('multiply', 'subtract', 'divide'), sub).map(([op, a]) => ast.call(op, [a, a])),
      sub.map((a) => ast.call('multiply', [a, ast.num(0)])),
      fc.tuple(sub, fc.constantFrom(...EXPONENTS, ast.num(1 / 3), ast.num(2 / 3), ast.call('divide', [ast.num(1), ast.num(3)]))).map(([a, n]) => ast.call('pow', [a, n])),
      fc.tuple(sub, sub).map(([a, b]) => ast.call('pow', [ast.call('abs', [a]), b])),
    ),
  };
}).expr;

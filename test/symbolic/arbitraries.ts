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

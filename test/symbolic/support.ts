// What the simplifier's tests share: evaluating an Expr at a point, how well a point is posed,
// and the derivative-shaped expressions of the brief.
import * as ast from '../../src/ast';
import type { Expr } from '../../src/ast';
import { EvalError } from '../../src/errors';
import { evaluate } from '../../src/evaluate';
import { inputsOf } from '../../src/interpret/inputs';
import { PRIMITIVES } from '../../src/primitives';

export type Point = Readonly<Record<string, number>>;

/** The value of `e` at `point` (only the inputs it reads are passed), or 'error' for EvalError. */
export function valueAt(e: Expr, point: Point): number | 'error' {
  const program = ast.program([{ kind: 'expr', value: e, span: ast.NO_SPAN }]);
  const inputs = Object.fromEntries(inputsOf(program).map((u) => [u.name, point[u.name]]));
  try {
    return evaluate(program, inputs) as number;
  } catch (err) {
    if (err instanceof EvalError) return 'error';
    throw err;
  }
}

/**
 * The largest intermediate magnitude of `e` at `point` (the scale float rounding works at), or
 * null where the point is ill-posed for comparing rewrites of real-number identities: an
 * intermediate out of float range (overflow, underflow to nearly 0) or a rounding residue
 * (sin² + cos² - 1 = 1e-16), where a rewrite's different rounding may decide a pow's domain.
 * NaNs are not judged here: they are errors, which `valueAt` reports. With `infinities`, an
 * infinite intermediate is well posed (1/0, log(0) are exact).
 */
export function scaleAt(e: Expr, point: Point, infinities = false): number | null {
  let scale = 1;
  let posed = true;
  const value = (n: Expr): number => {
    const v =
      n.kind === 'number' ? n.value
      : n.kind === 'constant' ? PRIMITIVES.get(n.name)!.fn()
      : n.kind === 'variable' ? point[n.name]
      : n.kind === 'call' ? PRIMITIVES.get(n.op)!.fn(...n.args.map(value))
      : NaN;
    const size = Math.abs(v);
    if (size === Infinity ? !infinities : v !== 0 && (size < 1e-9 || size > 1e100)) posed = false;
    else if (size > scale) scale = size;
    return v;
  };
  value(e);
  return posed ? scale : null;
}

const x = ast.variable('x');
const add = (a: Expr, b: Expr): Expr => ast.call('add', [a, b]);
const mul = (a: Expr, b: Expr): Expr => ast.call('multiply', [a, b]);

/** d/dx of (x+1)(x+2)…(x+n) by the product rule: n products of n - 1 shared factors and a 1. */
export function productRuleDerivative(n: number): Expr {
  const factors = Array.from({ length: n }, (_, k) => add(x, ast.num(k + 1)));
  const one = add(ast.num(1), ast.num(0));
  return factors.map((_, i) => factors.map((f, j) => (i === j ? one : f)).reduce(mul)).reduce(add);
}

/** d/dx of sin(sin(…sin(x))), n deep, by the chain rule: a product chain of cosines. */
export function nestedSinDerivative(n: number): Expr {
  let s: Expr = x;
  let d: Expr = ast.num(1);
  for (let k = 0; k < n; k++) {
    d = mul(ast.call('cos', [s]), d);
    s = ast.call('sin', [s]);
  }
  return d;
}

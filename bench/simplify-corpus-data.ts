// The simplifier's corpus: functions of x to differentiate, taken from mathjs's derivative and
// simplify test suites (test/unit-tests/function/algebra/{derivative,simplify}.test.js) and
// SymPy's (sympy/core/tests/test_diff.py, sympy/simplify/tests/test_simplify.py,
// test_trigsimp.py, test_radsimp.py, sympy/integrals/tests: antiderivatives whose derivative
// collapses), plus hand-picked hard cases. Written in gradlab's syntax, which mathjs also reads.

export interface CorpusCase {
  readonly source: string;
  readonly from: 'mathjs' | 'sympy' | 'hand';
}

const mathjs = [
  '2x', 'sin(2x)', '5x + x + 2', '-4x', '3 x sin(x)', '5x - x - 2', 'x + sin(x) + 5x', 'x sin(x) * 5x', '2(x + x)',
  '5x * 3x', '7x / 2', '5 / (3x)', '(2x) / (3x + 2)', '0^(2^x + x^3 + 2)', '1^(2^x + x^3 + 2)', '10^(2x + 2)', '(x^x^x^x)^0',
  '(x+2)^1', '2x^2', '2x^-2', '(x^3 + x)^(5x + 2)', '-x', '1 - (-x)', 'cbrt(6x)', 'sqrt(6x)', 'nthRoot(6x, 3)', 'log(6x)',
  'log10(6x)', 'log(6x, 10)', 'log(2x, 3x)', 'log(x)', 'cos(2x)', 'tan(2x)', 'sec(2x)', 'csc(2x)', 'cot(2x)', 'asin(2x)',
  'acos(2x)', 'atan(2x)', 'asec(2x)', 'acsc(2x)', 'acot(2x)', 'sinh(2x)', 'cosh(2x)', 'tanh(2x)', 'sech(2x)', 'csch(2x)',
  'coth(2x)', 'asinh(2x)', 'acosh(2x)', 'atanh(2x)', 'asech(2x)', 'acsch(2x)', 'acoth(2x)', 'abs(2x)', 'pow(10, 2x + 2)',
  '2 pow(x, 2)', 'pow(x^3 + x, 5x + 2)', 'exp(2x)', 'x + log(y) y', 'x + log(y) x', 'x^2 + x y + y^2', '2x^3', 'x^2',
  'nthRoot(6x, 2x)',
  // simplify.test.js, as functions of x to differentiate
  '(x^2)^3', '2(x^2)^3', 'x^(2+3)', 'x^2^3', 'x+1+x', 'x^2+x-3+x^2', '-(x+y)', '-(x y)', '-(x+y+x+y)', '2(x+1)+(x+1)',
  'y x^2+2x^2', 'x^2 y^3 z - y z x^2 y', '(x z^2 + y z)/z^4', '(x^2 y + z y)/y^4', '(x^2 + 2x) x', 'x + y/z',
  'x y (-x)/(x^2)', 'x/2 x', '(x^y)^z', '8 x^9 + 2 (x^3)^3', 'x/(x/y)', 'x/(y/z)', '(x + 1)/((x + 1)/(z + 3))',
  '(x + 1)/((y + 2)/(z + 3))', 'x - (y - (y - x))', '10 - (x - 2)', '0.1 x', 'y + 0.1 x', 'x^2 y^2 - (x y)^2',
  '(x^2 - 1)/(x - 1)', '(x + 1)^2 / (x + 1)', 'x^(1/2) x^(3/2)', 'exp(log(x)) + x', '(1 + x)^2 - 2x',
];

const sympy = [
  // test_diff.py
  '3 (-2 + x^2) cos(x) + x (-6 + x^2) sin(x)', '(x + 1)^3', 'x (x + 1)^3', '2 exp(x x) x', 'x y + sin(y^5)', 'tan(x)',
  'x log(x) - x', 'log(sin(x))', '2^x / log(2)', 'x^5', 'exp(x^2)', 'sin(x) cos(x)', 'x^x', 'log(x)^2', 'sqrt(x^2 + 1)',
  // test_simplify.py / test_trigsimp.py / test_radsimp.py: functions whose derivatives simplify far
  'x / (x + 1)', '(x^2 - 4) / (x + 2)', '1 / (x^2 - 1)', 'x / sqrt(x^2 + 1)', 'sin(x)^2', 'cos(x)^2', 'sin(x)^2 + cos(x)^2',
  'tan(x) cos(x)', 'sin(x) / cos(x)', '1 - sin(x)^2', 'sec(x) cos(x)', 'sin(x) cos(x) / sqrt(cos(x))', 'sin(x)^4 - cos(x)^4',
  'exp(x) / (1 + exp(x))', 'log(exp(x) + 1)', '1 / (1 + exp(-x))', 'tanh(x)^2', 'cosh(x)^2 - sinh(x)^2', 'x exp(x) - exp(x)',
  'sqrt(x) / x', 'x^2 log(x)', 'atan(x) + atan(1/x)', 'asin(x) + acos(x)', 'log(x^2)', 'log(2x) - log(x)', 'exp(2log(x))',
  'sin(x + pi)', 'cos(pi/2 - x)', 'sin(2x) / (2 sin(x))', 'sin(x) cos(x) * 2', '(x^3 - 1) / (x - 1)', '(x^2 + 2x + 1) / (x + 1)',
  'x^2 / (x^2 + 1)', '1 / x + 1 / x^2', 'x / (x^2 + 2x + 1)', '(x - 1) / (x + 1)', 'sqrt(1 - x^2)', 'asin(x / 4)',
  // sympy/integrals/tests: antiderivatives, whose derivative is the (small) integrand
  'x asin(x) + sqrt(1 - x^2)', 'x atan(x) - log(x^2 + 1)/2', 'x log(x)^2 - 2x log(x) + 2x', 'exp(x) (x^2 - 2x + 2)',
  '(sin(x) - cos(x)) exp(x) / 2', 'x^2 sin(x) + 2x cos(x) - 2sin(x)', 'log(x + sqrt(x^2 + 1))', 'x^3 / 3 - x^2 / 2 + x',
  'sqrt(x^2 + 4) x / 2 + 2 log(x + sqrt(x^2 + 4))', 'x sqrt(16 - x^2) / 2 + 8 asin(x / 4)',
  '2x - sqrt(16 - x^2) asin(x/4) + sqrt(16 - x^2) acos(x/4) + x asin(x/4) acos(x/4)', 'atan(x / 2) / 2',
  '-1/(2 (x^2 + 1))', 'log(x - 1) - log(x + 1)', 'x / 2 - sin(2x) / 4', 'tan(x) - x', '-cos(x)^3 / 3 + cos(x)^5 / 5',
  'sin(x)^3 / 3', 'log(cos(x))', 'x^2 exp(x) - 2x exp(x) + 2exp(x)', '2^x x log(2) / log(2)^2 - 2^x / log(2)^2',
];

const hand = [
  '(x^2 + 1)^2 - (x^2 - 1)^2', 'x^10', '(1 + x)^7', '1 / (1 + 1 / (1 + 1 / x))', 'x / (x + 1) / (x + 2)', '(1 - x)^-2',
  'exp(sin(x)) log(2 + cos(x))', 'log(x, x + 1)', 'sin(cos(tan(x)))', 'x sin(1/x)', 'tan(x)^2 - sec(x)^2', 'sin(pi x)',
  'cos(x)^3 sin(x)', 'sinh(x) cosh(x)', 'x^2 sin(x) / (1 + exp(x))', '5x (x cos(x) + sin(x))', 'x^(1/x)', 'sqrt(1 + sqrt(x))',
  'x^2 cos(x) - 6x^2 + x', '(2x + 1) / (3x^2 + x + 5)', 'x / (1 + x^2)', '(x^2 - 1) / (x^2 + 1)', 'exp(-x^2)',
  'log(1 + x^2)', '1 / sqrt(1 - x^2)', 'sin(x)^2 cos(x)^2', 'x^3 cos(x)', 'acos(x) asin(x)', 'exp(x) sin(x) cos(x)',
  'sqrt(x^2 + 4) + sqrt(x^2 / 4 + 1)', '1 / (x^2 sqrt(1/x^2 - 1))', 'x exp(x^2)', 'sin(pi / 6) x + cos(pi / 3) x',
];

export const CORPUS: readonly CorpusCase[] = [
  ...mathjs.map((source) => ({ source, from: 'mathjs' as const })),
  ...sympy.map((source) => ({ source, from: 'sympy' as const })),
  ...hand.map((source) => ({ source, from: 'hand' as const })),
];

/** mathjs's simplify test inputs that gradlab reads, kept to check that simplify keeps their value. */
export const MATHJS_SIMPLIFY: readonly string[] = [
  '3+2/4+2*8', 'x+1+x', 'x+1+2x', 'x^2+x-3+x^2', '(x^2)^3', '2*(x^2)^3', 'x^(2+3)', 'x^2^3', '3*4', '3+2/4', '-(x+y)',
  '-(x*y)', '-(x+y+x+y)', '(x-y)', '0+(x-y)', '-(x-y)', '-1 * (x-y)', 'x + y + x + 2y', '(-1)*4', '(-1)*x', '--2', '0 - -1',
  '0 - -x', '0----x', '1 - -x', '0 - (-x)', '-(-x)', '0 - (x - y)', '2 + -3', '2 - 3', '2 - -3', 'x - -x', '1e-10',
  '0.2 * 1e-14', '1 - 1e-10', '1 + 1e-10', '1e-10 / 2', '(1e-5)^2', 'min(1, -1e-10)', 'max(1e-10, -1)', '3+sin(4)', 'x+x',
  '2x+x', '2(x+1)+(x+1)', '2(x+1)+x+1', 'y*x^2+2*x^2', 'x*y + y*x', 'x*y - y*x', 'x^2*y^3*z - y*z*y*x^2*y',
  'x^2*y^3*z - y*z*x^2*y', 'x^2+x+3+x^2', 'x-1+x', '2-(x+1)', 'x-1-2x+2', '10 - (x - 2)', 'x - (y + x)', 'x - (y - y + x)',
  'x - (y - (y - x))', '5 + (5 * x) - (3 * x) + 2', 'x^2*y^2 - (x*y)^2', '(x*z^2 + y*z)/z^4', '(x^2*y + z*y)/y^4', '6x/3x',
  '-28y/-4y', '-28*(z/-4z)', '(x^2 + 2x)*x', 'x + y/z', 'x*y*-x/(x^2)', 'x/2*x', 'x*2*x', '(x^y)^z', '8 * x ^ 9 + 2 * (x ^ 3) ^ 3',
  '2n - 1', '16n - 1', '16n / 1', '8 / 5n', '8n - 4n', '8 - 4n', '8 - n', 'x/(x/y)', 'x/(y/z)', '(x + 1)/((x + 1)/(z + 3))',
  '(x + 1)/((y + 2)/(z + 3))', 'x+0', 'x-0', '0.1*x', 'y+0.1*x', '0.00125', '0.4', '100.8', 'x*y*x^(-1)', 'x^2*x^3',
  'x*x^(-1)', '1/(1+exp(-x))', 'sin(x)^2+cos(x)^2', 'x^3+x^2-x-1', 'log(e)', 'sin(pi*x)', 'x*y/x', '(x+1)^2/(x+1)',
];

// The simplifier's identities, one line each in the gradlab language, tried in order at every node
// the kernel builds. `a`–`d` match any subexpression, `n` and `m` only a number.
//
// A rule must keep the value wherever its left side is defined and must never turn a defined
// value into NaN. A NaN is an error in gradlab (evaluate throws 'domain'), so `exp(log(a)) = a` may
// drop the a ≤ 0 where the left side fails; `log(a^2) = 2log(a)` may not, since log(a^2) is defined
// at a = -1 and 2log(-1) is not.
//
// The algebra of + * ^ is the kernel's (canon.ts), not rules: x + 0, x·1, x·0, x^1, x^0, --x, like
// terms and like factors (exp(a)·exp(b) among them, as e^a·e^b), exact constant folding,
// (a^k)^e = a^(ke) where it holds, (a^2)^(1/2) = |a|.
import { PRIMITIVES } from '../primitives';
import { coefficientOf, isNegative, numOf } from './forms';
import * as N from './numbers';
import type { Bindings, Rule } from './pattern';
import { isFiniteWhereInputsAre, isPlain } from './zeros';

/** sqrt(a)^n = a^(n/2) for even n, unless n/2 is odd and negative and a may be -0. */
const sqrtPower = (m: Bindings) => {
  const n = numOf(m.get('n')!)!;
  return N.isEvenInteger(n) && (N.sign(n) > 0 || N.isEvenInteger(N.mul(n, N.HALF)) || isPlain(m.get('a')!));
};
const finite = (v: string) => (m: Bindings) => isFiniteWhereInputsAre(m.get(v)!);
const negative = (v: string) => (m: Bindings) => isNegative(m.get(v)!);
/** b = 2k·x for an integer k, where a half angle reads no longer: cos(2x), not cos(x). */
const evenCoefficient = (v: string) => (m: Bindings) => numOf(m.get(v)!) !== null || N.isEvenInteger(coefficientOf(m.get(v)!));
const evenInteger = (v: string) => (m: Bindings) => N.isEvenInteger(numOf(m.get(v)!)!);
const integer = (v: string) => (m: Bindings) => Number.isInteger(N.value(numOf(m.get(v)!)!));
const halfOdd = (v: string) => (m: Bindings) => Number.isInteger(N.value(numOf(m.get(v)!)!) + 0.5);
const negativeNumber = (v: string) => (m: Bindings) => N.sign(numOf(m.get(v)!)!) < 0;
const multipleOf3 = (v: string) => (m: Bindings) => N.isInteger(N.mul(numOf(m.get(v)!)!, { p: 1, q: 3 }));
const notEvenInteger = (v: string) => (m: Bindings) => !N.isEvenInteger(numOf(m.get(v)!)!);
/** log(a^n) = n·log(a) for odd n > 0; for other n not even, where a is an input (never -Infinity
 *  or -0, where log((-0)^-1) is log(-Infinity) and log((-Infinity)^-1) is log(-0) = -Infinity). */
const logPower = (m: Bindings) => {
  const n = numOf(m.get('n')!)!;
  if (N.isEvenInteger(n)) return false;
  return (N.isInteger(n) && N.sign(n) > 0) || isPlain(m.get('a')!);
};

// Symmetries and inverses are the rows' facts. Special case: the operators' facts are the kernel's
// algebra (--a = a), not rules.
const NAMED = [...PRIMITIVES.values()].filter((p) => !p.operator);
const ODD = NAMED.filter((p) => p.parity === 'odd').map((p) => p.name);
const EVEN = NAMED.filter((p) => p.parity === 'even').map((p) => p.name);
const INVERSES = NAMED.filter((p) => p.inverse !== undefined).map((p) => [p.name, p.inverse!] as const);

// prettier-ignore
export const RULES: readonly Rule[] = [
  // A constant's value (a number's, as sin 0 = 0 and log 1 = 0, is its row's fold, in the kernel).
  { name: 'log-e',         from: 'log(e)',                     to: '1' },
  // Symmetry: pull the sign out of odd functions, drop it inside even ones.
  ...ODD.map((f) => ({ name: `${f}-odd`, from: `${f}(a)`, to: `-${f}(-a)`, where: negative('a') })),              // f(-a) = -f(a)
  ...EVEN.map((f) => ({ name: `${f}-even`, from: `${f}(a)`, to: `${f}(-a)`, where: negative('a') })),             // f(-a) = f(a)
  // Inverse pairs, each defined where the inner function is (exp(log(a)) needs a > 0, as log(a) does).
  ...INVERSES.map(([f, g]) => ({ name: `${f}-${g}`, from: `${f}(${g}(a))`, to: 'a' })),                           // f(f⁻¹(a)) = a
  { name: 'cbrt-power',    from: 'cbrt(a)^n',                  to: 'a^(n/3)', where: multipleOf3('n') },
  { name: 'cube-cbrt',     from: 'cbrt(a^3)',                  to: 'a' },
  // Exponentials and logarithms.
  { name: 'e-power',       from: 'e^a',                        to: 'exp(a)' },
  { name: 'exp-power',     from: 'exp(a)^b',                   to: 'exp(a*b)', where: finite('a') },                // (e^a)^b = e^(ab) since e^a > 0; not at a = ∞, b = 0
  { name: 'exp-log-power', from: 'exp(b*log(a))',              to: 'a^b' },                                         // needs a > 0, as log(a) does
  { name: 'log-power',     from: 'log(a^n)',                   to: 'n*log(a)', where: logPower },                  // a^n > 0 forces a > 0, or a = -0 for n > 0
  { name: 'log-root',      from: 'log(a^n)',                   to: 'n*log(abs(a))', where: notEvenInteger('n') },   // a^n is defined at a ≥ 0 and at a = -Infinity, -0
  // Pythagoras, with any common factor a.
  { name: 'pythagoras',    from: 'a*sin(b)^2 + a*cos(b)^2',    to: 'a' },                                           // sin² + cos² = 1
  { name: 'hyperbolic',    from: 'a*cosh(b)^2 - a*sinh(b)^2',  to: 'a' },                                           // cosh² - sinh² = 1
  // Trigonometric quotients and products, each defined where its left side is (tan x · cos x is
  // Infinity · 0 where cos x = 0, an error). sec and csc are 1/cos and 1/sin to the kernel, so
  // sec x · cos x = 1 is like factors meeting. Products of sin and cos contract to the double angle,
  // the smaller form: 2 sin x cos x = sin 2x, cos² x - sin² x = cos 2x.
  { name: 'tan-quotient',  from: 'sin(a) / cos(a)',            to: 'tan(a)' },
  { name: 'cot-quotient',  from: 'cos(a) / sin(a)',            to: 'cot(a)' },
  { name: 'tan-cos',       from: 'tan(a) * cos(a)',            to: 'sin(a)' },
  { name: 'cot-sin',       from: 'cot(a) * sin(a)',            to: 'cos(a)' },
  { name: 'cot-tan',       from: 'cot(a) * tan(a)',            to: '1' },
  { name: 'one-minus-sin', from: 'a - a*sin(b)^2',             to: 'a*cos(b)^2' },                                  // 1 - sin² = cos²
  { name: 'one-minus-cos', from: 'a - a*cos(b)^2',             to: 'a*sin(b)^2' },
  { name: 'one-plus-tan',  from: 'a*tan(b)^2 + a',             to: 'a*sec(b)^2' },                                  // 1 + tan² = sec²
  { name: 'sec-tan',       from: 'a*sec(b)^2 - a*tan(b)^2',    to: 'a' },
  { name: 'double-sin',    from: '2*sin(a)*cos(a)',            to: 'sin(2a)' },
  { name: 'double-cos',    from: 'a*cos(b)^2 - a*sin(b)^2',    to: 'a*cos(2b)' },
  { name: 'half-sin',      from: 'a - a*cos(b)',               to: '2a*sin(b/2)^2', where: evenCoefficient('b') },  // 1 - cos 2x = 2 sin² x
  { name: 'half-cos',      from: 'a + a*cos(b)',               to: '2a*cos(b/2)^2', where: evenCoefficient('b') },  // 1 + cos 2x = 2 cos² x
  { name: 'double-over-sin', from: 'sin(2a) * sin(a)^n',       to: '2cos(a)*sin(a)^(n+1)', where: negativeNumber('n') },  // sin 2a / sin a = 2cos a; 0/0 where sin a = 0
  { name: 'double-minus-cos', from: 'a*cos(2b) - a*cos(b)^2',  to: '-a*sin(b)^2' },                                 // cos 2x - cos² x = -sin² x
  { name: 'double-plus-sin', from: 'a*cos(2b) + a*sin(b)^2',   to: 'a*cos(b)^2' },                                  // cos 2x + sin² x = cos² x
  { name: 'double-and-sin', from: 'n*cos(2b) + m*sin(b)^2',   to: 'n + (m - 2n)*sin(b)^2' },                       // cos 2x = 1 - 2sin² x, where sin² is there
  { name: 'double-and-cos', from: 'n*cos(2b) + m*cos(b)^2',   to: '(m + 2n)*cos(b)^2 - n' },                       // cos 2x = 2cos² x - 1, where cos² is there
  { name: 'one-minus-tanh', from: 'a - a*tanh(b)^2',           to: 'a*sech(b)^2' },                                 // 1 - tanh² = sech²
  { name: 'coth-minus-one', from: 'a*coth(b)^2 - a',           to: 'a*csch(b)^2' },                                 // coth² - 1 = csch², Infinity at 0 both
  { name: 'one-plus-cot',  from: 'a*cot(b)^2 + a',             to: 'a*csc(b)^2' },                                  // 1 + cot² = csc², Infinity at 0 both
  // Shifts by multiples of π/2: sin(x + π/2) = cos x, cos(x + π) = -cos x, tan(x + π/2) = -cot x.
  { name: 'sin-shift',     from: 'sin(a + n*pi)',              to: '(-1)^n * sin(a)', where: integer('n') },
  { name: 'sin-quarter',   from: 'sin(a + n*pi)',              to: '(-1)^(n - 1/2) * cos(a)', where: halfOdd('n') },
  { name: 'cos-shift',     from: 'cos(a + n*pi)',              to: '(-1)^n * cos(a)', where: integer('n') },
  { name: 'cos-quarter',   from: 'cos(a + n*pi)',              to: '(-1)^(n + 1/2) * sin(a)', where: halfOdd('n') },
  { name: 'tan-shift',     from: 'tan(a + n*pi)',              to: 'tan(a)', where: integer('n') },
  { name: 'tan-quarter',   from: 'tan(a + n*pi)',              to: '-cot(a)', where: halfOdd('n') },
  { name: 'double-sinh',   from: '2*sinh(a)*cosh(a)',          to: 'sinh(2a)' },
  { name: 'double-cosh',   from: 'a*cosh(b)^2 + a*sinh(b)^2',  to: 'a*cosh(2b)' },
  // Square roots: sqrt stays a function, since sqrt(-Infinity) is NaN but (-Infinity)^(1/2) is not.
  { name: 'sqrt-even-power', from: 'sqrt(a)^n',                to: 'a^(n/2)', where: sqrtPower },                   // needs a ≥ 0, as sqrt(a) does
  { name: 'sqrt-reciprocal', from: 'sqrt(a)^n',                to: 'abs(a)^(n/2)', where: evenInteger('n') },       // √(-0)^-2 is +∞, (-0)^-1 is -∞
  { name: 'even-power-sqrt', from: 'sqrt(a^n)',                to: 'abs(a)^(n/2)', where: evenInteger('n') },       // √(a²) = |a|
  { name: 'log-sqrt',      from: 'log(sqrt(a))',               to: 'log(a)/2' },
  { name: 'over-sqrt',     from: 'a / sqrt(a)',                to: 'sqrt(a)' },                                     // 0/0 and ∞/∞ where they differ
  { name: 'sqrt-over',     from: 'sqrt(a) / a',                to: '1/sqrt(a)' },
  { name: 'times-sqrt',    from: 'a * sqrt(a)^n',              to: 'sqrt(a)^(n+2)' },                               // 0·Infinity or ∞·0 where they differ
  // Absolute value and sign.
  { name: 'abs-abs',       from: 'abs(abs(a))',                to: 'abs(a)' },
  { name: 'abs-even-power', from: 'abs(a^n)',                  to: 'a^n', where: evenInteger('n') },
  { name: 'even-power-abs', from: 'abs(a)^n',                  to: 'a^n', where: evenInteger('n') },
  { name: 'abs-exp',       from: 'abs(exp(a))',                to: 'exp(a)' },
  { name: 'sign-abs',      from: 'sign(a) * abs(a)',           to: 'a' },                                           // sign(a)·|a| = a
];

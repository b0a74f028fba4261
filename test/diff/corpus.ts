// The differentiation corpus: expressions and programs every method must agree on, each with a
// point inside its domain and away from kinks and branch boundaries.
import type { Point } from '../../src/index';

export interface Case {
  readonly source: string;
  readonly at: Point;
  /** Set where symbolic differentiation must refuse (a loop or branch it cannot follow). */
  readonly symbolicFails?: boolean;
}

const x = (v: number) => ({ x: v });
const xy = (a: number, b: number) => ({ x: a, y: b });

const polynomials: Case[] = [
  ['2x + 3x^2 + x(6 - 2)', 1.5], ['x^3 - 2x^2 + x - 7', -0.7], ['(x - 1)(x + 2)(x - 3)', 0.4], ['x^10', 1.1],
  ['(1 + x)^7', 0.3], ['x^0 + 5', 2], ['x', 3], ['-x^2 + 4x', 2.5], ['x^2^2', 1.3], ['(2x - 1)^3 (x + 4)^2', 0.9],
  ['1/2x^2 + 1/3x^3', 1.7], ['x(x(x(x + 1) + 1) + 1)', 0.8], ['3x^4 - x^3 / 4 + 0.5x', -1.4], ['(x^2 + 1)^2 - (x^2 - 1)^2', 2.2],
].map(([s, v]) => ({ source: s as string, at: x(v as number) }));

const rational: Case[] = [
  ['1 / x', 2], ['x / (1 + x^2)', 0.5], ['(x^2 - 1) / (x^2 + 1)', 1.3], ['1 / (x - 3)^2', 1.2], ['(x + 1) / (x - 1)', 3.5],
  ['x^-3', 1.6], ['(2x + 1) / (3x^2 + x + 5)', -0.6], ['1 / (1 + 1 / (1 + 1 / x))', 0.9], ['x / (x + 1) / (x + 2)', 0.25], ['(1 - x)^-2', 0.3],
].map(([s, v]) => ({ source: s as string, at: x(v as number) }));

const expLog: Case[] = [
  ['exp(x)', 0.7], ['exp(-x^2)', 0.6], ['log(x)', 2.5], ['log(1 + x^2)', -1.1], ['x log(x) - x', 3.2], ['exp(x) / (1 + exp(x))', -0.4],
  ['log(x, 2)', 5], ['log10(x)', 40], ['log2(x^2 + 1)', 1.5], ['exp(exp(x))', 0.2], ['log(log(x))', 3], ['e^x', 1.2],
  ['2^x', 1.7], ['x^x', 1.5], ['x^(1/x)', 2.3], ['sqrt(x)', 2], ['cbrt(x)', -8.5], ['nthRoot(x, 4)', 16.2], ['nthRoot(x, 3)', -2.7],
  ['sqrt(1 + sqrt(x))', 4.1], ['exp(sin(x)) log(2 + cos(x))', 0.8], ['log(x, x + 1)', 1.9], ['pow(x, 3.5)', 1.4],
  ['log1p(x^2)', 3e-6], ['log1p(x) - log(1 + x)', 0.4], ['expm1(x) / x', 0.3], ['expm1(x^3)', 2e-4], ['expm1(-x^2)', 6.5], ['log1p(expm1(x))', -0.3],
].map(([s, v]) => ({ source: s as string, at: x(v as number) }));

const trig: Case[] = [
  ['sin(x)', 0.5], ['cos(x)', 1.2], ['tan(x)', 0.3], ['sec(x)', 0.4], ['csc(x)', 1.1], ['cot(x)', 0.7], ['sin(x)^2 + cos(x)^2', 0.9],
  ['sin(2x) cos(3x)', 0.6], ['sin(x) / x', 1.3], ['asin(x)', 0.3], ['acos(x)', -0.45], ['atan(x)', 2.1], ['asec(x)', 1.8],
  ['acsc(x)', -2.2], ['acot(x)', 0.75], ['atan2(x, 2)', 1.5], ['atan2(1, x)', -0.8], ['sin(cos(tan(x)))', 0.4], ['x sin(1/x)', 0.35],
  ['tan(x)^2 - sec(x)^2', 0.2], ['sin(pi x)', 0.15], ['cos(x)^3 sin(x)', 2.4],
].map(([s, v]) => ({ source: s as string, at: x(v as number) }));

const hyperbolic: Case[] = [
  ['sinh(x)', 0.8], ['cosh(x)', -1.1], ['tanh(x)', 0.4], ['sech(x)', 1.5], ['csch(x)', 0.9], ['coth(x)', 1.3], ['asinh(x)', 2.7],
  ['acosh(x)', 1.6], ['atanh(x)', 0.55], ['asech(x)', 0.4], ['acsch(x)', 1.7], ['acoth(x)', 2.2], ['cosh(x)^2 - sinh(x)^2', 0.8],
  ['tanh(3 tanh(2x))', 0.1],
].map(([s, v]) => ({ source: s as string, at: x(v as number) }));

const activations: Case[] = [
  ['sigmoid(x)', 0.3], ['sigmoid(-3x)', 0.9], ['softplus(x)', -1.2], ['softplus(2x - 1)', 0.8], ['relu(x)', 1.4], ['relu(x) + relu(-x)', -0.5],
  ['abs(x)', -2.5], ['abs(x^3 - 1)', 0.5], ['sign(x) x^2', 1.1], ['heaviside(x) + x', 0.7], ['max(x, 1)', 2.5], ['min(x, x^2)', 0.5],
  ['max(x, 2x, 3)', 1.1], ['hypot(x, 3)', 4], ['sigmoid(x) (1 - sigmoid(x))', 0.25], ['log(sigmoid(x))', -2],
].map(([s, v]) => ({ source: s as string, at: x(v as number) }));

const deep: Case[] = [
  ['sin(sin(sin(sin(sin(sin(sin(sin(x))))))))', 0.9], ['exp(sin(exp(sin(x))))', 0.3], ['sqrt(1 + sqrt(1 + sqrt(1 + sqrt(1 + x))))', 2],
  ['log(1 + log(1 + log(1 + x)))', 4], ['tanh(tanh(tanh(tanh(x))))', 0.5], ['1 / (1 + 1 / (1 + 1 / (1 + 1 / (1 + x))))', 0.7],
  ['((((x^2)^2)^2)^2)', 1.01], ['sigmoid(sigmoid(sigmoid(x)))', 0.2], ['cos(x + cos(x + cos(x + cos(x))))', 1.1], ['atan(atan(atan(atan(x))))', 3],
].map(([s, v]) => ({ source: s as string, at: x(v as number) }));

const multivariable: Case[] = [
  ['x^2 y + sin(x y)', xy(1.5, 2)], ['x / y', xy(3, -2)], ['exp(x - y) log(y)', xy(0.5, 2.5)], ['hypot(x, y)', xy(3, 4)],
  ['atan2(y, x)', xy(-1, 0.5)], ['(x - y)^2 + (x + y)^3', xy(0.2, 0.7)], ['x^y', xy(1.3, 2.2)], ['max(x, y)', xy(1, 2)],
  ['sqrt(x^2 + y^2 + 1)', xy(-0.3, 0.8)], ['sigmoid(w1 x1 + w2 x2 + b)', { w1: 0.5, x1: 1, w2: -0.25, x2: 2, b: 0.1 }],
  ['100(y - x^2)^2 + (1 - x)^2', xy(-1.2, 1)], ['log(x) + log(y) + log(z)', { x: 1.2, y: 3, z: 0.4 }],
  ['x y z + x^2 z - y^3', { x: 0.3, y: -1.2, z: 2 }], ['sum(x, y, z, x y z)', { x: 1, y: 2, z: 3 }], ['softplus(a - b) + tanh(a b)', { a: 0.4, b: -0.9 }],
  ['x1^2 + 2 x2^2 + 3 x3^2 + x1 x2 x3', { x1: 1, x2: -1, x3: 0.5 }], ['exp(-(x^2 + y^2) / 2) cos(x y)', xy(0.4, -0.6)],
  ['log(exp(x) + exp(y))', xy(1.2, -0.3)], ['(x + 2y) / (1 + x^2 y^2)', xy(0.7, 0.2)], ['x^2 / y + y^2 / x', xy(1.5, 0.5)],
].map(([s, at]) => ({ source: s as string, at: at as Point }));

const vectorValued: Case[] = [
  ['[x y, x + y, exp(x)]', xy(1, 2)], ['[sin(x), cos(x)]', x(0.7)], ['[x^2, x^3, x^4, x^5]', x(1.3)], ['[x / y, y / x]', xy(2, 5)],
  ['[r cos(t), r sin(t)]', { r: 2, t: 0.6 }], ['[sum(v), v[1] v[2], v[3]^2]', { v: [1, 2, 3] }],
].map(([s, at]) => ({ source: s as string, at: at as Point }));

const vectors: Case[] = [
  { source: 'sum(v)', at: { v: [1, 2, 3, 4] } },
  { source: 's = 0; for i = 1:length(v) { s = s + v[i]^2 }; s', at: { v: [0.5, -1, 2] } },
  { source: 's = 0\nfor i = 1:length(x) - 1 {\n  s = s + 100(x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s', at: { x: [-1.2, 1, -1.2, 1, 0.3] } },
  { source: 'p = 1; for i = 1:length(v) { p = p v[i] }; p', at: { v: [1.5, -2, 0.5, 3] } },
  { source: 'log(sum(exp(v[1]), exp(v[2]), exp(v[3])))', at: { v: [0.1, 0.2, 0.3] } },
  { source: 'w[2] = w[1] w[3]; w[1] + w[2] + w[3]', at: { w: [2, 0, 3] } },
  { source: 'hypot(v)', at: { v: [3, 4, 12] } },
  { source: 'max(v) + min(v)', at: { v: [3, -1, 2] } },
];

const programs: Case[] = [
  { source: 'y = x^2; z = y + sin(y); return z * x', at: x(0.8) },
  { source: 'a = x + 1\nb = a * a\nc = b / a\nc - x', at: x(2.5) },
  { source: 'for i = 1:5 { x = x - (x^2 - 2) / (2x) }; x', at: x(1.5) },
  { source: 'y = 1; for i = 1:10 { y = y * x / i }; y', at: x(2) },
  { source: 's = 0; for k = 1:8 { s = s + sin(k x) / k }; s', at: x(0.4) },
  { source: 'r = x; for i = 1:6 { r = 3.7 r (1 - r) }; r', at: x(0.3) },
  { source: 'if x > 0 { y = x^2 } else { y = -x^3 }; y', at: x(1.5) },
  { source: 'if x > 0 { y = x^2 } else { y = -x^3 }; y', at: x(-1.5) },
  { source: 'if x < 1 { y = sin(x) } else if x < 2 { y = cos(x) } else { y = x }; y', at: x(1.5) },
  { source: 'if x > 0 and y > 0 { return x y } else { return x + y }', at: xy(1, 2) },
  { source: 'if not (x > 2) { y = log(x) } else { y = exp(-x) }\ny', at: x(0.5) },
  { source: 'n = 3; if n > 2 { y = x^n } else { y = x }; y', at: x(1.2) },
  { source: 'while abs(x) > 5 {\n  x = x / 2\n}\nreturn x^2', at: x(12), symbolicFails: true },
  { source: 'while abs(x) > 5 { x = x / 2 } return x^2', at: x(3), symbolicFails: true },
  { source: 'while abs(x) > 5 { x = x / 2 } return x^2', at: x(-44), symbolicFails: true },
  { source: 'n = 0; while x > 1 { x = sqrt(x); n = n + 1 }; x + n', at: x(50), symbolicFails: true },
  { source: 'y = x; while y < 100 { y = y * 1.5 + x }; y', at: x(2.2), symbolicFails: true },
  { source: 'a = x; b = y; for i = 1:4 { t = a; a = a b; b = t + b }; a + b', at: xy(0.9, 0.4) },
  { source: 'if x y > 1 { z = log(x y) } else { z = x y - 1 }; z^2', at: xy(2, 3) },
  { source: 'v = [x, x^2, x^3]; s = 0; for i = 1:3 { s = s + v[i] / i }; s', at: x(1.1) },
  { source: 'm = max(x, y); m + (x - m)^2', at: xy(0.5, 1.5) },
  { source: 't = 0; for i = 1:3 { if t < x { t = t + x / 2 } }; t', at: x(1.2) },
  { source: 'y = 0; while y < x { y = y + 0.25 }; y x', at: x(1.1), symbolicFails: true },
];

/** A zero base: 0^f is 0 wherever f > 0, so its slope in f is 0, not 0·log(0); xlogy is that
 *  masked product as a function. */
const zeroBase: Case[] = [
  ['0^x', 1.5], ['0^(x^2 + 1) + x', 0.3], ['pow(0, x) + 2x', 0.7], ['nthRoot(0, x) + x', 2.5], ['xlogy(x, 3)', 0.7], ['xlogy(x^2, x)', 1.4],
].map(([s, v]) => ({ source: s as string, at: x(v as number) }));

export const CORPUS: readonly Case[] = [
  ...zeroBase, ...polynomials, ...rational, ...expLog, ...trig, ...hyperbolic, ...activations, ...deep, ...multivariable, ...vectorValued, ...vectors, ...programs,
];

// The primitive table: every operation gradlab knows, its float64 function and its partial
// derivatives, each stated once against a generic algebra and read by every method.
//
// A partial `(A, x, out, i)` is ∂out/∂x[i] written with the algebra `A`, so the same line builds
// a float, a dual number, a tape node, a BigNumber or a symbolic expression. `out` is the op's
// own output, reused where the rule allows (exp' = out). Partials are evaluated only for the
// arguments that carry a derivative, so `pow`'s ∂/∂y = out·log x is never formed for x^2.
//
// Non-differentiable points, one convention for all methods: abs'(0) = 0, relu'(0) = 0,
// sign' = heaviside' = 0, ties in max/min go to the first argument, sqrt'(0) = +Infinity.

/** The operations a derivative rule may use; every domain provides them. */
export interface Algebra<T> {
  lift(c: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  pow(a: T, b: T): T;
  call(op: string, ...args: T[]): T;
}

export type Partial = <T>(A: Algebra<T>, x: readonly T[], out: T, i: number) => T;

export interface Primitive {
  readonly name: string;
  /** Fixed argument count, or [min, max] with max = Infinity for n-ary ops. */
  readonly arity: number | readonly [number, number];
  readonly fn: (...x: number[]) => number;
  /** One partial per argument; an n-ary op gives one partial that reads `i`. */
  readonly d: readonly Partial[];
  /** One sentence for `--help` and the README. */
  readonly doc: string;
}

const one = <T>(A: Algebra<T>) => A.lift(1);
const zero = <T>(A: Algebra<T>) => A.lift(0);
const sq = <T>(A: Algebra<T>, a: T) => A.mul(a, a);
const recip = <T>(A: Algebra<T>, a: T) => A.div(A.lift(1), a);
/** H(a): 1 where a > 0, else 0 (so H(0) = 0). */
const step = <T>(A: Algebra<T>, a: T) => A.call('heaviside', a);
/** 1 where x[i] is the first extremum: `beats(a, b)` is 1 where a beats b strictly. A later
 *  argument wins only by beating every earlier one, so ties go to the first. */
const firstWinner = <T>(A: Algebra<T>, x: readonly T[], i: number, beats: (a: T, b: T) => T): T =>
  x.reduce((acc, xj, j) => (j === i ? acc : A.mul(acc, j < i ? beats(x[i], xj) : A.sub(A.lift(1), beats(xj, x[i])))), A.lift(1));

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Σ aᵢbᵢ over the first and second halves of the arguments (an odd count has no value). */
function dot(...x: number[]): number {
  const k = x.length / 2;
  if (!Number.isInteger(k)) return NaN;
  let s = 0;
  for (let i = 0; i < k; i++) s += x[i] * x[k + i];
  return s;
}

/** log Σ e^xᵢ, shifted by the largest xᵢ so that no exponential overflows. */
function logsumexp(...x: number[]): number {
  const m = Math.max(...x);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (const v of x) s += Math.exp(v - m);
  return m + Math.log(s);
}

function nthRoot(x: number, n: number): number {
  if (x < 0 && Number.isInteger(n) && Math.abs(n) % 2 === 1) return -Math.pow(-x, 1 / n);
  return Math.pow(x, 1 / n);
}

function row(name: string, arity: Primitive['arity'], fn: Primitive['fn'], d: readonly Partial[], doc: string): Primitive {
  return { name, arity, fn, d, doc };
}

const N = Infinity;

// prettier-ignore
const ROWS: readonly Primitive[] = [
  // Arithmetic: the operators + - * / ^ and unary minus are these calls.
  row('add',        2, (a, b) => a + b,     [one, one],                                          'a + b'),                  // d = 1, 1
  row('subtract',   2, (a, b) => a - b,     [one, (A) => A.lift(-1)],                            'a - b'),                  // d = 1, -1
  row('multiply',   2, (a, b) => a * b,     [(A, [, b]) => b, (A, [a]) => a],                    'a * b'),                  // d = b, a
  row('divide',     2, (a, b) => a / b,     [(A, [, b]) => recip(A, b), (A, [, b], o) => A.neg(A.div(o, b))], 'a / b'),     // d = 1/b, -a/b²
  row('unaryMinus', 1, (a) => -a,           [(A) => A.lift(-1)],                                 '-a'),                     // d = -1
  row('pow',        2, Math.pow,            [(A, [a, b]) => A.mul(b, A.pow(a, A.sub(b, A.lift(1)))), (A, [a], o) => A.mul(o, A.call('log', a))], 'a ^ b'), // d = b·a^(b-1), a^b·ln a
  // Constants, as nullary ops so a high-precision domain can give its own digits.
  row('pi',         0, () => Math.PI,       [],                                                  'π'),
  row('e',          0, () => Math.E,        [],                                                  "Euler's number"),
  // Exponentials and logarithms.
  row('exp',        1, Math.exp,            [(A, x, o) => o],                                    'e^x'),                    // d = exp x
  row('log',   [1, 2], (x, b) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b)),
    [(A, [x, b]) => recip(A, b === undefined ? x : A.mul(x, A.call('log', b))),                                            // d/dx = 1/(x ln b)
     (A, [, b], o) => A.neg(A.div(o, A.mul(b, A.call('log', b))))],                              'natural log; log(x, b) to base b'), // d/db = -log_b x/(b ln b)
  row('log10',      1, Math.log10,          [(A, [x]) => recip(A, A.mul(x, A.lift(Math.LN10)))], 'base-10 log'),            // d = 1/(x ln 10)
  row('log2',       1, Math.log2,           [(A, [x]) => recip(A, A.mul(x, A.lift(Math.LN2)))],  'base-2 log'),             // d = 1/(x ln 2)
  row('sqrt',       1, Math.sqrt,           [(A, x, o) => recip(A, A.mul(A.lift(2), o))],        'square root'),            // d = 1/(2√x)
  row('cbrt',       1, Math.cbrt,           [(A, x, o) => recip(A, A.mul(A.lift(3), sq(A, o)))], 'cube root'),              // d = 1/(3 ∛x²)
  row('nthRoot',[1, 2], (x, n = 2) => nthRoot(x, n),
    [(A, [, n = A.lift(2)], o) => recip(A, A.mul(n, A.pow(o, A.sub(n, A.lift(1))))),                                       // d/dx = 1/(n·out^(n-1))
     (A, [x, n], o) => A.neg(A.div(A.mul(o, A.call('log', A.call('abs', x))), sq(A, n!)))],   'real n-th root (default n = 2)'), // d/dn = -out·ln|x|/n²
  // Trigonometric.
  row('sin',        1, Math.sin,            [(A, [x]) => A.call('cos', x)],                      'sine'),                   // d = cos x
  row('cos',        1, Math.cos,            [(A, [x]) => A.neg(A.call('sin', x))],               'cosine'),                 // d = -sin x
  row('tan',        1, Math.tan,            [(A, x, o) => A.add(A.lift(1), sq(A, o))],           'tangent'),                // d = 1 + tan² x
  row('sec',        1, (x) => 1 / Math.cos(x), [(A, [x], o) => A.mul(o, A.call('tan', x))],      'secant'),                 // d = sec x tan x
  row('csc',        1, (x) => 1 / Math.sin(x), [(A, [x], o) => A.neg(A.mul(o, A.call('cot', x)))], 'cosecant'),           // d = -csc x cot x
  row('cot',        1, (x) => 1 / Math.tan(x), [(A, x, o) => A.neg(A.add(A.lift(1), sq(A, o)))], 'cotangent'),            // d = -(1 + cot² x)
  row('asin',       1, Math.asin,           [(A, [x]) => recip(A, A.call('sqrt', A.sub(A.lift(1), sq(A, x))))], 'inverse sine'),      // d = 1/√(1-x²)
  row('acos',       1, Math.acos,           [(A, [x]) => A.neg(recip(A, A.call('sqrt', A.sub(A.lift(1), sq(A, x)))))], 'inverse cosine'), // d = -1/√(1-x²)
  row('atan',       1, Math.atan,           [(A, [x]) => recip(A, A.add(A.lift(1), sq(A, x)))],  'inverse tangent'),        // d = 1/(1+x²)
  row('atan2',      2, Math.atan2,          [(A, [y, x]) => A.div(x, A.add(sq(A, x), sq(A, y))),                            // d/dy = x/(x²+y²)
                                             (A, [y, x]) => A.neg(A.div(y, A.add(sq(A, x), sq(A, y))))], 'angle of (x, y): atan2(y, x)'), // d/dx = -y/(x²+y²)
  row('asec',       1, (x) => Math.acos(1 / x), [(A, [x]) => recip(A, A.mul(sq(A, x), A.call('sqrt', A.sub(A.lift(1), recip(A, sq(A, x))))))], 'inverse secant'),      // d = 1/(x²√(1-1/x²))
  row('acsc',       1, (x) => Math.asin(1 / x), [(A, [x]) => A.neg(recip(A, A.mul(sq(A, x), A.call('sqrt', A.sub(A.lift(1), recip(A, sq(A, x)))))))], 'inverse cosecant'), // d = -1/(x²√(1-1/x²))
  row('acot',       1, (x) => Math.atan(1 / x), [(A, [x]) => A.neg(recip(A, A.add(A.lift(1), sq(A, x))))], 'inverse cotangent'), // d = -1/(1+x²)
  // Hyperbolic.
  row('sinh',       1, Math.sinh,           [(A, [x]) => A.call('cosh', x)],                     'hyperbolic sine'),        // d = cosh x
  row('cosh',       1, Math.cosh,           [(A, [x]) => A.call('sinh', x)],                     'hyperbolic cosine'),      // d = sinh x
  row('tanh',       1, Math.tanh,           [(A, x, o) => A.sub(A.lift(1), sq(A, o))],           'hyperbolic tangent'),     // d = 1 - tanh² x
  row('sech',       1, (x) => 1 / Math.cosh(x), [(A, [x], o) => A.neg(A.mul(o, A.call('tanh', x)))], 'hyperbolic secant'), // d = -sech x tanh x
  row('csch',       1, (x) => 1 / Math.sinh(x), [(A, [x], o) => A.neg(A.mul(o, A.call('coth', x)))], 'hyperbolic cosecant'), // d = -csch x coth x
  row('coth',       1, (x) => 1 / Math.tanh(x), [(A, x, o) => A.sub(A.lift(1), sq(A, o))],       'hyperbolic cotangent'),   // d = 1 - coth² x
  row('asinh',      1, Math.asinh,          [(A, [x]) => recip(A, A.call('sqrt', A.add(sq(A, x), A.lift(1))))], 'inverse hyperbolic sine'),   // d = 1/√(x²+1)
  row('acosh',      1, Math.acosh,          [(A, [x]) => recip(A, A.call('sqrt', A.sub(sq(A, x), A.lift(1))))], 'inverse hyperbolic cosine'), // d = 1/√(x²-1)
  row('atanh',      1, Math.atanh,          [(A, [x]) => recip(A, A.sub(A.lift(1), sq(A, x)))],  'inverse hyperbolic tangent'),   // d = 1/(1-x²)
  row('asech',      1, (x) => Math.acosh(1 / x), [(A, [x]) => A.neg(recip(A, A.mul(sq(A, x), A.call('sqrt', A.sub(recip(A, sq(A, x)), A.lift(1))))))], 'inverse hyperbolic secant'),   // d = -1/(x²√(1/x²-1))
  row('acsch',      1, (x) => Math.asinh(1 / x), [(A, [x]) => A.neg(recip(A, A.mul(sq(A, x), A.call('sqrt', A.add(recip(A, sq(A, x)), A.lift(1))))))], 'inverse hyperbolic cosecant'), // d = -1/(x²√(1/x²+1))
  row('acoth',      1, (x) => Math.atanh(1 / x), [(A, [x]) => recip(A, A.sub(A.lift(1), sq(A, x)))], 'inverse hyperbolic cotangent'), // d = 1/(1-x²)
  // Piecewise.
  row('abs',        1, Math.abs,            [(A, [x]) => A.call('sign', x)],                     'absolute value'),         // d = sign x, so abs'(0) = 0
  row('sign',       1, Math.sign,           [zero],                                              'sign: -1, 0 or 1'),       // d = 0 (a jump at 0)
  row('heaviside',  1, (x) => (x > 0 ? 1 : 0), [zero],                                          'step: 1 where x > 0, else 0'), // d = 0 (a jump at 0)
  row('max',   [1, N], Math.max,            [(A, x, o, i) => firstWinner(A, x, i, (a, b) => step(A, A.sub(a, b)))], 'largest argument'),  // d/dxᵢ = 1 for the first maximum
  row('min',   [1, N], Math.min,            [(A, x, o, i) => firstWinner(A, x, i, (a, b) => step(A, A.sub(b, a)))], 'smallest argument'), // d/dxᵢ = 1 for the first minimum
  row('hypot', [1, N], Math.hypot,          [(A, x, o, i) => A.div(x[i], o)],                    'Euclidean norm of the arguments'), // d/dxᵢ = xᵢ/out
  row('sum',   [1, N], (...x) => x.reduce((s, v) => s + v, 0), [one],                           'sum of the arguments'),   // d/dxᵢ = 1
  row('dot',   [2, N], dot,                 [(A, x, o, i) => x[(i + x.length / 2) % x.length]],  'dot(a, b) = Σ aᵢbᵢ of two equal halves'), // d/daᵢ = bᵢ, d/dbᵢ = aᵢ
  row('logsumexp', [1, N], logsumexp,       [(A, x, o, i) => A.call('exp', A.sub(x[i], o))],    'log Σ e^xᵢ, computed stably'), // d/dxᵢ = softmax(x)ᵢ
  // The network's activations.
  row('sigmoid',    1, sigmoid,             [(A, x, o) => A.mul(o, A.sub(A.lift(1), o))],        'logistic 1/(1+e^-x)'),    // d = σ(1 - σ)
  row('relu',       1, (x) => (x > 0 ? x : 0), [(A, [x]) => step(A, x)],                         'max(x, 0)'),              // d = H(x), so relu'(0) = 0
  row('softplus',   1, (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), [(A, [x]) => A.call('sigmoid', x)], 'log(1 + e^x)'), // d = σ(x)
];

export const PRIMITIVES: ReadonlyMap<string, Primitive> = new Map(ROWS.map((p) => [p.name, p]));

export function primitive(name: string): Primitive {
  const p = PRIMITIVES.get(name);
  if (!p) throw new Error(`no primitive '${name}' in the table`);
  return p;
}

export function arityRange(p: Primitive): readonly [number, number] {
  return typeof p.arity === 'number' ? [p.arity, p.arity] : p.arity;
}

/** The partial derivative of `p` with respect to argument `i`. */
export function partialOf(p: Primitive, i: number): Partial {
  const d = p.d[Math.min(i, p.d.length - 1)];
  if (!d) throw new Error(`'${p.name}' has no derivative rule for argument ${i + 1}; add one to the primitive table`);
  return d;
}

/** Names the user may call as functions; operators and constants are spelled otherwise. */
export const OPERATOR_NAMES = new Set(['add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'pow']);
export const CONSTANT_NAMES = new Set(['pi', 'e']);

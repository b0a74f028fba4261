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

/** Every partial of an n-ary op at once, for ops whose partials share work (an extremum's
 *  one-hot partials: linear in n together, quadratic one by one). */
export type JointPartials = <T>(A: Algebra<T>, x: readonly T[], out: T) => T[];

export interface Primitive {
  readonly name: string;
  /** Fixed argument count, or [min, max] with max = Infinity for n-ary ops. */
  readonly arity: number | readonly [number, number];
  readonly fn: (...x: number[]) => number;
  /** The same function with its arguments as one array: no spread, so an n-ary op takes a
   *  10⁶-element vector (a spread of that many arguments overflows the stack). */
  readonly apply: (x: readonly number[]) => number;
  /** One partial per argument; an n-ary op gives one partial that reads `i`. */
  readonly d: readonly Partial[];
  /** All partials at once, where that is cheaper than `d` one by one; `partials` uses it. */
  readonly joint?: JointPartials;
  /** One sentence for `--help` and the README. */
  readonly doc: string;
  /** For an op whose derivative jumps: which side of the jump the arguments are on (the sign of
   *  abs's argument, the index of max's winner). `compare`'s probe looks for a change of side
   *  within a finite-difference step. */
  readonly kink?: (x: readonly number[]) => number;
  /** How LaTeX writes a call: a command before the parenthesised arguments (`\\sin`), or the whole
   *  form from the arguments' TeX (`\\sqrt{x}`); absent, `\\operatorname{name}`. */
  readonly tex?: string | ((args: readonly string[]) => string);
  /** The operator that spells the op in source text, and how tightly it binds; the printers
   *  read these (operators are not called by name). */
  readonly operator?: { readonly symbol: string; readonly binding: Binding };
  /** The op in terms of others, for a domain without a formula of its own (sec = 1/cos); the
   *  row's float function is this identity run on float64. */
  readonly identity?: Identity;
  /** The op g with f = 1/g (sec = 1/cos), for a rewrite that reads one as the other; the row's
   *  identity is that reciprocal. */
  readonly reciprocal?: string;
  /** f(-x) = -f(x) ('odd') or f(-x) = f(x) ('even') at every x, zeros of both signs and NaN
   *  included, for a one-argument row. */
  readonly parity?: 'odd' | 'even';
  /** The op g with f(g(a)) = a wherever g(a) is defined: sin(asin a) = a for every a in [-1, 1]
   *  (asin(sin a) = a only on [-π/2, π/2], so asin names none). */
  readonly inverse?: string;
  /** Never ±Infinity at finite arguments (no pole), unless the exact value itself is beyond
   *  float64 (exp(1000)); a NaN outside the domain (sqrt(-1)) is no infinity. */
  readonly finite?: true;
  /** Never below +0 where defined: the sign bit of the value is never set (|x|, exp x; not sqrt,
   *  as sqrt(-0) = -0). */
  readonly nonNegative?: true;
  /** A NaN argument can give a value that is not NaN (pow(NaN, 0) = 1, relu(NaN) = 0); every
   *  other row is NaN wherever an argument is. */
  readonly masksNaN?: true;
  /** The value at exact (rational) arguments, exactly, where the op keeps it exact (an argument,
   *  its negation, a sign, a root of a perfect power, sin 0 = 0); null where it does not (sqrt 2). */
  readonly fold?: Fold;
}

/** Exact numbers (the simplifier's rationals), as far as a row's `fold` needs them. */
export interface Exact<T> {
  /** An integer. */
  lift(k: number): T;
  neg(a: T): T;
  sign(a: T): number;
  /** Whether `a` is exactly the integer k (a float that equals it is not exact). */
  is(a: T, k: number): boolean;
  less(a: T, b: T): boolean;
  /** a^(1/n) where that is exact, else null. */
  root(a: T, n: number): T | null;
}

export type Fold = <T>(E: Exact<T>, x: readonly T[]) => T | null;

/** Operator binding, loosest first: a + b, a * b, -a, a ^ b. */
export type Binding = 'sum' | 'product' | 'unary' | 'power';

export type Identity = <T>(A: Algebra<T>, x: readonly T[]) => T;

/** The facts of a row beyond its function and rules. */
type Facts = Pick<Primitive, 'kink' | 'tex' | 'operator' | 'parity' | 'inverse' | 'finite' | 'nonNegative' | 'masksNaN' | 'fold'>;

const one = <T>(A: Algebra<T>) => A.lift(1);
const zero = <T>(A: Algebra<T>) => A.lift(0);
const sq = <T>(A: Algebra<T>, a: T) => A.mul(a, a);
const recip = <T>(A: Algebra<T>, a: T) => A.div(A.lift(1), a);
/** H(a): 1 where a > 0, else 0 (so H(0) = 0). */
const step = <T>(A: Algebra<T>, a: T) => A.call('heaviside', a);
/** One-hot partials of an extremum: 1 for the first argument that attains `out`, 0 for the rest
 *  (so ties go to the first). `attains(xj)` is 1 where xj equals out, `before(prefix)` is 1 where
 *  the extremum of the earlier arguments, `prefix`, does not: each partial reads one running
 *  extremum, so all n cost O(n) (a product over the other arguments for each costs O(n²)). */
const firstAttaining = <T>(A: Algebra<T>, x: readonly T[], attains: (xj: T) => T, before: (prefix: T) => T, op: string): T[] => {
  const d: T[] = new Array(x.length);
  let prefix = x[0];
  d[0] = attains(x[0]);
  for (let j = 1; j < x.length; j++) {
    d[j] = A.mul(attains(x[j]), before(prefix));
    prefix = A.call(op, prefix, x[j]);
  }
  return d;
};
// out − xj ≥ 0 for a maximum, and H is 0 exactly where xj attains it. H(NaN) = 0 too, so an
// infinite maximum (∞ − ∞ is NaN) is attained, and an earlier one has taken it.
const maxPartials: JointPartials = (A, x, o) =>
  firstAttaining(A, x, (xj) => A.sub(A.lift(1), step(A, A.sub(o, xj))), (m) => step(A, A.sub(o, m)), 'max');
const minPartials: JointPartials = (A, x, o) =>
  firstAttaining(A, x, (xj) => A.sub(A.lift(1), step(A, A.sub(xj, o))), (m) => step(A, A.sub(m, o)), 'min');

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

// The n-ary functions take their arguments as one array, and loop: no spread, no recursion.

/** Σ aᵢbᵢ over the first and second halves of the arguments (an odd count has no value). */
function dot(x: readonly number[]): number {
  const k = x.length / 2;
  if (!Number.isInteger(k)) return NaN;
  let s = 0;
  for (let i = 0; i < k; i++) s += x[i] * x[k + i];
  return s;
}

function sum(x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** Pairwise Math.max and Math.min keep their NaN and signed-zero rules (max(-0, 0) = 0). */
function max(x: readonly number[]): number {
  let best = -Infinity;
  for (let i = 0; i < x.length; i++) best = Math.max(best, x[i]);
  return best;
}

function min(x: readonly number[]): number {
  let best = Infinity;
  for (let i = 0; i < x.length; i++) best = Math.min(best, x[i]);
  return best;
}

/** √Σx² scaled by the largest |x| so that nothing overflows, with the sum compensated (Kahan) as
 *  V8's Math.hypot does; Infinity if any argument is infinite, even beside a NaN. */
function hypot(x: readonly number[]): number {
  let top = 0;
  let nan = false;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a === Infinity) return Infinity;
    if (a !== a) nan = true;
    else if (a > top) top = a;
  }
  if (nan) return NaN;
  if (top === 0) return 0;
  let s = 0;
  let c = 0;
  for (let i = 0; i < x.length; i++) {
    const r = x[i] / top;
    const y = r * r - c;
    const t = s + y;
    c = t - s - y;
    s = t;
  }
  return Math.sqrt(s) * top;
}

/** log Σ e^xᵢ, shifted by the largest xᵢ so that no exponential overflows. */
function logsumexp(x: readonly number[]): number {
  const m = max(x);
  if (!Number.isFinite(m)) return m;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i] - m);
  return m + Math.log(s);
}

/** x·log(y), 0 where x = 0 and y is a number (log 0 = -Infinity would make it NaN), as
 *  torch.xlogy and scipy.special.xlogy. */
function xlogy(x: number, y: number): number {
  return x === 0 && !Number.isNaN(y) ? 0 : x * Math.log(y);
}

function nthRoot(x: number, n: number): number {
  if (x < 0 && Number.isInteger(n) && Math.abs(n) % 2 === 1) return -Math.pow(-x, 1 / n);
  return Math.pow(x, 1 / n);
}

function row(name: string, arity: number | readonly [number, number], fn: Primitive['fn'], d: readonly Partial[], doc: string, facts: Facts = {}): Primitive {
  // A few arguments at most: a spread of them is safe.
  return { name, arity, fn, apply: (x) => fn(...x), d, doc, ...facts };
}

/** The rows' own float64 functions as an algebra, for identities (read late: the table is built
 *  by then). */
const FLOAT: Algebra<number> = {
  lift: (c) => c,
  add: (a, b) => PRIMITIVES.get('add')!.fn(a, b),
  sub: (a, b) => PRIMITIVES.get('subtract')!.fn(a, b),
  mul: (a, b) => PRIMITIVES.get('multiply')!.fn(a, b),
  div: (a, b) => PRIMITIVES.get('divide')!.fn(a, b),
  neg: (a) => PRIMITIVES.get('unaryMinus')!.fn(a),
  pow: (a, b) => PRIMITIVES.get('pow')!.fn(a, b),
  call: (op, ...x) => PRIMITIVES.get(op)!.apply(x),
};

/** A one-argument row defined by an identity in other ops: its float function is the identity
 *  on float64, so the two cannot disagree. */
function defined(name: string, identity: Identity, d: readonly Partial[], doc: string, facts: Facts = {}): Primitive {
  const fn = (x: number) => identity(FLOAT, [x]);
  return { name, arity: 1, fn, apply: (x) => fn(x[0]), d, doc, identity, ...facts };
}

/** An op of x⁻¹: sec x = 1/cos x, acot x = atan(1/x). */
const ofRecip = (op: string): Identity => (A, [x]) => A.call(op, recip(A, x));
const recipOf = (op: string): Identity => (A, [x]) => recip(A, A.call(op, x));

/** Which side of 0 the (first) argument is on. */
const signSide = ([a]: readonly number[]) => Math.sign(a);
/** The index of the argument an extremum takes (ties: the first, as its partials). */
const winner = (op: string) => (x: readonly number[]) => x.indexOf(PRIMITIVES.get(op)!.apply(x));

/** sin 0 = 0, exp 0 = 1: the one exact value of a transcendental op, `v` at the integer `at`. */
const exactAt = (at: number, v: number): Fold => (E, [a]) => (E.is(a, at) ? E.lift(v) : null);
/** -r, or null where r is. */
const negated = <T>(E: Exact<T>, r: T | null): T | null => (r === null ? null : E.neg(r));

/** A row for 1/g, defined by that identity: sec = 1/cos. */
function reciprocalOf(name: string, of: string, d: readonly Partial[], doc: string, facts: Facts = {}): Primitive {
  return { ...defined(name, recipOf(of), d, doc, facts), reciprocal: of };
}

/** A row for an n-ary op, given as a function of one array of arguments; its rule is one partial
 *  that reads `i`, or joint partials (then each partial alone costs as much as all of them). */
function nary(name: string, least: number, apply: Primitive['apply'], rule: Partial | { joint: JointPartials }, doc: string, facts: Facts = {}): Primitive {
  const base = { name, arity: [least, Infinity] as const, fn: (...x: number[]) => apply(x), apply, doc, ...facts };
  if (typeof rule === 'function') return { ...base, d: [rule] };
  const { joint } = rule;
  return { ...base, d: [(A, x, o, i) => joint(A, x, o)[i]], joint };
}

// prettier-ignore
const ROWS: readonly Primitive[] = [
  // Arithmetic: the operators + - * / ^ and unary minus are these calls.
  row('add',        2, (a, b) => a + b,     [one, one],                                          'a + b', { operator: { symbol: '+', binding: 'sum' }, finite: true }),     // d = 1, 1
  row('subtract',   2, (a, b) => a - b,     [one, (A) => A.lift(-1)],                            'a - b', { operator: { symbol: '-', binding: 'sum' }, finite: true }),     // d = 1, -1
  row('multiply',   2, (a, b) => a * b,     [(A, [, b]) => b, (A, [a]) => a],                    'a * b', { operator: { symbol: '*', binding: 'product' }, finite: true }), // d = b, a
  row('divide',     2, (a, b) => a / b,     [(A, [, b]) => recip(A, b), (A, [, b], o) => A.neg(A.div(o, b))], 'a / b', { operator: { symbol: '/', binding: 'product' } }), // d = 1/b, -a/b²
  row('unaryMinus', 1, (a) => -a,           [(A) => A.lift(-1)],                                 '-a', { operator: { symbol: '-', binding: 'unary' }, parity: 'odd', inverse: 'unaryMinus', finite: true }),      // d = -1
  // ∂/∂b = a^b·ln a as xlogy: 0 where a^b is 0 (0^b for b > 0 is 0 nearby, so its slope in b is 0),
  // where the plain product would be 0·(-Infinity), NaN.
  row('pow',        2, Math.pow,            [(A, [a, b]) => A.mul(b, A.pow(a, A.sub(b, A.lift(1)))), (A, [a], o) => A.call('xlogy', o, a)], 'a ^ b', { operator: { symbol: '^', binding: 'power' }, masksNaN: true }), // d = b·a^(b-1), a^b·ln a
  // Constants, as nullary ops so a high-precision domain can give its own digits.
  row('pi',         0, () => Math.PI,       [],                                                  'π', { tex: '\\pi' }),
  row('e',          0, () => Math.E,        [],                                                  "Euler's number", { tex: 'e' }),
  // Exponentials and logarithms.
  row('exp',        1, Math.exp,            [(A, x, o) => o],                                    'e^x', { tex: '\\exp', inverse: 'log', finite: true, nonNegative: true, fold: exactAt(0, 1) }),                    // d = exp x
  row('log',   [1, 2], (x, b) => (b === undefined ? Math.log(x) : Math.log(x) / Math.log(b)),
    [(A, [x, b]) => recip(A, b === undefined ? x : A.mul(x, A.call('log', b))),                                            // d/dx = 1/(x ln b)
     (A, [, b], o) => A.neg(A.div(o, A.mul(b, A.call('log', b))))],                              'natural log; log(x, b) to base b',
    { tex: ([x, b]) => (b === undefined ? `\\ln\\left(${x}\\right)` : `\\log_{${b}}\\left(${x}\\right)`), inverse: 'exp',
      fold: (E, [x, b]) => (b === undefined && E.is(x, 1) ? E.lift(0) : null) }), // d/db = -log_b x/(b ln b)
  row('xlogy',      2, xlogy,               [(A, [, y]) => A.call('log', y), (A, [x, y]) => A.div(x, y)], 'x·log(y), 0 where x = 0 (and y is not NaN)'), // d = log y, x/y
  row('log10',      1, Math.log10,          [(A, [x]) => recip(A, A.mul(x, A.lift(Math.LN10)))], 'base-10 log', { tex: '\\log_{10}' }),            // d = 1/(x ln 10)
  row('log2',       1, Math.log2,           [(A, [x]) => recip(A, A.mul(x, A.lift(Math.LN2)))],  'base-2 log', { tex: '\\log_{2}' }),             // d = 1/(x ln 2)
  row('log1p',      1, Math.log1p,          [(A, [x]) => recip(A, A.add(A.lift(1), x))],         'log(1 + x), exact for tiny x', { tex: ([x]) => `\\ln\\left(1 + ${x}\\right)`, inverse: 'expm1', fold: exactAt(0, 0) }), // d = 1/(1 + x)
  row('expm1',      1, Math.expm1,          [(A, [x]) => A.call('exp', x)],                      'e^x - 1, exact for tiny x', { tex: ([x]) => `\\left(e^{${x}} - 1\\right)`, inverse: 'log1p', finite: true, fold: exactAt(0, 0) }),   // d = e^x (not out + 1, which loses e^x for x ≪ 0)
  row('sqrt',       1, Math.sqrt,           [(A, x, o) => recip(A, A.mul(A.lift(2), o))],        'square root', { tex: ([x]) => `\\sqrt{${x}}`, finite: true, fold: (E, [a]) => E.root(a, 2) }),            // d = 1/(2√x)
  row('cbrt',       1, Math.cbrt,           [(A, x, o) => recip(A, A.mul(A.lift(3), sq(A, o)))], 'cube root', { tex: ([x]) => `\\sqrt[3]{${x}}`, parity: 'odd', finite: true,
    fold: (E, [a]) => (E.sign(a) < 0 ? negated(E, E.root(E.neg(a), 3)) : E.root(a, 3)) }),              // d = 1/(3 ∛x²)
  row('nthRoot',[1, 2], (x, n = 2) => nthRoot(x, n),
    [(A, [, n = A.lift(2)], o) => recip(A, A.mul(n, A.pow(o, A.sub(n, A.lift(1))))),                                       // d/dx = 1/(n·out^(n-1))
     (A, [x, n], o) => A.neg(A.div(A.call('xlogy', o, A.call('abs', x)), sq(A, n!)))],     'real n-th root (default n = 2)',
    { tex: ([x, n = '2']) => `\\sqrt[${n}]{${x}}`, masksNaN: true }), // d/dn = -out·ln|x|/n²
  // Trigonometric.
  row('sin',        1, Math.sin,            [(A, [x]) => A.call('cos', x)],                      'sine', { tex: '\\sin', parity: 'odd', inverse: 'asin', finite: true, fold: exactAt(0, 0) }),                   // d = cos x
  row('cos',        1, Math.cos,            [(A, [x]) => A.neg(A.call('sin', x))],               'cosine', { tex: '\\cos', parity: 'even', inverse: 'acos', finite: true, fold: exactAt(0, 1) }),                 // d = -sin x
  row('tan',        1, Math.tan,            [(A, x, o) => A.add(A.lift(1), sq(A, o))],           'tangent', { tex: '\\tan', parity: 'odd', inverse: 'atan', fold: exactAt(0, 0) }),                // d = 1 + tan² x
  reciprocalOf('sec', 'cos',       [(A, [x], o) => A.mul(o, A.call('tan', x))],         'secant', { tex: '\\sec', parity: 'even', inverse: 'asec' }),                 // d = sec x tan x
  reciprocalOf('csc', 'sin',       [(A, [x], o) => A.neg(A.mul(o, A.call('cot', x)))],  'cosecant', { tex: '\\csc', parity: 'odd', inverse: 'acsc' }),           // d = -csc x cot x
  reciprocalOf('cot', 'tan',       [(A, x, o) => A.neg(A.add(A.lift(1), sq(A, o)))],    'cotangent', { tex: '\\cot', parity: 'odd', inverse: 'acot' }),            // d = -(1 + cot² x)
  row('asin',       1, Math.asin,           [(A, [x]) => recip(A, A.call('sqrt', A.sub(A.lift(1), sq(A, x))))], 'inverse sine', { tex: '\\arcsin', parity: 'odd', finite: true, fold: exactAt(0, 0) }),      // d = 1/√(1-x²)
  row('acos',       1, Math.acos,           [(A, [x]) => A.neg(recip(A, A.call('sqrt', A.sub(A.lift(1), sq(A, x)))))], 'inverse cosine', { tex: '\\arccos', finite: true, nonNegative: true }), // d = -1/√(1-x²)
  row('atan',       1, Math.atan,           [(A, [x]) => recip(A, A.add(A.lift(1), sq(A, x)))],  'inverse tangent', { tex: '\\arctan', parity: 'odd', finite: true, fold: exactAt(0, 0) }),        // d = 1/(1+x²)
  row('atan2',      2, Math.atan2,          [(A, [y, x]) => A.div(x, A.add(sq(A, x), sq(A, y))),                            // d/dy = x/(x²+y²)
                                             (A, [y, x]) => A.neg(A.div(y, A.add(sq(A, x), sq(A, y))))], 'angle of (x, y): atan2(y, x)', { finite: true }), // d/dx = -y/(x²+y²)
  defined('asec',   ofRecip('acos'), [(A, [x]) => recip(A, A.mul(sq(A, x), A.call('sqrt', A.sub(A.lift(1), recip(A, sq(A, x))))))], 'inverse secant', { finite: true, nonNegative: true }),      // d = 1/(x²√(1-1/x²))
  defined('acsc',   ofRecip('asin'), [(A, [x]) => A.neg(recip(A, A.mul(sq(A, x), A.call('sqrt', A.sub(A.lift(1), recip(A, sq(A, x)))))))], 'inverse cosecant', { parity: 'odd', finite: true }), // d = -1/(x²√(1-1/x²))
  defined('acot',   ofRecip('atan'), [(A, [x]) => A.neg(recip(A, A.add(A.lift(1), sq(A, x))))], 'inverse cotangent', { parity: 'odd', finite: true }), // d = -1/(1+x²)
  // Hyperbolic.
  row('sinh',       1, Math.sinh,           [(A, [x]) => A.call('cosh', x)],                     'hyperbolic sine', { tex: '\\sinh', parity: 'odd', inverse: 'asinh', finite: true, fold: exactAt(0, 0) }),        // d = cosh x
  row('cosh',       1, Math.cosh,           [(A, [x]) => A.call('sinh', x)],                     'hyperbolic cosine', { tex: '\\cosh', parity: 'even', inverse: 'acosh', finite: true, nonNegative: true, fold: exactAt(0, 1) }),      // d = sinh x
  row('tanh',       1, Math.tanh,           [(A, x, o) => A.sub(A.lift(1), sq(A, o))],           'hyperbolic tangent', { tex: '\\tanh', parity: 'odd', inverse: 'atanh', finite: true, fold: exactAt(0, 0) }),     // d = 1 - tanh² x
  reciprocalOf('sech', 'cosh',     [(A, [x], o) => A.neg(A.mul(o, A.call('tanh', x)))], 'hyperbolic secant', { parity: 'even', inverse: 'asech', finite: true, nonNegative: true }), // d = -sech x tanh x
  reciprocalOf('csch', 'sinh',     [(A, [x], o) => A.neg(A.mul(o, A.call('coth', x)))], 'hyperbolic cosecant', { parity: 'odd', inverse: 'acsch' }), // d = -csch x coth x
  reciprocalOf('coth', 'tanh',     [(A, x, o) => A.sub(A.lift(1), sq(A, o))],           'hyperbolic cotangent', { tex: '\\coth', parity: 'odd', inverse: 'acoth' }),   // d = 1 - coth² x
  row('asinh',      1, Math.asinh,          [(A, [x]) => recip(A, A.call('sqrt', A.add(sq(A, x), A.lift(1))))], 'inverse hyperbolic sine', { parity: 'odd', inverse: 'sinh', finite: true, fold: exactAt(0, 0) }),   // d = 1/√(x²+1)
  row('acosh',      1, Math.acosh,          [(A, [x]) => recip(A, A.call('sqrt', A.sub(sq(A, x), A.lift(1))))], 'inverse hyperbolic cosine', { finite: true, nonNegative: true }), // d = 1/√(x²-1)
  row('atanh',      1, Math.atanh,          [(A, [x]) => recip(A, A.sub(A.lift(1), sq(A, x)))],  'inverse hyperbolic tangent', { parity: 'odd', inverse: 'tanh', fold: exactAt(0, 0) }),   // d = 1/(1-x²)
  defined('asech',  ofRecip('acosh'), [(A, [x]) => A.neg(recip(A, A.mul(sq(A, x), A.call('sqrt', A.sub(recip(A, sq(A, x)), A.lift(1))))))], 'inverse hyperbolic secant', { nonNegative: true }),   // d = -1/(x²√(1/x²-1))
  defined('acsch',  ofRecip('asinh'), [(A, [x]) => A.neg(recip(A, A.mul(sq(A, x), A.call('sqrt', A.add(recip(A, sq(A, x)), A.lift(1))))))], 'inverse hyperbolic cosecant', { parity: 'odd', inverse: 'csch' }), // d = -1/(x²√(1/x²+1))
  defined('acoth',  ofRecip('atanh'), [(A, [x]) => recip(A, A.sub(A.lift(1), sq(A, x)))], 'inverse hyperbolic cotangent', { parity: 'odd', inverse: 'coth' }), // d = 1/(1-x²)
  // Piecewise.
  row('abs',        1, Math.abs,            [(A, [x]) => A.call('sign', x)],                     'absolute value', { kink: signSide, tex: ([x]) => `\\left|${x}\\right|`, parity: 'even', finite: true, nonNegative: true,
    fold: (E, [a]) => (E.sign(a) < 0 ? E.neg(a) : a) }),         // d = sign x, so abs'(0) = 0
  row('sign',       1, Math.sign,           [zero],                                              'sign: -1, 0 or 1', { kink: signSide, parity: 'odd', finite: true, fold: (E, [a]) => E.lift(E.sign(a)) }),       // d = 0 (a jump at 0)
  row('heaviside',  1, (x) => (x > 0 ? 1 : 0), [zero],                                          'step: 1 where x > 0, else 0', { kink: signSide, finite: true, nonNegative: true, masksNaN: true,
    fold: (E, [a]) => E.lift(E.sign(a) > 0 ? 1 : 0) }), // d = 0 (a jump at 0)
  nary('max',       1, max,              { joint: maxPartials },                               'largest argument', { kink: winner('max'), tex: '\\max', finite: true,
    fold: (E, x) => x.reduce((m, a) => (E.less(m, a) ? a : m)) }),  // d/dxᵢ = 1 for the first maximum
  nary('min',       1, min,              { joint: minPartials },                               'smallest argument', { kink: winner('min'), tex: '\\min', finite: true,
    fold: (E, x) => x.reduce((m, a) => (E.less(a, m) ? a : m)) }), // d/dxᵢ = 1 for the first minimum
  nary('hypot',     1, hypot,            (A, x, o, i) => A.div(x[i], o),                       'Euclidean norm of the arguments', { finite: true, nonNegative: true, masksNaN: true }), // d/dxᵢ = xᵢ/out
  nary('sum',       1, sum,              one,                                                  'sum of the arguments', { finite: true }),   // d/dxᵢ = 1
  nary('dot',       2, dot,              (A, x, o, i) => x[(i + x.length / 2) % x.length],     'dot(a, b) = Σ aᵢbᵢ of two equal halves', { finite: true }), // d/daᵢ = bᵢ, d/dbᵢ = aᵢ
  nary('logsumexp', 1, logsumexp,        (A, x, o, i) => A.call('exp', A.sub(x[i], o)),        'log Σ e^xᵢ, computed stably', { finite: true }), // d/dxᵢ = softmax(x)ᵢ
  // The network's activations.
  row('sigmoid',    1, sigmoid,             [(A, x, o) => A.mul(o, A.sub(A.lift(1), o))],        'logistic 1/(1+e^-x)', { finite: true, nonNegative: true }),    // d = σ(1 - σ)
  row('relu',       1, (x) => (x > 0 ? x : 0), [(A, [x]) => step(A, x)],                         'max(x, 0)', { kink: signSide, finite: true, nonNegative: true, masksNaN: true, fold: (E, [a]) => (E.sign(a) > 0 ? a : E.lift(0)) }),              // d = H(x), so relu'(0) = 0
  row('softplus',   1, (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))), [(A, [x]) => A.call('sigmoid', x)], 'log(1 + e^x)', { finite: true, nonNegative: true }), // d = σ(x)
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

/** ∂out/∂x[i] for every i where `wanted(i)` (undefined elsewhere), through the op's joint rule
 *  when it has one: what a sweep calls to take all of a node's partials in linear time. */
export function partials<T>(p: Primitive, A: Algebra<T>, x: readonly T[], out: T, wanted: (i: number) => boolean = () => true): (T | undefined)[] {
  if (p.joint) return p.joint(A, x, out);
  const d: (T | undefined)[] = new Array(x.length);
  for (let i = 0; i < x.length; i++) if (wanted(i)) d[i] = partialOf(p, i)(A, x, out, i);
  return d;
}

/** Names the user may not call as functions: operators and constants are spelled otherwise. */
export const OPERATOR_NAMES: ReadonlySet<string> = new Set(ROWS.filter((p) => p.operator).map((p) => p.name));
export const CONSTANT_NAMES: ReadonlySet<string> = new Set(ROWS.filter((p) => p.arity === 0).map((p) => p.name));

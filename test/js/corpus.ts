// JavaScript functions with their twins in gradlab's language (the same operations in the same
// order) and points to run them at: the fixtures of the JS front end's tests.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Point = Record<string, number | number[]>;

export interface Case {
  readonly name: string;
  readonly f: (...args: any[]) => unknown;
  readonly twin: string;
  readonly at: readonly Point[];
  /** f takes the point itself (a destructured parameter), not the inputs in order. */
  readonly object?: boolean;
  readonly constants?: Record<string, number | number[]>;
}

const v3 = [{ v: [0.5, 1.25, 2] }, { v: [-1.5, 0.75, 3.25] }];

export const CORPUS: readonly Case[] = [
  // Expressions
  { name: 'the Wolfram polynomial', f: (x: number) => 2 * x + 3 * x ** 2 + x * (6 - 2), twin: '2 * x + 3 * x^2 + x * (6 - 2)', at: [{ x: 1.5 }, { x: -0.3 }] },
  { name: 'x²y + sin(xy)', f: (x: number, y: number) => x * x * y + Math.sin(x * y), twin: 'x * x * y + sin(x * y)', at: [{ x: 1.5, y: 2 }] },
  { name: 'sin² + cos²', f: (x: number) => Math.sin(x) ** 2 + Math.cos(x) ** 2, twin: 'sin(x)^2 + cos(x)^2', at: [{ x: 0.7 }, { x: -2 }] },
  { name: 'softplus by hand', f: (x: number) => Math.log(1 + Math.exp(x)), twin: 'log(1 + exp(x))', at: [{ x: 0.3 }, { x: -4 }] },
  { name: 'hypot and sqrt', f: (x: number, y: number) => Math.hypot(x, y) + Math.sqrt(x * x + 1), twin: 'hypot(x, y) + sqrt(x * x + 1)', at: [{ x: 3, y: -4 }] },
  { name: 'atan2 and pi', f: (y: number, x: number) => Math.atan2(y, x) * Math.PI, twin: 'atan2(y, x) * pi', at: [{ y: 1, x: -2 }] },
  { name: 'hyperbolic', f: (x: number) => Math.tanh(x) + Math.sinh(x) / Math.cosh(x), twin: 'tanh(x) + sinh(x) / cosh(x)', at: [{ x: 0.4 }] },
  { name: 'powers both ways', f: (x: number, y: number) => x ** y + Math.pow(y, x), twin: 'x^y + pow(y, x)', at: [{ x: 1.3, y: 2.2 }] },
  { name: 'abs, sign, max', f: (x: number) => Math.abs(x) * Math.sign(x) + Math.max(x, 0), twin: 'abs(x) * sign(x) + max(x, 0)', at: [{ x: -1.2 }, { x: 2.5 }] },
  { name: 'max and min of three', f: (a: number, b: number, c: number) => Math.max(a, b, c) - Math.min(a, b, c), twin: 'max(a, b, c) - min(a, b, c)', at: [{ a: 1, b: 3, c: -2 }] },
  { name: 'cbrt, log2, log10', f: (x: number) => Math.cbrt(x) + Math.log2(x) + Math.log10(x), twin: 'cbrt(x) + log2(x) + log10(x)', at: [{ x: 1.7 }] },
  { name: 'log1p, expm1', f: (x: number) => Math.log1p(x * x) + Math.expm1(-x) / x, twin: 'log1p(x * x) + expm1(-x) / x', at: [{ x: 1e-7 }, { x: 2.3 }] },
  { name: 'inverse trigonometry', f: (x: number) => Math.asin(x) + Math.acos(x) * Math.atan(x), twin: 'asin(x) + acos(x) * atan(x)', at: [{ x: 0.3 }] },
  { name: 'inverse hyperbolic', f: (x: number) => Math.asinh(x) + Math.acosh(x + 2) + Math.atanh(x / 2), twin: 'asinh(x) + acosh(x + 2) + atanh(x / 2)', at: [{ x: 0.3 }] },
  { name: 'e^x two ways', f: (x: number) => Math.E ** x - Math.exp(x), twin: 'e^x - exp(x)', at: [{ x: 1.1 }] },
  { name: 'unary minus', f: (x: number, y: number) => -x * -y - -(x - y), twin: '-x * -y - -(x - y)', at: [{ x: 0.5, y: 2 }] },
  { name: 'division chain', f: (a: number, b: number) => a / b / (a + b), twin: 'a / b / (a + b)', at: [{ a: 3, b: 0.25 }] },
  { name: 'a ternary', f: (x: number) => (x > 0 ? x * x : -x), twin: 'if x > 0 { return x * x }\nreturn -x', at: [{ x: 1.5 }, { x: -2 }] },
  { name: 'a ternary on && ', f: (x: number, y: number) => (x > 0 && y > 0 ? x * y : x + y), twin: 'if x > 0 and y > 0 { return x * y }\nreturn x + y', at: [{ x: 1, y: 2 }, { x: 1, y: -2 }] },
  { name: 'nested ternaries', f: (x: number) => (x < -1 ? -1 : x > 1 ? 1 : x ** 3), twin: 'if x < -1 { return -1 }\nif x > 1 { return 1 }\nreturn x^3', at: [{ x: -3 }, { x: 0.5 }, { x: 4 }] },
  { name: 'Math constants', f: (x: number) => x * Math.LN2 + Math.SQRT2 * x, twin: `x * ${Math.LN2} + ${Math.SQRT2} * x`, at: [{ x: 0.9 }] },
  { name: 'function expression', f: function (x: number, y: number) { return (x - y) ** 2 / (1 + x * x); }, twin: '(x - y)^2 / (1 + x * x)', at: [{ x: 0.2, y: 1.4 }] },
  { name: 'named function (Rosenbrock)', f: function rosen(x: number, y: number) { return 100 * (y - x * x) ** 2 + (1 - x) ** 2; }, twin: '100 * (y - x * x)^2 + (1 - x)^2', at: [{ x: -1.2, y: 1 }] },
  { name: 'destructured object', f: ({ a, b }: { a: number; b: number }) => a * Math.exp(-b * a), twin: 'a * exp(-b * a)', at: [{ a: 0.5, b: 2 }], object: true },
  { name: 'destructured and renamed', f: ({ w: weight, b }: { w: number; b: number }) => weight * weight + b, twin: 'w * w + b', at: [{ w: 1.5, b: -1 }], object: true },
  { name: 'an unused parameter', f: (x: number, y: number) => 3 * x + 0 * 0, twin: 'x\ny\nreturn 3 * x + 0 * 0', at: [{ x: 2, y: 7 }] },
  { name: 'parameters used out of order', f: (x: number, y: number) => y * y + x, twin: 'x\ny\nreturn y * y + x', at: [{ x: 2, y: 3 }] },

  // Statements and loops
  { name: 'the halving loop', f: function (x: number) { while (Math.abs(x) > 5) x = x / 2; return x ** 2; }, twin: 'while abs(x) > 5 { x = x / 2 }\nreturn x^2', at: [{ x: 12 }, { x: -40 }] },
  { name: 'a counted sum of powers', f: (x: number) => { let s = 0; for (let i = 1; i <= 5; i++) { s += x ** i / i; } return s; }, twin: 's = 0\nfor i = 1:5 { s = s + x^i / i }\nreturn s', at: [{ x: 0.7 }] },
  { name: 'continue', f: (x: number) => { let s = 0; for (let i = 0; i < 6; i++) { if (i === 2) continue; s += x * i; } return s; }, twin: 's = 0\nfor i = 0:5 { if i != 2 { s = s + x * i } }\nreturn s', at: [{ x: 1.25 }] },
  { name: 'break', f: (x: number) => { let s = 1; for (let i = 0; i < 100; i++) { s = s * x; if (s > 10) break; } return s; }, twin: 's = 1\ni = 0\nwhile i < 100 {\n s = s * x\n if s > 10 { return s }\n i = i + 1\n}\nreturn s', at: [{ x: 1.7 }, { x: 0.5 }] },
  { name: 'while (true) with break', f: (x: number) => { let y = x; while (true) { y = y * 1.5; if (y > 10) break; } return y; }, twin: 'y = x\ny = y * 1.5\nwhile y <= 10 { y = y * 1.5 }\nreturn y', at: [{ x: 0.8 }] },
  { name: 'do…while', f: (x: number) => { let y = x; let n = 0; do { y = Math.sin(y) + x; n++; } while (n < 4); return y; }, twin: 'y = x\nfor n = 1:4 { y = sin(y) + x }\nreturn y', at: [{ x: 0.6 }] },
  { name: 'an early return', f: (x: number) => { if (x < 0) return -x * 2; const y = x * x; return y + 1; }, twin: 'if x < 0 { return -x * 2 }\ny = x * x\nreturn y + 1', at: [{ x: -1.5 }, { x: 2 }] },
  { name: 'a return inside a loop', f: (x: number) => { let y = x; for (let i = 0; i < 10; i++) { y = y * y - 0.5; if (Math.abs(y) > 3) return y; } return -y; }, twin: 'y = x\nfor i = 1:10 {\n y = y * y - 0.5\n if abs(y) > 3 { return y }\n}\nreturn -y', at: [{ x: 1.9 }, { x: 0.3 }] },
  { name: 'compound assignments', f: (x: number, y: number) => { let a = x; a += y; a *= x; a -= 1; a /= y; a **= 2; return a; }, twin: 'a = x\na = a + y\na = a * x\na = a - 1\na = a / y\na = a^2\nreturn a', at: [{ x: 1.5, y: 0.5 }] },
  { name: 'increments and decrements', f: (x: number) => { let n = 0; let s = 0; while (n < 3) { s += x * n; n++; } n--; return s + n; }, twin: 'n = 0\ns = 0\nwhile n < 3 { s = s + x * n\n n = n + 1 }\nn = n - 1\nreturn s + n', at: [{ x: 2.5 }] },
  { name: 'var and its loop counter after the loop', f: function (x: number) { var s = 0; for (var i = 0; i < 3; i++) { s = s + x * i; } return s + i; }, twin: 's = 0\ni = 0\nwhile i < 3 { s = s + x * i\n i = i + 1 }\nreturn s + i', at: [{ x: 1.5 }] },
  { name: 'block scoping and shadowing', f: (x: number) => { let t = x * 2; { let t = x + 1; x = t * t; } return x + t; }, twin: 't = x * 2\nu = x + 1\nx = u * u\nreturn x + t', at: [{ x: 0.5 }] },
  { name: 'if / else if / else', f: (x: number) => { let y; if (x < -1) { y = -1; } else if (x < 1) { y = x; } else { y = 1 + Math.log(x); } return y * x; }, twin: 'if x < -1 { y = -1 } else if x < 1 { y = x } else { y = 1 + log(x) }\nreturn y * x', at: [{ x: -2 }, { x: 0.5 }, { x: 3 }] },
  { name: 'the logistic map', f: (r: number) => { let x = 0.5; for (let i = 0; i < 20; i++) x = r * x * (1 - x); return x; }, twin: 'x = 0.5\nfor i = 1:20 { x = r * x * (1 - x) }\nreturn x', at: [{ r: 3.2 }] },
  { name: "Newton's square root", f: (a: number) => { let x = a; for (let k = 0; k < 6; k++) x = 0.5 * (x + a / x); return x; }, twin: 'x = a\nfor k = 1:6 { x = 0.5 * (x + a / x) }\nreturn x', at: [{ a: 2 }] },
  { name: 'a while on &&', f: (x: number) => { let y = x; let n = 0; while (n < 50 && y < 100) { y = y * 1.3 + 1; n++; } return y; }, twin: 'y = x\nn = 0\nwhile n < 50 and y < 100 { y = y * 1.3 + 1\n n = n + 1 }\nreturn y', at: [{ x: 2 }] },
  { name: 'not and or', f: (x: number, y: number) => { if (!(x > y) || y > 2) return x - y; return x * y; }, twin: 'if not (x > y) or y > 2 { return x - y }\nreturn x * y', at: [{ x: 1, y: 2 }, { x: 3, y: 1 }] },
  { name: 'a boolean variable', f: (x: number) => { const big = x > 1; let y = x; if (big) y = y / 2; return y; }, twin: 'y = x\nif x > 1 { y = y / 2 }\nreturn y', at: [{ x: 3 }, { x: 0.5 }] },
  { name: 'numeric truthiness', f: (x: number, n: number) => { let y = x; if (n) y = y * n; return y || 1; }, twin: 'y = x\nif n != 0 { y = y * n }\nif y != 0 { return y }\nreturn 1', at: [{ x: 2, n: 3 }, { x: 2, n: 0 }] },
  { name: 'a counted loop to a parameter', f: (x: number, n: number) => { let s = 0; for (let i = 0; i < n; i++) s += x / (i + 1); return s; }, twin: 's = 0\ni = 0\nwhile i < n { s = s + x / (i + 1)\n i = i + 1 }\nreturn s', at: [{ x: 1.5, n: 4 }] },

  // Arrays
  { name: 'sum by index', f: (v: number[]) => { let s = 0; for (let i = 0; i < v.length; i++) s += v[i]; return s; }, twin: 's = 0\nfor i = 1:length(v) { s = s + v[i] }\nreturn s', at: v3 },
  { name: 'dot product', f: (a: number[], b: number[]) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }, twin: 's = 0\nfor i = 1:length(a) { s = s + a[i] * b[i] }\nreturn s', at: [{ a: [1, 2, 3], b: [0.5, -1, 2] }] },
  { name: 'for…of', f: (v: number[]) => { let s = 0; for (const x of v) s += x * x; return s; }, twin: 's = 0\nfor k = 1:length(v) { s = s + v[k] * v[k] }\nreturn s', at: v3 },
  { name: 'for…of with break', f: (v: number[]) => { let s = 0; for (const x of v) { if (x < 0) break; s += Math.sqrt(x); } return s; }, twin: 's = 0\nfor k = 1:length(v) {\n if v[k] < 0 { return s }\n s = s + sqrt(v[k])\n}\nreturn s', at: [{ v: [1, 4, -1, 9] }, { v: [1, 2] }] },
  { name: 'Math.max over a spread', f: (v: number[]) => Math.max(...v) - Math.min(...v), twin: 'max(v) - min(v)', at: v3 },
  { name: 'an array returned', f: (x: number, y: number) => [x * y, x + y, Math.sin(x)], twin: '[x * y, x + y, sin(x)]', at: [{ x: 0.5, y: 2 }] },
  { name: 'new Array(n).fill and index assignment', f: (v: number[]) => { const w = new Array(3).fill(0); for (let i = 0; i < 3; i++) w[i] = v[i] * (i + 1); return w[0] + w[1] * w[2]; }, twin: 'w = [0, 0, 0]\nfor i = 1:3 { w[i] = v[i] * i }\nreturn w[1] + w[2] * w[3]', at: v3 },
  { name: 'push in a constant loop', f: (x: number) => { const out = []; for (let i = 0; i < 4; i++) out.push(x ** i); return out; }, twin: '[x^0, x^1, x^2, x^3]', at: [{ x: 1.5 }] },
  { name: 'Array.from({ length })', f: (x: number) => Array.from({ length: 3 }, (_, i) => x * i + 1), twin: '[x * 0 + 1, x * 1 + 1, x * 2 + 1]', at: [{ x: 0.5 }] },
  { name: 'map then reduce', f: (v: number[]) => v.map((x) => x * x).reduce((s, x) => s + x, 0), twin: 'm = v\nfor k = 1:length(m) { m[k] = v[k] * v[k] }\ns = 0\nfor k = 1:length(m) { s = s + m[k] }\nreturn s', at: v3 },
  { name: 'logsumexp by hand', f: (v: number[]) => { const m = Math.max(...v); let s = 0; for (const x of v) s += Math.exp(x - m); return m + Math.log(s); }, twin: 'm = max(v)\ns = 0\nfor k = 1:length(v) { s = s + exp(v[k] - m) }\nreturn m + log(s)', at: v3 },
  { name: 'Horner, counting down', f: (c: number[], x: number) => { let y = 0; for (let i = c.length - 1; i >= 0; i--) y = y * x + c[i]; return y; }, twin: 'y = 0\ni = length(c)\nwhile i >= 1 { y = y * x + c[i]\n i = i - 1 }\nreturn y', at: [{ c: [1, -2, 0.5, 3], x: 1.1 }] },
  { name: 'matrix times vector, flat', f: (m: number[], v: number[]) => { const out = [0, 0]; for (let i = 0; i < 2; i++) { for (let j = 0; j < 2; j++) out[i] += m[i * 2 + j] * v[j]; } return out; }, twin: 'out = [0, 0]\nfor i = 1:2 { for j = 1:2 { out[i] = out[i] + m[(i - 1) * 2 + j] * v[j] } }\nreturn out', at: [{ m: [1, 2, 3, 4], v: [0.5, -1] }] },
  { name: 'Math.hypot over a spread', f: (v: number[]) => Math.hypot(...v), twin: 'hypot(v)', at: v3 },
  { name: 'array destructuring', f: (v: number[]) => { const [a, b] = v; return a * b - a; }, twin: 'a = v[1]\nb = v[2]\nreturn a * b - a', at: v3 },
  { name: 'forEach with an index', f: (v: number[]) => { let s = 0; v.forEach((x, i) => { s += x * i; }); return s; }, twin: 's = 0\nfor k = 1:length(v) { s = s + v[k] * (k - 1) }\nreturn s', at: v3 },
  { name: 'an array as long as another', f: (v: number[]) => { const g = new Array(v.length).fill(1); for (let i = 0; i < v.length; i++) g[i] = g[i] * v[i] ** 2; return g; }, twin: 'g = v\nfor k = 1:length(g) { g[k] = 1 }\nfor i = 1:length(v) { g[i] = g[i] * v[i]^2 }\nreturn g', at: v3 },
  { name: 'a copy changed in place', f: (v: number[]) => { const w = v.slice(); w[0] = w[0] * 2; return w[0] + v[0]; }, twin: 'w = v\nw[1] = w[1] * 2\nreturn w[1] + v[1]', at: v3 },
  { name: 'an array changed by a helper', f: (v: number[]) => { function scale(a: number[], k: number) { for (let i = 0; i < a.length; i++) a[i] = a[i] * k; } const w = v.slice(); scale(w, 3); return w[1]; }, twin: 'w = v\nfor i = 1:length(w) { w[i] = w[i] * 3 }\nreturn w[2]', at: v3 },

  // Functions of the same source, inlined
  { name: 'a helper function', f: (x: number) => { function sq(t: number) { return t * t; } return sq(x) + sq(x + 1); }, twin: 'a = x\nb = x + 1\nreturn a * a + b * b', at: [{ x: 0.75 }] },
  { name: 'an arrow helper', f: (x: number, y: number) => { const f = (a: number, b: number) => a * b + Math.sin(a); return f(x, y) - f(y, x); }, twin: 'x * y + sin(x) - (y * x + sin(y))', at: [{ x: 0.5, y: 1.5 }] },
  { name: 'a helper with early returns', f: (x: number) => { function clamp(t: number) { if (t < 0) return 0; if (t > 1) return 1; return t; } return clamp(x) * x + clamp(x * x); }, twin: 'c = x\nif x < 0 { c = 0 } else if x > 1 { c = 1 }\nt = x * x\nd = t\nif t < 0 { d = 0 } else if t > 1 { d = 1 }\nreturn c * x + d', at: [{ x: 0.5 }, { x: 2 }, { x: -0.5 }] },
  { name: 'helpers calling helpers', f: (x: number) => { const inner = (t: number) => t * 2; function outer(t: number) { return inner(t) + inner(t * t); } return outer(x); }, twin: 'x * 2 + x * x * 2', at: [{ x: 1.5 }] },
  { name: 'a helper closing over a local', f: (x: number) => { const k = 3; const f = (t: number) => k * t; return f(x) + f(2); }, twin: 'k = 3\nreturn k * x + k * 2', at: [{ x: 1.5 }] },
  { name: 'a helper returning from a loop', f: (x: number) => { function first(t: number) { for (let i = 0; i < 10; i++) { t = t * 1.7; if (t > 5) return t; } return -1; } return first(x); }, twin: 't = x\nfor i = 1:10 {\n t = t * 1.7\n if t > 5 { return t }\n}\nreturn -1', at: [{ x: 1 }, { x: 0.001 }] },
  { name: 'a free variable bound as a constant', f: (x: number) => k * x * x, twin: '2.5 * x * x', at: [{ x: 1.5 }], constants: { k: 2.5 } },
];

declare const k: number;

/** Control flow that is hard to translate, checked against native evaluation (no twin needed). */
export const TRICKY: readonly Omit<Case, 'twin'>[] = [
  { name: 'break out of an inner loop', f: (x: number) => { let s = 0; for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j > i) break; s += x * j; } } return s; }, at: [{ x: 1.5 }] },
  { name: 'a helper returning from a while, called in a loop', f: (x: number) => { const f = (t: number) => { let r = t; while (r < 10) { r = r * 2; if (r > 7) return r + 0.5; } return r; }; let s = 0; for (let i = 0; i < 3; i++) s += f(x + i); return s; }, at: [{ x: 1.2 }, { x: 3.9 }] },
  { name: 'a ternary in a loop condition', f: (x: number) => { let n = 0; while ((n < 3 ? x : 0) > n * 0.5) { n++; } return n * x; }, at: [{ x: 1.3 }] },
  { name: 'continue in do…while', f: (x: number) => { let n = 0, s = 0; do { n++; if (n === 2) continue; s += x ** n; } while (n < 5); return s; }, at: [{ x: 0.9 }] },
  { name: 'do…while testing what its body assigns first (a fixed-point iteration)', f: (x: number) => { let y; let n = 0; let z = x; do { y = Math.cos(z); z = y; n++; } while (Math.abs(y - x) > 0.01 && n < 6); return y * x; }, at: [{ x: 0.7 }, { x: 0.2 }] },
  { name: 'let in a loop body assigned on both branches', f: (x: number) => { let s = 0; for (let i = 0; i < 4; i++) { let y; if (i < 2) y = x * i; else y = Math.sin(x); s += y; } return s; }, at: [{ x: 1.1 }] },
  { name: 'for (;;) left by return', f: (x: number) => { for (;;) { x = x * 1.1; if (x > 3) return x; } }, at: [{ x: 1 }] },
  { name: '|| and && of numbers', f: (x: number, y: number) => { const a = x || y; const b = (x - x) || y; const c = x && y; return a + b * c; }, at: [{ x: 2, y: 3 }] },
  { name: 'argmax', f: (v: number[]) => { let best = -Infinity; let at = -1; for (let i = 0; i < v.length; i++) if (v[i] > best) { best = v[i]; at = i; } return best * at; }, at: [{ v: [1, 5, 2] }] },
  { name: 'a counted loop stepping down by 3', f: (x: number) => { let s = 0; for (let i = 10; i > 0; i -= 3) s += i * x; return s; }, at: [{ x: 1.5 }] },
  { name: 'a for without init or update', f: (x: number) => { let i = 0; let s = 0; for (; i < 4; ) { s += x; i += 2; } return s + i; }, at: [{ x: 1.5 }] },
  { name: 'a helper taking array literals', f: (x: number) => { const g = (a: number[]) => a.length * a[0]; return g([x, x]) + g([3]); }, at: [{ x: 1.5 }] },
  { name: 'returns in nested ifs of a helper', f: (x: number) => { function h(t: number) { if (t > 0) { if (t > 1) return 2 * t; } else { return 3 * t; } return 4 * t; } return h(x) + h(-x) + h(x / 4); }, at: [{ x: 2 }] },
  { name: 'nested for…of with continue', f: (v: number[]) => { let s = 0; for (const a of v) for (const b of v) { if (b > a) continue; s += a * b; } return s; }, at: [{ v: [1, 3, 2] }] },
  { name: 'spreads of literals and Math.hypot()', f: (x: number) => Math.max(x, ...[1, 2]) + Math.hypot(), at: [{ x: 1.5 }, { x: 3 }] },
];

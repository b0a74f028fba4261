// Every construct outside the subset: a typed UnsupportedError naming it, at its JS line and column.
import { describe, expect, it } from 'vitest';
import { compile, evaluate, formatError, GradlabError, UnsupportedError } from '../../src/index';

/** A function whose toString() is exactly `src`. */
const fn = (src: string) => (0, eval)(`(${src})`) as (...args: never[]) => unknown;

function refusal(src: string): UnsupportedError {
  try {
    compile(fn(src));
  } catch (err) {
    if (err instanceof UnsupportedError) return err;
    throw err;
  }
  throw new Error(`translated: ${src}`);
}

const CASES: [src: string, construct: string, line: number, column: number][] = [
  ['(x) => this.k * x', "'this'", 1, 8],
  ['(x) => { const o = { a: x }; return o.a; }', 'an object literal', 1, 20],
  ['(x) => x + "a"', 'a string', 1, 12],
  ['(x) => Math.random() * x', 'Math.random', 1, 8],
  ['async (x) => x', 'an async function', 1, 1],
  ['function* g(x) { yield x; return x; }', 'a generator function', 1, 1],
  ['(x) => k * x', "the free variable 'k'", 1, 8],
  ['(x) => x % 2', "the remainder operator '%'", 1, 8],
  ['(x) => Math.floor(x)', 'Math.floor', 1, 8],
  ['(x) => {\n  let s = 0;\n  switch (x) { case 1: s = 1; }\n  return s;\n}', "'switch' (write it with if/else)", 3, 3],
  ['function f(x) { return x < 1 ? x : f(x - 1); }', "a recursive call of 'f'", 1, 36],
  ['(x) => {\n  const f = (t) => t < 1 ? t : f(t / 2);\n  return f(x);\n}', "a recursive call of 'f'", 2, 32],
  ['(x) => { try { return x; } catch (e) { return 0; } }', "'try'", 1, 10],
  ["(x) => { if (x < 0) throw new Error('no'); return x; }", "'throw'", 1, 21],
  ['(x) => x?.y', "optional chaining '?.'", 1, 8],
  ['(x) => `${x}`', 'a template string', 1, 8],
  ['(x) => { for (const k in x) {} return x; }', "'for…in' (loop with for…of over an array)", 1, 10],
  ['(x) => { outer: for (;;) { break outer; } return x; }', 'a label', 1, 10],
  ['(x) => x.y', "the property '.y'", 1, 8],
  ['(x) => { const f = () => x; return f; }', "the function 'f' used as a value", 1, 36],
  ['(x) => undefined', "'undefined'", 1, 8],
  ['(x) => x & 1', "the operator '&'", 1, 8],
  ['(x = 1) => x', 'a default parameter value', 1, 2],
  ['(...xs) => xs[0]', 'a rest parameter', 1, 2],
  ['(x) => Math.max([x, 1])', 'an array passed to Math.max', 1, 17],
  ['(x) => Math.sin(x, 2)', 'Math.sin with 2 arguments', 1, 8],
  ['(x) => { const y = x; y = 2; return y; }', "'=' on the constant 'y'", 1, 23],
  ['(x) => x > 1', 'returning a boolean', 1, 8],
  ['(v) => { const w = v; w[0] = 1; return v[0]; }', "changing 'w' in place while another name refers to the same array", 1, 23],
  ['(x) => { const a = []; if (x > 0) a.push(x); return a; }', 'push inside a branch or a loop that is not unrolled', 1, 35],
  ['(x) => new Date()', "'new'", 1, 8],
  ['(x) => typeof x', "the operator 'typeof'", 1, 8],
  ['(x) => { class A {} return x; }', 'a class', 1, 10],
  ['(x) => 5n * x', 'a BigInt', 1, 8],
  ['(x) => null', "'null'", 1, 8],
  ['(x) => x++', 'an increment inside an expression', 1, 8],
  ['(x) => { let a; a = x = 2; return a; }', 'an assignment inside an expression', 1, 21],
  ['(x) => { x; }', 'a function that returns nothing', 1, 1],
  ['(x) => { function g(t) { if (t > 0) return t; } return g(x); }', "using the value of 'g'", 1, 56],
  ['(x) => { return; }', 'a return without a value', 1, 10],
  ['(x) => g(x)', "a call of 'g'", 1, 8],
  ['(x) => { const a = [x]; return a + 1; }', "an array as an operand of '+'", 1, 32],
  ['({ a: { b } }) => b', 'a nested destructuring pattern', 1, 7],
  ['(x) => { let y = 1; y = [x]; return y[0]; }', 'a variable that holds both a number and an array', 1, 21],
];

describe('constructs outside the subset', () => {
  it.each(CASES)('%s refuses %s at %i:%i', (src, construct, line, column) => {
    const err = refusal(src);
    expect(err.code).toBe('unsupported');
    expect(err.construct).toBe(construct);
    expect(err.message).toContain(construct);
    expect([err.line, err.column]).toEqual([line, column]);
  });

  it('a built-in function has no source to translate', () => {
    expect(() => compile(Math.sin)).toThrow(UnsupportedError);
  });

  it('a variable read before it is assigned is an error at the read', () => {
    let err: GradlabError | undefined;
    try {
      compile(fn('(x) => {\n  let y;\n  return y + x;\n}'));
    } catch (e) {
      err = e as GradlabError;
    }
    if (!err) throw new Error('translated');
    expect(err.code).toBe('undefined-variable');
    expect(err.message).toBe("'y' is read before it is assigned");
    expect([err.line, err.column]).toEqual([3, 10]);
  });

  it("a `let` in a loop body has no value again on each trip: a read that may come first is refused at the read", () => {
    // JavaScript gives undefined (so NaN) on trips 2 and 3; the gradlab variable would keep trip 1's value.
    let err: GradlabError | undefined;
    try {
      compile(fn('(x) => {\n  let s = 0;\n  for (let i = 0; i < 3; i++) {\n    let y;\n    if (i === 0) y = x;\n    s += y;\n  }\n  return s;\n}'));
    } catch (e) {
      err = e as GradlabError;
    }
    if (!err) throw new Error('translated');
    expect(err.code).toBe('undefined-variable');
    expect(err.message).toContain("'y' may be read before it is assigned");
    expect([err.line, err.column]).toEqual([6, 10]);
    // The same through an inlined helper and an array callback, both run once per trip.
    expect(() => compile(fn('(x) => {\n  const h = (v) => { let y; if (v > 0) y = v; return y; };\n  let s = 0;\n  for (let i = 0; i < 3; i++) s += h(x - i);\n  return s;\n}'))).toThrow("'y' may be read before it is assigned");
    expect(() => compile(fn('(x) => [1, 2, 3].map((v) => { let y; if (v === 1) y = x; return y; }).reduce((a, b) => a + b, 0)'))).toThrow("'y' may be read before it is assigned");
  });

  it('a `let` in a loop body assigned on every path before its reads translates and runs as JavaScript does', () => {
    const cases: [string, number][] = [
      ['(x) => { let s = 0; for (let i = 0; i < 3; i++) { let y; if (i === 0) y = x; else y = 2 * x; s += y; } return s; }', 10],
      ['(x) => { let s = 0; for (let i = 0; i < 3; i++) { let y; y = x * i; s += y; } return s; }', 6],
      ['(x) => { let s = 0; let k = 0; while (k < 3) { let y; k++; if (k > 1) { y = x; s += y; } } return s; }', 4],
      ['(x) => { let s = 0; for (let i = 0; i < 3; i++) { let y; if (i > 5) continue; y = x; s += y; } return s; }', 6],
      ['(x) => { let s = 0; for (let i = 0; i < 3; i++) { let y; do { y = x + i; } while (y < 0); s += y; } return s; }', 9],
    ];
    for (const [text, expected] of cases) {
      expect(evaluate(compile(fn(text)), { x: 2 })).toBe(expected);
      expect((0, eval)(text)(2)).toBe(expected);
    }
  });

  it("a method's text is translated too, with positions in that text", () => {
    const o = { loss(x: number) { return x * (Math as unknown as { foo: (t: number) => number }).foo(x); } };
    const text = o.loss.toString();
    const at = text.indexOf('Math');
    const lines = text.slice(0, at).split('\n');
    try {
      compile(o.loss);
      throw new Error('translated');
    } catch (e) {
      const err = e as GradlabError;
      expect(err.code).toBe('unsupported');
      expect([err.line, err.column]).toEqual([lines.length, lines[lines.length - 1].length + 1]);
    }
  });

  it('the error formatter shows the JS line and a caret under the construct', () => {
    const src = '(x) => {\n  let s = 0;\n  s += Math.random();\n  return s * x;\n}';
    const err = refusal(src);
    expect(formatError(err, src)).toBe(
      ['error: Math.random is not in the JavaScript subset gradlab translates; randomness has no derivative: pass the random numbers as inputs at 3:8',
        '3 |   s += Math.random();',
        '  |        ^^^^^^^^^^^'].join('\n'),
    );
  });
});

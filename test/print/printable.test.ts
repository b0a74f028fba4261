// The public printers take what the other verbs give back: simplify()'s result, a compiled
// function, source text, or a node; anything else is a usage error that says what it got.
import { describe, expect, it } from 'vitest';
import { compile, derivative, GradlabError, parse, print, simplify, toLatex } from '../../src/index';

describe('print and toLatex, as the public API', () => {
  it("print simplify()'s result, a derivative, a node, a program and source text", () => {
    expect(print(simplify('x + x'))).toBe('2x');
    expect(print(derivative('x^2', 'x'))).toBe('2x');
    expect(print(parse('x+x'))).toBe('x + x');
    expect(print('y = x*x\nreturn y+1')).toBe('y = x * x\nreturn y + 1');
    expect(toLatex(simplify('x * x'))).toBe('x^{2}');
  });

  it("print a compiled function's program (a JS function's translation too)", () => {
    expect(print(compile('x^2 + 1'))).toBe('x^2 + 1');
    expect(print(compile((x: number) => x * x + 1))).toBe('return x * x + 1');
  });

  it.each([[42, 'a number'], [null, 'null'], [[1, 2], 'an array'], [{ a: 1 }, 'an object that is not an expression']])('refuses %j as a usage error naming it', (v, what) => {
    for (const f of [print, toLatex]) {
      let err: unknown;
      try {
        f(v as never);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GradlabError);
      expect((err as GradlabError).code).toBe('usage');
      expect((err as Error).message).toContain(`not ${what}`);
    }
  });
});

// Every function of the corpus: translated, it computes exactly what JavaScript computes, and every
// method's derivative of it is bit for bit that of its twin written in gradlab's language.
import { describe, expect, it } from 'vitest';
import { compile, evaluate, gradient, jacobian, METHODS, type MethodName } from '../../src/index';
import { CORPUS, TRICKY, type Case } from './corpus';

type Point = Record<string, number | number[]>;

function native(c: Omit<Case, 'twin'>, p: Point): unknown {
  const fn = compile(c.f, { constants: c.constants });
  if (c.constants) {
    // The free variables a closure would read, bound as parameters of a rebuilt function.
    const names = Object.keys(c.constants);
    const rebuilt = new Function(...names, `return (${c.f.toString()});`)(...names.map((n) => c.constants![n]));
    return rebuilt(...fn.inputs.map((n) => p[n]));
  }
  return c.object ? c.f(p) : c.f(...fn.inputs.map((n) => structuredClone(p[n])));
}

/** Bits, not closeness: -0 and 0 differ, as do any two floats that are not the same. */
function sameBits(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameBits(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => sameBits((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return Object.is(a, b);
}

function outcome(run: () => unknown): { value?: unknown; code?: string } {
  try {
    return { value: run() };
  } catch (err) {
    return { code: (err as { code?: string }).code ?? `untyped: ${(err as Error).message}` };
  }
}

describe('the corpus', () => {
  it('holds at least 60 functions, arrows and function forms', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(CORPUS.some((c) => c.f.toString().startsWith('function'))).toBe(true);
  });
});

describe.each(CORPUS)('$name', (c) => {
  const options = { constants: c.constants };

  it.each(c.at)('evaluates to what JavaScript computes, bit for bit, at %j', (p) => {
    const want = native(c, p);
    expect(sameBits(evaluate(compile(c.f, options), p), want)).toBe(true);
    expect(sameBits(evaluate(c.twin, p), want)).toBe(true);
  });

  it.each(c.at)('has, by every method, the derivative of its gradlab twin at %j', (p) => {
    const js = compile(c.f, options);
    const twin = compile(c.twin);
    const vector = Array.isArray(evaluate(twin, p));
    for (const method of METHODS as MethodName[]) {
      const run = (f: typeof js) => () => (vector ? jacobian(f, p, { method }) : gradient(f, p, { method }));
      const a = outcome(run(js));
      const b = outcome(run(twin));
      expect({ method, ...a }).toEqual({ method, ...b });
      expect(sameBits(a.value, b.value)).toBe(true);
    }
  });
});

describe.each(TRICKY)('$name', (c) => {
  it.each(c.at)('evaluates to what JavaScript computes, bit for bit, and forward and reverse agree, at %j', (p) => {
    const fn = compile(c.f);
    expect(sameBits(evaluate(fn, p), native(c, p))).toBe(true);
    const fwd = Object.values(gradient(fn, p, { method: 'forward' })).flat();
    const rev = Object.values(gradient(fn, p, { method: 'reverse' })).flat();
    rev.forEach((g, j) => expect(g).toBeCloseTo(fwd[j], 12));
  });
});

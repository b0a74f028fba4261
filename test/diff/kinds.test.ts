// Answers of the point's kind: a Float64Array input gets fresh Float64Arrays back from every verb
// and method on both engines, a plain array gets number[]s, and the two agree to the bit; `out`
// takes the answer instead, where the caller owns the memory.
import { describe, expect, it } from 'vitest';
import { compile, differentiators, gradient, hessian, hvp, jacobian, jvp, vjp, METHODS, UsageError } from '../../src/index';
import type { Engine } from '../../src/index';

const SCALAR = 'x[1]^2 x[2] + sin(x[3]) y + exp(x[2] / 3)';
const VECTOR = '[x[1] x[2] y, sin(x[3]) + x[1]^2]';
const ENGINES: readonly Engine[] = ['compiled', 'interpreted'];
const plain = () => ({ x: [0.7, -1.3, 2.1], y: 0.4 });
const typed = () => ({ x: Float64Array.of(0.7, -1.3, 2.1), y: 0.4 });

describe.each(METHODS.flatMap((method) => ENGINES.map((engine) => [method, engine] as const)))('%s on the %s engine', (method, engine) => {
  const options = { method, engine };
  const d = differentiators[method];

  it('gradient: a Float64Array input comes back a fresh Float64Array, equal to the number[] answer', () => {
    const at = typed();
    const g = gradient(SCALAR, at, options);
    const want = gradient(SCALAR, plain(), options);
    expect(g.x).toBeInstanceOf(Float64Array);
    expect(g.x).not.toBe(at.x);
    expect(typeof g.y).toBe('number');
    expect(Array.isArray(want.x)).toBe(true);
    expect(Array.from(g.x)).toEqual(want.x);
    expect(g.y).toBe(want.y);
    expect(at.x).toEqual(Float64Array.of(0.7, -1.3, 2.1));
  });

  it('two calls give two arrays: writing into the first leaves the second alone', () => {
    const at = typed();
    const first = gradient(SCALAR, at, options).x;
    const copy = Array.from(first);
    const second = gradient(SCALAR, at, options).x;
    expect(second).not.toBe(first);
    expect(second.buffer).not.toBe(first.buffer);
    first.fill(99);
    expect(Array.from(second)).toEqual(copy);
    // And the flat answers of the method itself.
    const fn = compile(SCALAR);
    const a = d.gradient(fn, at, { engine }).result;
    const b = d.gradient(fn, at, { engine }).result;
    expect(a).toBeInstanceOf(Float64Array);
    expect(b).not.toBe(a);
    a.fill(-1);
    expect(Array.from(b)).toEqual(copy.slice(0, 3).concat([gradient(SCALAR, at, options).y]));
  });

  it('jacobian, hessian, vjp and hvp: rows and vectors of the point kind', () => {
    const J = jacobian(VECTOR, typed(), options);
    expect(J).toHaveLength(2);
    for (const row of J) expect(row).toBeInstanceOf(Float64Array);
    expect(J.map((r) => Array.from(r))).toEqual(jacobian(VECTOR, plain(), options));
    const w = vjp(VECTOR, typed(), [0.5, -2], options);
    expect(w.x).toBeInstanceOf(Float64Array);
    expect(Array.from(w.x)).toEqual(vjp(VECTOR, plain(), [0.5, -2], options).x);
    const H = hessian(SCALAR, typed(), options);
    for (const row of H) expect(row).toBeInstanceOf(Float64Array);
    expect(H.map((r) => Array.from(r))).toEqual(hessian(SCALAR, plain(), options));
    const Hv = hvp(SCALAR, typed(), [1, 0, -1, 0.5], options);
    expect(Hv.x).toBeInstanceOf(Float64Array);
    expect(Array.from(Hv.x)).toEqual(hvp(SCALAR, plain(), [1, 0, -1, 0.5], options).x);
  });

  it('the method answers: flat vectors and matrix rows are Float64Arrays for a typed point, number[]s otherwise', () => {
    const fn = compile(SCALAR);
    const vf = compile(VECTOR);
    expect(d.gradient(fn, typed(), { engine }).result).toBeInstanceOf(Float64Array);
    expect(Array.isArray(d.gradient(fn, plain(), { engine }).result)).toBe(true);
    expect(d.vjp(vf, typed(), [1, 1], { engine }).result).toBeInstanceOf(Float64Array);
    expect(d.jacobian(vf, typed(), { engine }).result[1]).toBeInstanceOf(Float64Array);
    expect(Array.isArray(d.jacobian(vf, plain(), { engine }).result[1])).toBe(true);
    // J·v is one entry per output, not per input: a number[] whatever the point.
    expect(Array.isArray(d.jvp(vf, typed(), [1, 0, 0, 0], { engine }).result)).toBe(true);
    expect(jvp(VECTOR, typed(), [1, 0, 0, 0], options)).toEqual(jvp(VECTOR, plain(), [1, 0, 0, 0], options));
  });

  it('a point mixing a Float64Array and a plain array: each input keeps its kind, the flat answer is a number[]', () => {
    const at = { x: Float64Array.of(0.7, -1.3, 2.1), y: [0.4] };
    const source = 'x[1]^2 x[2] + sin(x[3]) y[1]';
    const g = gradient(source, at, options);
    expect(g.x).toBeInstanceOf(Float64Array);
    expect(Array.isArray(g.y)).toBe(true);
    expect(Array.isArray(d.gradient(compile(source), at, { engine }).result)).toBe(true);
  });
});

describe.each(METHODS.flatMap((method) => ENGINES.map((engine) => [method, engine] as const)))('out: %s on the %s engine', (method, engine) => {
  const d = differentiators[method];

  it('gradient, vjp and hvp write into out and answer it, equal to the allocated answer', () => {
    const fn = compile(SCALAR);
    const out = new Float64Array(4).fill(7);
    const r = d.gradient(fn, typed(), { engine, out });
    expect(r.result).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(d.gradient(fn, typed(), { engine }).result));
    // A plain point too: out is the answer whatever the point's kind.
    expect(d.gradient(fn, plain(), { engine, out }).result).toBe(out);
    const w = new Float64Array(4);
    expect(d.vjp(compile(VECTOR), typed(), [0.5, -2], { engine, out: w }).result).toBe(w);
    expect(Array.from(w)).toEqual(Array.from(d.vjp(compile(VECTOR), typed(), [0.5, -2], { engine }).result));
    const h = new Float64Array(4);
    expect(d.hvp(fn, typed(), [1, 0, -1, 0.5], { engine, out: h }).result).toBe(h);
    expect(Array.from(h)).toEqual(Array.from(d.hvp(fn, typed(), [1, 0, -1, 0.5], { engine }).result));
  });

  it('refuses an out of the wrong length, one sharing an input’s memory, and the verbs that answer rows', () => {
    const fn = compile(SCALAR);
    expect(() => d.gradient(fn, typed(), { engine, out: new Float64Array(3) })).toThrow(UsageError);
    const at = typed();
    expect(() => d.gradient(fn, at, { engine, out: at.x })).toThrow(/shares memory with the input 'x'/);
    expect(() => d.jacobian(compile(VECTOR), typed(), { engine, out: new Float64Array(4) })).toThrow(UsageError);
    expect(() => d.hessian(fn, typed(), { engine, out: new Float64Array(4) })).toThrow(UsageError);
    expect(() => hvp(VECTOR, typed(), [1, 0, 0, 0], { method, engine, out: new Float64Array(4) })).toThrow(/2 outputs/);
  });
});

describe('out through the gradient verb', () => {
  it('is the entry of a single Float64Array input', () => {
    const x = Float64Array.of(0.5, 1.5);
    const out = new Float64Array(2);
    const g = gradient('x[1]^2 x[2]', { x }, { out });
    expect(g.x).toBe(out);
    expect(Array.from(out)).toEqual([1.5, 0.25]);
  });
});

describe('scalar-only points', () => {
  it('keep number answers and number[] flat vectors', () => {
    const r = differentiators.reverse.gradient(compile('x^2 y'), { x: 2, y: 3 });
    expect(Array.isArray(r.result)).toBe(true);
    expect(gradient('x^2 y', { x: 2, y: 3 })).toEqual({ x: 12, y: 4 });
  });
});

describe('a single Float64Array input, as the compiled gradient is timed', () => {
  it('comes back as a Float64Array of its length, never the input or the sweep buffer', () => {
    const x = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i));
    const fn = compile('s = 0\nfor i = 1:length(x) - 1 {\n  s = s + 100 (x[i + 1] - x[i]^2)^2 + (1 - x[i])^2\n}\nreturn s');
    const a = gradient(fn, { x }).x;
    const b = gradient(fn, { x }).x;
    expect(a).toBeInstanceOf(Float64Array);
    expect(a).toHaveLength(1000);
    expect(a).not.toBe(x);
    expect(a.buffer).not.toBe(b.buffer);
    expect(Array.from(a)).toEqual(gradient(fn, { x: Array.from(x) }).x);
  });
});

describe('a bad point is named in a few words', () => {
  const msg = (v: unknown) => {
    try {
      gradient('sum(v)', { v: v as number[] });
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('accepted');
  };
  it.each([
    [Number.NaN, 'got NaN'],
    [-Infinity, 'got -Infinity'],
    ['2', 'got "2"'],
    [[1, 'a'], 'got "a" as element 2 of 2'],
  ])('%j: %s', (v, said) => {
    expect(msg(v)).toBe(`input 'v' must be a finite number or a vector of them, ${said}`);
  });
  it('a long vector by its first bad element, not its whole text', () => {
    const v = new Float64Array(200_000).fill(1);
    v[150_000] = Number.NaN;
    expect(msg(v)).toBe("input 'v' must be a finite number or a vector of them, got NaN as element 150001 of 200000");
  });
});

// The network's loss as a gradlab program with loops: the same loss as its expression form and
// the forward pass, run by the compiled engine (generated code) and the interpreted one (the
// teaching path) with the batch bound from Fn.data, and training on either engine takes the same
// steps.
import { describe, expect, it } from 'vitest';
import { differentiators } from '../../src/diff/registry';
import { trace } from '../../src/diff/trace';
import { loadDataset } from '../../src/nn/data';
import { lossFunction, lossIterations, lossProgram, lossSource } from '../../src/nn/loss';
import { architecture, forwardPass, initialise, meanLoss, type Architecture } from '../../src/nn/network';
import { Rng } from '../../src/nn/rng';
import { train, type TrainMethod } from '../../src/nn/train';
import { parse } from '../../src/parse/parse';

const NETWORKS: Architecture[] = [
  architecture([2, 3, 1], 'sigmoid', 'bce'),
  architecture([3, 4, 2], 'tanh', 'ce'),
  architecture([2, 5, 4, 1], 'relu', 'mse'),
  architecture([4, 3, 3], 'sigmoid', 'mse', 'sigmoid'),
];

function batch(arch: Architecture, n: number, seed = 5) {
  const rng = new Rng(seed);
  const [d, k] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
  const w = Float64Array.from(initialise(arch, rng), (v) => v + 0.1 * rng.normal());
  const x = Float64Array.from({ length: n * d }, () => rng.normal());
  const y = new Float64Array(n * k);
  for (let s = 0; s < n; s++) {
    if (arch.loss === 'ce') y[s * k + rng.int(k)] = 1;
    else for (let j = 0; j < k; j++) y[s * k + j] = arch.loss === 'bce' ? rng.int(2) : rng.uniform();
  }
  return { w, x, y };
}

const name = (a: Architecture) => `${a.sizes.join('-')} ${a.activation}, ${a.output} + ${a.loss}`;

describe.each(NETWORKS.map((a) => [name(a), a] as const))('%s', (_, arch) => {
  const n = 4;
  const { w, x, y } = batch(arch, n);
  const fn = lossProgram(arch, n);
  fn.data.set('X', x);
  fn.data.set('Y', y);
  const options = { maxIterations: lossIterations(arch, n) };

  it('is a program with loops (the source parses back to it), over w alone', () => {
    const source = lossSource(arch, n);
    expect(source).toMatch(/for i = 1:\d+ \{\n\s+z = z \+ w\[/);
    expect(parse(source)).toEqual(fn.program);
    expect(fn.inputs).toEqual(['w']);
  });

  it('gives the loss of the expression form to the bit, and of the forward pass', () => {
    const built = lossFunction(arch, n);
    built.data.set('X', x);
    built.data.set('Y', y);
    const compiled = differentiators.reverse.gradient(fn, { w }, options);
    const expressions = differentiators.reverse.gradient(built, { w }, options);
    expect(compiled.stats.engine).toBe('compiled');
    expect(compiled.value).toBe(expressions.value);
    const { z, a } = forwardPass(arch, w, x, n);
    expect(compiled.value as number).toBeCloseTo(meanLoss(arch, z[z.length - 1], a[a.length - 1], y, n), 14);
  });

  it.each(['reverse', 'forward', 'finite'] as const)('%s: generated code and the interpreters agree on the gradient', (method) => {
    const d = differentiators[method];
    const compiled = d.gradient(fn, { w }, options);
    const interpreted = d.gradient(fn, { w }, { ...options, engine: 'interpreted' });
    expect(compiled.stats.engine).toBe('compiled');
    expect(interpreted.stats.engine).toBe('interpreted');
    expect(compiled.value).toBe(interpreted.value);
    const scale = Math.max(...interpreted.result.map(Math.abs), 1);
    compiled.result.forEach((g, i) => expect(Math.abs(g - interpreted.result[i])).toBeLessThanOrEqual(1e-14 * scale));
  });

  it('reads a new batch at every call: Fn.data is never baked into a recorded graph', () => {
    const other = batch(arch, n, 9);
    const at = (engine: 'compiled' | 'interpreted') => {
      fn.data.set('X', other.x);
      fn.data.set('Y', other.y);
      const r = differentiators.reverse.gradient(fn, { w }, { ...options, engine });
      fn.data.set('X', x);
      fn.data.set('Y', y);
      return r.value;
    };
    trace(fn, { w }, options);
    const { z, a } = forwardPass(arch, w, other.x, n);
    const want = meanLoss(arch, z[z.length - 1], a[a.length - 1], other.y, n);
    expect(at('interpreted') as number).toBeCloseTo(want, 14);
    expect(at('compiled') as number).toBeCloseTo(want, 14);
  });

  it('the interpreted engine keeps the tape you can print: no graph is cached for a program with data', () => {
    const t = trace(fn, { w }, options);
    expect(t.graph).toBeNull();
    expect(t.recording!.tape.length).toBeGreaterThan(0);
  });
});

describe('training on the compiled engine takes the interpreted engine\'s steps', () => {
  const xor = loadDataset('xor', { seed: 1 });
  const arch = architecture([2, 4, 1], 'tanh', 'bce');
  it.each(['reverse', 'forward', 'finite'] as TrainMethod[])('%s: the same parameters after 20 epochs, within 1e-12', (method) => {
    const run = (engine: 'compiled' | 'interpreted') => train(arch, xor, { method, engine, optimizer: 'adam', lr: 0.05, batch: 2, epochs: 20, seed: 1 });
    const [a, b] = [run('compiled'), run('interpreted')];
    expect(a.steps).toBe(b.steps);
    a.params.forEach((p, i) => expect(Math.abs(p - b.params[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b.params[i]))));
    a.history.forEach((e, i) => expect(Math.abs(e.train.loss - b.history[i].train.loss)).toBeLessThanOrEqual(1e-12));
  });
});

describe('verbs the loss program does not compile for', () => {
  const arch = architecture([2, 2, 2], 'tanh', 'ce');
  const { w, x, y } = batch(arch, 2);
  const fn = lossProgram(arch, 2);
  fn.data.set('X', x);
  fn.data.set('Y', y);
  const options = { maxIterations: lossIterations(arch, 2) };

  it('hvp runs interpreted, saying why, with the batch bound', () => {
    const v = Array.from(w, () => 1);
    const r = differentiators.reverse.hvp(fn, { w }, v, options);
    expect(r.stats.engine).toBe('interpreted');
    expect(r.stats.engineNote).toMatch(/Fn\.data/);
    expect(r.result).toEqual(differentiators.reverse.hvp(fn, { w }, v, { ...options, engine: 'interpreted' }).result);
  });

  it('symbolic refuses it with a typed error naming the expression form', () => {
    expect(() => differentiators.symbolic.gradient(fn, { w }, options)).toThrow(/expression form for it \(lossFunction\)/);
  });
});

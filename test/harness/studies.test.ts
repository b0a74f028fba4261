// The harness studies on tiny workloads: every study returns rows of the documented shape, and the
// rows say what the theory says (the central step near ε^(1/3), one reverse sweep whatever n, trees
// larger than DAGs, exact methods exact, the seed loop's band edge flagged). Timings are produced
// by the code under test; these tests check their shape and sanity, never their speed.
import { describe, expect, it } from 'vitest';
import { compile, differentiators } from '../../src/index';
import { flatten, layoutOf } from '../../src/diff/fn';
import { digitsOf, mixedError } from '../../src/harness/measure';
import { machineFacts, runStudies } from '../../src/harness/run';
import { accuracyStudy } from '../../src/harness/studies/accuracy';
import { costStudy } from '../../src/harness/studies/cost';
import { hardPointsStudy } from '../../src/harness/studies/hard-points';
import { peersStudy } from '../../src/harness/studies/peers';
import { mathjsStudy } from '../../src/harness/studies/peers-mathjs';
import { stabilityStudy } from '../../src/harness/studies/stability';
import { SWELL_FAMILIES, swellStudy } from '../../src/harness/studies/swell';
import { trainingCurvesStudy, XOR } from '../../src/harness/studies/training-curves';
import { trainingStudy } from '../../src/harness/studies/training';
import type { AccuracyRow, CostRow, HardPointRow, StabilityRow } from '../../src/harness/types';
import { ACCURACY_SUITE, ROSENBROCK, rosenbrockGradient, rosenbrockPoint, SEED_LOOP } from '../../src/harness/workloads';

const KINDS = ['expression', 'multivariable', 'vector', 'program', 'seed'];
const METHODS = ['finite:forward', 'finite:backward', 'finite:central', 'finite:five-point', 'finite:richardson', 'finite:complex-step', 'symbolic', 'forward', 'reverse'];
const EPS = Number.EPSILON;

const numberOrNull = expect.toSatisfy((v: unknown) => v === null || typeof v === 'number');
const positive = expect.toSatisfy((v: unknown) => typeof v === 'number' && v > 0);

describe('the measures', () => {
  it.each([
    [[1], [1], 0],
    [[1e-17], [0], 1e-17],
    [[2.5], [2], 0.25],
    [[Infinity], [Infinity], 0],
    [[NaN], [1], Infinity],
    [[1e300], [-1e300], 2],
  ])('mixedError(%j, %j) = %d', (got, want, error) => {
    expect(mixedError(got, want)).toBeCloseTo(error, 12);
  });

  it.each([
    [0, 17],
    [1e-8, 8],
    [1, 0],
    [Infinity, 0],
    [1e-30, 17],
  ])('digitsOf(%d) = %d', (error, digits) => {
    expect(digitsOf(error)).toBeCloseTo(digits, 12);
  });
});

describe('accuracy', () => {
  it('the suite holds at least 60 workloads of every kind, the seed examples among them', () => {
    expect(ACCURACY_SUITE.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ACCURACY_SUITE.map((w) => w.kind))).toEqual(new Set(KINDS));
    const sources = ACCURACY_SUITE.map((w) => w.source);
    expect(sources).toEqual(expect.arrayContaining(['2x + 3x^2 + x(6 - 2)', 'sin(x)^2 + cos(x)^2', SEED_LOOP]));
    expect(new Set(ACCURACY_SUITE.map((w) => w.name)).size).toBe(ACCURACY_SUITE.length);
  });

  it('gives a row per workload and method; exact methods keep 12 digits or more on smooth workloads', async () => {
    const rows = await accuracyStudy({ points: 2 });
    expect(rows).toHaveLength(ACCURACY_SUITE.length * METHODS.length);
    for (const r of rows) {
      expect(r).toEqual({
        workload: expect.any(String),
        kind: expect.toBeOneOf(KINDS),
        method: expect.toBeOneOf(METHODS),
        points: 2,
        medianDigits: numberOrNull,
        worstDigits: numberOrNull,
        ...(r.error !== undefined ? { error: expect.any(String) } : {}),
      } satisfies Partial<Record<keyof AccuracyRow, unknown>>);
      if (r.medianDigits === null) expect(r.error).toBeTruthy();
      else expect(r.worstDigits!).toBeLessThanOrEqual(r.medianDigits);
    }
    const smooth = new Set(ACCURACY_SUITE.filter((w) => w.smooth).map((w) => w.name));
    for (const r of rows.filter((r) => smooth.has(r.workload) && ['forward', 'reverse', 'symbolic'].includes(r.method))) {
      expect(r.medianDigits, `${r.method} on ${r.workload}`).toBeGreaterThanOrEqual(12);
    }
  });

  it('says why symbolic differentiation fails on the seed loop', async () => {
    const rows = await accuracyStudy({ points: 1, workloads: ACCURACY_SUITE.filter((w) => w.source === SEED_LOOP) });
    const symbolic = rows.find((r) => r.method === 'symbolic')!;
    expect(symbolic.medianDigits).toBeNull();
    expect(symbolic.error).toMatch(/while loop/);
    expect(rows.find((r) => r.method === 'reverse')!.medianDigits).toBe(17);
  });
});

describe('stability', () => {
  const rows = stabilityStudy({ perDecade: 2 });

  it('gives rows of the documented shape, with flat lines for the exact methods', async () => {
    for (const r of await rows) {
      expect(r).toMatchObject({ function: expect.any(String), at: expect.any(Number), method: expect.any(String), relError: expect.any(Number) } satisfies Partial<Record<keyof StabilityRow, unknown>>);
      if (r.method.startsWith('finite:')) {
        expect(r.h).toBeGreaterThan(0);
        expect(r.automaticStep).toBeGreaterThan(0);
      } else expect(r.h).toBeNull();
    }
    const flat = (await rows).filter((r) => r.h === null && r.function === 'exp(x)').map((r) => r.method);
    expect(flat.sort()).toEqual(['forward', 'reverse', 'symbolic']);
    expect((await rows).filter((r) => r.h === null && r.function === SEED_LOOP).map((r) => r.method).sort()).toEqual(['forward', 'reverse']);
  });

  it.each(['exp(x)', 'sin(x)', 'x^x', '1 / (1 + x^2)'])('central differences of %s do best within 100× of ε^(1/3)', async (fn) => {
    const curve = (await rows).filter((r) => r.function === fn && r.method === 'finite:central');
    expect(curve.length).toBe(31);
    const best = curve.reduce((a, b) => (b.relError < a.relError ? b : a));
    const scale = Math.max(Math.abs(best.at), 1);
    expect(best.optimalStep).toBeCloseTo(Math.cbrt(EPS) * scale, 15);
    expect(best.h! / (Math.cbrt(EPS) * scale)).toBeGreaterThan(1 / 100);
    expect(best.h! / (Math.cbrt(EPS) * scale)).toBeLessThan(100);
    expect(best.relError).toBeLessThan(1e-9);
  });

  it('the complex step reaches full precision where the one-sided stencil cannot', async () => {
    const all = await rows;
    const errors = (method: string) => all.filter((r) => r.function === 'exp(x)' && r.method === method).map((r) => r.relError);
    expect(Math.min(...errors('finite:complex-step'))).toBeLessThan(1e-15);
    expect(Math.min(...errors('finite:forward'))).toBeGreaterThan(1e-10);
  });
});

describe('hard points', () => {
  const rows = hardPointsStudy();
  const find = async (c: RegExp, method: string) => (await rows).find((r) => c.test(r.case) && r.method === method)!;

  it('gives rows of the documented shape', async () => {
    for (const r of await rows) {
      expect(r).toMatchObject({
        case: expect.any(String),
        source: expect.any(String),
        at: { x: expect.any(Number) },
        method: expect.toBeOneOf(METHODS),
        value: numberOrNull,
        reference: numberOrNull,
        relError: numberOrNull,
        flagged: expect.any(Boolean),
      } satisfies Partial<Record<keyof HardPointRow, unknown>>);
      expect(r.value === null).toBe(r.error !== undefined);
    }
  });

  it('flags the seed loop at x = 10, where a stencil straddles the band edge, but not the methods that follow the branch', async () => {
    expect((await find(/x = 10/, 'finite:central')).flagged).toBe(true);
    expect(await find(/x = 10/, 'reverse')).toMatchObject({ value: 5, reference: 5, flagged: false });
    expect(await find(/x = 10/, 'forward')).toMatchObject({ value: 5, flagged: false });
    expect(await find(/x = 10/, 'symbolic')).toMatchObject({ value: null, flagged: false, error: expect.stringMatching(/while loop/) });
  });

  it('follows the convention abs′(0) = 0, and flags the one-sided stencils there', async () => {
    expect(await find(/^abs/, 'reverse')).toMatchObject({ value: 0, reference: 0, flagged: false });
    expect((await find(/^abs/, 'finite:forward')).flagged).toBe(true);
    expect((await find(/^abs/, 'finite:central')).flagged).toBe(false);
  });

  it('reports the overflowed value as Infinity and flags stencils that make NaN of it', async () => {
    expect(await find(/^exp overflows/, 'forward')).toMatchObject({ value: Infinity, reference: Infinity, functionValue: Infinity, flagged: false });
    expect(await find(/^exp overflows/, 'finite:central')).toMatchObject({ value: null, flagged: true });
  });
});

describe('cost', () => {
  const rows = costStudy({ sizes: [4, 40], budget: 0.002, limit: 60, deriveLimit: 60 });

  it('gives every method and the hand-written gradient at every n, with their operation counts', async () => {
    for (const r of await rows) {
      expect(r).toMatchObject({ workload: expect.any(String), n: expect.toBeOneOf([4, 40]), method: expect.any(String), secondsPerGradient: positive, secondsPerEvaluation: positive } satisfies Partial<Record<keyof CostRow, unknown>>);
    }
    for (const n of [4, 40]) {
      expect((await rows).filter((r) => r.n === n).map((r) => r.method)).toEqual(['finite', 'symbolic', 'forward', 'reverse', 'manual']);
    }
    const at = async (n: number, method: string) => (await rows).find((r) => r.n === n && r.method === method)!;
    expect((await at(40, 'finite')).evaluations).toBe(81);
    expect(await at(40, 'symbolic')).toMatchObject({ treeNodes: positive, dagNodes: positive, deriveSeconds: positive });
    expect(await at(40, 'reverse')).toMatchObject({ tapeLength: positive, tapeBytes: positive });
  });

  it('forward mode needs more sweeps as n grows; reverse mode one sweep whatever n', async () => {
    const sweeps = async (method: string) => Promise.all([4, 40].map(async (n) => (await rows).find((r) => r.n === n && r.method === method)!.sweeps));
    expect(await sweeps('forward')).toEqual([1, 3]);
    expect(await sweeps('reverse')).toEqual([1, 1]);
  });

  it('leaves out, with a note, a method predicted to exceed the limit', async () => {
    const skipped = await costStudy({ sizes: [4, 8], budget: 0.002, limit: 0, deriveLimit: 0 });
    for (const r of skipped.filter((r) => r.n === 8 && r.method !== 'manual')) {
      expect(r).toMatchObject({ secondsPerGradient: null, note: expect.stringMatching(/^not run/) });
    }
  });

  it('the hand-written Rosenbrock gradient agrees with reverse mode', () => {
    const at = rosenbrockPoint(9);
    const fn = compile(ROSENBROCK);
    const grad = new Float64Array(9);
    rosenbrockGradient(flatten(layoutOf(fn, at), at), grad);
    expect(mixedError(Array.from(grad), differentiators.reverse.gradient(fn, at).result)).toBeLessThan(1e-14);
  });
});

describe('swell', () => {
  const sizes = Object.fromEntries(SWELL_FAMILIES.map((f) => [f.family, [2, 4]]));

  it.each(SWELL_FAMILIES.map((f) => f.family))('%s: the derivative is larger as a tree than as a DAG', async (family) => {
    const rows = await swellStudy({ sizes: { [family]: sizes[family] } });
    expect(rows.map((r) => r.k)).toEqual([2, 4]);
    for (const r of rows) {
      expect(r.family).toBe(family);
      expect(r.treeNodes).toBeGreaterThan(r.dagNodes);
      expect(r.simplifiedTreeNodes).toBeGreaterThanOrEqual(r.simplifiedDagNodes);
      expect(r.expressionNodes).toBeGreaterThanOrEqual(r.expressionDagNodes!);
      expect(r.simplifiedComplete).toBe(true);
      // The partials simplified jointly never make a larger DAG than the chain rule built.
      expect(r.simplifiedDagNodes).toBeLessThanOrEqual(r.dagNodes);
    }
    expect(rows[1].treeNodes).toBeGreaterThan(rows[0].treeNodes);
  });

  it('shortens the logistic map derivative, 8 steps, as a tree and as a DAG', async () => {
    const [r] = await swellStudy({ sizes: { 'logistic map, k steps': [8] } });
    expect(r.simplifiedTreeNodes).toBeLessThan(r.treeNodes / 2);
    expect(r.simplifiedDagNodes).toBeLessThan(r.dagNodes);
  });

  it('counts the logistic map written out as a tree of 2ᵏ copies, and as a DAG of a few nodes per step', async () => {
    const [r] = await swellStudy({ sizes: { 'logistic map, k steps': [16] } });
    expect(r.expressionNodes).toBeGreaterThan(2 ** 16);
    expect(r.expressionDagNodes).toBeLessThan(100);
  });
});

describe('training', () => {
  it('times every method and the peers (TF.js cpu and wasm, jax-js) on a tiny network, with ratios to manual', async () => {
    const rows = await trainingStudy({ networks: [[3, 4, 2]], batch: 4, budget: 0.002, tfjs: true });
    expect(rows.map((r) => r.method)).toEqual(['manual', 'finite', 'symbolic', 'forward', 'reverse', 'tfjs', 'tfjs-wasm', 'jax-js']);
    const manual = rows[0].secondsPerStep!;
    for (const r of rows) {
      expect(r).toMatchObject({ network: '3-4-2', batch: 4, note: expect.any(String) });
      if (r.secondsPerStep === null) {
        expect(['tfjs', 'tfjs-wasm', 'jax-js']).toContain(r.method);
        expect(r.ratioToManual).toBeNull();
      } else expect(r.ratioToManual).toBeCloseTo(r.secondsPerStep / manual, 12);
    }
  });

  it('leaves out methods beyond their parameter limit', async () => {
    const rows = await trainingStudy({ networks: [[200, 100, 2]], batch: 1, budget: 0.002, tfjs: false, methods: ['manual', 'forward'] });
    expect(rows.find((r) => r.method === 'forward')).toMatchObject({ secondsPerStep: null, note: expect.stringMatching(/^not run/) });
    expect(rows.find((r) => r.method === 'tfjs')).toMatchObject({ secondsPerStep: null, note: 'not run' });
  });

  it('trains the same network from the same seed with every method: the curves start equal and stay close', async () => {
    const curves = await trainingCurvesStudy({ problems: [{ ...XOR, epochs: 20 }] });
    expect(curves.map((c) => c.method)).toEqual(['finite', 'symbolic', 'forward', 'reverse', 'manual']);
    const manual = curves.find((c) => c.method === 'manual')!;
    for (const c of curves) {
      expect(c).toMatchObject({ data: 'xor', network: '2-4-1 tanh', secondsPerStep: positive, testAccuracy: expect.any(Number) });
      expect(c.loss).toHaveLength(20);
      expect(c.loss[0]).toBeCloseTo(manual.loss[0], 6);
      expect(c.loss[19]).toBeCloseTo(manual.loss[19], 4);
    }
  });
});

describe('peers', () => {
  it('compares with mathjs on time, size and digits, noting what mathjs cannot differentiate', async () => {
    const workloads = ACCURACY_SUITE.filter((w) => ['sin(x)', 'x^x', 'sigmoid(x)', '2x + 3x^2 + x(6 - 2)'].includes(w.source));
    const rows = await mathjsStudy({ points: 2, reps: 1, budget: 0, timeout: 20, productSizes: [3], workloads });
    expect(rows).toHaveLength(4 * 3 + 2);
    for (const r of rows) {
      expect(r).toMatchObject({ peer: 'mathjs', workload: expect.any(String), metric: expect.any(String), gradlab: positive, peerValue: numberOrNull, ratio: numberOrNull });
      if (r.peerValue !== null) expect(r.ratio).toBeCloseTo(r.gradlab! / r.peerValue, 12);
    }
    const sigmoid = rows.filter((r) => r.workload === 'sigmoid(x)');
    expect(sigmoid.every((r) => r.peerValue === null && /sigmoid/.test(r.note ?? ''))).toBe(true);
    const digits = rows.find((r) => r.workload === 'x^x' && r.metric.includes('digits'))!;
    expect(digits.gradlab).toBeGreaterThan(14);
    expect(digits.peerValue).toBeGreaterThan(14);
  });

  it('stops mathjs on an expression past the timeout, and says so', async () => {
    const rows = await mathjsStudy({ points: 1, reps: 1, budget: 0, timeout: 0.3, productSizes: [12], workloads: [] });
    expect(rows.every((r) => r.peerValue === null && r.note === 'mathjs stopped after 0.3 s')).toBe(true);
  });

  it('compares with TF.js on a training step and on Rosenbrock, reusing what training measured', async () => {
    const training = await trainingStudy({ networks: [[3, 4, 2]], batch: 4, budget: 0.002, tfjs: true, methods: ['manual', 'reverse'] });
    const rows = await peersStudy({
      mathjs: { points: 1, reps: 1, budget: 0, timeout: 20, productSizes: [], workloads: [] },
      tfjs: { enabled: true, rosenbrockSizes: [6], networks: [[3, 4, 2]], batch: 4, budget: 0.002 },
      previous: { training },
    });
    expect(rows.map((r) => [r.workload, r.metric])).toEqual([
      ['training step 3-4-2, batch 4', 'seconds per step (gradlab reverse)'],
      ['training step 3-4-2, batch 4', 'seconds per step (gradlab manual)'],
      ['extended Rosenbrock, n = 6', 'seconds per gradient (gradlab reverse)'],
      ['extended Rosenbrock, n = 6', 'correct digits (against the float64 hand-written gradient)'],
    ]);
    expect(rows[0].gradlab).toBe(training.find((r) => r.method === 'reverse')!.secondsPerStep);
    for (const r of rows) expect(r).toMatchObject({ peer: 'tfjs', gradlab: positive, note: expect.any(String) });
    // float32 keeps about 7 digits where float64 keeps about 16.
    const digits = rows[3];
    expect(digits.gradlab).toBeGreaterThan(14);
    if (digits.peerValue !== null) expect(digits.peerValue).toBeLessThan(9);
  });
});

describe('runStudies', () => {
  it('runs only the studies asked for, reporting progress up to done', async () => {
    const seen: [string, number, number][] = [];
    const results = await runStudies(['hard-points'], { quick: true, onProgress: (s, done, total) => seen.push([s, done, total]) });
    expect(Object.keys(results).sort()).toEqual(['hardPoints', 'machine', 'quick']);
    expect(results.quick).toBe(true);
    expect(seen.at(-1)).toEqual(['hard-points', expect.any(Number), expect.any(Number)]);
    expect(seen.at(-1)![1]).toBe(seen.at(-1)![2]);
  });

  it('states the machine', () => {
    expect(machineFacts()).toEqual({
      node: process.version,
      platform: expect.any(String),
      cpus: expect.any(Number),
      cpuModel: expect.any(String),
      memoryGB: expect.any(Number),
      gradlab: expect.stringMatching(/^\d+\.\d+\.\d+/),
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });
});

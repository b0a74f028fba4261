// Time per gradient step of a dense softmax network against hand-derived backprop: the harness's
// training study (every method, each timed in turn; saved as JSON and printed, `trainingSuite`),
// and, run directly (`node --import tsx bench/training.ts [--quick]`), a race of the fast ones in
// one run: manual, reverse mode's generated code (as the trainer runs it and through the public
// `gradient()`), the interpreted replay of the loss's expression graph that training ran before,
// TF.js on its CPU and WASM backends and jax-js, interleaved in short batches.
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { differentiators } from '../src/diff/registry';
import { PLANS } from '../src/harness/run';
import { jaxTrainingStep, loadJax } from '../src/harness/jaxjs';
import { trainingStudy } from '../src/harness/studies/training';
import { batchOf, loadTfjs, loadTfjsWasm, softmaxNetwork, tfjsTrainingStep, type Tfjs } from '../src/harness/tfjs';
import type { TrainingRow } from '../src/harness/types';
import { lossFunction, lossIterations, lossProgram } from '../src/nn/loss';
import { manualGradient } from '../src/nn/manual';
import { initialise } from '../src/nn/network';
import { Rng } from '../src/nn/rng';
import { gradientStep } from '../src/nn/train';

export async function trainingSuite(quick: boolean): Promise<TrainingRow[]> {
  const rows = await trainingStudy(PLANS[quick ? 'quick' : 'full'].training);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/training.json', JSON.stringify(rows, null, 2));
  console.log('\nTime per gradient step, softmax + CE, batch 32, ratio to hand-derived backprop (manual)');
  console.log('network      method     s/step       ratio     first step  note');
  for (const r of rows) {
    const first = r.firstStepSeconds === undefined ? '—' : `${r.firstStepSeconds.toFixed(2)} s`;
    console.log(`${r.network.padEnd(13)}${r.method.padEnd(11)}${(r.secondsPerStep?.toExponential(2) ?? '—').padEnd(13)}${(r.ratioToManual?.toFixed(2) ?? '—').padEnd(10)}${first.padEnd(12)}${r.note ?? ''}`);
  }
  return rows;
}

/** A case of the race: what to call, and the TF.js backend it must run on (if any). */
interface Case {
  readonly call: () => unknown;
  readonly backend?: 'cpu' | 'wasm';
}

/** Seconds per call of each case: each warmed up until V8 (or the peer's compiler) has settled,
 *  then short batches of each in turn, several rounds, keeping each case's fastest batch. */
async function race(tf: Tfjs | null, cases: Record<string, Case>, warmupMs: number, batchMs: number, rounds: number): Promise<Record<string, number>> {
  const on = async (c: Case) => {
    if (tf && c.backend && tf.getBackend() !== c.backend) await tf.setBackend(c.backend);
  };
  const reps: Record<string, number> = {};
  for (const [name, c] of Object.entries(cases)) {
    await on(c);
    const t0 = performance.now();
    let calls = 0;
    while (performance.now() - t0 < warmupMs || calls < 3) c.call(), calls++;
    reps[name] = Math.max(1, Math.round((calls * batchMs) / (performance.now() - t0)));
  }
  const best: Record<string, number> = Object.fromEntries(Object.keys(cases).map((n) => [n, Infinity]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, c] of Object.entries(cases)) {
      await on(c);
      const t0 = performance.now();
      for (let i = 0; i < reps[name]; i++) c.call();
      best[name] = Math.min(best[name], (performance.now() - t0) / 1000 / reps[name]);
    }
  }
  if (tf) await tf.setBackend('cpu');
  return best;
}

async function main(quick: boolean): Promise<void> {
  const tf = await loadTfjs();
  const wasm = await loadTfjsWasm();
  const jax = await loadJax();
  for (const [name, why] of [['TF.js (cpu)', tf ? null : 'not installed'], ['TF.js (wasm)', typeof wasm === 'string' ? wasm : null], ['jax-js', typeof jax === 'string' ? jax : null]] as const) {
    if (why) console.log(`${name}: not run: ${why}`);
  }
  const batch = 32;
  console.log(`\nGradient step, softmax + CE, batch ${batch}: seconds per step and ratio to hand-derived backprop (manual), one run`);
  console.log('network      case                              s/step      ÷ manual');
  for (const sizes of [[64, 32, 10], [784, 128, 10]]) {
    const arch = softmaxNetwork(sizes);
    const params = initialise(arch, new Rng(1));
    const data = batchOf(arch, batch, 2);
    const grad = new Float64Array(params.length);
    const reverse = gradientStep(arch, 'reverse');
    const fn = lossProgram(arch, batch);
    fn.data.set('X', data.x);
    fn.data.set('Y', data.y);
    const budget = { maxIterations: lossIterations(arch, batch) };
    // Before the loss was a program: its expression form, a graph replayed by the interpreted engine.
    const graph = lossFunction(arch, batch);
    graph.data.set('X', data.x);
    graph.data.set('Y', data.y);
    const disposers: (() => void)[] = [];
    const peer = (make: () => { step: () => void; dispose: () => void }) => {
      const s = make();
      disposers.push(s.dispose);
      return s.step;
    };
    const cases: Record<string, Case> = {
      'manual (hand-derived backprop)': { call: () => manualGradient(arch, params, data.x, data.y, batch, grad) },
      'reverse, generated (trainer)': { call: () => reverse(params, data.x, data.y, batch, grad) },
      'reverse, generated (gradient())': { call: () => differentiators.reverse.gradient(fn, { w: params }, budget) },
      'reverse, expression graph (before)': { call: () => differentiators.reverse.gradient(graph, { w: params }) },
    };
    if (tf) cases['TF.js cpu (float32)'] = { call: peer(() => tfjsTrainingStep(tf, sizes, batch, data)), backend: 'cpu' };
    if (typeof wasm !== 'string') {
      await wasm.setBackend('wasm');
      cases['TF.js wasm (float32)'] = { call: peer(() => tfjsTrainingStep(wasm, sizes, batch, data)), backend: 'wasm' };
      await wasm.setBackend('cpu');
    }
    if (typeof jax !== 'string') cases['jax-js jit, wasm (float64)'] = { call: peer(() => jaxTrainingStep(jax, sizes, batch, data)) };
    const t = await race(tf, cases, quick ? 400 : 1500, quick ? 40 : 100, quick ? 3 : 7);
    const manual = t['manual (hand-derived backprop)'];
    for (const [name, s] of Object.entries(t)) console.log(`${sizes.join('-').padEnd(13)}${name.padEnd(34)}${s.toExponential(2).padEnd(12)}${(s / manual).toFixed(2)}×`);
    disposers.forEach((d) => d());
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.includes('--quick'));

// Time per gradient step of a dense softmax network, every method against hand-derived backprop
// (and TensorFlow.js's pure-JS CPU backend when it is installed), measured in one run.
import { writeFileSync, mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { timePerCall } from '../src/diff/compare';
import { architecture, initialise, parameterCount, type Architecture } from '../src/nn/network';
import { Rng } from '../src/nn/rng';
import { gradientStep, TRAIN_METHODS, type TrainMethod } from '../src/nn/train';

export interface TrainingRow {
  network: string;
  batch: number;
  method: string;
  secondsPerStep: number | null;
  ratioToManual: number | null;
  note?: string;
}

/** Methods whose step would take minutes at this many parameters are not run. */
const LIMITS: Record<TrainMethod, number> = { manual: Infinity, reverse: Infinity, symbolic: 20_000, forward: 20_000, finite: 20_000 };

function batchOf(arch: Architecture, batch: number, seed: number) {
  const rng = new Rng(seed);
  const [d, k] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
  const x = Float64Array.from({ length: batch * d }, () => rng.normal());
  const y = new Float64Array(batch * k);
  for (let s = 0; s < batch; s++) y[s * k + rng.int(k)] = 1;
  return { x, y };
}

async function tfjsStep(sizes: readonly number[], batch: number): Promise<(() => void) | null> {
  let tf: typeof import('@tensorflow/tfjs');
  try {
    tf = await import('@tensorflow/tfjs');
  } catch {
    return null;
  }
  await tf.setBackend('cpu');
  const rng = new Rng(3);
  const weights = sizes.slice(1).map((n, l) => tf.variable(tf.tensor2d(Array.from({ length: sizes[l] * n }, () => rng.normal() * Math.sqrt(2 / sizes[l])), [sizes[l], n])));
  const biases = sizes.slice(1).map((n) => tf.variable(tf.zeros([n])));
  const { x, y } = batchOf(architecture(sizes, 'relu', 'ce'), batch, 2);
  const X = tf.tensor2d(Array.from(x), [batch, sizes[0]], 'float32');
  const Y = tf.tensor2d(Array.from(y), [batch, sizes[sizes.length - 1]], 'float32');
  return () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        let a: import('@tensorflow/tfjs').Tensor2D = X;
        weights.forEach((w, l) => {
          const z = tf.add(tf.matMul(a, w), biases[l]) as import('@tensorflow/tfjs').Tensor2D;
          a = l === weights.length - 1 ? z : tf.relu(z);
        });
        return tf.losses.softmaxCrossEntropy(Y, a) as import('@tensorflow/tfjs').Scalar;
      });
      Object.values(grads).forEach((g) => g.dataSync());
    });
}

export async function trainingSuite(quick: boolean): Promise<TrainingRow[]> {
  const rows: TrainingRow[] = [];
  const networks = quick ? [[64, 32, 10]] : [[64, 32, 10], [784, 128, 10]];
  for (const sizes of networks) {
    const batch = 32;
    const arch = architecture(sizes, 'relu', 'ce');
    const P = parameterCount(arch);
    const params = initialise(arch, new Rng(1));
    const { x, y } = batchOf(arch, batch, 2);
    const grad = new Float64Array(P);
    const name = sizes.join('-');
    let manual = 0;
    for (const method of ['manual', ...TRAIN_METHODS.filter((m) => m !== 'manual')] as TrainMethod[]) {
      if (P > LIMITS[method]) {
        rows.push({ network: name, batch, method, secondsPerStep: null, ratioToManual: null, note: `not run: ${P.toLocaleString('en-US')} parameters` });
        continue;
      }
      const step = gradientStep(arch, method);
      const t0 = performance.now();
      step(params, x, y, batch, grad); // builds the loss graph (and, for symbolic, derives it) once
      const setup = (performance.now() - t0) / 1000;
      const seconds = timePerCall(() => step(params, x, y, batch, grad), quick ? 0.5 : 2);
      if (method === 'manual') manual = seconds;
      rows.push({ network: name, batch, method, secondsPerStep: seconds, ratioToManual: seconds / manual, note: `first step (graph build${method === 'symbolic' ? ' and derivation' : ''}) ${setup.toFixed(2)} s` });
    }
    const tf = await tfjsStep(sizes, batch);
    if (tf) {
      tf();
      const seconds = timePerCall(tf, quick ? 0.5 : 2);
      rows.push({ network: name, batch, method: 'tfjs', secondsPerStep: seconds, ratioToManual: seconds / manual, note: 'TensorFlow.js 4, cpu backend, float32' });
    } else rows.push({ network: name, batch, method: 'tfjs', secondsPerStep: null, ratioToManual: null, note: '@tensorflow/tfjs not installed' });
  }
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/training.json', JSON.stringify(rows, null, 2));
  console.log('\nTime per gradient step, softmax + CE, batch 32, ratio to hand-derived backprop (manual)');
  console.log('network      method     s/step       ratio   note');
  for (const r of rows) {
    console.log(`${r.network.padEnd(13)}${r.method.padEnd(11)}${(r.secondsPerStep?.toExponential(2) ?? '—').padEnd(13)}${(r.ratioToManual?.toFixed(2) ?? '—').padEnd(8)}${r.note ?? ''}`);
  }
  return rows;
}

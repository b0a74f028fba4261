// TensorFlow.js, the peer for training and for gradients at scale: loaded on demand (it is an
// optional dependency) on its pure-JavaScript CPU backend, and on its WebAssembly backend when
// @tensorflow/tfjs-backend-wasm is installed too; both compute in float32.
import type * as TF from '@tensorflow/tfjs';
import { architecture, type Architecture } from '../nn/network';
import { Rng } from '../nn/rng';

export type Tfjs = typeof TF;

let loading: Promise<Tfjs | null> | undefined;

/** TF.js on its CPU backend, or null when the package is not installed. */
export function loadTfjs(): Promise<Tfjs | null> {
  loading ??= (async () => {
    let tf: Tfjs;
    try {
      tf = await import('@tensorflow/tfjs');
    } catch {
      return null;
    }
    // Production mode skips TF.js's per-op correctness checks, as one would when measuring speed
    // (and it keeps the "install our node backend" banner out of our output).
    tf.enableProdMode();
    await tf.setBackend('cpu');
    await tf.ready();
    return tf;
  })();
  return loading;
}

export const tfjsNote = (tf: Tfjs, backend: 'cpu' | 'wasm' = 'cpu'): string => `TensorFlow.js ${tf.version.tfjs}, ${backend} backend, float32`;
export const TFJS_MISSING = '@tensorflow/tfjs not installed (an optional peer: npm install @tensorflow/tfjs)';

let wasmLoading: Promise<Tfjs | string> | undefined;

/**
 * TF.js with its WebAssembly backend registered, or why not (a sentence). The .wasm binaries are
 * read from the package's own folder in node_modules, the path set explicitly: nothing downloads.
 * Run on it with `onBackend(tf, 'wasm', …)`; TF.js stays on its CPU backend otherwise.
 */
export function loadTfjsWasm(): Promise<Tfjs | string> {
  wasmLoading ??= (async () => {
    const tf = await loadTfjs();
    if (!tf) return TFJS_MISSING;
    let wasm: typeof import('@tensorflow/tfjs-backend-wasm');
    try {
      wasm = await import('@tensorflow/tfjs-backend-wasm');
    } catch {
      return '@tensorflow/tfjs-backend-wasm not installed (an optional peer: npm install @tensorflow/tfjs-backend-wasm)';
    }
    const [{ createRequire }, { dirname }] = await Promise.all([import('node:module'), import('node:path')]);
    let folder: string;
    try {
      // `require` in the CommonJS build, a require made from this module's URL in the ESM one.
      const resolve = typeof require === 'function' ? require.resolve : createRequire(import.meta.url).resolve;
      folder = dirname(resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    } catch {
      return '@tensorflow/tfjs-backend-wasm is installed without its dist/tfjs-backend-wasm.wasm';
    }
    wasm.setWasmPaths(`${folder}/`);
    try {
      if (!(await tf.setBackend('wasm'))) return `TF.js's wasm backend did not start (its binaries are in ${folder})`;
    } finally {
      await tf.setBackend('cpu');
    }
    return tf;
  })();
  return wasmLoading;
}

/** Runs `body` with TF.js on `backend`, then back on the CPU backend. */
export async function onBackend<T>(tf: Tfjs, backend: 'cpu' | 'wasm', body: () => T): Promise<T> {
  await tf.setBackend(backend);
  try {
    return body();
  } finally {
    await tf.setBackend('cpu');
  }
}

/** A seeded batch for a softmax network: normal features, one-hot labels. */
export function batchOf(arch: Architecture, batch: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = new Rng(seed);
  const [d, k] = [arch.sizes[0], arch.sizes[arch.sizes.length - 1]];
  const x = Float64Array.from({ length: batch * d }, () => rng.normal());
  const y = new Float64Array(batch * k);
  for (let s = 0; s < batch; s++) y[s * k + rng.int(k)] = 1;
  return { x, y };
}

/** One gradient step of a ReLU network with softmax cross-entropy, as gradlab's training study
 *  runs it (same sizes, batch and data), the gradients read back to JavaScript. */
export function tfjsTrainingStep(tf: Tfjs, sizes: readonly number[], batch: number, data: { x: Float64Array; y: Float64Array }): { step: () => void; dispose: () => void } {
  const rng = new Rng(3);
  const weights = sizes.slice(1).map((n, l) => tf.variable(tf.tensor2d(Array.from({ length: sizes[l] * n }, () => rng.normal() * Math.sqrt(2 / sizes[l])), [sizes[l], n])));
  const biases = sizes.slice(1).map((n) => tf.variable(tf.zeros([n])));
  const X = tf.tensor2d(Float32Array.from(data.x), [batch, sizes[0]], 'float32');
  const Y = tf.tensor2d(Float32Array.from(data.y), [batch, sizes[sizes.length - 1]], 'float32');
  const step = () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        let a: TF.Tensor2D = X;
        weights.forEach((w, l) => {
          const z = tf.add(tf.matMul(a, w), biases[l]) as TF.Tensor2D;
          a = l === weights.length - 1 ? z : tf.relu(z);
        });
        return tf.losses.softmaxCrossEntropy(Y, a) as TF.Scalar;
      });
      Object.values(grads).forEach((g) => g.dataSync());
    });
  return { step, dispose: () => tf.dispose([...weights, ...biases, X, Y]) };
}

/** ∇ of extended Rosenbrock at x by tf.grad over whole-vector ops, read back to JavaScript. */
export function tfjsRosenbrock(tf: Tfjs, x: readonly number[]): { gradient: () => Float32Array; dispose: () => void } {
  const n = x.length;
  const f = (v: TF.Tensor) => {
    const head = v.slice(0, n - 1);
    const tail = v.slice(1);
    return tf.sum(tf.add(tf.mul(100, tf.square(tf.sub(tail, tf.square(head)))), tf.square(tf.sub(1, head))));
  };
  const grad = tf.grad(f);
  const X = tf.tensor1d([...x], 'float32');
  return { gradient: () => tf.tidy(() => grad(X).dataSync() as Float32Array), dispose: () => X.dispose() };
}

/** The architecture every training comparison uses: ReLU hidden layers, softmax + cross-entropy. */
export const softmaxNetwork = (sizes: readonly number[]): Architecture => architecture(sizes, 'relu', 'ce');
